//! The learned character recogniser: a small convolutional network that classifies one MRZ
//! character cell (the same 16 × 24 cell the templates are matched against) into the 37 MRZ
//! characters or "not a character".
//!
//! Why a network next to the templates: correlation with OCR-B templates measures how much a
//! cell looks like a clean glyph, so it falls apart where the glyph is clean but its
//! surroundings are not (a zone printed over tinted guilloche, a JPEG's blocks, a laser print's
//! spread strokes). The network was trained on exactly those degradations, rendered from the
//! font (`mrz-glyphs`, then `tools/mrz-train/train.py`; `scripts/train-mrz.sh` runs both), and
//! its weights are committed here and embedded in the binary.
//!
//! [`super::fuse`] weighs its probabilities against the templates' correlations for every
//! character the reader settles on.
//!
//! Network (inference here on channel-last maps; the weights file keeps PyTorch's order):
//! conv 3×3 (1→C1) · ReLU · max-pool 2 · conv 3×3 (C1→C2) · ReLU · max-pool 2 ·
//! dense (C2·6·4 → F) · ReLU · dense (F → 38). Inference is written out here: the whole net is
//! a few hundred thousand multiply-adds, less than the code a general runtime would bring.
//!
//! Weights file (`mrz_net.bin`, little-endian): magic `MRZN`, version 1, then `C1`, `C2`, `F`
//! as u16, then every tensor as f32 in PyTorch's order (conv1 weight, bias, conv2 weight, bias,
//! fc1 weight, bias, fc2 weight, bias), then one check cell (384 f32) and the logits PyTorch
//! computed for it (38 f32): the test `rust_inference_matches_the_trainer` holds the two
//! implementations together.

use std::sync::OnceLock;

use super::cell::sample_cell;
use super::recognise::{GrayView, ink_map};
use super::templates::{CELL_H, CELL_W};

/// Classes: the 37 characters of [`ALPHABET`](super::templates::ALPHABET), then "not a
/// character" (a cell between two characters, off the line, or on background print).
pub const CLASSES: usize = 38;
/// The class index of "not a character".
pub const NOT_A_CHAR: usize = 37;

const CELL: usize = CELL_W * CELL_H;
const MAGIC: &[u8; 4] = b"MRZN";
const VERSION: u8 = 1;

static EMBEDDED: &[u8] = include_bytes!("mrz_net.bin");

/// The network's weights.
#[derive(Debug, Clone)]
pub struct Net {
    c1: usize,
    c2: usize,
    f: usize,
    conv1_w: Vec<f32>,
    conv1_b: Vec<f32>,
    conv2_w: Vec<f32>,
    conv2_b: Vec<f32>,
    fc1_w: Vec<f32>,
    fc1_b: Vec<f32>,
    fc2_w: Vec<f32>,
    fc2_b: Vec<f32>,
    check: Option<(Vec<f32>, Vec<f32>)>,
}

/// Scratch buffers of one inference, kept by the caller across cells.
#[derive(Debug, Default)]
pub struct Scratch {
    a: Vec<f32>,
    b: Vec<f32>,
    c: Vec<f32>,
    d: Vec<f32>,
}

impl Net {
    /// The network compiled into the binary.
    pub fn embedded() -> &'static Net {
        static N: OnceLock<Net> = OnceLock::new();
        N.get_or_init(|| {
            // The weights are ours and tested; a broken file is a build defect.
            Net::from_bytes(EMBEDDED).unwrap_or_else(|e| panic!("embedded MRZ network: {e}"))
        })
    }

    /// Parse a weights file in the format above.
    pub fn from_bytes(b: &[u8]) -> Result<Net, String> {
        if b.len() < 11 || &b[..4] != MAGIC || b[4] != VERSION {
            return Err("not an MRZ network of version 1".into());
        }
        let u16_at = |i: usize| usize::from(u16::from_le_bytes([b[i], b[i + 1]]));
        let (c1, c2, f) = (u16_at(5), u16_at(7), u16_at(9));
        let mut floats = b[11..]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        let mut take = |n: usize| -> Result<Vec<f32>, String> {
            let v: Vec<f32> = floats.by_ref().take(n).collect();
            if v.len() == n {
                Ok(v)
            } else {
                Err("weights file ends early".into())
            }
        };
        if !WIDTHS.contains(&c1) || !WIDTHS.contains(&c2) {
            return Err(format!(
                "convolutions of {c1} and {c2} channels are not supported"
            ));
        }
        let flat = c2 * (CELL_H / 4) * (CELL_W / 4);
        let net = Net {
            c1,
            c2,
            f,
            conv1_w: take(c1 * 9)?,
            conv1_b: take(c1)?,
            conv2_w: take(c2 * c1 * 9)?,
            conv2_b: take(c2)?,
            fc1_w: take(f * flat)?,
            fc1_b: take(f)?,
            fc2_w: take(CLASSES * f)?,
            fc2_b: take(CLASSES)?,
            check: None,
        };
        let check = take(CELL).ok().zip(take(CLASSES).ok());
        Ok(Net {
            conv1_w: taps_last(&net.conv1_w, c1, 1),
            conv2_w: taps_last(&net.conv2_w, c2, c1),
            fc1_w: channels_last(&net.fc1_w, f, c2, CELL_H / 4, CELL_W / 4),
            check,
            ..net
        })
    }

    /// The number of weights.
    pub fn parameters(&self) -> usize {
        self.conv1_w.len()
            + self.conv1_b.len()
            + self.conv2_w.len()
            + self.conv2_b.len()
            + self.fc1_w.len()
            + self.fc1_b.len()
            + self.fc2_w.len()
            + self.fc2_b.len()
    }

    /// Class probabilities (softmax) of a prepared cell (see [`prepare`]).
    pub fn probabilities(&self, cell: &[f32; CELL], s: &mut Scratch) -> [f32; CLASSES] {
        let logits = self.logits(cell, s);
        let max = logits.iter().copied().fold(f32::MIN, f32::max);
        let mut p = [0f32; CLASSES];
        let mut sum = 0.0;
        for (o, &l) in p.iter_mut().zip(&logits) {
            *o = (l - max).exp();
            sum += *o;
        }
        for o in &mut p {
            *o /= sum;
        }
        p
    }

    /// The raw outputs for a prepared cell.
    pub fn logits(&self, cell: &[f32; CELL], s: &mut Scratch) -> [f32; CLASSES] {
        let (h, w) = (CELL_H, CELL_W);
        conv3x3_relu(cell, 1, h, w, &self.conv1_w, &self.conv1_b, &mut s.a);
        max_pool2(&s.a, self.c1, h, w, &mut s.b);
        let (h, w) = (h / 2, w / 2);
        conv3x3_relu(&s.b, self.c1, h, w, &self.conv2_w, &self.conv2_b, &mut s.c);
        max_pool2(&s.c, self.c2, h, w, &mut s.d);
        let flat = &s.d;
        let mut hidden = vec![0f32; self.f];
        for (j, o) in hidden.iter_mut().enumerate() {
            let row = &self.fc1_w[j * flat.len()..(j + 1) * flat.len()];
            *o = (self.fc1_b[j] + dot(row, flat)).max(0.0);
        }
        let mut out = [0f32; CLASSES];
        for (k, o) in out.iter_mut().enumerate() {
            *o = self.fc2_b[k] + dot(&self.fc2_w[k * self.f..(k + 1) * self.f], &hidden);
        }
        out
    }

    /// The trainer's check cell and its logits, when the file carries them.
    pub fn check(&self) -> Option<(&[f32], &[f32])> {
        self.check
            .as_ref()
            .map(|(i, o)| (i.as_slice(), o.as_slice()))
    }
}

/// The network's input for a cell of ink levels (0 paper … 1 ink, as the recogniser samples
/// it): scaled so the darkest ink is 1, so that a faint print and a dark one look alike.
/// The training tool writes its cells through this same function.
pub fn prepare(cell: &[f32; CELL]) -> [f32; CELL] {
    let max = cell.iter().copied().fold(0.0, f32::max).max(0.25);
    let mut out = [0f32; CELL];
    for (o, &v) in out.iter_mut().zip(cell) {
        *o = (v / max).clamp(0.0, 1.0);
    }
    out
}

/// Where one character cell lies in a line image: its left edge, width (the pitch), the top
/// of the cap band and the band's height, in image pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellBox {
    pub left: f32,
    pub pitch: f32,
    pub top: f32,
    pub cap: f32,
}

/// The cells the recogniser would classify at `boxes` of a line image, as ink levels (the
/// line's paper and ink measured over the whole image, as the recogniser's first reading
/// does): what the network's training data is cut with, so that it learns from exactly the
/// cells it will be shown.
pub fn ink_cells(img: GrayView<'_>, boxes: &[CellBox]) -> Vec<[f32; CELL]> {
    let (w, h) = (img.width, img.height);
    if w < 2 || h < 2 || img.pixels.len() < w * h {
        return Vec::new();
    }
    let ink = ink_map(img, w);
    boxes
        .iter()
        .map(|b| {
            let mut cell = [0f32; CELL];
            sample_cell(&ink, w, h, b.left, b.pitch, b.top, b.cap, &mut cell);
            cell
        })
        .collect()
}

/// PyTorch's convolution weights `[cout][cin][ky][kx]` as `[ky][kx][cin][cout]`: for one input
/// pixel and tap, the weights of every output channel side by side (what [`conv3x3_relu`]
/// runs along).
fn taps_last(w: &[f32], cout: usize, cin: usize) -> Vec<f32> {
    let mut out = vec![0f32; w.len()];
    for co in 0..cout {
        for ci in 0..cin {
            for tap in 0..9 {
                out[(tap * cin + ci) * cout + co] = w[(co * cin + ci) * 9 + tap];
            }
        }
    }
    out
}

/// A dense layer's weights over a flattened `c × h × w` map (PyTorch's order) reordered for
/// the map flattened channel-last (`h × w × c`), as the convolutions here leave it.
fn channels_last(wt: &[f32], rows: usize, c: usize, h: usize, w: usize) -> Vec<f32> {
    let flat = c * h * w;
    let mut out = vec![0f32; wt.len()];
    for j in 0..rows {
        for ch in 0..c {
            for y in 0..h {
                for x in 0..w {
                    out[j * flat + (y * w + x) * c + ch] = wt[j * flat + (ch * h + y) * w + x];
                }
            }
        }
    }
    out
}

/// 3×3 convolution with zero padding of one, then ReLU, on channel-last maps: `h × w × cin`
/// into `h × w × cout`, weights as [`taps_last`] orders them. Channel-last keeps the innermost
/// loop on the output channels, contiguous in both weights and output, which the compiler
/// turns into vector code (a plane-by-plane loop ran along rows of 8–16 pixels and was most
/// of a frame's reading time).
fn conv3x3_relu(
    input: &[f32],
    cin: usize,
    h: usize,
    w: usize,
    weight: &[f32],
    bias: &[f32],
    out: &mut Vec<f32>,
) {
    // The output channels as a fixed-size array, so that the sums stay in vector registers
    // across the taps; the widths the trainer builds (checked when the weights are loaded).
    match bias.len() {
        8 => conv3x3_relu_n::<8>(input, cin, h, w, weight, bias, out),
        16 => conv3x3_relu_n::<16>(input, cin, h, w, weight, bias, out),
        32 => conv3x3_relu_n::<32>(input, cin, h, w, weight, bias, out),
        n => unreachable!("a convolution of {n} channels is refused when the weights load"),
    }
}

/// Output channel counts [`conv3x3_relu`] runs.
const WIDTHS: [usize; 3] = [8, 16, 32];

fn conv3x3_relu_n<const COUT: usize>(
    input: &[f32],
    cin: usize,
    h: usize,
    w: usize,
    weight: &[f32],
    bias: &[f32],
    out: &mut Vec<f32>,
) {
    let mut first = [0f32; COUT];
    first.copy_from_slice(bias);
    out.clear();
    out.resize(h * w * COUT, 0.0);
    for (p, o) in out.chunks_exact_mut(COUT).enumerate() {
        let (y, x) = (p / w, p % w);
        let mut acc = first;
        // Taps whose input pixel (y + ky − 1, x + kx − 1) exists; the padding adds nothing.
        for ky in 0..3 {
            let Some(sy) = (y + ky).checked_sub(1).filter(|&sy| sy < h) else {
                continue;
            };
            for kx in 0..3 {
                let Some(sx) = (x + kx).checked_sub(1).filter(|&sx| sx < w) else {
                    continue;
                };
                let px = &input[(sy * w + sx) * cin..(sy * w + sx + 1) * cin];
                let taps = &weight[(ky * 3 + kx) * cin * COUT..(ky * 3 + kx + 1) * cin * COUT];
                for (&v, k) in px.iter().zip(taps.chunks_exact(COUT)) {
                    for (a, &wv) in acc.iter_mut().zip(k) {
                        *a += v * wv;
                    }
                }
            }
        }
        for (d, a) in o.iter_mut().zip(acc) {
            *d = a.max(0.0);
        }
    }
}

/// 2×2 max-pooling of a channel-last `h × w × c` map into `h/2 × w/2 × c`.
fn max_pool2(input: &[f32], c: usize, h: usize, w: usize, out: &mut Vec<f32>) {
    let (oh, ow) = (h / 2, w / 2);
    out.clear();
    out.resize(oh * ow * c, 0.0);
    for y in 0..oh {
        for x in 0..ow {
            let at = |yy: usize, xx: usize| {
                let p = ((2 * y + yy) * w + 2 * x + xx) * c;
                &input[p..p + c]
            };
            let (a, b, d, e) = (at(0, 0), at(0, 1), at(1, 0), at(1, 1));
            let o = &mut out[(y * ow + x) * c..(y * ow + x + 1) * c];
            for (k, v) in o.iter_mut().enumerate() {
                *v = a[k].max(b[k]).max(d[k]).max(e[k]);
            }
        }
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    acc.iter().sum::<f32>() + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_inference_matches_the_trainer() {
        let net = Net::embedded();
        let (input, expected) = net
            .check()
            .expect("the committed weights carry a check cell");
        let mut cell = [0f32; CELL];
        cell.copy_from_slice(input);
        let got = net.logits(&cell, &mut Scratch::default());
        for (g, e) in got.iter().zip(expected) {
            assert!((g - e).abs() < 1e-3, "logits {got:?} against {expected:?}");
        }
    }

    #[test]
    fn the_network_is_small() {
        // A few hundred kB embedded, a few hundred thousand multiply-adds per cell.
        assert!(Net::embedded().parameters() < 100_000);
        assert!(EMBEDDED.len() < 400_000);
    }

    #[test]
    fn a_truncated_file_is_refused() {
        assert!(Net::from_bytes(&EMBEDDED[..200]).is_err());
        assert!(Net::from_bytes(b"OCRB\x01").is_err());
    }
}
