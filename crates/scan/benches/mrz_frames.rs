//! The MRZ reader on camera frames: accuracy and time per frame on synthetic documents at the
//! level of issue #5 (`Level::STATED`) and at the harder one the tests hold it to (`Level::HARD`:
//! ±30°, guilloche, JPEG 40–95), one table. `cargo bench -p loket-scan --bench mrz_frames
//! [-- FRAMES] [stated|hard] [--misses] [--dump DIR] [--seeds A,B,…]` (default 1,000 frames, both levels; `--misses` lists
//! each frame read wrong or not at all on stderr, for tuning). A plain timing loop (no
//! harness); see BENCHMARKS.md.
//!
//! Each frame is 1280×720 (720×1280 for a page turned a quarter, the camera turned with it) of
//! a passport, ID card or older card with a random valid zone in OCR-B, turned to a random
//! quarter-turn ±4°, perspective tilt up to ±0.05, Gaussian blur σ 0.5–1.2, noise σ 2–6, light
//! 50–100%, a glare spot up to 25% strength, caps 16–24 px. `read_frame` is timed alone (the
//! frame is already in memory, as the camera loop has it). The same seed as the test suite's
//! 1,000 frames, so the counts here are the test's.

use std::io::{self, Write};
use std::time::Instant;

use loket_scan::mrz::ocrb::OcrB;
use loket_scan::mrz::{Date, read_frame};
use loket_scan::synth::mrz::{Level, MrzScene, mrz_frame, random_lines};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

const SEED: u64 = 20_261_121;

fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let frames: u64 = args
        .iter()
        .take_while(|a| *a != "--seeds" && *a != "--dump")
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000);
    let misses = args.iter().any(|a| a == "--misses");
    let only = args.iter().find(|a| *a == "stated" || *a == "hard");
    // `--dump DIR`: each missed frame saved as DIR/LEVEL-SEED.png, to look at.
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from);
    // `--seeds 3,17,40`: only these frames (a miss looked at again).
    let picked: Option<Vec<u64>> = args
        .iter()
        .position(|a| a == "--seeds")
        .and_then(|i| args.get(i + 1))
        .map(|list| list.split(',').filter_map(|s| s.parse().ok()).collect());
    let font = OcrB::debian().map_err(io::Error::other)?;
    let today = Date::new(2026, 11, 21).ok_or_else(|| io::Error::other("date"))?;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "| level | frames | exact | of them valid | wrong reads reported valid | nothing found | median ms/frame | p95 ms/frame |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|---|")?;
    for (name, level) in [("stated", Level::STATED), ("hard", Level::HARD)] {
        if only.is_some_and(|o| o != name) {
            continue;
        }
        let (mut exact, mut valid, mut wrong_valid, mut nothing) = (0u64, 0u64, 0u64, 0u64);
        let mut ms = Vec::with_capacity(frames as usize);
        let seeds: Vec<u64> = picked.clone().unwrap_or_else(|| (0..frames).collect());
        for seed in seeds {
            let mut rng = ChaCha8Rng::seed_from_u64(SEED + seed);
            let lines = random_lines(&mut rng);
            let scene = MrzScene::random(&mut rng, &level);
            let frame = mrz_frame(&font, &lines, &scene, SEED + seed);
            let started = Instant::now();
            let read = read_frame(&frame, today);
            ms.push(started.elapsed().as_secs_f64() * 1000.0);
            if let Some(dir) = &dump
                && read.as_ref().is_none_or(|r| r.lines != lines)
            {
                image::GrayImage::from_raw(frame.width, frame.height, frame.luma.clone())
                    .ok_or_else(|| io::Error::other("frame size"))?
                    .save(dir.join(format!("{name}-{seed}.png")))
                    .map_err(io::Error::other)?;
            }
            match read {
                None => {
                    nothing += 1;
                    if misses {
                        eprintln!("{name} {seed}: nothing found ({scene:?})");
                    }
                }
                Some(r) if r.lines == lines => {
                    exact += 1;
                    valid += u64::from(r.valid());
                }
                Some(r) => {
                    wrong_valid += u64::from(r.valid());
                    if misses {
                        eprintln!(
                            "{name} {seed}: read {:?} valid {} for {:?} ({scene:?})",
                            r.lines,
                            r.valid(),
                            lines
                        );
                    }
                }
            }
        }
        let frames = ms.len() as u64;
        ms.sort_by(f64::total_cmp);
        let at = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
        writeln!(
            out,
            "| {name} | {frames} | {exact} ({:.1}%) | {valid} | {wrong_valid} | {nothing} | {:.1} | {:.1} |",
            exact as f64 * 100.0 / frames as f64,
            at(0.5),
            at(0.95)
        )?;
    }
    Ok(())
}
