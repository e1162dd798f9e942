//! Booking QR codes out of camera frames, with rxing (a Rust port of ZXing and zxing-cpp).
//!
//! A frame goes through a few passes, each a different binarisation of the picture searched by
//! the same detector, and the first code read wins. The order is by cost per code found on the
//! benchmark's camera-like frames (`benches/qr_frames.rs`): the half-scale pass takes under a
//! millisecond and reads most codes; the full-resolution passes catch the small, blurred ones.
//! A fourth pass on a 1.5× upscaled frame was measured: it reads 5 more of the 200 benchmark
//! frames but adds 18 ms to every frame without a code, which is most frames of a live camera,
//! so it is left out; the next frame gets its own try.

use rxing::common::{BitMatrix, DetectorRXingResult, GlobalHistogramBinarizer, HybridBinarizer};
use rxing::qrcode::cpp_port::decoder::Decode;
use rxing::qrcode::cpp_port::detector::{FindFinderPatterns, GenerateFinderPatternSets, SampleQR};
use rxing::{BinaryBitmap, Exceptions, Luma8Source};

use crate::error::QrError;
use crate::frame::Frame;

/// One way of binarising a frame before looking for a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pass {
    /// Half resolution (2×2 averaged), locally adaptive threshold: averaging removes sensor noise
    /// and a quarter of the pixels makes it the cheapest pass.
    HalfScale,
    /// Full resolution, one global threshold: keeps the thin light gaps between modules that
    /// blur and the adaptive threshold close up, as long as the lighting is even.
    GlobalHistogram,
    /// Full resolution, locally adaptive threshold: reads the most codes on its own, and the
    /// smallest ones, at four times the cost of the half-scale pass.
    Hybrid,
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
/// `NotFound` when no code is seen; `Unreadable` when a code is located but its content cannot
/// be recovered (torn, folded, partly covered), or when the frame's buffer does not match its size.
pub fn decode_qr(frame: &Frame) -> Result<String, QrError> {
    decode_qr_passes(frame, &Pass::ALL).map(|d| d.text)
}

/// [`decode_qr`] with a chosen list of passes; the benchmark uses it to show what each one adds.
pub fn decode_qr_passes(frame: &Frame, passes: &[Pass]) -> Result<Decoded, QrError> {
    if frame.luma.is_empty() || frame.pixel_count() != Some(frame.luma.len()) {
        return Err(QrError::Unreadable(format!(
            "frame is {}×{} but has {} grey levels",
            frame.width,
            frame.height,
            frame.luma.len()
        )));
    }
    let mut damaged: Option<String> = None;
    for &pass in passes {
        let found = match pass {
            Pass::HalfScale => {
                let (luma, w, h) = half_scale(&frame.luma, frame.width, frame.height);
                let source = luma_source(&luma, w, h)?;
                read(BinaryBitmap::new(HybridBinarizer::new(source)).get_black_matrix())
            }
            Pass::GlobalHistogram => {
                let source = luma_source(&frame.luma, frame.width, frame.height)?;
                read(BinaryBitmap::new(GlobalHistogramBinarizer::new(source)).get_black_matrix())
            }
            Pass::Hybrid => {
                let source = luma_source(&frame.luma, frame.width, frame.height)?;
                read(BinaryBitmap::new(HybridBinarizer::new(source)).get_black_matrix())
            }
        };
        match found {
            Read::Text(text) => return Ok(Decoded { text, pass }),
            Read::Damaged(why) => damaged = Some(why),
            Read::Nothing => {}
        }
    }
    match damaged {
        Some(why) => Err(QrError::Unreadable(why)),
        None => Err(QrError::NotFound),
    }
}

fn luma_source(luma: &[u8], width: u32, height: u32) -> Result<Luma8Source<'_>, QrError> {
    Luma8Source::new_with_slice(luma, width, height).map_err(|e| QrError::Unreadable(e.to_string()))
}

enum Read {
    Text(String),
    /// A symbol was sampled and its format information read, but error correction failed.
    Damaged(String),
    Nothing,
}

/// rxing's port of the zxing-cpp QR detector, step by step. `QrReader` runs the same steps but
/// reports every failure as "not found"; doing them here keeps the one distinction the officer
/// needs. The finder-pattern search is strict: on 100 synthetic frames without a code no
/// candidate symbol ever reached error correction, while 95 of 100 codes with their middle third
/// painted over did, and failed there. (ZXing's classic `QRCodeReader` was tried as well: on the
/// benchmark frames it never read a code this detector missed, and it located no damaged ones.)
fn read(image: &BitMatrix) -> Read {
    let mut patterns = FindFinderPatterns(image, true, 0);
    let mut damaged = None;
    for set in GenerateFinderPatternSets(&mut patterns) {
        let Ok(symbol) = SampleQR(image, &set) else {
            continue;
        };
        match Decode(symbol.getBits()) {
            Ok(result) if result.isValid() => return Read::Text(result.text()),
            Ok(result) => damaged = Some(format!("{:?}", result.error())),
            Err(e @ (Exceptions::ChecksumException(_) | Exceptions::ReedSolomonException(_))) => {
                damaged = Some(e.to_string());
            }
            Err(_) => {}
        }
    }
    damaged.map_or(Read::Nothing, Read::Damaged)
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

    #[test]
    fn tiny_and_flat_frames_are_simply_not_found() {
        for (w, h) in [(1, 1), (3, 2), (41, 41), (640, 1)] {
            let frame = Frame {
                width: w,
                height: h,
                luma: vec![128; (w * h) as usize],
                rgb: None,
            };
            assert!(
                matches!(decode_qr(&frame), Err(QrError::NotFound)),
                "{w}×{h}"
            );
        }
    }
}
