//! The PC's safety in the real window: the screen that locks itself, the restore of a backup, and
//! a database from a newer Loket.

use std::time::Duration;

use fantoccini::Locator;
use loket_tests::{BoxError, Session};

/// Waits up to `secs` for an element to be displayed (the idle lock takes a minute).
async fn shown_within(s: &Session, testid: &str, secs: u64) -> Result<(), BoxError> {
    let deadline = std::time::Instant::now() + Duration::from_secs(secs);
    let css = format!("[data-testid=\"{testid}\"]");
    loop {
        if let Ok(el) = s.client.find(Locator::Css(&css)).await
            && el.is_displayed().await.unwrap_or(false)
        {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("{testid} not shown within {secs} s").into());
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

async fn displayed(s: &Session, testid: &str) -> bool {
    match s
        .client
        .find(Locator::Css(&format!("[data-testid=\"{testid}\"]")))
        .await
    {
        Ok(el) => el.is_displayed().await.unwrap_or(false),
        Err(_) => false,
    }
}

#[tokio::test]
async fn an_idle_screen_locks_hides_the_form_and_opens_back_on_it_for_its_officer_only()
-> Result<(), BoxError> {
    let s = Session::launch("screen-lock", 4570, true).await?;
    // The office head shortens the wait to the least there is: one minute.
    s.sign_in("kepala", "demo-kepala-123").await?;
    s.click("nav-settings").await?;
    s.fill("lock-minutes", "1").await?;
    s.click("lock-save").await?;
    s.wait("lock-saved").await?;
    s.click("logout").await?;

    // An officer starts a walk-in and walks away from the counter.
    s.sign_in("petugas", "demo-petugas-123").await?;
    s.click("nav-walkin").await?;
    s.wait("walkin-screen").await?;
    s.fill("walkin-name-0", "Siti Rahayu").await?;
    let started = std::time::Instant::now();
    shown_within(&s, "lock-screen", 100).await?;
    let waited = started.elapsed().as_secs();
    assert!((55..=100).contains(&waited), "locked after {waited} s");
    // Nothing of the form shows, and the status says whose screen it is.
    assert!(
        !displayed(&s, "walkin-screen").await,
        "the form shows through the lock"
    );
    let who = s.wait("lock-user").await?.text().await?;
    assert!(who.contains("Petugas"), "{who}");
    s.screenshot("locked").await?;

    // A wrong password keeps it locked; the officer's own opens the same form as it was.
    s.fill("lock-password", "bukan-sandinya").await?;
    s.click("lock-submit").await?;
    let error = s.wait_text("lock-error", |t| !t.is_empty()).await?;
    assert!(error.contains("salah"), "{error}");
    s.fill("lock-password", "demo-petugas-123").await?;
    s.click("lock-submit").await?;
    s.wait("walkin-screen").await?;
    let kept = s.wait("walkin-name-0").await?.prop("value").await?;
    assert_eq!(kept.as_deref(), Some("Siti Rahayu"), "the form as it was");
    assert!(!displayed(&s, "lock-screen").await);

    // Locked by hand; another officer signs in and the first session is closed.
    s.click("lock-now").await?;
    s.wait("lock-screen").await?;
    s.click("lock-switch").await?;
    s.fill("lock-username", "kepala").await?;
    s.fill("lock-password", "demo-kepala-123").await?;
    s.screenshot("locked-other-officer").await?;
    s.click("lock-submit").await?;
    s.wait("home-screen").await?;
    let header = s.wait("header-user").await?.text().await?;
    assert!(header.contains("Kepala"), "{header}");
    s.close().await
}

#[tokio::test]
async fn the_admin_restores_a_checked_backup_and_the_next_start_records_it() -> Result<(), BoxError>
{
    let dir = tempfile::Builder::new().prefix("loket-e2e-").tempdir()?;
    let s = Session::launch_demo_in("restore", 4572, dir.path()).await?;
    s.sign_in("admin", "demo-admin-123").await?;
    s.click("nav-settings").await?;
    // The first start of the day took the day's backup already.
    s.wait_css("[data-testid=\"backup-row\"]").await?;
    s.click("backup-now").await?;
    s.wait("backup-note").await?;
    s.scroll_to("backup-list").await?;
    s.screenshot("backups").await?;
    // The day goes on after the backup: the PC records more (this sign-in, for one).
    s.click("logout").await?;
    s.sign_in("admin", "demo-admin-123").await?;
    s.click("nav-settings").await?;
    s.wait_css("[data-testid=\"backup-row\"] [data-testid=\"backup-restore\"]")
        .await?
        .click()
        .await?;
    let message = s
        .wait_text("restore-message", |t| t.contains("Cadangan utuh"))
        .await?;
    assert!(message.contains("entri"), "{message}");
    let chain = s.wait("restore-chain").await?.text().await?;
    assert!(chain.contains("utuh"), "{chain}");
    s.screenshot("restore-dialog").await?;
    s.click("restore-confirm").await?;
    s.wait("restore-ready").await?;
    s.screenshot("restore-ready").await?;
    // "Nanti": the admin restarts Loket later, by closing and opening it.
    s.click("restore-cancel").await?;
    s.close().await?;
    tokio::time::sleep(Duration::from_millis(500)).await;

    let s = Session::launch_existing("restore-after", 4574, dir.path()).await?;
    s.sign_in("admin", "demo-admin-123").await?;
    let notice = s.wait_text("restore-notice", |t| !t.is_empty()).await?;
    assert!(
        notice.contains("dipulihkan dari cadangan loket-cadangan-") && notice.contains("admin"),
        "{notice}"
    );
    s.click("nav-audit").await?;
    let audit = s
        .wait_text("audit-screen", |t| {
            t.contains("Basis data dipulihkan dari cadangan")
        })
        .await?;
    assert!(audit.contains("epoch"), "the new epoch is in the log too");
    s.click("audit-verify").await?;
    let verified = s
        .wait_text("audit-verify-result", |t| !t.is_empty())
        .await?;
    assert!(verified.contains("utuh"), "{verified}");
    s.screenshot("restored").await?;
    s.close().await
}

#[tokio::test]
async fn a_database_from_a_newer_loket_is_refused_with_a_clear_message() -> Result<(), BoxError> {
    let dir = tempfile::Builder::new().prefix("loket-e2e-").tempdir()?;
    let db = dir.path().join("loket.db");
    let store = loket_store::Store::open(&db).await?;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (29991231000001, 'dari versi mendatang', 1, x'00', 0)",
    )
    .execute(store.pool())
    .await?;
    // Everything in the file itself, before its bytes are taken.
    store.checkpoint().await?;
    store.close().await;
    let before = std::fs::read(&db)?;

    let s = Session::launch_existing("newer-db", 4576, dir.path()).await?;
    let text = s
        .wait_text("app-error", |t| t.contains("versi yang lebih baru"))
        .await?;
    assert!(text.contains("29991231000001"), "{text}");
    s.screenshot("newer-database").await?;
    s.close().await?;
    assert!(
        std::fs::read(&db)? == before,
        "the refused file is unchanged"
    );
    Ok(())
}

#[tokio::test]
async fn without_a_key_store_the_app_says_so_and_creates_no_database() -> Result<(), BoxError> {
    let dir = tempfile::Builder::new().prefix("loket-e2e-").tempdir()?;
    // No Secret Service on this session bus: the key store cannot be reached.
    let env = [(
        "DBUS_SESSION_BUS_ADDRESS",
        std::ffi::OsString::from("unix:path=/nonexistent/loket-no-bus"),
    )];
    let s = Session::launch_in_with("no-keystore", 4584, dir.path(), true, &env).await?;
    let text = s
        .wait_text("app-error", |t| t.contains("Penyimpanan kunci sistem"))
        .await?;
    assert!(text.contains("tanpa enkripsi"), "{text}");
    s.screenshot("no-keystore").await?;
    s.close().await?;
    assert!(
        !dir.path().join("loket.db").exists(),
        "no database was made"
    );
    Ok(())
}
