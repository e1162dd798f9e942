//! The tests in the window: first run, the demo office's home and calendar, and (in the modules)
//! the counter's day, drafts, quota and renewals.

mod counter;
mod drafts;
mod pii;
mod quota;
mod renewal;
mod safety;
mod sync;
mod sync_day;

use std::collections::BTreeSet;

use fantoccini::Locator;
use loket_tests::{BoxError, Session};

/// The app's database in `data_dir`, read-only, opened with its key from the OS key store (the
/// tests run in the same key-store session as the app they launched).
pub(super) async fn app_db(data_dir: &std::path::Path) -> Result<sqlx::SqlitePool, BoxError> {
    let db = data_dir.join("loket.db");
    let key = loket_app::database_key(&loket_app::OsKeyVault::new("loket"), &db)?;
    let options = loket_store::file_options(&db, Some(&key)).read_only(true);
    Ok(sqlx::SqlitePool::connect_with(options).await?)
}

/// The app's database in `data_dir`, writable, as a store (a test playing someone who edits it).
pub(super) async fn app_store(data_dir: &std::path::Path) -> Result<loket_store::Store, BoxError> {
    let db = data_dir.join("loket.db");
    let key = loket_app::database_key(&loket_app::OsKeyVault::new("loket"), &db)?;
    Ok(loket_store::Store::open_with(&db, Some(&key)).await?)
}

/// The colours of every date cell in the calendar currently shown.
async fn colours_shown(s: &Session) -> Result<Vec<String>, BoxError> {
    let mut out = Vec::new();
    for cell in s
        .client
        .find_all(Locator::Css("[data-testid^=\"cal-day-\"]"))
        .await?
    {
        if let Some(c) = cell.attr("data-colour").await? {
            out.push(c);
        }
    }
    Ok(out)
}

#[tokio::test]
async fn first_run_chooses_an_office_creates_the_admin_and_reaches_home_and_calendar()
-> Result<(), BoxError> {
    let s = Session::launch("first-run", 4444, false).await?;
    s.wait("setup-office-search").await?;
    s.screenshot("setup-office").await?;
    s.fill("setup-office-search", "ambon").await?;
    s.click("office-option-ambon").await?;
    s.click("setup-office-next").await?;

    // Bad input first: a short password is refused next to the field, nothing is lost.
    s.fill("setup-username", "admin.ambon").await?;
    s.fill("setup-fullname", "Maria Latuconsina").await?;
    s.fill("setup-password", "pendek").await?;
    s.fill("setup-password-confirm", "pendek").await?;
    s.click("setup-submit").await?;
    s.screenshot("setup-admin-error").await?;
    assert_eq!(
        s.wait("setup-username")
            .await?
            .prop("value")
            .await?
            .as_deref(),
        Some("admin.ambon")
    );
    s.fill("setup-password", "sandi-ambon-2026").await?;
    s.fill("setup-password-confirm", "sandi-ambon-2026").await?;
    // This PC is the office's second counter.
    s.fill("setup-counter", "b").await?;
    s.click("setup-submit").await?;

    s.wait("login-form").await?;
    s.wait("login-notice").await?;
    s.screenshot("login").await?;
    s.log_in("admin.ambon", "sandi-ambon-2026").await?;
    s.wait("home-screen").await?;
    let zone = s.wait_text("home-zone", |t| !t.is_empty()).await?;
    assert!(zone.contains("WIT"), "Ambon is on WIT: {zone}");
    assert_eq!(
        s.wait("header-counter").await?.text().await?.trim(),
        "Loket B"
    );
    assert!(!s.wait("home-date").await?.text().await?.is_empty());
    // A new office has not provided quota yet: today's numbers are all zero.
    assert_eq!(s.field("home-session-pagi", "capacity").await?, "0");
    assert_eq!(s.field("home-session-siang", "booked").await?, "0");
    s.screenshot("home").await?;

    s.click("nav-calendar").await?;
    s.wait("calendar-grid").await?;
    s.wait("calendar-legend").await?;
    let colours: BTreeSet<String> = colours_shown(&s).await?.into_iter().collect();
    assert!(
        colours.contains("yellow") && colours.contains("grey"),
        "{colours:?}"
    );
    assert!(
        !colours.contains("green"),
        "no quota has been provided: {colours:?}"
    );
    s.screenshot("calendar").await?;

    // The admin adds the first counter officer; a 15-digit NIP is refused next to the field first.
    s.click("nav-users").await?;
    s.wait("users-screen").await?;
    s.fill("user-new-username", "rina.petugas").await?;
    s.fill("user-new-fullname", "Rina Wattimena").await?;
    s.fill("user-new-nip", "199001012015032").await?;
    s.fill("user-new-password", "sandi-rina-2026").await?;
    s.click("user-new-submit").await?;
    s.wait_css(".field-error").await?;
    s.fill("user-new-nip", "199001012015032001").await?;
    s.click("user-new-submit").await?;
    s.wait("user-row-rina.petugas").await?;
    s.screenshot("users").await?;
    s.close().await
}

#[tokio::test]
async fn the_demo_office_shows_todays_numbers_and_all_four_colours() -> Result<(), BoxError> {
    let s = Session::launch("demo", 4454, true).await?;
    s.wait("demo-accounts").await?;
    s.screenshot("login-demo").await?;
    s.log_in("kepala", "demo-kepala-123").await?;
    s.wait("home-screen").await?;
    assert_eq!(s.field("home-session-pagi", "capacity").await?, "100");
    let booked: u32 = s.field("home-session-pagi", "booked").await?.parse()?;
    assert!(booked >= 60, "the demo fills today's sessions: {booked}");
    s.screenshot("home").await?;

    s.click("nav-calendar").await?;
    s.wait("calendar-grid").await?;
    let mut colours: BTreeSet<String> = colours_shown(&s).await?.into_iter().collect();
    s.screenshot("calendar").await?;
    // A grey date says why, in the window's language: the sentence comes from Rust in both.
    s.click("cal-day-2026-11-28").await?;
    s.wait_text("cal-detail-reason", |t| t.trim() == "Akhir pekan")
        .await?;
    s.screenshot("calendar-day-detail").await?;
    s.click("lang-toggle").await?;
    s.wait_text("cal-detail-reason", |t| t.trim() == "Weekend")
        .await?;
    s.screenshot("calendar-day-detail-english").await?;
    s.click("lang-toggle").await?;
    s.wait_text("cal-detail-reason", |t| t.trim() == "Akhir pekan")
        .await?;
    for _ in 0..2 {
        if colours.len() == 4 {
            break;
        }
        s.next_month().await?;
        colours.extend(colours_shown(&s).await?);
        s.screenshot("calendar-next").await?;
    }
    assert_eq!(
        colours.into_iter().collect::<Vec<_>>(),
        ["green", "grey", "red", "yellow"]
    );

    s.click("nav-audit").await?;
    s.wait("audit-screen").await?;
    s.wait("audit-row").await?;
    s.click("audit-verify").await?;
    s.wait_text("audit-verify-result", |t| t.contains("utuh"))
        .await?;
    s.screenshot("audit").await?;

    // English is one switch away, and the choice is undone for the tests that follow.
    s.click("lang-toggle").await?;
    s.click("nav-home").await?;
    s.wait_text("home-session-pagi", |t| t.contains("Morning"))
        .await?;
    s.screenshot("home-english").await?;
    s.click("lang-toggle").await?;
    s.wait_text("home-session-pagi", |t| t.contains("Pagi"))
        .await?;
    s.close().await
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account() -> Result<(), BoxError> {
    let s = Session::launch("lockout", 4464, true).await?;
    s.wait("login-form").await?;
    for attempt in 1..=5 {
        s.log_in("petugas", "bukan-sandinya").await?;
        let expected = if attempt < 5 {
            "salah"
        } else {
            "Akun terkunci"
        };
        s.wait_text("login-error", |t| {
            t.contains(expected) && (attempt == 5 || t.contains(&format!("{}.", 5 - attempt)))
        })
        .await?;
    }
    s.screenshot("locked").await?;
    // The right password does not open a locked account.
    s.log_in("petugas", "demo-petugas-123").await?;
    s.wait_text("login-error", |t| t.contains("Akun terkunci"))
        .await?;
    assert!(
        s.client
            .find(Locator::Css("[data-testid=\"home-screen\"]"))
            .await
            .is_err()
    );
    s.close().await
}

#[tokio::test]
async fn a_damaged_or_missing_database_gets_a_clear_message_and_is_left_alone()
-> Result<(), BoxError> {
    // A file that is not a database: the window explains, the file is untouched.
    let dir = tempfile::Builder::new().prefix("loket-e2e-").tempdir()?;
    let db = dir.path().join("loket.db");
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 31 % 251) as u8).collect();
    std::fs::write(&db, &garbage)?;
    let s = Session::launch_in("damaged-db", 4484, false, dir).await?;
    let text = s
        .wait_text("app-error", |t| t.contains("Basis data"))
        .await?;
    assert!(text.contains("File tidak diubah"), "{text}");
    s.screenshot("damaged").await?;
    assert_eq!(std::fs::read(&db)?, garbage);

    // A PC that was set up and whose database file disappeared does not silently start afresh.
    std::fs::remove_file(&db)?;
    std::fs::write(
        s.data_dir.path().join("perangkat.txt"),
        "kantor ambon (Kantor Imigrasi Kelas I TPI Ambon)\n",
    )?;
    let dir = tempfile::Builder::new().prefix("loket-e2e-").tempdir()?;
    std::fs::copy(
        s.data_dir.path().join("perangkat.txt"),
        dir.path().join("perangkat.txt"),
    )?;
    s.close().await?;
    let s = Session::launch_in("missing-db", 4494, false, dir).await?;
    let text = s
        .wait_text("app-error", |t| t.contains("tidak ditemukan"))
        .await?;
    assert!(text.contains("ambon"), "{text}");
    assert!(
        !s.data_dir.path().join("loket.db").exists(),
        "no empty database was created"
    );
    s.screenshot("missing").await?;
    s.close().await
}

/// `loket --verify-audit`: the same check from a terminal, and it names the row someone edited.
#[tokio::test]
async fn the_audit_chain_command_finds_an_edited_row() -> Result<(), BoxError> {
    let s = Session::launch("audit-cli", 4504, true).await?;
    s.sign_in("admin", "demo-admin-123").await?;
    let keep = s.data_dir_keep()?;
    s.close().await?;
    let verify = |dir: &std::path::Path| {
        std::process::Command::new(loket_tests::app_binary())
            .args(["--verify-audit", "--data-dir"])
            .arg(dir)
            .output()
    };
    let intact = verify(&keep)?;
    let text = String::from_utf8_lossy(&intact.stdout).into_owned();
    assert_eq!(intact.status.code(), Some(0), "{text}");
    assert!(text.contains("utuh"), "{text}");

    let store = app_store(&keep).await?;
    sqlx::query("UPDATE outbox SET actor = 'orang lain' WHERE seq = 2")
        .execute(store.pool())
        .await?;
    store.close().await;
    let broken = verify(&keep)?;
    let text = String::from_utf8_lossy(&broken.stdout).into_owned();
    assert_eq!(broken.status.code(), Some(1), "{text}");
    assert!(text.contains("no. 2"), "{text}");
    let _ = std::fs::remove_dir_all(&keep);
    Ok(())
}
