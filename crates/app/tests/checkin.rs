//! Check-in at the counter against a real SQLite file and a real Secret Service (the test command
//! starts gnome-keyring on a private D-Bus session): scans by scanner and webcam, forged and
//! misplaced proofs, queue numbers, no-shows and their reversal.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::counter::*;
use loket_app::{CancelRequest, CheckInRequest, ReverseNoShowRequest};
use loket_domain::ApplicantStatus;
use loket_domain::SessionKind;
use loket_domain::op::CancelOrigin;
use loket_domain::proof::{ProofClaim, signing_key};

#[tokio::test]
async fn a_scanned_proof_checks_a_family_in_part_by_part_and_a_second_scan_changes_nothing() {
    let o = demo().await;
    let p = petugas(&o).await;
    let family = waiting_family(&o, &p, "2026-11-23", SessionKind::Pagi, 2).await;
    // The demo PC is counter A; its arrivals today are numbered after counter A's last.
    let lists = o.loket.day_lists(&p, "2026-11-23").await.unwrap();
    let last_queue = lists.sessions[0]
        .bookings
        .iter()
        .flat_map(|b| &b.applicants)
        .filter_map(|a| {
            a.queue_number
                .as_deref()?
                .strip_prefix("A-")?
                .parse::<u32>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    let queue = |n: u32| format!("A-{n:03}");
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
    assert_eq!(r.new_queue_numbers, vec![queue(last_queue + 1)]);
    assert_eq!(r.booking.applicants[1].status, ApplicantStatus::Expected);

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
    assert_eq!(r.new_queue_numbers[0], queue(last_queue + 2));
    assert_eq!(
        r.booking.applicants[0].queue_number,
        Some(queue(last_queue + 1))
    );
    assert!(
        r.booking
            .applicants
            .iter()
            .all(|a| a.status == ApplicantStatus::Arrived && a.arrived_at.is_some())
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
                origin: CancelOrigin::Kantor,
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
    // The outbox names every applicant marked, with their booking, date and session.
    let (by, sent) = crate::last!(&o, NoShowsMarked);
    assert_eq!((by.user_id, by.name.as_str()), (None, "sistem"));
    assert_eq!(sent.applicants.len(), marked as usize);
    assert_eq!(sent.grace_minutes, 60);
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    assert!(sent.applicants.iter().all(|a| a.date <= today));
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
    assert_eq!(applicant.status, ApplicantStatus::NoShow);

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
    let (by, sent) = crate::last!(&o, NoShowReversed);
    assert_eq!(by.user_id.map(|u| u.to_string()), Some(k.user_id.clone()));
    assert_eq!(
        (sent.applicant_id.to_string(), sent.reason.as_str()),
        (applicant.id.clone(), "Hadir, lupa dipindai petugas")
    );
    let (_, marked_before) = crate::last!(&o, NoShowsMarked);
    assert!(
        marked_before
            .applicants
            .iter()
            .any(|a| a.applicant_id.to_string() == applicant.id && a.session == SessionKind::Pagi)
    );
    // The next sweep leaves the correction alone.
    assert_eq!(o.loket.sweep_no_shows().await.unwrap(), 0);
    let b = o.loket.booking(&p, &pagi.code).await.unwrap();
    assert_eq!(b.applicants[0].status, ApplicantStatus::Arrived);
    assert_eq!(
        b.applicants[0].no_show_reversal.as_deref(),
        Some("Hadir, lupa dipindai petugas")
    );
}

#[tokio::test]
async fn a_proof_held_up_to_the_camera_is_read_from_its_frames_and_opens_the_booking() {
    use loket_app::camera::{CameraScan, CameraSource, ScanMode};
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
    let scan = CameraScan::start(&CameraSource::Files(files), ScanMode::Qr).unwrap();
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
    use loket_app::camera::{CameraScan, CameraSource, ScanMode};
    // This machine has no webcam (CI neither); a PC with one opens it, which is fine too.
    if let Err(e) = CameraScan::start(&CameraSource::Webcam(7), ScanMode::Qr) {
        assert!(e.code().starts_with("camera."), "{}", e.code());
        assert!(e.to_string().contains("amera"), "{e}");
    }
}
