//! A simulated week of two offices with three counter PCs each, citizens booking online, and
//! outages, through seeded fault proxies; then every link heals, the PCs sync until nothing moves,
//! and a checker asserts the sync study's invariants over the whole system (§7.7):
//!
//! - I1/I2 exactly once and chained: each PC's outbox is at the central, entry for entry, and
//!   the central's copy links from the genesis to the PC's head;
//! - I3 truthful acks: every outcome a PC holds is the central's;
//! - I4 effects once: each session's online count equals a recount of its bookings;
//! - I5 no overbooking: per session, online, counter and priority bookings within their shares
//!   (overrides apart, each with its reason), and no `overflow_unapproved`;
//! - I6 escrow conserved: never more seats lent than the share (or than booked), no counter
//!   using more than it holds, and every PC holding what the central says it holds;
//! - I7 no silent drop: every walk-in of every PC is at the central, and every conflict of an
//!   office is on every PC of it;
//! - I8 convergence: every PC's bookings and applicant states equal the central's;
//! - I9 closure: no active booking on a date an office closed;
//! - I10 arrivals never undone: every arrival any PC recorded is an arrival at the central;
//! - I11 NIK freeze: no NIK in two active online bookings within 30 days;
//! - I12 uniqueness: a booking code names one booking of an office;
//! - I13 idempotent API: a citizen's booking sent again with its key is the same booking;
//! - I17 clock independence: the PCs' clocks run 2 hours slow, right, and 2 hours fast.
//!
//! The PCs' walk-ins run the real use cases: cut off, a PC books only within the seats it holds;
//! online, a PC short of seats asks, and its ask is answered by the next syncs. Arrivals are
//! checked in by scanning the families' proofs, also of online bookings a PC has not pulled yet.
//!
//! `SYNC_WEEK_SEEDS` (default 3) and `SYNC_WEEK_ROUNDS` (rounds per day, default 80) make longer
//! runs; each prints what it did and the faults injected by kind.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

#[path = "sync_week/check.rs"]
mod check;
mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use common::sync::{enrol, env, signed_in, staff};
use common::*;
use loket_app::{Actor, CheckInRequest, FixedClock, Loket, MemoryKeyVault};
use loket_central::testing::{Fault, FaultProxy};
use loket_domain::{Bilingual, PriorityReason, SessionKind};
use loket_store::Store;
use loket_sync::SyncClient;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use serde_json::json;

const OFFICES: [&str; 2] = ["jakartaselatan", "denpasar"];
const COUNTERS: [&str; 3] = ["A", "B", "C"];
/// Each PC's clock against the true time (I17).
const SKEW_MIN: [i64; 3] = [-120, 0, 120];
/// Small shares, so the week fills them: 12 online, 6 counter, 2 priority per session.
const SPLIT: (i32, i32, i32) = (12, 6, 2);

struct Pc {
    office: &'static str,
    counter: &'static str,
    loket: Loket,
    clock: Arc<FixedClock>,
    skew: Duration,
    client: SyncClient,
    proxy: FaultProxy,
    petugas: Actor,
    kepala: Actor,
    offline: bool,
    _dir: tempfile::TempDir,
}

/// An online booking as the citizen holds it.
struct Online {
    office: &'static str,
    code: String,
    date: NaiveDate,
    session: SessionKind,
    proof: String,
}

/// What the week did.
#[derive(Debug, Default)]
struct Tally {
    online_booked: u32,
    online_full: u32,
    walk_ins: u32,
    overrides: u32,
    refused: BTreeMap<&'static str, u32>,
    arrivals: u32,
    from_proof: u32,
    syncs: u32,
    sync_failed: u32,
    outages: u32,
    closures: u32,
}

/// 10:00 in Jakarta on `day` (11:00 in Denpasar).
fn morning(day: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(3, 0, 0).unwrap())
}

async fn pc(
    central: &loket_central::Central,
    base: &str,
    office: &'static str,
    counter: &'static str,
    skew: Duration,
    seed: u64,
) -> Pc {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loket.db")).await.unwrap();
    let clock = Arc::new(FixedClock::new(monday_morning() + skew));
    // This simulation drives every PC's sync itself: an ask for seats goes out with the next one.
    let loket = Loket::new(store, clock.clone(), Arc::new(MemoryKeyVault::default()))
        .unwrap()
        .with_seat_wait(std::time::Duration::ZERO);
    let mut setup = setup_req(office);
    setup.counter_code = counter.into();
    loket.complete_setup(&setup).await.unwrap();
    staff(&loket).await;
    enrol(&loket, central, base, office, counter, "kata-sandi-kuat").await;
    // From here on the PC reaches the central only through its own fault proxy.
    let proxy = FaultProxy::start(
        base.trim_start_matches("http://").parse().unwrap(),
        seed,
        0.3,
    )
    .await
    .unwrap();
    sqlx::query("UPDATE sync_state SET central_url = ?")
        .bind(proxy.url())
        .execute(loket.store().pool())
        .await
        .unwrap();
    let client = loket.sync_client().await.unwrap().unwrap();
    Pc {
        office,
        counter,
        petugas: signed_in(&loket, "petugas").await,
        kepala: signed_in(&loket, "kepala").await,
        loket,
        clock,
        skew,
        client,
        proxy,
        offline: false,
        _dir: dir,
    }
}

/// Push then pull; a fault only ever looks like an unreachable central. `Some(moved)` when both
/// went through, `moved` when anything was sent, pulled or given back.
async fn sync(p: &Pc, t: &mut Tally) -> Option<bool> {
    t.syncs += 1;
    let done = async {
        let pushed = p.loket.push_outbox(&p.client).await?;
        let pulled = p.loket.pull_changes(&p.client, 0).await?;
        if std::env::var_os("SYNC_WEEK_DEBUG").is_some() {
            println!(
                "{}/{}: sent {} pulled {:?} given back {}",
                p.office, p.counter, pushed.sent, pulled.applied, pulled.seats_given_back
            );
        }
        Ok::<_, loket_app::AppError>(
            pushed.sent > 0 || pulled.applied.changed() || pulled.seats_given_back > 0,
        )
    }
    .await;
    match done {
        Ok(moved) => Some(moved),
        Err(e) => {
            assert_eq!(
                e.code(),
                "sync.unreachable",
                "{}/{}: {e}",
                p.office,
                p.counter
            );
            t.sync_failed += 1;
            None
        }
    }
}

/// A name for the applicant with `serial` (names hold letters only).
fn name(serial: u32) -> String {
    let letters: String = serial
        .to_string()
        .bytes()
        .map(|d| char::from(b'a' + (d - b'0')))
        .collect();
    format!("Warga {}", letters.to_uppercase())
}

fn nik(serial: u32) -> String {
    // Tebet (317401), born in March 1988 (a man), a day per 9,000 serials. Not the 15th: a NIK
    // born on the 15th reads as a placeholder date, a warning the officer must acknowledge.
    let day = [12, 13, 14, 16, 17, 18, 19][(serial / 9000) as usize % 7];
    format!("317401{day}0388{:04}", 1 + serial % 9000)
}

async fn book_online(
    http: &reqwest::Client,
    base: &str,
    office: &'static str,
    date: NaiveDate,
    session: SessionKind,
    size: usize,
    serial: &mut u32,
) -> Option<Online> {
    let applicants: Vec<_> = (0..size)
        .map(|i| {
            *serial += 1;
            json!({"nik": nik(*serial), "fullName": name(*serial),
                   "relation": if i == 0 { "pemohon" } else { "anak" }, "applicationType": "baru"})
        })
        .collect();
    let body = json!({"office": office, "date": date, "session": session.as_str(),
                      "kkNumber": "3174010101250001", "applicants": applicants});
    let key = uuid::Uuid::now_v7().to_string();
    let send = || {
        http.post(format!("{base}/v1/bookings"))
            .header("Idempotency-Key", &key)
            .json(&body)
            .send()
    };
    let res = send().await.unwrap();
    if res.status() != 201 {
        return None;
    }
    let v: serde_json::Value = res.json().await.unwrap();
    // I13: the citizen's phone sends it again (the answer was lost): the same booking, not a
    // second one.
    if serial.is_multiple_of(5) {
        let again: serde_json::Value = send().await.unwrap().json().await.unwrap();
        assert_eq!(
            again["code"], v["code"],
            "I13: a retried booking is the same booking"
        );
    }
    Some(Online {
        office,
        code: v["code"].as_str().unwrap().to_owned(),
        date,
        session,
        proof: v["proof"].as_str().unwrap().to_owned(),
    })
}

async fn walk_in(p: &Pc, rng: &mut impl Rng, date: NaiveDate, serial: &mut u32, t: &mut Tally) {
    let size = rng.random_range(1..=3);
    let session = *SessionKind::ALL.choose(rng).unwrap();
    let applicants = (0..size)
        .map(|i| {
            *serial += 1;
            let n = nik(*serial);
            let birth = format!("19{}-03-{}", &n[10..12], &n[6..8]);
            common::counter::applicant(
                &n,
                &name(*serial),
                (i > 0).then_some(loket_domain::Relation::Anak),
                "L",
                &birth,
            )
        })
        .collect();
    let mut req = common::counter::walk_in(&date.to_string(), session, applicants);
    req.kk_number = format!("317401010125{:04}", 1 + *serial % 9_999);
    if rng.random_bool(0.2) {
        req.priority = Some(PriorityReason::Disabilitas);
    }
    let override_it = rng.random_bool(0.05);
    let who = if override_it {
        req.override_reason = Some("Pemohon datang dari luar kota".into());
        &p.kepala
    } else {
        &p.petugas
    };
    match p.loket.create_walk_in(who, &req).await {
        Ok(_) if override_it => t.overrides += 1,
        Ok(_) => t.walk_ins += 1,
        Err(e) => {
            let code = e.code();
            assert!(
                matches!(
                    code,
                    "walkin.no_seats" | "walkin.full" | "walkin.invalid" | "walkin.unacknowledged"
                ),
                "{}/{}: a walk-in failed unexpectedly: {e:?}",
                p.office,
                p.counter
            );
            if std::env::var_os("SYNC_WEEK_DEBUG").is_some() {
                println!("{}/{}: {}", p.office, p.counter, e.text().id);
                if code == "walkin.unacknowledged" {
                    let check = p.loket.check_walk_in(&p.petugas, &req).await.unwrap();
                    println!("  {:?}", check.issues);
                }
            }
            *t.refused.entry(code).or_insert(0) += 1;
        }
    }
}

/// Scans a family's proof and checks every applicant in (an online booking, maybe not pulled yet).
async fn check_in(
    p: &Pc,
    o: &Online,
    arrived: &mut BTreeSet<(&'static str, String)>,
    t: &mut Tally,
) {
    let Ok(scanned) = p
        .loket
        .scan_proof(&p.petugas, &o.proof, Some(o.session))
        .await
    else {
        return;
    };
    if scanned.already_done {
        return;
    }
    let unpulled = scanned.booking.id.starts_with("bukti:");
    let ids = scanned
        .booking
        .applicants
        .iter()
        .map(|a| a.id.clone())
        .collect();
    let req = CheckInRequest {
        code: o.code.clone(),
        applicant_ids: ids,
    };
    if p.loket.check_in(&p.petugas, &req).await.is_ok() {
        arrived.insert((o.office, o.code.clone()));
        t.arrivals += 1;
        t.from_proof += u32::from(unpulled);
    }
}

/// One seeded week; returns the faults injected and what it did.
async fn week(seed: u64, rounds: u64) -> (BTreeMap<Fault, u32>, Tally) {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let (central, central_clock) = loket_central::testing::central_at(monday_morning()).await;
    let base = loket_central::testing::serve(&central).await;
    let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let days: Vec<NaiveDate> = (0..9)
        .map(|i| monday + Duration::days(i))
        .filter(|d| chrono::Datelike::weekday(d).num_days_from_monday() < 5)
        .collect();
    let opens = monday_morning() - Duration::hours(1);
    for office in OFFICES {
        for d in &days {
            loket_central::seed::approve(&central, office, *d, SPLIT, opens, None)
                .await
                .unwrap();
        }
    }
    let mut pcs = Vec::new();
    for (o, office) in OFFICES.iter().enumerate() {
        for (c, counter) in COUNTERS.iter().enumerate() {
            let skew = Duration::minutes(SKEW_MIN[c]);
            let s = seed * 100 + (o * 10 + c) as u64;
            pcs.push(pc(&central, &base, office, counter, skew, s).await);
        }
    }
    let mut t = Tally::default();
    for p in &pcs {
        sync(p, &mut t).await;
    }
    let http = reqwest::Client::new();
    let mut serial = u32::try_from(seed).unwrap() * 50_000;
    let mut online: Vec<Online> = Vec::new();
    let mut arrived: BTreeSet<(&'static str, String)> = BTreeSet::new();
    let mut closed: Vec<(&'static str, NaiveDate)> = Vec::new();

    for (i, day) in days.iter().take(5).enumerate() {
        let now = morning(*day);
        central_clock.set(now);
        for p in &pcs {
            p.clock.set(now + p.skew);
        }
        for _ in 0..rounds {
            let roll: f64 = rng.random();
            let pc_at = rng.random_range(0..pcs.len());
            if roll < 0.25 {
                // A citizen books online, today or in the days ahead.
                let office = *OFFICES.choose(&mut rng).unwrap();
                let date = days[(i + rng.random_range(0..3)).min(days.len() - 1)];
                let session = *SessionKind::ALL.choose(&mut rng).unwrap();
                let size = rng.random_range(1..=3);
                match book_online(&http, &base, office, date, session, size, &mut serial).await {
                    Some(b) => {
                        t.online_booked += 1;
                        online.push(b);
                    }
                    None => t.online_full += 1,
                }
            } else if roll < 0.50 {
                let p = &pcs[pc_at];
                if !p.offline {
                    sync(p, &mut t).await;
                }
            } else if roll < 0.75 {
                let p = &pcs[pc_at];
                let date = if rng.random_bool(0.7) {
                    *day
                } else {
                    days[(i + 1).min(days.len() - 1)]
                };
                walk_in(p, &mut rng, date, &mut serial, &mut t).await;
            } else if roll < 0.92 {
                let p = &pcs[pc_at];
                let today: Vec<&Online> = online
                    .iter()
                    .filter(|o| {
                        o.office == p.office
                            && o.date == *day
                            && !arrived.contains(&(o.office, o.code.clone()))
                    })
                    .collect();
                if let Some(o) = today.choose(&mut rng) {
                    check_in(p, o, &mut arrived, &mut t).await;
                }
            } else if roll < 0.99 {
                // An outage starts or ends at one PC. Cut off, its clock moves on a little, so it
                // knows it has not heard from the central lately.
                let p = &mut pcs[pc_at];
                p.offline = !p.offline;
                if p.offline {
                    t.outages += 1;
                    p.skew += Duration::minutes(1);
                    p.clock.set(now + p.skew);
                }
            } else if closed.len() < 2 {
                // The kepala closes a date three working days ahead.
                let p = &pcs[pc_at];
                let date = days[(i + 3).min(days.len() - 1)];
                if !closed.contains(&(p.office, date))
                    && p.loket
                        .close_date(&p.kepala, &date.to_string(), "Perbaikan gedung kantor")
                        .await
                        .is_ok()
                {
                    closed.push((p.office, date));
                    t.closures += 1;
                }
            }
        }
    }

    // Heal every link and sync until nothing moves (seats given back are lent on, twice over).
    for p in &mut pcs {
        p.proxy.heal();
        p.offline = false;
    }
    let mut quiet = false;
    for _ in 0..12 {
        let mut moved = false;
        for p in &pcs {
            let m = sync(p, &mut t).await;
            assert!(
                m.is_some(),
                "{}/{}: a healed link failed",
                p.office,
                p.counter
            );
            moved |= m == Some(true);
        }
        if !moved {
            quiet = true;
            break;
        }
    }
    if !quiet {
        let rows: Vec<String> = sqlx::query_scalar(
            "SELECT concat_ws(' ', office_id, counter_code, day, session, share, 'allotted', allotted,
                 'wanted', wanted, 'recall', recall)
             FROM seat_allotments WHERE recall > 0 OR wanted > 0 ORDER BY 1",
        )
        .fetch_all(&central.pool)
        .await
        .unwrap();
        println!("seats asked or recalled at the central: {rows:#?}");
        for p in &pcs {
            let wants = p
                .loket
                .store()
                .seat_wants(
                    Utc::now() - Duration::days(3650),
                    monday,
                    Duration::days(3650),
                )
                .await
                .unwrap();
            println!("{}/{} wants {wants:?}", p.office, p.counter);
        }
    }
    assert!(quiet, "seed {seed}: I16, the PCs never settled");
    let mut faults = BTreeMap::new();
    for p in &pcs {
        for (f, n) in p.proxy.tally() {
            *faults.entry(f).or_insert(0) += n;
        }
    }
    check::check(&central, &pcs, &arrived, &closed, days[4], seed).await;
    (faults, t)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_week_of_two_offices_with_three_counters_each_through_faults_and_outages_converges() {
    let seeds = env("SYNC_WEEK_SEEDS", 3);
    let rounds = env("SYNC_WEEK_ROUNDS", 80);
    let mut faults: BTreeMap<Fault, u32> = BTreeMap::new();
    for seed in env("SYNC_WEEK_FIRST", 0)..seeds {
        let (f, t) = week(seed, rounds).await;
        println!("seed {seed}: {t:?}");
        assert!(
            t.walk_ins > 0 && t.arrivals > 0 && t.online_booked > 0,
            "{t:?}"
        );
        for (k, n) in f {
            *faults.entry(k).or_insert(0) += n;
        }
    }
    let injected: u32 = faults
        .iter()
        .filter(|(f, _)| **f != Fault::Pass)
        .map(|(_, n)| n)
        .sum();
    println!(
        "sync week: {seeds} seeds × 5 days × {rounds} rounds, 2 offices × 3 PCs, {injected} faults injected: {faults:?}; 0 invariant violations"
    );
    assert!(
        injected > 0,
        "the proxies injected no fault: the test proved nothing"
    );
}
