//! Degraded MRZ line images with the true place of every character: the training data of the
//! learned recogniser ([`crate::mrz::net`]) and of nothing else.
//!
//! A line is rendered in OCR-B at 2× and shaped the ways real zones differ from the font:
//! stroke weight (a laser's toner spread, a thin inkjet), halftone or inkjet dots, tinted
//! guilloche and security printing under the text, neighbouring lines above and below, uneven
//! light and glare, focus blur, sensor noise, low resolution and JPEG compression. What it
//! covers, and what it does not (other fonts than OCR-B), is stated in BENCHMARKS.md.

use std::f32::consts::PI;
use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, ImageDecoder};
use rand::Rng;

use super::optics::{gaussian_blur, normal};
use crate::mrz::CellBox;
use crate::mrz::ocrb::OcrB;

/// A rendered line: grey levels (dark ink on light paper) and where each character's cell is.
#[derive(Debug, Clone)]
pub struct LineImage {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
    pub boxes: Vec<CellBox>,
}

/// Render `text` as one degraded MRZ line, every degradation drawn from `rng`.
pub fn degraded_line(font: &OcrB, text: &str, rng: &mut impl Rng) -> LineImage {
    const SS: f32 = 2.0;
    // Caps of 5 px (a 250 px wide zone) to 32 px (a close-up), more often small.
    let cap = 5.0 + 27.0 * rng.random::<f32>().powf(1.6);
    let pitch = cap * font.pitch_per_cap() * rng.random_range(0.94..1.06);
    let n = text.chars().count() as f32;
    let margin = (
        rng.random_range(0.6..2.5) * pitch,
        rng.random_range(0.6..2.5) * pitch,
    );
    let width = (n * pitch + margin.0 + margin.1).ceil() as usize;
    let height = (cap * rng.random_range(2.6..3.8)).ceil() as usize;
    let baseline = height as f32 / 2.0 + cap / 2.0 + rng.random_range(-0.15..0.15) * cap;
    let (bw, bh) = ((width as f32 * SS) as usize, (height as f32 * SS) as usize);

    // Coverage at 2×: the line, and often parts of the lines above and below.
    let mut cov = vec![0f32; bw * bh];
    let gap = cap * rng.random_range(1.55..1.95);
    font.draw(
        &mut cov,
        bw,
        text,
        cap * SS,
        pitch * SS,
        margin.0 * SS,
        baseline * SS,
    );
    for side in [-1.0f32, 1.0] {
        if rng.random_bool(0.5) {
            let other: String = (0..text.len())
                .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
                .collect();
            font.draw(
                &mut cov,
                bw,
                &other,
                cap * SS,
                pitch * SS,
                margin.0 * SS,
                (baseline + side * gap) * SS,
            );
        }
    }
    // Stroke weight: a soft threshold of the blurred coverage moves the edges out or in.
    let weight = rng.random_range(0.55..1.7);
    if (weight - 1.0f32).abs() > 0.05 {
        let soft = gaussian_blur(&cov, bw, bh, 0.06 * cap * SS);
        let t = 0.5 / weight;
        for (c, s) in cov.iter_mut().zip(soft) {
            *c = ((s - t) * 3.0 + 0.5).clamp(0.0, 1.0);
        }
    }
    // Printed with dots (halftone or inkjet): ink in a fine screen, or speckled.
    match rng.random_range(0..5) {
        0 => {
            let period = rng.random_range(1.6..3.5);
            let angle = rng.random_range(0.0..PI);
            let (ca, sa) = (angle.cos(), angle.sin());
            for y in 0..bh {
                for x in 0..bw {
                    let (u, v) = (x as f32 * ca + y as f32 * sa, y as f32 * ca - x as f32 * sa);
                    let dot =
                        ((u * 2.0 * PI / period).cos() + (v * 2.0 * PI / period).cos()) / 4.0 + 0.5;
                    let c = &mut cov[y * bw + x];
                    *c = (*c * (0.55 + 0.9 * dot)).min(1.0);
                }
            }
        }
        1 => {
            for c in &mut cov {
                *c *= rng.random_range(0.55..1.0);
            }
        }
        _ => {}
    }

    // Paper: a tint, guilloche waves and sometimes fine security lines, then the ink over it.
    let paper = rng.random_range(150.0..240.0f32);
    let ink = rng.random_range(5.0..(paper - 60.0).min(120.0));
    let background = security_print(rng, bw, bh, cap * SS, paper);
    let mut px: Vec<f32> = background
        .iter()
        .zip(&cov)
        .map(|(&bg, &c)| bg + (ink.min(bg) - bg) * c.min(1.0))
        .collect();
    // Light: a gradient across the line and sometimes a glare spot.
    let slope = rng.random_range(-0.25..0.25);
    let glare = if rng.random_bool(0.3) {
        Some((
            rng.random_range(0.0..bw as f32),
            rng.random_range(0.0..bh as f32),
            rng.random_range(0.5..3.0) * cap * SS,
            rng.random_range(0.2..0.8),
        ))
    } else {
        None
    };
    for y in 0..bh {
        for x in 0..bw {
            let v = &mut px[y * bw + x];
            *v *= 1.0 + slope * (x as f32 / bw as f32 - 0.5);
            if let Some((gx, gy, r, s)) = glare {
                let d = ((x as f32 - gx).powi(2) + (y as f32 - gy).powi(2)) / (r * r);
                *v += s * (255.0 - *v) * (-d).exp();
            }
        }
    }
    // Focus: σ up to a fifth of the cap height.
    let sigma = rng.random_range(0.2..1.0) * (0.04 + 0.16 * rng.random::<f32>()) * cap * SS;
    let px = gaussian_blur(&px, bw, bh, sigma.max(0.5));
    // Down to the line's resolution (box filter), then noise.
    let noise = rng.random_range(0.0..10.0);
    let mut pixels = Vec::with_capacity(width * height);
    for y in 0..height {
        for x in 0..width {
            let mut acc = 0.0;
            for dy in 0..2 {
                for dx in 0..2 {
                    let (xx, yy) = ((2 * x + dx).min(bw - 1), (2 * y + dy).min(bh - 1));
                    acc += px[yy * bw + xx];
                }
            }
            let v = acc / 4.0 + normal(rng) * noise;
            pixels.push(v.round().clamp(0.0, 255.0) as u8);
        }
    }
    // JPEG, from a phone's fine setting down to a messenger's quality 30.
    if rng.random_bool(0.5) {
        let quality = rng.random_range(30..=95);
        if let Some(p) = jpeg_round_trip(&pixels, width, height, quality) {
            pixels = p;
        }
    }
    let boxes = (0..text.len())
        .map(|k| CellBox {
            left: margin.0 + k as f32 * pitch,
            pitch,
            top: baseline - cap,
            cap,
        })
        .collect();
    LineImage {
        width,
        height,
        pixels,
        boxes,
    }
}

const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<";

/// Paper at `paper` grey with what security printing puts under a zone: a smooth tint,
/// guilloche (interlaced sine waves), and fine parallel or wavy lines.
pub fn security_print(rng: &mut impl Rng, w: usize, h: usize, cap: f32, paper: f32) -> Vec<f32> {
    let mut px = vec![paper; w * h];
    let tint = rng.random_range(0.0..30.0);
    let tint_f = rng.random_range(0.2..1.5) / cap;
    let waves = rng.random_range(0..4);
    let wave: Vec<(f32, f32, f32, f32, f32)> = (0..waves)
        .map(|_| {
            (
                rng.random_range(0.0..45.0),       // strength
                rng.random_range(0.3..2.5) / cap,  // spatial frequency
                rng.random_range(0.0..PI),         // direction
                rng.random_range(0.5..3.0) * cap,  // amplitude of the wave's own wobble
                rng.random_range(0.05..0.6) / cap, // wobble frequency
            )
        })
        .collect();
    let phase: f32 = rng.random_range(0.0..2.0 * PI);
    for y in 0..h {
        for x in 0..w {
            let (xf, yf) = (x as f32, y as f32);
            let mut v =
                paper - tint * (0.5 + 0.5 * (xf * tint_f + phase).sin() * (yf * tint_f).cos());
            for &(s, f, dir, amp, wf) in &wave {
                let (c, sn) = (dir.cos(), dir.sin());
                let (u, t) = (xf * c + yf * sn, yf * c - xf * sn);
                let line = ((u + amp * (t * wf).sin()) * f * 2.0 * PI).cos();
                // Thin printed lines: only the crest of the wave darkens.
                v -= s * line.max(0.0).powi(6);
            }
            px[y * w + x] = v;
        }
    }
    px
}

/// `pixels` through a JPEG encoder and decoder at `quality`.
pub fn jpeg_round_trip(pixels: &[u8], w: usize, h: usize, quality: u8) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    JpegEncoder::new_with_quality(&mut buf, quality)
        .encode(pixels, w as u32, h as u32, ExtendedColorType::L8)
        .ok()?;
    let decoder = image::codecs::jpeg::JpegDecoder::new(Cursor::new(buf)).ok()?;
    let mut out = vec![0u8; decoder.total_bytes() as usize];
    decoder.read_image(&mut out).ok()?;
    (out.len() == w * h).then_some(out)
}
