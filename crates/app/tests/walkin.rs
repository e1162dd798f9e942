//! Walk-in bookings made at the counter: field-by-field checks, the 30-day rule, full sessions and
//! the head's override, the priority share. Proofs are signed with a key from a real Secret Service.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::counter::*;
use common::monday_morning;
use loket_app::CancelRequest;
use loket_domain::op::CancelOrigin;
use loket_domain::{Bilingual, Category, Channel, Op, OpType, Severity};
use loket_domain::{DateColour, Relation, SessionKind};

#[tokio::test]
async fn a_walk_in_form_puts_each_problem_next_to_its_field_and_saves_once_corrected() {
    let o = demo().await;
    let p = petugas(&o).await;
    let holder = applicant("317401120388000", "Andi Wijaya", None, "L", "1988-03-12");
    let (date, session) = roomy(&o, &p).await;
    let mut req = walk_in(&date, session, vec![holder]);
    req.kk_number = "317401010125000".into();
    let check = o.loket.check_walk_in(&p, &req).await.unwrap();
    assert!(!check.ready);
    assert_eq!(
        issue(&check, "applicants.0.nik").unwrap().message.id,
        "NIK harus 16 digit angka; yang diisi 15 digit."
    );
    assert_eq!(
        issue(&check, "kk").unwrap().message.id,
        "Nomor KK harus 16 digit angka."
    );
    // The English window reads the same issues in English, written beside the Indonesian.
    assert_eq!(
        issue(&check, "applicants.0.nik").unwrap().message.en,
        "A NIK has 16 digits; 15 were entered."
    );
    let refused = o.loket.create_walk_in(&p, &req).await.unwrap_err();
    assert_eq!(
        (refused.to_string(), refused.en()),
        (
            "Nomor KK harus 16 digit angka.".to_owned(),
            "A KK (family card) number has 16 digits.".to_owned()
        ),
        "the refusal names the form's first error in both languages"
    );
    assert_eq!(
        o.loket.create_walk_in(&p, &req).await.unwrap_err().code(),
        "walkin.invalid"
    );

    // Corrected; the wife is added without a relation, then a sixth person, then a past date.
    req.kk_number = "3174010101250001".into();
    req.applicants[0].nik = "3174011203880001".into();
    req.applicants.push(applicant(
        "3174015705900002",
        "Sari Wijaya",
        None,
        "P",
        "1990-05-17",
    ));
    let check = o.loket.check_walk_in(&p, &req).await.unwrap();
    assert!(
        issue(&check, "applicants.1.relation")
            .unwrap()
            .message
            .id
            .contains("wajib dipilih")
    );
    req.applicants[1].relation = Some(Relation::SuamiIstri);
    let mut six = req.clone();
    for i in 0..4 {
        six.applicants.push(applicant(
            &format!("317401010{i}150003"),
            "Anak Wijaya",
            Some(Relation::Anak),
            "L",
            &format!("2015-0{}-01", i + 1),
        ));
    }
    let check = o.loket.check_walk_in(&p, &six).await.unwrap();
    assert_eq!(
        issue(&check, "applicants").unwrap().message.id,
        "Satu pemesanan berisi 1 sampai 5 pemohon; yang diisi 6."
    );
    let mut past = req.clone();
    past.date = "2026-11-20".into();
    let check = o.loket.check_walk_in(&p, &past).await.unwrap();
    assert!(
        issue(&check, "date")
            .unwrap()
            .message
            .id
            .contains("sudah lewat")
    );

    // The wife's documents say another birth date than her NIK: a warning to acknowledge.
    req.applicants[1].birth_date = "1990-05-18".into();
    let check = o.loket.check_walk_in(&p, &req).await.unwrap();
    let warning = issue(&check, "applicants.1.nik").unwrap().clone();
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(
        warning.message.id,
        "Tanggal lahir pada NIK (17/05/1990) berbeda dengan dokumen (18/05/1990)."
    );
    assert!(!check.ready);
    assert_eq!(check.hints[0].nik_birth_date.as_deref(), Some("1988-03-12"));
    assert_eq!(
        o.loket.create_walk_in(&p, &req).await.unwrap_err().code(),
        "walkin.unacknowledged"
    );
    req.acknowledged.push(warning.key);
    o.loket
        .save_draft(&p, "walk_in", "{\"step\":2}")
        .await
        .unwrap();
    let booking = o.loket.create_walk_in(&p, &req).await.unwrap();
    assert_eq!(
        booking.code,
        format!(
            "{}-{}-A01",
            date[2..].replace('-', ""),
            if session == SessionKind::Pagi {
                'P'
            } else {
                'S'
            }
        )
    );
    assert_eq!(booking.channel, Channel::Loket);
    assert_eq!(booking.applicants[1].relation, Relation::SuamiIstri);
    assert!(
        o.loket.draft(&p, "walk_in").await.unwrap().is_none(),
        "the draft became the booking"
    );
    // The outbox carries the whole booking, with ids, for the central service to replay.
    let (by, op) = common::last_op(&o, OpType::WalkInBooked).await;
    let Op::WalkInBooked(w) = op else {
        panic!("{op:?}")
    };
    assert_eq!(by.user_id.map(|u| u.to_string()), Some(p.user_id.clone()));
    assert_eq!(by.name, p.username);
    assert_eq!(
        (
            w.booking_id.to_string(),
            w.code.as_str(),
            w.counter.as_str()
        ),
        (booking.id.clone(), booking.code.as_str(), "A")
    );
    assert_eq!((w.date.to_string(), w.session), (date.clone(), session));
    assert_eq!(w.kk_number, booking.kk_number);
    assert_eq!(w.applicants.len(), booking.applicants.len());
    for (sent, saved) in w.applicants.iter().zip(&booking.applicants) {
        assert_eq!(sent.id.to_string(), saved.id);
        assert_eq!(
            (sent.nik.as_str(), sent.full_name.as_str()),
            (saved.nik.as_str(), saved.full_name.as_str())
        );
        assert_eq!(
            (sent.relation, sent.sex, sent.application_type),
            (saved.relation, saved.sex, saved.application_type)
        );
    }
    assert!(
        w.proof_qr.starts_with(loket_domain::proof::PREFIX),
        "{}",
        w.proof_qr
    );

    // Its proof is signed by this PC's key from the OS key store, and scans on its day.
    o.clock.set(
        Utc.from_utc_datetime(
            &NaiveDate::parse_from_str(&date, "%Y-%m-%d")
                .unwrap()
                .and_hms_opt(3, 0, 0)
                .unwrap(),
        ),
    );
    let scan = o
        .loket
        .scan_proof(&p, &proof_of(&o, &booking.code).await, Some(session))
        .await
        .unwrap();
    assert_eq!(scan.booking.applicants.len(), 2);
    o.clock.set(monday_morning());
    // The same NIK cannot book again within 30 days.
    let again = walk_in(
        "2026-11-24",
        SessionKind::Pagi,
        vec![applicant(
            "3174011203880001",
            "Andi Wijaya",
            None,
            "L",
            "1988-03-12",
        )],
    );
    let check = o.loket.check_walk_in(&p, &again).await.unwrap();
    assert_eq!(
        issue(&check, "applicants.0.nik").unwrap().message.id,
        "NIK ini sudah memesan antrean pada 23/11/2026; pemesanan baru dapat dilakukan mulai 23/12/2026."
    );
}

#[tokio::test]
async fn the_thirty_day_rule_counts_cancelled_bookings_and_ends_on_the_thirtieth_day() {
    let o = demo().await;
    let p = petugas(&o).await;
    let holder = applicant("3174011203880001", "Andi Wijaya", None, "L", "1988-03-12");
    let b = o
        .loket
        .create_walk_in(
            &p,
            &walk_in("2026-11-23", SessionKind::Siang, vec![holder.clone()]),
        )
        .await
        .unwrap();
    o.loket
        .cancel_booking(
            &p,
            &CancelRequest {
                code: b.code,
                origin: CancelOrigin::Kantor,
                reason: "Salah tanggal".into(),
            },
        )
        .await
        .unwrap();
    // 22 December 2026, 10:00 WIB: day 29 — still frozen, even though the booking was cancelled.
    o.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 22, 3, 0, 0).unwrap());
    let req = walk_in("2026-12-22", SessionKind::Siang, vec![holder]);
    let check = o.loket.check_walk_in(&p, &req).await.unwrap();
    assert!(
        issue(&check, "applicants.0.nik")
            .unwrap()
            .message
            .id
            .contains("mulai 23/12/2026")
    );
    // 23 December: free again.
    o.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 23, 3, 0, 0).unwrap());
    let mut req = req;
    req.date = "2026-12-23".into();
    let check = o.loket.check_walk_in(&p, &req).await.unwrap();
    assert!(
        issue(&check, "applicants.0.nik").is_none(),
        "{:?}",
        check.issues
    );
}

#[tokio::test]
async fn a_full_session_offers_the_next_one_with_room_and_only_the_head_may_override() {
    let o = demo().await;
    let p = petugas(&o).await;
    let month = o.loket.calendar_month(&p, 2026, 12).await.unwrap();
    let full = month
        .days
        .iter()
        .find(|d| d.colour == DateColour::Red)
        .expect("a full date in December");
    let req = walk_in(
        &full.date,
        SessionKind::Pagi,
        vec![applicant(
            "3174011203880001",
            "Andi Wijaya",
            None,
            "L",
            "1988-03-12",
        )],
    );
    let check = o.loket.check_walk_in(&p, &req).await.unwrap();
    assert_eq!(check.room, 0);
    let next = check
        .next_with_room
        .clone()
        .expect("a later session with room");
    assert!(
        next.date > full.date || (next.date == full.date && next.session == SessionKind::Siang)
    );
    assert!(
        issue(&check, "session")
            .unwrap()
            .message
            .id
            .contains("Sesi berikutnya yang masih ada kuota")
    );
    assert_eq!(
        o.loket.create_walk_in(&p, &req).await.unwrap_err().code(),
        "walkin.full"
    );

    let mut over = req.clone();
    over.override_reason = Some("Pemohon lansia dari luar kota".into());
    assert_eq!(
        o.loket.create_walk_in(&p, &over).await.unwrap_err().code(),
        "forbidden"
    );
    let k = kepala(&o).await;
    let b = o.loket.create_walk_in(&k, &over).await.unwrap();
    assert_eq!(b.date, full.date);
    // The offered session takes the same form as it is.
    let mut moved = req.clone();
    moved.applicants[0] = applicant("3174015705900002", "Sari Wijaya", None, "P", "1990-05-17");
    moved.date = next.date.clone();
    moved.session = next.session;
    assert!(o.loket.check_walk_in(&p, &moved).await.unwrap().ready);
}

#[tokio::test]
async fn priority_is_suggested_for_a_toddler_and_takes_the_priority_share() {
    let o = demo().await;
    let p = petugas(&o).await;
    let mut req = walk_in(
        "2026-11-24",
        SessionKind::Pagi,
        vec![
            applicant("3174011203880001", "Andi Wijaya", None, "L", "1988-03-12"),
            applicant(
                "3174010106230004",
                "Bima Wijaya",
                Some(Relation::Anak),
                "L",
                "2023-06-01",
            ),
        ],
    );
    let check = o.loket.check_walk_in(&p, &req).await.unwrap();
    assert_eq!(
        check.suggested_priority,
        Some(loket_domain::PriorityReason::Balita)
    );
    req.acknowledged = check
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Warning)
        .map(|i| i.key.clone())
        .collect();
    let b = o.loket.create_walk_in(&p, &req).await.unwrap();
    assert_eq!(b.category, Category::Prioritas);
    assert_eq!(
        b.priority_reason,
        Some(loket_domain::PriorityReason::Balita)
    );
}
