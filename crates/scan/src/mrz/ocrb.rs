//! Rendering MRZ characters from the OCR-B font (feature `templates-tool`): the source of the
//! embedded templates and of the synthetic lines the recogniser is tested on. Never part of the
//! shipped app.

use ab_glyph::{Font, FontVec, PxScale, point};

use super::templates::ALPHABET;

/// Where Debian's `fonts-ocr-b` puts the regular OCR-B face.
pub const DEBIAN_OCRB: &str = "/usr/share/fonts/opentype/ocr-b/OCRB.otf";

/// What to do when the font is missing, for error messages.
pub const INSTALL_HINT: &str =
    "OCR-B font missing: install it with `apt-get install -y fonts-ocr-b` (scripts/deps.sh does)";

/// The OCR-B face, with the proportions MRZ rendering needs.
pub struct OcrB {
    font: FontVec,
    /// Cap height and advance in font units (OCR-B is monospaced).
    cap_units: f32,
    advance_units: f32,
    height_units: f32,
}

impl std::fmt::Debug for OcrB {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OcrB")
            .field("cap_units", &self.cap_units)
            .field("advance_units", &self.advance_units)
            .finish_non_exhaustive()
    }
}

impl OcrB {
    /// Load the font file at `path`.
    pub fn load(path: &str) -> Result<OcrB, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}. {INSTALL_HINT}"))?;
        let font = FontVec::try_from_vec(bytes).map_err(|e| format!("{path}: {e}"))?;
        let h = font.glyph_id('H');
        let cap = font
            .outline(h)
            .ok_or_else(|| format!("{path}: no outline for H"))?
            .bounds;
        let cap_units = (cap.max.y - cap.min.y).abs();
        let advance_units = font.h_advance_unscaled(h);
        let height_units = font.height_unscaled();
        for c in ALPHABET.chars() {
            if font.glyph_id(c).0 == 0 {
                return Err(format!("{path}: no glyph for {c:?}"));
            }
        }
        Ok(OcrB {
            font,
            cap_units,
            advance_units,
            height_units,
        })
    }

    /// Debian's OCR-B, or an error saying how to install it.
    pub fn debian() -> Result<OcrB, String> {
        OcrB::load(DEBIAN_OCRB)
    }

    /// Advance width ÷ cap height: the pitch of an MRZ line in cap heights.
    pub fn pitch_per_cap(&self) -> f32 {
        self.advance_units / self.cap_units
    }

    /// Add the coverage (0…1) of `text` to `canvas` (`width` columns, row-major): cap height
    /// `cap_px`, advance `pitch_px`, the first cell's left edge at `x`, baseline at `baseline`.
    #[allow(clippy::too_many_arguments)]
    pub fn draw(
        &self,
        canvas: &mut [f32],
        width: usize,
        text: &str,
        cap_px: f32,
        pitch_px: f32,
        x: f32,
        baseline: f32,
    ) {
        let scale = PxScale {
            x: pitch_px * self.height_units / self.advance_units,
            y: cap_px * self.height_units / self.cap_units,
        };
        let height = canvas.len() / width.max(1);
        for (i, c) in text.chars().enumerate() {
            let glyph = self
                .font
                .glyph_id(c)
                .with_scale_and_position(scale, point(x + i as f32 * pitch_px, baseline));
            let Some(outlined) = self.font.outline_glyph(glyph) else {
                continue; // `<` and friends all have outlines; a space has none.
            };
            let b = outlined.px_bounds();
            outlined.draw(|gx, gy, cov| {
                let px = b.min.x as i64 + i64::from(gx);
                let py = b.min.y as i64 + i64::from(gy);
                if (0..width as i64).contains(&px) && (0..height as i64).contains(&py) {
                    canvas[py as usize * width + px as usize] += cov.min(1.0);
                }
            });
        }
    }
}

/// Separable Gaussian blur of a `width`-column float image, σ in pixels (σ ≤ 0: unchanged).
pub fn blur(img: &mut [f32], width: usize, sigma: f32) {
    if sigma <= 0.0 || width == 0 {
        return;
    }
    let r = (sigma * 3.0).ceil() as i64;
    let k: Vec<f32> = (-r..=r)
        .map(|i| (-(i * i) as f32 / (2.0 * sigma * sigma)).exp())
        .collect();
    let sum: f32 = k.iter().sum();
    let k: Vec<f32> = k.iter().map(|v| v / sum).collect();
    let height = img.len() / width;
    let mut tmp = vec![0.0; img.len()];
    for y in 0..height {
        for x in 0..width {
            let mut acc = 0.0;
            for (j, w) in k.iter().enumerate() {
                let xx = (x as i64 + j as i64 - r).clamp(0, width as i64 - 1) as usize;
                acc += w * img[y * width + xx];
            }
            tmp[y * width + x] = acc;
        }
    }
    for y in 0..height {
        for x in 0..width {
            let mut acc = 0.0;
            for (j, w) in k.iter().enumerate() {
                let yy = (y as i64 + j as i64 - r).clamp(0, height as i64 - 1) as usize;
                acc += w * tmp[yy * width + x];
            }
            img[y * width + x] = acc;
        }
    }
}
