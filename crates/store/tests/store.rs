//! The store against real SQLite files in a temporary folder.
#![allow(clippy::unwrap_used)] // test set-up: a failure here is a failed test

use chrono::{NaiveDate, Utc};
use loket_domain::Bilingual;
use loket_domain::op::GraceChanged;
use loket_domain::{Author, Op};
use loket_store::{ChainBreak, Store, StoreError};

/// A small operation to fill the outbox with.
fn op(n: u32) -> Op {
    Op::GraceChanged(GraceChanged {
        before: n,
        after: n + 1,
    })
}

async fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loket.db")).await.unwrap();
    (dir, store)
}

#[tokio::test]
async fn a_new_file_gets_the_schema_reference_data_and_safe_pragmas() {
    let (_dir, store) = fresh().await;
    let offices: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM offices")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let holidays: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM holidays")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!((offices, holidays), (150, 79));
    let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!((journal.as_str(), sync, fk), ("wal", 2, 1));
    let device = store.device().await.unwrap();
    assert_eq!(device.office_slug, None);
    assert_eq!(device.next_seq, 1);
}

#[tokio::test]
async fn reopening_keeps_data_and_takes_no_backup_when_nothing_is_pending() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let first = Store::open(&path).await.unwrap();
    let device = first.device().await.unwrap().device_id;
    first.close().await;
    let again = Store::open(&path).await.unwrap();
    assert_eq!(again.device().await.unwrap().device_id, device);
    // An ordinary start writes nothing (a PC whose disk filled up overnight still opens): the
    // write-ahead log the last close emptied is still empty.
    let wal = std::fs::metadata(dir.path().join("loket.db-wal")).map_or(0, |m| m.len());
    assert_eq!(wal, 0, "the open wrote to the file");
    let backups = loket_store::list_backups(&dir.path().join("cadangan")).unwrap();
    assert_eq!(backups, []);
}

/// Makes the file look as if another Loket version opened it last.
async fn opened_by_older_version(path: &std::path::Path) {
    let store = Store::open(path).await.unwrap();
    sqlx::query("UPDATE device SET loket_version = '0.0.9' WHERE id = 1")
        .execute(store.pool())
        .await
        .unwrap();
    store.close().await;
}

#[tokio::test]
async fn the_first_start_of_another_version_backs_the_file_up_before_touching_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let cadangan = dir.path().join("cadangan");
    let store = Store::open(&path).await.unwrap();
    let device = store.device().await.unwrap().device_id;
    store.close().await;

    // An upgrade with no schema change: still backed up, once.
    opened_by_older_version(&path).await;
    let store = Store::open(&path).await.unwrap();
    store.close().await;
    let backups = loket_store::list_backups(&cadangan).unwrap();
    assert_eq!(backups.len(), 1);
    let copy = Store::open_copy(&backups[0].path).await.unwrap();
    assert_eq!(copy.device().await.unwrap().device_id, device);
    copy.close().await;
    Store::open(&path).await.unwrap().close().await;
    assert_eq!(loket_store::list_backups(&cadangan).unwrap().len(), 1);

    // Into the folder the admin chose (a USB disk) ...
    let usb = tempfile::tempdir().unwrap();
    let store = Store::open(&path).await.unwrap();
    store
        .set_backup_dir(Some(&usb.path().display().to_string()))
        .await
        .unwrap();
    store.close().await;
    opened_by_older_version(&path).await;
    Store::open(&path).await.unwrap().close().await;
    assert_eq!(loket_store::list_backups(usb.path()).unwrap().len(), 1);

    // ... and to `cadangan` when that disk is not there: the upgrade is not held up by it.
    let gone = usb.path().join("dicabut");
    let store = Store::open(&path).await.unwrap();
    store
        .set_backup_dir(Some(&gone.join("x").display().to_string()))
        .await
        .unwrap();
    store.close().await;
    std::fs::write(&gone, "not a folder").unwrap();
    opened_by_older_version(&path).await;
    // Backups are named by the second they were taken.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    Store::open(&path).await.unwrap().close().await;
    assert_eq!(loket_store::list_backups(&cadangan).unwrap().len(), 2);
}

#[tokio::test]
async fn an_existing_file_is_backed_up_before_migrations_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    {
        use sqlx::{ConnectOptions, Connection};
        let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .connect()
            .await
            .unwrap();
        sqlx::query("CREATE TABLE catatan_lama (isi TEXT)")
            .execute(&mut conn)
            .await
            .unwrap();
        sqlx::query("INSERT INTO catatan_lama VALUES ('jangan hilang')")
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    }
    Store::open(&path).await.unwrap().close().await;
    // An ordinary backup in the folder the admin restores from, not a stray file beside the
    // database.
    let backups = loket_store::list_backups(&dir.path().join("cadangan")).unwrap();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let backup = backups[0].path.clone();
    use sqlx::{ConnectOptions, Connection};
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&backup)
        .connect()
        .await
        .unwrap();
    let kept: String = sqlx::query_scalar("SELECT isi FROM catatan_lama")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(kept, "jangan hilang");
    conn.close().await.unwrap();
}

#[tokio::test]
async fn a_corrupted_file_is_reported_in_indonesian_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 31 % 251) as u8).collect();
    std::fs::write(&path, &garbage).unwrap();
    let err = Store::open(&path).await.unwrap_err();
    assert!(matches!(err, StoreError::Open { .. }), "{err:?}");
    assert!(err.to_string().starts_with("Basis data di "), "{err}");
    assert!(err.to_string().ends_with("File tidak diubah."), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
}

#[tokio::test]
async fn outbox_sequence_is_gap_free_even_when_a_change_is_abandoned() {
    let (_dir, store) = fresh().await;
    let now = Utc::now();
    let local = now.naive_utc();
    let mut tx = store.begin().await.unwrap();
    let first = tx
        .record(&Author::system(), now, local, &op(1))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut abandoned = store.begin().await.unwrap();
    abandoned
        .record(&Author::system(), now, local, &op(0))
        .await
        .unwrap();
    drop(abandoned); // rolled back: its number must be reused

    let mut tx = store.begin().await.unwrap();
    tx.upsert_quota(
        "agam",
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        loket_domain::SessionKind::Pagi,
        100,
    )
    .await
    .unwrap();
    let second = tx
        .record(&Author::system(), now, local, &op(2))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    assert_eq!((first.seq, second.seq), (1, 2));
    assert!(second.id > first.id, "UUIDv7 ids sort by time");
    let entries = store.outbox_latest(10).await.unwrap();
    let read: Vec<Op> = entries
        .iter()
        .map(|e| Op::decode(&e.op_type, &e.payload).unwrap().1)
        .collect();
    assert_eq!(read, [op(2), op(1)]);
    assert!(entries.iter().all(|e| e.device_id == entries[0].device_id));
}

#[tokio::test]
async fn a_change_whose_outbox_write_fails_leaves_no_trace() {
    let (_dir, store) = fresh().await;
    let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let mut tx = store.begin().await.unwrap();
    tx.upsert_quota("agam", date, loket_domain::SessionKind::Pagi, 100)
        .await
        .unwrap();
    // An unknown office violates the foreign key: the whole change must be refused.
    let refused = tx
        .upsert_quota("tidak-ada", date, loket_domain::SessionKind::Pagi, 100)
        .await;
    assert!(refused.is_err());
    drop(tx);
    assert!(
        store
            .quota_between("agam", date, date)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.outbox_latest(10).await.unwrap().is_empty());
}

async fn three_changes(store: &Store) {
    let now = Utc::now();
    for n in 1..=3 {
        let mut tx = store.begin().await.unwrap();
        tx.record(&Author::system(), now, now.naive_utc(), &op(n))
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
}

#[tokio::test]
async fn the_audit_chain_verifies_and_points_at_an_edited_row() {
    let (_dir, store) = fresh().await;
    three_changes(&store).await;
    let report = store.verify_chain().await.unwrap();
    assert_eq!((report.entries, report.first_broken), (3, None));

    sqlx::query("UPDATE outbox SET payload = '{\"n\":20}' WHERE seq = 2")
        .execute(store.pool())
        .await
        .unwrap();
    let broken = store.verify_chain().await.unwrap().first_broken.unwrap();
    assert_eq!(broken.seq, 2);
    assert_eq!(broken.reason, ChainBreak::Altered);
}

#[tokio::test]
async fn the_audit_chain_notices_a_deleted_row_and_a_forged_link() {
    let (_dir, store) = fresh().await;
    three_changes(&store).await;
    sqlx::query("DELETE FROM outbox WHERE seq = 2")
        .execute(store.pool())
        .await
        .unwrap();
    assert_eq!(
        store
            .verify_chain()
            .await
            .unwrap()
            .first_broken
            .unwrap()
            .seq,
        3
    );

    let (_dir, store) = fresh().await;
    three_changes(&store).await;
    // Re-hashing an edited row is not enough: the next row still links to the old hash.
    sqlx::query("UPDATE outbox SET actor = 'penyusup', hash = 'ff' WHERE seq = 1")
        .execute(store.pool())
        .await
        .unwrap();
    assert_eq!(
        store
            .verify_chain()
            .await
            .unwrap()
            .first_broken
            .unwrap()
            .seq,
        1
    );
}

#[tokio::test]
async fn an_edit_with_its_hashes_nulled_stays_broken_after_a_restart() {
    // The old recipe: edit a payload, null the hashes from there on, restart. The store chained
    // unhashed rows on every open, so this verified; it backfills once, behind the migration.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let store = Store::open(&path).await.unwrap();
    three_changes(&store).await;
    sqlx::query("UPDATE outbox SET payload = replace(payload, '\"after\":3', '\"after\":30')")
        .execute(store.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE outbox SET prev_hash = NULL, hash = NULL WHERE seq >= 2")
        .execute(store.pool())
        .await
        .unwrap();
    store.close().await;
    let reopened = Store::open(&path).await.unwrap();
    let broken = reopened.verify_chain().await.unwrap().first_broken.unwrap();
    assert_eq!(broken.seq, 2);
}

#[tokio::test]
async fn deleting_the_newest_entries_is_noticed() {
    let (_dir, store) = fresh().await;
    three_changes(&store).await;
    sqlx::query("DELETE FROM outbox WHERE seq >= 2")
        .execute(store.pool())
        .await
        .unwrap();
    let broken = store.verify_chain().await.unwrap().first_broken.unwrap();
    assert_eq!(broken.seq, 2);
    assert_eq!(
        broken.reason,
        ChainBreak::TailMissing {
            recorded: 3,
            last: 1
        }
    );
    assert!(
        broken.reason.to_string().contains("sampai no. 3"),
        "{}",
        broken.reason
    );
    assert!(
        broken.reason.en().contains("up to no. 3"),
        "{}",
        broken.reason.en()
    );
}

#[tokio::test]
async fn a_file_restored_from_an_older_copy_is_recognised_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let store = Store::open(&path).await.unwrap();
    three_changes(&store).await;
    let copy = dir.path().join("cadangan.db");
    sqlx::query("VACUUM INTO ?")
        .bind(copy.to_string_lossy().into_owned())
        .execute(store.pool())
        .await
        .unwrap();
    three_changes(&store).await;
    store.close().await;
    assert_eq!(Store::open(&path).await.unwrap().restored(), None);

    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    std::fs::copy(&copy, &path).unwrap();
    let restored = Store::open(&path).await.unwrap();
    let r = restored.restored().unwrap();
    assert_eq!((r.restored_seq, r.known.seq), (3, 6));
    // Its own chain is intact: only the head file knows entries 4 to 6 existed.
    assert_eq!(restored.verify_chain().await.unwrap().first_broken, None);
}

/// Every text a state enum can take is accepted by its column's CHECK, and nothing else is: the
/// migrations' lists and the domain's enums say the same.
#[tokio::test]
async fn the_schema_accepts_exactly_the_texts_of_the_state_enums() {
    use loket_domain::{
        ApplicantStatus, ApplicationType, BookingStatus, Category, Channel, Decision, KeyOrigin,
        ProposalStatus, Relation, SessionKind, Sex,
    };
    let (_dir, store) = fresh().await;
    let pool = store.pool();
    for sql in [
        "INSERT INTO bookings (id, code, office_slug, date, session, channel, category, kk_number, created_utc)
         VALUES ('b', 'K', 'agam', '2026-12-01', 'pagi', 'online', 'reguler', '3174010101250001', 'now')",
        "INSERT INTO applicants (id, booking_id, position, nik, full_name, relation, sex, birth_date, application_type)
         VALUES ('a', 'b', 1, '3174011203880001', 'Andi', 'pemohon', 'L', '1988-03-12', 'baru')",
        "INSERT INTO users (id, username, full_name, role, password_hash, created_utc)
         VALUES ('u', 'u', 'U', 'kepala', 'x', 'now')",
        "INSERT INTO proposals (id, office_slug, proposer_id, created_utc) VALUES ('p', 'agam', 'u', 'now')",
        "INSERT INTO proposal_days (proposal_id, date, session, online, counter, priority)
         VALUES ('p', '2026-12-01', 'pagi', 1, 1, 1)",
        "INSERT INTO signing_keys (key_id, public_key, origin, added_utc)
         VALUES ('k', zeroblob(32), 'central', 'now')",
    ] {
        sqlx::query(sql).execute(pool).await.unwrap();
    }
    let columns: Vec<(&str, &str, Vec<&str>)> = vec![
        (
            "bookings",
            "status",
            BookingStatus::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        (
            "bookings",
            "channel",
            Channel::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        (
            "bookings",
            "category",
            Category::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        (
            "bookings",
            "session",
            SessionKind::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        (
            "applicants",
            "status",
            ApplicantStatus::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        (
            "applicants",
            "application_type",
            ApplicationType::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        (
            "applicants",
            "sex",
            [Sex::L, Sex::P].iter().map(|s| s.as_str()).collect(),
        ),
        (
            "applicants",
            "relation",
            [
                Relation::Pemohon,
                Relation::SuamiIstri,
                Relation::Anak,
                Relation::AyahIbu,
            ]
            .iter()
            .map(|r| r.as_str())
            .collect(),
        ),
        (
            "proposals",
            "status",
            ProposalStatus::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        (
            "proposal_days",
            "decision",
            Decision::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        (
            "signing_keys",
            "origin",
            KeyOrigin::ALL.iter().map(|s| s.as_str()).collect(),
        ),
    ];
    for (table, column, texts) in columns {
        for text in &texts {
            sqlx::query(&format!("UPDATE {table} SET {column} = ?"))
                .bind(text)
                .execute(pool)
                .await
                .unwrap_or_else(|e| panic!("{table}.{column} refuses {text}: {e}"));
        }
        let refused = sqlx::query(&format!("UPDATE {table} SET {column} = 'tidak_dikenal'"))
            .execute(pool)
            .await;
        assert!(refused.is_err(), "{table}.{column} accepts any text");
    }
}
