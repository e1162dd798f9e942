//! Backups, restores and files from a newer Loket, against real SQLite files.
#![allow(clippy::unwrap_used)] // test set-up: a failure here is a failed test

use std::path::Path;

use chrono::{DateTime, Duration, TimeZone, Utc};
use loket_domain::op::GraceChanged;
use loket_domain::{Author, Bilingual, Op};
use loket_store::{RestoreFiles, StagedRestore, Store, StoreError};

async fn record(store: &Store, n: u32) {
    let now = Utc::now();
    let mut tx = store.begin().await.unwrap();
    tx.record(
        &Author::system(),
        now,
        now.naive_utc(),
        &Op::GraceChanged(GraceChanged {
            before: n,
            after: n + 1,
        }),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn entries(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox")
        .fetch_one(store.pool())
        .await
        .unwrap()
}

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

/// The files in `dir` with their bytes (SQLite's shared-memory index aside, which a reader may
/// create without writing the database), to show that nothing was touched.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.to_string_lossy().ends_with("-shm"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .filter(|(name, bytes)| !(name.ends_with("-wal") && bytes.is_empty()))
        .collect();
    files.sort();
    files
}

#[tokio::test]
async fn a_database_from_a_newer_loket_is_refused_in_indonesian_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let store = Store::open(&path).await.unwrap();
    record(&store, 1).await;
    // What a later version's migration leaves behind: a step this build has never heard of.
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (29991231000001, 'future', 1, x'00', 0)",
    )
    .execute(store.pool())
    .await
    .unwrap();
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(store.pool())
        .await
        .unwrap();
    store.close().await;
    let before = snapshot(dir.path());

    let refused = Store::open(&path).await.unwrap_err();
    assert!(
        matches!(&refused, StoreError::NewerSchema { unknown, .. } if unknown == &[29991231000001]),
        "{refused:?}"
    );
    assert!(
        refused.to_string().contains("Loket versi yang lebih baru"),
        "{refused}"
    );
    assert!(refused.en().contains("written by a newer Loket"));
    assert_eq!(snapshot(dir.path()), before, "the refused file was touched");
}

#[tokio::test]
async fn backups_are_whole_copies_and_the_folder_keeps_the_newest_fourteen() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loket.db")).await.unwrap();
    let folder = dir.path().join("usb").join("cadangan");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("catatan-admin.txt"), "jangan dihapus").unwrap();

    for day in 1..=16 {
        record(&store, day).await;
        let taken = store.back_up(&folder, at(day, 1)).await.unwrap();
        assert_eq!(taken.taken_utc, at(day, 1));
        assert!(taken.bytes > 0);
    }
    let kept = loket_store::list_backups(&folder).unwrap();
    assert_eq!(kept.len(), loket_store::BACKUPS_KEPT);
    assert_eq!(kept[0].taken_utc, at(16, 1), "newest first");
    assert_eq!(kept[13].taken_utc, at(3, 1), "days 1 and 2 rotated out");
    assert!(
        folder.join("catatan-admin.txt").exists(),
        "other files stay"
    );
    let leftovers = std::fs::read_dir(&folder)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with('.')
        })
        .count();
    assert_eq!(leftovers, 0, "no partial copy left behind");

    // Each copy is a database of its own, as the PC was when it was taken.
    let copy = Store::open_copy(&kept[0].path).await.unwrap();
    assert_eq!(entries(&copy).await, 16);
    assert!(copy.verify_chain().await.unwrap().first_broken.is_none());
    let older = Store::open_copy(&kept[13].path).await.unwrap();
    assert_eq!(entries(&older).await, 3);

    // Names come from the window: only our own files are found, never a path.
    assert!(
        loket_store::find_backup(&folder, "../loket.db")
            .unwrap()
            .is_none()
    );
    assert!(
        loket_store::find_backup(&folder, "catatan-admin.txt")
            .unwrap()
            .is_none()
    );
    assert_eq!(
        loket_store::find_backup(&folder, &kept[1].name)
            .unwrap()
            .unwrap()
            .taken_utc,
        at(15, 1)
    );
}

#[tokio::test]
async fn a_confirmed_restore_is_swapped_in_at_the_next_open_and_the_replaced_file_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let store = Store::open(&path).await.unwrap();
    for n in 0..3 {
        record(&store, n).await;
    }
    let backup = store
        .back_up(&dir.path().join("cadangan"), at(20, 1))
        .await
        .unwrap();
    for n in 3..5 {
        record(&store, n).await;
    }

    // Checked but not confirmed: the next open throws the candidate away.
    let files = RestoreFiles::beside(&path);
    files.copy_in(&backup.path).unwrap();
    store.close().await;
    let store = Store::open(&path).await.unwrap();
    assert_eq!(entries(&store).await, 5);
    assert!(store.restored().is_none() && store.staged_restore().is_none());
    assert!(!files.candidate.exists());

    // Confirmed: swapped in, the PC's later entries are known to be missing.
    files.copy_in(&backup.path).unwrap();
    let staged = StagedRestore {
        backup: backup.name.clone(),
        taken_utc: backup.taken_utc,
        by: Author::system(),
    };
    files.confirm(&staged).unwrap();
    store.close().await;
    let restored = Store::open(&path).await.unwrap();
    assert_eq!(entries(&restored).await, 3);
    assert_eq!(restored.staged_restore(), Some(&staged));
    let r = restored.restored().unwrap();
    assert_eq!((r.restored_seq, r.known.seq), (3, 5));
    assert!(!files.candidate.exists());
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.to_string_lossy();
            name.contains(".sebelum-pulihkan-") && name.ends_with(".bak")
        })
        .expect("the replaced database is kept beside it");
    restored.close().await;
    let old = Store::open_copy(&kept).await.unwrap();
    assert_eq!(entries(&old).await, 5, "the replaced file holds all five");

    // Opened again, nothing is swapped and nothing is staged any more.
    let again = Store::open(&path).await.unwrap();
    assert!(again.staged_restore().is_none());
}

#[tokio::test]
async fn a_restore_of_a_backup_as_new_as_the_pc_still_starts_a_new_epoch() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let store = Store::open(&path).await.unwrap();
    record(&store, 1).await;
    let backup = store
        .back_up(
            &dir.path().join("cadangan"),
            at(20, 1) + Duration::minutes(1),
        )
        .await
        .unwrap();
    let files = RestoreFiles::beside(&path);
    files.copy_in(&backup.path).unwrap();
    files
        .confirm(&StagedRestore {
            backup: backup.name,
            taken_utc: backup.taken_utc,
            by: Author::system(),
        })
        .unwrap();
    store.close().await;
    let restored = Store::open(&path).await.unwrap();
    let r = restored
        .restored()
        .expect("a restore is always a new epoch");
    assert_eq!((r.restored_seq, r.known.seq), (1, 1));
}
