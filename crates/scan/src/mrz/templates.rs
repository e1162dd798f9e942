//! OCR-B templates for the 37 MRZ characters, embedded in the binary.
//!
//! The table `ocrb_templates.bin` is generated from Debian's `fonts-ocr-b` (public domain) and
//! committed. To regenerate it (byte-identical on rerun; the test `committed_templates_match_a_fresh_generation`
//! checks exactly that):
//!
//! ```text
//! apt-get install -y fonts-ocr-b
//! cargo run -p loket-scan --features templates-tool --bin ocrb-templates -- \
//!     crates/scan/src/mrz/ocrb_templates.bin
//! ```
//!
//! Format (all bytes): magic `OCRB`, version 1, cell width, cell height, number of variants,
//! then the 37 characters of [`ALPHABET`], then for each character, for each variant, one cell
//! of `width × height` ink levels (0 paper … 255 ink), row-major.
//!
//! Geometry of a cell: the character's advance box spans the cell's width; the cap band (top of
//! the capitals to the baseline) spans rows [`CAP_TOP`] to [`CAP_TOP`] + [`CAP_H`].
//! Variants are the augmentation: sub-pixel shifts, focus blur and stroke weight.

use std::sync::OnceLock;

/// The MRZ character set, in table order.
pub const ALPHABET: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<";
/// Cell size in pixels.
pub const CELL_W: usize = 16;
pub const CELL_H: usize = 24;
/// First row of the cap band, and its height in rows.
pub const CAP_TOP: f32 = 3.0;
pub const CAP_H: f32 = 18.0;

const MAGIC: &[u8; 4] = b"OCRB";
const VERSION: u8 = 1;
const HEADER: usize = 4 + 4 + ALPHABET.len();

/// One augmentation of a glyph: shift (cell pixels), blur σ (cell pixels), stroke weight
/// (> 1 bolder, < 1 lighter).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Variant {
    pub dx: f32,
    pub dy: f32,
    pub blur: f32,
    pub weight: f32,
}

/// The augmentations stored for every character.
pub const VARIANTS: [Variant; 6] = [
    Variant {
        dx: 0.0,
        dy: 0.0,
        blur: 0.35,
        weight: 1.0,
    },
    Variant {
        dx: 0.5,
        dy: 0.0,
        blur: 0.7,
        weight: 1.0,
    },
    Variant {
        dx: -0.5,
        dy: 0.0,
        blur: 0.7,
        weight: 1.0,
    },
    Variant {
        dx: 0.0,
        dy: 0.5,
        blur: 0.7,
        weight: 1.4,
    },
    Variant {
        dx: 0.0,
        dy: -0.5,
        blur: 0.7,
        weight: 0.7,
    },
    Variant {
        dx: 0.0,
        dy: 0.0,
        blur: 1.2,
        weight: 1.2,
    },
];

static EMBEDDED: &[u8] = include_bytes!("ocrb_templates.bin");

/// Templates ready for normalised cross-correlation: each cell zero-mean and unit-norm.
#[derive(Debug, Clone)]
pub struct Templates {
    /// Characters, one per class: [`ALPHABET`].
    pub chars: Vec<u8>,
    /// Variants per class.
    pub variants: usize,
    /// `chars.len() × variants` cells of `CELL_W × CELL_H`, normalised.
    pub cells: Vec<[f32; CELL_W * CELL_H]>,
}

impl Templates {
    /// The table compiled into the binary.
    pub fn embedded() -> &'static Templates {
        static T: OnceLock<Templates> = OnceLock::new();
        T.get_or_init(|| {
            // The table is ours and tested; a broken one is a build defect, not a runtime state.
            Templates::from_bytes(EMBEDDED).unwrap_or_else(|e| panic!("embedded OCR-B table: {e}"))
        })
    }

    /// Parse a table in the format above.
    pub fn from_bytes(b: &[u8]) -> Result<Templates, String> {
        if b.len() < HEADER || &b[..4] != MAGIC || b[4] != VERSION {
            return Err("not an OCR-B table of version 1".into());
        }
        let (w, h, variants) = (usize::from(b[5]), usize::from(b[6]), usize::from(b[7]));
        if w != CELL_W || h != CELL_H || variants == 0 {
            return Err(format!("cell {w}×{h}, expected {CELL_W}×{CELL_H}"));
        }
        let chars = b[8..HEADER].to_vec();
        if chars != ALPHABET.as_bytes() {
            return Err("table characters are not the MRZ alphabet in order".into());
        }
        let data = &b[HEADER..];
        if data.len() != chars.len() * variants * w * h {
            return Err("table length does not match its header".into());
        }
        let cells = data
            .chunks_exact(w * h)
            .map(|c| {
                let mut cell = [0f32; CELL_W * CELL_H];
                for (o, &v) in cell.iter_mut().zip(c) {
                    *o = f32::from(v);
                }
                normalise(&mut cell);
                cell
            })
            .collect();
        Ok(Templates {
            chars,
            variants,
            cells,
        })
    }
}

/// Make `cell` zero-mean with unit norm (a flat cell stays all zero). Returns the norm before.
pub(crate) fn normalise(cell: &mut [f32]) -> f32 {
    let n = cell.len() as f32;
    let mean = cell.iter().sum::<f32>() / n;
    let mut ss = 0.0;
    for v in cell.iter_mut() {
        *v -= mean;
        ss += *v * *v;
    }
    let norm = ss.sqrt();
    if norm > 1e-6 {
        for v in cell.iter_mut() {
            *v /= norm;
        }
    }
    norm
}

/// Render the whole table from the font (feature `templates-tool`).
#[cfg(feature = "templates-tool")]
pub fn generate(font: &super::ocrb::OcrB) -> Vec<u8> {
    const SS: usize = 4; // supersampling per axis
    let (w, h) = (CELL_W * SS, CELL_H * SS);
    let mut out = Vec::with_capacity(HEADER + ALPHABET.len() * VARIANTS.len() * CELL_W * CELL_H);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[VERSION, CELL_W as u8, CELL_H as u8, VARIANTS.len() as u8]);
    out.extend_from_slice(ALPHABET.as_bytes());
    for c in ALPHABET.chars() {
        for v in VARIANTS {
            let mut big = vec![0f32; w * h];
            let s = SS as f32;
            font.draw(
                &mut big,
                w,
                &c.to_string(),
                CAP_H * s,
                CELL_W as f32 * s,
                v.dx * s,
                (CAP_TOP + CAP_H + v.dy) * s,
            );
            // Stroke weight: widen or narrow strokes by blurring then re-thresholding softly.
            super::ocrb::blur(&mut big, w, 0.6 * s);
            let t = 0.5 / v.weight.max(0.1);
            for p in big.iter_mut() {
                *p = ((*p - t) * 4.0 + 0.5).clamp(0.0, 1.0);
            }
            super::ocrb::blur(&mut big, w, v.blur * s);
            for y in 0..CELL_H {
                for x in 0..CELL_W {
                    let mut acc = 0.0;
                    for yy in 0..SS {
                        for xx in 0..SS {
                            acc += big[(y * SS + yy) * w + x * SS + xx];
                        }
                    }
                    let ink = acc / (SS * SS) as f32;
                    out.push((ink * 255.0).round().clamp(0.0, 255.0) as u8);
                }
            }
        }
    }
    out
}
