//! Helpers of the central's tests over `loket_central::testing` (a private PostgreSQL, a fresh
//! database per test): dates, NIKs, released quota, booking bodies and HTTP verbs.
#![allow(dead_code, clippy::unwrap_used)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use loket_central::Central;

// The bench uses `central_at` only.
#[allow(unused_imports)]
pub use loket_central::testing::{central_at, serve};

pub fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A valid NIK of Tebet (317401) born on 12/03/1988 (a man) with `serial`.
pub fn nik(serial: u32) -> String {
    format!("317401120388{serial:04}")
}

/// Released quota for both sessions of `day` at `office`: `online` seats online.
pub async fn released(central: &Central, office: &str, day: NaiveDate, online: i32) {
    let opens = central.clock.now() - chrono::Duration::hours(1);
    loket_central::seed::approve(central, office, day, (online, 15, 5), opens, None)
        .await
        .unwrap();
}

/// A booking body for `office` on `day` (pagi) for the given NIKs, the first the account holder.
pub fn body(office: &str, day: NaiveDate, niks: &[String]) -> serde_json::Value {
    let applicants: Vec<serde_json::Value> = niks
        .iter()
        .enumerate()
        .map(|(i, n)| {
            serde_json::json!({
                "nik": n,
                "fullName": format!("Pemohon {}", i + 1),
                "relation": if i == 0 { "pemohon" } else { "anak" },
                "applicationType": "baru",
            })
        })
        .collect();
    serde_json::json!({
        "office": office,
        "date": day,
        "session": "pagi",
        "kkNumber": "3174010101250001",
        "applicants": applicants,
    })
}

/// The online seats sold in one session, read from the database.
pub async fn sold(central: &Central, office: &str, day: NaiveDate) -> i32 {
    sqlx::query_scalar(
        "SELECT online_booked FROM quota WHERE office_id = $1 AND day = $2 AND session = 'pagi'",
    )
    .bind(office)
    .bind(day)
    .fetch_one(&central.pool)
    .await
    .unwrap()
}

/// `POST url` with a JSON body and an optional Idempotency-Key: the status and the JSON answer.
pub async fn post(
    client: &reqwest::Client,
    url: &str,
    key: Option<&str>,
    body: &serde_json::Value,
) -> (reqwest::StatusCode, serde_json::Value) {
    let mut req = client.post(url).json(body);
    if let Some(k) = key {
        req = req.header("Idempotency-Key", k);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    (status, res.json().await.unwrap())
}

/// `GET url`: the status and the JSON answer.
pub async fn get(client: &reqwest::Client, url: &str) -> (reqwest::StatusCode, serde_json::Value) {
    let res = client.get(url).send().await.unwrap();
    let status = res.status();
    (status, res.json().await.unwrap())
}
