//! Renewals (penggantian) with "Pindai Paspor": the old passport read from its MRZ is judged
//! against the applicant's NIK and the office-local date, recorded on a booked applicant at
//! check-in, and saved with a walk-in; the camera loop reads it from frames.
#![allow(clippy::unwrap_used)]

mod common;

use common::counter::*;
use loket_app::{ApplicantView, BookingView, OldPassportRequest, PassportRead, WalkInApplicant};
use loket_domain::SessionKind;
use loket_domain::{ApplicantStatus, ApplicationType, BookingStatus, Severity, Sex};

/// A booking of today's morning with a renewal applicant still expected, and that applicant.
async fn renewal_today(o: &common::Office, who: &loket_app::Actor) -> (BookingView, ApplicantView) {
    let day = o.loket.day_lists(who, "2026-11-23").await.unwrap();
    day.sessions
        .into_iter()
        .find(|s| s.session == SessionKind::Pagi)
        .unwrap()
        .bookings
        .into_iter()
        .filter(|b| b.status == BookingStatus::Active)
        .find_map(|b| {
            let a = b
                .applicants
                .iter()
                .find(|a| {
                    a.application_type == ApplicationType::Penggantian
                        && a.status == ApplicantStatus::Expected
                })?
                .clone();
            Some((b, a))
        })
        .expect("the demo has a renewal this morning")
}

/// The passport of `a` as its MRZ would read: the NIK's birth date and sex, valid until `expiry`.
fn passport_of(a: &ApplicantView, expiry: &str) -> PassportRead {
    // An MRZ holds capitals A–Z only.
    let name: String = a
        .full_name
        .to_uppercase()
        .chars()
        .filter(|c| c.is_ascii_uppercase() || *c == ' ')
        .collect();
    let words: Vec<&str> = name.split_whitespace().collect();
    let (given, surname) = words.split_at(words.len().saturating_sub(1).max(1));
    PassportRead {
        document_code: "P".into(),
        number: "C1234567".into(),
        surname: surname.join(" "),
        given_names: given.join(" "),
        full_name: words.join(" "),
        nationality: "IDN".into(),
        birth_date: a.birth_date.clone(),
        sex: a.sex.as_str().to_owned(),
        expiry_date: expiry.into(),
    }
}

fn request(b: &BookingView, a: &ApplicantView, passport: PassportRead) -> OldPassportRequest {
    OldPassportRequest {
        code: b.code.clone(),
        applicant_id: a.id.clone(),
        passport,
        acknowledged: vec![],
    }
}

fn kinds(check: &loket_app::OldPassportCheck) -> Vec<&str> {
    check.flags.iter().map(|f| f.kind.as_str()).collect()
}

#[tokio::test]
async fn a_scanned_passport_is_recorded_on_a_renewal_at_check_in_once_its_flags_are_acknowledged() {
    let o = demo().await;
    let p = petugas(&o).await;
    let (booking, applicant) = renewal_today(&o, &p).await;
    // Monday 23 November 2026: valid until 23 February 2027 is less than six months.
    let mut req = request(&booking, &applicant, passport_of(&applicant, "2027-02-23"));
    let check = o.loket.check_old_passport(&p, &req).await.unwrap();
    assert_eq!(kinds(&check), ["passport_expires_soon"]);
    assert_eq!(
        check.flags[0].message.id,
        "Paspor lama habis berlaku 23/02/2027, kurang dari 6 bulan lagi."
    );
    assert!(!check.ready);
    assert_eq!(check.problem, None);

    let before = outbox_len(&o).await;
    assert_eq!(
        o.loket
            .record_old_passport(&p, &req)
            .await
            .unwrap_err()
            .code(),
        "passport.unacknowledged"
    );
    assert_eq!(outbox_len(&o).await, before, "nothing written");

    req.acknowledged.push("passport_expires_soon".into());
    assert!(o.loket.check_old_passport(&p, &req).await.unwrap().ready);
    let view = o.loket.record_old_passport(&p, &req).await.unwrap();
    let recorded = view
        .applicants
        .iter()
        .find(|a| a.id == applicant.id)
        .unwrap();
    assert_eq!(recorded.old_passport.as_deref(), Some("C1234567"));
    assert_eq!(recorded.old_passport_expiry.as_deref(), Some("2027-02-23"));
    assert_eq!(
        recorded.status,
        ApplicantStatus::Expected,
        "recording is not a check-in"
    );
    let entry = &o.loket.store().outbox_latest(1).await.unwrap()[0];
    let (by, sent) = crate::last!(&o, OldPassportRecorded);
    assert_eq!(by.name, p.username);
    assert_eq!(
        (
            sent.booking_id.to_string(),
            sent.applicant_id.to_string(),
            sent.number.as_str(),
            sent.expiry.to_string()
        ),
        (
            booking.id.clone(),
            applicant.id.clone(),
            "C1234567",
            "2027-02-23".to_owned()
        )
    );
    assert_eq!(sent.flags, ["passport_expires_soon"]);
    assert!(
        !entry.payload.contains(&applicant.nik) && !entry.payload.contains(&applicant.full_name),
        "no NIK or name in the outbox: {}",
        entry.payload
    );
    assert_eq!(outbox_len(&o).await, before + 1);

    // The same passport again changes nothing, not even the outbox.
    o.loket.record_old_passport(&p, &req).await.unwrap();
    assert_eq!(outbox_len(&o).await, before + 1);
    // The lists show it.
    let again = o.loket.booking(&p, &booking.code).await.unwrap();
    assert_eq!(
        again
            .applicants
            .iter()
            .find(|a| a.id == applicant.id)
            .unwrap()
            .old_passport_expiry
            .as_deref(),
        Some("2027-02-23")
    );
}

#[tokio::test]
async fn a_passport_that_disagrees_with_the_nik_or_is_foreign_is_flagged() {
    let o = demo().await;
    let p = petugas(&o).await;
    let (booking, applicant) = renewal_today(&o, &p).await;
    let mut passport = passport_of(&applicant, "2030-01-31");
    assert!(
        kinds(
            &o.loket
                .check_old_passport(&p, &request(&booking, &applicant, passport.clone()))
                .await
                .unwrap()
        )
        .is_empty(),
        "a matching passport valid for years has nothing to flag"
    );
    passport.birth_date = "1901-01-01".into();
    passport.sex = match applicant.sex {
        Sex::L => "P",
        Sex::P => "L",
    }
    .into();
    passport.nationality = "MYS".into();
    passport.number = "A12345678".into();
    let check = o
        .loket
        .check_old_passport(&p, &request(&booking, &applicant, passport))
        .await
        .unwrap();
    assert_eq!(
        kinds(&check),
        [
            "passport_birth_date_differs",
            "passport_sex_differs",
            "passport_not_indonesian"
        ]
    );
    assert!(check.flags[0].message.id.contains("01/01/1901"));
    assert!(check.flags[2].message.id.contains("MYS"));
    // A number that is no Indonesian passport number cannot be recorded as one, ticks or not.
    assert_eq!(
        check.problem.as_ref().map(|p| p.id.as_str()),
        Some("Nomor paspor lama tidak valid: 1–2 huruf diikuti 6–7 angka (contoh: C1234567).")
    );
    assert!(!check.ready);
}

#[tokio::test]
async fn only_a_renewal_has_an_old_passport_to_record() {
    let o = demo().await;
    let p = petugas(&o).await;
    let day = o.loket.day_lists(&p, "2026-11-23").await.unwrap();
    let (booking, fresh) = day
        .sessions
        .iter()
        .flat_map(|s| &s.bookings)
        .find_map(|b| {
            let a = b
                .applicants
                .iter()
                .find(|a| a.application_type == ApplicationType::Baru)?;
            Some((b.clone(), a.clone()))
        })
        .unwrap();
    let err = o
        .loket
        .record_old_passport(
            &p,
            &request(&booking, &fresh, passport_of(&fresh, "2030-01-31")),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "passport.not_renewal");
    assert!(err.to_string().contains("paspor baru"), "{err}");
    // A read the window damaged is refused with the reason.
    let (booking, applicant) = renewal_today(&o, &p).await;
    let mut damaged = passport_of(&applicant, "2030-01-31");
    damaged.expiry_date = "31-01-2030".into();
    let err = o
        .loket
        .check_old_passport(&p, &request(&booking, &applicant, damaged))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "passport.invalid");
}

fn renewing(nik: &str, name: &str, sex: &str, birth: &str) -> WalkInApplicant {
    WalkInApplicant {
        application_type: "penggantian".into(),
        old_passport: "C1234567".into(),
        ..applicant(nik, name, None, sex, birth)
    }
}

fn scanned(birth: &str, sex: &str, expiry: &str) -> PassportRead {
    PassportRead {
        document_code: "P".into(),
        number: "C1234567".into(),
        surname: "WIJAYA".into(),
        given_names: "ANDI".into(),
        full_name: "ANDI WIJAYA".into(),
        nationality: "IDN".into(),
        birth_date: birth.into(),
        sex: sex.into(),
        expiry_date: expiry.into(),
    }
}

#[tokio::test]
async fn a_walk_in_renewal_is_saved_with_its_old_passports_expiry_once_the_flags_are_acknowledged()
{
    let o = demo().await;
    let p = petugas(&o).await;
    let (date, session) = roomy(&o, &p).await;
    let mut holder = renewing("3174011203880001", "Andi Wijaya", "L", "1988-03-12");
    holder.old_passport_expiry = "2027-02-23".into();
    holder.scanned_passport = Some(scanned("1988-03-12", "L", "2027-02-23"));
    let mut req = walk_in(&date, session, vec![holder]);
    let check = o.loket.check_walk_in(&p, &req).await.unwrap();
    let expiry = issue(&check, "applicants.0.oldPassportExpiry").unwrap();
    assert_eq!(expiry.severity, Severity::Warning);
    assert_eq!(
        expiry.key,
        "applicants.0.oldPassportExpiry:passport_expires_soon"
    );
    assert_eq!(
        expiry.message.id,
        "Paspor lama habis berlaku 23/02/2027, kurang dari 6 bulan lagi."
    );
    assert_eq!(check.issues.len(), 1, "{:?}", check.issues);
    assert!(!check.ready);
    assert_eq!(
        o.loket.create_walk_in(&p, &req).await.unwrap_err().code(),
        "walkin.unacknowledged"
    );
    req.acknowledged.push(expiry.key.clone());
    let booking = o.loket.create_walk_in(&p, &req).await.unwrap();
    assert_eq!(
        booking.applicants[0].old_passport_expiry.as_deref(),
        Some("2027-02-23")
    );
    assert_eq!(
        booking.applicants[0].old_passport.as_deref(),
        Some("C1234567")
    );
    let row = &o
        .loket
        .store()
        .booking_by_code("jakartaselatan", &booking.code)
        .await
        .unwrap()[0];
    assert_eq!(row.old_passport_expiry.as_deref(), Some("2027-02-23"));
    let entry = &o.loket.store().outbox_latest(1).await.unwrap()[0];
    assert!(
        entry
            .payload
            .contains("\"old_passport_expiry\":\"2027-02-23\"")
    );
}

#[tokio::test]
async fn a_walk_in_renewal_shows_each_difference_from_the_passport_once_next_to_its_field() {
    let o = demo().await;
    let p = petugas(&o).await;
    let (date, session) = roomy(&o, &p).await;
    // The form keeps the NIK's birth date and sex; the passport says otherwise: the passport's
    // flags stand next to the birth date and sex.
    let mut holder = renewing("3174011203880001", "Andi Wijaya", "L", "1988-03-12");
    holder.scanned_passport = Some(scanned("1988-03-21", "P", "2031-01-01"));
    let mut req = walk_in(&date, session, vec![holder]);
    let check = o.loket.check_walk_in(&p, &req).await.unwrap();
    let keys: Vec<&str> = check.issues.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "applicants.0.birthDate:passport_birth_date_differs",
            "applicants.0.sex:passport_sex_differs"
        ]
    );
    // The expiry comes from the scan when none was typed, and is stored.
    assert!(issue(&check, "applicants.0.oldPassportExpiry").is_none());
    // "Pakai data paspor": the form now holds the passport's birth date, which the NIK's own
    // warning already reports; the passport does not report it a second time.
    req.applicants[0].birth_date = "1988-03-21".into();
    let check = o.loket.check_walk_in(&p, &req).await.unwrap();
    let keys: Vec<&str> = check.issues.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "applicants.0.nik:birth_date_differs",
            "applicants.0.sex:passport_sex_differs"
        ]
    );
    req.acknowledged = keys.iter().map(|k| (*k).to_owned()).collect();
    let booking = o.loket.create_walk_in(&p, &req).await.unwrap();
    assert_eq!(
        booking.applicants[0].old_passport_expiry.as_deref(),
        Some("2031-01-01")
    );
}

#[tokio::test]
async fn a_walk_in_renewals_expiry_must_be_a_date_and_a_damaged_scan_is_refused() {
    let o = demo().await;
    let p = petugas(&o).await;
    let (date, session) = roomy(&o, &p).await;
    let mut holder = renewing("3174011203880001", "Andi Wijaya", "L", "1988-03-12");
    holder.old_passport_expiry = "23/02/2027".into();
    let mut foreign = scanned("1988-03-12", "L", "2031-01-01");
    foreign.nationality = "M1S".into();
    holder.scanned_passport = Some(foreign);
    let check = o
        .loket
        .check_walk_in(&p, &walk_in(&date, session, vec![holder]))
        .await
        .unwrap();
    assert_eq!(
        issue(&check, "applicants.0.oldPassportExpiry")
            .unwrap()
            .message
            .id,
        "Tanggal habis berlaku paspor lama tidak valid (HH/BB/TTTT)."
    );
    assert_eq!(
        issue(&check, "applicants.0.oldPassport")
            .unwrap()
            .message
            .id,
        "Kode kewarganegaraan pada paspor tidak valid; pindai ulang halaman data paspor."
    );
    // A new passport (baru) has no old one to judge: what was scanned is not sent at all, and
    // an expiry left in the form is ignored.
    let mut fresh = applicant("3174011203880001", "Andi Wijaya", None, "L", "1988-03-12");
    fresh.old_passport_expiry = "kemarin".into();
    let check = o
        .loket
        .check_walk_in(&p, &walk_in(&date, session, vec![fresh]))
        .await
        .unwrap();
    assert!(check.issues.is_empty(), "{:?}", check.issues);
}

/// Writes camera-like frames as the image files that stand in for the webcam.
fn frame_files(dir: &std::path::Path, frames: Vec<loket_scan::Frame>) -> Vec<std::path::PathBuf> {
    frames
        .into_iter()
        .enumerate()
        .map(|(i, frame)| {
            let path = dir.join(format!("frame-{i}.png"));
            image::GrayImage::from_raw(frame.width, frame.height, frame.luma)
                .unwrap()
                .save(&path)
                .unwrap();
            path
        })
        .collect()
}

#[tokio::test]
async fn a_passport_held_up_to_the_camera_is_read_from_its_frames_and_fills_a_walk_in() {
    use loket_app::camera::{CameraScan, CameraSource, ScanMode};
    use loket_scan::synth::mrz::{Holder, passport_frame, td3_lines};
    let o = demo().await;
    let p = petugas(&o).await;
    let font = loket_scan::mrz::ocrb::OcrB::debian().unwrap();
    let holder = Holder {
        surname: "WIJAYA".into(),
        given: "ANDI".into(),
        number: "C1234567".into(),
        nationality: "IDN".into(),
        issuing: "IDN".into(),
        birth: (1988, 3, 12),
        sex: 'M',
        expiry: (2027, 2, 23),
    };
    // The counter without a passport, then the data page held still for a few frames.
    let page = td3_lines(&holder);
    let scene = loket_scan::synth::Scene::arm_length();
    let dir = tempfile::tempdir().unwrap();
    let files = frame_files(
        dir.path(),
        vec![
            loket_scan::synth::frame_without_code(&scene, 1),
            passport_frame(&font, &page, 2),
            passport_frame(&font, &page, 3),
        ],
    );
    let mode = o
        .loket
        .scan_mode(&p, loket_app::ScanKind::Passport)
        .await
        .unwrap();
    assert_eq!(
        mode,
        ScanMode::Passport {
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
        }
    );
    let scan = CameraScan::start(&CameraSource::Files(files), mode).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let snap = loop {
        let snap = scan.snapshot();
        if snap.passport.is_some() {
            break snap;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no passport read from the frames: {:?}",
            snap.progress
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    drop(scan);
    assert_eq!(snap.kind, loket_app::ScanKind::Passport);
    assert_eq!(snap.decoded, None, "passport mode reads no QR codes");
    assert!(snap.preview.unwrap().starts_with("data:image/jpeg;base64,"));
    let progress = snap.progress.unwrap();
    assert_eq!(progress.needed, 2);
    assert!(progress.zone_frames >= 2, "{progress:?}");
    assert_eq!(snap.passport_count, 1);
    let read = snap.passport.unwrap();
    assert_eq!(read, {
        let mut want = scanned("1988-03-12", "L", "2027-02-23");
        want.document_code = "P".into();
        want
    });

    // The read goes into the walk-in form as the window sends it, and is judged there.
    let (date, session) = roomy(&o, &p).await;
    let mut renewal = renewing("3174011203880001", "", "L", "1988-03-12");
    renewal.full_name = read.full_name.clone();
    renewal.old_passport = read.number.clone();
    renewal.old_passport_expiry = read.expiry_date.clone();
    renewal.scanned_passport = Some(read);
    let check = o
        .loket
        .check_walk_in(&p, &walk_in(&date, session, vec![renewal]))
        .await
        .unwrap();
    let keys: Vec<&str> = check.issues.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(
        keys,
        ["applicants.0.oldPassportExpiry:passport_expires_soon"]
    );
}

#[tokio::test]
async fn an_id_card_held_up_for_a_passport_is_named_not_taken() {
    use loket_app::camera::{CameraScan, CameraSource, ScanMode};
    use loket_scan::synth::mrz::passport_frame;
    let font = loket_scan::mrz::ocrb::OcrB::debian().unwrap();
    // ICAO 9303's TD1 specimen (an ID card of Utopia), check digits and all.
    let card: Vec<String> = [
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ]
    .map(String::from)
    .to_vec();
    let dir = tempfile::tempdir().unwrap();
    let files = frame_files(dir.path(), vec![passport_frame(&font, &card, 5)]);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let scan =
        CameraScan::start(&CameraSource::Files(files), ScanMode::Passport { today }).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let problem = loop {
        let snap = scan.snapshot();
        assert!(snap.passport.is_none());
        if let Some(problem) = snap.passport_problem {
            break problem;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the card's zone was never accepted: {:?}",
            snap.progress
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert_eq!(
        problem.id,
        "Dokumen yang terbaca bukan paspor (kode dokumen I); pindai halaman data paspor."
    );
    assert_eq!(
        problem.en,
        "The document read is not a passport (document code I); scan the passport's data page."
    );
}
