//! The webcam scanning loop: frames from a camera (or from image files standing in for one) are read
//! on their own thread and a small JPEG preview is kept for the window, which polls
//! [`CameraScan::snapshot`]. In [`ScanMode::Qr`] every frame is searched for a QR code, and a decoded
//! text goes through the same [`Loket::scan_proof`](crate::Loket::scan_proof) as a USB scanner's.
//! In [`ScanMode::Passport`] every frame goes through the MRZ reader, and a passport is accepted
//! once consecutive frames agree on it ([`MrzStream`]).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{Datelike, NaiveDate};
use loket_domain::{OldPassport, PassportFields, Sex};
use loket_scan::mrz::{self, Mrz, MrzStream};
use loket_scan::{Camera, CameraError, FileFrames, Frame, FrameSource, decode_qr, list_cameras};

use crate::counter::renewal::read_view;
use crate::error::AppError;
use crate::view::{CameraSnapshot, CameraView, PassportProgress, PassportRead, ScanKind};
use loket_domain::{Bilingual, Text};

/// Where frames come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CameraSource {
    /// A webcam by its system index.
    Webcam(u32),
    /// Image files played in a loop, for machines without a camera and for end-to-end tests.
    Files(Vec<PathBuf>),
}

/// What each frame is searched for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanMode {
    /// A booking proof's QR code.
    Qr,
    /// A passport's machine-readable zone. `today` is the office-local date, which settles the
    /// century of birth dates printed with two digits.
    Passport { today: NaiveDate },
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
    error: Option<Text>,
    passport: Option<PassportRead>,
    passport_count: u32,
    passport_problem: Option<Text>,
    progress: Option<PassportProgress>,
}

/// A running scanning loop. Dropping it stops the thread and releases the camera.
#[derive(Debug)]
pub struct CameraScan {
    latest: Arc<Mutex<Latest>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    source: String,
    mode: ScanMode,
}

/// Frames per second the loop aims at: enough for a live preview, light on two cores. Reading a
/// passport's zone takes longer than a frame's share of that; the loop then simply goes as fast as
/// the reader does, one frame after the other.
const FPS: u64 = 12;

impl CameraScan {
    /// Opens the source and starts reading. Opening happens here, so "no camera" or "busy" is an
    /// answer to the click, not a silent dead preview.
    pub fn start(source: &CameraSource, mode: ScanMode) -> Result<CameraScan, AppError> {
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
            .spawn(move || run(&mut *frames, mode, &l, &s))
            .map_err(|e| AppError::Internal(format!("thread kamera: {e}")))?;
        tracing::info!(source = %described, ?mode, "camera scanning started");
        Ok(CameraScan {
            latest,
            stop,
            thread: Some(thread),
            source: described,
            mode,
        })
    }

    /// The newest preview and the newest decoded text or accepted passport.
    pub fn snapshot(&self) -> CameraSnapshot {
        let l = self.latest.lock().unwrap_or_else(|p| p.into_inner());
        CameraSnapshot {
            source: self.source.clone(),
            preview: l.preview.clone(),
            frames: l.frames,
            decoded: l.decoded.clone(),
            decoded_count: l.decoded_count,
            error: l.error.clone(),
            kind: match self.mode {
                ScanMode::Qr => ScanKind::Qr,
                ScanMode::Passport { .. } => ScanKind::Passport,
            },
            passport: l.passport.clone(),
            passport_count: l.passport_count,
            passport_problem: l.passport_problem.clone(),
            progress: l.progress.clone(),
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

/// What one frame gave, before it is published.
enum Found {
    Qr(Option<String>),
    Passport {
        zone_in_view: bool,
        accepted: Option<Result<PassportRead, Text>>,
    },
}

/// Reads frames until told to stop. Each mode keeps its own state between frames.
struct Reader {
    mode: ScanMode,
    stream: MrzStream,
    zone_frames: u32,
}

impl Reader {
    fn read(&mut self, frame: &Frame) -> Found {
        match self.mode {
            ScanMode::Qr => Found::Qr(decode_qr(frame).ok()),
            ScanMode::Passport { today } => {
                let read = mrz::read_frame(frame, mrz_date(today));
                let zone_in_view = read.is_some();
                if zone_in_view {
                    self.zone_frames = self.zone_frames.wrapping_add(1);
                }
                let accepted = self.stream.push(read.as_ref()).map(|zone| {
                    tracing::info!(format = %zone.format, "passport zone accepted");
                    passport_from(&zone).map_err(|e| e.text())
                });
                Found::Passport {
                    zone_in_view,
                    accepted,
                }
            }
        }
    }

    fn progress(&self, zone_in_view: bool) -> PassportProgress {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        PassportProgress {
            zone_frames: self.zone_frames,
            agreeing: count(self.stream.agreeing()),
            needed: count(self.stream.needed()),
            zone_in_view,
        }
    }
}

fn mrz_date(d: NaiveDate) -> mrz::Date {
    mrz::Date {
        year: u16::try_from(d.year()).unwrap_or(0),
        month: u8::try_from(d.month()).unwrap_or(1),
        day: u8::try_from(d.day()).unwrap_or(1),
    }
}

fn naive(d: Option<mrz::Date>) -> Option<NaiveDate> {
    d.and_then(|d| NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)))
}

/// An accepted zone as the domain's old passport, then as the window sees it.
fn passport_from(zone: &Mrz) -> Result<PassportRead, loket_domain::OldPassportError> {
    let fields = PassportFields {
        document_code: &zone.document_code,
        number: &zone.document_number,
        surname: &zone.primary_identifier,
        given_names: &zone.secondary_identifier,
        nationality: &zone.nationality,
        birth_date: naive(zone.birth_date),
        sex: match zone.sex {
            Some(mrz::Sex::Male) => Some(Sex::L),
            Some(mrz::Sex::Female) => Some(Sex::P),
            Some(mrz::Sex::Unspecified) | None => None,
        },
        expiry: naive(zone.expiry_date),
    };
    OldPassport::parse(&fields).map(|p| read_view(&p))
}

fn run(frames: &mut dyn FrameSource, mode: ScanMode, latest: &Mutex<Latest>, stop: &AtomicBool) {
    let period = Duration::from_millis(1000 / FPS);
    let mut reader = Reader {
        mode,
        stream: MrzStream::default(),
        zone_frames: 0,
    };
    while !stop.load(Ordering::Relaxed) {
        let started = Instant::now();
        match frames.next_frame() {
            Ok(frame) => {
                let found = reader.read(&frame);
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
                match found {
                    Found::Qr(Some(text)) => {
                        l.decoded = Some(text);
                        l.decoded_count = l.decoded_count.wrapping_add(1);
                    }
                    Found::Qr(None) => {}
                    Found::Passport {
                        zone_in_view,
                        accepted,
                    } => {
                        l.progress = Some(reader.progress(zone_in_view));
                        match accepted {
                            Some(Ok(passport)) => {
                                l.passport = Some(passport);
                                l.passport_count = l.passport_count.wrapping_add(1);
                                l.passport_problem = None;
                            }
                            Some(Err(problem)) => l.passport_problem = Some(problem),
                            None => {}
                        }
                    }
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "camera frame failed");
                latest.lock().unwrap_or_else(|p| p.into_inner()).error = Some(e.text());
                // A camera that went away keeps failing; do not spin on it.
                std::thread::sleep(Duration::from_millis(500));
            }
        }
        if let Some(rest) = period.checked_sub(started.elapsed()) {
            std::thread::sleep(rest);
        }
    }
}

impl crate::Loket {
    /// The mode a scan of `kind` runs in: a passport's birth dates need the office-local date.
    /// Who may see and use this PC's camera (its frames show passports and proofs).
    pub fn may_use_camera(&self, actor: &crate::Actor) -> Result<(), AppError> {
        actor.require(
            loket_domain::Permission::ServeCounter,
            ("memakai kamera", "use the camera"),
        )
    }

    pub async fn scan_mode(
        &self,
        actor: &crate::Actor,
        kind: ScanKind,
    ) -> Result<ScanMode, AppError> {
        match kind {
            ScanKind::Qr => Ok(ScanMode::Qr),
            ScanKind::Passport => {
                actor.require(
                    loket_domain::Permission::ServeCounter,
                    ("memindai paspor", "scan passports"),
                )?;
                let office = self.office().await?;
                Ok(ScanMode::Passport {
                    today: office.local_date(self.clock.now()),
                })
            }
        }
    }
}
