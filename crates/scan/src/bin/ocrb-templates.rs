//! Generate the embedded OCR-B template table from Debian's `fonts-ocr-b`.
//!
//! ```text
//! cargo run -p loket-scan --features templates-tool --bin ocrb-templates -- \
//!     crates/scan/src/mrz/ocrb_templates.bin [FONT.otf]
//! ```
//! The output depends only on the font file: rerunning gives the same bytes.

use std::io::Write;
use std::process::ExitCode;

use loket_scan::mrz::{ocrb::OcrB, templates};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first() else {
        eprintln!("usage: ocrb-templates OUT.bin [FONT.otf]");
        return ExitCode::from(2);
    };
    let font = match args.get(1) {
        Some(path) => OcrB::load(path),
        None => OcrB::debian(),
    };
    let font = match font {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let table = templates::generate(&font);
    if let Err(e) = std::fs::write(out, &table) {
        eprintln!("{out}: {e}");
        return ExitCode::FAILURE;
    }
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{out}: {} bytes", table.len());
    ExitCode::SUCCESS
}
