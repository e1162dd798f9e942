//! The counter's day against a real SQLite file and a real Secret Service (the test command starts
//! gnome-keyring on a private D-Bus session): scans, check-in, no-shows, walk-ins, cancellation.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use common::{login, monday_morning, office_at};
use loket_app::{
    Actor, BookingView, CancelRequest, CheckInRequest, ReverseNoShowRequest, WalkInApplicant,
    WalkInRequest,
};
use loket_domain::proof::{ProofClaim, signing_key};
use loket_domain::{DateColour, Relation, SessionKind};

async fn demo() -> common::Office {
    let o = office_at(monday_morning()).await;
    o.loket.seed_demo(loket_app::demo::DEMO_SEED).await.unwrap();
    o
}

async fn petugas(o: &common::Office) -> Actor {
    o.loket
        .login(&login("petugas", "demo-petugas-123"))
        .await
        .unwrap()
        .0
}

async fn kepala(o: &common::Office) -> Actor {
    o.loket
        .login(&login("kepala", "demo-kepala-123"))
        .await
        .unwrap()
        .0
}

async fn proof_of(o: &common::Office, code: &str) -> String {
    o.loket
        .store()
        .booking_by_code("jakartaselatan", code)
        .await
        .unwrap()[0]
        .proof_qr
        .clone()
        .unwrap()
}

/// A booking of `date` and `session` with at least `size` applicants, all still expected.
async fn waiting_family(
    o: &common::Office,
    who: &Actor,
    date: &str,
    session: SessionKind,
    size: usize,
) -> BookingView {
    let day = o.loket.day_lists(who, date).await.unwrap();
    day.sessions
        .into_iter()
        .find(|s| s.session == session)
        .unwrap()
        .bookings
        .into_iter()
        .find(|b| b.applicants.len() >= size && b.applicants.iter().all(|a| a.status == "expected"))
        .expect("the demo has such a family")
}

/// The first session after today with room for a family at the counter.
async fn roomy(o: &common::Office, who: &Actor) -> (String, SessionKind) {
    let month = o.loket.calendar_month(who, 2026, 12).await.unwrap();
    for d in &month.days {
        for (s, q) in [(SessionKind::Pagi, &d.pagi), (SessionKind::Siang, &d.siang)] {
            if d.reason.is_none() && q.as_ref().is_some_and(|q| q.capacity >= q.booked + 5) {
                return (d.date.clone(), s);
            }
        }
    }
    panic!("no December session with room in the demo");
}

async fn outbox_len(o: &common::Office) -> usize {
    o.loket.store().outbox_latest(100_000).await.unwrap().len()
}

#[tokio::test]
async fn a_scanned_proof_checks_a_family_in_part_by_part_and_a_second_scan_changes_nothing() {
    let o = demo().await;
    let p = petugas(&o).await;
    let family = waiting_family(&o, &p, "2026-11-23", SessionKind::Pagi, 2).await;
    let last_queue = o.loket.day_lists(&p, "2026-11-23").await.unwrap().sessions[0].last_queue;
    // The USB scanner types the payload and Enter; the window trims the line ending.
    let typed = format!("{}\r\n", proof_of(&o, &family.code).await);
    let scan = o.loket.scan_proof(&p, &typed, None).await.unwrap();
    assert_eq!(scan.booking.code, family.code);
    assert!(!scan.already_done);

    // The principal came first.
    let first: Vec<String> = vec![family.applicants[0].id.clone()];
    let r = o
        .loket
        .check_in(
            &p,
            &CheckInRequest {
                code: family.code.clone(),
                applicant_ids: first,
            },
        )
        .await
        .unwrap();
    assert_eq!(r.new_queue_numbers, vec![last_queue + 1]);
    assert_eq!(r.booking.applicants[1].status, "expected");

    // The rest arrive later; everybody is checked in with "all arrived": the first keeps theirs.
    let all: Vec<String> = family.applicants.iter().map(|a| a.id.clone()).collect();
    let r = o
        .loket
        .check_in(
            &p,
            &CheckInRequest {
                code: family.code.clone(),
                applicant_ids: all.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(r.new_queue_numbers.len(), family.applicants.len() - 1);
    assert_eq!(r.new_queue_numbers[0], last_queue + 2);
    assert_eq!(r.booking.applicants[0].queue_number, Some(last_queue + 1));
    assert!(
        r.booking
            .applicants
            .iter()
            .all(|a| a.status == "arrived" && a.arrived_at.is_some())
    );

    // Scanning the same proof again: nothing to do, nothing written.
    let before = outbox_len(&o).await;
    let again = o.loket.scan_proof(&p, &typed, None).await.unwrap();
    assert!(again.already_done);
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
    assert!(r.new_queue_numbers.is_empty());
    assert_eq!(outbox_len(&o).await, before);
}

#[tokio::test]
async fn forged_foreign_and_misplaced_proofs_are_refused_with_their_reason() {
    let o = demo().await;
    let p = petugas(&o).await;
    let family = waiting_family(&o, &p, "2026-11-23", SessionKind::Pagi, 2).await;
    let genuine = proof_of(&o, &family.code).await;
    let code = |r: Result<loket_app::ScanOutcome, loket_app::AppError>| r.unwrap_err().code();

    let one_less = genuine.replacen(&format!(".P.{}.", family.applicants.len()), ".P.1.", 1);
    assert_eq!(
        code(o.loket.scan_proof(&p, &one_less, None).await),
        "proof.forged"
    );
    assert_eq!(
        code(
            o.loket
                .scan_proof(&p, "https://contoh.id/promo", None)
                .await
        ),
        "proof.foreign"
    );
    assert_eq!(
        code(o.loket.scan_proof(&p, &genuine[..60], None).await),
        "proof.damaged"
    );
    // Signed with a key nobody gave this office.
    let claim = ProofClaim {
        office: "jakartaselatan".into(),
        code: family.code.clone(),
        date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        session: SessionKind::Pagi,
        applicants: family.applicants.len() as u8,
    };
    let stranger = claim.sign("PUSAT-2", &signing_key(&[9; 32])).unwrap();
    let err = o.loket.scan_proof(&p, &stranger, None).await.unwrap_err();
    assert_eq!(err.code(), "proof.unknown_key");
    // Genuine, but for the afternoon while the morning is being served.
    let siang = waiting_family(&o, &p, "2026-11-23", SessionKind::Siang, 1).await;
    let err = o
        .loket
        .scan_proof(&p, &proof_of(&o, &siang.code).await, None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "checkin.wrong_session");
    assert_eq!(
        err.to_string(),
        "Bukti ini untuk sesi siang, bukan sesi pagi yang sedang dilayani."
    );
    // Genuine, but for tomorrow.
    let tomorrow = waiting_family(&o, &p, "2026-11-24", SessionKind::Pagi, 1).await;
    let err = o
        .loket
        .scan_proof(&p, &proof_of(&o, &tomorrow.code).await, None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "checkin.wrong_date");
    // Genuine, but cancelled by the office.
    o.loket
        .cancel_booking(
            &p,
            &CancelRequest {
                code: family.code.clone(),
                origin: "kantor".into(),
                reason: "Data ganda".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        code(o.loket.scan_proof(&p, &genuine, None).await),
        "checkin.cancelled"
    );
}

#[tokio::test]
async fn applicants_who_never_came_become_no_shows_after_the_grace_time_and_the_head_can_reverse_it()
 {
    let o = demo().await;
    let p = petugas(&o).await;
    let pagi = waiting_family(&o, &p, "2026-11-23", SessionKind::Pagi, 1).await;
    // Pagi ends 12:00 WIB; with the default 60 minutes of grace nothing happens at 12:59.
    o.clock
        .set(Utc.with_ymd_and_hms(2026, 11, 23, 5, 59, 0).unwrap());
    assert_eq!(o.loket.sweep_no_shows().await.unwrap(), 0);
    o.clock
        .set(Utc.with_ymd_and_hms(2026, 11, 23, 6, 0, 0).unwrap());
    let marked = o.loket.sweep_no_shows().await.unwrap();
    assert!(marked > 0);
    let day = o.loket.day_lists(&p, "2026-11-23").await.unwrap();
    assert_eq!(day.sessions[0].counts.expected, 0, "pagi settled");
    assert!(day.sessions[1].counts.expected > 0, "siang still open");
    let applicant = day.sessions[0]
        .bookings
        .iter()
        .find(|b| b.code == pagi.code)
        .unwrap()
        .applicants[0]
        .clone();
    assert_eq!(applicant.status, "no_show");

    let req = ReverseNoShowRequest {
        applicant_id: applicant.id.clone(),
        reason: "Hadir, lupa dipindai petugas".into(),
    };
    assert_eq!(
        o.loket.reverse_no_show(&p, &req).await.unwrap_err().code(),
        "forbidden"
    );
    let k = kepala(&o).await;
    let empty = ReverseNoShowRequest {
        applicant_id: applicant.id.clone(),
        reason: " ".into(),
    };
    assert_eq!(
        o.loket
            .reverse_no_show(&k, &empty)
            .await
            .unwrap_err()
            .to_string(),
        "Alasan wajib diisi."
    );
    o.loket.reverse_no_show(&k, &req).await.unwrap();
    // The next sweep leaves the correction alone.
    assert_eq!(o.loket.sweep_no_shows().await.unwrap(), 0);
    let b = o.loket.booking(&p, &pagi.code).await.unwrap();
    assert_eq!(b.applicants[0].status, "arrived");
    assert_eq!(
        b.applicants[0].no_show_reversal.as_deref(),
        Some("Hadir, lupa dipindai petugas")
    );
}

fn applicant(
    nik: &str,
    name: &str,
    relation: Option<Relation>,
    sex: &str,
    birth: &str,
) -> WalkInApplicant {
    WalkInApplicant {
        nik: nik.into(),
        full_name: name.into(),
        relation,
        sex: sex.into(),
        birth_date: birth.into(),
        application_type: "baru".into(),
        old_passport: String::new(),
    }
}

fn walk_in(date: &str, session: SessionKind, applicants: Vec<WalkInApplicant>) -> WalkInRequest {
    WalkInRequest {
        date: date.into(),
        session,
        kk_number: "3174010101250001".into(),
        kecamatan_code: "317401".into(),
        address_line: "Jl. Wijaya II No. 12".into(),
        applicants,
        priority: None,
        acknowledged: vec![],
        override_reason: None,
    }
}

fn issue<'a>(check: &'a loket_app::WalkInCheck, field: &str) -> Option<&'a loket_app::FieldIssue> {
    check.issues.iter().find(|i| i.field == field)
}

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
        issue(&check, "applicants.0.nik").unwrap().message,
        "NIK harus 16 digit angka; yang diisi 15 digit."
    );
    assert_eq!(
        issue(&check, "kk").unwrap().message,
        "Nomor KK harus 16 digit angka."
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
        issue(&check, "applicants").unwrap().message,
        "Satu pemesanan berisi 1 sampai 5 pemohon; yang diisi 6."
    );
    let mut past = req.clone();
    past.date = "2026-11-20".into();
    let check = o.loket.check_walk_in(&p, &past).await.unwrap();
    assert!(
        issue(&check, "date")
            .unwrap()
            .message
            .contains("sudah lewat")
    );

    // The wife's documents say another birth date than her NIK: a warning to acknowledge.
    req.applicants[1].birth_date = "1990-05-18".into();
    let check = o.loket.check_walk_in(&p, &req).await.unwrap();
    let warning = issue(&check, "applicants.1.nik").unwrap().clone();
    assert_eq!(warning.severity, "warning");
    assert_eq!(
        warning.message,
        "Tanggal lahir pada NIK (17-05-1990) berbeda dengan dokumen (18-05-1990)."
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
            "{}-{}-L01",
            date[2..].replace('-', ""),
            if session == SessionKind::Pagi {
                'P'
            } else {
                'S'
            }
        )
    );
    assert_eq!(booking.channel, "loket");
    assert_eq!(booking.applicants[1].relation, Relation::SuamiIstri);
    assert!(
        o.loket.draft(&p, "walk_in").await.unwrap().is_none(),
        "the draft became the booking"
    );
    let outbox = o.loket.store().outbox_latest(1).await.unwrap();
    assert_eq!(outbox[0].op_type, "walkin.dibuat");

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
        issue(&check, "applicants.0.nik").unwrap().message,
        "NIK ini sudah memesan antrean pada 2026-11-23; pemesanan baru dapat dilakukan mulai 2026-12-23."
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
                origin: "kantor".into(),
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
            .contains("mulai 2026-12-23")
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
        .filter(|i| i.severity == "warning")
        .map(|i| i.key.clone())
        .collect();
    let b = o.loket.create_walk_in(&p, &req).await.unwrap();
    assert_eq!(b.category, "prioritas");
    assert_eq!(
        b.priority_reason,
        Some(loket_domain::PriorityReason::Balita)
    );
}

#[tokio::test]
async fn an_applicant_may_cancel_until_h_minus_2_and_the_office_any_time_with_a_reason() {
    let o = demo().await;
    let p = petugas(&o).await;
    let thursday = waiting_family(&o, &p, "2026-11-26", SessionKind::Pagi, 1).await;
    let other = waiting_family(&o, &p, "2026-11-26", SessionKind::Siang, 1).await;
    // Wednesday 25 November: past the deadline of Tuesday 24th.
    o.clock
        .set(Utc.with_ymd_and_hms(2026, 11, 25, 3, 0, 0).unwrap());
    let by_applicant = CancelRequest {
        code: thursday.code.clone(),
        origin: "pemohon".into(),
        reason: String::new(),
    };
    let err = o.loket.cancel_booking(&p, &by_applicant).await.unwrap_err();
    assert_eq!(err.code(), "cancel.too_late");
    assert_eq!(
        err.to_string(),
        "Pembatalan oleh pemohon paling lambat H-2 (2026-11-24); untuk tanggal ini sudah lewat."
    );
    let no_reason = CancelRequest {
        code: thursday.code.clone(),
        origin: "kantor".into(),
        reason: String::new(),
    };
    assert_eq!(
        o.loket
            .cancel_booking(&p, &no_reason)
            .await
            .unwrap_err()
            .code(),
        "validation"
    );
    let by_office = CancelRequest {
        code: thursday.code.clone(),
        origin: "kantor".into(),
        reason: "Pemohon sakit, dijadwalkan ulang".into(),
    };
    let b = o.loket.cancel_booking(&p, &by_office).await.unwrap();
    assert_eq!(b.status, "cancelled");
    assert!(b.applicants.iter().all(|a| a.status == "cancelled"));
    assert_eq!(
        o.loket
            .cancel_booking(&p, &by_office)
            .await
            .unwrap_err()
            .code(),
        "conflict"
    );
    // Tuesday 24th 23:59 WIB is still in time.
    o.clock
        .set(Utc.with_ymd_and_hms(2026, 11, 24, 16, 59, 0).unwrap());
    let ok = CancelRequest {
        code: other.code,
        origin: "pemohon".into(),
        reason: String::new(),
    };
    assert_eq!(
        o.loket
            .cancel_booking(&p, &ok)
            .await
            .unwrap()
            .cancel_reason
            .as_deref(),
        Some("Atas permintaan pemohon")
    );
    assert_eq!(
        o.loket.store().outbox_latest(1).await.unwrap()[0].op_type,
        "pemesanan.dibatalkan"
    );
}

#[tokio::test]
async fn search_finds_bookings_by_code_nik_and_name_across_dates() {
    let o = demo().await;
    let p = petugas(&o).await;
    let family = waiting_family(&o, &p, "2026-11-30", SessionKind::Siang, 2).await;
    let by_code = o
        .loket
        .search_bookings(&p, &family.code.to_lowercase())
        .await
        .unwrap();
    assert_eq!(by_code.bookings[0].code, family.code);
    let child = &family.applicants[1];
    let by_nik = o.loket.search_bookings(&p, &child.nik).await.unwrap();
    assert!(by_nik.bookings.iter().any(|b| b.code == family.code));
    let name = &family.applicants[0].full_name;
    let by_name = o
        .loket
        .search_bookings(&p, &name.to_lowercase())
        .await
        .unwrap();
    assert!(by_name.bookings.iter().any(|b| b.code == family.code));
    assert_eq!(
        o.loket.search_bookings(&p, "ab").await.unwrap_err().code(),
        "validation"
    );
    let _ = Duration::days(1);
}

fn pdftotext(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is needed: scripts/deps.sh installs it");
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn the_proof_and_the_session_list_print_what_the_counter_needs() {
    let o = demo().await;
    let p = petugas(&o).await;
    let family = waiting_family(&o, &p, "2026-11-23", SessionKind::Pagi, 2).await;
    let proof = o.loket.proof_pdf(&p, &family.code).await.unwrap();
    assert_eq!(proof.file_name, format!("bukti-{}.pdf", family.code));
    let text = pdftotext(&proof.bytes);
    for needle in [
        family.code.as_str(),
        "KANTOR IMIGRASI",
        "Senin, 23 November 2026",
        "Yang harus dibawa",
        &family.applicants[0].full_name,
    ] {
        assert!(text.contains(needle), "{needle} missing in:\n{text}");
    }
    assert_eq!(
        o.loket.proof_pdf(&p, &family.code).await.unwrap().bytes,
        proof.bytes,
        "reprints are identical"
    );
    let list = o.loket.session_list_pdf(&p, "2026-11-23").await.unwrap();
    let text = pdftotext(&list.bytes);
    for needle in [
        family.code.as_str(),
        "Rizky Pratama",
        "NIP 199108222015031002",
        "Sesi Pagi",
        "Sesi Siang",
    ] {
        assert!(text.contains(needle), "{needle} missing");
    }
    assert!(
        !text.contains(&family.applicants[0].nik),
        "NIKs are masked on the list"
    );
}

#[tokio::test]
async fn a_proof_held_up_to_the_camera_is_read_from_its_frames_and_opens_the_booking() {
    use loket_app::camera::{CameraScan, CameraSource};
    let o = demo().await;
    let p = petugas(&o).await;
    let family = waiting_family(&o, &p, "2026-11-23", SessionKind::Pagi, 2).await;
    let payload = proof_of(&o, &family.code).await;
    // Two frames from the camera: the counter without the proof, then the proof at arm's length.
    let scene = loket_scan::synth::Scene::arm_length();
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (i, frame) in [
        loket_scan::synth::frame_without_code(&scene, 1),
        loket_scan::synth::camera_frame(&payload, &scene, 2),
    ]
    .into_iter()
    .enumerate()
    {
        let path = dir.path().join(format!("frame-{i}.png"));
        image::GrayImage::from_raw(frame.width, frame.height, frame.luma)
            .unwrap()
            .save(&path)
            .unwrap();
        files.push(path);
    }
    let scan = CameraScan::start(&CameraSource::Files(files)).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let decoded = loop {
        let snap = scan.snapshot();
        if let Some(text) = snap.decoded {
            assert!(snap.preview.unwrap().starts_with("data:image/jpeg;base64,"));
            break text;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no QR read from the frames"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    drop(scan);
    assert_eq!(decoded, payload);
    let opened = o.loket.scan_proof(&p, &decoded, None).await.unwrap();
    assert_eq!(opened.booking.code, family.code);
}

#[tokio::test]
async fn no_camera_is_a_message_not_a_crash() {
    use loket_app::camera::{CameraScan, CameraSource};
    // This machine has no webcam (CI neither); a PC with one opens it, which is fine too.
    if let Err(e) = CameraScan::start(&CameraSource::Webcam(7)) {
        assert!(e.code().starts_with("camera."), "{}", e.code());
        assert!(e.to_string().contains("amera"), "{e}");
    }
}
