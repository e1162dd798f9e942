use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Basis data di {path} tidak dapat dibuka: {source}. File tidak diubah.")]
    Open {
        path: PathBuf,
        #[source]
        source: sqlx::Error,
    },
    #[error("Salinan cadangan basis data sebelum pembaruan gagal dibuat di {path}: {source}")]
    Backup {
        path: PathBuf,
        #[source]
        source: sqlx::Error,
    },
    #[error(
        "Pembaruan struktur basis data gagal: {0}. Salinan cadangan tersimpan di sebelah file basis data."
    )]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("Data tersimpan rusak: {0}")]
    Corrupt(String),
    #[error("Nama pengguna sudah dipakai.")]
    DuplicateUsername,
    #[error("Data yang sama sudah ada.")]
    AlreadyExists,
    #[error("Kesalahan basis data: {0}")]
    Sql(#[from] sqlx::Error),
}

impl StoreError {
    /// Maps a unique-constraint violation to `AlreadyExists`, leaving other errors as they are.
    pub(crate) fn unique(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::AlreadyExists,
            e => StoreError::Sql(e),
        }
    }

    pub(crate) fn corrupt(what: impl std::fmt::Display) -> Self {
        StoreError::Corrupt(what.to_string())
    }
}
