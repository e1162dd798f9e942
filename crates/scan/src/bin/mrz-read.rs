//! Read the machine-readable zone of each image given on the command line.
//!
//! ```text
//! cargo run --release -p loket-scan --bin mrz-read -- IMAGE...
//! ```
//! Prints one JSON line per image: `{"file":…,"found":bool,"lines":[…],"valid":bool,"ms":…}`.
//! When a `manifest.csv` with `file,…,truth_line1,truth_line2,truth_line3` columns sits next to
//! the images (as in the team's `mrz-dev` set), a summary of exact reads goes to stderr.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use loket_scan::Frame;
use loket_scan::mrz::{Date, read_frame};

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: mrz-read IMAGE...");
        return ExitCode::from(2);
    }
    let today = today();
    let mut stdout = std::io::stdout().lock();
    let mut manifests: HashMap<String, HashMap<String, Vec<String>>> = HashMap::new();
    let (mut scored, mut exact) = (0, 0);
    let mut times = Vec::with_capacity(paths.len());
    for path in &paths {
        let started = Instant::now();
        let read = image::open(path)
            .map_err(|e| e.to_string())
            .map(|img| read_frame(&Frame::from_image(&img), today));
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        times.push(ms);
        let (found, lines, valid, error) = match &read {
            Ok(Some(r)) => (true, r.lines.clone(), r.valid(), None),
            Ok(None) => (false, Vec::new(), false, None),
            Err(e) => (false, Vec::new(), false, Some(e.clone())),
        };
        let lines_json: Vec<String> = lines.iter().map(|l| json_str(l)).collect();
        let mut line = format!(
            "{{\"file\":{},\"found\":{found},\"lines\":[{}],\"valid\":{valid},\"ms\":{ms:.1}",
            json_str(path),
            lines_json.join(",")
        );
        if let Some(e) = error {
            line.push_str(&format!(",\"error\":{}", json_str(&e)));
        }
        line.push('}');
        if writeln!(stdout, "{line}").is_err() {
            return ExitCode::FAILURE;
        }

        let p = Path::new(path);
        let dir = p
            .parent()
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        let manifest = manifests
            .entry(dir.clone())
            .or_insert_with(|| load_manifest(&dir));
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(truth) = manifest.get(&name) {
            scored += 1;
            if *truth == lines {
                exact += 1;
            } else {
                eprintln!("miss {name}:\n  want {truth:?}\n  read {lines:?}");
            }
        }
    }
    if scored > 0 {
        times.sort_by(f64::total_cmp);
        eprintln!(
            "exact {exact}/{scored}; median {:.1} ms, mean {:.1} ms per image",
            times[times.len() / 2],
            times.iter().sum::<f64>() / times.len() as f64
        );
    }
    ExitCode::SUCCESS
}

/// Today's date in UTC, for birth-date centuries.
fn today() -> Date {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0) as i64;
    Date::from_unix_days(days).unwrap_or(Date {
        year: 2026,
        month: 1,
        day: 1,
    })
}

fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `file → truth lines` from `dir/manifest.csv`, if there is one (empty lines dropped; a
/// negative image has none).
fn load_manifest(dir: &str) -> HashMap<String, Vec<String>> {
    let path = Path::new(if dir.is_empty() { "." } else { dir }).join("manifest.csv");
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    let mut rows = text.lines().map(split_csv);
    let Some(header) = rows.next() else {
        return HashMap::new();
    };
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(file), Some(t1), Some(t2), Some(t3)) = (
        col("file"),
        col("truth_line1"),
        col("truth_line2"),
        col("truth_line3"),
    ) else {
        return HashMap::new();
    };
    rows.filter_map(|r| {
        let lines = [t1, t2, t3]
            .iter()
            .filter_map(|&i| r.get(i).filter(|l| !l.is_empty()).cloned())
            .collect();
        Some((r.get(file)?.clone(), lines))
    })
    .collect()
}

/// One CSV record (quotes and doubled quotes; no newlines inside fields).
fn split_csv(line: &str) -> Vec<String> {
    let (mut out, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    out.push(field);
    out
}
