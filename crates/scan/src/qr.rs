//! Booking QR codes out of camera frames, with rxing (a Rust port of ZXing).
//!
//! A frame goes through a few passes, cheapest and most often successful first, and the first
//! code read wins. Each pass binarises the picture once and runs two QR detectors on it: the port
//! of zxing-cpp's (better with tilt and perspective) and the classic ZXing one.

use std::collections::HashSet;

use rxing::common::{GlobalHistogramBinarizer, HybridBinarizer};
use rxing::qrcode::QRCodeReader;
use rxing::qrcode::cpp_port::QrReader;
use rxing::{BarcodeFormat, Binarizer, BinaryBitmap, DecodeHints, Exceptions, Luma8Source, Reader};

use crate::error::QrError;
use crate::frame::Frame;

/// One way of looking at a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pass {
    /// Full resolution, locally adaptive threshold: right for most frames.
    Hybrid,
    /// Half resolution (2×2 averaged), adaptive threshold: averaging removes sensor noise and
    /// makes a large code's modules look sharper to the detector.
    HalfScale,
    /// Full resolution, one global threshold: survives blur that the adaptive threshold breaks
    /// into speckles, as long as the lighting is even.
    GlobalHistogram,
}

impl Pass {
    /// What [`decode_qr`] tries, in order.
    pub const ALL: [Pass; 3] = [Pass::HalfScale, Pass::GlobalHistogram, Pass::Hybrid];
}

/// A code read from a frame, and the pass that read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub pass: Pass,
}

/// The text of the first QR code found in the frame.
///
/// `NotFound` when no code is seen; `Unreadable` when a code is there (its format information
/// reads correctly) but its content cannot be recovered, e.g. torn or partly covered.
pub fn decode_qr(frame: &Frame) -> Result<String, QrError> {
    decode_qr_passes(frame, &Pass::ALL).map(|d| d.text)
}

/// [`decode_qr`] with a chosen list of passes; the benchmark uses it to show what each one adds.
pub fn decode_qr_passes(frame: &Frame, passes: &[Pass]) -> Result<Decoded, QrError> {
    let n = frame
        .pixel_count()
        .filter(|&n| n > 0 && frame.luma.len() == n)
        .ok_or_else(|| {
            QrError::Unreadable(format!(
                "frame is {}×{} but has {} grey levels",
                frame.width,
                frame.height,
                frame.luma.len()
            ))
        })?;
    debug_assert_eq!(n, frame.luma.len());

    let hints = DecodeHints {
        TryHarder: Some(true),
        PossibleFormats: Some(HashSet::from([BarcodeFormat::QR_CODE])),
        ..DecodeHints::default()
    };
    let mut damaged: Option<Exceptions> = None;
    for &pass in passes {
        let found = match pass {
            Pass::HalfScale => {
                let (luma, w, h) = half_scale(&frame.luma, frame.width, frame.height);
                let source = luma_source(&luma, w, h)?;
                read(
                    &mut BinaryBitmap::new(HybridBinarizer::new(source)),
                    &hints,
                    false,
                )
            }
            Pass::GlobalHistogram => {
                let source = luma_source(&frame.luma, frame.width, frame.height)?;
                let mut image = BinaryBitmap::new(GlobalHistogramBinarizer::new(source));
                read(&mut image, &hints, false)
            }
            Pass::Hybrid => {
                let source = luma_source(&frame.luma, frame.width, frame.height)?;
                read(
                    &mut BinaryBitmap::new(HybridBinarizer::new(source)),
                    &hints,
                    true,
                )
            }
        };
        match found {
            Ok(text) => return Ok(Decoded { text, pass }),
            Err(e) if is_damage(&e) => damaged = Some(e),
            Err(_) => {}
        }
    }
    match damaged {
        Some(e) => Err(QrError::Unreadable(e.to_string())),
        None => Err(QrError::NotFound),
    }
}

fn luma_source(luma: &[u8], width: u32, height: u32) -> Result<Luma8Source<'_>, QrError> {
    Luma8Source::new_with_slice(luma, width, height).map_err(|e| QrError::Unreadable(e.to_string()))
}

/// The cpp port's detector copes best with tilt and perspective but reports every failure as
/// "not found"; `classify` also runs the classic reader, the only one that can tell a damaged
/// code from an absent one (it never read a code the cpp port missed on the benchmark frames).
fn read<B: Binarizer>(
    image: &mut BinaryBitmap<B>,
    hints: &DecodeHints,
    classify: bool,
) -> Result<String, Exceptions> {
    match QrReader.decode_with_hints(image, hints) {
        Ok(result) => Ok(result.getText().to_owned()),
        Err(_) if classify => QRCodeReader
            .decode_with_hints(image, hints)
            .map(|result| result.getText().to_owned()),
        Err(e) => Err(e),
    }
}

/// Whether the classic reader got as far as a real symbol. Format information is protected by
/// its own BCH code, so a checksum failure after it means "a QR code, damaged"; a format failure
/// is what random texture that looks like three finder patterns produces, so it counts as absent.
fn is_damage(e: &Exceptions) -> bool {
    matches!(
        e,
        Exceptions::ChecksumException(_) | Exceptions::ReedSolomonException(_)
    )
}

/// 2×2 box average; an odd last row or column is dropped.
fn half_scale(luma: &[u8], width: u32, height: u32) -> (Vec<u8>, u32, u32) {
    let (w, h) = ((width / 2) as usize, (height / 2) as usize);
    let stride = width as usize;
    let mut out = Vec::with_capacity(w * h);
    for y in 0..h {
        let top = &luma[2 * y * stride..][..2 * w];
        let bottom = &luma[(2 * y + 1) * stride..][..2 * w];
        out.extend(
            top.chunks_exact(2)
                .zip(bottom.chunks_exact(2))
                .map(|(a, b)| {
                    ((u16::from(a[0]) + u16::from(a[1]) + u16::from(b[0]) + u16::from(b[1]) + 2)
                        / 4) as u8
                }),
        );
    }
    (out, w as u32, h as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_scale_averages_two_by_two_blocks() {
        let luma = [0, 4, 8, 8, 0, 4, 8, 8, 100, 100, 100, 100];
        let (out, w, h) = half_scale(&luma, 4, 3);
        assert_eq!((w, h), (2, 1));
        assert_eq!(out, vec![2, 8]);
    }

    #[test]
    fn a_frame_whose_size_does_not_match_its_pixels_is_refused() {
        let frame = Frame {
            width: 10,
            height: 10,
            luma: vec![0; 50],
            rgb: None,
        };
        assert!(matches!(decode_qr(&frame), Err(QrError::Unreadable(_))));
    }
}
