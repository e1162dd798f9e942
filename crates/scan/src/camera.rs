//! Webcams through nokhwa (V4L2 on Linux, Media Foundation on Windows, AVFoundation on macOS).
//!
//! `nokhwa::Camera` is not `Send` (its Windows objects belong to the thread that made them), so
//! each open camera lives on its own thread. That thread keeps dequeuing frames and holds only the
//! newest one: the driver's few buffers would otherwise fill up while the officer is busy and the
//! next scan would see a picture seconds old. Frames are converted to pixels only when asked for,
//! so an idle scan screen costs a dequeue and a copy per frame, not a JPEG decode.
//!
//! Only the V4L2 path has run here (on a machine without cameras). nokhwa's Windows backend calls
//! `CoInitializeEx` once per process, on whichever thread first touches a camera, so a camera
//! opened later on another thread depends on Media Foundation working without it: check on a
//! counter PC before relying on it.

use std::convert::Infallible;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

use loket_domain::text;
use nokhwa::Buffer;
use nokhwa::pixel_format::RgbFormat;
use nokhwa::utils::ApiBackend;

use crate::error::CameraError;
use crate::frame::{Frame, FrameSource};

mod driver;
use driver::{map_error, open_device};

/// Media Foundation can take seconds to activate a device; V4L2 takes milliseconds.
const OPEN_TIMEOUT: Duration = Duration::from_secs(10);
/// A working camera sends several frames a second; five seconds of silence means it is gone.
const FRAME_TIMEOUT: Duration = Duration::from_secs(5);
/// How long closing waits for the device to be released before leaving the thread to finish alone.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(2);
/// Consecutive capture failures after which the camera counts as unplugged (about one second).
const MAX_CAPTURE_FAILURES: u32 = 20;
/// Cheap webcams send the odd corrupt MJPEG frame, most often right after the stream starts.
const MAX_CORRUPT_FRAMES: u32 = 3;

/// A camera the operating system knows about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CameraInfo {
    /// The number to pass to [`Camera::open`].
    pub index: u32,
    pub name: String,
    pub description: String,
}

/// The cameras attached to this PC; empty, not an error, when there are none.
///
/// On Linux every `/dev/video*` node is listed, and a UVC webcam usually has two: the second is
/// a metadata node that [`Camera::open`] rejects with a clear message.
pub fn list_cameras() -> Result<Vec<CameraInfo>, CameraError> {
    let devices = nokhwa::query(ApiBackend::Auto).map_err(|e| map_error(&e, None))?;
    Ok(devices
        .iter()
        .filter_map(|d| {
            Some(CameraInfo {
                index: d.index().as_index().ok()?,
                name: d.human_name(),
                description: d.description().to_string(),
            })
        })
        .collect())
}

/// An open webcam, streaming until dropped.
pub struct Camera {
    index: u32,
    label: String,
    shared: Arc<Shared>,
    last_seq: u64,
    /// Disconnects when the capture thread has released the device; nothing is ever sent.
    finished: mpsc::Receiver<Infallible>,
    worker: Option<thread::JoinHandle<()>>,
}

#[derive(Default)]
struct Shared {
    slot: Mutex<Slot>,
    fresh: Condvar,
    stop: AtomicBool,
}

#[derive(Default)]
struct Slot {
    seq: u64,
    newest: Option<Buffer>,
    failure: Option<CameraError>,
}

impl fmt::Debug for Camera {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Camera")
            .field("index", &self.index)
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

impl Camera {
    /// Opens camera `index` at the format closest to `width × height` (30 fps preferred) and
    /// starts streaming.
    pub fn open(index: u32, width: u32, height: u32) -> Result<Camera, CameraError> {
        // Asking the system first gives the officer "no camera" / "not this camera" instead of a
        // driver message; if the query itself fails, opening will say why.
        match list_cameras() {
            Ok(cameras) if cameras.is_empty() => return Err(CameraError::NoCamera),
            Ok(cameras) if !cameras.iter().any(|c| c.index == index) => {
                return Err(CameraError::NotFound(index));
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = ?e, "listing cameras failed; opening anyway"),
        }

        let shared = Arc::new(Shared::default());
        let (ready_tx, ready_rx) = mpsc::sync_channel(1);
        let (finished_tx, finished_rx) = mpsc::channel::<Infallible>();
        let worker_shared = Arc::clone(&shared);
        let worker = thread::Builder::new()
            .name(format!("loket-camera-{index}"))
            .spawn(move || {
                // Declared first so it is dropped last, after the device.
                let _finished = finished_tx;
                match open_device(index, width, height) {
                    Ok((camera, label)) => {
                        if ready_tx.send(Ok(label)).is_ok() {
                            capture(camera, &worker_shared);
                        }
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                    }
                }
            })
            .map_err(|e| {
                CameraError::Failed(text!(
                    "thread kamera tidak dapat dibuat: {e}",
                    "the camera thread cannot be started: {e}"
                ))
            })?;

        let mut camera = Camera {
            index,
            label: format!("Kamera {index}"),
            shared,
            last_seq: 0,
            finished: finished_rx,
            worker: Some(worker),
        };
        match ready_rx.recv_timeout(OPEN_TIMEOUT) {
            Ok(Ok(label)) => {
                tracing::info!(camera = %label, "camera opened");
                camera.label = label;
                Ok(camera)
            }
            Ok(Err(e)) => Err(e),
            Err(RecvTimeoutError::Timeout) => Err(CameraError::Failed(text!(
                "kamera tidak menjawab dalam 10 detik",
                "the camera did not answer within 10 seconds"
            ))),
            Err(RecvTimeoutError::Disconnected) => Err(CameraError::Failed(text!(
                "driver kamera berhenti saat dibuka",
                "the camera driver stopped while opening"
            ))),
        }
    }
}

impl FrameSource for Camera {
    /// The newest frame the camera sent after the previous call; waits for one if needed.
    fn next_frame(&mut self) -> Result<Frame, CameraError> {
        let mut corrupt = 0;
        loop {
            let buffer = self.wait_for_newer()?;
            match buffer.decode_image::<RgbFormat>() {
                Ok(rgb) => return Ok(Frame::from_rgb(rgb.width(), rgb.height(), rgb.into_raw())),
                Err(e) if corrupt + 1 < MAX_CORRUPT_FRAMES => {
                    corrupt += 1;
                    tracing::debug!(error = %e, "skipping a corrupt camera frame");
                }
                Err(e) => return Err(map_error(&e, Some(self.index))),
            }
        }
    }

    fn describe(&self) -> String {
        self.label.clone()
    }
}

impl Camera {
    fn wait_for_newer(&mut self) -> Result<Buffer, CameraError> {
        let last = self.last_seq;
        let slot = lock(&self.shared.slot);
        let (mut slot, wait) = self
            .shared
            .fresh
            .wait_timeout_while(slot, FRAME_TIMEOUT, |s| {
                s.seq == last && s.failure.is_none()
            })
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(failure) = &slot.failure {
            return Err(failure.clone());
        }
        if wait.timed_out() {
            return Err(CameraError::Failed(text!(
                "kamera tidak mengirim gambar selama 5 detik",
                "the camera sent no image for 5 seconds"
            )));
        }
        self.last_seq = slot.seq;
        slot.newest.take().ok_or_else(|| {
            CameraError::Failed(text!("gambar kamera hilang", "the camera image was lost"))
        })
    }
}

impl Drop for Camera {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        // Waiting lets a camera be reopened at once (the device is free again); the bound keeps a
        // hung driver from freezing the window.
        match self.finished.recv_timeout(CLOSE_TIMEOUT) {
            Err(RecvTimeoutError::Disconnected) => {
                if let Some(worker) = self.worker.take()
                    && worker.join().is_err()
                {
                    // nokhwa's own Drop unwraps `stop_stream`; on this thread that cannot take
                    // the app down, it is only logged.
                    tracing::warn!(camera = %self.label, "camera thread panicked while closing");
                }
            }
            Err(RecvTimeoutError::Timeout) => {
                tracing::warn!(camera = %self.label, "camera did not stop in time; left closing");
            }
            Ok(never) => match never {},
        }
    }
}

fn lock(slot: &Mutex<Slot>) -> MutexGuard<'_, Slot> {
    slot.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs on the camera's thread until the `Camera` is dropped or the device stops answering.
fn capture(mut camera: nokhwa::Camera, shared: &Shared) {
    let mut failures = 0;
    while !shared.stop.load(Ordering::Relaxed) {
        match camera.frame() {
            Ok(buffer) => {
                failures = 0;
                let mut slot = lock(&shared.slot);
                slot.seq += 1;
                slot.newest = Some(buffer);
                drop(slot);
                shared.fresh.notify_all();
            }
            Err(e) => {
                failures += 1;
                if failures >= MAX_CAPTURE_FAILURES {
                    tracing::warn!(error = %e, "camera stopped sending frames");
                    let failure = match map_error(&e, None) {
                        busy @ CameraError::Busy(_) => busy,
                        _ => CameraError::Failed(text!(
                            "kamera terputus atau berhenti mengirim gambar",
                            "the camera was disconnected or stopped sending images"
                        )),
                    };
                    lock(&shared.slot).failure = Some(failure);
                    shared.fresh.notify_all();
                    return;
                }
                thread::sleep(Duration::from_millis(50));
            }
        }
    }
}
