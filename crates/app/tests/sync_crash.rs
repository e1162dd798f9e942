//! The sync through crashes: PostgreSQL stopped with `pg_ctl -m immediate` in the middle of
//! pushes, the central process killed with SIGKILL (`kill -9`) in the middle of pushes, and a
//! counter PC's process killed with SIGKILL in the middle of its pushes. After each run the
//! checker asserts, over a real PC (SQLite) and a real central (PostgreSQL with fsync on):
//!
//! - I1 exactly once: the central holds the PC's entries 1..N, each once, byte for byte;
//! - I3 truthful acks: every outcome the PC holds is the one the central stored;
//! - I4 effects once: every walk-in the PC booked is at the central once, with its applicants;
//! - I15 durability: the PC's database passes `PRAGMA integrity_check` and its audit chain
//!   verifies after every kill; nothing acknowledged is missing at the central after a crash;
//! - I16 liveness: once the crashes stop, the queue drains.
//!
//! The central and the PC that are killed run as child processes: this test binary started again
//! with `--ignored --exact <child>` and what the child needs in its environment.
//! `SYNC_CRASHES` (default 6) sets the crashes per run.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{Duration, TimeZone, Utc};
use common::sync::{enrol, env, signed_in, staff};
use common::*;
use loket_app::{FixedClock, Loket};
use loket_central::testing::CrashableCluster;
use loket_domain::SessionKind;
use loket_store::Store;
use rand::{Rng, SeedableRng};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap()
}

async fn open_pc(dir: &Path) -> Loket {
    let store = Store::open(&dir.join("loket.db")).await.unwrap();
    let vault = Arc::new(FileVault::in_folder(dir));
    Loket::new(store, Arc::new(FixedClock::new(now())), vault).unwrap()
}

/// A PC of Jakarta Selatan in `dir`, set up, with its staff, enrolled with the central at `base`.
async fn new_pc(dir: &Path, central: &loket_central::Central, base: &str) -> Loket {
    let loket = open_pc(dir).await;
    loket
        .complete_setup(&setup_req("jakartaselatan"))
        .await
        .unwrap();
    staff(&loket).await;
    enrol(
        &loket,
        central,
        base,
        "jakartaselatan",
        "A",
        "kata-sandi-kuat",
    )
    .await;
    loket
}

/// A central on a crashable PostgreSQL of the test's own, with today released.
async fn crashable_central() -> (CrashableCluster, loket_central::Central) {
    let cluster = CrashableCluster::start();
    let (central, _clock) = cluster.central(now()).await;
    let opens = now() - Duration::hours(1);
    loket_central::seed::approve(
        &central,
        "jakartaselatan",
        now().date_naive(),
        (80, 15, 5),
        opens,
        None,
    )
    .await
    .unwrap();
    (cluster, central)
}

/// Work at the counter: a sign-in, and every third time a walk-in of one applicant today.
async fn work(loket: &Loket, n: u32) {
    let who = signed_in(loket, "petugas").await;
    if n.is_multiple_of(3) {
        let mut req = common::counter::walk_in(
            "2026-11-23",
            SessionKind::Siang,
            vec![common::counter::applicant(
                &format!("317401120388{:04}", 1 + n % 9000),
                "Warga Uji",
                None,
                "L",
                "1988-03-12",
            )],
        );
        req.kk_number = format!("317401010125{:04}", 1 + n % 9000);
        // Within the seats the PC holds, or refused: either way nothing half-done.
        let _ = loket.create_walk_in(&who, &req).await;
    }
}

type Row = (i64, String, String, String, String);

async fn check(loket: &Loket, central: &loket_central::Central, what: &str) {
    let pc: Vec<Row> = sqlx::query_as(
        "SELECT seq, id, op_type, payload, COALESCE(hash, '') FROM outbox ORDER BY seq",
    )
    .fetch_all(loket.store().pool())
    .await
    .unwrap();
    let at_central: Vec<Row> =
        sqlx::query_as("SELECT seq, entry_id, op_type, payload, hash FROM device_log ORDER BY seq")
            .fetch_all(&central.pool)
            .await
            .unwrap();
    assert_eq!(at_central, pc, "{what}: I1");
    let outcomes: Vec<(i64, String)> =
        sqlx::query_as("SELECT seq, outcome FROM sync_outcomes ORDER BY seq")
            .fetch_all(loket.store().pool())
            .await
            .unwrap();
    let stored: Vec<(i64, String)> =
        sqlx::query_as("SELECT seq, outcome FROM device_log ORDER BY seq")
            .fetch_all(&central.pool)
            .await
            .unwrap();
    assert_eq!(outcomes, stored, "{what}: I3");
    let here: Vec<(String, i64)> = sqlx::query_as(
        "SELECT b.id, count(a.id) FROM bookings b JOIN applicants a ON a.booking_id = b.id
         WHERE b.channel = 'loket' GROUP BY b.id ORDER BY b.id",
    )
    .fetch_all(loket.store().pool())
    .await
    .unwrap();
    let there: Vec<(String, i64)> = sqlx::query_as(
        "SELECT b.booking_id::text, count(*) FROM bookings b JOIN applicants a USING (office_id, booking_id)
         WHERE b.channel = 'loket' GROUP BY b.booking_id ORDER BY 1",
    )
    .fetch_all(&central.pool)
    .await
    .unwrap();
    assert_eq!(
        here, there,
        "{what}: I4, every walk-in once with its applicants"
    );
    let ok: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(loket.store().pool())
        .await
        .unwrap();
    assert_eq!(ok, "ok", "{what}: I15");
}

/// Pushes until the queue is empty, riding out a central that is not back yet.
async fn drain(loket: &Loket) {
    let client = loket.sync_client().await.unwrap().unwrap();
    for _ in 0..200 {
        if loket.push_outbox(&client).await.is_ok()
            && loket.store().push_state().await.unwrap().waiting == 0
        {
            return;
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    panic!("I16: the queue did not drain");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_stopped_immediately_mid_push_loses_no_entry_and_applies_none_twice() {
    let crashes = env("SYNC_CRASHES", 6);
    let (cluster, central) = crashable_central().await;
    let base = loket_central::testing::serve(&central).await;
    let dir = tempfile::tempdir().unwrap();
    let loket = new_pc(dir.path(), &central, &base).await;
    let client = loket.sync_client().await.unwrap().unwrap();
    loket.pull_changes(&client, 0).await.unwrap();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let mut failed = 0;
    let mut n = 0;
    for _ in 0..crashes {
        // Entries pile up, and a push is under way when PostgreSQL goes down.
        for _ in 0..rng.random_range(20..120) {
            n += 1;
            work(&loket, n).await;
        }
        let pusher = {
            let (loket, client) = (loket.clone(), client.clone());
            tokio::spawn(async move { loket.push_outbox(&client).await.is_err() })
        };
        tokio::time::sleep(StdDuration::from_millis(rng.random_range(0..8))).await;
        cluster.crash();
        failed += u32::from(pusher.await.unwrap());
        // While it is down, a push fails as the central being unavailable: never as a gap, a
        // broken chain or a diverged entry, which would stop the PC's sync.
        if let Err(e) = loket.push_outbox(&client).await {
            assert!(
                !matches!(e.code(), "sync.gap" | "sync.chain_broken" | "sync.diverged"),
                "a push while PostgreSQL is down: {e:?}"
            );
        }
        cluster.restart();
        drain(&loket).await;
        check(&loket, &central, "after pg_ctl -m immediate").await;
    }
    println!(
        "pg_ctl -m immediate: {crashes} crashes during pushes, {failed} pushes cut by them, {n} actions; 0 invariant violations"
    );
}

/// The child that runs the central: `LOKET_CHILD_CENTRAL=<database url>|<port>`.
#[tokio::test]
#[ignore = "started by the kill -9 test as its central process"]
async fn child_central() {
    let Ok(spec) = std::env::var("LOKET_CHILD_CENTRAL") else {
        return;
    };
    let (url, port) = spec.split_once('|').unwrap();
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(10)
        .connect(url)
        .await
        .unwrap();
    let clock = Arc::new(loket_central::ManualClock::at(now()));
    let central =
        loket_central::Central::new(pool, loket_central::CentralKey::demo(), clock).unwrap();
    loket_central::testing::serve_on(&central, port.parse().unwrap()).await;
}

/// The child that works at a PC and pushes: `LOKET_CHILD_PC=<data folder>|<first action>`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "started by the kill -9 test as its counter PC process"]
async fn child_pc() {
    let Ok(spec) = std::env::var("LOKET_CHILD_PC") else {
        return;
    };
    let (dir, first) = spec.split_once('|').unwrap();
    let loket = open_pc(Path::new(dir)).await;
    let client = loket.sync_client().await.unwrap().unwrap();
    let mut n: u32 = first.parse().unwrap();
    loop {
        n += 1;
        work(&loket, n).await;
        let _ = loket.push_outbox(&client).await;
    }
}

fn child(test: &str, var: &str, value: &str) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", test, "--nocapture"])
        .env(var, value)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn wait_for(port: u16) {
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return;
        }
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
    panic!("the child central did not start");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_central_killed_mid_push_loses_no_entry_and_applies_none_twice() {
    let crashes = env("SYNC_CRASHES", 6);
    let (cluster, central) = crashable_central().await;
    let port = free_port();
    let spec = format!("{}/loket|{port}", cluster.url);
    let mut server = child("child_central", "LOKET_CHILD_CENTRAL", &spec);
    wait_for(port).await;
    let base = format!("http://127.0.0.1:{port}");
    let dir = tempfile::tempdir().unwrap();
    let loket = new_pc(dir.path(), &central, &base).await;
    let client = loket.sync_client().await.unwrap().unwrap();
    loket.pull_changes(&client, 0).await.unwrap();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    let (mut n, mut cut) = (0, 0);
    for _ in 0..crashes {
        for _ in 0..rng.random_range(20..120) {
            n += 1;
            work(&loket, n).await;
        }
        let pusher = {
            let (loket, client) = (loket.clone(), client.clone());
            tokio::spawn(async move { loket.push_outbox(&client).await.is_err() })
        };
        tokio::time::sleep(StdDuration::from_millis(rng.random_range(0..8))).await;
        server.kill().unwrap(); // SIGKILL
        server.wait().unwrap();
        cut += u32::from(pusher.await.unwrap());
        server = child("child_central", "LOKET_CHILD_CENTRAL", &spec);
        wait_for(port).await;
        drain(&loket).await;
        check(&loket, &central, "after kill -9 of the central").await;
    }
    server.kill().unwrap();
    let _ = server.wait();
    println!(
        "kill -9 of the central: {crashes} kills during pushes, {cut} pushes cut by them, {n} actions; 0 invariant violations"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_counter_pc_killed_mid_push_loses_nothing_and_pushes_nothing_twice() {
    let crashes = env("SYNC_CRASHES", 6);
    let (_cluster, central) = crashable_central().await;
    let base = loket_central::testing::serve(&central).await;
    let dir = tempfile::tempdir().unwrap();
    {
        let loket = new_pc(dir.path(), &central, &base).await;
        let client = loket.sync_client().await.unwrap().unwrap();
        loket.pull_changes(&client, 0).await.unwrap();
        loket.store().pool().close().await;
    }
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(13);
    let mut seen: HashMap<&str, i64> = HashMap::new();
    for k in 0..crashes {
        let spec = format!("{}|{}", dir.path().display(), k * 10_000);
        let mut pc = child("child_pc", "LOKET_CHILD_PC", &spec);
        tokio::time::sleep(StdDuration::from_millis(rng.random_range(300..1500))).await;
        pc.kill().unwrap(); // SIGKILL, wherever the PC is: in a walk-in, a push, a commit
        pc.wait().unwrap();
        // The PC starts again: its database opens, is whole, and its chain verifies.
        let loket = open_pc(dir.path()).await;
        let chain = loket.chain_check().await.unwrap();
        assert!(
            chain.intact,
            "I15: the audit chain after kill -9: {}",
            chain.message.en
        );
        drain(&loket).await;
        check(&loket, &central, "after kill -9 of the PC").await;
        let entries = loket.store().push_state().await.unwrap().acked_seq;
        *seen.entry("entries").or_insert(0) = entries;
        loket.store().pool().close().await;
    }
    println!(
        "kill -9 of a counter PC: {crashes} kills while it worked and pushed, {} entries in all; 0 invariant violations",
        seen["entries"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_central_restored_from_an_older_backup_gets_every_entry_again_and_the_office_is_told() {
    let (cluster, central) = crashable_central().await;
    let base = loket_central::testing::serve(&central).await;
    let dir = tempfile::tempdir().unwrap();
    let loket = new_pc(dir.path(), &central, &base).await;
    let client = loket.sync_client().await.unwrap().unwrap();
    loket.pull_changes(&client, 0).await.unwrap();
    for n in 0..12 {
        work(&loket, n).await;
    }
    drain(&loket).await;
    // Last night's backup; the day goes on, and the central acknowledges more.
    let backup = cluster.backup();
    for n in 12..30 {
        work(&loket, n).await;
    }
    drain(&loket).await;
    let acked = loket.store().push_state().await.unwrap().acked_seq;
    // The central's disk is lost; the admin restores last night's backup.
    cluster.restore(&backup);
    let holds: i64 = sqlx::query_scalar("SELECT acked_seq FROM devices")
        .fetch_one(&central.pool)
        .await
        .unwrap();
    assert!(holds < acked, "the backup is older: {holds} < {acked}");
    // The PC notices at its next pull (or push), takes a fresh copy of the office and sends
    // everything after what the central holds again.
    loket.pull_changes(&client, 0).await.unwrap();
    drain(&loket).await;
    check(&loket, &central, "after the central's restore").await;
    // New work after the restore goes on as usual, and a push that meets the restore first
    // (nothing pulled in between) catches up the same way.
    let backup = cluster.backup();
    for n in 30..36 {
        work(&loket, n).await;
    }
    drain(&loket).await;
    cluster.restore(&backup);
    work(&loket, 36).await;
    drain(&loket).await;
    check(&loket, &central, "after a second restore, met by a push").await;
    let (admin, _) = loket
        .login(&login("admin", "kata-sandi-kuat"))
        .await
        .unwrap();
    let items = loket.attention(&admin).await.unwrap();
    let told = items
        .iter()
        .find(|i| i.kind == "central_restored")
        .unwrap_or_else(|| panic!("the office is told: {items:?}"));
    assert!(
        told.message.id.contains("dipulihkan"),
        "{}",
        told.message.id
    );
    println!(
        "central restored from a backup holding {holds} of {acked} entries: {} sent again; 0 invariant violations",
        acked - holds
    );
}
