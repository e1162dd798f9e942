//! Webcams through nokhwa (V4L2 on Linux, Media Foundation on Windows, AVFoundation on macOS).
//!
//! `nokhwa::Camera` is not `Send`, and on Windows its COM objects belong to the thread that made
//! them, so each open camera lives on its own thread. That thread keeps dequeuing frames and holds
//! only the newest one: the driver's few buffers would otherwise fill up while the officer is busy
//! and the next scan would see a picture seconds old. Frames are converted to pixels only when
//! asked for, so an idle scan screen costs a dequeue and a copy per frame, not a JPEG decode.

use std::convert::Infallible;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

use nokhwa::pixel_format::RgbFormat;
use nokhwa::utils::{
    ApiBackend, CameraFormat, CameraIndex, FrameFormat, RequestedFormat, RequestedFormatType,
    frame_formats,
};
use nokhwa::{Buffer, NokhwaError};

use crate::error::CameraError;
use crate::frame::{Frame, FrameSource};

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
            .map_err(|e| CameraError::Failed(format!("thread kamera tidak dapat dibuat: {e}")))?;

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
            Err(RecvTimeoutError::Timeout) => Err(CameraError::Failed(
                "kamera tidak menjawab dalam 10 detik".into(),
            )),
            Err(RecvTimeoutError::Disconnected) => Err(CameraError::Failed(
                "driver kamera berhenti saat dibuka".into(),
            )),
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
            return Err(CameraError::Failed(
                "kamera tidak mengirim gambar selama 5 detik".into(),
            ));
        }
        self.last_seq = slot.seq;
        slot.newest
            .take()
            .ok_or_else(|| CameraError::Failed("gambar kamera hilang".into()))
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
                    lock(&shared.slot).failure = Some(map_error(&e, None));
                    shared.fresh.notify_all();
                    return;
                }
                thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

fn open_device(
    index: u32,
    width: u32,
    height: u32,
) -> Result<(nokhwa::Camera, String), CameraError> {
    let fail = |e: NokhwaError| {
        tracing::warn!(index, error = %e, "opening camera failed");
        map_error(&e, Some(index))
    };
    // nokhwa's own `Closest` request only looks at frame rates offered at exactly the requested
    // size (and fails when there are none), so open with any format and choose ourselves.
    let any = RequestedFormat::with_formats(RequestedFormatType::None, frame_formats());
    let mut camera = nokhwa::Camera::new(CameraIndex::Index(index), any).map_err(fail)?;
    match camera.compatible_camera_formats() {
        Ok(formats) => {
            if let Some(best) = choose_format(&formats, width, height)
                && best != camera.camera_format()
            {
                let wanted = [best.format()];
                camera
                    .set_camera_requset(RequestedFormat::with_formats(
                        RequestedFormatType::Exact(best),
                        &wanted,
                    ))
                    .map_err(fail)?;
            }
        }
        Err(e) => tracing::warn!(error = %e, "camera formats unknown; keeping the default"),
    }
    camera.open_stream().map_err(fail)?;
    let format = camera.camera_format();
    let label = format!(
        "Kamera {index}: {} ({}×{} {}, {} fps)",
        camera.info().human_name(),
        format.width(),
        format.height(),
        format.format(),
        format.frame_rate()
    );
    Ok((camera, label))
}

/// The format nearest `width × height`; among equals, the frame rate nearest 30, then the format
/// cheapest to turn into pixels. Size comes first: at arm's length a QR code needs the pixels
/// more than the frame rate.
fn choose_format(formats: &[CameraFormat], width: u32, height: u32) -> Option<CameraFormat> {
    let cost = |f: FrameFormat| match f {
        FrameFormat::MJPEG => 0,
        FrameFormat::YUYV => 1,
        FrameFormat::NV12 => 2,
        FrameFormat::GRAY | FrameFormat::RAWRGB | FrameFormat::RAWBGR => 3,
    };
    formats.iter().copied().min_by_key(|f| {
        let dx = i64::from(f.width()) - i64::from(width);
        let dy = i64::from(f.height()) - i64::from(height);
        (
            dx * dx + dy * dy,
            f.frame_rate().abs_diff(30),
            cost(f.format()),
        )
    })
}

/// What the officer should be told, read from nokhwa's error (it carries the OS error as text).
fn map_error(e: &NokhwaError, index: Option<u32>) -> CameraError {
    let detail = e.to_string();
    let text = detail.to_lowercase();
    let has = |signs: &[&str]| signs.iter().any(|s| text.contains(s));
    // Linux EBUSY; Windows ERROR_BUSY, sharing violation, MF "failed to start streaming" and
    // "device preempted" (Windows prints the HRESULT in hex, whatever the UI language).
    if has(&[
        "device or resource busy",
        "os error 16",
        "0x800700aa",
        "0x80070020",
        "0xc00d3704",
        "0xc00d3e85",
    ]) {
        return CameraError::Busy(detail);
    }
    if let (Some(index), NokhwaError::OpenDeviceError(..)) = (index, e)
        && has(&[
            "no such file",
            "os error 2)",
            "no such device",
            "os error 19",
            "not found",
        ])
    {
        return CameraError::NotFound(index);
    }
    if has(&["permission denied", "os error 13", "0x80070005"]) {
        return CameraError::Failed(
            "akses ke kamera ditolak; izinkan aplikasi memakai kamera di pengaturan privasi".into(),
        );
    }
    match e {
        NokhwaError::GetPropertyError { property, .. } if property == "CameraFormat" => {
            CameraError::Failed(
                "perangkat ini tidak mengirim gambar video yang dikenali; pilih kamera lain".into(),
            )
        }
        NokhwaError::InitializeError { error, .. } if error.contains("fulfill") => {
            CameraError::Failed(
                "perangkat ini tidak mengirim gambar video yang dikenali; pilih kamera lain".into(),
            )
        }
        NokhwaError::ProcessFrameError { .. } => {
            CameraError::Failed("gambar dari kamera rusak berulang kali".into())
        }
        _ => CameraError::Failed(detail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(w: u32, h: u32, f: FrameFormat, fps: u32) -> CameraFormat {
        CameraFormat::new_from(w, h, f, fps)
    }

    #[test]
    fn the_requested_size_wins_over_frame_rate() {
        let formats = [
            fmt(640, 480, FrameFormat::YUYV, 30),
            fmt(1280, 720, FrameFormat::YUYV, 10),
            fmt(1920, 1080, FrameFormat::MJPEG, 30),
        ];
        assert_eq!(
            choose_format(&formats, 1280, 720),
            Some(fmt(1280, 720, FrameFormat::YUYV, 10))
        );
    }

    #[test]
    fn at_the_same_size_30_fps_mjpeg_is_preferred() {
        let formats = [
            fmt(1280, 720, FrameFormat::YUYV, 10),
            fmt(1280, 720, FrameFormat::NV12, 30),
            fmt(1280, 720, FrameFormat::MJPEG, 60),
            fmt(1280, 720, FrameFormat::MJPEG, 30),
        ];
        assert_eq!(
            choose_format(&formats, 1280, 720),
            Some(fmt(1280, 720, FrameFormat::MJPEG, 30))
        );
    }

    #[test]
    fn without_the_requested_size_the_nearest_one_is_taken() {
        let formats = [
            fmt(640, 480, FrameFormat::MJPEG, 30),
            fmt(1024, 768, FrameFormat::MJPEG, 30),
        ];
        assert_eq!(
            choose_format(&formats, 1280, 720),
            Some(fmt(1024, 768, FrameFormat::MJPEG, 30))
        );
        assert_eq!(choose_format(&[], 1280, 720), None);
    }

    #[test]
    fn a_busy_device_is_reported_as_busy() {
        let linux = NokhwaError::SetPropertyError {
            property: "Resolution, FrameFormat".into(),
            value: "1280x720".into(),
            error: "Device or resource busy (os error 16)".into(),
        };
        assert!(matches!(map_error(&linux, Some(0)), CameraError::Busy(_)));
        let windows = NokhwaError::ReadFrameError(
            "The hardware MFT failed to start streaming (0xC00D3704)".into(),
        );
        assert!(matches!(map_error(&windows, Some(0)), CameraError::Busy(_)));
    }

    #[test]
    fn a_missing_device_node_is_reported_as_not_found() {
        let e = NokhwaError::OpenDeviceError(
            "7".into(),
            "V4L2 Error: No such file or directory (os error 2)".into(),
        );
        assert!(matches!(map_error(&e, Some(7)), CameraError::NotFound(7)));
    }
}
