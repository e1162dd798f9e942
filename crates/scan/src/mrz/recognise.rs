//! Reading one rectified MRZ line image: find the cap band and the character pitch (the line's
//! character count is known: 30, 36 or 44), cut one cell per character, and classify each cell
//! against the OCR-B templates by normalised cross-correlation.

use super::cell::{classify, sample_cell};
use super::fuse::fuse;
use super::net::{Net, Scratch, prepare};
use super::templates::{CELL_H, CELL_W, Templates, normalise};

/// OCR-B advance ÷ cap height: an MRZ line's pitch in cap heights.
pub const PITCH_PER_CAP: f32 = 1.0;

/// A grey image borrowed from a caller: `width × height` levels, row-major, dark ink on light
/// paper (a binarised image works too).
#[derive(Debug, Clone, Copy)]
pub struct GrayView<'a> {
    pub width: usize,
    pub height: usize,
    pub pixels: &'a [u8],
}

/// One character as read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CharRead {
    /// The best class (`0-9`, `A-Z`, `<`).
    pub ch: u8,
    /// Its normalised cross-correlation with the best template, −1…1 (1: identical shape).
    pub score: f32,
    /// The next-best class and its score: a small gap is an uncertain read.
    pub runner_up: u8,
    pub runner_up_score: f32,
}

/// A line as read.
#[derive(Debug, Clone, PartialEq)]
pub struct LineRead {
    pub text: String,
    pub chars: Vec<CharRead>,
    /// Per character, the score of every class, in [`ALPHABET`](super::templates::ALPHABET) order: what the corrector uses
    /// to choose within a character class or to fix a failed check digit.
    pub scores: Vec<[f32; 37]>,
    /// Character pitch found, in image pixels.
    pub pitch: f32,
    /// Height of the cap band found, in image pixels.
    pub cap_height: f32,
}

impl LineRead {
    /// The least certain character's score (the line is as good as its worst character).
    pub fn min_score(&self) -> f32 {
        self.chars.iter().map(|c| c.score).fold(1.0, f32::min)
    }

    /// The mean character score.
    pub fn mean_score(&self) -> f32 {
        self.chars.iter().map(|c| c.score).sum::<f32>() / self.chars.len().max(1) as f32
    }
}

/// Read a line of exactly `n` characters from `img`, which should hold that line alone
/// (a few pixels of margin, roughly level). `None` when no text band is found.
pub fn recognise_line(img: GrayView<'_>, n: usize, templates: &Templates) -> Option<LineRead> {
    let (w, h) = (img.width, img.height);
    if n == 0 || w < n * 3 || h < 6 || img.pixels.len() < w * h {
        return None;
    }
    // Paper and ink levels over the whole crop first; a line read poorly is read again with
    // the levels measured strip by strip (a glare spot or a shadow over part of it), and the
    // better read is kept.
    let whole = read_inked(&ink_map(img, w), w, h, n, templates);
    if whole.as_ref().is_some_and(|r| r.min_score() >= LOCAL_BELOW) {
        return whole;
    }
    let local = read_inked(&ink_map(img, h.max(16)), w, h, n, templates);
    match (whole, local) {
        (Some(a), Some(b)) => Some(if b.mean_score() > a.mean_score() {
            b
        } else {
            a
        }),
        (a, b) => a.or(b),
    }
}

/// How well `img` fits a line of `n` OCR-B characters, cheaply: the mean best template score
/// of every third cell on the fitted grid (0 when no text band is found). Upright print scores
/// near 1; the same line upside down reads as shapes OCR-B does not have and scores well
/// below, so comparing the two tells which way up a line is before it is read.
pub(super) fn line_fit(img: GrayView<'_>, n: usize, templates: &Templates) -> f32 {
    let (w, h) = (img.width, img.height);
    if n == 0 || w < n * 3 || h < 6 || img.pixels.len() < w * h {
        return 0.0;
    }
    let ink = ink_map(img, w);
    let Some(LineGrid {
        top,
        bottom,
        x0,
        pitch,
    }) = line_grid(&ink, w, h, n)
    else {
        return 0.0;
    };
    let cap = bottom - top;
    Cells {
        ink: &ink,
        w,
        h,
        top: Linear::flat(top),
        cap: Linear::flat(cap),
        x0,
        pitch,
    }
    .sample_mean(n, templates)
}

/// Where a line's characters stand in its ink map: the cap band's top and bottom rows and the
/// grid of `n` cells (first cell's left edge, pitch).
struct LineGrid {
    top: f32,
    bottom: f32,
    x0: f32,
    pitch: f32,
}

/// The line's cap band and, from the column profile over it (a little wider than the caps),
/// its character grid. `None` when no band of at least 4 rows or no grid is found.
fn line_grid(ink: &[f32], w: usize, h: usize, n: usize) -> Option<LineGrid> {
    let (top, bottom) = band(ink, w, h, 0, w)?;
    let cap = bottom - top;
    if cap < 4.0 {
        return None;
    }
    let (y0, y1) = (
        (top - cap * 0.15).floor().max(0.0) as usize,
        ((bottom + cap * 0.15).ceil() as usize).min(h),
    );
    let mut cols = vec![0f32; w];
    for y in y0..y1 {
        for (c, v) in cols.iter_mut().zip(&ink[y * w..(y + 1) * w]) {
            *c += v;
        }
    }
    let (x0, pitch) = grid(&cols, n)?;
    Some(LineGrid {
        top,
        bottom,
        x0,
        pitch,
    })
}

/// Read a line from its ink map (see [`ink_map`]).
fn read_inked(
    ink: &[f32],
    w: usize,
    h: usize,
    n: usize,
    templates: &Templates,
) -> Option<LineRead> {
    let LineGrid {
        top,
        bottom,
        x0,
        pitch,
    } = line_grid(ink, w, h, n)?;
    let cap = bottom - top;
    // Under perspective the caps grow or shrink along the line: when the bands of the two end
    // thirds disagree, the band interpolated between them is tried as well (an end holding
    // only fillers, whose `<` is shorter than the caps, disagrees too: the scores decide).
    let ends = band(ink, w, h, 0, w / 3).zip(band(ink, w, h, w - w / 3, w));
    let tilted: Vec<(Linear, Linear)> = match ends {
        Some(((lt, lb), (rt, rb)))
            if (lb - lt) > 4.0
                && (rb - rt) > 4.0
                && ((lb - lt) - (rb - rt)).abs().max((lt - rt).abs()) > 0.08 * cap =>
        {
            vec![interpolate(w, (lt, lb), (rt, rb))]
        }
        _ => Vec::new(),
    };
    // OCR-B's digits stand a little taller than its capitals: the band of a line of digits
    // (a zone's lower line) is the digits' height, and mapping it onto the capitals' rows of
    // the templates squeezes every glyph (a `0` then reads as the shorter `O`). The band
    // taken as digits, capitals sharing its baseline, is read too.
    let digits = cap / DIGIT_PER_CAP;
    let bands = [
        (Linear::flat(top), Linear::flat(cap)),
        (Linear::flat(bottom - digits), Linear::flat(digits)),
    ]
    .into_iter()
    .chain(tilted);
    // Each band is judged on every third cell; the line is read in full on the best two.
    let mut judged: Vec<(f32, Cells<'_>)> = bands
        .map(|(top, cap)| Cells {
            ink,
            w,
            h,
            top,
            cap,
            x0,
            pitch,
        })
        .map(|c| (c.sample_mean(n, templates), c))
        .collect();
    judged.sort_by(|a, b| b.0.total_cmp(&a.0));
    judged
        .into_iter()
        .take(2)
        .map(|(_, cells)| {
            let fixed = cells.read(n, templates, false);
            // The fitted grid is right for a flat print; when a character reads poorly, the
            // characters may have drifted from it (a pitch a percent off, a line that grows
            // or shrinks along its length under perspective), so the line is read again
            // following the drift, and the read with the better mean score is kept.
            if fixed.min_score() >= FOLLOW_BELOW {
                return fixed;
            }
            let followed = cells.read(n, templates, true);
            if followed.mean_score() > fixed.mean_score() {
                followed
            } else {
                fixed
            }
        })
        .max_by(|a, b| a.mean_score().total_cmp(&b.mean_score()))
}

/// A cell read below this is also tried slightly above and below the band.
const RESEAT_BELOW: f32 = 0.8;

/// OCR-B digit height ÷ cap height.
const DIGIT_PER_CAP: f32 = 1.055;

/// A line whose worst character scores below this is read again with local ink levels.
const LOCAL_BELOW: f32 = 0.6;

/// A line whose worst character scores below this is read a second time following drift.
const FOLLOW_BELOW: f32 = 0.75;

/// A located line: its ink, cap band and character grid.
struct Cells<'a> {
    ink: &'a [f32],
    w: usize,
    h: usize,
    top: Linear,
    cap: Linear,
    x0: f32,
    pitch: f32,
}

impl Cells<'_> {
    /// The mean best score of every third cell on the fitted grid: how well this band fits.
    fn sample_mean(&self, n: usize, templates: &Templates) -> f32 {
        let mut cell = [0f32; CELL_W * CELL_H];
        let (mut sum, mut count) = (0.0, 0);
        for k in (0..n).step_by(3) {
            let left = self.x0 + k as f32 * self.pitch;
            let mut best = 0f32;
            for shift in [0.0, -0.08, 0.08] {
                let x = left + shift * self.pitch;
                let mid = x + self.pitch / 2.0;
                let (top, cap) = (self.top.of(mid), self.cap.of(mid));
                sample_cell(self.ink, self.w, self.h, x, self.pitch, top, cap, &mut cell);
                if normalise(&mut cell) < 1e-3 {
                    continue;
                }
                best = best.max(classify(&cell, templates).0.score);
                if best > 0.9 {
                    break;
                }
            }
            sum += best;
            count += 1;
        }
        sum / count.max(1) as f32
    }

    /// Classify the `n` cells; with `follow`, each confident read moves the grid by half the
    /// shift that fitted it best.
    fn read(&self, n: usize, templates: &Templates, follow: bool) -> LineRead {
        let net = Net::embedded();
        let Cells {
            ink,
            w,
            h,
            top,
            cap,
            x0,
            pitch,
        } = *self;
        let mut chars = Vec::with_capacity(n);
        let mut text = String::with_capacity(n);
        let mut scores = Vec::with_capacity(n);
        let mut cell: [f32; CELL_W * CELL_H];
        let shifts: &[f32] = if follow {
            &[0.0, -0.08, 0.08, -0.16, 0.16]
        } else {
            &[0.0, -0.08, 0.08]
        };
        let mut drift = 0.0f32;
        let mut raw = [0f32; CELL_W * CELL_H];
        let mut scratch = Scratch::default();
        for k in 0..n {
            let left = x0 + (k as f32 + drift) * pitch;
            // The best read so far: the templates' verdict, the shift it was found at and the
            // cell's ink as sampled there (what the network classifies).
            let mut best: Option<(CharRead, [f32; 37], f32, [f32; CELL_W * CELL_H])> = None;
            // A small search around the expected position absorbs pitch error and uneven
            // spacing.
            for &shift in shifts {
                if best.is_some_and(|b| b.0.score > 0.9) {
                    break;
                }
                let x = left + shift * pitch;
                let mid = x + pitch / 2.0;
                sample_cell(ink, w, h, x, pitch, top.of(mid), cap.of(mid), &mut raw);
                cell = raw;
                if normalise(&mut cell) < 1e-3 {
                    continue;
                }
                let (read, all) = classify(&cell, templates);
                if best.as_ref().is_none_or(|b| read.score > b.0.score) {
                    best = Some((read, all, shift, raw));
                }
            }
            // A poor read may sit off the band (a band measured on fillers, a line bending
            // under perspective): the cell is tried a little higher and lower at its best shift.
            if let Some((read, _, shift, _)) = best
                && read.score < RESEAT_BELOW
            {
                let x = left + shift * pitch;
                let mid = x + pitch / 2.0;
                for dy in [-0.08, 0.08] {
                    let c = cap.of(mid);
                    sample_cell(ink, w, h, x, pitch, top.of(mid) + dy * c, c, &mut raw);
                    cell = raw;
                    if normalise(&mut cell) < 1e-3 {
                        continue;
                    }
                    let (r, all) = classify(&cell, templates);
                    if best.as_ref().is_none_or(|b| r.score > b.0.score) {
                        best = Some((r, all, shift, raw));
                    }
                }
            }
            // Only a confident read moves the grid (a filler matches shifted cells too).
            if let Some((read, _, shift, _)) = best
                && follow
                && read.score > 0.75
            {
                drift += 0.5 * shift;
            }
            let (read, all) = best.map_or(
                (
                    CharRead {
                        ch: b'<',
                        score: 0.0,
                        runner_up: b'<',
                        runner_up_score: 0.0,
                    },
                    [0.0; 37],
                ),
                |(_, all, _, raw)| fuse(&all, &net.probabilities(&prepare(&raw), &mut scratch)),
            );
            text.push(char::from(read.ch));
            chars.push(read);
            scores.push(all);
        }
        LineRead {
            text,
            chars,
            scores,
            pitch,
            cap_height: cap.of(w as f32 / 2.0),
        }
    }
}

/// The band at every column of a `w`-column line from the bands (top, bottom) of its left and
/// right thirds, as (top, cap height).
fn interpolate(w: usize, left: (f32, f32), right: (f32, f32)) -> (Linear, Linear) {
    let span = w as f32 * 2.0 / 3.0;
    let x = w as f32 / 6.0;
    let (lc, rc) = (left.1 - left.0, right.1 - right.0);
    (
        Linear {
            at: left.0,
            x,
            slope: (right.0 - left.0) / span,
        },
        Linear {
            at: lc,
            x,
            slope: (rc - lc) / span,
        },
    )
}

/// A quantity that changes linearly along the line: `at` at column `x`.
#[derive(Clone, Copy)]
struct Linear {
    at: f32,
    x: f32,
    slope: f32,
}

impl Linear {
    fn flat(at: f32) -> Linear {
        Linear {
            at,
            x: 0.0,
            slope: 0.0,
        }
    }

    fn of(self, x: f32) -> f32 {
        self.at + self.slope * (x - self.x)
    }
}

/// Ink level 0…1 per pixel: 0 at the paper's level (a high percentile), 1 at the ink's, both
/// measured per strip of `strip` columns (the whole width: one level for the line).
pub(super) fn ink_map(img: GrayView<'_>, strip: usize) -> Vec<f32> {
    let (w, h) = (img.width, img.height);
    let px = &img.pixels[..w * h];
    // Paper and ink levels per vertical strip of `strip` columns, interpolated between strip
    // centres.
    let strip = strip.clamp(1, w);
    let strips = w.div_ceil(strip);
    let levels: Vec<(f32, f32)> = (0..strips)
        .map(|i| {
            let (xa, xb) = (i * strip, ((i + 1) * strip).min(w));
            let mut hist = [0usize; 256];
            for y in 0..h {
                for &p in &px[y * w + xa..y * w + xb] {
                    hist[usize::from(p)] += 1;
                }
            }
            let n = (xb - xa) * h;
            let pct = |q: f32| {
                let target = (n as f32 * q) as usize;
                let mut acc = 0;
                for (v, &c) in hist.iter().enumerate() {
                    acc += c;
                    if acc > target {
                        return v as f32;
                    }
                }
                255.0
            };
            (pct(0.03), pct(0.85))
        })
        .collect();
    let level_at = |x: usize| {
        let f = (x as f32 + 0.5) / strip as f32 - 0.5;
        let i = (f.floor().max(0.0) as usize).min(strips - 1);
        let j = (i + 1).min(strips - 1);
        let t = (f - i as f32).clamp(0.0, 1.0);
        let (d0, p0) = levels[i];
        let (d1, p1) = levels[j];
        (d0 + (d1 - d0) * t, p0 + (p1 - p0) * t)
    };
    let cols: Vec<(f32, f32)> = (0..w)
        .map(|x| {
            let (dark, paper) = level_at(x);
            (paper, (paper - dark).max(16.0))
        })
        .collect();
    px.iter()
        .enumerate()
        .map(|(i, &p)| {
            let (paper, span) = cols[i % w];
            ((paper - f32::from(p)) / span).clamp(0.0, 1.0)
        })
        .collect()
}

/// The cap band over columns `xa..xb`: (top, bottom) in rows, at half the mean ink of the
/// text rows.
fn band(ink: &[f32], w: usize, h: usize, xa: usize, xb: usize) -> Option<(f32, f32)> {
    let rows: Vec<f32> = (0..h)
        .map(|y| ink[y * w + xa..y * w + xb].iter().sum())
        .collect();
    // What every row holds besides the line: a guilloche or a tint under the print (the rows
    // above and below the line, a good fifth of the crop, hold only that). Left in, it spreads
    // the half-level band above and below the caps, and every glyph is sampled squeezed (`8`
    // reads `R`); taken out, a clean print's profile barely changes.
    let mut sorted = rows.clone();
    sorted.sort_by(f32::total_cmp);
    let floor = sorted.get(h / 5).copied().unwrap_or(0.0);
    let rows: Vec<f32> = rows.iter().map(|&r| (r - floor).max(0.0)).collect();
    let max = rows.iter().copied().fold(0.0, f32::max);
    if max <= 0.0 {
        return None;
    }
    // The run of text rows nearest the middle of the crop (a neighbouring line's edge may be
    // in it, and may even hold more ink).
    let core = |y: usize| rows[y] > 0.3 * max;
    let mid = h as f32 / 2.0;
    let peak = (0..h)
        .filter(|&y| core(y))
        .min_by(|&a, &b| (a as f32 - mid).abs().total_cmp(&(b as f32 - mid).abs()))?;
    let (mut a, mut b) = (peak, peak);
    while a > 0 && core(a - 1) {
        a -= 1;
    }
    while b + 1 < h && core(b + 1) {
        b += 1;
    }
    let level = 0.5 * rows[a..=b].iter().sum::<f32>() / (b - a + 1) as f32;
    // Walk outwards to the half-level crossings, interpolating between rows.
    let mut top = a as f32;
    let mut y = a;
    while y > 0 && rows[y - 1] >= level {
        y -= 1;
    }
    if y > 0 {
        let (lo, hi) = (rows[y - 1], rows[y]);
        top = (y as f32 - 0.5 + (level - lo) / (hi - lo).max(1e-6)).max(0.0);
    }
    let mut y = b;
    while y + 1 < h && rows[y + 1] >= level {
        y += 1;
    }
    let mut bottom = b as f32 + 1.0;
    if y + 1 < h {
        let (hi, lo) = (rows[y], rows[y + 1]);
        bottom = y as f32 + 0.5 + (hi - level) / (hi - lo).max(1e-6);
    }
    Some((top, bottom))
}

/// The character grid: left edge of the first cell and the pitch, chosen so that cell
/// boundaries fall on the columns with least ink while the `n` cells cover the inked extent.
fn grid(cols: &[f32], n: usize) -> Option<(f32, f32)> {
    let max = cols.iter().copied().fold(0.0, f32::max);
    let mut sorted = cols.to_vec();
    sorted.sort_by(f32::total_cmp);
    // Margins and the gaps between characters set the floor that noise leaves.
    let floor = sorted[sorted.len() / 5];
    let on = |c: &f32| *c > floor + 0.15 * (max - floor);
    let left = cols.iter().position(on)? as f32;
    let right = (cols.iter().rposition(on)? + 1) as f32;
    let extent = right - left;
    // OCR-B glyphs start 1/8–1/4 of the advance into their cell and end 1/8–5/16 before its
    // end, so the inked extent is (n − 1) pitches plus 0.44–0.75 of one (0.35–0.9 allowing
    // for blur): the pitch is known to about a percent before looking at the gaps.
    let (p_lo, p_hi) = (extent / (n as f32 - 0.1), extent / (n as f32 - 0.75));
    let at = |x: f32| {
        let i = x.floor();
        let f = x - i;
        let get = |j: f32| {
            if j < 0.0 || j >= cols.len() as f32 {
                0.0
            } else {
                cols[j as usize]
            }
        };
        get(i) * (1.0 - f) + get(i + 1.0) * f
    };
    let mut best: Option<(f32, f32, f32)> = None;
    for pi in 0..=40 {
        let p = p_lo + (p_hi - p_lo) * pi as f32 / 40.0;
        // The first cell's left edge lies 0–0.45 pitch left of the first ink.
        for xi in 0..=20 {
            let x0 = left - p * 0.45 * xi as f32 / 20.0;
            let end = x0 + n as f32 * p;
            if end < right || end > right + 0.5 * p {
                continue;
            }
            let cost: f32 = (0..=n).map(|k| at(x0 + k as f32 * p)).sum();
            if best.is_none_or(|(c, _, _)| cost < c) {
                best = Some((cost, x0, p));
            }
        }
    }
    best.map(|(_, x0, p)| (x0, p))
}
