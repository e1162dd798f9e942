//! Issue #3 in the real window: an officer proposes, the kepala kantor approves, the calendar turns
//! green; the head cannot approve a proposal of their own.

use loket_tests::{BoxError, PROPOSAL_ROW as ROW, Session};

async fn colour(s: &Session, date: &str) -> Result<String, BoxError> {
    let cell = s.wait(&format!("cal-day-{date}")).await?;
    Ok(cell.attr("data-colour").await?.unwrap_or_default())
}

/// Proposes quota from `from` to `to`, typed as an officer types them: `dd/mm/yyyy`.
async fn propose(s: &Session, from: &str, to: &str) -> Result<(), BoxError> {
    s.click("nav-proposals").await?;
    s.wait("proposals-screen").await?;
    s.fill("proposal-from", from).await?;
    s.fill("proposal-to", to).await?;
    s.click("proposal-submit").await?;
    s.wait_text("proposal-notice", |t| !t.is_empty()).await?;
    Ok(())
}

#[tokio::test]
async fn an_officer_proposes_and_the_head_approves_but_never_their_own() -> Result<(), BoxError> {
    // The demo office (clock: Monday 23 November 2026) has not provided quota beyond early January.
    let s = Session::launch("quota", 4514, true).await?;
    s.sign_in("petugas", "demo-petugas-123").await?;
    // Two weeks of January 2027: ten weekdays, two sessions each.
    propose(&s, "11/01/2027", "22/01/2027").await?;
    let notice = s.wait("proposal-notice").await?.text().await?;
    assert!(notice.contains("20"), "{notice}");
    s.screenshot("proposed").await?;
    s.click("logout").await?;

    s.sign_in("kepala", "demo-kepala-123").await?;
    s.click("nav-proposals").await?;
    s.wait_css(&format!(
        "{ROW}[data-status=\"submitted\"][data-mine=\"false\"]"
    ))
    .await?;
    s.wait_css(&format!(
        "{ROW}[data-status=\"submitted\"][data-mine=\"false\"] [data-testid=\"proposal-approve\"]"
    ))
    .await?
    .click()
    .await?;
    s.wait_css(&format!("{ROW}[data-status=\"decided\"]"))
        .await?;
    s.screenshot("approved").await?;

    // The head's own proposal: the window offers the button, Rust refuses it.
    propose(&s, "25/01/2027", "29/01/2027").await?;
    s.wait_css(&format!(
        "{ROW}[data-status=\"submitted\"][data-mine=\"true\"] [data-testid=\"proposal-approve\"]"
    ))
    .await?
    .click()
    .await?;
    let refused = s
        .wait_text("proposals-error", |t| t.contains("sendiri"))
        .await?;
    assert!(refused.contains("Kepala Kantor"), "{refused}");
    s.screenshot("own-refused").await?;

    // January 2027: approved weekdays green, the head's own still yellow, holidays grey.
    s.click("nav-calendar").await?;
    s.wait("calendar-grid").await?;
    for _ in 0..2 {
        s.next_month().await?;
    }
    assert_eq!(colour(&s, "2027-01-11").await?, "green");
    assert_eq!(colour(&s, "2027-01-22").await?, "green");
    assert_eq!(colour(&s, "2027-01-26").await?, "yellow");
    assert_eq!(colour(&s, "2027-01-05").await?, "grey", "Isra Mikraj");
    assert_eq!(colour(&s, "2027-01-16").await?, "grey", "a Saturday");
    // Approved but not yet released: the week of 11 January opens on Friday 8 January, 14:00 WIB.
    s.click("cal-day-2027-01-11").await?;
    let badge = s.wait("cal-workflow").await?;
    assert_eq!(
        badge.attr("data-workflow").await?.as_deref(),
        Some("approved")
    );
    let detail = s.wait_text("cal-detail", |t| t.contains("14:00")).await?;
    assert!(detail.contains("80"), "the split is shown: {detail}");
    s.screenshot("calendar-january").await?;
    s.close().await
}

#[tokio::test]
async fn the_head_closes_a_booked_date_and_sees_the_cancelled_bookings() -> Result<(), BoxError> {
    let s = Session::launch("closure", 4524, true).await?;
    s.sign_in("kepala", "demo-kepala-123").await?;
    s.click("nav-calendar").await?;
    s.wait("calendar-grid").await?;
    // Thursday 26 November 2026 is booked in the demo office.
    assert_eq!(colour(&s, "2026-11-26").await?, "green");
    s.click("cal-day-2026-11-26").await?;
    s.click("close-date").await?;
    s.fill("close-reason", "Pemadaman listrik seharian").await?;
    let preview = s
        .wait_text("close-preview", |t| t.contains("pemesanan"))
        .await?;
    s.screenshot("preview").await?;
    s.click("close-confirm").await?;
    s.wait("closed-list").await?;
    let list = s.wait("closed-list").await?.text().await?;
    assert!(list.contains("261126-P-801"), "{list}");
    s.wait_css("[data-testid=\"cal-day-2026-11-26\"][data-colour=\"grey\"]")
        .await?;
    s.screenshot("closed").await?;
    // The list is also saved as CSV for calling the applicants.
    s.click("export-closed-list").await?;
    let saved = s.wait_text("export-path", |t| t.contains(".csv")).await?;
    let path = saved[saved.find('/').ok_or("no path shown")?..]
        .trim()
        .to_owned();
    let csv = std::fs::read_to_string(&path)?;
    assert!(csv.contains("261126-P-801"), "{csv}");
    std::fs::remove_file(&path)?;
    assert!(!preview.is_empty());
    s.close().await
}
