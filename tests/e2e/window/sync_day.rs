//! A counter's day with the central in the real window: a citizen books online and the booking
//! appears in Sesi Hari Ini within seconds and is checked in by its QR; the link to the central is
//! cut, the header says so, and the officer books a walk-in, checks in another family, and checks
//! in a family that booked online after the link went down from its proof alone; the link returns,
//! all of it reaches the central, the header shows everything sent, and the office's second PC
//! shows the walk-in.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use fantoccini::key::Key;
use loket_central::testing::Gate;
use loket_tests::{BoxError, Session, TEST_CLOCK};

/// Connects the demo PC in `s` to the central at `url` with a code for `counter`, as its admin,
/// sees the seats the central lent it, then signs the counter officer in.
async fn enrol(
    s: &Session,
    central: &loket_central::Central,
    url: &str,
    counter: &str,
) -> Result<(), BoxError> {
    let code = loket_central::devices::issue_code(
        central,
        "jakartaselatan",
        counter,
        chrono::Duration::hours(1),
    )
    .await
    .map_err(|e| e.message.id)?;
    s.sign_in("admin", "demo-admin-123").await?;
    s.click("nav-settings").await?;
    s.fill("central-url", url).await?;
    s.fill("central-code", &code).await?;
    s.click("central-connect").await?;
    s.wait("central-connected").await?;
    s.wait_text("header-sync", |t| t.contains("Pusat tersambung"))
        .await?;
    // The first PC of the office gets its seats of today's counter and priority shares at once.
    if counter == "A" {
        s.wait("central-seat").await?;
        s.scroll_to("central-link").await?;
        s.screenshot("central-seats").await?;
    }
    s.click("logout").await?;
    s.sign_in("petugas", "demo-petugas-123").await
}

/// A citizen books this afternoon's session online for two people (through the central's API, as
/// its web page does): the booking's code.
async fn book_online(base: &str, key: &str, niks: [&str; 2]) -> Result<String, BoxError> {
    let body = serde_json::json!({
        "office": "jakartaselatan", "date": "2026-11-23", "session": "siang",
        "kkNumber": "3174010101259001",
        "applicants": [
            {"nik": niks[0], "fullName": "Dewi Daring", "relation": "pemohon", "applicationType": "baru"},
            {"nik": niks[1], "fullName": "Raka Daring", "relation": "anak", "applicationType": "baru"}
        ]
    });
    let out = tokio::process::Command::new("curl")
        .args(["-s", "-X", "POST", "-H", "content-type: application/json"])
        .args([
            "-H",
            &format!("Idempotency-Key: {key}"),
            "--data",
            &body.to_string(),
        ])
        .arg(format!("{base}/v1/bookings"))
        .output()
        .await?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let code = v["code"].as_str().ok_or(format!("booking refused: {v}"))?;
    Ok(code.to_owned())
}

async fn proof_at_central(
    central: &loket_central::Central,
    code: &str,
) -> Result<String, BoxError> {
    Ok(
        sqlx::query_scalar("SELECT proof FROM bookings WHERE code = $1")
            .bind(code)
            .fetch_one(&central.pool)
            .await?,
    )
}

/// A family still waiting in this morning's session and its proof, read from the PC's database.
async fn waiting_family(data_dir: &Path) -> Result<(String, String), BoxError> {
    let pool = super::app_db(data_dir).await?;
    let (code, qr): (String, Option<String>) = sqlx::query_as(
        "SELECT b.code, b.proof_qr FROM bookings b JOIN applicants a ON a.booking_id = b.id
         WHERE b.date = '2026-11-23' AND b.session = 'pagi' AND b.status = 'active'
           AND b.channel = 'online'
         GROUP BY b.id HAVING SUM(a.status = 'expected') = COUNT(*) ORDER BY b.code LIMIT 1",
    )
    .fetch_one(&pool)
    .await?;
    pool.close().await;
    Ok((code, qr.ok_or("no proof")?))
}

async fn scan(s: &Session, payload: &str) -> Result<(), BoxError> {
    s.click("scan-input").await?;
    s.client
        .active_element()
        .await?
        .send_keys(&format!("{payload}{}", char::from(Key::Enter)))
        .await?;
    s.wait("checkin-dialog").await?;
    s.click("checkin-confirm").await?;
    s.wait("checkin-done").await?;
    s.client
        .active_element()
        .await?
        .send_keys(&char::from(Key::Escape).to_string())
        .await?;
    Ok(())
}

async fn central_has(central: &loket_central::Central, sql: &str, code: &str) -> bool {
    sqlx::query_scalar::<_, i64>(sql)
        .bind(code)
        .fetch_one(&central.pool)
        .await
        .is_ok_and(|n| n > 0)
}

#[tokio::test]
async fn online_bookings_reach_the_counter_and_an_outage_loses_nothing() -> Result<(), BoxError> {
    let now: DateTime<Utc> = TEST_CLOCK.parse()?;
    let (central, _clock) = loket_central::testing::central_at(now).await;
    let base = loket_central::testing::serve(&central).await;
    let gate = Gate::start(base.trim_start_matches("http://").parse()?).await?;
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).ok_or("date")?;
    loket_central::seed::approve(
        &central,
        "jakartaselatan",
        today,
        (80, 15, 5),
        now - chrono::Duration::hours(1),
        None,
    )
    .await
    .map_err(|e| e.message.id)?;

    let a = Session::launch("sync-day-a", 4562, true).await?;
    enrol(&a, &central, &gate.url(), "A").await?;
    a.click("nav-sessions").await?;
    a.wait("scan-input").await?;

    // A citizen books online; counter A's list shows it within seconds, without a reload.
    let online = book_online(
        &base,
        "e2e-online-1",
        ["3174011203880101", "3174015705900102"],
    )
    .await?;
    let booked = Instant::now();
    a.click("session-tab-siang").await?;
    a.wait(&format!("booking-row-{online}")).await?;
    let reached = booked.elapsed();
    assert!(
        reached < Duration::from_secs(30),
        "the online booking took {reached:?} to reach the counter"
    );
    a.screenshot("online-booking-arrived").await?;
    scan(&a, &proof_at_central(&central, &online).await?).await?;
    a.screenshot("online-booking-checked-in").await?;

    // The office's internet goes down.
    gate.cut();
    a.wait_text("header-sync", |t| t.contains("Pusat terputus"))
        .await?;
    a.screenshot("offline").await?;
    // The officer keeps working: a walk-in, and another family checked in.
    a.click("nav-walkin").await?;
    a.wait("walkin-kk").await?;
    a.fill("walkin-kk", "3174010101250077").await?;
    a.select("walkin-provinsi", "31").await?;
    a.select("walkin-kabkota", "3174").await?;
    a.select("walkin-kecamatan", "317401").await?;
    a.fill("walkin-address", "Jl. Wijaya II No. 12").await?;
    a.fill("walkin-nik-0", "3174011203880301").await?;
    a.fill("walkin-name-0", "Andi Luring").await?;
    a.select("walkin-sex-0", "L").await?;
    let walk_in = a.save_walk_in().await?;
    a.screenshot("offline-walk-in").await?;
    a.click("nav-sessions").await?;
    a.wait("scan-input").await?;
    a.click("session-tab-pagi").await?;
    let (family, proof) = waiting_family(a.data_dir.path()).await?;
    scan(&a, &proof).await?;
    // A family that booked online a moment ago, after the link went down, shows its proof: the
    // PC has never seen the booking, and checks them in from the central's signature.
    let unseen = book_online(
        &base,
        "e2e-online-2",
        ["3174011203880111", "3174015705900112"],
    )
    .await?;
    a.click("session-tab-siang").await?;
    a.click("scan-input").await?;
    a.client
        .active_element()
        .await?
        .send_keys(&format!(
            "{}{}",
            proof_at_central(&central, &unseen).await?,
            char::from(Key::Enter)
        ))
        .await?;
    a.wait("checkin-dialog").await?;
    a.wait_text("checkin-dialog", |t| t.contains("data menyusul dari pusat"))
        .await?;
    a.screenshot("offline-proof-check-in").await?;
    a.click("checkin-confirm").await?;
    a.wait("checkin-done").await?;
    a.client
        .active_element()
        .await?
        .send_keys(&char::from(Key::Escape).to_string())
        .await?;
    a.wait_text("header-sync", |t| t.contains("menunggu"))
        .await?;
    a.screenshot("offline-work-waiting").await?;
    assert!(
        !central_has(
            &central,
            "SELECT count(*) FROM bookings WHERE code = $1",
            &walk_in
        )
        .await,
        "nothing crossed the cut"
    );

    // The link returns: everything reaches the central and the header says so.
    gate.restore();
    a.wait_text("header-sync", |t| {
        t.contains("Pusat tersambung") && !t.contains("menunggu")
    })
    .await?;
    a.screenshot("back-online-synced").await?;
    let deadline = Instant::now() + Duration::from_secs(30);
    while !(central_has(
        &central,
        "SELECT count(*) FROM bookings WHERE code = $1",
        &walk_in,
    )
    .await
        && central_has(
            &central,
            "SELECT count(*) FROM device_log WHERE op_type = 'kedatangan.dicatat'
                 AND payload LIKE '%' || $1 || '%'",
            &family,
        )
        .await)
    {
        if Instant::now() > deadline {
            return Err("the walk-in or the offline check-in did not reach the central".into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(
        central_has(
            &central,
            "SELECT count(*) FROM applicants a JOIN bookings b USING (office_id, booking_id)
             WHERE b.code = $1 AND a.status = 'arrived'",
            &online,
        )
        .await,
        "the online family's arrival is at the central"
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    while !central_has(
        &central,
        "SELECT count(*) FROM applicants a JOIN bookings b USING (office_id, booking_id)
         WHERE b.code = $1 AND a.status = 'arrived' HAVING count(*) = 2",
        &unseen,
    )
    .await
    {
        if Instant::now() > deadline {
            return Err(
                "the family checked in from its proof is not arrived at the central".into(),
            );
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // The office's second PC, counter B, shows counter A's walk-in after its first sync.
    let b = Session::launch_demo_with(
        "sync-day-b",
        4564,
        TEST_CLOCK,
        &[("LOKET_COUNTER", "B".into())],
    )
    .await?;
    enrol(&b, &central, &gate.url(), "B").await?;
    b.click("nav-sessions").await?;
    b.wait("scan-input").await?;
    let day = NaiveDate::parse_from_str(&format!("20{}", &walk_in[0..6]), "%Y%m%d")?;
    for _ in 0..(day - today).num_days() {
        b.click("session-next").await?;
    }
    if walk_in.contains("-S-") {
        b.click("session-tab-siang").await?;
    }
    b.wait(&format!("booking-row-{walk_in}")).await?;
    b.screenshot("second-pc-shows-walk-in").await?;
    b.close().await?;
    a.close().await?;
    Ok(())
}
