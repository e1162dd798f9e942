//! Finding the zone in a whole frame (first version, for flat scans and frontal photos): the
//! zone's lines are the longest unbroken runs of dark text in the picture — fillers leave no word
//! gaps — stacked two or three high. Before a stack is read, a few of its cells are matched
//! each way up (cheap): a stack that fits OCR-B at the layout's pitch neither way is skipped,
//! and one that fits clearly better turned over is read turned over. Each line is cut out,
//! levelled (small skew), and read; the quarter-turns of the frame are tried until a settled
//! read, and the best-read one wins. When nothing is read,
//! a second pass bridges wider gaps inside a line (a tight crop of a card); when nothing is read
//! for sure, a third looks for the lines in the solid ink alone (a zone printed over guilloche,
//! whose faint lines join the characters to everything around them). A stack whose lines run
//! on into other ink on one side, or is not read for sure, is also read cut to the columns its
//! lines share. The bands and stacks are found and read in `stack.rs`; this module turns and
//! levels the frame and chooses among the passes.

use super::correct::DECIDED;
use super::ink::{dark_mask, darkness, strong_mask};
use super::parse::{Date, Mrz};
use super::stack::{bands, read_bands};
use super::templates::Templates;
use super::turn;
use crate::Frame;

/// What [`read_frame`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameRead {
    /// The lines as read, top to bottom.
    pub lines: Vec<String>,
    /// The parsed zone, when the lines fit a layout.
    pub mrz: Option<Mrz>,
    /// The lowest character score in the zone (0…1).
    pub min_score: f32,
    /// How decided the undecided characters are ([`crate::mrz::Corrected::min_margin`]).
    pub min_margin: f32,
    /// Quarter-turns clockwise applied to the frame (turned level first when it was held at
    /// an angle) to make the zone upright.
    pub quarter_turns: u8,
}

impl FrameRead {
    /// Every check digit and structure rule holds, every character is a confident OCR-B read
    /// and none was left undecided between two shapes the check digits cannot tell apart.
    pub fn valid(&self) -> bool {
        self.mrz.as_ref().is_some_and(|m| m.valid)
            && self.min_margin >= DECIDED
            && self.min_score >= MIN_VALID_SCORE
    }

    /// How two reads of one frame compare: a valid one first, then the surer.
    pub(super) fn rank(&self) -> (bool, f32) {
        (self.valid(), self.min_score)
    }

    /// No other reading of the frame is worth trying: the zone's lines fit a layout and every
    /// character is a confident OCR-B read. Whether it is valid is the parser's verdict on
    /// those characters; another stack of bands or another quarter-turn will not read them
    /// better.
    pub(super) fn settled(&self) -> bool {
        self.valid() || (self.min_score >= MIN_VALID_SCORE && self.mrz.is_some())
    }
}

/// A valid read needs every character at least this close to its template.
const MIN_VALID_SCORE: f32 = 0.7;

/// Look for a machine-readable zone in `frame` and read it. `today` sets birth-date centuries.
pub fn read_frame(frame: &Frame, today: Date) -> Option<FrameRead> {
    let (w, h) = (frame.width as usize, frame.height as usize);
    if frame.luma.len() < w * h || w < 30 || h < 10 {
        return None;
    }
    let t = Templates::embedded();
    // Small scans have caps of 5–8 px: doubling them gives the band finder and the cell
    // sampler room.
    let (w, h, luma) = if w.max(h) < 800 {
        upscale2(&frame.luma[..w * h], w, h)
    } else {
        (w, h, frame.luma[..w * h].to_vec())
    };
    // A page held at an angle beyond what levelling by shear copes with (a few degrees) is
    // turned level first; the frame as it is is read too when that gives no settled read.
    let depth = darkness(&luma, w, h);
    let angle = turn::ink_angle(&dark_mask(&depth), w, h);
    if angle.abs() > TURN_ABOVE {
        let (tw, th, turned) = turn::turned(&luma, w, h, angle);
        let turned_depth = darkness(&turned, tw, th);
        let read = read_levelled(&turned, &turned_depth, tw, th, today, t);
        if read.as_ref().is_some_and(FrameRead::settled) {
            return read;
        }
        let plain = read_levelled(&luma, &depth, w, h, today, t);
        return match (read, plain) {
            (Some(a), Some(b)) => Some(if b.rank() > a.rank() { b } else { a }),
            (a, b) => a.or(b),
        };
    }
    read_levelled(&luma, &depth, w, h, today, t)
}

/// Pages turned further than this (radians, about 6°) are turned level before reading.
const TURN_ABOVE: f32 = 0.105;

/// Read a frame whose lines run within a few degrees of its rows or columns; `depth` is its
/// [`darkness`].
fn read_levelled(
    luma: &[u8],
    depth: &[u8],
    w: usize,
    h: usize,
    today: Date,
    t: &Templates,
) -> Option<FrameRead> {
    let mut best: Option<FrameRead> = None;
    // The usual gaps first; wider gaps bridged inside a line only when nothing at all was read
    // (a tight crop of a card, whose characters stand far apart in frame widths).
    // Each quarter-turn, levelled, and its dark mask, made when first needed and kept for the
    // later passes.
    let mut upright: [[Option<Upright>; 4]; 2] = Default::default();
    let mut slopes: [[Option<f32>; 2]; 2] = [[None; 2]; 2];
    // Last, a frame with no settled read is looked at through its solid ink alone: on a
    // guilloche or tinted background the faint lines join the zone's characters to their
    // surroundings in the first mask, and its bands run past the zone's ends.
    // The quarter-turn the best read so far came from.
    let mut found_at: Option<u8> = None;
    for (ink, gap_div) in [(Ink::Any, 45), (Ink::Any, 22), (Ink::Solid, 45)] {
        if gap_div == 22 && best.is_some() {
            continue;
        }
        for turns in 0..4u8 {
            // A zone already read, though not for sure, runs along one axis of the frame: the
            // solid-ink pass looks along that one only (both ways up).
            if matches!(ink, Ink::Solid) && found_at.is_some_and(|f| f % 2 != turns % 2) {
                continue;
            }
            let u = upright[ink as usize][usize::from(turns)].get_or_insert_with(|| {
                level(luma, depth, w, h, turns, ink, &mut slopes[ink as usize])
            });
            let bands = bands(&u.ink, u.w, u.h, (u.w / gap_div).max(3));
            let Some(read) = read_bands(u, &bands, today, t) else {
                continue;
            };
            let read = FrameRead {
                quarter_turns: (turns + read.quarter_turns) % 4,
                ..read
            };
            if best.as_ref().is_none_or(|b| {
                read.rank()
                    .partial_cmp(&b.rank())
                    .is_some_and(|o| o.is_gt())
            }) {
                let done = read.settled();
                best = Some(read);
                found_at = Some(turns);
                if done {
                    return best;
                }
            }
        }
    }
    best
}

/// Which dark pixels the bands are found in.
#[derive(Debug, Clone, Copy)]
enum Ink {
    /// Every pixel darker than its surroundings ([`dark_mask`]).
    Any,
    /// Only those as dark as print ([`strong_mask`]).
    Solid,
}

/// The frame turned by `turns` quarter-turns, its dark pixels, and — for a zone photographed
/// at an angle, whose lines cross the rows so that no row holds a long run — every column
/// shifted to level the dominant slope of the ink. The slope is measured once per orientation
/// pair (a half-turn keeps slopes).
fn level(
    luma: &[u8],
    depth: &[u8],
    w: usize,
    h: usize,
    turns: u8,
    ink: Ink,
    slopes: &mut [Option<f32>; 2],
) -> Upright {
    // The frame's depth map turned with it (the same as measuring the turned frame's).
    let (_, _, depth) = turn::quarter_turned(depth, w, h, turns);
    let (w, h, px) = turn::quarter_turned(luma, w, h, turns);
    let ink = match ink {
        Ink::Any => dark_mask(&depth),
        Ink::Solid => strong_mask(&depth),
    };
    let slope = *slopes[usize::from(turns % 2)].get_or_insert_with(|| dominant_slope(&ink, w, h));
    let u = Upright {
        w,
        h,
        px,
        ink,
        slant: 0.0,
    };
    if slope.abs() < MIN_SHEAR {
        u
    } else {
        shear(&u, slope)
    }
}

/// Slopes below this (about a degree) are left to each line's own levelling.
const MIN_SHEAR: f32 = 0.02;

/// The slope (rows per column) along which the dark pixels line up best: the one whose sheared
/// row profile is the most peaked, searched over ±0.16 (about ±9°) on a quarter-size grid.
fn dominant_slope(ink: &[bool], w: usize, h: usize) -> f32 {
    const STEP: usize = 4;
    let (sw, sh) = (w / STEP, h / STEP);
    if sw < 8 || sh < 8 {
        return 0.0;
    }
    let mut points = Vec::new();
    for y in 0..sh {
        for x in 0..sw {
            if ink[(y * STEP) * w + x * STEP] {
                points.push((x as f32 - sw as f32 / 2.0, y as f32));
            }
        }
    }
    let margin = (0.16 * sw as f32 / 2.0).ceil() as usize + 1;
    let rows = sh + 2 * margin;
    let mut hist = vec![0u32; rows];
    let mut best = (0u64, 0.0f32);
    for k in -16i32..=16 {
        let slope = k as f32 / 100.0;
        hist.iter_mut().for_each(|v| *v = 0);
        for &(x, y) in &points {
            // `margin` keeps the row positive, where `+ 0.5` and truncation round as
            // `round()` does, without a call into libm for every point and slope.
            let r = (y - slope * x + margin as f32 + 0.5) as isize;
            if let Some(v) = usize::try_from(r).ok().and_then(|r| hist.get_mut(r)) {
                *v += 1;
            }
        }
        let peak: u64 = hist.iter().map(|&v| u64::from(v) * u64::from(v)).sum();
        if peak > best.0 {
            best = (peak, slope);
        }
    }
    best.1
}

/// `u` with every column shifted up or down so that lines of `slope` become level.
fn shear(u: &Upright, slope: f32) -> Upright {
    let extra = (slope.abs() * u.w as f32 / 2.0).ceil() as usize + 1;
    let h = u.h + 2 * extra;
    let mut px = vec![255u8; u.w * h];
    let mut ink = vec![false; u.w * h];
    for x in 0..u.w {
        let shift = (-slope * (x as f32 - u.w as f32 / 2.0)).round() as isize + extra as isize;
        for y in 0..u.h {
            let ny = (y as isize + shift) as usize;
            px[ny * u.w + x] = u.px[y * u.w + x];
            ink[ny * u.w + x] = u.ink[y * u.w + x];
        }
    }
    Upright {
        w: u.w,
        h,
        px,
        ink,
        slant: slope,
    }
}

/// Twice the size, bilinear.
fn upscale2(px: &[u8], w: usize, h: usize) -> (usize, usize, Vec<u8>) {
    let (nw, nh) = (w * 2, h * 2);
    let mut out = vec![0u8; nw * nh];
    for y in 0..nh {
        let sy = ((y as f32 + 0.5) / 2.0 - 0.5).clamp(0.0, (h - 1) as f32);
        let (y0, fy) = (sy.floor() as usize, sy.fract());
        let y1 = (y0 + 1).min(h - 1);
        for x in 0..nw {
            let sx = ((x as f32 + 0.5) / 2.0 - 0.5).clamp(0.0, (w - 1) as f32);
            let (x0, fx) = (sx.floor() as usize, sx.fract());
            let x1 = (x0 + 1).min(w - 1);
            let p = |yy: usize, xx: usize| f32::from(px[yy * w + xx]);
            let v = (p(y0, x0) * (1.0 - fx) + p(y0, x1) * fx) * (1.0 - fy)
                + (p(y1, x0) * (1.0 - fx) + p(y1, x1) * fx) * fy;
            out[y * nw + x] = turn::round_level(v);
        }
    }
    (nw, nh, out)
}

/// The frame turned upright one way, and its dark pixels.
pub(super) struct Upright {
    pub(super) w: usize,
    pub(super) h: usize,
    pub(super) px: Vec<u8>,
    pub(super) ink: Vec<bool>,
    /// The slope its columns were shifted by to level the lines ([`shear`]): the glyphs
    /// still lean by it.
    pub(super) slant: f32,
}
