//! Several counter PCs in one office: what each one numbers by itself never collides with what
//! another numbers, and decisions about shared capacity are taken under the write lock.

#![allow(clippy::unwrap_used)] // test set-up: a failure here is a failed test

mod common;

use base64::Engine;
use common::counter::*;
use common::{Office, monday_morning, office_at};
use loket_app::{Actor, CheckInRequest};
use loket_domain::proof::SignedProof;
use loket_domain::{CounterCode, SessionKind, TrustedKeys};

/// A demo PC of the Jakarta Selatan office set up as counter `code`, in its own data folder.
async fn counter_pc(code: &str) -> Office {
    let o = office_at(monday_morning()).await;
    o.loket
        .seed_demo(
            loket_app::demo::DEMO_SEED,
            &CounterCode::parse(code).unwrap(),
        )
        .await
        .unwrap();
    o
}

/// A family of `n` with valid NIKs, serials from `serial` on (so two PCs book different people).
fn family(date: &str, session: SessionKind, serial: u32, n: u32) -> loket_app::WalkInRequest {
    let applicants = (0..n)
        .map(|i| {
            let nik = format!("317401120388{:04}", serial + i);
            let relation = (i > 0).then_some(loket_domain::Relation::Anak);
            applicant(
                &nik,
                &format!("Pemohon {}", name_of(serial + i)),
                relation,
                "L",
                "1988-03-12",
            )
        })
        .collect();
    let mut req = walk_in(date, session, applicants);
    req.acknowledged = Vec::new();
    req
}

/// A name made of letters only (names carry no digits): 1 → "Ba", 12 → "Ca Da".
fn name_of(n: u32) -> String {
    let syllable =
        |d: u32| ["Ba", "Ca", "Da", "Fa", "Ga", "Ha", "Ja", "Ka", "La", "Ma"][d as usize % 10];
    n.to_string()
        .chars()
        .filter_map(|c| c.to_digit(10))
        .map(syllable)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Saves a walk-in, acknowledging whatever warnings the form raises first.
async fn book(
    o: &Office,
    who: &Actor,
    mut req: loket_app::WalkInRequest,
) -> loket_app::BookingView {
    let check = o.loket.check_walk_in(who, &req).await.unwrap();
    req.acknowledged = check.issues.iter().map(|i| i.key.clone()).collect();
    o.loket.create_walk_in(who, &req).await.unwrap()
}

#[tokio::test]
async fn two_counters_of_one_office_never_issue_the_same_walk_in_code_or_queue_number() {
    let a = counter_pc("A").await;
    let b = counter_pc("B").await;
    let (pa, pb) = (petugas(&a).await, petugas(&b).await);
    assert_eq!(a.loket.status(None).await.unwrap().counter_code, "A");
    assert_eq!(b.loket.status(None).await.unwrap().counter_code, "B");

    // Both book walk-ins for the same session, offline from each other.
    let (date, session) = roomy(&a, &pa).await;
    let mut codes = Vec::new();
    for (pc, who, serial) in [(&a, &pa, 1), (&b, &pb, 11), (&a, &pa, 21), (&b, &pb, 31)] {
        codes.push(book(pc, who, family(&date, session, serial, 1)).await.code);
    }
    let s = if session == SessionKind::Pagi {
        'P'
    } else {
        'S'
    };
    let day = date[2..].replace('-', "");
    assert_eq!(
        codes,
        [
            format!("{day}-{s}-A01"),
            format!("{day}-{s}-B01"),
            format!("{day}-{s}-A02"),
            format!("{day}-{s}-B02")
        ]
    );

    // Both check families in today: each numbers its own arrivals.
    let waiting = |o: &Office, who: &Actor| {
        let (o, who) = (o.loket.clone(), who.clone());
        async move {
            o.day_lists(&who, "2026-11-23").await.unwrap().sessions[0]
                .bookings
                .iter()
                .filter(|b| {
                    b.applicants
                        .iter()
                        .all(|x| x.status == loket_domain::ApplicantStatus::Expected)
                })
                .map(|b| {
                    (
                        b.code.clone(),
                        b.applicants
                            .iter()
                            .map(|x| x.id.clone())
                            .collect::<Vec<_>>(),
                    )
                })
                .collect::<Vec<_>>()
        }
    };
    let families = waiting(&a, &pa).await;
    let mut numbers = Vec::new();
    for (i, (code, ids)) in families.iter().take(6).enumerate() {
        let (pc, who) = if i % 2 == 0 { (&a, &pa) } else { (&b, &pb) };
        let r = pc
            .loket
            .check_in(
                who,
                &CheckInRequest {
                    code: code.clone(),
                    applicant_ids: ids.clone(),
                },
            )
            .await
            .unwrap();
        numbers.extend(r.new_queue_numbers);
    }
    let unique: std::collections::BTreeSet<&String> = numbers.iter().collect();
    assert_eq!(
        unique.len(),
        numbers.len(),
        "no queue number twice: {numbers:?}"
    );
    assert!(
        numbers.iter().any(|n| n.starts_with("A-")) && numbers.iter().any(|n| n.starts_with("B-"))
    );
    // Counter B had called nobody before: its numbers start at 1.
    assert!(numbers.contains(&"B-001".to_owned()), "{numbers:?}");

    // Each PC published its proof-signing key: with it, A can verify B's walk-in proof.
    let (_, key) = crate::last!(&b, KeyTrusted);
    assert_eq!(key.origin, loket_domain::KeyOrigin::Device);
    let public = base64::engine::general_purpose::STANDARD
        .decode(&key.public_key)
        .unwrap();
    let mut trusted = TrustedKeys::new();
    trusted.add(&key.key_id, &public).unwrap();
    let (_, walk_in) = crate::last!(&b, WalkInBooked);
    let claim = SignedProof::parse(&walk_in.proof_qr)
        .unwrap()
        .verify(&trusted)
        .unwrap();
    assert_eq!(claim.code, walk_in.code);
    assert_ne!(
        crate::last!(&a, KeyTrusted).1.key_id,
        key.key_id,
        "every PC has its own key"
    );
}

#[tokio::test]
async fn arrivals_are_recorded_with_each_applicants_id_number_and_time() {
    let o = demo().await;
    let p = petugas(&o).await;
    let family = waiting_family(&o, &p, "2026-11-23", SessionKind::Pagi, 2).await;
    let first = family.applicants[0].id.clone();
    o.loket
        .check_in(
            &p,
            &CheckInRequest {
                code: family.code.clone(),
                applicant_ids: vec![first.clone()],
            },
        )
        .await
        .unwrap();
    // Everybody, the first included again: only the two who were still expected are recorded.
    let all: Vec<String> = family.applicants.iter().map(|a| a.id.clone()).collect();
    let r = o
        .loket
        .check_in(
            &p,
            &CheckInRequest {
                code: family.code.clone(),
                applicant_ids: all,
            },
        )
        .await
        .unwrap();
    let (by, sent) = crate::last!(&o, ArrivalsRecorded);
    assert_eq!(by.user_id.map(|u| u.to_string()), Some(p.user_id.clone()));
    assert_eq!(
        (sent.booking_id.to_string(), sent.code.as_str()),
        (family.id.clone(), family.code.as_str())
    );
    let recorded: Vec<(String, String)> = sent
        .arrivals
        .iter()
        .map(|a| (a.applicant_id.to_string(), a.queue_number.to_string()))
        .collect();
    let expected: Vec<(String, String)> = r.booking.applicants[1..]
        .iter()
        .map(|a| (a.id.clone(), a.queue_number.clone().unwrap()))
        .collect();
    assert_eq!(recorded, expected, "ids and numbers pair up");
    assert!(
        sent.arrivals
            .iter()
            .all(|a| a.arrived_utc == monday_morning())
    );
}

/// A session with exactly `seats` left at the counter share.
async fn last_seats(o: &Office, date: &str, seats: u32) {
    let mut tx = o.loket.store().begin().await.unwrap();
    tx.set_released_quota(
        "agam",
        &loket_store::ReleasedQuota {
            date,
            session: SessionKind::Pagi,
            online: 10,
            counter: seats,
            priority: 2,
            opens: monday_morning(),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_saves_for_the_last_seat_book_one_and_tell_the_other_it_is_full() {
    let o = common::set_up("agam").await;
    let admin = o
        .loket
        .login(&common::login("admin", "kata-sandi-kuat"))
        .await
        .unwrap()
        .0;
    let req = loket_app::NewUserRequest {
        username: "loket1".into(),
        full_name: "Petugas Satu".into(),
        nip: None,
        role: loket_domain::Role::Petugas,
        password: "sandi-awal-123".into(),
    };
    o.loket.create_user(&admin, &req).await.unwrap();
    let p = o
        .loket
        .login(&common::login("loket1", "sandi-awal-123"))
        .await
        .unwrap()
        .0;
    // Both forms are judged before either saves, so each save must find out under the write lock.
    let mut lost_under_the_lock = 0;
    // Five working days of December, each with one seat left at the counter.
    for (round, date) in [
        "2026-12-01",
        "2026-12-02",
        "2026-12-03",
        "2026-12-08",
        "2026-12-09",
    ]
    .into_iter()
    .enumerate()
    {
        last_seats(&o, date, 1).await;
        let serial = 100 + 10 * round as u32;
        let mut first = family(date, SessionKind::Pagi, serial, 1);
        let mut second = family(date, SessionKind::Pagi, serial + 5, 1);
        for r in [&mut first, &mut second] {
            let check = o.loket.check_walk_in(&p, r).await.unwrap();
            assert_eq!(check.room, 1, "{date}: both forms see the last seat");
            r.acknowledged = check.issues.iter().map(|i| i.key.clone()).collect();
        }
        let (l1, l2) = (o.loket.clone(), o.loket.clone());
        let (p1, p2) = (p.clone(), p.clone());
        let (x, y) = tokio::join!(
            tokio::spawn(async move { l1.create_walk_in(&p1, &first).await }),
            tokio::spawn(async move { l2.create_walk_in(&p2, &second).await }),
        );
        let results = [x.unwrap(), y.unwrap()];
        let booked = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(booked, 1, "{date}: exactly one gets the seat");
        let refused = results.iter().find_map(|r| r.as_ref().err()).unwrap();
        if refused.to_string().contains("baru saja dipakai") {
            lost_under_the_lock += 1;
        }
        assert_eq!(refused.code(), "walkin.full", "{date}: {refused}");
        assert!(
            refused.to_string().contains("tersisa 0"),
            "{date}: the real reason, not a storage error: {refused}"
        );
    }
    assert!(
        lost_under_the_lock > 0,
        "the race was decided inside the transaction"
    );
}
