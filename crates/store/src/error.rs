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
    Migrate(#[from] sqlx::migrate::MigrateError),
    Corrupt(String),
    DuplicateUsername,
    AlreadyExists,
    Sql(#[from] sqlx::Error),
}

loket_domain::bilingual!(StoreError {
    Self::Open { path, source } =>
        ["Basis data di {} tidak dapat dibuka: {source}. File tidak diubah.", path.display()]
        ["The database at {} cannot be opened: {source}. The file was not changed.", path.display()],
    Self::Backup { path, source } =>
        ["Salinan cadangan basis data sebelum pembaruan gagal dibuat di {}: {source}", path.display()]
        ["The database backup before the update could not be made at {}: {source}", path.display()],
    Self::Migrate(e) =>
        ["Pembaruan struktur basis data gagal: {e}. Salinan cadangan tersimpan di sebelah file basis data."]
        ["Updating the database structure failed: {e}. A backup copy is kept next to the database file."],
    Self::Corrupt(detail) => ["Data tersimpan rusak: {detail}"] ["The stored data is damaged: {detail}"],
    Self::DuplicateUsername => ["Nama pengguna sudah dipakai."] ["This username is already taken."],
    Self::AlreadyExists => ["Data yang sama sudah ada."] ["The same data already exists."],
    Self::Sql(e) => ["Kesalahan basis data: {e}"] ["Database error: {e}"],
});

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
