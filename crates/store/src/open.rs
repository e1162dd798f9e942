use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use chrono::Utc;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection, SqlitePool};

use crate::backup::{RestoreFiles, StagedRestore};
use crate::chain::{ChainHead, HeadFile};
use crate::cipher::{DbKey, keyed};
use crate::error::StoreError;
use crate::tx::Tx;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

/// The database of one counter PC.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
    head_file: HeadFile,
    restored: Option<Restored>,
    /// The restore an admin confirmed, swapped in by this open.
    staged: Option<StagedRestore>,
    /// The key the file is encrypted with (`None`: a plain file).
    key: Option<DbKey>,
    /// This open converted a plain file to an encrypted one.
    encrypted_now: bool,
    /// Rung after every commit that appended to the outbox: the sync worker pushes at once.
    written: std::sync::Arc<tokio::sync::Notify>,
}

/// The database ends before the newest entry this PC is known to have committed: it was restored
/// from an older copy. The app starts a new epoch ([`Tx::start_epoch`]) before anything else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The last sequence number in the file as opened (0 when its outbox is empty).
    pub restored_seq: i64,
    /// The newest entry the head file remembers.
    pub known: ChainHead,
}

impl Store {
    /// Opens (or creates) the database file, backs it up if migrations are pending, migrates it and
    /// imports the embedded reference data. A file written by a newer Loket is refused unchanged;
    /// a restore the admin confirmed is swapped in first.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        Self::open_with(path, None).await
    }

    /// [`Store::open`] of a file encrypted with `key` (a new file is created encrypted). A plain
    /// file, one from before encryption or a restored plain backup, is converted first.
    pub async fn open_with(path: &Path, key: Option<&DbKey>) -> Result<Self, StoreError> {
        let staged = RestoreFiles::take(path, Utc::now())?;
        let mut encrypted_now = false;
        if let Some(k) = key
            && path.exists()
            && crate::cipher::is_plain(path)?
        {
            // A newer Loket's file is refused before anything, conversion included, writes.
            refuse_newer(path, None).await?;
            crate::cipher::encrypt_in_place(path, k).await?;
            encrypted_now = true;
        }
        let mut store = Self::open_file(path, key).await?;
        store.encrypted_now = encrypted_now;
        store.restored = match (store.detect_restore().await?, &staged) {
            (Some(r), _) => Some(r),
            // A backup as new as the PC's last entry: nothing is missing, but the restore still
            // begins a new epoch, so that it stands in the audit log.
            (None, Some(_)) => {
                let tail = store.tail().await?;
                Some(Restored {
                    restored_seq: tail.as_ref().map_or(0, |t| t.seq),
                    known: store.head_file.read().or(tail).unwrap_or(ChainHead {
                        device_id: store.device().await?.device_id,
                        epoch: 0,
                        seq: 0,
                        hash: String::new(),
                    }),
                })
            }
            (None, None) => None,
        };
        store.staged = staged;
        Ok(store)
    }

    async fn open_file(path: &Path, key: Option<&DbKey>) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str("sqlite:")
            .map_err(|source| StoreError::Open {
                path: path.to_owned(),
                source,
            })?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        // 64 MiB of page cache per connection (SQLite's default is 2 MiB), taken only as pages are
        // read: with the file encrypted, a page that falls out of the cache is decrypted again,
        // and a search by a common surname over a year walks some 50 MiB of pages. With 2 MiB it
        // took 1.3 s, with 32 MiB 0.9 s, with 64 MiB 64 ms (BENCHMARKS.md, "encrypted").
        let options = keyed(options, key).pragma("cache_size", "-65536");
        let open_err = |source| StoreError::Open {
            path: path.to_owned(),
            source,
        };

        // One connection first, to find out whether the file is a database at all and whether
        // migrations are pending, before anything writes to it.
        if path.exists() {
            refuse_newer(path, key).await?;
        }
        let mut probe = options.connect().await.map_err(open_err)?;
        let pending = pending_migrations(&mut probe).await.map_err(open_err)?;
        if pending && has_user_tables(&mut probe).await.map_err(open_err)? {
            backup(&mut probe, path, key).await?;
        }
        probe.close().await.map_err(open_err)?;

        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(open_err)?;
        MIGRATOR.run(&pool).await?;
        let store = Self {
            pool,
            path: path.to_owned(),
            head_file: HeadFile::beside(path),
            restored: None,
            staged: None,
            key: key.cloned(),
            encrypted_now: false,
            written: std::sync::Arc::default(),
        };
        crate::reference::import(&store).await?;
        crate::chain::backfill_once(&store).await?;
        Ok(store)
    }

    /// Opens a copy (a backup being checked) as a database of its own: migrated like any file,
    /// refused if newer, with no head file or staged restore of this PC's looked at.
    pub async fn open_copy(path: &Path) -> Result<Self, StoreError> {
        Self::open_file(path, None).await
    }

    /// Another file (a backup being checked) opened as this database is: with its key.
    pub async fn open_sibling(&self, path: &Path) -> Result<Self, StoreError> {
        Self::open_file(path, self.key.as_ref()).await
    }

    /// Whether the file is encrypted.
    pub fn encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// This open converted a plain file to an encrypted one (the app tells the officer).
    pub fn encrypted_now(&self) -> bool {
        self.encrypted_now
    }

    pub(crate) fn key(&self) -> Option<&DbKey> {
        self.key.as_ref()
    }

    /// The restore an admin confirmed that this open swapped in (the app records it).
    pub fn staged_restore(&self) -> Option<&StagedRestore> {
        self.staged.as_ref()
    }

    async fn tail(&self) -> Result<Option<ChainHead>, StoreError> {
        let device = self.device().await?;
        let last: Option<(i64, Option<String>)> =
            sqlx::query_as("SELECT seq, hash FROM outbox ORDER BY seq DESC LIMIT 1")
                .fetch_optional(&self.pool)
                .await?;
        Ok(last.map(|(seq, hash)| ChainHead {
            device_id: device.device_id,
            epoch: device.epoch,
            seq,
            hash: hash.unwrap_or_default(),
        }))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// For reads and for tests that play an attacker editing the file. Every change goes through
    /// [`Store::begin`] and [`Tx::record`].
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Starts a transaction for one user change; see [`Tx::record`].
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Tx::begin(&self.pool, self.head_file.clone(), self.written.clone()).await
    }

    /// The bell rung after a commit that appended to the outbox (it keeps one ring for a
    /// waiter that arrives late, so a write between two waits is not missed).
    pub fn written(&self) -> std::sync::Arc<tokio::sync::Notify> {
        self.written.clone()
    }

    /// Set when the file was restored from an older copy (see [`Restored`]).
    pub fn restored(&self) -> Option<&Restored> {
        self.restored.as_ref()
    }

    async fn detect_restore(&self) -> Result<Option<Restored>, StoreError> {
        let Some(known) = self.head_file.read() else {
            return Ok(None);
        };
        let (device_id, epoch): (String, i64) =
            sqlx::query_as("SELECT device_id, epoch FROM device WHERE id = 1")
                .fetch_one(&self.pool)
                .await?;
        if known.device_id != device_id {
            // Another PC's file in this folder: nothing this PC wrote is missing from it.
            return Ok(None);
        }
        let last: Option<(i64, Option<String>)> =
            sqlx::query_as("SELECT seq, hash FROM outbox ORDER BY seq DESC LIMIT 1")
                .fetch_optional(&self.pool)
                .await?;
        let (seq, hash) = last.unwrap_or((0, None));
        let behind = seq < known.seq;
        let other_content = seq == known.seq && hash.as_deref() != Some(known.hash.as_str());
        let older_epoch = epoch < known.epoch;
        Ok(
            (behind || other_content || older_epoch).then_some(Restored {
                restored_seq: seq,
                known,
            }),
        )
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Refuses a file whose migrations table names versions this build does not have: it was
/// written by a newer Loket, and migrating or even writing to it could damage what that version
/// stored. Read through a read-only connection, so a refused file stays byte for byte as it was.
async fn refuse_newer(path: &Path, key: Option<&DbKey>) -> Result<(), StoreError> {
    let open_err = |source| StoreError::Open {
        path: path.to_owned(),
        source,
    };
    // No journal-mode pragma: on a read-only connection it could not be applied anyway.
    let mut conn = keyed(
        SqliteConnectOptions::new()
            .filename(path)
            .read_only(true)
            .busy_timeout(Duration::from_secs(5)),
        key,
    )
    .connect()
    .await
    .map_err(open_err)?;
    let has_table: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations')",
    )
    .fetch_one(&mut conn)
    .await
    .map_err(|e| not_a_database(e, path, key.is_some()))?;
    let applied: Vec<i64> = if has_table {
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut conn)
            .await
            .map_err(open_err)?
    } else {
        Vec::new()
    };
    let _ = conn.close().await;
    let unknown: Vec<i64> = applied
        .into_iter()
        .filter(|v| MIGRATOR.iter().all(|m| m.version != *v))
        .collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(StoreError::NewerSchema {
            path: path.to_owned(),
            unknown,
        })
    }
}

/// SQLite's `SQLITE_NOTADB` on a file that is not plain SQLite: encrypted with another key (or
/// opened without one). A file that is plain and still not a database is damaged, as before.
fn not_a_database(e: sqlx::Error, path: &Path, keyed: bool) -> StoreError {
    const SQLITE_NOTADB: i64 = 26;
    let notadb = matches!(&e, sqlx::Error::Database(d)
        if d.code().and_then(|c| c.parse::<i64>().ok()).map(|c| c & 0xff) == Some(SQLITE_NOTADB));
    if keyed && notadb && !crate::cipher::is_plain(path).unwrap_or(true) {
        StoreError::KeyMismatch {
            path: path.to_owned(),
        }
    } else {
        StoreError::Open {
            path: path.to_owned(),
            source: e,
        }
    }
}

async fn pending_migrations(conn: &mut sqlx::SqliteConnection) -> Result<bool, sqlx::Error> {
    let has_table: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations')",
    )
    .fetch_one(&mut *conn)
    .await?;
    if !has_table {
        return Ok(true);
    }
    let applied: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
            .fetch_all(&mut *conn)
            .await?;
    Ok(MIGRATOR.iter().any(|m| !applied.contains(&m.version)))
}

async fn has_user_tables(conn: &mut sqlx::SqliteConnection) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table')")
        .fetch_one(conn)
        .await
}

/// The export writes a consistent copy (encrypted as the file is) even while WAL frames are not
/// yet checkpointed, which a plain file copy would miss.
async fn backup(
    conn: &mut sqlx::SqliteConnection,
    path: &Path,
    key: Option<&DbKey>,
) -> Result<(), StoreError> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "loket.db".into());
    let target = path.with_file_name(format!("{file}.sebelum-migrasi-{stamp}.bak"));
    crate::cipher::export(conn, &target, key)
        .await
        .map_err(|source| StoreError::Backup {
            path: target.clone(),
            source,
        })?;
    tracing::info!(backup = %target.display(), "database copied before migrating");
    Ok(())
}
