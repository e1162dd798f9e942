//! The database encrypted at rest (SQLCipher), against real files: nothing readable on disk
//! without the key, a wrong key refused, a plain file converted once, backups encrypted too.
#![allow(clippy::unwrap_used)] // test set-up: a failure here is a failed test

use std::path::Path;

use chrono::{TimeZone, Utc};
use loket_domain::op::GraceChanged;
use loket_domain::{Author, Op};
use loket_store::{DbKey, Store, StoreError};

fn key(n: u8) -> DbKey {
    DbKey::from_bytes(&[n; 32]).unwrap()
}

/// A recognisable text stored in the outbox, as a name or NIK would be.
const MARKER: &str = "Siti Rahayu 3174014506500003";

async fn record_marker(store: &Store) {
    let now = Utc::now();
    let mut tx = store.begin().await.unwrap();
    tx.record(
        &Author {
            user_id: None,
            name: MARKER.to_owned(),
        },
        now,
        now.naive_utc(),
        &Op::GraceChanged(GraceChanged {
            before: 60,
            after: 30,
        }),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// Whether any file in `dir` (recursively) holds `needle` in its bytes.
fn anywhere(dir: &Path, needle: &str) -> Vec<String> {
    let mut hits = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            hits.extend(anywhere(&path, needle));
        } else {
            // SQLite's side files may go while the folder is read (a pool closing behind).
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                hits.push(path.display().to_string());
            }
        }
    }
    hits
}

async fn entries(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox")
        .fetch_one(store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn an_encrypted_database_shows_nothing_on_disk_and_opens_only_with_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let store = Store::open_with(&path, Some(&key(7))).await.unwrap();
    let version: String = sqlx::query_scalar("PRAGMA cipher_version")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert!(!version.is_empty(), "SQLite is built as SQLCipher");
    record_marker(&store).await;
    let backup = store
        .back_up(
            &dir.path().join("cadangan"),
            Utc.with_ymd_and_hms(2026, 11, 23, 1, 0, 0).unwrap(),
        )
        .await
        .unwrap();
    store.checkpoint().await.unwrap();
    store.close().await;

    assert!(!loket_store::is_plain(&path).unwrap());
    assert!(
        !loket_store::is_plain(&backup.path).unwrap(),
        "the backup is encrypted too"
    );
    assert_eq!(anywhere(dir.path(), MARKER), Vec::<String>::new());
    assert_eq!(anywhere(dir.path(), "CREATE TABLE"), Vec::<String>::new());

    let wrong = Store::open_with(&path, Some(&key(8))).await.unwrap_err();
    assert!(matches!(wrong, StoreError::KeyMismatch { .. }), "{wrong:?}");
    assert!(wrong.to_string().contains("terenkripsi"), "{wrong}");
    let again = Store::open_with(&path, Some(&key(7))).await.unwrap();
    assert_eq!(entries(&again).await, 1);
    // The backup opens as the database does, with the same key.
    let copy = again.open_sibling(&backup.path).await.unwrap();
    assert_eq!(entries(&copy).await, 1);
    assert!(
        Store::open_copy(&backup.path).await.is_err(),
        "not without the key"
    );
}

#[tokio::test]
async fn a_plain_database_is_converted_once_and_no_plain_copy_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let plain = Store::open(&path).await.unwrap();
    record_marker(&plain).await;
    plain.close().await;
    assert!(loket_store::is_plain(&path).unwrap());
    assert!(
        !anywhere(dir.path(), MARKER).is_empty(),
        "the plain file shows it"
    );

    let converted = Store::open_with(&path, Some(&key(3))).await.unwrap();
    assert!(converted.encrypted_now() && converted.encrypted());
    assert_eq!(entries(&converted).await, 1);
    assert!(
        converted
            .verify_chain()
            .await
            .unwrap()
            .first_broken
            .is_none()
    );
    converted.checkpoint().await.unwrap();
    converted.close().await;
    assert!(!loket_store::is_plain(&path).unwrap());
    assert_eq!(anywhere(dir.path(), MARKER), Vec::<String>::new());
    // Converted after a backup, and that backup is encrypted too.
    let backups = loket_store::list_backups(&dir.path().join("cadangan")).unwrap();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(!loket_store::is_plain(&backups[0].path).unwrap());

    // Once: the next open finds it encrypted already, and takes no second backup.
    let reopened = Store::open_with(&path, Some(&key(3))).await.unwrap();
    assert!(!reopened.encrypted_now());
    assert_eq!(
        loket_store::list_backups(&dir.path().join("cadangan"))
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        entries(&reopened.open_sibling(&backups[0].path).await.unwrap()).await,
        1,
        "the backup holds what the plain file held"
    );

    // A plain backup from before is encrypted on request, in place.
    let old = dir.path().join("cadangan-lama.db");
    let plain_copy = Store::open(&old).await.unwrap();
    record_marker(&plain_copy).await;
    plain_copy.close().await;
    assert!(reopened.encrypt_copy(&old).await.unwrap());
    assert!(
        !reopened.encrypt_copy(&old).await.unwrap(),
        "already encrypted"
    );
    assert_eq!(
        entries(&reopened.open_sibling(&old).await.unwrap()).await,
        1
    );
    reopened.close().await;
    assert_eq!(anywhere(dir.path(), MARKER), Vec::<String>::new());
}

#[tokio::test]
async fn a_newer_lokets_plain_file_is_refused_before_it_is_converted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let plain = Store::open(&path).await.unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (29991231000001, 'future', 1, x'00', 0)",
    )
    .execute(plain.pool())
    .await
    .unwrap();
    plain.checkpoint().await.unwrap();
    plain.close().await;
    let before = std::fs::read(&path).unwrap();
    let refused = Store::open_with(&path, Some(&key(1))).await.unwrap_err();
    assert!(
        matches!(refused, StoreError::NewerSchema { .. }),
        "{refused:?}"
    );
    assert!(
        std::fs::read(&path).unwrap() == before,
        "left as it was, still plain"
    );
}
