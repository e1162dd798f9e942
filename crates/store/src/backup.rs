//! Backups an admin can restore: consistent copies of the database in a folder (the data folder's
//! `cadangan`, or one the admin chose, such as a USB disk), named by the UTC instant they were
//! taken, rotated so that the newest [`KEEP`] remain.
//!
//! A restore is staged, never done under a running app: the chosen backup is copied beside the
//! database, opened and verified there (which also migrates a backup from an older Loket and
//! refuses one from a newer), and only a verified copy with its marker is swapped in by the next
//! [`Store::open`](crate::Store::open), before anything else reads the file. The file it replaces
//! is kept beside it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use loket_domain::Author;
use serde::{Deserialize, Serialize};

use crate::error::StoreError;
use crate::open::Store;

/// How many daily backups a folder keeps; older ones are removed after each new one.
pub const KEEP: usize = 14;

const PREFIX: &str = "loket-cadangan-";
const SUFFIX: &str = ".db";
const STAMP: &str = "%Y%m%dT%H%M%SZ";

/// One backup file in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    /// The file name, which is how the window names a backup back to the app.
    pub name: String,
    pub taken_utc: DateTime<Utc>,
    pub bytes: u64,
}

impl BackupFile {
    fn name_at(at: DateTime<Utc>) -> String {
        format!("{PREFIX}{}{SUFFIX}", at.format(STAMP))
    }

    fn read(path: PathBuf) -> Option<Self> {
        let name = path.file_name()?.to_str()?.to_owned();
        let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
        let taken = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
        let bytes = std::fs::metadata(&path).ok()?.len();
        Some(Self {
            path,
            name,
            taken_utc: taken,
            bytes,
        })
    }
}

fn io_error(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::BackupFolder {
        path: path.to_owned(),
        source,
    }
}

/// The backups in `folder`, newest first (none when the folder does not exist yet). Other files in
/// the folder are left out and never touched.
pub fn list(folder: &Path) -> Result<Vec<BackupFile>, StoreError> {
    let entries = match std::fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_error(folder, e)),
    };
    let mut files: Vec<BackupFile> = entries
        .filter_map(Result::ok)
        .filter_map(|e| BackupFile::read(e.path()))
        .collect();
    files.sort_by_key(|b| std::cmp::Reverse(b.taken_utc));
    Ok(files)
}

/// The backup called `name` in `folder`; `None` for a name that is not one of ours (the window
/// sends names, so a path such as `../x` never reaches the file system).
pub fn find(folder: &Path, name: &str) -> Result<Option<BackupFile>, StoreError> {
    Ok(list(folder)?.into_iter().find(|b| b.name == name))
}

/// Removes the oldest backups beyond `keep`; returns the names removed.
pub fn rotate(folder: &Path, keep: usize) -> Result<Vec<String>, StoreError> {
    let mut removed = Vec::new();
    for old in list(folder)?.into_iter().skip(keep) {
        std::fs::remove_file(&old.path).map_err(|e| io_error(&old.path, e))?;
        removed.push(old.name);
    }
    Ok(removed)
}

/// Flushes a file (or a folder's entry list) to the disk.
fn sync_path(path: &Path) -> std::io::Result<()> {
    std::fs::File::open(path)?.sync_all()
}

/// Where backups go when the admin chose no folder: `cadangan` beside the database.
pub fn default_folder(db: &Path) -> PathBuf {
    const DEFAULT: &str = "cadangan";
    db.parent()
        .map_or_else(|| PathBuf::from(DEFAULT), |d| d.join(DEFAULT))
}

/// Writes a consistent copy of the database `conn` reads into `folder` (created if missing), named
/// by `at`, then keeps the newest [`KEEP`]. The export reads one snapshot while counters go on
/// writing and is encrypted with the database's own key; the copy is written under a temporary
/// name, flushed and renamed, so the folder never holds half a backup under a backup's name.
pub(crate) async fn write(
    conn: &mut sqlx::SqliteConnection,
    key: Option<&crate::DbKey>,
    folder: &Path,
    at: DateTime<Utc>,
) -> Result<BackupFile, StoreError> {
    std::fs::create_dir_all(folder).map_err(|e| io_error(folder, e))?;
    let target = folder.join(BackupFile::name_at(at));
    let partial = folder.join(format!(
        ".{}.{}.sebagian",
        BackupFile::name_at(at),
        uuid::Uuid::now_v7().simple()
    ));
    if let Err(source) = crate::cipher::export(conn, &partial, key).await {
        let _ = std::fs::remove_file(&partial);
        return Err(StoreError::Backup {
            path: target,
            source,
        });
    }
    let placed = sync_path(&partial)
        .and_then(|()| std::fs::rename(&partial, &target))
        .and_then(|()| sync_path(folder));
    if let Err(e) = placed {
        let _ = std::fs::remove_file(&partial);
        return Err(io_error(&target, e));
    }
    let removed = rotate(folder, KEEP)?;
    tracing::info!(
        backup = %target.display(),
        removed = removed.len(),
        "database backed up"
    );
    BackupFile::read(target.clone()).ok_or_else(|| {
        io_error(
            &target,
            std::io::Error::new(std::io::ErrorKind::NotFound, "backup vanished"),
        )
    })
}

impl Store {
    /// A backup into `folder`, as [`write`] describes.
    pub async fn back_up(
        &self,
        folder: &Path,
        at: DateTime<Utc>,
    ) -> Result<BackupFile, StoreError> {
        let mut conn = self
            .pool()
            .acquire()
            .await
            .map_err(|source| StoreError::Backup {
                path: folder.join(BackupFile::name_at(at)),
                source,
            })?;
        write(&mut conn, self.key(), folder, at).await
    }
}

/// What a database holds, as the check of a backup reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseFacts {
    /// `PRAGMA integrity_check` answered `ok`.
    pub integrity_ok: bool,
    /// The last sequence number in the outbox (0 when empty).
    pub last_seq: i64,
    /// Office-local time of the newest entry.
    pub last_entry_local: Option<String>,
    pub bookings: i64,
}

impl Store {
    /// SQLite's own check of every page and index, and what the file holds.
    pub async fn facts(&self) -> Result<DatabaseFacts, StoreError> {
        let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(self.pool())
            .await?;
        let last: Option<(i64, String)> =
            sqlx::query_as("SELECT seq, occurred_local FROM outbox ORDER BY seq DESC LIMIT 1")
                .fetch_optional(self.pool())
                .await?;
        let bookings: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bookings")
            .fetch_one(self.pool())
            .await?;
        Ok(DatabaseFacts {
            integrity_ok: integrity == ["ok"],
            last_seq: last.as_ref().map_or(0, |l| l.0),
            last_entry_local: last.map(|l| l.1),
            bookings,
        })
    }

    /// Encrypts a plain copy (a backup from before encryption) with this database's key, in place.
    /// Does nothing for a plain database or a copy already encrypted.
    pub async fn encrypt_copy(&self, path: &Path) -> Result<bool, StoreError> {
        match self.key() {
            Some(key) if crate::cipher::is_plain(path)? => {
                crate::cipher::encrypt_in_place(path, key).await?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// The last sequence number in the outbox (0 when empty).
    pub async fn last_seq(&self) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM outbox")
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// Moves everything in the WAL into the database file itself, so the file alone is whole.
    pub async fn checkpoint(&self) -> Result<(), StoreError> {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

/// A restore the admin confirmed, carried from the window that confirmed it to the next start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StagedRestore {
    /// The backup's file name.
    pub backup: String,
    pub taken_utc: DateTime<Utc>,
    /// The admin who confirmed it (the next start records the restore in their name).
    pub by: Author,
}

/// The files of a staged restore beside the database `db`.
#[derive(Debug, Clone)]
pub struct RestoreFiles {
    /// The verified copy that replaces the database.
    pub candidate: PathBuf,
    /// Written last, when the admin confirms: without it the candidate is never swapped in.
    marker: PathBuf,
}

impl RestoreFiles {
    pub fn beside(db: &Path) -> Self {
        let name = db
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| "loket.db".into());
        Self {
            candidate: db.with_file_name(format!("{name}.pulihkan")),
            marker: db.with_file_name(format!("{name}.pulihkan.json")),
        }
    }

    /// Copies `backup` to the candidate's place (any earlier candidate and marker are dropped).
    pub fn copy_in(&self, backup: &Path) -> Result<(), StoreError> {
        self.discard();
        let partial = self.candidate.with_extension("pulihkan.sebagian");
        std::fs::copy(backup, &partial)
            .and_then(|_| sync_path(&partial))
            .and_then(|()| std::fs::rename(&partial, &self.candidate))
            .map_err(|e| io_error(&self.candidate, e))
    }

    /// Confirms the verified candidate: the next start swaps it in.
    pub fn confirm(&self, staged: &StagedRestore) -> Result<(), StoreError> {
        let partial = self.marker.with_extension("json.sebagian");
        let bytes = serde_json::to_vec_pretty(staged)
            .map_err(|e| StoreError::corrupt(format!("penanda pemulihan: {e}")))?;
        std::fs::write(&partial, bytes)
            .and_then(|()| sync_path(&partial))
            .and_then(|()| std::fs::rename(&partial, &self.marker))
            .map_err(|e| io_error(&self.marker, e))
    }

    /// A checked candidate with its confirmation: the next start swaps it in.
    pub fn is_confirmed(&self) -> bool {
        self.candidate.exists() && self.marker.exists()
    }

    /// Removes a candidate and marker, and what SQLite left beside the candidate.
    pub fn discard(&self) {
        for p in self.side_files() {
            let _ = std::fs::remove_file(p);
        }
        let _ = std::fs::remove_file(&self.marker);
    }

    fn side_files(&self) -> Vec<PathBuf> {
        let c = self.candidate.to_string_lossy().into_owned();
        vec![
            self.candidate.clone(),
            PathBuf::from(format!("{c}-wal")),
            PathBuf::from(format!("{c}-shm")),
            PathBuf::from(format!("{c}.kepala-rantai.json")),
        ]
    }

    /// At start, before the database is opened: swaps a confirmed candidate in, keeping the file
    /// it replaces (and its WAL) beside it as `<db>.sebelum-pulihkan-<stamp>.bak`. A candidate
    /// without a marker (a check the admin did not confirm) is removed.
    pub(crate) fn take(db: &Path, now: DateTime<Utc>) -> Result<Option<StagedRestore>, StoreError> {
        let files = Self::beside(db);
        let staged: Option<StagedRestore> = match std::fs::read(&files.marker) {
            Ok(bytes) => serde_json::from_slice(&bytes).ok(),
            Err(_) => None,
        };
        let Some(staged) = staged.filter(|_| files.candidate.exists()) else {
            files.discard();
            return Ok(None);
        };
        let name = db
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| "loket.db".into());
        let kept = db.with_file_name(format!("{name}.sebelum-pulihkan-{}.bak", now.format(STAMP)));
        let moved = (|| -> std::io::Result<()> {
            if db.exists() {
                std::fs::rename(db, &kept)?;
            }
            for side in ["-wal", "-shm"] {
                let from = PathBuf::from(format!("{}{side}", db.display()));
                if from.exists() {
                    std::fs::rename(&from, format!("{}{side}", kept.display()))?;
                }
            }
            std::fs::rename(&files.candidate, db)?;
            if let Some(dir) = db.parent() {
                sync_path(dir)?;
            }
            Ok(())
        })();
        moved.map_err(|e| io_error(db, e))?;
        files.discard();
        tracing::warn!(
            backup = %staged.backup,
            kept = %kept.display(),
            "backup restored in place of the database"
        );
        Ok(Some(staged))
    }
}
