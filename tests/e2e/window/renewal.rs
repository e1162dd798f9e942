//! "Pindai Paspor" in the real window: a renewal in the walk-in form fills itself from the old
//! passport's machine-readable zone, read from image files standing in for the webcam through the
//! same frame loop as a camera's.

use std::time::Duration;

use loket_scan::mrz::ocrb::OcrB;
use loket_scan::synth::mrz::{Holder, passport_frame, td3_lines};
use loket_tests::{BoxError, Session};

/// Monday 23 November 2026, 07:30 WIB.
const MONDAY: &str = "2026-11-23T00:30:00Z";

/// Waits until an input holds `value`.
async fn wait_value(s: &Session, testid: &str, value: &str) -> Result<(), BoxError> {
    let el = s.wait(testid).await?;
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let now = el.prop("value").await?;
        if now.as_deref() == Some(value) {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            s.screenshot("timeout").await.ok();
            return Err(format!("{testid} holds {now:?}, not {value:?}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The passport frame of `holder`, written where the app reads its stand-in camera frames.
fn write_passport(holder: &Holder, path: &std::path::Path, seed: u64) -> Result<(), BoxError> {
    let font = OcrB::debian()?;
    let frame = passport_frame(&font, &td3_lines(holder), seed);
    image::GrayImage::from_raw(frame.width, frame.height, frame.luma)
        .ok_or("frame size")?
        .save(path)?;
    Ok(())
}

#[tokio::test]
async fn a_renewal_in_the_walk_in_form_fills_itself_from_the_old_passport() -> Result<(), BoxError>
{
    // Andi Wijaya's Indonesian passport, valid three months more: his NIK (typed below) says the
    // same birth date and sex, so the only thing to look at is the passport's short validity.
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
    let frames = tempfile::tempdir()?;
    let path = frames.path().join("paspor-andi.png");
    write_passport(&holder, &path, 11)?;
    let env = [("LOKET_CAMERA_FILES", std::env::join_paths([&path])?)];
    let s = Session::launch_demo_with("walkin-passport", 4554, MONDAY, &env).await?;
    s.sign_in("petugas", "demo-petugas-123").await?;
    s.click("nav-walkin").await?;
    s.fill("walkin-kk", "3174010101250001").await?;
    s.select("walkin-provinsi", "31").await?;
    s.select("walkin-kabkota", "3174").await?;
    s.select("walkin-kecamatan", "317401").await?;
    s.fill("walkin-nik-0", "3174011203880001").await?;
    // The NIK fills the birth date (shown day first) and sex.
    wait_value(&s, "walkin-birth-0", "12/03/1988").await?;
    s.select("walkin-type-0", "penggantian").await?;

    s.click("walkin-scan-passport-0").await?;
    s.wait("passport-scan-dialog").await?;
    // The dialog closes by itself once two frames agreed on the zone; the form has the passport.
    wait_value(&s, "walkin-passport-0", "C1234567").await?;
    wait_value(&s, "walkin-passport-expiry-0", "23/02/2027").await?;
    wait_value(&s, "walkin-name-0", "ANDI WIJAYA").await?;
    assert_eq!(
        s.wait("walkin-sex-0")
            .await?
            .prop("value")
            .await?
            .as_deref(),
        Some("L")
    );
    let summary = s
        .wait_text("walkin-scanned-0", |t| t.contains("IDN"))
        .await?;
    assert!(summary.contains("23/02/2027"), "{summary}");
    let warning = s
        .wait_text("field-warning-applicants.0.oldPassportExpiry", |t| {
            !t.is_empty()
        })
        .await?;
    assert!(
        warning.contains("Paspor lama habis berlaku 23/02/2027, kurang dari 6 bulan lagi."),
        "{warning}"
    );
    // Nothing differs from what the NIK filled in: no "Pakai data paspor" offered.
    assert!(
        s.client
            .find(fantoccini::Locator::Css(
                "[data-testid^=\"walkin-scan-diff-\"]"
            ))
            .await
            .is_err()
    );
    s.scroll_to("walkin-applicant-0").await?;
    s.screenshot("walkin-passport-scan").await?;

    // The officer has looked at the passport's validity; the walk-in is saved with it.
    s.click("ack-applicants.0.oldPassportExpiry:passport_expires_soon")
        .await?;
    let code = s.save_walk_in().await?;
    let pool = super::app_db(s.data_dir.path()).await?;
    let (passport, expiry): (Option<String>, Option<String>) = sqlx::query_as(
        "SELECT a.old_passport, a.old_passport_expiry FROM applicants a
         JOIN bookings b ON b.id = a.booking_id WHERE b.code = ?",
    )
    .bind(code.trim())
    .fetch_one(&pool)
    .await?;
    pool.close().await;
    assert_eq!(passport.as_deref(), Some("C1234567"));
    assert_eq!(expiry.as_deref(), Some("2027-02-23"));
    s.close().await
}

/// Today's first morning booking with a renewal applicant still expected: its code, the signed QR
/// text of its proof, and that applicant's position, name, birth date and sex.
async fn renewal_booking(
    data_dir: &std::path::Path,
) -> Result<(String, String, i64, String, String, String), BoxError> {
    let pool = super::app_db(data_dir).await?;
    let row: (String, Option<String>, i64, String, String, String) = sqlx::query_as(
        "SELECT b.code, b.proof_qr, a.position, a.full_name, a.birth_date, a.sex
         FROM bookings b JOIN applicants a ON a.booking_id = b.id
         WHERE b.date = '2026-11-23' AND b.session = 'pagi' AND b.status = 'active'
           AND a.application_type = 'penggantian' AND a.status = 'expected'
         ORDER BY b.code, a.position LIMIT 1",
    )
    .fetch_one(&pool)
    .await?;
    pool.close().await;
    let (code, qr, position, name, birth, sex) = row;
    Ok((code, qr.ok_or("no proof")?, position, name, birth, sex))
}

#[tokio::test]
async fn an_old_passport_is_scanned_and_recorded_at_check_in_with_the_keyboard()
-> Result<(), BoxError> {
    use fantoccini::key::Key;
    // The frames are written after launch, once the demo's applicant is known: the app reads them
    // only when the camera starts.
    let frames = tempfile::tempdir()?;
    let path = frames.path().join("paspor.png");
    let env = [("LOKET_CAMERA_FILES", std::env::join_paths([&path])?)];
    let s = Session::launch_demo_with("checkin-passport", 4555, MONDAY, &env).await?;
    s.sign_in("petugas", "demo-petugas-123").await?;
    s.click("nav-sessions").await?;
    s.wait("scan-input").await?;
    let (code, proof, position, name, birth, sex) = renewal_booking(s.data_dir.path()).await?;
    let words: Vec<String> = name
        .to_uppercase()
        .split_whitespace()
        .map(|w| w.chars().filter(char::is_ascii_uppercase).collect())
        .collect();
    let (given, surname) = words.split_at(words.len().saturating_sub(1).max(1));
    let date = |i: std::ops::Range<usize>| birth[i].parse::<u16>();
    write_passport(
        &Holder {
            surname: surname.join(" "),
            given: given.join(" "),
            number: "B7654321".into(),
            nationality: "IDN".into(),
            issuing: "IDN".into(),
            birth: (
                date(0..4)?,
                u8::try_from(date(5..7)?)?,
                u8::try_from(date(8..10)?)?,
            ),
            sex: if sex == "L" { 'M' } else { 'F' },
            expiry: (2026, 11, 20),
        },
        &path,
        21,
    )?;

    // The scanner opens the booking; P scans the renewal's old passport.
    s.client
        .active_element()
        .await?
        .send_keys(&format!("{proof}{}", char::from(Key::Enter)))
        .await?;
    s.wait("checkin-dialog").await?;
    assert_eq!(s.wait("checkin-code").await?.text().await?.trim(), code);
    s.wait_text(&format!("checkin-old-passport-{position}"), |t| {
        t.contains("masa berlaku belum dicatat")
    })
    .await?;
    s.client.active_element().await?.send_keys("p").await?;
    s.wait("checkin-passport").await?;
    let number = s
        .wait_text("checkin-passport-read-number", |t| !t.is_empty())
        .await?;
    assert_eq!(number.trim(), "B7654321");
    // Expired three days ago: the officer must acknowledge it before it is recorded.
    let flag = s
        .wait_text("passport-flag-passport_expired", |t| !t.is_empty())
        .await?;
    assert!(
        flag.contains("Paspor lama sudah habis berlaku pada 20/11/2026."),
        "{flag}"
    );
    assert!(!s.wait("checkin-passport-save").await?.is_enabled().await?);
    // The booking named another number (typed when it was made): the scan will replace it.
    let replaced = s
        .wait_text("checkin-passport-replaces", |t| !t.is_empty())
        .await?;
    assert!(replaced.contains("B7654321"), "{replaced}");
    s.screenshot("checkin-passport-scan").await?;
    s.click("passport-ack-passport_expired").await?;
    s.client
        .active_element()
        .await?
        .send_keys(&char::from(Key::Enter).to_string())
        .await?;
    s.wait("checkin-passport-saved").await?;
    let line = s
        .wait_text(&format!("checkin-old-passport-{position}"), |t| {
            t.contains("B7654321")
        })
        .await?;
    assert!(line.contains("20/11/2026"), "{line}");
    s.screenshot("checkin-passport-recorded").await?;
    s.close().await
}
