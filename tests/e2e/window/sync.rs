//! The PC and the central service: the admin connects the demo PC to a real central (on a private
//! PostgreSQL) in Pengaturan, the header changes from "Tanpa pusat" to "Pusat tersambung", and the
//! PC's entries reach the central in the background.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use loket_tests::{BoxError, Session, TEST_CLOCK};

#[tokio::test]
async fn an_admin_connects_the_pc_to_the_central_and_its_entries_arrive() -> Result<(), BoxError> {
    let now: DateTime<Utc> = TEST_CLOCK.parse()?;
    let (central, _clock) = loket_central::testing::central_at(now).await;
    let base = loket_central::testing::serve(&central).await;
    let code = loket_central::devices::issue_code(
        &central,
        "jakartaselatan",
        "A",
        chrono::Duration::hours(1),
    )
    .await
    .map_err(|e| e.message.id)?;

    let s = Session::launch("sync-enrol", 4560, true).await?;
    s.sign_in("admin", "demo-admin-123").await?;
    s.wait_text("header-sync", |t| t.contains("Tanpa pusat"))
        .await?;
    s.click("nav-settings").await?;
    s.wait("central-url").await?;

    // A wrong code first: the central's sentence, and what was typed stays.
    s.fill("central-url", &base).await?;
    s.fill("central-code", "SALAH-1234").await?;
    s.click("central-connect").await?;
    s.wait_text("central-error", |t| {
        t.starts_with("Kode pendaftaran tidak sah")
    })
    .await?;
    s.screenshot("central-wrong-code").await?;

    s.fill("central-code", &code).await?;
    s.click("central-connect").await?;
    s.wait("central-connected").await?;
    s.wait_text("header-sync", |t| t.contains("Pusat tersambung"))
        .await?;

    // Everything the PC wrote (the demo, the sign-in, the central's key now trusted) is there.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let at_central: i64 = sqlx::query_scalar("SELECT count(*) FROM device_log")
            .fetch_one(&central.pool)
            .await?;
        let pc: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox")
            .fetch_one(&super::app_db(s.data_dir.path()).await?)
            .await?;
        if at_central > 0 && at_central == pc {
            break;
        }
        if Instant::now() > deadline {
            return Err(format!("the central holds {at_central} entries, the PC {pc}").into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    s.wait_text("central-counts", |t| t.contains("; 0 entri menunggu"))
        .await?;
    s.screenshot("central-all-sent").await?;
    s.close().await?;
    Ok(())
}
