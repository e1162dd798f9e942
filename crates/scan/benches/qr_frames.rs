//! Reading booking QR codes from camera-like frames: `decode_qr` against `zbarimg` on the same
//! images. `cargo bench -p loket-scan --bench qr_frames` (zbarimg: `zbar-tools`, installed by
//! `bench_deps` in scripts/deps.sh). A plain timing loop (no harness); see BENCHMARKS.md.
//!
//! 200 frames of 1280×720 grey, fixed seed, each a different signed-looking payload (128–137
//! characters, QR error correction M) on a proof held at arm's length: symbol 160–320 px wide,
//! rotated up to ±15°, perspective tilt up to ±0.12, Gaussian blur σ 0.5–1.5, sensor noise
//! σ 2–8 grey levels, paper 150–230 against ink 30–100, uneven light, print around the code.
//! The frames are written as PNG and every decoder reads those same files; `decode_qr` is timed
//! without the PNG decode, zbarimg with everything (process start included), as an officer's PC
//! would run it.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use loket_scan::synth::{self, Scene};
use loket_scan::{Frame, Pass, QrError, decode_qr_passes};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

const N: usize = 200;
const BLANK: usize = 50;
const SEED: u64 = 20_261_126;

struct Row {
    decoder: String,
    hits: String,
    median: String,
    p95: String,
}

fn main() -> io::Result<()> {
    let mut out = io::stdout().lock();
    let dir = tempfile::tempdir()?;
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let mut files = Vec::with_capacity(N);
    for i in 0..N {
        let scene = Scene::random(&mut rng);
        let payload = synth::booking_payload(&mut rng);
        let path = dir.path().join(format!("frame-{i:03}.png"));
        save(
            &synth::camera_frame(&payload, &scene, SEED + i as u64),
            &path,
        )?;
        files.push((path, payload));
    }
    let mut blanks = Vec::with_capacity(BLANK);
    for i in 0..BLANK {
        let path = dir.path().join(format!("blank-{i:03}.png"));
        let scene = Scene::random(&mut rng);
        save(
            &synth::frame_without_code(&scene, SEED + 10_000 + i as u64),
            &path,
        )?;
        blanks.push(path);
    }
    writeln!(
        out,
        "{N} frames 1280×720 (seed {SEED}) + {BLANK} without a code, in {}",
        dir.path().display()
    )?;

    let mut rows = Vec::new();

    // (a) decode_qr on the decoded PNGs.
    let (mut times, mut hits, mut wrong) = (Vec::new(), 0, 0);
    let mut by_pass = [0usize; 3];
    for (path, payload) in &files {
        let frame = load(path)?;
        let start = Instant::now();
        let result = decode_qr_passes(&frame, &Pass::ALL);
        times.push(start.elapsed());
        match result {
            Ok(d) if d.text == *payload => {
                hits += 1;
                by_pass[Pass::ALL.iter().position(|p| *p == d.pass).unwrap_or(0)] += 1;
            }
            Ok(_) => wrong += 1,
            Err(_) => {}
        }
    }
    rows.push(row("decode_qr (loket-scan, rxing)", hits, N, &mut times));
    let passes: Vec<String> = Pass::ALL
        .iter()
        .zip(by_pass)
        .map(|(p, n)| format!("{p:?} {n}"))
        .collect();
    writeln!(
        out,
        "decode_qr: read by pass: {}; wrong text: {wrong}",
        passes.join(", ")
    )?;

    // Each pass alone, to show what the fallbacks add.
    for pass in Pass::ALL {
        let (mut times, mut hits) = (Vec::new(), 0);
        for (path, payload) in &files {
            let frame = load(path)?;
            let start = Instant::now();
            let result = decode_qr_passes(&frame, &[pass]);
            times.push(start.elapsed());
            hits += usize::from(result.is_ok_and(|d| d.text == *payload));
        }
        rows.push(row(
            &format!("  only the {pass:?} pass"),
            hits,
            N,
            &mut times,
        ));
    }

    // Frames without a code: every pass runs, the worst case for a live camera loop.
    let (mut times, mut quiet) = (Vec::new(), 0);
    for path in &blanks {
        let frame = load(path)?;
        let start = Instant::now();
        let result = decode_qr_passes(&frame, &Pass::ALL);
        times.push(start.elapsed());
        quiet += usize::from(matches!(result, Err(QrError::NotFound)));
    }
    let mut blank_row = row("decode_qr, no code in frame", quiet, BLANK, &mut times);
    blank_row.hits = format!("{quiet}/{BLANK} NotFound");
    rows.push(blank_row);

    // (b) zbarimg, one process per frame and one process for all frames.
    match zbarimg_version() {
        Ok(version) => {
            let (mut times, mut hits) = (Vec::new(), 0);
            for (path, payload) in &files {
                let start = Instant::now();
                let output = Command::new("zbarimg")
                    .args(["--quiet", "--raw"])
                    .arg(path)
                    .stderr(Stdio::null())
                    .output()?;
                times.push(start.elapsed());
                let text = String::from_utf8_lossy(&output.stdout);
                hits += usize::from(text.lines().any(|l| l == payload));
            }
            rows.push(row(
                &format!("zbarimg {version}, per file"),
                hits,
                N,
                &mut times,
            ));

            let start = Instant::now();
            let output = Command::new("zbarimg")
                .args(["--quiet", "--raw"])
                .args(files.iter().map(|(p, _)| p))
                .stderr(Stdio::null())
                .output()?;
            let per_frame = start.elapsed() / N as u32;
            let text = String::from_utf8_lossy(&output.stdout);
            let batched = files
                .iter()
                .filter(|(_, payload)| text.lines().any(|l| l == payload))
                .count();
            rows.push(Row {
                decoder: format!("zbarimg {version}, one process, total ÷ {N}"),
                hits: format!("{batched}/{N}"),
                median: format!("{:.1}", ms(per_frame)),
                p95: "—".into(),
            });
        }
        Err(why) => writeln!(out, "zbarimg skipped: {why}")?,
    }

    writeln!(out)?;
    writeln!(out, "| decoder | hit rate | median ms | p95 ms |")?;
    writeln!(out, "|---|---|---|---|")?;
    for r in rows {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            r.decoder, r.hits, r.median, r.p95
        )?;
    }
    Ok(())
}

fn save(frame: &Frame, path: &Path) -> io::Result<()> {
    image::GrayImage::from_raw(frame.width, frame.height, frame.luma.clone())
        .ok_or_else(|| io::Error::other("frame size mismatch"))?
        .save(path)
        .map_err(io::Error::other)
}

fn load(path: &PathBuf) -> io::Result<Frame> {
    let image = image::open(path).map_err(io::Error::other)?;
    Ok(Frame::from_image(&image))
}

fn zbarimg_version() -> Result<String, String> {
    match Command::new("zbarimg").arg("--version").output() {
        Ok(o) if o.status.success() => Ok(String::from_utf8_lossy(&o.stdout).trim().to_owned()),
        Ok(o) => Err(format!("`zbarimg --version` exited with {}", o.status)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(
            "zbarimg is not installed (Debian package zbar-tools; `bench_deps` in scripts/deps.sh)"
                .into(),
        ),
        Err(e) => Err(format!("zbarimg could not be started: {e}")),
    }
}

fn row(decoder: &str, hits: usize, n: usize, times: &mut [Duration]) -> Row {
    times.sort();
    let p95 = times[(times.len() * 95).div_ceil(100).saturating_sub(1)];
    Row {
        decoder: decoder.into(),
        hits: format!("{hits}/{n}"),
        median: format!("{:.1}", ms(times[times.len() / 2])),
        p95: format!("{:.1}", ms(p95)),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
