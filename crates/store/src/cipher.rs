//! The database encrypted at rest: SQLite is built as SQLCipher (libsqlite3-sys'
//! `bundled-sqlcipher`), and a file opened with a [`DbKey`] is AES-256 encrypted page by page.
//! The key is a raw 256-bit key (no passphrase, so no key derivation at every connection), kept by
//! the app in the OS key store, never in the data folder. A file opened without a key is plain
//! SQLite, as the tests' files are.
//!
//! A plain file met with a key is converted once: an encrypted copy is exported beside it,
//! checked (integrity, same tables, same outbox), and only then put in its place; a plain copy is
//! not kept, since it would hold everything the encryption is there to hide.

use std::path::{Path, PathBuf};

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection};

use crate::error::StoreError;

/// A raw SQLCipher key.
#[derive(Clone, PartialEq, Eq)]
pub struct DbKey([u8; 32]);

impl DbKey {
    pub const LEN: usize = 32;

    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        bytes.try_into().ok().map(Self)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// `x'…'`: the form SQLCipher takes as a raw key rather than a passphrase.
    fn literal(&self) -> String {
        format!("x'{}'", hex::encode_upper(self.0))
    }

    /// The value of `PRAGMA key = …`.
    fn pragma(&self) -> String {
        format!("\"{}\"", self.literal())
    }
}

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(..)")
    }
}

/// Options that open `path` with `key` (or plain without one). `PRAGMA key` must come before
/// anything reads the file; sqlx runs it first of its pragmas.
pub(crate) fn keyed(options: SqliteConnectOptions, key: Option<&DbKey>) -> SqliteConnectOptions {
    match key {
        Some(k) => options.pragma("key", k.pragma()),
        None => options,
    }
}

/// Options that open the database at `path` as a tool outside the store does (a test reading what
/// the app wrote, a benchmark's side-by-side query): no migrations, with its key when it has one.
pub fn file_options(path: &Path, key: Option<&DbKey>) -> SqliteConnectOptions {
    keyed(SqliteConnectOptions::new().filename(path), key)
}

/// Whether the file starts with SQLite's plain header. An encrypted file starts with random bytes.
pub fn is_plain(path: &Path) -> Result<bool, StoreError> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let read = std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .map(|()| true)
        .or_else(|e| {
            if e.kind() == std::io::ErrorKind::UnexpectedEof {
                Ok(false)
            } else {
                Err(e)
            }
        })
        .map_err(|source| StoreError::File {
            path: path.to_owned(),
            source,
        })?;
    // An empty or tiny file is treated as plain: SQLite would make it a new plain database.
    Ok(!read || &head == b"SQLite format 3\0")
}

/// Writes everything in the database `conn` is open on into a new file at `target`, encrypted
/// with `key` (plain without one), from one read snapshot, so counters may go on writing.
pub(crate) async fn export(
    conn: &mut SqliteConnection,
    target: &Path,
    key: Option<&DbKey>,
) -> Result<(), sqlx::Error> {
    sqlx::query("ATTACH DATABASE ? AS kopi KEY ?")
        .bind(target.to_string_lossy().into_owned())
        .bind(key.map(DbKey::literal).unwrap_or_default())
        .execute(&mut *conn)
        .await?;
    let copied = async {
        sqlx::query("BEGIN").execute(&mut *conn).await?;
        let exported = sqlx::query("SELECT sqlcipher_export('kopi')")
            .execute(&mut *conn)
            .await;
        match exported {
            Ok(_) => sqlx::query("COMMIT").execute(&mut *conn).await.map(drop),
            Err(e) => {
                let _ = sqlx::query("ROLLBACK").execute(&mut *conn).await;
                Err(e)
            }
        }
    }
    .await;
    let detached = sqlx::query("DETACH DATABASE kopi")
        .execute(&mut *conn)
        .await;
    copied?;
    detached.map(drop)
}

fn side(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

/// How many schema objects and outbox entries a file holds: the check that a copy is whole.
async fn facts(conn: &mut SqliteConnection) -> Result<(i64, i64), sqlx::Error> {
    let tables: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master")
        .fetch_one(&mut *conn)
        .await?;
    let has_outbox: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'outbox')")
            .fetch_one(&mut *conn)
            .await?;
    let entries: i64 = if has_outbox {
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox")
            .fetch_one(&mut *conn)
            .await?
    } else {
        0
    };
    Ok((tables, entries))
}

/// Converts the plain database at `path` to one encrypted with `key`, in place: exported beside
/// it, checked, flushed, then renamed over it. A crash before the rename leaves the plain file
/// (and a stray copy the next attempt removes); after it, the encrypted one.
pub async fn encrypt_in_place(path: &Path, key: &DbKey) -> Result<(), StoreError> {
    let open_err = |source| StoreError::Open {
        path: path.to_owned(),
        source,
    };
    let tmp = side(path, ".enkripsi");
    for stray in [tmp.clone(), side(&tmp, "-wal"), side(&tmp, "-shm")] {
        let _ = std::fs::remove_file(stray);
    }
    // ATTACH opens with the main connection's flags: it must be allowed to create the copy.
    let plain_options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true);
    let mut plain = plain_options.connect().await.map_err(open_err)?;
    let before = facts(&mut plain).await.map_err(open_err)?;
    export(&mut plain, &tmp, Some(key))
        .await
        .map_err(|source| StoreError::Backup {
            path: tmp.clone(),
            source,
        })?;
    plain.close().await.map_err(open_err)?;

    let mut copy = keyed(SqliteConnectOptions::new().filename(&tmp), Some(key))
        .connect()
        .await
        .map_err(open_err)?;
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut copy)
        .await
        .map_err(open_err)?;
    let after = facts(&mut copy).await.map_err(open_err)?;
    copy.close().await.map_err(open_err)?;
    if integrity != ["ok"] || after != before {
        let _ = std::fs::remove_file(&tmp);
        return Err(StoreError::corrupt(format!(
            "salinan terenkripsi tidak sama dengan aslinya ({before:?} / {after:?})"
        )));
    }
    let placed = std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .and_then(|()| {
            for stale in [side(path, "-wal"), side(path, "-shm")] {
                let _ = std::fs::remove_file(stale);
            }
            std::fs::rename(&tmp, path)
        })
        .and_then(|()| match path.parent() {
            Some(dir) => std::fs::File::open(dir).and_then(|d| d.sync_all()),
            None => Ok(()),
        });
    placed.map_err(|source| StoreError::File {
        path: path.to_owned(),
        source,
    })?;
    tracing::warn!(file = %path.display(), "plain database converted to an encrypted one");
    Ok(())
}
