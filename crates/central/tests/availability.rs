//! The month citizens see is served from memory and is never stale about "full".
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use loket_central::availability::FRESH_FOR;
use loket_central::{Central, CentralKey};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Pagi of Monday 14 December at Jakarta Selatan as the month shows it: (colour, seats left).
async fn pagi_14(client: &reqwest::Client, base: &str) -> (String, u64) {
    let (status, month) = get(
        client,
        &format!("{base}/v1/offices/jakartaselatan/availability?month=2026-12"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{month}");
    let pagi = &month["days"][13]["sessions"][0];
    (
        pagi["colour"].as_str().unwrap().to_owned(),
        pagi["seatsLeft"].as_u64().unwrap(),
    )
}

#[tokio::test]
async fn the_last_seats_sold_turn_the_session_red_at_once_and_a_cancellation_green_again() {
    let (central, _clock) = central_at(utc(2026, 12, 7, 2, 0)).await;
    let day = date(2026, 12, 14);
    released(&central, "jakartaselatan", day, 2).await;
    let base = serve(&central).await;
    let client = reqwest::Client::new();
    assert_eq!(pagi_14(&client, &base).await, ("green".into(), 2));

    // The month is in memory now; a family of two takes both seats.
    let (status, booked) = post(
        &client,
        &format!("{base}/v1/bookings"),
        Some("two"),
        &body("jakartaselatan", day, &[nik(1), nik(2)]),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{booked}");
    assert_eq!(pagi_14(&client, &base).await, ("red".into(), 0));

    // Quota approved for another date shows without waiting for the cache.
    released(&central, "jakartaselatan", date(2026, 12, 15), 5).await;
    let (_, month) = get(
        &client,
        &format!("{base}/v1/offices/jakartaselatan/availability?month=2026-12"),
    )
    .await;
    assert_eq!(month["days"][14]["sessions"][0]["seatsLeft"], 5);

    // The holder cancels: the seats are back in the month at once.
    let code = booked["code"].as_str().unwrap();
    let (status, v) = post(
        &client,
        &format!("{base}/v1/offices/jakartaselatan/bookings/{code}/cancel"),
        Some("cancel-two"),
        &json!({ "nik": nik(1) }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(pagi_14(&client, &base).await, ("green".into(), 2));
}

#[tokio::test]
async fn a_session_another_process_sold_out_is_refused_by_the_seats_and_red_within_the_freshness() {
    let (central, clock) = central_at(utc(2026, 12, 7, 2, 0)).await;
    let day = date(2026, 12, 14);
    released(&central, "jakartaselatan", day, 1).await;
    let base = serve(&central).await;
    // A second central process over the same database, with its own memory.
    let other = Central::new(central.pool.clone(), CentralKey::demo(), clock.clone()).unwrap();
    let other_base = serve(&other).await;
    let client = reqwest::Client::new();
    assert_eq!(pagi_14(&client, &base).await, ("green".into(), 1));

    let (status, _) = post(
        &client,
        &format!("{other_base}/v1/bookings"),
        Some("elsewhere"),
        &body("jakartaselatan", day, &[nik(1)]),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    // This process still has the month from before; a booking on it is judged by the seats.
    let (status, v): (StatusCode, Value) = post(
        &client,
        &format!("{base}/v1/bookings"),
        Some("here"),
        &body("jakartaselatan", day, &[nik(2)]),
    )
    .await;
    assert_eq!(
        (status, v["code"].as_str()),
        (StatusCode::CONFLICT, Some("quota.full"))
    );
    // That refusal taught this process the session is gone: red without waiting.
    assert_eq!(pagi_14(&client, &base).await, ("red".into(), 0));
    assert_eq!(sold(&central, "jakartaselatan", day).await, 1);

    // And with no booking attempt in between, the month is read again once it is no longer fresh.
    released(&other, "jakartaselatan", date(2026, 12, 15), 3).await;
    tokio::time::sleep(FRESH_FOR + std::time::Duration::from_millis(100)).await;
    let (_, month) = get(
        &client,
        &format!("{base}/v1/offices/jakartaselatan/availability?month=2026-12"),
    )
    .await;
    assert_eq!(month["days"][14]["sessions"][0]["seatsLeft"], 3);
}
