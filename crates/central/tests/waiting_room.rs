//! The release rush's waiting room, against a real PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn citizens_are_admitted_in_arrival_order_at_the_configured_rate() {
    let start = utc(2026, 12, 11, 7, 0);
    let (mut central, clock) = central_at(start).await;
    central = central.with_waiting_room(2.0, 3);
    let base = serve(&central).await;
    let client = reqwest::Client::new();
    let mut tickets = Vec::new();
    for _ in 0..7 {
        let (_, v) = post(&client, &format!("{base}/v1/queue"), None, &Value::Null).await;
        tickets.push(v);
    }
    // The first three come straight in; the rest wait in order, two a second.
    let admitted: Vec<bool> = tickets.iter().map(|t| t["admission"].is_string()).collect();
    assert_eq!(admitted, [true, true, true, false, false, false, false]);
    assert_eq!(
        tickets
            .iter()
            .map(|t| t["ahead"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [0, 0, 0, 0, 1, 2, 3]
    );
    assert_eq!(tickets[6]["waitSeconds"], 2);

    clock.advance(chrono::Duration::milliseconds(500));
    let ask = |t: &Value| {
        let client = client.clone();
        let url = format!("{base}/v1/queue/{}", t["ticket"].as_str().unwrap());
        async move {
            let v: Value = client.get(url).send().await.unwrap().json().await.unwrap();
            v
        }
    };
    assert!(
        ask(&tickets[3]).await["admission"].is_string(),
        "ticket 4 after 0.5 s"
    );
    assert!(
        ask(&tickets[5]).await["admission"].is_null(),
        "ticket 6 not yet"
    );
    assert_eq!(ask(&tickets[5]).await["ahead"], 1);
    clock.advance(chrono::Duration::seconds(1));
    assert!(
        ask(&tickets[5]).await["admission"].is_string(),
        "ticket 6 after 1.5 s"
    );

    // A ticket moved forward by hand is refused.
    let forged = tickets[6]["ticket"]
        .as_str()
        .unwrap()
        .replacen("T.7", "T.1", 1);
    let (status, v) = get(&client, &format!("{base}/v1/queue/{forged}")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(v["code"], "queue.ticket_invalid");
}

#[tokio::test]
async fn with_the_room_on_a_booking_needs_a_valid_admission_token() {
    let start = utc(2026, 12, 7, 2, 0);
    let (mut central, clock) = central_at(start).await;
    central = central.with_waiting_room(100.0, 1);
    let day = date(2026, 12, 14);
    released(&central, "jakartaselatan", day, 80).await;
    let base = serve(&central).await;
    let client = reqwest::Client::new();
    let book = |admission: Option<String>, key: &'static str| {
        let client = client.clone();
        let url = format!("{base}/v1/bookings");
        async move {
            let mut req = client.post(url).header("Idempotency-Key", key).json(&body(
                "jakartaselatan",
                day,
                &[nik(1)],
            ));
            if let Some(a) = admission {
                req = req.header("X-Admission", a);
            }
            let res = req.send().await.unwrap();
            let status = res.status();
            (status, res.json::<Value>().await.unwrap())
        }
    };
    let (status, v) = book(None, "a").await;
    assert_eq!(
        (status, v["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("admission.required"))
    );
    assert!(
        v["message"].as_str().unwrap().contains("ruang tunggu"),
        "{v}"
    );
    let (status, v) = book(Some("A.1.99999999999.00ff".into()), "b").await;
    assert_eq!(
        (status, v["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("admission.invalid"))
    );
    assert_eq!(sold(&central, "jakartaselatan", day).await, 0);

    let (_, ticket) = post(&client, &format!("{base}/v1/queue"), None, &Value::Null).await;
    let admission = ticket["admission"].as_str().unwrap().to_owned();
    let (status, v) = book(Some(admission.clone()), "c").await;
    assert_eq!(status, StatusCode::CREATED, "{v}");

    // Ten minutes later the token is spent.
    clock.advance(chrono::Duration::minutes(11));
    let (status, v) = book(Some(admission), "d").await;
    assert_eq!(
        (status, v["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("admission.expired"))
    );
}
