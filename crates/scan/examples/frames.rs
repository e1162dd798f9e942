//! Debugging the camera path without the app: list cameras, or grab frames from a camera or from
//! image files and print the QR text each one gives.
//!
//! ```text
//! cargo run -p loket-scan --example frames -- --list
//! cargo run -p loket-scan --example frames -- --camera 0 --count 30 [--size 1280x720]
//! cargo run -p loket-scan --example frames -- --files a.png b.png [--count 4]
//! ```

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use loket_scan::{Camera, FileFrames, FrameSource, decode_qr, list_cameras};

const USAGE: &str = "pemakaian: frames --list | --camera N [--count K] [--size WxH] | \
                     --files a.png b.png [--count K]";

#[derive(Debug)]
enum Source {
    List,
    Camera(u32),
    Files(Vec<PathBuf>),
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let _ = writeln!(io::stderr(), "{message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut source = None;
    let mut count = None;
    let (mut width, mut height) = (1280, 720);
    let mut args = std::env::args().skip(1).peekable();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--list" => source = Some(Source::List),
            "--camera" => {
                let n = args.next().and_then(|v| v.parse().ok()).ok_or(USAGE)?;
                source = Some(Source::Camera(n));
            }
            "--files" => {
                let mut files = Vec::new();
                while let Some(f) = args.next_if(|a| !a.starts_with("--")) {
                    files.push(PathBuf::from(f));
                }
                source = Some(Source::Files(files));
            }
            "--count" => count = Some(args.next().and_then(|v| v.parse().ok()).ok_or(USAGE)?),
            "--size" => {
                let size = args.next().ok_or(USAGE)?;
                let (w, h) = size.split_once('x').ok_or(USAGE)?;
                (width, height) = (w.parse().map_err(|_| USAGE)?, h.parse().map_err(|_| USAGE)?);
            }
            _ => return Err(USAGE.into()),
        }
    }

    let mut out = io::stdout().lock();
    let mut frames: Box<dyn FrameSource> = match source.ok_or(USAGE)? {
        Source::List => {
            let cameras = list_cameras().map_err(|e| e.to_string())?;
            if cameras.is_empty() {
                writeln!(out, "Tidak ada kamera yang terhubung ke PC ini.").map_err(io_error)?;
            }
            for c in cameras {
                writeln!(out, "{}: {} ({})", c.index, c.name, c.description).map_err(io_error)?;
            }
            return Ok(());
        }
        Source::Camera(index) => {
            count = count.or(Some(30));
            Box::new(Camera::open(index, width, height).map_err(|e| e.to_string())?)
        }
        Source::Files(files) => {
            count = count.or(Some(files.len()));
            Box::new(FileFrames::open(files).map_err(|e| e.to_string())?)
        }
    };

    writeln!(out, "{}", frames.describe()).map_err(io_error)?;
    for i in 1..=count.unwrap_or(1) {
        let frame = frames.next_frame().map_err(|e| e.to_string())?;
        let start = Instant::now();
        let result = decode_qr(&frame);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let line = match result {
            Ok(text) => format!("QR: {text}"),
            Err(e) => e.to_string(),
        };
        writeln!(
            out,
            "{i:>3} {}×{} {ms:5.1} ms  {line}",
            frame.width, frame.height
        )
        .map_err(io_error)?;
    }
    Ok(())
}

fn io_error(e: io::Error) -> String {
    e.to_string()
}
