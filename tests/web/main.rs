//! The citizens' page of the central service in a real browser: Debian's chromium, headless, on a
//! phone-sized window, driven through chromedriver (WebDriver), against the service on a real
//! PostgreSQL (`loket_central::testing`). Run by `scripts/test.sh`; screenshots go to
//! `$LOKET_E2E_ARTIFACTS/web-*.png`.

mod chromium;
mod page;

use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDate, TimeZone, Utc};
use loket_central::{Central, ManualClock};
use loket_domain::proof::{
    DEMO_CENTRAL_KEY_ID, SignedProof, TrustedKeys, demo_central_key, public_key,
};
use loket_tests::BoxError;

use chromium::Chromium;
use page::Page;

const OFFICE: &str = "jakartaselatan";

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap_or_default()
}

/// Jakarta Selatan in December 2026, the service's clock at Monday 7 December, 09:00 WIB: the
/// 14th released with 20 online seats per session, the 16th sold out, the 17th provided but
/// opening tomorrow at 14:00 WIB, the 15th not provided.
async fn december() -> Result<(Central, Arc<ManualClock>), BoxError> {
    let now = Utc
        .with_ymd_and_hms(2026, 12, 7, 2, 0, 0)
        .single()
        .ok_or("now")?;
    let (central, clock) = loket_central::testing::central_at(now).await;
    let open = now - chrono::Duration::hours(1);
    for d in [14, 16] {
        loket_central::seed::approve(&central, OFFICE, day(d), (20, 15, 5), open, None).await?;
    }
    sqlx::query("UPDATE quota SET online_booked = online WHERE office_id = $1 AND day = $2")
        .bind(OFFICE)
        .bind(day(16))
        .execute(&central.pool)
        .await?;
    let tomorrow = Utc
        .with_ymd_and_hms(2026, 12, 8, 7, 0, 0)
        .single()
        .ok_or("at")?;
    loket_central::seed::approve(&central, OFFICE, day(17), (20, 15, 5), tomorrow, None).await?;
    Ok((central, clock))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_family_of_three_books_saves_the_pdf_whose_qr_verifies_and_cancels()
-> Result<(), BoxError> {
    let (central, _clock) = december().await?;
    let base = loket_central::testing::serve(&central).await;
    let browser = Chromium::start()?;
    let downloads = tempfile::tempdir()?;
    let page = Page::new("web", browser.phone(downloads.path()).await?);
    page.client.goto(&base).await?;

    // 1. The office, found by typing part of its name.
    page.fill("#office-search", "jakarta sel").await?;
    page.shot("office").await?;
    page.click(&format!("[data-office=\"{OFFICE}\"]")).await?;

    // 2. The month in the seeds' colours.
    page.wait_css("[data-date=\"2026-12-14\"].green").await?;
    for (date, colour) in [
        ("2026-12-15", "yellow"),
        ("2026-12-16", "red"),
        ("2026-12-17", "yellow"),
        ("2026-12-13", "grey"),
        ("2026-12-25", "grey"),
        ("2026-12-04", "grey"),
    ] {
        let class = page
            .attr(&format!("[data-date=\"{date}\"]"), "class")
            .await?;
        assert!(class.contains(colour), "{date}: {class}, expected {colour}");
    }
    let christmas = page.attr("[data-date=\"2026-12-25\"]", "title").await?;
    assert!(christmas.contains("Kelahiran Yesus Kristus"), "{christmas}");
    page.click("[data-date=\"2026-12-17\"]").await?;
    let opens = page.text("[data-session=\"pagi\"]").await?;
    assert!(
        opens.contains("Dibuka") && opens.contains("14.00 WIB"),
        "{opens}"
    );
    page.click("[data-date=\"2026-12-14\"]").await?;
    let pagi = page.text("[data-session=\"pagi\"]").await?;
    assert!(pagi.contains("Sisa 20 kuota"), "{pagi}");
    page.shot("calendar").await?;
    page.click("[data-session=\"pagi\"]").await?;

    // 3. Three applicants of one family card; a 15-digit NIK is refused in Indonesian first.
    page.fill("[name=kk]", "3174010101250001").await?;
    page.fill(".applicant[data-index=\"0\"] [name=nik]", "317401120388000")
        .await?;
    page.fill(
        ".applicant[data-index=\"0\"] [name=fullName]",
        "Budi Santoso",
    )
    .await?;
    // Reloading the page loses nothing typed.
    page.client.refresh().await?;
    let kept = page
        .attr(".applicant[data-index=\"0\"] [name=fullName]", "value")
        .await?;
    assert_eq!(kept, "Budi Santoso");
    page.click("[name=agree]").await?;
    page.click("#submit-booking").await?;
    let refusal = page.wait_text("#alert", |t| t.contains("NIK")).await?;
    assert!(refusal.contains("Pemohon ke-1"), "{refusal}");
    page.shot("wrong-nik").await?;
    page.fill(".applicant[data-index=\"0\"] [name=nik]", "1")
        .await?; // the 16th digit
    page.click("#add-applicant").await?;
    page.fill(
        ".applicant[data-index=\"1\"] [name=nik]",
        "3174015203900002",
    )
    .await?;
    page.fill(
        ".applicant[data-index=\"1\"] [name=fullName]",
        "Siti Aminah",
    )
    .await?;
    page.select(
        ".applicant[data-index=\"1\"] [name=relation]",
        "suami_istri",
    )
    .await?;
    page.click(".applicant[data-index=\"1\"] [value=penggantian]")
        .await?;
    page.fill(
        ".applicant[data-index=\"1\"] [name=oldPassport]",
        "C1234567",
    )
    .await?;
    page.click("#add-applicant").await?;
    page.fill(
        ".applicant[data-index=\"2\"] [name=nik]",
        "3174010506150003",
    )
    .await?;
    page.fill(
        ".applicant[data-index=\"2\"] [name=fullName]",
        "Rina Santoso",
    )
    .await?;
    page.select(".applicant[data-index=\"2\"] [name=relation]", "anak")
        .await?;
    page.shot("applicants").await?;
    page.click("#submit-booking").await?;

    // 4. The proof: its code, three people, the QR on screen.
    let code = page
        .wait_text("#proof-code", |t| t.starts_with("261214-P-"))
        .await?;
    let people = page.text("#proof-applicants").await?;
    for name in ["Budi Santoso", "Siti Aminah", "Rina Santoso"] {
        assert!(people.contains(name), "{people}");
    }
    assert!(
        !people.contains("3174015203900002"),
        "NIKs are masked: {people}"
    );
    page.wait_css("#proof-qr").await?;
    page.shot("proof").await?;
    let sold: i32 = sqlx::query_scalar(
        "SELECT online_booked FROM quota WHERE office_id = $1 AND day = $2 AND session = 'pagi'",
    )
    .bind(OFFICE)
    .bind(day(14))
    .fetch_one(&central.pool)
    .await?;
    assert_eq!(sold, 3);

    // "Simpan PDF": the browser saves the proof; its QR reads back as the central's signed claim.
    page.click("#save-pdf").await?;
    let pdf = downloads.path().join(format!("bukti-{code}.pdf"));
    page::wait_for_file(&pdf, Duration::from_secs(20)).await?;
    let scanned = page::qr_of_pdf(&pdf)?;
    let mut trusted = TrustedKeys::new();
    trusted.add(DEMO_CENTRAL_KEY_ID, &public_key(&demo_central_key()))?;
    let claim = SignedProof::parse(&scanned)?.verify(&trusted)?;
    assert_eq!(claim.code, code);
    assert_eq!(
        (claim.office.as_str(), claim.date, claim.applicants),
        (OFFICE, day(14), 3)
    );

    // 5. Cancelling, after a confirmation: the seats go back.
    page.click("#cancel-booking").await?;
    page.shot("cancel-confirm").await?;
    page.click("#confirm-yes").await?;
    page.wait_text("#proof-status", |t| t == "Dibatalkan")
        .await?;
    page.shot("cancelled").await?;
    let (status, sold): (String, i32) = sqlx::query_as(
        "SELECT b.status, q.online_booked FROM bookings b
         JOIN quota q ON q.office_id = b.office_id AND q.day = b.day AND q.session = b.session
         WHERE b.office_id = $1 AND b.code = $2",
    )
    .bind(OFFICE)
    .bind(&code)
    .fetch_one(&central.pool)
    .await?;
    assert_eq!((status.as_str(), sold), ("cancelled", 0));
    page.client.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_waits_in_the_waiting_room_then_books_and_finds_the_booking_again()
-> Result<(), BoxError> {
    let (central, clock) = december().await?;
    // One citizen a minute and nobody let in at once: this page waits its turn.
    let central = central.with_waiting_room(1.0 / 60.0, 0);
    let base = loket_central::testing::serve(&central).await;
    let browser = Chromium::start()?;
    let downloads = tempfile::tempdir()?;
    let page = Page::new("web-queue", browser.phone(downloads.path()).await?);
    page.client.goto(&base).await?;
    page.fill("#office-search", "jakarta selatan").await?;
    page.click(&format!("[data-office=\"{OFFICE}\"]")).await?;
    page.click("[data-date=\"2026-12-14\"].green").await?;
    page.click("[data-session=\"siang\"]").await?;
    page.fill("[name=kk]", "3174010101250001").await?;
    page.fill(
        ".applicant[data-index=\"0\"] [name=nik]",
        "3174011203880001",
    )
    .await?;
    page.fill(
        ".applicant[data-index=\"0\"] [name=fullName]",
        "Budi Santoso",
    )
    .await?;
    page.click("[name=agree]").await?;
    page.click("#submit-booking").await?;
    let wait = page
        .wait_text("#queue-wait", |t| t.contains("Perkiraan menunggu"))
        .await?;
    assert!(wait.contains("1 menit"), "{wait}");
    assert_eq!(page.text("#queue-ahead").await?, "Anda berikutnya");
    page.shot("waiting-room").await?;
    // A minute passes on the service's clock: the page is admitted and books on its own.
    clock.advance(chrono::Duration::seconds(61));
    let code = page
        .wait_text("#proof-code", |t| t.starts_with("261214-S-"))
        .await?;

    // Looking it up again by code and NIK, as from another phone.
    page.click("#nav-lookup").await?;
    page.fill("#lookup-form [name=code]", &code).await?;
    page.fill("#lookup-form [name=nik]", "3174011203880001")
        .await?;
    page.click("#lookup-form [type=submit]").await?;
    page.wait_text("#proof-code", |t| t == code).await?;
    assert_eq!(page.text("#proof-status").await?, "Aktif");
    page.client.close().await?;
    Ok(())
}
