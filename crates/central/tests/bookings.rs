//! The citizens' booking flow against a real PostgreSQL, over HTTP.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use loket_central::error::ErrorBody;
use loket_domain::TrustedKeys;
use loket_domain::proof::SignedProof;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Monday 7 December 2026, 09:00 WIB: a week before the dates booked below.
fn monday() -> chrono::DateTime<chrono::Utc> {
    utc(2026, 12, 7, 2, 0)
}

fn error(v: &Value) -> ErrorBody {
    serde_json::from_value(v.clone()).unwrap()
}

#[tokio::test]
async fn a_family_of_three_books_online_gets_a_signed_proof_and_can_look_it_up() {
    let (central, _clock) = central_at(monday()).await;
    let day = date(2026, 12, 14);
    released(&central, "jakartaselatan", day, 80).await;
    let base = serve(&central).await;
    let client = reqwest::Client::new();

    let niks = [nik(1), nik(2), nik(3)];
    let (status, booked) = post(
        &client,
        &format!("{base}/v1/bookings"),
        Some("k-1"),
        &body("jakartaselatan", day, &niks),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{booked}");
    assert_eq!(booked["code"], "261214-P-001");
    assert_eq!(booked["status"], "active");
    assert_eq!(booked["cancelUntil"], "2026-12-12");
    assert_eq!(booked["applicants"].as_array().unwrap().len(), 3);
    assert_eq!(booked["applicants"][0]["nikMasked"], "3174**********01");

    // The proof is the counter's format, signed by the central's key.
    let mut trusted = TrustedKeys::new();
    trusted
        .add(&central.key.key_id, &central.key.public_key())
        .unwrap();
    let claim = SignedProof::parse(booked["proof"].as_str().unwrap())
        .unwrap()
        .verify(&trusted)
        .unwrap();
    assert_eq!(
        (
            claim.office.as_str(),
            claim.code.as_str(),
            claim.date,
            claim.applicants
        ),
        ("jakartaselatan", "261214-P-001", day, 3)
    );

    assert_eq!(sold(&central, "jakartaselatan", day).await, 3);
    let month: Value = client
        .get(format!(
            "{base}/v1/offices/jakartaselatan/availability?month=2026-12"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let monday_14 = &month["days"][13];
    assert_eq!(monday_14["colour"], "green");
    assert_eq!(monday_14["sessions"][0]["seatsLeft"], 77);
    assert_eq!(month["days"][12]["colour"], "grey", "Sunday 13th");
    assert_eq!(month["days"][12]["reason"]["en"], "Weekend");
    assert_eq!(month["days"][24]["reason"]["id"], "Kelahiran Yesus Kristus");
    assert_eq!(
        month["days"][15]["colour"], "yellow",
        "no quota on the 16th"
    );

    let found: Value = client
        .get(format!(
            "{base}/v1/offices/jakartaselatan/bookings/261214-P-001?nik={}",
            nik(2)
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // What the booking answered is what is stored: a lookup later says the very same.
    assert_eq!(found, booked);

    // "Simpan PDF": the counter's proof, with the code and the office's words.
    let pdf = client
        .get(format!(
            "{base}/v1/offices/jakartaselatan/bookings/261214-P-001/proof.pdf?nik={}",
            nik(1)
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let bytes = pdf.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bukti.pdf");
    std::fs::write(&file, &bytes).unwrap();
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", &file.display().to_string(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("BUKTI PENDAFTARAN ANTREAN PASPOR"), "{text}");
    assert!(text.contains("261214-P-001"), "{text}");
    assert!(text.contains("Senin, 14 Desember 2026"), "{text}");
    assert!(!text.contains(&nik(1)), "the NIK is masked on the proof");
    let stranger = client
        .get(format!(
            "{base}/v1/offices/jakartaselatan/bookings/261214-P-001?nik={}",
            nik(9)
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(stranger.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bad_input_gets_the_right_status_an_indonesian_message_and_changes_nothing() {
    let (central, _clock) = central_at(monday()).await;
    let day = date(2026, 12, 14);
    released(&central, "jakartaselatan", day, 80).await;
    let base = serve(&central).await;
    let client = reqwest::Client::new();
    let url = format!("{base}/v1/bookings");
    let good = body("jakartaselatan", day, &[nik(1)]);

    // Malformed JSON and an unknown field.
    let res = client
        .post(&url)
        .header("Idempotency-Key", "a")
        .header("content-type", "application/json")
        .body("{\"office\":")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let e: ErrorBody = res.json().await.unwrap();
    assert_eq!(e.code, "body.invalid");
    assert!(
        e.message.starts_with("Isi permintaan bukan JSON"),
        "{}",
        e.message
    );
    let mut extra = good.clone();
    extra["admin"] = json!(true);
    let (status, v) = post(&client, &url, Some("b"), &extra).await;
    assert_eq!(
        (status, error(&v).code.as_str()),
        (StatusCode::BAD_REQUEST, "body.invalid")
    );
    assert!(error(&v).message.contains("admin"), "{v}");

    // A 15-digit NIK, six applicants, one NIK twice.
    let (status, v) = post(
        &client,
        &url,
        Some("c"),
        &body("jakartaselatan", day, &["317401120388001".into()]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&v).message,
        "Pemohon ke-1: NIK harus 16 digit angka; yang diisi 15 digit."
    );
    assert_eq!(
        error(&v).message_en,
        "Applicant 1: A NIK has 16 digits; 15 were entered."
    );
    let six: Vec<String> = (1..=6).map(nik).collect();
    let (status, v) = post(&client, &url, Some("d"), &body("jakartaselatan", day, &six)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&v).message,
        "Satu pemesanan berisi 1 sampai 5 pemohon; yang diisi 6."
    );
    let (status, v) = post(
        &client,
        &url,
        Some("e"),
        &body("jakartaselatan", day, &[nik(1), nik(1)]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error(&v).message.contains("dua kali"), "{v}");

    // No key, a too-large body, an unknown office, a date in the past.
    let (status, v) = post(&client, &url, None, &good).await;
    assert_eq!(
        (status, error(&v).code.as_str()),
        (StatusCode::BAD_REQUEST, "idempotency.missing")
    );
    let res = client
        .post(&url)
        .header("Idempotency-Key", "f")
        .header("content-type", "application/json")
        .body(vec![b' '; 20_000])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        res.json::<ErrorBody>().await.unwrap().code,
        "body.too_large"
    );
    let (status, v) = post(&client, &url, Some("g"), &body("atlantis", day, &[nik(1)])).await;
    assert_eq!(
        (status, error(&v).code.as_str()),
        (StatusCode::NOT_FOUND, "office.unknown")
    );
    released(&central, "jakartaselatan", date(2026, 12, 4), 80).await;
    let (status, v) = post(
        &client,
        &url,
        Some("h"),
        &body("jakartaselatan", date(2026, 12, 4), &[nik(1)]),
    )
    .await;
    assert_eq!(
        (status, error(&v).code.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "booking.past")
    );

    assert_eq!(
        sold(&central, "jakartaselatan", day).await,
        0,
        "nothing was sold"
    );
    let frozen: i64 = sqlx::query_scalar("SELECT count(*) FROM nik_freeze")
        .fetch_one(&central.pool)
        .await
        .unwrap();
    assert_eq!(frozen, 0, "no NIK was frozen by a refused booking");
}

#[tokio::test]
async fn a_nik_that_booked_is_frozen_for_30_days_at_every_office() {
    let (central, clock) = central_at(monday()).await;
    let day = date(2026, 12, 14);
    released(&central, "jakartaselatan", day, 80).await;
    released(&central, "denpasar", day, 80).await;
    let base = serve(&central).await;
    let client = reqwest::Client::new();
    let url = format!("{base}/v1/bookings");
    let (status, _) = post(
        &client,
        &url,
        Some("1"),
        &body("jakartaselatan", day, &[nik(1)]),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);

    // The same NIK, as a family member, at an office in another zone.
    let (status, v) = post(
        &client,
        &url,
        Some("2"),
        &body("denpasar", day, &[nik(2), nik(1)]),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error(&v).code, "booking.frozen");
    assert_eq!(
        error(&v).message,
        "Pemohon ke-2: NIK ini sudah memesan antrean pada 07/12/2026; pemesanan baru dapat dilakukan mulai 06/01/2027."
    );
    assert_eq!(sold(&central, "denpasar", day).await, 0);

    // On the day the freeze ends it books again.
    clock.set(utc(2027, 1, 6, 1, 0));
    released(&central, "denpasar", date(2027, 1, 11), 80).await;
    let (status, v) = post(
        &client,
        &url,
        Some("3"),
        &body("denpasar", date(2027, 1, 11), &[nik(1)]),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
}

#[tokio::test]
async fn a_retry_with_the_same_key_gets_the_same_answer_and_books_once() {
    let (central, _clock) = central_at(monday()).await;
    let day = date(2026, 12, 14);
    released(&central, "jakartaselatan", day, 80).await;
    let base = serve(&central).await;
    let client = reqwest::Client::new();
    let url = format!("{base}/v1/bookings");
    let first = post(
        &client,
        &url,
        Some("retry-1"),
        &body("jakartaselatan", day, &[nik(1), nik(2)]),
    )
    .await;
    let again = post(
        &client,
        &url,
        Some("retry-1"),
        &body("jakartaselatan", day, &[nik(1), nik(2)]),
    )
    .await;
    assert_eq!(first.0, StatusCode::CREATED);
    assert_eq!(first, again, "the stored answer, not a second booking");
    assert_eq!(sold(&central, "jakartaselatan", day).await, 2);

    let (status, v) = post(
        &client,
        &url,
        Some("retry-1"),
        &body("jakartaselatan", day, &[nik(3)]),
    )
    .await;
    assert_eq!(
        (status, error(&v).code.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "idempotency.mismatch")
    );
    assert_eq!(sold(&central, "jakartaselatan", day).await, 2);
}

#[tokio::test]
async fn the_retry_of_the_booking_that_took_the_last_seat_gets_that_booking_not_full() {
    // Found by the sync's week suite: a session the service knows is sold out was answered
    // "full" before the key was looked at, so a citizen whose answer was lost was told the
    // seat they hold is gone.
    let (central, _clock) = central_at(monday()).await;
    let day = date(2026, 12, 14);
    released(&central, "jakartaselatan", day, 2).await;
    let base = serve(&central).await;
    let client = reqwest::Client::new();
    let url = format!("{base}/v1/bookings");
    let last = body("jakartaselatan", day, &[nik(1), nik(2)]);
    let first = post(&client, &url, Some("last-seat"), &last).await;
    assert_eq!(first.0, StatusCode::CREATED, "{}", first.1);
    // Someone else meets the full session, so the service remembers it is sold out.
    let (status, v) = post(
        &client,
        &url,
        Some("someone-else"),
        &body("jakartaselatan", day, &[nik(3)]),
    )
    .await;
    assert_eq!(
        (status, error(&v).code.as_str()),
        (StatusCode::CONFLICT, "quota.full")
    );
    let again = post(&client, &url, Some("last-seat"), &last).await;
    assert_eq!(first, again, "the stored answer, not \"full\"");
    assert_eq!(sold(&central, "jakartaselatan", day).await, 2);
}

#[tokio::test]
async fn quota_not_released_not_provided_or_full_is_refused_at_once() {
    let (central, clock) = central_at(monday()).await;
    let day = date(2026, 12, 14);
    let base = serve(&central).await;
    let client = reqwest::Client::new();
    let url = format!("{base}/v1/bookings");

    let (status, v) = post(
        &client,
        &url,
        Some("1"),
        &body("jakartaselatan", day, &[nik(1)]),
    )
    .await;
    assert_eq!(
        (status, error(&v).code.as_str()),
        (StatusCode::CONFLICT, "quota.not_provided")
    );

    // Approved, but it opens on Friday 11th at 14:00 WIB.
    let opens = utc(2026, 12, 11, 7, 0);
    loket_central::seed::approve(&central, "jakartaselatan", day, (2, 15, 5), opens, None)
        .await
        .unwrap();
    let (status, v) = post(
        &client,
        &url,
        Some("2"),
        &body("jakartaselatan", day, &[nik(1)]),
    )
    .await;
    assert_eq!(
        (status, error(&v).code.as_str()),
        (StatusCode::CONFLICT, "quota.not_released")
    );

    clock.set(utc(2026, 12, 11, 7, 0));
    let (status, _) = post(
        &client,
        &url,
        Some("3"),
        &body("jakartaselatan", day, &[nik(1), nik(2)]),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, v) = post(
        &client,
        &url,
        Some("4"),
        &body("jakartaselatan", day, &[nik(3)]),
    )
    .await;
    assert_eq!(
        (status, error(&v).code.as_str()),
        (StatusCode::CONFLICT, "quota.full")
    );
    assert!(error(&v).message.starts_with("Kuota penuh"), "{v}");
    assert_eq!(sold(&central, "jakartaselatan", day).await, 2);
    // Asked again, the sold-out session is answered at once, the same way.
    let (status, again) = post(
        &client,
        &url,
        Some("5"),
        &body("jakartaselatan", day, &[nik(3)]),
    )
    .await;
    assert_eq!(
        (status, error(&again).code.as_str()),
        (StatusCode::CONFLICT, "quota.full")
    );

    // A cancellation gives the seats back, and the next citizen gets one.
    let (status, _) = post(
        &client,
        &format!("{base}/v1/offices/jakartaselatan/bookings/261214-P-001/cancel"),
        Some("6"),
        &json!({ "nik": nik(1) }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, v) = post(
        &client,
        &url,
        Some("7"),
        &body("jakartaselatan", day, &[nik(3)]),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(sold(&central, "jakartaselatan", day).await, 1);
}

#[tokio::test]
async fn two_families_sharing_members_in_opposite_order_get_one_booking_never_an_error() {
    let (central, _clock) = central_at(monday()).await;
    let day = date(2026, 12, 14);
    released(&central, "jakartaselatan", day, 80).await;
    let base = serve(&central).await;
    let client = reqwest::Client::new();
    let url = format!("{base}/v1/bookings");
    for round in 0..20u32 {
        let (a, b) = (nik(10 * round + 1), nik(10 * round + 2));
        let first = body("jakartaselatan", day, &[a.clone(), b.clone()]);
        let second = body("jakartaselatan", day, &[b, a]);
        let (k1, k2) = (format!("x-{round}"), format!("y-{round}"));
        let (one, two) = tokio::join!(
            post(&client, &url, Some(&k1), &first),
            post(&client, &url, Some(&k2), &second)
        );
        let mut statuses = [one.0, two.0];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::CREATED, StatusCode::CONFLICT],
            "round {round}: {one:?} {two:?}"
        );
    }
}
