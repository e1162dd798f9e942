//! Training data for the learned MRZ recogniser: character cells cut from degraded synthetic
//! lines exactly as the recogniser cuts them, each with its class.
//!
//! ```text
//! cargo run --release -p loket-scan --features synth --bin mrz-glyphs -- OUT.bin LINES SEED
//! ```
//! Output: magic `MRZG`, version 1, cell width and height (u8 each), then per cell its class
//! (u8: 0–36 the MRZ alphabet in order, 37 not a character) and its prepared ink levels
//! (`net::prepare`, as u8 0–255). The same `LINES` and `SEED` give the same bytes.
//! `scripts/train-mrz.sh` calls it for the training set and, with another seed, for the
//! held-out set the confusion is reported on.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use loket_scan::mrz::net::{NOT_A_CHAR, prepare};
use loket_scan::mrz::ocrb::OcrB;
use loket_scan::mrz::templates::{ALPHABET, CELL_H, CELL_W};
use loket_scan::mrz::{CellBox, GrayView, ink_cells};
use loket_scan::synth::glyphs::degraded_line;
use loket_scan::synth::mrz::random_lines;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(lines), Some(seed)) = (
        args.first(),
        args.get(1).and_then(|s| s.parse::<u64>().ok()),
        args.get(2).and_then(|s| s.parse::<u64>().ok()),
    ) else {
        eprintln!("usage: mrz-glyphs OUT.bin LINES SEED");
        return ExitCode::from(2);
    };
    // Debian's OCR-B in its regular cut, its sharp-cornered cut (another maker's rendering of
    // the same shapes) and, now and then, its oblique one (a zone seen slanted).
    let faces: Result<Vec<OcrB>, String> = FACES
        .iter()
        .map(|f| OcrB::load(&format!("{FONT_DIR}/{f}")))
        .collect();
    let faces = match faces {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()) as u64;
    let per = lines.div_ceil(threads);
    let parts: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let faces = &faces;
                let count = per.min(lines.saturating_sub(t * per));
                s.spawn(move || cells(faces, count, seed.wrapping_mul(1000) + t))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let file = match std::fs::File::create(out) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{out}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut w = BufWriter::new(file);
    let mut total = 0;
    let mut write = || -> std::io::Result<()> {
        w.write_all(b"MRZG")?;
        w.write_all(&[1, CELL_W as u8, CELL_H as u8])?;
        for p in &parts {
            w.write_all(p)?;
            total += p.len() / (1 + CELL_W * CELL_H);
        }
        w.flush()
    };
    if let Err(e) = write() {
        eprintln!("{out}: {e}");
        return ExitCode::FAILURE;
    }
    let _ = writeln!(
        std::io::stdout().lock(),
        "{out}: {total} cells from {lines} lines"
    );
    ExitCode::SUCCESS
}

const FONT_DIR: &str = "/usr/share/fonts/opentype/ocr-b";
const FACES: [&str; 3] = ["OCRB.otf", "OCRBS.otf", "OCRBL.otf"];

/// The cells of `count` lines, serialised.
fn cells(faces: &[OcrB], count: u64, seed: u64) -> Vec<u8> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = Vec::new();
    let alphabet = ALPHABET.as_bytes();
    for _ in 0..count {
        // Half the lines are real zones' lines (their fillers and digits as often as zones
        // have them), half are random characters (every letter as often as any other).
        let text: String = if rng.random_bool(0.5) {
            let zone = random_lines(&mut rng);
            zone[rng.random_range(0..zone.len())].clone()
        } else {
            let n = [30, 36, 44][rng.random_range(0..3)];
            (0..n)
                .map(|_| char::from(alphabet[rng.random_range(0..alphabet.len())]))
                .collect()
        };
        let face = match rng.random_range(0..10) {
            0..6 => 0,
            6..9 => 1,
            _ => 2,
        };
        let line = degraded_line(&faces[face.min(faces.len() - 1)], &text, &mut rng);
        let mut boxes = Vec::new();
        let mut labels = Vec::new();
        for (k, b) in line.boxes.iter().enumerate() {
            // Where the recogniser's grid puts a cell is off by a little (pitch, band,
            // perspective): the cells are cut as far off as it gets them.
            let j = |rng: &mut ChaCha8Rng, s: f32| (rng.random::<f32>() - 0.5) * 2.0 * s;
            let cap = b.cap * (1.0 + j(&mut rng, 0.07));
            boxes.push(CellBox {
                left: b.left + j(&mut rng, 0.14) * b.pitch,
                pitch: b.pitch * (1.0 + j(&mut rng, 0.06)),
                top: b.top + j(&mut rng, 0.09) * b.cap,
                cap,
            });
            labels.push(
                alphabet
                    .iter()
                    .position(|&c| c == text.as_bytes()[k])
                    .unwrap_or(36) as u8,
            );
            // Not a character: a cell astride two characters, or off the line.
            if rng.random_bool(0.12) {
                let off = if rng.random_bool(0.6) {
                    CellBox {
                        left: b.left + rng.random_range(0.4..0.6) * b.pitch,
                        ..*b
                    }
                } else {
                    let side = if rng.random_bool(0.5) { 1.0 } else { -1.0 };
                    CellBox {
                        top: b.top + side * rng.random_range(0.8..1.0) * b.cap,
                        ..*b
                    }
                };
                boxes.push(off);
                labels.push(NOT_A_CHAR as u8);
            }
        }
        // The paper beside the line.
        if let Some(first) = line.boxes.first()
            && first.left > first.pitch
        {
            boxes.push(CellBox {
                left: first.left - first.pitch * rng.random_range(1.0..1.2),
                ..*first
            });
            labels.push(NOT_A_CHAR as u8);
        }
        let img = GrayView {
            width: line.width,
            height: line.height,
            pixels: &line.pixels,
        };
        for (cell, label) in ink_cells(img, &boxes).iter().zip(labels) {
            out.push(label);
            out.extend(
                prepare(cell)
                    .iter()
                    .map(|v| (v * 255.0).round().clamp(0.0, 255.0) as u8),
            );
        }
    }
    out
}
