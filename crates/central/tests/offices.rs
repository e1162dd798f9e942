//! The offices' side: enrolling a counter PC and reading the office's calendar, against a real
//! PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::Duration;
use common::*;
use loket_central::devices::issue_code;
use loket_domain::{Holiday, HolidayKind};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn a_counter_pc_enrols_once_with_its_code_and_reads_its_office_calendar() {
    let (central, clock) = central_at(utc(2026, 12, 7, 2, 0)).await;
    let day = date(2026, 12, 14);
    released(&central, "jakartaselatan", day, 80).await;
    released(&central, "denpasar", day, 80).await;
    let base = serve(&central).await;
    let client = reqwest::Client::new();
    let url = format!("{base}/v1/devices/enrol");

    let code = issue_code(&central, "jakartaselatan", "B", Duration::hours(24))
        .await
        .unwrap();
    let (status, enrolled) = post(
        &client,
        &url,
        None,
        &json!({ "office": "jakartaselatan", "code": code }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{enrolled}");
    assert_eq!(enrolled["counterCode"], "B");
    assert_eq!(enrolled["centralKeyId"], central.key.key_id);
    assert_eq!(
        enrolled["centralPublicKey"],
        hex::encode(central.key.public_key())
    );
    // The code works once.
    let (status, v) = post(
        &client,
        &url,
        None,
        &json!({ "office": "jakartaselatan", "code": code }),
    )
    .await;
    assert_eq!(
        (status, v["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("enrol.invalid"))
    );
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .starts_with("Kode pendaftaran tidak sah"),
        "{v}"
    );

    // An online booking, then the office reads its quota with the split and what was sold.
    let (status, _) = post(
        &client,
        &format!("{base}/v1/bookings"),
        Some("k"),
        &body("jakartaselatan", day, &[nik(1), nik(2)]),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let token = enrolled["token"].as_str().unwrap();
    let feed = |token: Option<String>| {
        let client = client.clone();
        let url = format!("{base}/v1/office/calendar?from=2026-12-01&to=2026-12-31");
        async move {
            let mut req = client.get(url);
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            let res = req.send().await.unwrap();
            let status = res.status();
            (status, res.json::<Value>().await.unwrap())
        }
    };
    let (status, cal) = feed(Some(token.to_owned())).await;
    assert_eq!(status, StatusCode::OK, "{cal}");
    assert_eq!(cal["office"], "jakartaselatan");
    assert_eq!(cal["counterCode"], "B");
    let quota = cal["quota"].as_array().unwrap();
    assert_eq!(quota.len(), 2, "only its own office's sessions: {cal}");
    assert_eq!(
        (
            quota[0]["online"].as_i64(),
            quota[0]["counter"].as_i64(),
            quota[0]["priority"].as_i64()
        ),
        (Some(80), Some(15), Some(5))
    );
    assert_eq!(quota[0]["onlineBooked"], 2);
    assert!(
        cal["holidays"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["date"] == "2026-12-25")
    );

    // No credential, a forged one, or the retired PC's after a replacement enrols as B.
    assert_eq!(feed(None).await.0, StatusCode::UNAUTHORIZED);
    let forged = format!("{}x", &token[..token.len() - 1]);
    let (status, v) = feed(Some(forged)).await;
    assert_eq!(
        (status, v["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("device.unauthorized"))
    );
    let again = issue_code(&central, "jakartaselatan", "B", Duration::hours(24))
        .await
        .unwrap();
    let (status, _) = post(
        &client,
        &url,
        None,
        &json!({ "office": "jakartaselatan", "code": again }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        feed(Some(token.to_owned())).await.0,
        StatusCode::UNAUTHORIZED
    );

    // A code expires.
    let late = issue_code(&central, "jakartaselatan", "C", Duration::hours(1))
        .await
        .unwrap();
    clock.advance(Duration::hours(2));
    let (status, _) = post(
        &client,
        &url,
        None,
        &json!({ "office": "jakartaselatan", "code": late }),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_holiday_a_new_decree_adds_turns_the_date_grey_everywhere() {
    let (central, _clock) = central_at(utc(2026, 12, 7, 2, 0)).await;
    let day = date(2026, 12, 14);
    released(&central, "makassar", day, 80).await;
    let holiday = Holiday::parse(
        day,
        HolidayKind::CutiBersama,
        "Cuti bersama tambahan",
        "SKB 2026/99",
    )
    .unwrap();
    loket_central::seed::add_holiday(&central, &holiday)
        .await
        .unwrap();
    let base = serve(&central).await;
    let client = reqwest::Client::new();
    let (_, month) = get(
        &client,
        &format!("{base}/v1/offices/makassar/availability?month=2026-12"),
    )
    .await;
    assert_eq!(month["days"][13]["colour"], "grey");
    assert_eq!(month["days"][13]["reason"]["id"], "Cuti bersama tambahan");
    let (status, v) = post(
        &client,
        &format!("{base}/v1/bookings"),
        Some("k"),
        &body("makassar", day, &[nik(1)]),
    )
    .await;
    assert_eq!(
        (status, v["code"].as_str()),
        (StatusCode::CONFLICT, Some("booking.closed"))
    );
}
