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

type Applicants = Vec<(i64, String)>;

/// `code -> (status, [(position, status)])` of an office's bookings at the central.
async fn central_bookings(
    c: &loket_central::Central,
    office: &str,
) -> BTreeMap<String, (String, Applicants)> {
    let rows: Vec<(String, String, i16, String)> = sqlx::query_as(
        "SELECT b.code, b.status, a.position, a.status FROM bookings b
         JOIN applicants a USING (office_id, booking_id) WHERE b.office_id = $1
         ORDER BY b.code, a.position",
    )
    .bind(office)
    .fetch_all(&c.pool)
    .await
    .unwrap();
    let mut out: BTreeMap<String, (String, Applicants)> = BTreeMap::new();
    for (code, status, pos, a) in rows {
        out.entry(code)
            .or_insert_with(|| (status, Vec::new()))
            .1
            .push((i64::from(pos) + 1, a));
    }
    out
}

async fn pc_bookings(p: &Pc) -> BTreeMap<String, (String, Applicants)> {
    let rows: Vec<(String, String, i64, String)> = sqlx::query_as(
        "SELECT b.code, b.status, a.position, a.status FROM bookings b
         JOIN applicants a ON a.booking_id = b.id ORDER BY b.code, a.position",
    )
    .fetch_all(p.loket.store().pool())
    .await
    .unwrap();
    let mut out: BTreeMap<String, (String, Applicants)> = BTreeMap::new();
    for (code, status, pos, a) in rows {
        out.entry(code)
            .or_insert_with(|| (status, Vec::new()))
            .1
            .push((pos, a));
    }
    out
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
    check(&central, &pcs, &arrived, &closed, days[4], seed).await;
    (faults, t)
}

async fn check(
    central: &loket_central::Central,
    pcs: &[Pc],
    arrived: &BTreeSet<(&'static str, String)>,
    closed: &[(&'static str, NaiveDate)],
    last_day: NaiveDate,
    seed: u64,
) {
    let c = &central.pool;
    for p in pcs {
        let at = format!("seed {seed}, {}/{}", p.office, p.counter);
        // I1, I2: the PC's outbox is at the central, entry for entry, chained to its head.
        let device: String = sqlx::query_scalar("SELECT device_id FROM device WHERE id = 1")
            .fetch_one(p.loket.store().pool())
            .await
            .unwrap();
        let mine: Vec<(i64, String, String, String)> =
            sqlx::query_as("SELECT seq, id, payload, hash FROM outbox ORDER BY seq")
                .fetch_all(p.loket.store().pool())
                .await
                .unwrap();
        let theirs: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT seq, entry_id, payload, hash FROM device_log WHERE pc_device_id = $1 ORDER BY seq",
        )
        .bind(&device)
        .fetch_all(c)
        .await
        .unwrap();
        assert_eq!(theirs, mine, "{at}: I1");
        let links: Vec<(String, String)> = sqlx::query_as(
            "SELECT prev_hash, hash FROM device_log WHERE pc_device_id = $1 ORDER BY seq",
        )
        .bind(&device)
        .fetch_all(c)
        .await
        .unwrap();
        let mut prev = loket_domain::chain::GENESIS.to_owned();
        for (link, hash) in links {
            assert_eq!(link, prev, "{at}: I2, the central's copy of the chain");
            prev = hash;
        }
        assert_eq!(
            p.loket.store().push_state().await.unwrap().waiting,
            0,
            "{at}: I16"
        );
        // I3: every outcome the PC holds is the central's.
        let outcomes: Vec<(i64, String)> =
            sqlx::query_as("SELECT seq, outcome FROM sync_outcomes ORDER BY seq")
                .fetch_all(p.loket.store().pool())
                .await
                .unwrap();
        let stored: Vec<(i64, String)> = sqlx::query_as(
            "SELECT seq, outcome FROM device_log WHERE pc_device_id = $1 ORDER BY seq",
        )
        .bind(&device)
        .fetch_all(c)
        .await
        .unwrap();
        assert_eq!(outcomes, stored, "{at}: I3");
        // I8 convergence, I7 (every walk-in of the PC is at the central), I10 (arrivals).
        let here = pc_bookings(p).await;
        let there = central_bookings(central, p.office).await;
        assert_eq!(here, there, "{at}: I8");
        for (_, code) in arrived.iter().filter(|(o, _)| *o == p.office) {
            if let Some((_, applicants)) = there.get(code) {
                assert!(
                    applicants.iter().all(|(_, s)| s == "arrived"),
                    "{at}: I10 {code} {applicants:?}"
                );
            }
        }
        let proofs: i64 = sqlx::query_scalar("SELECT count(*) FROM proof_bookings")
            .fetch_one(p.loket.store().pool())
            .await
            .unwrap();
        assert_eq!(
            proofs, 0,
            "{at}: every proof check-in merged into its booking"
        );
        // I7: every conflict of the office is on the PC.
        let keys: BTreeSet<String> = sqlx::query_scalar("SELECT conflict_key FROM sync_conflicts")
            .fetch_all(p.loket.store().pool())
            .await
            .unwrap()
            .into_iter()
            .collect();
        let raised: BTreeSet<String> =
            sqlx::query_scalar("SELECT conflict_key FROM conflicts WHERE office_id = $1")
                .bind(p.office)
                .fetch_all(c)
                .await
                .unwrap()
                .into_iter()
                .collect();
        assert_eq!(keys, raised, "{at}: I7 conflicts");
        // I6: the PC holds what the central says, and uses no more than it holds.
        // From the week's last day on (a PC that first synced mid-week never got the days past).
        let held: Vec<(String, String, String, i64)> = sqlx::query_as(
            "SELECT date, session, share, allotted FROM seat_allotments WHERE date >= ?
             ORDER BY 1, 2, 3",
        )
        .bind(last_day.to_string())
        .fetch_all(p.loket.store().pool())
        .await
        .unwrap();
        let lent: Vec<(String, String, String, i64)> = sqlx::query_as(
            "SELECT day::text, session, share, allotted::int8 FROM seat_allotments
             WHERE office_id = $1 AND counter_code = $2 AND day >= $3 ORDER BY 1, 2, 3",
        )
        .bind(p.office)
        .bind(p.counter)
        .bind(last_day)
        .fetch_all(c)
        .await
        .unwrap();
        let nonzero = |v: Vec<(String, String, String, i64)>| -> Vec<_> {
            v.into_iter().filter(|r| r.3 > 0).collect()
        };
        assert_eq!(nonzero(held), nonzero(lent), "{at}: I6 holdings");
    }
    // I4, I5, I6 per session and share, at the central.
    let sessions: Vec<(String, NaiveDate, String, i32, i32, i32, i32)> = sqlx::query_as(
        "SELECT office_id, day, session, online, counter, priority, online_booked FROM quota",
    )
    .fetch_all(c)
    .await
    .unwrap();
    for (office, day, session, online, counter, priority, online_booked) in sessions {
        let at = format!("seed {seed}, {office} {day} {session}");
        let recount = |sql: &'static str| {
            let (office, session) = (office.clone(), session.clone());
            async move {
                sqlx::query_scalar::<_, i64>(sql)
                    .bind(office)
                    .bind(day)
                    .bind(session)
                    .fetch_one(c)
                    .await
                    .unwrap()
            }
        };
        let sold = recount(
            "SELECT count(*) FROM bookings b JOIN applicants a USING (office_id, booking_id)
             WHERE b.office_id = $1 AND b.day = $2 AND b.session = $3 AND b.channel = 'online'
               AND b.status = 'active'",
        )
        .await;
        assert!(
            sold <= i64::from(online),
            "{at}: I5 online {sold} > {online}"
        );
        assert!(i64::from(online_booked) <= i64::from(online), "{at}: I5");
        assert_eq!(i64::from(online_booked), sold, "{at}: I4 online count");
        for (share, limit) in [("reguler", counter), ("prioritas", priority)] {
            let sql: &'static str = if share == "reguler" {
                "SELECT count(*) FROM bookings b JOIN applicants a USING (office_id, booking_id)
                 WHERE b.office_id = $1 AND b.day = $2 AND b.session = $3 AND b.channel = 'loket'
                   AND b.category = 'reguler' AND b.status = 'active' AND a.status <> 'cancelled'
                   AND b.override_reason IS NULL"
            } else {
                "SELECT count(*) FROM bookings b JOIN applicants a USING (office_id, booking_id)
                 WHERE b.office_id = $1 AND b.day = $2 AND b.session = $3 AND b.channel = 'loket'
                   AND b.category = 'prioritas' AND b.status = 'active' AND a.status <> 'cancelled'
                   AND b.override_reason IS NULL"
            };
            let used = recount(sql).await;
            assert!(
                used <= i64::from(limit),
                "{at}: I5 {share} {used} > {limit}"
            );
            let lent: i64 = sqlx::query_scalar(
                "SELECT COALESCE(sum(allotted), 0)::int8 FROM seat_allotments
                 WHERE office_id = $1 AND day = $2 AND session = $3 AND share = $4",
            )
            .bind(&office)
            .bind(day)
            .bind(&session)
            .bind(if share == "reguler" {
                "loket"
            } else {
                "prioritas"
            })
            .fetch_one(c)
            .await
            .unwrap();
            assert!(
                lent <= i64::from(limit).max(used),
                "{at}: I6 {share} lent {lent} > {limit}"
            );
        }
    }
    let unapproved: i64 =
        sqlx::query_scalar("SELECT count(*) FROM conflicts WHERE kind = 'overflow_unapproved'")
            .fetch_one(c)
            .await
            .unwrap();
    assert_eq!(unapproved, 0, "seed {seed}: I5 overflow nobody approved");
    let beyond: i64 = sqlx::query_scalar(
        "WITH used AS (
             SELECT b.office_id, b.counter_code, b.day, b.session,
                    CASE WHEN b.category = 'prioritas' THEN 'prioritas' ELSE 'loket' END AS share,
                    count(*) AS n
             FROM bookings b JOIN applicants a USING (office_id, booking_id)
             WHERE b.channel = 'loket' AND b.status = 'active' AND a.status <> 'cancelled'
               AND b.override_reason IS NULL
             GROUP BY 1, 2, 3, 4, 5)
         SELECT count(*) FROM used u LEFT JOIN seat_allotments s
             ON s.office_id = u.office_id AND s.counter_code = u.counter_code AND s.day = u.day
            AND s.session = u.session AND s.share = u.share
         WHERE u.n > COALESCE(s.allotted, 0)",
    )
    .fetch_one(c)
    .await
    .unwrap();
    assert_eq!(
        beyond, 0,
        "seed {seed}: I6 a counter used more than it held"
    );
    // I11: no NIK in two active online bookings (the whole week is inside 30 days).
    let twice: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM (SELECT a.nik FROM applicants a JOIN bookings b USING (office_id, booking_id)
             WHERE b.channel = 'online' AND b.status = 'active' GROUP BY a.nik HAVING count(*) > 1) x",
    )
    .fetch_one(c)
    .await
    .unwrap();
    assert_eq!(
        twice, 0,
        "seed {seed}: I11 a NIK booked online twice within 30 days"
    );
    // I12: a booking code names one booking of an office.
    let clashes: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM (SELECT office_id, code FROM bookings GROUP BY 1, 2 HAVING count(*) > 1) x",
    )
    .fetch_one(c)
    .await
    .unwrap();
    assert_eq!(clashes, 0, "seed {seed}: I12");
    // I9: nothing active on a closed date.
    for (office, date) in closed {
        let active: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM bookings WHERE office_id = $1 AND day = $2 AND status = 'active'",
        )
        .bind(office)
        .bind(date)
        .fetch_one(c)
        .await
        .unwrap();
        assert_eq!(active, 0, "seed {seed}: I9 {office} {date}");
    }
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
