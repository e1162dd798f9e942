//! Camera-like frames of a printed booking proof (and, in [`mrz`], of passports), for tests and
//! the benchmarks (feature `synth`).
//!
//! What a 720p webcam sees when an applicant holds the proof out: a textured background, a sheet
//! of paper with a few lines of print and the QR code, rotated and tilted away from the lens,
//! softened by focus blur, with uneven light, sensor noise and less contrast than the printout.
//! Everything is driven by a seed, so a failing frame can be regenerated exactly.

use std::f32::consts::PI;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rxing::qrcode::QRCodeWriter;
use rxing::{BarcodeFormat, EncodeHints, Writer};

use crate::frame::Frame;

pub mod glyphs;
pub mod mrz;
mod optics;
use optics::{background, gaussian_blur, normal, shade};

pub const WIDTH: u32 = 1280;
pub const HEIGHT: u32 = 720;

/// How the proof sits in front of the camera.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Side of the QR symbol including its quiet zone, in frame pixels (before tilt).
    pub qr_px: f32,
    /// Rotation in the image plane, degrees.
    pub rotation_deg: f32,
    /// Perspective: the symbol's bottom edge is about `1 + tilt` times as wide as its middle,
    /// the top `1 - tilt` (negative tilts the other way). 0.1: a proof leaning slightly back.
    pub tilt: f32,
    /// Where the symbol's centre lands in the frame.
    pub centre: (f32, f32),
    /// Focus blur, Gaussian σ in pixels.
    pub blur_sigma: f32,
    /// Sensor noise, Gaussian σ in grey levels.
    pub noise_sigma: f32,
    /// Grey level of the paper and of the ink; their gap is the contrast the camera sees.
    pub paper: u8,
    pub ink: u8,
    /// A vertical band of the symbol painted over with paper colour, as fractions of its width
    /// (e.g. `(0.33, 0.67)`): a damaged printout.
    pub cover: Option<(f32, f32)>,
}

impl Scene {
    /// The proof at arm's length: ~220 px, 8° rotated, mild perspective, σ 1 blur, grey paper.
    pub fn arm_length() -> Scene {
        Scene {
            qr_px: 220.0,
            rotation_deg: 8.0,
            tilt: 0.08,
            centre: (700.0, 380.0),
            blur_sigma: 1.0,
            noise_sigma: 5.0,
            paper: 190,
            ink: 65,
            cover: None,
        }
    }

    /// A scene from the benchmark's range: rotation 0–15° either way, 160–320 px, tilt up to
    /// 0.12, blur σ 0.5–1.5, noise σ 2–8, paper 150–230 against ink 30–100, anywhere in frame.
    pub fn random(rng: &mut impl Rng) -> Scene {
        let qr_px = rng.random_range(160.0..320.0);
        // The sheet reaches well beyond the symbol; keep the symbol itself inside the frame.
        let margin = qr_px * 0.8;
        let rotation_deg = rng.random_range(-15.0..15.0);
        let tilt = rng.random_range(-0.12..0.12);
        Scene {
            qr_px,
            rotation_deg,
            tilt,
            centre: (
                rng.random_range(margin..WIDTH as f32 - margin),
                rng.random_range(margin..HEIGHT as f32 - margin),
            ),
            blur_sigma: rng.random_range(0.5..1.5),
            noise_sigma: rng.random_range(2.0..8.0),
            paper: rng.random_range(150..=230),
            ink: rng.random_range(30..=100),
            cover: None,
        }
    }
}

/// A payload shaped like a signed booking code: office, booking number, date, session, party
/// size, key id and an Ed25519-sized signature in base64url (86 characters),
/// 128–137 characters in all.
pub fn booking_payload(rng: &mut impl Rng) -> String {
    const OFFICES: [&str; 8] = [
        "jakartaselatan",
        "jakartatimur",
        "tanjungperak",
        "soekarnohatta",
        "yogyakarta",
        "denpasar",
        "makassar",
        "batam",
    ];
    let office = OFFICES[rng.random_range(0..OFFICES.len())];
    let day = rng.random_range(1..=28);
    let month = rng.random_range(1..=12);
    let session = if rng.random_bool(0.5) { 'P' } else { 'S' };
    let mut signature = [0u8; 64];
    rng.fill(&mut signature);
    let booking = format!(
        "26{month:02}{day:02}-{session}-{:03}",
        rng.random_range(1..400)
    );
    let date = format!("2026-{month:02}-{day:02}");
    let party = rng.random_range(1..=6);
    format!(
        "LKT1.{office}.{booking}.{date}.{session}.{party}.c1.{}",
        base64url(&signature)
    )
}

fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// The modules of a QR symbol, quiet zone (4 modules) included; `true` is dark.
#[derive(Debug, Clone)]
pub struct Symbol {
    pub size: usize,
    pub dark: Vec<bool>,
}

impl Symbol {
    /// Encodes `payload` at error-correction level M, as a printed proof would be.
    pub fn encode(payload: &str) -> Symbol {
        let hints = EncodeHints {
            ErrorCorrection: Some("M".into()),
            Margin: Some("4".into()),
            ..EncodeHints::default()
        };
        let matrix = QRCodeWriter
            .encode_with_hints(payload, &BarcodeFormat::QR_CODE, 0, 0, &hints)
            .expect("the payload fits in a QR code");
        let size = matrix.getWidth() as usize;
        let dark = (0..size * size)
            .map(|i| matrix.get((i % size) as u32, (i / size) as u32))
            .collect();
        Symbol { size, dark }
    }

    fn is_dark(&self, u: f32, v: f32) -> bool {
        let (x, y) = (
            (u * self.size as f32) as usize,
            (v * self.size as f32) as usize,
        );
        x < self.size && y < self.size && self.dark[y * self.size + x]
    }
}

/// A 1280×720 grey frame of the proof carrying `payload` as a QR code.
pub fn camera_frame(payload: &str, scene: &Scene, seed: u64) -> Frame {
    render(Some(&Symbol::encode(payload)), scene, seed)
}

/// The same scene with the QR code left off the paper.
pub fn frame_without_code(scene: &Scene, seed: u64) -> Frame {
    render(None, scene, seed)
}

/// Sheet extent around the symbol, in symbol widths (the symbol spans 0..1 both ways).
const SHEET: (f32, f32, f32, f32) = (-0.45, 1.45, -0.7, 2.0);
const SUPERSAMPLE: usize = 3;

fn render(symbol: Option<&Symbol>, scene: &Scene, seed: u64) -> Frame {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (w, h) = (WIDTH as usize, HEIGHT as usize);
    let mut px = background(&mut rng, w, h);
    let lines = print_lines(&mut rng);
    let (paper, ink) = (f32::from(scene.paper), f32::from(scene.ink));
    // Printed text is lighter than the QR's solid black.
    let text_ink = ink + (paper - ink) * 0.35;
    let plane = Plane::new(scene);

    let (x0, y0, x1, y1) = plane.bounds(w, h);
    for y in y0..y1 {
        for x in x0..x1 {
            let mut sum = 0.0;
            let mut on_sheet = 0;
            for sy in 0..SUPERSAMPLE {
                for sx in 0..SUPERSAMPLE {
                    let fx = x as f32 + (sx as f32 + 0.5) / SUPERSAMPLE as f32;
                    let fy = y as f32 + (sy as f32 + 0.5) / SUPERSAMPLE as f32;
                    let Some((u, v)) = plane.to_sheet(fx, fy) else {
                        continue;
                    };
                    if !(SHEET.0..SHEET.1).contains(&u) || !(SHEET.2..SHEET.3).contains(&v) {
                        continue;
                    }
                    on_sheet += 1;
                    let in_symbol = (0.0..1.0).contains(&u) && (0.0..1.0).contains(&v);
                    let covered = scene
                        .cover
                        .is_some_and(|(a, b)| in_symbol && (a..b).contains(&u));
                    sum += if in_symbol && !covered {
                        if symbol.is_some_and(|s| s.is_dark(u, v)) {
                            ink
                        } else {
                            paper
                        }
                    } else if !in_symbol && is_print(&lines, u, v) {
                        text_ink
                    } else {
                        paper
                    };
                }
            }
            let n = (SUPERSAMPLE * SUPERSAMPLE) as f32;
            let i = y * w + x;
            px[i] = (sum + px[i] * (n - on_sheet as f32)) / n;
        }
    }

    shade(&mut rng, &mut px, w, h);
    let px = gaussian_blur(&px, w, h, scene.blur_sigma);
    let luma = px
        .iter()
        .map(|&v| {
            (v + normal(&mut rng) * scene.noise_sigma)
                .round()
                .clamp(0.0, 255.0) as u8
        })
        .collect();
    Frame {
        width: WIDTH,
        height: HEIGHT,
        luma,
        rgb: None,
    }
}

/// Maps frame pixels back onto the sheet: undo translation, rotation, scale, then the tilt
/// (a projective map `x' = x / (1 + t·y)`, `y' = y / (1 + t·y)` on the centred symbol).
struct Plane {
    centre: (f32, f32),
    cos: f32,
    sin: f32,
    half: f32,
    tilt: f32,
}

impl Plane {
    fn new(scene: &Scene) -> Plane {
        let angle = scene.rotation_deg * PI / 180.0;
        Plane {
            centre: scene.centre,
            cos: angle.cos(),
            sin: angle.sin(),
            half: scene.qr_px / 2.0,
            tilt: -scene.tilt,
        }
    }

    fn to_sheet(&self, x: f32, y: f32) -> Option<(f32, f32)> {
        let (dx, dy) = (x - self.centre.0, y - self.centre.1);
        let xr = (dx * self.cos + dy * self.sin) / self.half;
        let yr = (-dx * self.sin + dy * self.cos) / self.half;
        let denom = 1.0 - self.tilt * yr;
        if denom <= 0.05 {
            return None;
        }
        let yc = yr / denom;
        let xc = xr * (1.0 + self.tilt * yc);
        Some((xc / 2.0 + 0.5, yc / 2.0 + 0.5))
    }

    fn to_frame(&self, u: f32, v: f32) -> (f32, f32) {
        let (xc, yc) = ((u - 0.5) * 2.0, (v - 0.5) * 2.0);
        let scale = self.half / (1.0 + self.tilt * yc);
        let (xr, yr) = (xc * scale, yc * scale);
        (
            self.centre.0 + xr * self.cos - yr * self.sin,
            self.centre.1 + xr * self.sin + yr * self.cos,
        )
    }

    /// Pixel box holding the sheet: a projective map keeps the sheet a convex quadrilateral, so
    /// its corners bound it.
    fn bounds(&self, w: usize, h: usize) -> (usize, usize, usize, usize) {
        let corners = [
            (SHEET.0, SHEET.2),
            (SHEET.1, SHEET.2),
            (SHEET.0, SHEET.3),
            (SHEET.1, SHEET.3),
        ]
        .map(|(u, v)| self.to_frame(u, v));
        let clamp = |v: f32, max: usize| (v.max(0.0) as usize).min(max);
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for (x, y) in corners {
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
        (
            clamp(x0 - 2.0, w),
            clamp(y0 - 2.0, h),
            clamp(x1 + 2.0, w),
            clamp(y1 + 2.0, h),
        )
    }
}

/// One line of print on the sheet: a band of `v` holding "words" as `u` ranges.
struct Line {
    v0: f32,
    v1: f32,
    words: Vec<(f32, f32)>,
}

/// Lines above and below the symbol (name, office, date, the instructions).
fn print_lines(rng: &mut impl Rng) -> Vec<Line> {
    let rows = (0..4)
        .map(|r| -0.62 + 0.12 * r as f32)
        .chain((0..6).map(|r| 1.12 + 0.13 * r as f32));
    rows.map(|v| {
        let height = rng.random_range(0.035..0.06);
        let end = rng.random_range(0.4..SHEET.1 - 0.08);
        let mut words = Vec::new();
        let mut u = SHEET.0 + 0.08;
        while u < end {
            let len = rng.random_range(0.05..0.25);
            words.push((u, (u + len).min(end)));
            u += len + rng.random_range(0.03..0.06);
        }
        Line {
            v0: v,
            v1: v + height,
            words,
        }
    })
    .collect()
}

fn is_print(lines: &[Line], u: f32, v: f32) -> bool {
    lines
        .iter()
        .filter(|l| (l.v0..l.v1).contains(&v))
        .any(|l| l.words.iter().any(|&(a, b)| (a..b).contains(&u)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_the_rfc_examples() {
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url(&[0u8; 64]).len(), 86);
    }

    #[test]
    fn payloads_look_like_signed_booking_codes() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        for _ in 0..50 {
            let p = booking_payload(&mut rng);
            assert!(p.starts_with("LKT1."), "{p}");
            assert!((128..=137).contains(&p.len()), "{} {p}", p.len());
        }
    }
}
