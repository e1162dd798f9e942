//! Time zones and the release rush, against a real PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::Weekday;
use common::*;
use loket_domain::{OfficeSchedule, ReleaseSchedule};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn a_release_at_14_00_reaches_wit_wita_and_wib_offices_an_hour_apart() {
    let (central, clock) = central_at(utc(2026, 12, 11, 4, 0)).await;
    let day = date(2026, 12, 14);
    let release = ReleaseSchedule::seeds_default();
    let schedule = OfficeSchedule::default();
    for slug in ["jayapura", "makassar", "jakartaselatan"] {
        let office = central.offices.get(slug).unwrap();
        let window = release
            .window(day, office.tz, |d| schedule.is_working_day(d))
            .unwrap();
        assert_eq!(window.opens.weekday_local(office), Weekday::Fri);
        loket_central::seed::approve(
            &central,
            slug,
            day,
            (80, 15, 5),
            window.opens,
            window.closes,
        )
        .await
        .unwrap();
    }
    let base = serve(&central).await;
    let client = reqwest::Client::new();
    let colour = |slug: &'static str| {
        let client = client.clone();
        let base = base.clone();
        async move {
            let v: Value = client
                .get(format!(
                    "{base}/v1/offices/{slug}/availability?month=2026-12"
                ))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            v["days"][13]["colour"].as_str().unwrap().to_owned()
        }
    };
    // Friday 11 December: 14:00 WIT is 05:00 UTC, 14:00 WITA 06:00, 14:00 WIB 07:00.
    let expected = [
        (utc(2026, 12, 11, 4, 59), ["yellow", "yellow", "yellow"]),
        (utc(2026, 12, 11, 5, 0), ["green", "yellow", "yellow"]),
        (utc(2026, 12, 11, 6, 0), ["green", "green", "yellow"]),
        (utc(2026, 12, 11, 7, 0), ["green", "green", "green"]),
    ];
    for (at, colours) in expected {
        clock.set(at);
        let seen = [
            colour("jayapura").await,
            colour("makassar").await,
            colour("jakartaselatan").await,
        ];
        assert_eq!(seen, colours, "at {at}");
    }
    // And booking follows the same clock: at 06:30 UTC Jakarta Selatan is not open yet.
    clock.set(utc(2026, 12, 11, 6, 30));
    let url = format!("{base}/v1/bookings");
    let (status, v) = post(
        &client,
        &url,
        Some("early"),
        &body("jakartaselatan", day, &[nik(1)]),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(v["code"], "quota.not_released");
}

trait LocalWeekday {
    fn weekday_local(&self, office: &loket_domain::Office) -> Weekday;
}

impl LocalWeekday for chrono::DateTime<chrono::Utc> {
    fn weekday_local(&self, office: &loket_domain::Office) -> Weekday {
        use chrono::Datelike;
        office.local_date(*self).weekday()
    }
}

#[tokio::test]
async fn h_minus_2_ends_at_midnight_of_each_office_own_zone() {
    // Booked on Monday 7 December for Thursday 17 December: H-2 is Tuesday 15th.
    let (central, clock) = central_at(utc(2026, 12, 7, 1, 0)).await;
    let day = date(2026, 12, 17);
    released(&central, "jakartaselatan", day, 80).await;
    released(&central, "jayapura", day, 80).await;
    let base = serve(&central).await;
    let client = reqwest::Client::new();
    for (slug, serial) in [("jakartaselatan", 1), ("jayapura", 2)] {
        let url = format!("{base}/v1/bookings");
        let key = format!("book-{slug}");
        let (status, _) = post(&client, &url, Some(&key), &body(slug, day, &[nik(serial)])).await;
        assert_eq!(status, StatusCode::CREATED);
    }
    // 16:00 UTC on Tuesday 15th: 23:00 WIB (still H-2), 01:00 WIT on Wednesday (too late).
    clock.set(utc(2026, 12, 15, 16, 0));
    let cancel = |slug: &'static str, code: &'static str, serial: u32| {
        let client = client.clone();
        let base = base.clone();
        async move {
            let url = format!("{base}/v1/offices/{slug}/bookings/{code}/cancel");
            let key = format!("cancel-{slug}");
            post(&client, &url, Some(&key), &json!({ "nik": nik(serial) })).await
        }
    };
    let (status, v) = cancel("jayapura", "261217-P-001", 2).await;
    assert_eq!(status, StatusCode::CONFLICT, "{v}");
    assert_eq!(v["code"], "cancel.too_late");
    assert_eq!(
        v["message"],
        "Pembatalan oleh pemohon paling lambat H-2 (15/12/2026); untuk tanggal ini sudah lewat."
    );
    assert_eq!(sold(&central, "jayapura", day).await, 1);

    let (status, v) = cancel("jakartaselatan", "261217-P-001", 1).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "cancelled");
    assert_eq!(
        sold(&central, "jakartaselatan", day).await,
        0,
        "the seat is back online"
    );
    // A retry of the same cancel is answered the same; a new one is refused.
    let (status, again) = cancel("jakartaselatan", "261217-P-001", 1).await;
    assert_eq!((status, &again), (StatusCode::OK, &v));
    let url = format!("{base}/v1/offices/jakartaselatan/bookings/261217-P-001/cancel");
    let (status, v) = post(&client, &url, Some("another"), &json!({ "nik": nik(1) })).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(v["code"], "booking.cancelled");
}

#[tokio::test]
async fn many_citizens_at_once_buy_exactly_the_online_share_and_no_seat_more() {
    let (central, _clock) = central_at(utc(2026, 12, 7, 1, 0)).await;
    let day = date(2026, 12, 14);
    released(&central, "jakartaselatan", day, 80).await;
    let base = serve(&central).await;
    let client = reqwest::Client::new();
    // 200 citizens at once for 80 seats.
    let tasks: Vec<_> = (0..200u32)
        .map(|i| {
            let client = client.clone();
            let url = format!("{base}/v1/bookings");
            let niks = vec![nik(i + 1)];
            tokio::spawn(async move {
                let res = client
                    .post(url)
                    .header("Idempotency-Key", format!("rush-{i}"))
                    .json(&body("jakartaselatan", day, &niks))
                    .send()
                    .await
                    .unwrap();
                let status = res.status();
                let v: Value = res.json().await.unwrap();
                (status, v, niks.len())
            })
        })
        .collect();
    let mut seats = 0;
    let mut refused = 0;
    for t in tasks {
        let (status, v, n) = t.await.unwrap();
        match status {
            StatusCode::CREATED => seats += n,
            StatusCode::CONFLICT => {
                assert_eq!(v["code"], "quota.full", "{v}");
                refused += 1;
            }
            other => panic!("unexpected {other}: {v}"),
        }
    }
    assert!(refused > 0);
    let sold_now = sold(&central, "jakartaselatan", day).await;
    let stored: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM applicants a JOIN bookings b USING (office_id, booking_id)
         WHERE b.day = $1 AND b.status = 'active'",
    )
    .bind(day)
    .fetch_one(&central.pool)
    .await
    .unwrap();
    assert_eq!(usize::try_from(sold_now).unwrap(), seats);
    assert_eq!(i64::try_from(seats).unwrap(), stored);
    assert_eq!(seats, 80, "exactly the online share, no seat more");
    assert_eq!(refused, 120);
    let codes: i64 = sqlx::query_scalar("SELECT count(DISTINCT code) FROM bookings")
        .fetch_one(&central.pool)
        .await
        .unwrap();
    let bookings: i64 = sqlx::query_scalar("SELECT count(*) FROM bookings")
        .fetch_one(&central.pool)
        .await
        .unwrap();
    assert_eq!(codes, bookings, "every booking has its own code");
}
