//! Time to produce a full day's session list: 200 applicants over two sessions (2 × 100),
//! the size the office's busiest days reach. `cargo bench -p loket-pdf --bench session_list`.
//! A plain timing loop (no harness) keeps the build lean; see BENCHMARKS.md.
#![allow(clippy::unwrap_used)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::io::Write;
use std::time::{Duration, Instant};

const RUNS: usize = 30;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let doc = common::session_list(100);
    // One run outside the measurement: first-touch allocation and page faults.
    let pdf = loket_pdf::session_list(&doc).unwrap();

    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let bytes = loket_pdf::session_list(&doc).unwrap();
            let took = start.elapsed();
            assert_eq!(bytes.len(), pdf.len());
            took
        })
        .collect();
    times.sort();
    let median = times[RUNS / 2];
    // Nearest-rank p95: the 29th of 30 sorted runs.
    let p95 = times[(RUNS * 95).div_ceil(100) - 1];
    // Every page object carries a /MediaBox; the page tree root does not.
    let pages = String::from_utf8_lossy(&pdf).matches("/MediaBox").count();

    let mut out = std::io::stdout().lock();
    writeln!(out, "session_list, 200 rows in 2 sections, {RUNS} runs").unwrap();
    writeln!(out, "median: {:.2} ms", ms(median)).unwrap();
    writeln!(out, "p95: {:.2} ms", ms(p95)).unwrap();
    writeln!(
        out,
        "min / max: {:.2} / {:.2} ms",
        ms(times[0]),
        ms(times[RUNS - 1])
    )
    .unwrap();
    writeln!(
        out,
        "pdf size: {} bytes ({:.1} KiB)",
        pdf.len(),
        pdf.len() as f64 / 1024.0
    )
    .unwrap();
    writeln!(out, "pages: {pages}").unwrap();
}
