//! A booking's life after it is made: cancellation (H-2 or by the office), search across dates,
//! and the printed proof and session list read back with pdftotext.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{TimeZone, Utc};
use common::counter::*;
use loket_app::CancelRequest;
use loket_domain::SessionKind;
use loket_domain::op::CancelOrigin;
use loket_domain::{ApplicantStatus, BookingStatus};

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
        origin: CancelOrigin::Pemohon,
        reason: String::new(),
    };
    let err = o.loket.cancel_booking(&p, &by_applicant).await.unwrap_err();
    assert_eq!(err.code(), "cancel.too_late");
    assert_eq!(
        err.to_string(),
        "Pembatalan oleh pemohon paling lambat H-2 (24/11/2026); untuk tanggal ini sudah lewat."
    );
    let no_reason = CancelRequest {
        code: thursday.code.clone(),
        origin: CancelOrigin::Kantor,
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
        origin: CancelOrigin::Kantor,
        reason: "Pemohon sakit, dijadwalkan ulang".into(),
    };
    let b = o.loket.cancel_booking(&p, &by_office).await.unwrap();
    assert_eq!(b.status, BookingStatus::Cancelled);
    let (by, sent) = crate::last!(&o, BookingCancelled);
    assert_eq!(by.name, p.username);
    assert_eq!(
        (
            sent.booking_id.to_string(),
            sent.code.as_str(),
            sent.origin,
            sent.reason.as_str()
        ),
        (
            b.id.clone(),
            b.code.as_str(),
            CancelOrigin::Kantor,
            "Pemohon sakit, dijadwalkan ulang"
        )
    );
    assert!(
        b.applicants
            .iter()
            .all(|a| a.status == ApplicantStatus::Cancelled)
    );
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
        origin: CancelOrigin::Pemohon,
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
