//! The database key: made once in the key store, the same ever after, and a clear refusal when the
//! key store is missing or has lost it.
#![allow(clippy::unwrap_used)] // test set-up: a failure here is a failed test

use loket_app::{AppError, KeyVault, MemoryKeyVault, database_key};
use loket_domain::Bilingual;

/// A key store that is not there (no Secret Service running, a locked Credential Manager).
#[derive(Debug)]
struct NoKeyStore;

impl KeyVault for NoKeyStore {
    fn load(&self, _: &str) -> Result<Option<Vec<u8>>, AppError> {
        Err(AppError::KeyStore(
            "org.freedesktop.secrets was not provided".into(),
        ))
    }
    fn store(&self, _: &str, _: &[u8]) -> Result<(), AppError> {
        Err(AppError::KeyStore(
            "org.freedesktop.secrets was not provided".into(),
        ))
    }
}

#[test]
fn the_key_is_made_once_and_only_its_name_is_beside_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let vault = MemoryKeyVault::default();
    let first = database_key(&vault, &db).unwrap();
    assert_eq!(database_key(&vault, &db).unwrap(), first);
    // Beside the database there is only the key's name, never the key.
    let id = std::fs::read_to_string(dir.path().join("loket.db.kunci")).unwrap();
    assert_eq!(id.trim().len(), 16);
    assert!(!hex_of(first.as_bytes()).contains(id.trim()));
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(
        files.len(),
        1,
        "no database is created by asking for its key"
    );
    // Another data folder (a second demo PC) gets another key.
    let lain = dir.path().join("lain");
    std::fs::create_dir_all(&lain).unwrap();
    assert_ne!(database_key(&vault, &lain.join("loket.db")).unwrap(), first);
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn without_a_key_store_loket_says_so_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let refused = database_key(&NoKeyStore, &db).unwrap_err();
    assert_eq!(refused.code(), "keystore.unavailable");
    assert!(
        refused
            .to_string()
            .contains("Penyimpanan kunci sistem tidak dapat dipakai"),
        "{refused}"
    );
    assert!(refused.to_string().contains("tanpa enkripsi"), "{refused}");
    assert!(
        refused
            .en()
            .contains("never creates an unencrypted database")
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_key_store_that_lost_the_key_is_named_and_nothing_is_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    database_key(&MemoryKeyVault::default(), &db).unwrap();
    // The same folder on a PC whose key store was reset.
    let lost = database_key(&MemoryKeyVault::default(), &db).unwrap_err();
    assert_eq!(lost.code(), "keystore.key_missing");
    assert!(
        lost.to_string()
            .contains("tidak ada di penyimpanan kunci sistem"),
        "{lost}"
    );
    let id = std::fs::read_to_string(dir.path().join("loket.db.kunci")).unwrap();
    database_key(&MemoryKeyVault::default(), &db).unwrap_err();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("loket.db.kunci")).unwrap(),
        id
    );
}
