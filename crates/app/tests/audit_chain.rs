//! The audit chain against someone holding the database file: re-chaining an edit, deleting the
//! newest entries, and putting back an older copy are all found.

#![allow(clippy::unwrap_used)] // test set-up: a failure here is a failed test

mod common;

use std::path::Path;
use std::sync::Arc;

use common::{login, monday_morning, setup_req};
use loket_app::{FixedClock, Loket, MemoryKeyVault};
use loket_store::Store;

/// Opens the office in `dir` with this PC's key store (the same across restarts, as on a real PC).
async fn open(dir: &Path, vault: &Arc<MemoryKeyVault>) -> Loket {
    let store = Store::open(&dir.join("loket.db")).await.unwrap();
    Loket::new(
        store,
        Arc::new(FixedClock::new(monday_morning())),
        vault.clone(),
    )
    .unwrap()
}

async fn busy_office(dir: &Path, vault: &Arc<MemoryKeyVault>) -> Loket {
    let loket = open(dir, vault).await;
    loket.complete_setup(&setup_req("agam")).await.unwrap();
    for _ in 0..3 {
        loket
            .login(&login("admin", "kata-sandi-kuat"))
            .await
            .unwrap();
    }
    loket
}

async fn sql(loket: &Loket, statement: &str) {
    sqlx::query(statement)
        .execute(loket.store().pool())
        .await
        .unwrap();
}

#[tokio::test]
async fn an_intact_chain_is_signed_by_this_pc_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryKeyVault::default());
    let loket = busy_office(dir.path(), &vault).await;
    let check = loket.chain_check().await.unwrap();
    assert!(check.intact, "{}", check.message);
    assert_eq!(check.entries, 5, "setup, the key, three sign-ins");
}

#[tokio::test]
async fn an_edit_re_chained_with_fresh_hashes_is_found_by_the_signed_head() {
    let dir = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryKeyVault::default());
    let loket = busy_office(dir.path(), &vault).await;
    // The attacker changes who signed in, then has every hash from there on recomputed (here by
    // the store's own one-time backfill, switched back on): the links all check out again.
    sql(&loket, "UPDATE outbox SET actor = 'penyusup' WHERE seq = 4").await;
    sql(
        &loket,
        "UPDATE outbox SET hash = NULL, prev_hash = NULL WHERE seq >= 4",
    )
    .await;
    sql(&loket, "UPDATE device SET chain_backfilled = 0").await;
    loket.store().close().await;
    let loket = open(dir.path(), &vault).await;
    assert_eq!(
        loket.store().verify_chain().await.unwrap().first_broken,
        None
    );
    let check = loket.chain_check().await.unwrap();
    assert!(!check.intact);
    assert!(
        check.message.id.contains("tanda tangan"),
        "{}",
        check.message
    );
}

#[tokio::test]
async fn nulling_hashes_and_restarting_no_longer_re_chains_anything() {
    let dir = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryKeyVault::default());
    let loket = busy_office(dir.path(), &vault).await;
    sql(
        &loket,
        "UPDATE outbox SET actor = 'penyusup', hash = NULL, prev_hash = NULL WHERE seq >= 4",
    )
    .await;
    loket.store().close().await;
    let loket = open(dir.path(), &vault).await;
    let check = loket.chain_check().await.unwrap();
    assert_eq!(
        (check.intact, check.broken_seq),
        (false, Some(4)),
        "{}",
        check.message
    );
}

#[tokio::test]
async fn deleting_the_newest_entries_is_found_even_with_the_counters_rolled_back() {
    let dir = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryKeyVault::default());
    let loket = busy_office(dir.path(), &vault).await;
    sql(&loket, "DELETE FROM outbox WHERE seq >= 4").await;
    let check = loket.chain_check().await.unwrap();
    assert_eq!(
        (check.intact, check.broken_seq),
        (false, Some(4)),
        "{}",
        check.message
    );
    // Rolling the device's counters back to the new tail: the signature still names entry 5.
    sql(&loket, "UPDATE device SET next_seq = 4, head_seq = 3, head_hash = (SELECT hash FROM outbox WHERE seq = 3)").await;
    let check = loket.chain_check().await.unwrap();
    assert!(!check.intact, "{}", check.message);
}

#[tokio::test]
async fn an_older_copy_put_back_starts_a_new_epoch_and_never_reuses_a_number() {
    let dir = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryKeyVault::default());
    let loket = busy_office(dir.path(), &vault).await;
    let copy = dir.path().join("cadangan.db");
    sqlx::query("VACUUM INTO ?")
        .bind(copy.to_string_lossy().into_owned())
        .execute(loket.store().pool())
        .await
        .unwrap();
    for _ in 0..2 {
        loket
            .login(&login("admin", "kata-sandi-kuat"))
            .await
            .unwrap();
    }
    loket.store().close().await;
    let db = dir.path().join("loket.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    std::fs::copy(&copy, &db).unwrap();

    let loket = open(dir.path(), &vault).await;
    let notice = loket.start_epoch_if_restored().await.unwrap().unwrap();
    assert!(notice.id.contains("epoch 2"), "{notice}");
    assert!(notice.en.contains("starts epoch 2"), "{}", notice.en);
    assert_eq!(
        loket.status(None).await.unwrap().restore_notice,
        Some(notice)
    );
    let (_, epoch) = {
        let entry = loket.store().outbox_latest(1).await.unwrap().remove(0);
        assert_eq!(
            entry.seq, 8,
            "numbered after the 7 entries this PC had written"
        );
        let (by, op) = loket_domain::Op::decode(&entry.op_type, &entry.payload).unwrap();
        match op {
            loket_domain::Op::EpochStarted(e) => (by, e),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(
        (epoch.epoch, epoch.restored_seq, epoch.known_seq),
        (2, 5, 7)
    );
    loket
        .login(&login("admin", "kata-sandi-kuat"))
        .await
        .unwrap();
    assert_eq!(loket.store().outbox_latest(1).await.unwrap()[0].seq, 9);
    let check = loket.chain_check().await.unwrap();
    assert!(
        check.intact,
        "the epoch's jump is part of the chain: {}",
        check.message
    );

    // Opening it again is not another restore.
    loket.store().close().await;
    let loket = open(dir.path(), &vault).await;
    assert_eq!(loket.start_epoch_if_restored().await.unwrap(), None);
}

#[tokio::test]
async fn a_chain_from_before_signed_heads_is_signed_once_at_the_upgrade_and_never_again() {
    let dir = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryKeyVault::default());
    let loket = busy_office(dir.path(), &vault).await;
    // As a PC upgraded from the previous version finds its file: entries, no signature, not adopted.
    sql(&loket, "UPDATE device SET head_seq = NULL, head_hash = NULL, head_key_id = NULL, head_signature = NULL, head_adopted = 0").await;
    assert!(!loket.chain_check().await.unwrap().intact);
    loket.adopt_unsigned_chain_head().await.unwrap();
    let check = loket.chain_check().await.unwrap();
    assert!(check.intact, "{}", check.message);
    // Later, someone nulls the signature to have the file re-signed: it stays unsigned, and broken.
    sql(&loket, "UPDATE device SET head_signature = NULL").await;
    loket.adopt_unsigned_chain_head().await.unwrap();
    assert!(!loket.chain_check().await.unwrap().intact);
}
