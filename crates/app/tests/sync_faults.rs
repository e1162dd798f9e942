//! The push under faults. Seeded runs: a PC writes entries and pushes them through a fault proxy
//! that drops requests before the central sees them, drops answers after the central acted, cuts
//! answers half-way, sends requests twice and delays them. After the proxy heals, the checker
//! asserts the sync study's invariants for the push:
//!
//! - I1 exactly once, nothing lost: the central holds the PC's entries 1..N, each once, with the
//!   very payload and hash;
//! - I2 chain: the central's copy verifies link by link and ends at the PC's head;
//! - I3 truthful acknowledgements: the PC's acknowledged number never went down, and every outcome
//!   the PC holds is the one the central stored;
//! - I16 liveness: once the faults stop, the queue drains.
//!
//! `SYNC_FAULT_SEEDS` (default 6) and `SYNC_FAULT_ACTIONS` (default 40) make longer runs; each run
//! prints its faults by kind.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

mod common;

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use common::sync::{enrol, env};
use common::*;
use loket_central::testing::{Fault, FaultProxy};
use rand::{Rng, SeedableRng};

type Row = (i64, String, String, String, String, String);

async fn pc_log(o: &Office) -> Vec<Row> {
    sqlx::query_as(
        "SELECT seq, id, op_type, payload, COALESCE(prev_hash, ''), COALESCE(hash, '')
         FROM outbox ORDER BY seq",
    )
    .fetch_all(o.loket.store().pool())
    .await
    .unwrap()
}

async fn central_log(c: &loket_central::Central) -> Vec<Row> {
    sqlx::query_as(
        "SELECT seq, entry_id, op_type, payload, prev_hash, hash FROM device_log ORDER BY seq",
    )
    .fetch_all(&c.pool)
    .await
    .unwrap()
}

/// One seeded run; returns the faults it injected.
async fn run(seed: u64, actions: u64) -> BTreeMap<Fault, u32> {
    let o = set_up("jakartaselatan").await;
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap();
    let (central, _clock) = loket_central::testing::central_at(now).await;
    let base = loket_central::testing::serve(&central).await;
    enrol(
        &o.loket,
        &central,
        &base,
        "jakartaselatan",
        "A",
        "kata-sandi-kuat",
    )
    .await;
    // From here on the PC reaches the central only through the proxy.
    let upstream = base.trim_start_matches("http://").parse().unwrap();
    let proxy = FaultProxy::start(upstream, seed, 0.5).await.unwrap();
    sqlx::query("UPDATE sync_state SET central_url = ?")
        .bind(proxy.url())
        .execute(o.loket.store().pool())
        .await
        .unwrap();
    let client = o.loket.sync_client().await.unwrap().unwrap();

    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut acked = 0i64;
    for _ in 0..actions {
        if rng.random_bool(0.6) {
            o.loket
                .login(&login("admin", "kata-sandi-kuat"))
                .await
                .unwrap();
            continue;
        }
        match o.loket.push_outbox(&client).await {
            Ok(done) => assert!(
                done.acked_seq >= acked,
                "seed {seed}: acknowledged went back"
            ),
            // A fault only ever looks like a network failure: never a gap, never a broken chain.
            Err(e) => assert_eq!(e.code(), "sync.unreachable", "seed {seed}: {e}"),
        }
        let now_acked = o.loket.store().push_state().await.unwrap().acked_seq;
        assert!(
            now_acked >= acked,
            "seed {seed}: I3, the acknowledged number went down"
        );
        acked = now_acked;
    }

    // Heal: the queue drains (I16).
    proxy.heal();
    let done = o.loket.push_outbox(&client).await.unwrap();
    assert_eq!(
        o.loket.store().push_state().await.unwrap().waiting,
        0,
        "seed {seed}: I16"
    );

    // I1: the same entries, each once, byte for byte.
    let pc = pc_log(&o).await;
    let at_central = central_log(&central).await;
    assert_eq!(at_central, pc, "seed {seed}: I1");
    assert_eq!(done.acked_seq, pc.last().unwrap().0);
    // I2: the central's copy chains from the genesis to the PC's head.
    let mut prev = loket_domain::chain::GENESIS.to_owned();
    for (seq, _, _, _, prev_hash, hash) in &at_central {
        assert_eq!(prev_hash, &prev, "seed {seed}: I2 at {seq}");
        prev.clone_from(hash);
    }
    // I3: every outcome the PC holds is the central's.
    let pc_outcomes: Vec<(i64, String)> =
        sqlx::query_as("SELECT seq, outcome FROM sync_outcomes ORDER BY seq")
            .fetch_all(o.loket.store().pool())
            .await
            .unwrap();
    let central_outcomes: Vec<(i64, String)> =
        sqlx::query_as("SELECT seq, outcome FROM device_log ORDER BY seq")
            .fetch_all(&central.pool)
            .await
            .unwrap();
    assert_eq!(pc_outcomes, central_outcomes, "seed {seed}: I3");
    proxy.tally()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pushes_through_dropped_cut_duplicated_and_delayed_messages_store_every_entry_once() {
    let seeds = env("SYNC_FAULT_SEEDS", 6);
    let actions = env("SYNC_FAULT_ACTIONS", 40);
    let mut total: BTreeMap<Fault, u32> = BTreeMap::new();
    for seed in 0..seeds {
        for (fault, n) in run(seed, actions).await {
            *total.entry(fault).or_insert(0) += n;
        }
    }
    let faults: u32 = total
        .iter()
        .filter(|(f, _)| **f != Fault::Pass)
        .map(|(_, n)| n)
        .sum();
    println!(
        "sync push under faults: {seeds} seeds × {actions} actions, {faults} faults injected: {total:?}; 0 invariant violations"
    );
    assert!(
        faults > 0,
        "the proxy injected no fault: the test proved nothing"
    );
}
