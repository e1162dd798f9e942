//! What the counter reads with a camera: frames from a webcam or from image files, and the booking
//! QR code on an applicant's proof.
//!
//! - [`Frame`] is one picture: grey levels for decoding, optional colour for the preview, and
//!   [`Frame::to_jpeg`] for the small JPEG the window shows.
//! - [`FrameSource`] is anything that yields frames: a webcam ([`Camera`], listed by
//!   [`list_cameras`]) or image files ([`FileFrames`], for tests and machines without a camera).
//! - [`decode_qr`] turns a frame into the text of the QR code on it.
//! - [`mrz`] reads the machine-readable zone of passports, ID cards and visas.
//! - Every error says, in Indonesian, what the officer should do next.
//!
//! Frames are captured and decoded here, in Rust, rather than in the web view: the window only
//! receives JPEG previews, and the booking code reaches the use cases as plain text either from
//! [`decode_qr`] or from a USB barcode scanner typing it in — the same text by both paths, checked
//! by the same code, with no camera permission prompts in the web view.
//!
//! With the `synth` feature, the `synth` module draws camera-like frames of a proof (rotation,
//! perspective, blur, noise) for tests and the benchmark.

mod camera;
mod error;
mod files;
mod frame;
pub mod mrz;
mod qr;
#[cfg(feature = "synth")]
pub mod synth;

pub use camera::{Camera, CameraInfo, list_cameras};
pub use error::{CameraError, QrError, ScanError};
pub use files::FileFrames;
pub use frame::{Frame, FrameSource};
pub use qr::{Decoded, Pass, decode_qr, decode_qr_passes};
