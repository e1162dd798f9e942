use std::path::PathBuf;

/// What went wrong in the database. The inner sqlx/io error and the detail of `Corrupt` are
/// technical words for IT, the same in both languages.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    Open {
        path: PathBuf,
        #[source]
        source: sqlx::Error,
    },
    Backup {
        path: PathBuf,
        #[source]
        source: sqlx::Error,
    },
    /// A backup folder (or a file in it) could not be read or written.
    BackupFolder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The database file itself could not be read, flushed or renamed (its header read, its
    /// encrypted copy put in its place).
    File {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file was written by a newer Loket: its structure has steps this build does not know.
    /// It is refused before anything writes to it.
    NewerSchema {
        path: PathBuf,
        unknown: Vec<i64>,
    },
    /// The file is encrypted and the key given (or none) does not open it.
    KeyMismatch {
        path: PathBuf,
    },
    Migrate(#[from] sqlx::migrate::MigrateError),
    Corrupt(String),
    DuplicateUsername,
    AlreadyExists,
    /// The disk is full (SQLite's `SQLITE_FULL`): the change was rolled back whole.
    DiskFull,
    /// The file or its disk refused the write (read-only file or mount, a disk taken away, an I/O
    /// error): the change was rolled back whole.
    NotWritable(#[source] sqlx::Error),
    Sql(#[source] sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    /// Sorts out the failures an officer can act on (a full disk, a disk that refuses writes)
    /// from the rest, by SQLite's primary result code.
    fn from(e: sqlx::Error) -> Self {
        const SQLITE_READONLY: i64 = 8;
        const SQLITE_IOERR: i64 = 10;
        const SQLITE_FULL: i64 = 13;
        const SQLITE_CANTOPEN: i64 = 14;
        let primary = match &e {
            sqlx::Error::Database(d) => d
                .code()
                .and_then(|c| c.parse::<i64>().ok())
                .map(|c| c & 0xff),
            _ => None,
        };
        match primary {
            Some(SQLITE_FULL) => StoreError::DiskFull,
            Some(SQLITE_READONLY | SQLITE_IOERR | SQLITE_CANTOPEN) => StoreError::NotWritable(e),
            _ => StoreError::Sql(e),
        }
    }
}

loket_domain::bilingual!(StoreError {
    Self::Open { path, source } =>
        ["Basis data di {} tidak dapat dibuka: {source}. File tidak diubah.", path.display()]
        ["The database at {} cannot be opened: {source}. The file was not changed.", path.display()],
    Self::Backup { path, source } =>
        ["Salinan cadangan basis data gagal dibuat di {}: {source}. Basis data sendiri tidak berubah.", path.display()]
        ["The database backup could not be made at {}: {source}. The database itself is unchanged.", path.display()],
    Self::BackupFolder { path, source } =>
        ["Folder atau file cadangan {} tidak dapat dipakai: {source}. Basis data sendiri tidak berubah.", path.display()]
        ["The backup folder or file {} cannot be used: {source}. The database itself is unchanged.", path.display()],
    Self::File { path, source } =>
        ["File basis data {} tidak dapat dibaca atau ditulis: {source}.", path.display()]
        ["The database file {} cannot be read or written: {source}.", path.display()],
    Self::NewerSchema { path, unknown } =>
        ["Basis data {} ditulis oleh Loket versi yang lebih baru (langkah struktur {} tidak dikenal versi ini). Loket tidak membukanya supaya tidak ada data yang rusak: pasang Loket versi terbaru, atau pulihkan cadangan yang dibuat versi ini.", path.display(), join(unknown)]
        ["The database {} was written by a newer Loket (structure steps {} are unknown to this version). Loket does not open it, so that nothing is damaged: install the newest Loket, or restore a backup made by this version.", path.display(), join(unknown)],
    Self::KeyMismatch { path } =>
        ["Basis data {} terenkripsi, dan kunci di penyimpanan kunci sistem PC ini tidak membukanya (kunci terhapus, file berasal dari PC lain, atau file rusak). File tidak diubah. Pulihkan kunci PC ini, atau pulihkan cadangan dari PC ini.", path.display()]
        ["The database {} is encrypted, and the key in this PC's system key store does not open it (the key was removed, the file comes from another PC, or the file is damaged). The file was not changed. Restore this PC's key, or restore a backup made on this PC.", path.display()],
    Self::Migrate(e) =>
        ["Pembaruan struktur basis data gagal: {e}. Salinan cadangan tersimpan di sebelah file basis data."]
        ["Updating the database structure failed: {e}. A backup copy is kept next to the database file."],
    Self::Corrupt(detail) => ["Data tersimpan rusak: {detail}"] ["The stored data is damaged: {detail}"],
    Self::DuplicateUsername => ["Nama pengguna sudah dipakai."] ["This username is already taken."],
    Self::AlreadyExists => ["Data yang sama sudah ada."] ["The same data already exists."],
    Self::DiskFull =>
        ["Disk komputer ini penuh, jadi perubahan ini tidak tersimpan. Data yang sudah tersimpan tetap utuh dan isian formulir tidak hilang. Minta admin TI mengosongkan ruang disk, lalu simpan lagi."]
        ["This computer's disk is full, so this change was not saved. Everything saved before is intact and the form keeps what was typed. Ask the IT admin to free disk space, then save again."],
    Self::NotWritable(e) =>
        ["Basis data tidak dapat ditulis (file atau disk hanya-baca, disk terlepas, atau rusak: {e}), jadi perubahan ini tidak tersimpan. Data yang sudah tersimpan tetap utuh dan isian formulir tidak hilang. Hubungi admin TI, lalu simpan lagi."]
        ["The database cannot be written (a read-only file or disk, a disk removed, or failing: {e}), so this change was not saved. Everything saved before is intact and the form keeps what was typed. Ask the IT admin, then save again."],
    Self::Sql(e) => ["Kesalahan basis data: {e}"] ["Database error: {e}"],
});

fn join(versions: &[i64]) -> String {
    versions
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl StoreError {
    /// Maps a unique-constraint violation to `AlreadyExists`, leaving other errors as they are.
    pub(crate) fn unique(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::AlreadyExists,
            e => e.into(),
        }
    }

    pub(crate) fn corrupt(what: impl std::fmt::Display) -> Self {
        StoreError::Corrupt(what.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use loket_domain::Bilingual;

    #[test]
    fn store_errors_speak_both_languages() {
        let taken = StoreError::DuplicateUsername;
        assert_eq!(taken.to_string(), "Nama pengguna sudah dipakai.");
        assert_eq!(taken.en(), "This username is already taken.");

        let open = StoreError::Open {
            path: PathBuf::from("loket.db"),
            source: sqlx::Error::PoolClosed,
        };
        let detail = sqlx::Error::PoolClosed.to_string();
        assert_eq!(
            open.text(),
            loket_domain::Text::new(
                format!("Basis data di loket.db tidak dapat dibuka: {detail}. File tidak diubah."),
                format!(
                    "The database at loket.db cannot be opened: {detail}. The file was not changed."
                ),
            )
        );
        assert!(std::error::Error::source(&open).is_some());
    }
}
