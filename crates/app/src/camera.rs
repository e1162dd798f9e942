//! The webcam scanning loop: frames from a camera (or from image files standing in for one) are read
//! on their own thread, every frame is searched for a QR code, and a small JPEG preview is kept for
//! the window. The window polls [`CameraScan::snapshot`]; a decoded text goes through the same
//! [`Loket::scan_proof`](crate::Loket::scan_proof) as a USB scanner's.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use loket_scan::{Camera, CameraError, FileFrames, FrameSource, decode_qr, list_cameras};

use crate::error::AppError;
use crate::view::{CameraSnapshot, CameraView};

/// Where frames come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CameraSource {
    /// A webcam by its system index.
    Webcam(u32),
    /// Image files played in a loop, for machines without a camera and for end-to-end tests.
    Files(Vec<PathBuf>),
}

fn camera_error(e: CameraError) -> AppError {
    let code = match e {
        CameraError::NoCamera => "camera.none",
        CameraError::Busy(_) => "camera.busy",
        CameraError::NotFound(_) => "camera.not_found",
        CameraError::Failed(_) | CameraError::File { .. } => "camera.failed",
    };
    AppError::rejected(code, e)
}

/// The cameras of this PC for the settings screen; empty when there are none.
pub fn cameras() -> Result<Vec<CameraView>, AppError> {
    Ok(list_cameras()
        .map_err(camera_error)?
        .into_iter()
        .map(|c| CameraView {
            index: c.index,
            name: c.name,
        })
        .collect())
}

#[derive(Debug, Default)]
struct Latest {
    preview: Option<String>,
    frames: u32,
    decoded: Option<String>,
    decoded_count: u32,
    error: Option<String>,
}

/// A running scanning loop. Dropping it stops the thread and releases the camera.
#[derive(Debug)]
pub struct CameraScan {
    latest: Arc<Mutex<Latest>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    source: String,
}

/// Frames per second the loop aims at: enough for a live preview, light on two cores.
const FPS: u64 = 12;

impl CameraScan {
    /// Opens the source and starts reading. Opening happens here, so "no camera" or "busy" is an
    /// answer to the click, not a silent dead preview.
    pub fn start(source: &CameraSource) -> Result<CameraScan, AppError> {
        let mut frames: Box<dyn FrameSource> = match source {
            CameraSource::Webcam(i) => Box::new(Camera::open(*i, 1280, 720).map_err(camera_error)?),
            CameraSource::Files(paths) => {
                Box::new(FileFrames::open(paths.clone()).map_err(camera_error)?)
            }
        };
        let described = frames.describe();
        let latest = Arc::new(Mutex::new(Latest::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (l, s) = (Arc::clone(&latest), Arc::clone(&stop));
        let thread = std::thread::Builder::new()
            .name("loket-camera".into())
            .spawn(move || run(&mut *frames, &l, &s))
            .map_err(|e| AppError::Internal(format!("thread kamera: {e}")))?;
        tracing::info!(source = %described, "camera scanning started");
        Ok(CameraScan {
            latest,
            stop,
            thread: Some(thread),
            source: described,
        })
    }

    /// The newest preview and the newest decoded text.
    pub fn snapshot(&self) -> CameraSnapshot {
        let l = self.latest.lock().unwrap_or_else(|p| p.into_inner());
        CameraSnapshot {
            source: self.source.clone(),
            preview: l.preview.clone(),
            frames: l.frames,
            decoded: l.decoded.clone(),
            decoded_count: l.decoded_count,
            error: l.error.clone(),
        }
    }
}

impl Drop for CameraScan {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(frames: &mut dyn FrameSource, latest: &Mutex<Latest>, stop: &AtomicBool) {
    let period = Duration::from_millis(1000 / FPS);
    while !stop.load(Ordering::Relaxed) {
        let started = Instant::now();
        match frames.next_frame() {
            Ok(frame) => {
                let decoded = decode_qr(&frame).ok();
                let preview = frame
                    .to_jpeg(70)
                    .ok()
                    .map(|j| format!("data:image/jpeg;base64,{}", STANDARD.encode(j)));
                let mut l = latest.lock().unwrap_or_else(|p| p.into_inner());
                l.frames = l.frames.wrapping_add(1);
                l.error = None;
                if preview.is_some() {
                    l.preview = preview;
                }
                if let Some(text) = decoded {
                    l.decoded = Some(text);
                    l.decoded_count = l.decoded_count.wrapping_add(1);
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "camera frame failed");
                latest.lock().unwrap_or_else(|p| p.into_inner()).error = Some(e.to_string());
                // A camera that went away keeps failing; do not spin on it.
                std::thread::sleep(Duration::from_millis(500));
            }
        }
        if let Some(rest) = period.checked_sub(started.elapsed()) {
            std::thread::sleep(rest);
        }
    }
}
