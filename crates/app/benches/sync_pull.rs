//! What the pull gives a counter, on loopback against a fresh central on a private PostgreSQL:
//!
//! 1. an online booking's time from the central's commit (its `201` answer) to the counter PC's
//!    database, where Sesi Hari Ini reads it: the PC's sync worker holding a long poll open, side
//!    by side with what a simpler client would do, asking every second;
//! 2. a first sync of the office's window (the last week to 90 days ahead) holding thousands of
//!    online bookings, in pages of 500, 200 and 50 bookings.
//!
//! `cargo bench -p loket-app --bench sync_pull`; `PULL_SAMPLES` (default 100) and
//! `PULL_BOOKINGS` (default 6,000) change the load. See BENCHMARKS.md.
#![allow(clippy::print_stdout, clippy::unwrap_used)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use loket_app::{FixedClock, Loket, MemoryKeyVault, SyncWorker};
use loket_store::Store;
use loket_sync::{PROTOCOL, PullRequest, SyncClient};
use serde_json::json;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap()
}

/// A PC of Jakarta Selatan set up by its admin and enrolled with the central.
async fn pc(
    central: &loket_central::Central,
    base: &str,
    counter: &str,
) -> (Loket, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loket.db")).await.unwrap();
    let loket = Loket::new(
        store,
        Arc::new(FixedClock::new(now())),
        Arc::new(MemoryKeyVault::default()),
    )
    .unwrap();
    let mut setup = common::setup_req("jakartaselatan");
    setup.counter_code = counter.into();
    loket.complete_setup(&setup).await.unwrap();
    common::sync::enrol(
        &loket,
        central,
        base,
        "jakartaselatan",
        counter,
        "kata-sandi-kuat",
    )
    .await;
    (loket, dir)
}

/// The next working days from `from`, `n` of them.
fn working_days(from: NaiveDate, n: usize) -> Vec<NaiveDate> {
    (0..)
        .map(|i| from + Duration::days(i))
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .take(n)
        .collect()
}

/// A booking body of one or two applicants with NIKs unique to `serial`.
fn body(day: NaiveDate, session: &str, serial: usize) -> serde_json::Value {
    // Tebet (317401), a birth day per 9,000 serials, so every NIK is valid and new.
    let nik = |k: usize| {
        let s = serial * 2 + k;
        format!(
            "3174{:02}{:02}0388{:04}",
            1,
            1 + (s / 9000) % 28,
            1 + s % 9000
        )
    };
    let size = 1 + serial % 2;
    let applicants: Vec<_> = (0..size)
        .map(|k| {
            json!({"nik": nik(k), "fullName": format!("Warga Bench {serial}"),
                   "relation": if k == 0 { "pemohon" } else { "anak" }, "applicationType": "baru"})
        })
        .collect();
    json!({"office": "jakartaselatan", "date": day, "session": session,
           "kkNumber": "3174010101250001", "applicants": applicants})
}

async fn book(http: &reqwest::Client, base: &str, body: &serde_json::Value) -> Option<String> {
    let res = http
        .post(format!("{base}/v1/bookings"))
        .header("Idempotency-Key", uuid::Uuid::now_v7().to_string())
        .json(body)
        .send()
        .await
        .unwrap();
    if res.status() != 201 {
        if std::env::var_os("PULL_DEBUG").is_some() {
            println!("refused: {}", res.text().await.unwrap_or_default());
        }
        return None;
    }
    let v: serde_json::Value = res.json().await.unwrap();
    v["code"].as_str().map(str::to_owned)
}

fn percentile(sorted: &[StdDuration], p: f64) -> StdDuration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report(what: &str, mut v: Vec<StdDuration>) {
    v.sort();
    println!(
        "{what:<46} {:>5} bookings  p50 {:>7.1} ms  p99 {:>7.1} ms  max {:>7.1} ms",
        v.len(),
        percentile(&v, 0.5).as_secs_f64() * 1e3,
        percentile(&v, 0.99).as_secs_f64() * 1e3,
        v.last().unwrap().as_secs_f64() * 1e3,
    );
}

/// From each booking's 201 to the row in the PC's database.
async fn latency(
    base: &str,
    loket: &Loket,
    days: &[NaiveDate],
    samples: usize,
    from_serial: usize,
) -> Vec<StdDuration> {
    let http = reqwest::Client::new();
    let mut out = Vec::with_capacity(samples);
    for i in 0..samples {
        let day = days[i % days.len()];
        let Some(code) = book(&http, base, &body(day, "siang", from_serial + i)).await else {
            continue;
        };
        let committed = Instant::now();
        loop {
            if !loket
                .store()
                .booking_by_code("jakartaselatan", &code)
                .await
                .unwrap()
                .is_empty()
            {
                break;
            }
            tokio::time::sleep(StdDuration::from_millis(1)).await;
        }
        out.push(committed.elapsed());
        // Citizens do not book in step with the PC's pulls: the next booking comes 0–1 s later,
        // spread evenly over a second.
        tokio::time::sleep(StdDuration::from_millis((i as u64 * 7919) % 1000)).await;
    }
    out
}

/// A first sync: snapshot pages of `limit` until up to date. Returns (pages, time).
async fn first_sync(loket: &Loket, client: &SyncClient, limit: u32) -> (u32, StdDuration) {
    let started = Instant::now();
    let mut pages = 0;
    let mut cursor = None;
    loop {
        let res = client
            .pull(&PullRequest {
                protocol: PROTOCOL,
                cursor: cursor.clone(),
                limit,
                wait_ms: 0,
                wants: vec![],
            })
            .await
            .unwrap();
        loket
            .store()
            .apply_pull(
                "jakartaselatan",
                &res.changes,
                &res.cursor,
                res.server_time,
                now(),
            )
            .await
            .unwrap();
        pages += 1;
        cursor = Some(res.cursor);
        if res.up_to_date {
            return (pages, started.elapsed());
        }
    }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let samples = usize::try_from(common::sync::env("PULL_SAMPLES", 100)).unwrap();
    let bookings = usize::try_from(common::sync::env("PULL_BOOKINGS", 6_000)).unwrap();
    let (central, _clock) = loket_central::testing::central_at(now()).await;
    let base = loket_central::testing::serve(&central).await;
    let opens = now() - Duration::hours(1);
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let days = working_days(today + Duration::days(1), 62);
    for d in &days {
        loket_central::seed::approve(&central, "jakartaselatan", *d, (120, 15, 5), opens, None)
            .await
            .unwrap();
    }

    // 1. Commit to counter.
    let (live, _dir) = pc(&central, &base, "A").await;
    let _worker = SyncWorker::spawn(live.clone());
    tokio::time::sleep(StdDuration::from_secs(2)).await;
    let long_poll = latency(&base, &live, &days, samples, 0).await;
    let (polled, _dir2) = pc(&central, &base, "B").await;
    let client = polled.sync_client().await.unwrap().unwrap();
    let poller = {
        let polled = polled.clone();
        tokio::spawn(async move {
            loop {
                let _ = polled.pull_changes(&client, 0).await;
                tokio::time::sleep(StdDuration::from_secs(1)).await;
            }
        })
    };
    let every_second = latency(&base, &polled, &days, samples / 2, 100_000).await;
    poller.abort();
    println!("online booking, central commit -> counter PC's database (loopback)");
    report("long poll held open (Loket's sync worker)", long_poll);
    report("asking every second", every_second);

    // 2. A first sync of the 90-day window.
    let http = reqwest::Client::new();
    let started = Instant::now();
    let mut made = 0;
    let mut serial = 200_000;
    'fill: for d in &days {
        for session in ["pagi", "siang"] {
            // About the online share of a session (1.5 applicants a booking, 120 seats).
            for _ in 0..75 {
                if made >= bookings {
                    break 'fill;
                }
                serial += 1;
                if book(&http, &base, &body(*d, session, serial))
                    .await
                    .is_some()
                {
                    made += 1;
                }
            }
        }
    }
    let (in_window, applicants): (i64, i64) =
        sqlx::query_as("SELECT (SELECT count(*) FROM bookings), (SELECT count(*) FROM applicants)")
            .fetch_one(&central.pool)
            .await
            .unwrap();
    println!(
        "\nfirst sync of the office's window: {in_window} bookings, {applicants} applicants \
         (booked in {:.1} s)",
        started.elapsed().as_secs_f64()
    );
    // Three fresh PCs per page size, in turn, so a slow moment of the machine does not fall on
    // one size only; the median is reported.
    let counters = ["C", "D", "E", "F", "G", "H", "J", "K", "L"];
    let sizes = [500u32, 200, 50];
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); sizes.len()];
    let mut pages_of = vec![0u32; sizes.len()];
    let mut here = 0;
    for round in 0..3 {
        for (k, limit) in sizes.iter().enumerate() {
            let (fresh, _d) = pc(&central, &base, counters[round * sizes.len() + k]).await;
            let client = fresh.sync_client().await.unwrap().unwrap();
            let (pages, took) = first_sync(&fresh, &client, *limit).await;
            here = fresh.store().booking_count("jakartaselatan").await.unwrap();
            times[k].push(took.as_secs_f64());
            pages_of[k] = pages;
        }
    }
    for (k, limit) in sizes.iter().enumerate() {
        let mut t = times[k].clone();
        t.sort_by(f64::total_cmp);
        println!(
            "pages of {limit:>3}: {:>4} pages, {here} bookings on the PC, median {:>5.2} s of 3 ({:.2}–{:.2} s; {:.0} bookings/s)",
            pages_of[k],
            t[1],
            t[0],
            t[2],
            here as f64 / t[1]
        );
    }
}
