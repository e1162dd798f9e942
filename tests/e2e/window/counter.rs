//! The counter's day in the real window: a family of five checked in with a scanner and the
//! keyboard only, and a walk-in whose wrong NIK is corrected before it is saved and printed.

use std::path::Path;
use std::time::Duration;

use fantoccini::Locator;
use fantoccini::key::Key;
use loket_tests::{BoxError, Session, artifacts_dir};

/// Monday 23 November 2026, 07:30 WIB: before the morning session, everybody still expected.
const BEFORE_PAGI: &str = "2026-11-23T00:30:00Z";
/// The first family of five in today's morning session and the signed QR text printed on its
/// proof, read from the app's database (what the applicant holds up at the counter).
async fn family_of_five(data_dir: &Path) -> Result<(String, String), BoxError> {
    let pool = super::app_db(data_dir).await?;
    let (code, qr): (String, Option<String>) = sqlx::query_as(
        "SELECT b.code, b.proof_qr FROM bookings b JOIN applicants a ON a.booking_id = b.id
         WHERE b.date = '2026-11-23' AND b.session = 'pagi' AND b.status = 'active'
         GROUP BY b.id HAVING COUNT(*) = 5 AND SUM(a.status = 'expected') = 5
         ORDER BY b.code LIMIT 1",
    )
    .fetch_one(&pool)
    .await?;
    pool.close().await;
    Ok((code, qr.ok_or("the demo booking has no proof")?))
}

/// What a USB barcode scanner does: types the payload into whatever has the focus, then Enter.
async fn scanner_types(s: &Session, payload: &str) -> Result<(), BoxError> {
    let focused = s.client.active_element().await?;
    focused
        .send_keys(&format!("{payload}{}", char::from(Key::Enter)))
        .await?;
    Ok(())
}

async fn press(s: &Session, key: &str) -> Result<(), BoxError> {
    s.client.active_element().await?.send_keys(key).await?;
    Ok(())
}

#[tokio::test]
async fn a_scanner_and_the_keyboard_check_in_a_family_of_five() -> Result<(), BoxError> {
    let s = Session::launch_demo_at("checkin", 4540, BEFORE_PAGI).await?;
    s.sign_in("petugas", "demo-petugas-123").await?;
    s.click("nav-sessions").await?;
    s.wait("scan-input").await?;
    let (family, payload) = family_of_five(s.data_dir.path()).await?;
    s.wait(&format!("booking-row-{family}")).await?;
    s.screenshot("sessions").await?;

    // The scan field has the focus when the screen opens: the officer only scans.
    scanner_types(&s, &payload).await?;
    s.wait("checkin-dialog").await?;
    assert_eq!(s.wait("checkin-code").await?.text().await?.trim(), family);
    for position in 1..=5 {
        s.wait(&format!("checkin-applicant-{position}")).await?;
    }
    s.screenshot("checkin-dialog").await?;
    // "A": all arrived; Enter: save.
    press(&s, "a").await?;
    press(&s, &char::from(Key::Enter).to_string()).await?;
    let mut numbers = Vec::new();
    for position in 1..=5 {
        let q = s
            .wait_text(&format!("checkin-queue-{position}"), |t| {
                t.chars().any(|c| c.is_ascii_digit())
            })
            .await?;
        numbers.push(queue_token(&q));
    }
    // Counter A's first arrivals of the morning: the number carries the counter.
    assert_eq!(
        numbers,
        ["A-001", "A-002", "A-003", "A-004", "A-005"],
        "the first arrivals of the morning"
    );
    s.screenshot("checkin-done").await?;
    press(&s, &char::from(Key::Escape).to_string()).await?;
    let row = format!("[data-testid=\"booking-row-{family}\"]");
    s.wait_css(&format!(
        "{row} [data-testid=\"applicant-status-5\"][data-status=\"arrived\"]"
    ))
    .await?;
    let statuses = s
        .client
        .find_all(Locator::Css(&format!("{row} [data-status=\"arrived\"]")))
        .await?;
    assert_eq!(statuses.len(), 5);

    // The same proof scanned again, this time while the focus is in the search box: nothing
    // changes, the officer is told, and the search box is left as it was.
    s.click("booking-search").await?;
    scanner_types(&s, &payload).await?;
    s.wait("checkin-already").await?;
    let again = s.wait("checkin-queue-1").await?.text().await?;
    assert_eq!(queue_token(&again), numbers[0], "{again}");
    s.screenshot("checkin-repeat").await?;
    press(&s, &char::from(Key::Escape).to_string()).await?;
    assert_eq!(
        s.wait("booking-search")
            .await?
            .prop("value")
            .await?
            .as_deref(),
        Some("")
    );

    // A forged proof (one person fewer) is refused in Indonesian.
    let forged = payload.replacen(".P.5.", ".P.4.", 1);
    s.click("scan-input").await?;
    scanner_types(&s, &forged).await?;
    let msg = s.wait_text("scan-error", |t| !t.is_empty()).await?;
    assert!(msg.contains("palsu atau telah diubah"), "{msg}");
    s.screenshot("forged").await?;
    s.close().await
}

#[tokio::test]
async fn the_webcam_reads_a_proof_with_a_live_preview_and_opens_its_booking() -> Result<(), BoxError>
{
    // No webcam here: image files stand in for one, through the same frame loop and decoder.
    // The app reads them only when the camera is started, so they are written after launch, once
    // the demo's proof is known.
    let frames = tempfile::tempdir()?;
    let paths = [
        frames.path().join("empty.png"),
        frames.path().join("proof.png"),
    ];
    let env = [("LOKET_CAMERA_FILES", std::env::join_paths(&paths)?)];
    let s = Session::launch_demo_with("camera", 4546, BEFORE_PAGI, &env).await?;
    s.sign_in("petugas", "demo-petugas-123").await?;
    s.click("nav-sessions").await?;
    s.wait("scan-input").await?;
    let (family, payload) = family_of_five(s.data_dir.path()).await?;
    let scene = loket_scan::synth::Scene::arm_length();
    for (path, frame) in paths.iter().zip([
        loket_scan::synth::frame_without_code(&scene, 1),
        loket_scan::synth::camera_frame(&payload, &scene, 2),
    ]) {
        image::GrayImage::from_raw(frame.width, frame.height, frame.luma)
            .ok_or("frame size")?
            .save(path)?;
    }
    s.click("camera-start").await?;
    s.wait("camera-preview").await?;
    s.wait("checkin-dialog").await?;
    assert_eq!(s.wait("checkin-code").await?.text().await?.trim(), family);
    s.screenshot("camera-checkin").await?;
    press(&s, &char::from(Key::Enter).to_string()).await?;
    s.wait_text("checkin-queue-5", |t| t.chars().any(|c| c.is_ascii_digit()))
        .await?;
    press(&s, &char::from(Key::Escape).to_string()).await?;
    s.wait("camera-preview").await?;
    s.screenshot("camera-preview").await?;
    s.click("camera-stop").await?;
    s.close().await
}

pub(super) fn pdftotext(pdf: &Path) -> Result<String, BoxError> {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", &pdf.display().to_string(), "-"])
        .output()
        .map_err(|e| format!("pdftotext (poppler-utils) is needed: {e}"))?;
    Ok(String::from_utf8(out.stdout)?)
}

#[tokio::test]
async fn a_walk_in_with_a_wrong_nik_is_corrected_saved_and_its_proof_printed()
-> Result<(), BoxError> {
    let s = Session::launch("walkin", 4542, true).await?;
    s.sign_in("petugas", "demo-petugas-123").await?;
    s.click("nav-walkin").await?;
    s.wait("walkin-kk").await?;
    s.fill("walkin-kk", "3174010101250001").await?;
    s.select("walkin-provinsi", "31").await?;
    s.select("walkin-kabkota", "3174").await?;
    s.select("walkin-kecamatan", "317401").await?;
    s.fill("walkin-address", "Jl. Wijaya II No. 12").await?;
    // One digit short.
    s.fill("walkin-nik-0", "317401120388000").await?;
    s.fill("walkin-name-0", "Andi Wijaya").await?;
    let error = s
        .wait_text("field-error-applicants.0.nik", |t| !t.is_empty())
        .await?;
    assert_eq!(
        error.trim(),
        "NIK harus 16 digit angka; yang diisi 15 digit."
    );
    s.screenshot("wrong-nik").await?;
    // The same issue in English, from the same Rust sentence table.
    s.click("lang-toggle").await?;
    s.wait_text("field-error-applicants.0.nik", |t| {
        t.trim() == "A NIK has 16 digits; 15 were entered."
    })
    .await?;
    s.screenshot("wrong-nik-english").await?;
    s.click("lang-toggle").await?;
    s.wait_text("field-error-applicants.0.nik", |t| {
        t.trim() == "NIK harus 16 digit angka; yang diisi 15 digit."
    })
    .await?;
    s.fill("walkin-nik-0", "3174011203880001").await?;
    // The NIK fills the birth date (shown day first) and sex; the error goes away.
    let birth = s.wait("walkin-birth-0").await?;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while birth.prop("value").await?.as_deref() != Some("12/03/1988") {
        if std::time::Instant::now() > deadline {
            return Err("the birth date was not filled from the NIK".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    s.select("walkin-sex-0", "L").await?;
    let code = s.save_walk_in().await?;
    s.screenshot("walkin-saved").await?;
    s.click("walkin-proof-print").await?;
    let result = s.wait("print-result").await?;
    let path = result
        .attr("data-path")
        .await?
        .ok_or("no path on the print result")?;
    let text = pdftotext(Path::new(&path))?;
    assert!(
        text.contains(&code),
        "the proof PDF carries the booking code {code}"
    );
    assert!(text.contains("Andi Wijaya"));
    // Render the proof as the applicant will see it.
    let png = artifacts_dir().join("walkin-proof");
    let status = std::process::Command::new("pdftoppm")
        .args([
            "-r",
            "80",
            "-png",
            "-singlefile",
            &path,
            &png.display().to_string(),
        ])
        .status()?;
    assert!(status.success());

    // The day's session list, printed from "Sesi Hari Ini", carries the new walk-in.
    s.click("nav-sessions").await?;
    s.wait(&format!("booking-row-{code}")).await?;
    s.click("session-list-print").await?;
    let printed = s
        .wait_css("[data-testid=\"print-result\"][data-path$=\"daftar-sesi-2026-11-23.pdf\"]")
        .await?;
    let list = printed.attr("data-path").await?.ok_or("no path")?;
    let text = pdftotext(Path::new(&list))?;
    assert!(
        text.contains(&code) && text.contains("Rizky Pratama"),
        "{text}"
    );
    let png = artifacts_dir().join("session-list");
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "70", "-png", "-f", "1", "-singlefile", &list])
        .arg(png.display().to_string())
        .status()?;
    assert!(status.success());
    s.close().await
}

#[tokio::test]
async fn a_walk_in_typed_before_the_window_closed_is_there_after_a_restart() -> Result<(), BoxError>
{
    let s = Session::launch("walkin-draft", 4550, true).await?;
    s.sign_in("petugas", "demo-petugas-123").await?;
    s.click("nav-walkin").await?;
    s.fill("walkin-kk", "3174010101250001").await?;
    s.fill("walkin-nik-0", "3174011203880001").await?;
    s.fill("walkin-name-0", "Andi Wijaya").await?;
    // The draft is written a moment after the last keystroke; then the window goes away without
    // any "save" (as in a crash or a power cut).
    s.wait_css("[data-testid=\"walkin-form\"][data-draft-stored=\"true\"]")
        .await?;
    let kept = s.data_dir_keep()?;
    s.close().await?;

    let s = Session::launch_existing("walkin-draft-restart", 4552, &kept).await?;
    s.sign_in("petugas", "demo-petugas-123").await?;
    s.click("nav-walkin").await?;
    s.wait("walkin-draft-restored").await?;
    for (field, value) in [
        ("walkin-kk", "3174010101250001"),
        ("walkin-nik-0", "3174011203880001"),
        ("walkin-name-0", "Andi Wijaya"),
    ] {
        assert_eq!(
            s.wait(field).await?.prop("value").await?.as_deref(),
            Some(value),
            "{field}"
        );
    }
    s.screenshot("restored").await?;
    s.close().await?;
    let _ = std::fs::remove_dir_all(&kept);
    Ok(())
}

/// The queue number in a label such as "Antrean A-001".
fn queue_token(text: &str) -> String {
    text.split_whitespace()
        .find(|w| w.contains('-') && w.chars().any(|c| c.is_ascii_digit()))
        .unwrap_or_default()
        .to_owned()
}
