//! A validation set for the MRZ reader: synthetic camera frames of passport, ID and visa pages at
//! the hard level (any quarter-turn ±30°, perspective, guilloche under the zone, printed fields
//! and a photo around it, blur, noise, glare, JPEG 40–95), plus pages without a zone, written as
//! PNG files with a `manifest.csv` in the format `scripts/bench-mrz.sh` scores.
//!
//! ```text
//! cargo run --release -p loket-scan --features synth --bin mrz-pages -- OUT_DIR [COUNT]
//! ```
//! The seed is fixed and is never used by the tests, the tuning or the training data, so the
//! figures on this set are held out.

use std::io::Write;
use std::process::ExitCode;

use image::{GrayImage, ImageFormat};
use loket_scan::mrz::ocrb::OcrB;
use loket_scan::synth::mrz::{Level, MrzScene, mrz_frame, random_lines, random_visa_lines};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The validation seed: used here and nowhere else.
const SEED: u64 = 13_013_013;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: mrz-pages OUT_DIR [COUNT]");
        return ExitCode::from(2);
    };
    let count: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(200);
    let font = match OcrB::debian() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("{dir}: {e}");
        return ExitCode::FAILURE;
    }
    let mut manifest = String::from("file,doc_format,truth_line1,truth_line2,truth_line3\n");
    for i in 0..count {
        let mut rng = ChaCha8Rng::seed_from_u64(SEED + i);
        // One page in ten has no zone at all (the visa's facing page, a card's front), one in
        // ten is a visa (MRV-A or MRV-B), the rest passports and cards (TD3, TD1, TD2).
        let lines = match rng.random_range(0..10) {
            0 => Vec::new(),
            1 => random_visa_lines(&mut rng),
            _ => random_lines(&mut rng),
        };
        let scene = MrzScene::random(&mut rng, &Level::HARD);
        let frame = mrz_frame(&font, &lines, &scene, SEED + i);
        let file = format!("val-{i:04}.png");
        let Some(img) = GrayImage::from_raw(frame.width, frame.height, frame.luma) else {
            eprintln!("{file}: frame size");
            return ExitCode::FAILURE;
        };
        if let Err(e) = img.save_with_format(format!("{dir}/{file}"), ImageFormat::Png) {
            eprintln!("{file}: {e}");
            return ExitCode::FAILURE;
        }
        let visa = lines.first().is_some_and(|l| l.starts_with('V'));
        let format = match (lines.len(), lines.first().map_or(0, String::len)) {
            (0, _) => "none",
            (3, _) => "TD1",
            (_, 36) if visa => "MRV-B",
            (_, 36) => "TD2",
            _ if visa => "MRV-A",
            _ => "TD3",
        };
        let cell = |k: usize| lines.get(k).cloned().unwrap_or_default();
        manifest.push_str(&format!(
            "{file},{format},{},{},{}\n",
            cell(0),
            cell(1),
            cell(2)
        ));
    }
    if let Err(e) = std::fs::write(format!("{dir}/manifest.csv"), manifest) {
        eprintln!("{dir}/manifest.csv: {e}");
        return ExitCode::FAILURE;
    }
    let _ = writeln!(std::io::stdout().lock(), "{dir}: {count} pages");
    ExitCode::SUCCESS
}
