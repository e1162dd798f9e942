use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use chrono::Utc;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection, SqlitePool};

use crate::chain::{ChainHead, HeadFile};
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
    /// imports the embedded reference data.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
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
        let open_err = |source| StoreError::Open {
            path: path.to_owned(),
            source,
        };

        // One connection first, to find out whether the file is a database at all and whether
        // migrations are pending, before anything writes to it.
        let mut probe = options.connect().await.map_err(open_err)?;
        let pending = pending_migrations(&mut probe).await.map_err(open_err)?;
        if pending && has_user_tables(&mut probe).await.map_err(open_err)? {
            backup(&mut probe, path).await?;
        }
        probe.close().await.map_err(open_err)?;

        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(open_err)?;
        MIGRATOR.run(&pool).await?;
        let mut store = Self {
            pool,
            path: path.to_owned(),
            head_file: HeadFile::beside(path),
            restored: None,
            written: std::sync::Arc::default(),
        };
        crate::reference::import(&store).await?;
        crate::chain::backfill_once(&store).await?;
        store.restored = store.detect_restore().await?;
        Ok(store)
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

/// `VACUUM INTO` writes a consistent copy even while WAL frames are not yet checkpointed, which a
/// plain file copy would miss.
async fn backup(conn: &mut sqlx::SqliteConnection, path: &Path) -> Result<(), StoreError> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "loket.db".into());
    let target = path.with_file_name(format!("{file}.sebelum-migrasi-{stamp}.bak"));
    sqlx::query("VACUUM INTO ?")
        .bind(target.to_string_lossy().into_owned())
        .execute(conn)
        .await
        .map_err(|source| StoreError::Backup {
            path: target.clone(),
            source,
        })?;
    tracing::info!(backup = %target.display(), "database copied before migrating");
    Ok(())
}
