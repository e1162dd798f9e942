//! Pushing 10,000 outbox entries to the central on loopback: the real push (batches of 200, one
//! transaction each) side by side with a naive one-request-per-entry push, each to a fresh central
//! on a private PostgreSQL. `cargo bench -p loket-app --bench sync_push` (`SYNC_ENTRIES` changes
//! the count). See BENCHMARKS.md.
#![allow(clippy::print_stdout, clippy::unwrap_used)]

use std::sync::Arc;
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use loket_app::{EnrolRequest, FixedClock, LoginRequest, Loket, MemoryKeyVault, SetupRequest};
use loket_domain::chain::EntryFields;
use loket_domain::op::{Author, Op, UserRef};
use loket_store::Store;
use loket_sync::{PROTOCOL, PushRequest, SyncClient};

async fn central() -> (loket_central::Central, String) {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap();
    let (central, _clock) = loket_central::testing::central_at(now).await;
    let base = loket_central::testing::serve(&central).await;
    (central, base)
}

async fn code(central: &loket_central::Central) -> String {
    loket_central::devices::issue_code(central, "jakartaselatan", "A", Duration::hours(1))
        .await
        .unwrap()
}

/// Appends `n` sign-in entries to the PC's outbox, chained exactly as the store chains them.
async fn fill(store: &Store, n: i64) {
    let pool = store.pool();
    let (device, last, prev): (String, i64, String) = sqlx::query_as(
        "SELECT (SELECT device_id FROM device WHERE id = 1), seq, hash FROM outbox
         ORDER BY seq DESC LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let mut prev = prev;
    let by = Author::user(uuid::Uuid::now_v7(), "Petugas Bench");
    let mut tx = pool.begin().await.unwrap();
    for seq in last + 1..=last + n {
        let (op_type, payload) = Op::SignedIn(UserRef {
            user_id: uuid::Uuid::now_v7(),
        })
        .encode(&by);
        let id = uuid::Uuid::now_v7().to_string();
        let (utc, local) = ("2026-11-23T03:00:00+00:00", "2026-11-23T10:00:00");
        let hash = EntryFields {
            seq,
            id: &id,
            device_id: &device,
            actor: "petugas",
            occurred_utc: utc,
            occurred_local: local,
            op_type: op_type.as_str(),
            payload: &payload,
        }
        .hash(&prev);
        sqlx::query(
            "INSERT INTO outbox (seq, id, device_id, actor, occurred_utc, occurred_local, op_type,
                 payload, prev_hash, hash) VALUES (?, ?, ?, 'petugas', ?, ?, ?, ?, ?, ?)",
        )
        .bind(seq)
        .bind(&id)
        .bind(&device)
        .bind(utc)
        .bind(local)
        .bind(op_type.as_str())
        .bind(&payload)
        .bind(&prev)
        .bind(&hash)
        .execute(&mut *tx)
        .await
        .unwrap();
        prev = hash;
    }
    sqlx::query("UPDATE device SET next_seq = ? WHERE id = 1")
        .bind(last + n + 1)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let n: i64 = std::env::var("SYNC_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loket.db")).await.unwrap();
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap(),
    ));
    let loket = Loket::new(store, clock, Arc::new(MemoryKeyVault::default())).unwrap();
    loket
        .complete_setup(&SetupRequest {
            office_slug: "jakartaselatan".into(),
            admin_username: "admin".into(),
            admin_full_name: "Admin Bench".into(),
            admin_password: "kata-sandi-kuat".into(),
            counter_code: "A".into(),
        })
        .await
        .unwrap();
    let (admin, _) = loket
        .login(&LoginRequest {
            username: "admin".into(),
            password: "kata-sandi-kuat".into(),
        })
        .await
        .unwrap();

    // The real push, into one central.
    let (first, base) = central().await;
    loket
        .enrol(
            &admin,
            &EnrolRequest {
                central_url: base,
                code: code(&first).await,
            },
        )
        .await
        .unwrap();
    fill(loket.store(), n).await;
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox")
        .fetch_one(loket.store().pool())
        .await
        .unwrap();
    let client = loket.sync_client().await.unwrap().unwrap();
    let t = Instant::now();
    let done = loket.push_outbox(&client).await.unwrap();
    let batched = t.elapsed();
    assert_eq!(i64::try_from(done.sent).unwrap(), total);

    // The naive push of the same entries, one request each, into a fresh central.
    let (second, base) = central().await;
    let enrolled = SyncClient::new(&base, "")
        .unwrap()
        .enrol("jakartaselatan", &code(&second).await)
        .await
        .unwrap();
    let naive = SyncClient::new(&base, &enrolled.token).unwrap();
    let rows: Vec<loket_store::ChainedEntry> = sqlx::query_as(
        "SELECT seq, id, device_id, actor, occurred_utc, occurred_local, op_type, payload,
             prev_hash, hash FROM outbox ORDER BY seq",
    )
    .fetch_all(loket.store().pool())
    .await
    .unwrap();
    let t = Instant::now();
    for r in rows {
        let entry = loket_app::wire_entry(r);
        naive
            .push(&PushRequest {
                protocol: PROTOCOL,
                entries: vec![entry],
            })
            .await
            .unwrap();
    }
    let one_by_one = t.elapsed();
    let rate = |d: std::time::Duration| total as f64 / d.as_secs_f64();
    println!("push of {total} outbox entries to the central on loopback");
    println!(
        "loket (batches of {})        {:>7.2} s  {:>8.0} entries/s  {} requests",
        loket_sync::MAX_BATCH,
        batched.as_secs_f64(),
        rate(batched),
        (total as u64).div_ceil(loket_sync::MAX_BATCH as u64)
    );
    println!(
        "naive (one request per entry) {:>7.2} s  {:>8.0} entries/s  {total} requests",
        one_by_one.as_secs_f64(),
        rate(one_by_one),
    );
}
