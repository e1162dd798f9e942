//! Two counter PCs of one office and the central (on a real PostgreSQL): an online booking reaches
//! both counters' lists, a walk-in and a check-in on one reach the other, a closure on one cancels
//! what the other booked offline and says so on both until an officer marks it read, and a pull
//! never undoes an arrival the PC has not pushed yet.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Duration, NaiveDate};
use common::counter::*;
use common::sync::enrol;
use common::*;
use loket_app::{Actor, CheckInRequest};
use loket_domain::{ApplicantStatus, BookingStatus, CounterCode, SessionKind};
use loket_sync::SyncClient;
use serde_json::json;

const TODAY: &str = "2026-11-23";
const TOMORROW: &str = "2026-11-24";

fn tomorrow() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

/// A demo PC of Jakarta Selatan at counter `counter`, enrolled with the central.
async fn pc(counter: &str, central: &loket_central::Central, base: &str) -> (Office, SyncClient) {
    let o = office_at(monday_morning()).await;
    o.loket
        .seed_demo(
            loket_app::demo::DEMO_SEED,
            &CounterCode::parse(counter).unwrap(),
        )
        .await
        .unwrap();
    enrol(
        &o.loket,
        central,
        base,
        "jakartaselatan",
        counter,
        "demo-admin-123",
    )
    .await;
    let client = o.loket.sync_client().await.unwrap().unwrap();
    (o, client)
}

async fn sync(o: &Office, client: &SyncClient) {
    o.loket.push_outbox(client).await.unwrap();
    o.loket.pull_changes(client, 0).await.unwrap();
}

/// A citizen books online at the central: the booking's code.
async fn book_online(base: &str, day: &str, session: &str, niks: &[&str]) -> String {
    let applicants: Vec<_> = niks
        .iter()
        .enumerate()
        .map(|(i, n)| {
            json!({"nik": n, "fullName": format!("Warga Daring {}", i + 1),
                   "relation": if i == 0 { "pemohon" } else { "anak" }, "applicationType": "baru"})
        })
        .collect();
    let res = reqwest::Client::new()
        .post(format!("{base}/v1/bookings"))
        .header("Idempotency-Key", uuid::Uuid::now_v7().to_string())
        .json(
            &json!({"office": "jakartaselatan", "date": day, "session": session,
                      "kkNumber": "3174010101259001", "applicants": applicants}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let v: serde_json::Value = res.json().await.unwrap();
    v["code"].as_str().unwrap().to_owned()
}

async fn released(central: &loket_central::Central, day: NaiveDate) {
    let opens = central.clock.now() - Duration::hours(1);
    loket_central::seed::approve(central, "jakartaselatan", day, (80, 15, 5), opens, None)
        .await
        .unwrap();
}

/// Scans the booking's proof at the counter and checks every applicant in.
async fn check_in_by_qr(o: &Office, who: &Actor, code: &str, session: SessionKind) {
    let qr = proof_of(o, code).await;
    let scanned = o.loket.scan_proof(who, &qr, Some(session)).await.unwrap();
    let ids = scanned
        .booking
        .applicants
        .iter()
        .map(|x| x.id.clone())
        .collect();
    let req = CheckInRequest {
        code: code.to_owned(),
        applicant_ids: ids,
    };
    o.loket.check_in(who, &req).await.unwrap();
}

async fn booking_in(
    o: &Office,
    who: &Actor,
    date: &str,
    code: &str,
) -> Option<loket_app::BookingView> {
    let day = o.loket.day_lists(who, date).await.unwrap();
    day.sessions
        .into_iter()
        .flat_map(|s| s.bookings)
        .find(|b| b.code == code)
}

#[tokio::test]
async fn an_online_booking_a_walk_in_and_a_check_in_reach_every_counter_of_the_office() {
    let (central, _clock) = loket_central::testing::central_at(monday_morning()).await;
    let base = loket_central::testing::serve(&central).await;
    released(&central, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()).await;
    released(&central, tomorrow()).await;
    let (a, ca) = pc("A", &central, &base).await;
    let (b, cb) = pc("B", &central, &base).await;
    sync(&a, &ca).await;
    sync(&b, &cb).await;

    // A citizen books this afternoon online; both counters have it after their next pull.
    let code = book_online(
        &base,
        TODAY,
        "siang",
        &["3174011203880101", "3174015705900102"],
    )
    .await;
    let pa = petugas(&a).await;
    let pb = petugas(&b).await;
    assert!(booking_in(&a, &pa, TODAY, &code).await.is_none());
    sync(&a, &ca).await;
    sync(&b, &cb).await;
    let online = booking_in(&a, &pa, TODAY, &code)
        .await
        .expect("the online booking reached counter A");
    assert_eq!(online.applicants.len(), 2);
    assert!(
        booking_in(&b, &pb, TODAY, &code).await.is_some(),
        "and counter B"
    );

    // Counter A checks the family in by the central-signed QR of its proof.
    check_in_by_qr(&a, &pa, &code, SessionKind::Siang).await;

    // And books a walk-in for tomorrow, on the seats the central lent it.
    let (date, session) = (TOMORROW.to_owned(), SessionKind::Pagi);
    let walk = a
        .loket
        .create_walk_in(
            &pa,
            &walk_in(
                &date,
                session,
                vec![applicant(
                    "3174011203880201",
                    "Ahmad Walkin",
                    None,
                    "L",
                    "1988-03-12",
                )],
            ),
        )
        .await
        .unwrap();
    assert!(
        walk.code.contains("-A"),
        "a walk-in code carries its counter: {}",
        walk.code
    );

    sync(&a, &ca).await;
    sync(&b, &cb).await;
    let seen = booking_in(&b, &pb, TODAY, &code).await.unwrap();
    assert!(
        seen.applicants
            .iter()
            .all(|x| x.status == ApplicantStatus::Arrived),
        "B sees A's check-in: {:?}",
        seen.applicants
    );
    let queue: Vec<_> = seen
        .applicants
        .iter()
        .map(|x| x.queue_number.clone())
        .collect();
    assert!(
        queue
            .iter()
            .all(|q| q.as_deref().is_some_and(|q| q.starts_with("A-"))),
        "{queue:?}"
    );
    let walk_at_b = booking_in(&b, &pb, &date, &walk.code)
        .await
        .expect("B sees A's walk-in");
    assert_eq!(walk_at_b.applicants[0].full_name, "Ahmad Walkin");
    // B knows A's key: the walk-in's QR, signed at counter A, verifies at counter B (it is for
    // tomorrow, so it is turned away for its date, not for its signature).
    let qr = proof_of(&b, &walk.code).await;
    let err = b
        .loket
        .scan_proof(&pb, &qr, Some(SessionKind::Pagi))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "checkin.wrong_date", "{err:?}");

    // The central holds the walk-in and the arrivals once.
    let (walk_ins, arrived): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM bookings WHERE channel = 'loket'),
                (SELECT count(*) FROM applicants WHERE status = 'arrived')",
    )
    .fetch_one(&central.pool)
    .await
    .unwrap();
    assert_eq!((walk_ins, arrived), (1, 2));

    // Pulling again brings nothing new and changes nothing.
    let again = b.loket.pull_changes(&cb, 0).await.unwrap();
    assert!(!again.applied.changed(), "{again:?}");
}

#[tokio::test]
async fn a_closure_cancels_what_another_counter_booked_offline_and_both_counters_are_told() {
    let (central, _clock) = loket_central::testing::central_at(monday_morning()).await;
    let base = loket_central::testing::serve(&central).await;
    released(&central, tomorrow()).await;
    let (a, ca) = pc("A", &central, &base).await;
    let (b, cb) = pc("B", &central, &base).await;
    sync(&a, &ca).await;
    sync(&b, &cb).await;

    // A books a walk-in while its network is down (it does not sync), on a seat it holds...
    a.clock.advance(Duration::minutes(5));
    let pa = petugas(&a).await;
    let (date, session) = (TOMORROW.to_owned(), SessionKind::Pagi);
    let walk = a
        .loket
        .create_walk_in(
            &pa,
            &walk_in(
                &date,
                session,
                vec![applicant(
                    "3174011203880301",
                    "Siti Luring",
                    None,
                    "L",
                    "1988-03-12",
                )],
            ),
        )
        .await
        .unwrap();
    // ...while the head on B closes that date.
    let kb = kepala(&b).await;
    b.loket
        .close_date(&kb, &date, "Pemadaman listrik terjadwal")
        .await
        .unwrap();
    sync(&b, &cb).await;

    // A's network is back: its walk-in reaches the central, which keeps it, cancels it and
    // raises it for the office.
    sync(&a, &ca).await;
    sync(&b, &cb).await;
    let at_central: String = sqlx::query_scalar("SELECT status FROM bookings WHERE code = $1")
        .bind(&walk.code)
        .fetch_one(&central.pool)
        .await
        .unwrap();
    assert_eq!(at_central, "cancelled");
    let ka = kepala(&a).await;
    for (o, who) in [(&a, &ka), (&b, &kb)] {
        let items = o.loket.attention(who).await.unwrap();
        let item = items
            .iter()
            .find(|i| i.kind == "closed_cancelled")
            .unwrap_or_else(|| panic!("both counters are told: {items:?}"));
        assert_eq!(item.booking_code.as_deref(), Some(walk.code.as_str()));
        assert!(
            item.message.id.contains("kantor tutup"),
            "{}",
            item.message.id
        );
        assert_eq!(
            o.loket.sync_status().await.unwrap().attention,
            u32::try_from(items.len()).unwrap()
        );
    }
    let at_a = booking_in(&a, &ka, &date, &walk.code).await.unwrap();
    assert_eq!(
        at_a.status,
        BookingStatus::Cancelled,
        "A's copy follows the closure"
    );

    // An officer on B marks it read; once B has pushed and A pulled, A no longer shows it.
    let key = b.loket.attention(&kb).await.unwrap()[0].key.clone();
    b.loket.acknowledge_attention(&kb, &key).await.unwrap();
    assert!(
        b.loket
            .attention(&kb)
            .await
            .unwrap()
            .iter()
            .all(|i| i.key != key)
    );
    sync(&b, &cb).await;
    sync(&a, &ca).await;
    assert!(
        a.loket
            .attention(&ka)
            .await
            .unwrap()
            .iter()
            .all(|i| i.key != key),
        "read on B, gone on A"
    );
    let read_by: Option<String> =
        sqlx::query_scalar("SELECT acknowledged_by FROM conflicts WHERE conflict_key = $1")
            .bind(&key)
            .fetch_one(&central.pool)
            .await
            .unwrap();
    assert_eq!(read_by.as_deref(), Some("kepala"));
}

#[tokio::test]
async fn a_pull_never_undoes_an_arrival_this_pc_has_not_pushed() {
    let (central, clock) = loket_central::testing::central_at(monday_morning()).await;
    let base = loket_central::testing::serve(&central).await;
    let thursday = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    released(&central, thursday).await;
    let (a, ca) = pc("A", &central, &base).await;
    let code = book_online(&base, "2026-11-26", "pagi", &["3174011203880401"]).await;
    sync(&a, &ca).await;

    // The citizen cancels on Monday (before H-2) while A is cut off; on Thursday the citizen
    // turns up anyway and A, still offline, checks them in.
    let res = reqwest::Client::new()
        .post(format!(
            "{base}/v1/offices/jakartaselatan/bookings/{code}/cancel"
        ))
        .header("Idempotency-Key", "batal-1")
        .json(&json!({"nik": "3174011203880401"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let thursday_morning = monday_morning() + Duration::days(3) - Duration::hours(1);
    a.clock.set(thursday_morning);
    clock.set(thursday_morning);
    let pa = petugas(&a).await;
    check_in_by_qr(&a, &pa, &code, SessionKind::Pagi).await;

    // The link returns and the pull comes first: the cancellation arrives, the arrival stays.
    a.loket.pull_changes(&ca, 0).await.unwrap();
    let here = booking_in(&a, &pa, "2026-11-26", &code).await.unwrap();
    assert_eq!(here.applicants[0].status, ApplicantStatus::Arrived);

    // Then the push: the central keeps the arrival too and raises the clash for the office.
    sync(&a, &ca).await;
    let status: String = sqlx::query_scalar("SELECT status FROM applicants")
        .fetch_one(&central.pool)
        .await
        .unwrap();
    assert_eq!(status, "arrived");
    let items = a.loket.attention(&pa).await.unwrap();
    assert!(
        items.iter().any(|i| i.kind == "arrived_after_cancel"
            && i.booking_code.as_deref() == Some(code.as_str())),
        "{items:?}"
    );
}

#[tokio::test]
async fn an_online_booking_not_pulled_yet_is_checked_in_from_its_proof_and_merged_later() {
    let (central, _clock) = loket_central::testing::central_at(monday_morning()).await;
    let base = loket_central::testing::serve(&central).await;
    released(&central, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()).await;
    let (a, ca) = pc("A", &central, &base).await;
    sync(&a, &ca).await;

    // A family booked online this morning; counter A's network went down before it pulled it.
    let code = book_online(
        &base,
        TODAY,
        "siang",
        &["3174011203880401", "3174015705900402"],
    )
    .await;
    let proof: String = sqlx::query_scalar("SELECT proof FROM bookings WHERE code = $1")
        .bind(&code)
        .fetch_one(&central.pool)
        .await
        .unwrap();
    let pa = petugas(&a).await;
    assert!(booking_in(&a, &pa, TODAY, &code).await.is_none());

    // The proof the family shows is signed by the central: the counter checks them in from it.
    let scanned = a
        .loket
        .scan_proof(&pa, &proof, Some(SessionKind::Siang))
        .await
        .unwrap();
    assert_eq!(scanned.booking.applicants.len(), 2);
    assert!(!scanned.already_done);
    let ids: Vec<String> = scanned
        .booking
        .applicants
        .iter()
        .map(|x| x.id.clone())
        .collect();
    let done = a
        .loket
        .check_in(
            &pa,
            &CheckInRequest {
                code: code.clone(),
                applicant_ids: ids.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(done.new_queue_numbers.len(), 2);
    // Scanning again shows them done and hands out nothing new.
    let again = a
        .loket
        .scan_proof(&pa, &proof, Some(SessionKind::Siang))
        .await
        .unwrap();
    assert!(again.already_done);
    let repeat = a
        .loket
        .check_in(
            &pa,
            &CheckInRequest {
                code: code.clone(),
                applicant_ids: ids,
            },
        )
        .await
        .unwrap();
    assert!(repeat.new_queue_numbers.is_empty());

    // The network is back: the central records both arrivals with A's numbers, and the pulled
    // booking carries them on the PC.
    sync(&a, &ca).await;
    let at_central: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT a.status, a.queue_number FROM applicants a JOIN bookings b USING (office_id, booking_id)
         WHERE b.code = $1 ORDER BY a.position",
    )
    .bind(&code)
    .fetch_all(&central.pool)
    .await
    .unwrap();
    let numbers: Vec<Option<String>> = done.new_queue_numbers.iter().cloned().map(Some).collect();
    assert_eq!(
        at_central,
        vec![
            ("arrived".to_owned(), numbers[0].clone()),
            ("arrived".to_owned(), numbers[1].clone())
        ]
    );
    let here = booking_in(&a, &pa, TODAY, &code).await.unwrap();
    let local: Vec<Option<String>> = here
        .applicants
        .iter()
        .map(|x| x.queue_number.clone())
        .collect();
    assert_eq!(local, numbers);
    assert!(here.applicants[0].full_name.starts_with("Warga Daring"));
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM proof_bookings")
        .fetch_one(a.loket.store().pool())
        .await
        .unwrap();
    assert_eq!(
        left, 0,
        "the proof's rows are gone once the booking is here"
    );
    let open = a.loket.attention(&pa).await.unwrap();
    assert!(open.is_empty(), "nothing to look at: {open:?}");
}
