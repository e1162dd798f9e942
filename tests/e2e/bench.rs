#![allow(clippy::print_stdout)] // a bench binary reports on stdout
//! Measures, in the real window, what a counter officer waits for:
//! 1. cold start: from launching the app to a login form that accepts input;
//! 2. opening the home screen on the demo office: from pressing "Masuk" to today's numbers shown;
//! 3. the calendar's next month;
//! 4. "Sesi Hari Ini" with 400 bookings in the morning session: from the click to the last row
//!    painted, and switching back to that session from the other one.
//!
//! Run through `scripts/bench.sh` (see BENCHMARKS.md). Prints a Markdown table.

use std::time::{Duration, Instant};

use loket_tests::{BoxError, Session};

/// The code of the last booking written by [`busy_morning`]; its row is the last one painted.
const LAST_ROW: &str = "261123-P-B400";

/// Fills the demo's Monday morning up to 400 bookings (plus the demo's own), as a busy office has.
/// Written straight into the database: the app reads what is there, however it got there.
async fn busy_morning(data: &std::path::Path) -> Result<usize, BoxError> {
    let db = data.join("loket.db");
    let key = loket_app::database_key(&loket_app::OsKeyVault::new("loket"), &db)?;
    let pool = sqlx::SqlitePool::connect_with(loket_store::file_options(&db, Some(&key))).await?;
    let mut tx = pool.begin().await?;
    for i in 1..=400 {
        let id = format!("bench-{i}");
        sqlx::query(
            "INSERT INTO bookings (id, code, office_slug, date, session, channel, category, kk_number, created_utc)
             VALUES (?, ?, 'jakartaselatan', '2026-11-23', 'pagi', 'online', 'reguler', '3174010101010001', '2026-11-01T00:00:00+00:00')",
        )
        .bind(&id)
        .bind(format!("261123-P-B{i:03}"))
        .execute(&mut *tx)
        .await?;
        for p in 1..=(1 + i % 3) {
            sqlx::query(
                "INSERT INTO applicants (id, booking_id, position, nik, full_name, relation, sex, birth_date, application_type)
                 VALUES (?, ?, ?, ?, ?, ?, 'L', '1990-01-01', 'baru')",
            )
            .bind(format!("{id}-{p}"))
            .bind(&id)
            .bind(p)
            .bind(format!("3174011001{:02}{:04}", p, i))
            .bind(format!("Pemohon Uji {i} {p}"))
            .bind(if p == 1 { "pemohon" } else { "anak" })
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM bookings WHERE date = '2026-11-23' AND session = 'pagi'",
    )
    .fetch_one(&pool)
    .await?;
    pool.close().await;
    Ok(usize::try_from(total)?)
}

fn summary(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = samples[samples.len() / 2];
    let (min, max) = (samples[0], samples[samples.len() - 1]);
    println!(
        "| {name} | {} | {:.0} ms | {:.0} ms | {:.0} ms |",
        samples.len(),
        ms(median),
        ms(min),
        ms(max)
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), BoxError> {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    // The demo office is generated once; the measured launches reuse that folder, as a counter PC does.
    let data = tempfile::Builder::new().prefix("loket-bench-").tempdir()?;
    let seed = Session::launch_in("bench-seed", 4474, true, data).await?;
    seed.wait("login-form").await?;
    let data = seed.data_dir_keep()?;
    seed.close().await?;
    let busy = busy_morning(&data).await?;

    let mut cold = Vec::new();
    let mut home = Vec::new();
    let mut month = Vec::new();
    let mut list = Vec::new();
    let mut tab = Vec::new();
    for i in 0..runs {
        let started = Instant::now();
        let s =
            Session::launch_existing(&format!("bench-{i}"), 4484 + 10 * i as u16, &data).await?;
        s.wait("login-username").await?;
        cold.push(started.elapsed());
        s.fill("login-username", "petugas").await?;
        s.fill("login-password", "demo-petugas-123").await?;
        let pressed = Instant::now();
        s.click("login-submit").await?;
        s.wait_css("[data-testid=\"home-session-pagi\"] [data-field=\"booked\"]")
            .await?;
        s.wait_text("home-date", |t| !t.is_empty()).await?;
        home.push(pressed.elapsed());
        s.click("nav-calendar").await?;
        s.wait("calendar-grid").await?;
        for _ in 0..3 {
            let before = s.wait("calendar-title").await?.text().await?;
            let pressed = Instant::now();
            s.click("cal-next").await?;
            s.wait_text("calendar-title", |t| t != before).await?;
            month.push(pressed.elapsed());
        }
        let pressed = Instant::now();
        s.click("nav-sessions").await?;
        s.wait(&format!("booking-row-{LAST_ROW}")).await?;
        list.push(pressed.elapsed());
        for _ in 0..3 {
            s.click("session-tab-siang").await?;
            s.wait_css("[data-testid=\"session-tab-siang\"][aria-selected=\"true\"]")
                .await?;
            let pressed = Instant::now();
            s.click("session-tab-pagi").await?;
            s.wait(&format!("booking-row-{LAST_ROW}")).await?;
            tab.push(pressed.elapsed());
        }
        s.close().await?;
    }
    println!("| measurement | runs | median | min | max |");
    println!("|---|---|---|---|---|");
    summary("cold start → login form ready", cold);
    summary(
        "\"Masuk\" pressed → home with today's numbers (demo office)",
        home,
    );
    summary("calendar \"›\" pressed → next month painted", month);
    summary(
        &format!("\"Sesi Hari Ini\" clicked → {busy} morning bookings painted"),
        list,
    );
    summary(&format!("siang → pagi tab: {busy} bookings repainted"), tab);
    let _ = std::fs::remove_dir_all(&data);
    Ok(())
}
