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

/// This Loket's version (every crate of the workspace shares it). A file last opened by another
/// version is backed up before this one touches it: that is the backup before every upgrade.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Whether a file is this PC's database, or a copy being checked (never backed up, no version
/// recorded: the backup it came from stays as it was).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opening {
    Live,
    /// This PC's database, backed up already by this open (before its conversion to encrypted).
    BackedUp,
    Copy,
}

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
        let mut opening = Opening::Live;
        if let Some(k) = key
            && path.exists()
            && crate::cipher::is_plain(path)?
        {
            // A newer Loket's file is refused before anything, conversion included, writes.
            refuse_newer(path, None).await?;
            // The conversion runs after a backup, taken from the plain file but written
            // encrypted: a plain copy would undo what the conversion is for. It is also the
            // backup of this upgrade.
            let open_err = |source| StoreError::Open {
                path: path.to_owned(),
                source,
            };
            // ATTACH opens with the main connection's flags: it must be allowed to create the
            // backup (the file itself exists, so nothing is created in its place).
            let mut plain = SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(true)
                .connect()
                .await
                .map_err(open_err)?;
            if has_user_tables(&mut plain).await.map_err(open_err)? {
                let before = opened_by(&mut plain).await;
                back_up_before_upgrade(&mut plain, path, Some(k), before.as_deref()).await?;
            }
            plain.close().await.map_err(open_err)?;
            crate::cipher::encrypt_in_place(path, k).await?;
            encrypted_now = true;
            opening = Opening::BackedUp;
        }
        let mut store = Self::open_file(path, key, opening).await?;
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

    async fn open_file(
        path: &Path,
        key: Option<&DbKey>,
        opening: Opening,
    ) -> Result<Self, StoreError> {
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
        // read: with the file encrypted, a page that falls out of the cache is decrypted again.
        // Chosen when a search by a common surname walked some 50 MiB of pages (2 MiB: 1.3 s,
        // 32 MiB: 0.9 s, 64 MiB: 64 ms); the name index now carries the date and reads a few
        // pages, but whole-file reads (a backup's check, the audit chain) still pass through it.
        let options = keyed(options, key).pragma("cache_size", "-65536");
        let open_err = |source| StoreError::Open {
            path: path.to_owned(),
            source,
        };

        // One connection first, to find out whether the file is a database at all and whether
        // this is an upgrade (migrations pending, or another Loket version opened it last),
        // before anything writes to it.
        if path.exists() {
            refuse_newer(path, key).await?;
        }
        let mut probe = options.connect().await.map_err(open_err)?;
        if opening == Opening::Live && has_user_tables(&mut probe).await.map_err(open_err)? {
            let pending = pending_migrations(&mut probe).await.map_err(open_err)?;
            let before = opened_by(&mut probe).await;
            if pending || before.as_deref() != Some(VERSION) {
                back_up_before_upgrade(&mut probe, path, key, before.as_deref()).await?;
            }
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
        if opening != Opening::Copy {
            // Written only when it changes: an ordinary start changes nothing in the file (the
            // store test checks its WAL stays empty), so a full disk does not stop it opening.
            sqlx::query(
                "UPDATE device SET loket_version = ?1 WHERE id = 1 AND loket_version IS NOT ?1",
            )
            .bind(VERSION)
            .execute(&store.pool)
            .await?;
        }
        Ok(store)
    }

    /// Opens a copy (a backup being checked) as a database of its own: migrated like any file,
    /// refused if newer, with no head file or staged restore of this PC's looked at.
    pub async fn open_copy(path: &Path) -> Result<Self, StoreError> {
        Self::open_file(path, None, Opening::Copy).await
    }

    /// Another file (a backup being checked) opened as this database is: with its key.
    pub async fn open_sibling(&self, path: &Path) -> Result<Self, StoreError> {
        Self::open_file(path, self.key.as_ref(), Opening::Copy).await
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

/// The version of Loket that last opened the file; `None` for a file from before Loket recorded
/// it (the column is missing) or one never opened to the end.
async fn opened_by(conn: &mut sqlx::SqliteConnection) -> Option<String> {
    sqlx::query_scalar("SELECT loket_version FROM device WHERE id = 1")
        .fetch_optional(conn)
        .await
        .ok()
        .flatten()
        .flatten()
}

/// The backup before an upgrade: an ordinary backup in the office's backup folder (the admin's
/// choice, read from the file as the old version left it, or `cadangan` beside it), so it is
/// listed, rotated and restorable like the daily ones. A chosen folder that cannot be written
/// (a USB disk left at home) falls back to `cadangan`; with neither, the upgrade does not run.
async fn back_up_before_upgrade(
    conn: &mut sqlx::SqliteConnection,
    path: &Path,
    key: Option<&DbKey>,
    before: Option<&str>,
) -> Result<(), StoreError> {
    // The column exists only from the release that added backups; before that, the default.
    let chosen: Option<String> = sqlx::query_scalar("SELECT backup_dir FROM device WHERE id = 1")
        .fetch_optional(&mut *conn)
        .await
        .ok()
        .flatten()
        .flatten();
    let fallback = crate::backup::default_folder(path);
    let taken = match chosen.map(PathBuf::from) {
        Some(folder) if folder != fallback => {
            match crate::backup::write(conn, key, &folder, Utc::now()).await {
                Ok(b) => Ok(b),
                Err(e) => {
                    tracing::warn!(error = %e, "chosen backup folder unusable before the upgrade; using cadangan");
                    crate::backup::write(conn, key, &fallback, Utc::now()).await
                }
            }
        }
        _ => crate::backup::write(conn, key, &fallback, Utc::now()).await,
    }?;
    tracing::info!(
        backup = %taken.path.display(),
        from = before.unwrap_or("?"),
        to = VERSION,
        "database backed up before the upgrade"
    );
    Ok(())
}
