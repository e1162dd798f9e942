//! Drafts, per-date decisions, the release schedule, the week view and the CSV of cancellations,
//! in the real window.

use loket_tests::{BoxError, PROPOSAL_ROW as ROW, Session};

#[tokio::test]
async fn drafts_are_edited_and_sent_and_the_head_decides_one_date() -> Result<(), BoxError> {
    let s = Session::launch("drafts", 4534, true).await?;
    s.sign_in("petugas", "demo-petugas-123").await?;
    s.click("nav-proposals").await?;
    s.wait("proposals-screen").await?;
    let summary = s.wait_text("release-summary", |t| !t.is_empty()).await?;
    assert!(
        summary.contains("14:00") && summary.contains("16:00"),
        "{summary}"
    );

    // Save a draft of one week, widen it to two, then send it. Dates are typed day first.
    s.fill("proposal-from", "11/01/2027").await?;
    s.fill("proposal-to", "15/01/2027").await?;
    s.click("proposal-save-draft").await?;
    s.wait_css(&format!("{ROW}[data-status=\"draft\"][data-mine=\"true\"]"))
        .await?;
    s.wait_css(&format!(
        "{ROW}[data-status=\"draft\"] [data-testid=\"proposal-edit\"]"
    ))
    .await?
    .click()
    .await?;
    s.fill("proposal-to", "22/01/2027").await?;
    s.click("proposal-update").await?;
    // The list reloads after the update; send once its row shows the widened draft and the button
    // is enabled again (one run in about ten clicked it while the reload replaced the row).
    s.wait_text("proposals-screen", |t| t.contains("22 Jan 2027"))
        .await?;
    s.wait_css(&format!(
        "{ROW}[data-status=\"draft\"] [data-testid=\"proposal-send\"]:not([disabled])"
    ))
    .await?
    .click()
    .await?;
    s.wait_css(&format!("{ROW}[data-status=\"submitted\"]"))
        .await?;
    s.screenshot("sent").await?;
    s.click("logout").await?;

    // The head approves only the first date.
    s.sign_in("kepala", "demo-kepala-123").await?;
    s.click("nav-proposals").await?;
    s.wait_css(&format!(
        "{ROW}[data-status=\"submitted\"] [data-testid=\"proposal-details\"]"
    ))
    .await?
    .click()
    .await?;
    s.wait_css("[data-testid=\"proposal-approve-date\"]")
        .await?
        .click()
        .await?;
    s.wait_text("proposals-screen", |t| t.contains("disetujui"))
        .await?;
    s.screenshot("one-date-approved").await?;

    s.click("nav-calendar").await?;
    s.wait("calendar-grid").await?;
    for _ in 0..2 {
        s.next_month().await?;
    }
    let attr = |el: fantoccini::elements::Element| async move { el.attr("data-colour").await };
    assert_eq!(
        attr(s.wait("cal-day-2027-01-11").await?).await?.as_deref(),
        Some("green")
    );
    assert_eq!(
        attr(s.wait("cal-day-2027-01-12").await?).await?.as_deref(),
        Some("yellow")
    );
    s.click("cal-view-week").await?;
    s.screenshot("week-view").await?;
    s.click("cal-view-month").await?;
    s.wait("cal-day-2027-01-11").await?;
    s.close().await
}
