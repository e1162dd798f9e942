//! One picture from a camera or a file, in the two shapes the rest of the app needs: grey levels
//! for the QR decoder and a small JPEG for the preview in the window.

use std::fmt;
use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, GrayImage, RgbImage, imageops};
use loket_domain::text;

use crate::error::{CameraError, ScanError};

/// The preview only has to show the officer where the proof is; a full 720p JPEG per frame would
/// cost more to encode and to send over IPC than the decoding itself.
const PREVIEW_MAX_WIDTH: u32 = 640;

/// A captured picture. `luma` always holds `width × height` grey levels (row-major, 8 bits);
/// `rgb` holds the colour pixels when the source had colour, for a truer preview.
#[derive(Clone, PartialEq, Eq)]
pub struct Frame {
    pub width: u32,
    pub height: u32,
    pub luma: Vec<u8>,
    pub rgb: Option<Vec<u8>>,
}

impl fmt::Debug for Frame {
    // The pixel buffers are megabytes; a log line needs the shape only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Frame")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("colour", &self.rgb.is_some())
            .finish_non_exhaustive()
    }
}

impl Frame {
    /// A frame from a decoded image. Grey images stay grey (`rgb` is `None`).
    pub fn from_image(img: &DynamicImage) -> Frame {
        if img.color().has_color() {
            let rgb = img.to_rgb8();
            Frame::from_rgb(rgb.width(), rgb.height(), rgb.into_raw())
        } else {
            let luma = img.to_luma8();
            Frame {
                width: luma.width(),
                height: luma.height(),
                luma: luma.into_raw(),
                rgb: None,
            }
        }
    }

    /// A frame from packed RGB pixels, as cameras deliver them.
    pub(crate) fn from_rgb(width: u32, height: u32, rgb: Vec<u8>) -> Frame {
        // Integer BT.601 weights, the same as ZXing's RGB source: a file and a camera frame of the
        // same scene give the decoder the same grey levels.
        let luma = rgb
            .chunks_exact(3)
            .map(|p| {
                let (r, g, b) = (u32::from(p[0]), u32::from(p[1]), u32::from(p[2]));
                ((77 * r + 150 * g + 29 * b + 128) >> 8) as u8
            })
            .collect();
        Frame {
            width,
            height,
            luma,
            rgb: Some(rgb),
        }
    }

    /// Number of pixels the dimensions promise; `None` if that overflows.
    pub(crate) fn pixel_count(&self) -> Option<usize> {
        (self.width as usize).checked_mul(self.height as usize)
    }

    /// The frame as a JPEG for the window's preview, scaled down to at most 640 px wide.
    /// `quality` is JPEG quality 1–100 (out-of-range values are clamped).
    pub fn to_jpeg(&self, quality: u8) -> Result<Vec<u8>, ScanError> {
        let n = self
            .pixel_count()
            .filter(|&n| n > 0 && self.luma.len() == n)
            .ok_or_else(|| {
                let (width, height) = (self.width, self.height);
                ScanError::Preview(text!(
                    "ukuran gambar {width}×{height} tidak cocok dengan datanya",
                    "the image size {width}×{height} does not match its data"
                ))
            })?;
        let image = match &self.rgb {
            Some(rgb) if rgb.len() == n * 3 => {
                RgbImage::from_raw(self.width, self.height, rgb.clone()).map(DynamicImage::from)
            }
            _ => GrayImage::from_raw(self.width, self.height, self.luma.clone())
                .map(DynamicImage::from),
        }
        .ok_or_else(|| {
            ScanError::Preview(text!(
                "data gambar tidak lengkap",
                "the image data is incomplete"
            ))
        })?;

        let image = if self.width > PREVIEW_MAX_WIDTH {
            let height = scaled_height(self.width, self.height, PREVIEW_MAX_WIDTH);
            // `thumbnail` averages whole source areas: much faster than a filtered resize and
            // just as good for a preview.
            match &image {
                DynamicImage::ImageRgb8(rgb) => {
                    imageops::thumbnail(rgb, PREVIEW_MAX_WIDTH, height).into()
                }
                other => imageops::thumbnail(&other.to_luma8(), PREVIEW_MAX_WIDTH, height).into(),
            }
        } else {
            image
        };

        let mut out = Cursor::new(Vec::with_capacity(64 * 1024));
        JpegEncoder::new_with_quality(&mut out, quality.clamp(1, 100))
            .encode_image(&image)
            .map_err(|e| {
                ScanError::Preview(text!(
                    "JPEG gagal dibuat: {e}",
                    "the JPEG could not be made: {e}"
                ))
            })?;
        Ok(out.into_inner())
    }
}

fn scaled_height(width: u32, height: u32, new_width: u32) -> u32 {
    let h = (u64::from(height) * u64::from(new_width) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(h.max(1)).unwrap_or(u32::MAX)
}

/// Anything that yields frames: a webcam ([`crate::Camera`]) or image files
/// ([`crate::FileFrames`]), so the scanning loop and its tests do not care which.
pub trait FrameSource: Send {
    /// The next frame. Blocks until one is available.
    fn next_frame(&mut self) -> Result<Frame, CameraError>;
    /// A short Indonesian description of the source, for the settings screen and the log.
    fn describe(&self) -> String;
}

impl<S: FrameSource + ?Sized> FrameSource for Box<S> {
    fn next_frame(&mut self) -> Result<Frame, CameraError> {
        (**self).next_frame()
    }

    fn describe(&self) -> String {
        (**self).describe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_pixels_become_bt601_grey_levels() {
        let frame = Frame::from_rgb(3, 1, vec![255, 0, 0, 0, 255, 0, 255, 255, 255]);
        assert_eq!(frame.luma, vec![77, 149, 255]);
    }

    #[test]
    fn preview_height_keeps_the_aspect_ratio() {
        assert_eq!(scaled_height(1280, 720, 640), 360);
        assert_eq!(scaled_height(1920, 1080, 640), 360);
        assert_eq!(scaled_height(4000, 1, 640), 1);
    }
}
