//! Closing a booked date and adding a holiday by decree, against the demo office's database.
#![allow(clippy::unwrap_used)] // test set-up: a failure here is a failed test

mod common;

use common::counter::demo;
use common::login;
use loket_app::HolidayInput;
use loket_domain::DateColour;

#[tokio::test]
async fn closing_a_booked_date_needs_a_reason_cancels_its_bookings_and_lists_them() {
    let o = demo().await;
    let (kepala, _) = o
        .loket
        .login(&login("kepala", "demo-kepala-123"))
        .await
        .unwrap();
    let (petugas, _) = o
        .loket
        .login(&login("petugas", "demo-petugas-123"))
        .await
        .unwrap();
    assert_eq!(
        o.loket
            .close_date(&petugas, "2026-11-26", "Banjir")
            .await
            .unwrap_err()
            .code(),
        "forbidden"
    );
    assert_eq!(
        o.loket
            .close_date(&kepala, "2026-11-26", "  ")
            .await
            .unwrap_err()
            .to_string(),
        "Alasan penutupan wajib diisi."
    );
    assert_eq!(
        o.loket
            .close_date(&kepala, "2026-11-20", "Banjir")
            .await
            .unwrap_err()
            .to_string(),
        "Tanggal 20/11/2026 sudah lewat."
    );

    let preview = o
        .loket
        .closure_preview(&kepala, "2026-11-26")
        .await
        .unwrap();
    assert!(!preview.is_empty());
    let closed = o
        .loket
        .close_date(&kepala, "2026-11-26", "Banjir di sekitar kantor")
        .await
        .unwrap();
    assert_eq!(
        closed.cancelled, preview,
        "exactly the previewed bookings are cancelled"
    );
    // The outbox names the cancelled bookings by id, like a cancellation does.
    let (by, sent) = crate::last!(&o, OfficeClosed);
    assert_eq!(by.name, kepala.username);
    assert_eq!(
        (sent.date.to_string(), sent.reason.as_str()),
        ("2026-11-26".to_owned(), "Banjir di sekitar kantor")
    );
    assert_eq!(sent.cancelled.len(), preview.len());
    for id in &sent.cancelled {
        let rows = sqlx::query_scalar::<_, String>("SELECT code FROM bookings WHERE id = ?")
            .bind(id.to_string())
            .fetch_one(o.loket.store().pool())
            .await
            .unwrap();
        assert!(preview.iter().any(|p| p.code == rows), "{rows}");
    }

    let still_active: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM bookings WHERE date = '2026-11-26' AND status = 'active'",
    )
    .fetch_one(o.loket.store().pool())
    .await
    .unwrap();
    assert_eq!(still_active, 0);
    let reasons: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT cancel_reason FROM bookings WHERE date = '2026-11-26'")
            .fetch_all(o.loket.store().pool())
            .await
            .unwrap();
    assert_eq!(reasons, ["Banjir di sekitar kantor"]);
    let day = &o
        .loket
        .calendar_month(&kepala, 2026, 11)
        .await
        .unwrap()
        .days[25];
    assert_eq!(
        (day.colour, day.reason.as_ref().map(|r| r.id.as_str())),
        (DateColour::Grey, Some("Banjir di sekitar kantor"))
    );
    assert_eq!(
        day.grey_kind.as_deref(),
        Some("closure"),
        "closures are marked apart from holidays"
    );
    assert_eq!(
        o.loket
            .close_date(&kepala, "2026-11-26", "Lagi")
            .await
            .unwrap_err()
            .code(),
        "conflict"
    );
    assert!(o.loket.verify_audit_chain(&kepala).await.unwrap().intact);
}

#[tokio::test]
async fn a_holiday_added_by_decree_turns_the_date_grey_and_cancels_its_bookings() {
    let o = demo().await;
    let (admin, _) = o
        .loket
        .login(&login("admin", "demo-admin-123"))
        .await
        .unwrap();
    let (kepala, _) = o
        .loket
        .login(&login("kepala", "demo-kepala-123"))
        .await
        .unwrap();
    let input = HolidayInput {
        date: "2026-12-02".into(),
        kind: "cuti_bersama".into(),
        name: "Cuti bersama tambahan".into(),
        decree: "SKB perubahan (contoh)".into(),
    };
    assert_eq!(
        o.loket
            .add_holiday(&kepala, &input)
            .await
            .unwrap_err()
            .code(),
        "forbidden"
    );
    let result = o.loket.add_holiday(&admin, &input).await.unwrap();
    assert!(!result.cancelled.is_empty());
    let (_, sent) = crate::last!(&o, HolidayAdded);
    assert_eq!(
        (
            sent.date.to_string(),
            sent.name.as_str(),
            sent.cancelled.len()
        ),
        (
            "2026-12-02".to_owned(),
            "Cuti bersama tambahan",
            result.cancelled.len()
        )
    );
    let dec = o.loket.calendar_month(&admin, 2026, 12).await.unwrap();
    assert_eq!(
        (
            dec.days[1].colour,
            dec.days[1].reason.as_ref().map(|r| r.id.as_str())
        ),
        (DateColour::Grey, Some("Cuti bersama tambahan"))
    );
    assert_eq!(dec.days[1].grey_kind.as_deref(), Some("holiday"));

    // The decree is amended again: the holiday goes, the date is a working day once more.
    o.loket
        .remove_holiday(&admin, "2026-12-02", "Cuti bersama tambahan")
        .await
        .unwrap();
    let (by, sent) = crate::last!(&o, HolidayRemoved);
    assert_eq!(by.name, admin.username);
    assert_eq!(
        (sent.date.to_string(), sent.name.as_str()),
        ("2026-12-02".to_owned(), "Cuti bersama tambahan")
    );
    let dec = o.loket.calendar_month(&admin, 2026, 12).await.unwrap();
    assert_ne!(dec.days[1].colour, DateColour::Grey);
    assert_eq!(
        o.loket
            .remove_holiday(&admin, "2026-12-02", "Cuti bersama tambahan")
            .await
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[tokio::test]
async fn the_cancelled_list_is_exported_for_calling_the_applicants() {
    let o = demo().await;
    let (kepala, _) = o
        .loket
        .login(&login("kepala", "demo-kepala-123"))
        .await
        .unwrap();
    let closed = o
        .loket
        .close_date(&kepala, "2026-11-26", "Banjir")
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = o
        .loket
        .export_cancelled_csv(&kepala, "2026-11-26", dir.path())
        .await
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "\u{feff}kode;tanggal;sesi;kanal;jumlah_pemohon;pemohon_utama;alasan"
    );
    assert_eq!(lines.len(), closed.cancelled.len() + 1);
    assert!(
        lines[1].starts_with("\"261126-P-801\";\"2026-11-26\";\"pagi\""),
        "{}",
        lines[1]
    );
    assert!(lines[1].ends_with(";\"Banjir\""), "{}", lines[1]);
    let nothing = o
        .loket
        .export_cancelled_csv(&kepala, "2026-11-30", dir.path())
        .await
        .unwrap_err();
    assert_eq!(nothing.code(), "not_found");
}

#[tokio::test]
async fn a_walk_in_for_a_date_closed_while_its_form_was_open_is_refused_with_the_reason() {
    use common::counter::{applicant, petugas, roomy, walk_in};
    let o = demo().await;
    let p = petugas(&o).await;
    let (kepala, _) = o
        .loket
        .login(&login("kepala", "demo-kepala-123"))
        .await
        .unwrap();
    let (date, session) = roomy(&o, &p).await;
    let mut req = walk_in(
        &date,
        session,
        vec![applicant(
            "3174011203880009",
            "Budi Hartono",
            None,
            "L",
            "1988-03-12",
        )],
    );
    let check = o.loket.check_walk_in(&p, &req).await.unwrap();
    req.acknowledged = check.issues.iter().map(|i| i.key.clone()).collect();
    assert!(o.loket.check_walk_in(&p, &req).await.unwrap().ready);
    // The form was judged fine; then the kepala closes the date before the officer saves.
    o.loket.close_date(&kepala, &date, "Banjir").await.unwrap();
    let err = o.loket.create_walk_in(&p, &req).await.unwrap_err();
    assert_eq!(err.code(), "walkin.invalid");
    assert!(err.to_string().contains("Banjir"), "{err}");
}
