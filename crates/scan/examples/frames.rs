//! Debugging the camera path without the app: list cameras, or grab frames from a camera or from
//! image files and print the QR text each one gives, or with `--mrz` the passport zone each frame
//! reads and when the stream accepts it (two agreeing valid frames, as the app does).
//!
//! ```text
//! cargo run -p loket-scan --example frames -- --list
//! cargo run -p loket-scan --example frames -- --camera 0 --count 30 [--size 1280x720] [--mrz]
//! cargo run -p loket-scan --example frames -- --files a.png b.png [--count 4] [--mrz]
//! ```

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use loket_scan::mrz::{Date, MrzStream, read_frame};
use loket_scan::{Camera, FileFrames, Frame, FrameSource, decode_qr, list_cameras};

const USAGE: &str = "pemakaian: frames --list | --camera N [--count K] [--size WxH] [--mrz] | \
                     --files a.png b.png [--count K] [--mrz]";

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
    let mut mrz = false;
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
            "--mrz" => mrz = true,
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
    let mut stream = MrzStream::default();
    for i in 1..=count.unwrap_or(1) {
        let frame = frames.next_frame().map_err(|e| e.to_string())?;
        let start = Instant::now();
        let line = if mrz {
            read_zone(&frame, &mut stream)
        } else {
            match decode_qr(&frame) {
                Ok(text) => format!("QR: {text}"),
                Err(e) => e.to_string(),
            }
        };
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        writeln!(
            out,
            "{i:>3} {}×{} {ms:5.1} ms  {line}",
            frame.width, frame.height
        )
        .map_err(io_error)?;
    }
    Ok(())
}

/// One frame through the passport reader and the stream: the lines, whether they are valid, and
/// whether this frame completed an agreeing run.
fn read_zone(frame: &Frame, stream: &mut MrzStream) -> String {
    // Birth-date centuries need a today: the system clock's, in UTC.
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    let today = Date::from_unix_days(days).unwrap_or(Date {
        year: 2026,
        month: 1,
        day: 1,
    });
    let read = read_frame(frame, today);
    let accepted = stream.push(read.as_ref());
    match (read, accepted) {
        (None, _) => "MRZ: tidak ditemukan".into(),
        (Some(r), Some(_)) => format!(
            "MRZ diterima ({} bingkai sama): {}",
            stream.needed(),
            r.lines.join(" / ")
        ),
        (Some(r), None) => format!(
            "MRZ {}: {}",
            if r.valid() { "sah" } else { "belum sah" },
            r.lines.join(" / ")
        ),
    }
}

fn io_error(e: io::Error) -> String {
    e.to_string()
}
