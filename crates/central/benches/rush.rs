//! The Friday release rush on loopback: quota of 150 offices opens at once and 20,000 citizens
//! book, each one applicant at a random office and session, 64 requests in flight. Side by side,
//! the same load against a naive "count the booked, then insert" booking; the same citizens
//! through the waiting room (each takes a ticket, waits its turn, then books with its admission
//! token); and the waiting room's ticket desk alone. `cargo bench -p loket-central --bench rush` (starts its own PostgreSQL);
//! `RUSH_CITIZENS`, `RUSH_INFLIGHT` and `RUSH_SEATS` change the load. See BENCHMARKS.md.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use common::*;
use loket_central::{Central, Clock};
use serde_json::{Value, json};
use tokio::sync::Semaphore;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The booking a first attempt would write: read what is sold, and insert if it seemed to fit.
/// Two requests that read at the same moment both insert.
async fn naive_book(
    State(central): State<Central>,
    Json(req): Json<Value>,
) -> (StatusCode, Json<Value>) {
    let office = req["office"].as_str().unwrap_or_default().to_owned();
    let day: chrono::NaiveDate = serde_json::from_value(req["date"].clone()).unwrap();
    let session = req["session"].as_str().unwrap_or("pagi").to_owned();
    let n = i64::try_from(req["applicants"].as_array().map_or(1, Vec::len)).unwrap_or(1);
    let result: Result<bool, sqlx::Error> = async {
        let online: i32 = sqlx::query_scalar(
            "SELECT online FROM quota WHERE office_id = $1 AND day = $2 AND session = $3",
        )
        .bind(&office)
        .bind(day)
        .bind(&session)
        .fetch_one(&central.pool)
        .await?;
        let sold: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM applicants a JOIN bookings b USING (office_id, booking_id)
             WHERE b.office_id = $1 AND b.day = $2 AND b.session = $3",
        )
        .bind(&office)
        .bind(day)
        .bind(&session)
        .fetch_one(&central.pool)
        .await?;
        if sold + n > i64::from(online) {
            return Ok(false);
        }
        let id = uuid::Uuid::now_v7();
        let mut tx = central.pool.begin().await?;
        sqlx::query(
            "INSERT INTO bookings (office_id, booking_id, code, day, session, kk_number, holder_nik,
                 status, proof, created_at) VALUES ($1, $2, $3, $4, $5, '', '', 'active', '', now())",
        )
        .bind(&office)
        .bind(id)
        .bind(id.to_string())
        .bind(day)
        .bind(&session)
        .execute(&mut *tx)
        .await?;
        for (i, a) in req["applicants"].as_array().into_iter().flatten().enumerate() {
            sqlx::query(
                "INSERT INTO applicants (office_id, booking_id, position, nik, full_name, relation,
                     application_type) VALUES ($1, $2, $3, $4, 'x', 'pemohon', 'baru')",
            )
            .bind(&office)
            .bind(id)
            .bind(i16::try_from(i).unwrap_or(0))
            .bind(a["nik"].as_str().unwrap_or_default())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }
    .await;
    match result {
        Ok(true) => (StatusCode::CREATED, Json(json!({}))),
        Ok(false) => (StatusCode::CONFLICT, Json(json!({ "code": "quota.full" }))),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "code": "busy" })),
        ),
    }
}

struct Run {
    elapsed: Duration,
    created: usize,
    full: usize,
    other: usize,
    latencies: Vec<Duration>,
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// A distinct valid NIK for citizen `i` (Tebet, born on day 1–28 of March 1988).
fn citizen_nik(i: usize) -> String {
    let day = 1 + (i / 9999) % 28;
    let serial = 1 + i % 9999;
    format!("317401{day:02}0388{serial:04}")
}

/// The rush's citizens against `path`, each with a NIK of their own: half of them want one of the
/// ten most wanted offices (as at a real release), the rest spread over all 150; sessions
/// alternate.
async fn rush(base: &str, path: &str, offices: &[String], citizens: usize, inflight: usize) -> Run {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(inflight)
        .build()
        .unwrap();
    let gate = Arc::new(Semaphore::new(inflight));
    let day = date(2026, 12, 14);
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(citizens);
    for i in 0..citizens {
        let permit = gate.clone().acquire_owned().await.unwrap();
        let client = client.clone();
        let url = format!("{base}{path}");
        let office = if i % 2 == 0 {
            offices[(i / 2) % 10].clone()
        } else {
            offices[(i * 7919) % offices.len()].clone()
        };
        let mut b = body(&office, day, &[citizen_nik(i)]);
        if (i / 2) % 2 == 1 {
            b["session"] = json!("siang");
        }
        tasks.push(tokio::spawn(async move {
            let t = Instant::now();
            let res = client
                .post(url)
                .header("Idempotency-Key", format!("rush-{i}"))
                .json(&b)
                .send()
                .await;
            drop(permit);
            let status = res.map_or(StatusCode::SERVICE_UNAVAILABLE, |r| r.status());
            (status, t.elapsed())
        }));
    }
    let mut run = Run {
        elapsed: Duration::ZERO,
        created: 0,
        full: 0,
        other: 0,
        latencies: Vec::with_capacity(citizens),
    };
    let mut others = std::collections::BTreeMap::new();
    for t in tasks {
        let (status, took) = t.await.unwrap();
        run.latencies.push(took);
        match status {
            StatusCode::CREATED => run.created += 1,
            StatusCode::CONFLICT => run.full += 1,
            s => {
                run.other += 1;
                *others.entry(s.as_u16()).or_insert(0) += 1;
            }
        }
    }
    if !others.is_empty() {
        println!("  other answers by status: {others:?}");
    }
    run.elapsed = started.elapsed();
    run.latencies.sort();
    run
}

/// The release moment, running at the wall clock's pace: the waiting room admits by elapsed time.
#[derive(Debug)]
struct Running {
    from: chrono::DateTime<chrono::Utc>,
    at: Instant,
}

impl Clock for Running {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.from + chrono::Duration::from_std(self.at.elapsed()).unwrap_or_default()
    }
}

/// What one citizen saw going through the waiting room.
struct Visit {
    status: StatusCode,
    queued: Duration,
    booking: Duration,
}

/// The same citizens as [`rush`], all arriving at once at a service that runs a waiting room:
/// each takes a ticket, asks again when its expected wait has half passed, and books with the
/// admission token. At most `inflight` requests are on the wire at any moment.
async fn rush_through_room(
    base: &str,
    offices: &[String],
    citizens: usize,
    inflight: usize,
) -> (Run, Vec<Duration>) {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(inflight)
        .build()
        .unwrap();
    let gate = Arc::new(Semaphore::new(inflight));
    let day = date(2026, 12, 14);
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(citizens);
    for i in 0..citizens {
        let (client, gate, base) = (client.clone(), gate.clone(), base.to_owned());
        let office = if i % 2 == 0 {
            offices[(i / 2) % 10].clone()
        } else {
            offices[(i * 7919) % offices.len()].clone()
        };
        let mut b = body(&office, day, &[citizen_nik(i)]);
        if (i / 2) % 2 == 1 {
            b["session"] = json!("siang");
        }
        tasks.push(tokio::spawn(async move {
            let arrived = Instant::now();
            let ask = |req: reqwest::RequestBuilder| {
                let gate = gate.clone();
                async move {
                    let _permit = gate.acquire_owned().await.unwrap();
                    let res = req.send().await.ok()?;
                    res.json::<Value>().await.ok()
                }
            };
            let mut status = Value::Null;
            for _ in 0..1000 {
                status = if status.is_null() {
                    ask(client.post(format!("{base}/v1/queue"))).await
                } else {
                    let ticket = status["ticket"].as_str().unwrap_or_default();
                    ask(client.get(format!("{base}/v1/queue/{ticket}"))).await
                }
                .unwrap_or(Value::Null);
                if status["admission"].is_string() {
                    break;
                }
                let wait = status["waitSeconds"].as_f64().unwrap_or(1.0);
                tokio::time::sleep(Duration::from_secs_f64((wait / 2.0).clamp(0.25, 2.0))).await;
            }
            let queued = arrived.elapsed();
            let token = status["admission"].as_str().unwrap_or_default().to_owned();
            let _permit = gate.acquire_owned().await.unwrap();
            let t = Instant::now();
            let res = client
                .post(format!("{base}/v1/bookings"))
                .header("Idempotency-Key", format!("room-{i}"))
                .header("X-Admission", token)
                .json(&b)
                .send()
                .await;
            Visit {
                status: res.map_or(StatusCode::SERVICE_UNAVAILABLE, |r| r.status()),
                queued,
                booking: t.elapsed(),
            }
        }));
    }
    let mut run = Run {
        elapsed: Duration::ZERO,
        created: 0,
        full: 0,
        other: 0,
        latencies: Vec::with_capacity(citizens),
    };
    let mut waits = Vec::with_capacity(citizens);
    for t in tasks {
        let v = t.await.unwrap();
        run.latencies.push(v.booking);
        waits.push(v.queued);
        match v.status {
            StatusCode::CREATED => run.created += 1,
            StatusCode::CONFLICT => run.full += 1,
            _ => run.other += 1,
        }
    }
    run.elapsed = started.elapsed();
    run.latencies.sort();
    waits.sort();
    (run, waits)
}

/// Seats sold past each session's online share, summed.
async fn oversold(central: &Central) -> i64 {
    sqlx::query_scalar(
        "SELECT COALESCE(sum(GREATEST(sold - q.online, 0)), 0)::bigint FROM quota q
         JOIN (SELECT b.office_id, b.day, b.session, count(*) AS sold
               FROM applicants a JOIN bookings b USING (office_id, booking_id)
               WHERE b.status = 'active' GROUP BY 1, 2, 3) s
           ON s.office_id = q.office_id AND s.day = q.day AND s.session = q.session",
    )
    .fetch_one(&central.pool)
    .await
    .unwrap()
}

async fn setup(seats: i32) -> (Central, Vec<String>, String) {
    let (central, _clock) = central_at(utc(2026, 12, 11, 7, 0)).await;
    let offices: Vec<String> = central
        .offices
        .all()
        .iter()
        .map(|o| o.slug.as_str().to_owned())
        .collect();
    let day = date(2026, 12, 14);
    for o in &offices {
        released(&central, o, day, seats).await;
    }
    let app = loket_central::api::router(central.clone()).merge(
        axum::Router::new()
            .route("/naive/bookings", post(naive_book))
            .with_state(central.clone()),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (central, offices, base)
}

fn report(name: &str, r: &Run, oversold: i64, seats: usize) {
    #[allow(clippy::cast_precision_loss)]
    let per_second = r.created as f64 / r.elapsed.as_secs_f64();
    println!(
        "{name:<28} {:>8.0} bookings/s  p50 {:>6.1} ms  p99 {:>6.1} ms  created {:>6}  full {:>6}  other {:>5}  sold {:>6}/{seats}  oversold {oversold}  ({:.1} s)",
        per_second,
        pct(&r.latencies, 0.50),
        pct(&r.latencies, 0.99),
        r.created,
        r.full,
        r.other,
        r.created,
        r.elapsed.as_secs_f64(),
    );
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let citizens = env("RUSH_CITIZENS", 20_000);
    let inflight = env("RUSH_INFLIGHT", 64);
    let seats = i32::try_from(env("RUSH_SEATS", 40)).unwrap();
    println!(
        "release rush: {citizens} citizens, {inflight} in flight, 150 offices × 2 sessions × {seats} online seats"
    );
    let total = 150 * 2 * usize::try_from(seats).unwrap();

    let (central, offices, base) = setup(seats).await;
    let r = rush(&base, "/v1/bookings", &offices, citizens, inflight).await;
    report(
        "loket-central (conditional)",
        &r,
        oversold(&central).await,
        total,
    );

    let (naive, offices, base) = setup(seats).await;
    let r = rush(&base, "/naive/bookings", &offices, citizens, inflight).await;
    report("naive count-then-insert", &r, oversold(&naive).await, total);

    // The same citizens through the waiting room, admitted at RUSH_ADMIT a second.
    let admit = env("RUSH_ADMIT", 2_500);
    let (roomed, offices, _) = setup(seats).await;
    #[allow(clippy::cast_precision_loss)]
    let roomed = Central {
        clock: Arc::new(Running {
            from: roomed.clock.now(),
            at: Instant::now(),
        }),
        ..roomed
    }
    .with_waiting_room(admit as f64, u64::try_from(inflight).unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = loket_central::api::router(roomed.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let (r, waits) = rush_through_room(&base, &offices, citizens, inflight).await;
    report(
        &format!("through the room ({admit}/s)"),
        &r,
        oversold(&roomed).await,
        total,
    );
    println!(
        "  time in the waiting room: p50 {:.1} s, p99 {:.1} s, longest {:.1} s",
        pct(&waits, 0.50) / 1000.0,
        pct(&waits, 0.99) / 1000.0,
        waits.last().map_or(0.0, Duration::as_secs_f64),
    );

    // The waiting room's ticket desk: no database at all.
    let room = central.clone().with_waiting_room(1000.0, 0);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, loket_central::api::router(room)).await;
    });
    let client = reqwest::Client::new();
    let gate = Arc::new(Semaphore::new(inflight));
    let n = env("RUSH_QUEUE", 50_000);
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(n);
    for _ in 0..n {
        let permit = gate.clone().acquire_owned().await.unwrap();
        let client = client.clone();
        let url = format!("{base}/v1/queue");
        tasks.push(tokio::spawn(async move {
            let ok = client
                .post(url)
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            drop(permit);
            ok
        }));
    }
    let mut ok = 0usize;
    for t in tasks {
        ok += usize::from(t.await.unwrap());
    }
    #[allow(clippy::cast_precision_loss)]
    let rate = ok as f64 / started.elapsed().as_secs_f64();
    println!("waiting room tickets        {rate:>8.0} requests/s ({ok} of {n} answered)");
}
