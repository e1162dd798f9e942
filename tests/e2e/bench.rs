#![allow(clippy::print_stdout)] // a bench binary reports on stdout
//! Measures, in the real window, what a counter officer waits for:
//! 1. cold start: from launching the app to a login form that accepts input;
//! 2. opening the home screen on the demo office: from pressing "Masuk" to today's numbers shown.
//!
//! Run through `scripts/bench.sh` (see BENCHMARKS.md). Prints a Markdown table.

use std::time::{Duration, Instant};

use loket_tests::{BoxError, Session};

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

    let mut cold = Vec::new();
    let mut home = Vec::new();
    let mut month = Vec::new();
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
    let _ = std::fs::remove_dir_all(&data);
    Ok(())
}
