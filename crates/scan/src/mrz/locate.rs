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
//! lines share.

use super::correct::{DECIDED, correct};
use super::ink::{dark_mask, darkness, strong_mask};
use super::parse::{Date, Format, Mrz, parse};
use super::recognise::{GrayView, LineRead, PITCH_PER_CAP, line_fit, recognise_line};
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
    fn rank(&self) -> (bool, f32) {
        (self.valid(), self.min_score)
    }

    /// No other reading of the frame is worth trying: the zone's lines fit a layout and every
    /// character is a confident OCR-B read. Whether it is valid is the parser's verdict on
    /// those characters; another stack of bands or another quarter-turn will not read them
    /// better.
    fn settled(&self) -> bool {
        self.valid() || (self.min_score >= MIN_VALID_SCORE && self.mrz.is_some())
    }
}

/// A valid read needs every character at least this close to its template.
const MIN_VALID_SCORE: f32 = 0.7;

/// A line whose characters match their templates this poorly on average is not a zone's line.
const MIN_LINE_MEAN: f32 = 0.55;

/// Characters below this score are not OCR-B characters (or not characters at all).
const MIN_SCORE: f32 = 0.5;

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

/// A horizontal band of text rows: rows `y0..y1`, columns `x0..x1`.
#[derive(Debug, Clone, Copy)]
struct Band {
    y0: usize,
    y1: usize,
    x0: usize,
    x1: usize,
}

/// The frame turned upright one way, and its dark pixels.
struct Upright {
    w: usize,
    h: usize,
    px: Vec<u8>,
    ink: Vec<bool>,
    /// The slope its columns were shifted by to level the lines ([`shear`]): the glyphs
    /// still lean by it.
    slant: f32,
}

fn read_bands(u: &Upright, bands: &[Band], today: Date, t: &Templates) -> Option<FrameRead> {
    // The zone: the lowest stack of 3 (TD1) or 2 bands of similar length.
    let mut best: Option<FrameRead> = None;
    for count in [3usize, 2] {
        if bands.len() < count {
            continue;
        }
        for start in (0..=bands.len() - count).rev() {
            let stack = &bands[start..start + count];
            // A stack read but not settled may hold other ink beside a line (a photo's edge
            // level with it): cut to the shared columns, it is read again.
            let read = match read_stack(u, stack, today, t) {
                Some(r) if r.settled() => Some(r),
                whole => {
                    let cut = clip(stack, &u.ink, u.w).and_then(|c| read_stack(u, &c, today, t));
                    match (whole, cut) {
                        (Some(a), Some(b)) => Some(if b.rank() > a.rank() { b } else { a }),
                        (a, b) => a.or(b),
                    }
                }
            };
            let Some(read) = read else {
                continue;
            };
            if best.as_ref().is_none_or(|b| read.rank() > b.rank()) {
                best = Some(read);
            }
            if best.as_ref().is_some_and(FrameRead::settled) {
                return best;
            }
        }
    }
    best.filter(|b| b.min_score >= MIN_SCORE)
}

/// A stack whose lines run on into other ink on one side (a second card beside the first, a
/// barcode level with the last line): every band cut to the columns they all share, and a cut
/// band's rows narrowed to those inked within its new columns. `None` when the bands already
/// share their extent or barely overlap.
fn clip(stack: &[Band], ink: &[bool], w: usize) -> Option<Vec<Band>> {
    let x0 = stack.iter().map(|b| b.x0).max()?;
    let x1 = stack.iter().map(|b| b.x1).min()?;
    let shortest = stack.iter().map(|b| b.x1 - b.x0).min()?;
    if x1 <= x0 || ((x1 - x0) as f32) < 0.9 * shortest as f32 {
        return None;
    }
    if stack.iter().all(|b| b.x0 == x0 && b.x1 == x1) {
        return None;
    }
    let bands = stack
        .iter()
        .map(|b| {
            let rows: Vec<usize> = (b.y0..b.y1)
                .map(|y| ink[y * w + x0..y * w + x1].iter().filter(|&&d| d).count())
                .collect();
            let max = rows.iter().copied().max().unwrap_or(0);
            let inked = |i: &usize| rows[*i] * 10 >= max * 3;
            let first = (0..rows.len()).find(inked).unwrap_or(0);
            let last = (0..rows.len())
                .rfind(inked)
                .unwrap_or(rows.len().saturating_sub(1));
            Band {
                y0: b.y0 + first,
                y1: b.y0 + last + 1,
                x0,
                x1,
            }
        })
        .collect();
    Some(bands)
}

fn read_stack(u: &Upright, stack: &[Band], today: Date, t: &Templates) -> Option<FrameRead> {
    // Similar lengths and heights, evenly stacked.
    let len = |b: &Band| (b.x1 - b.x0) as f32;
    let (lmin, lmax) = stack
        .iter()
        .map(len)
        .fold((f32::MAX, 0f32), |(a, b), l| (a.min(l), b.max(l)));
    if lmin < 0.8 * lmax {
        return None;
    }
    // Lines of one zone: similar heights, each starting within a line height or two of the
    // one above.
    let height = |b: &Band| (b.y1 - b.y0) as f32;
    let (hmin, hmax) = stack
        .iter()
        .map(height)
        .fold((f32::MAX, 0f32), |(a, b), v| (a.min(v), b.max(v)));
    if hmin < 0.6 * hmax
        || stack
            .windows(2)
            .any(|p| (p[1].y0 - p[0].y0) as f32 > 3.0 * hmax)
    {
        return None;
    }
    let formats: &[usize] = if stack.len() == 3 { &[30] } else { &[44, 36] };
    let mut best: Option<FrameRead> = None;
    for &n in formats {
        // Cheap test before reading: the band's pitch over its height must look like OCR-B
        // (the band is a little taller than the caps, and spaced wider than the font).
        let pitch = lmax / n as f32;
        if !(0.6..1.8).contains(&(pitch / hmax / PITCH_PER_CAP)) {
            continue;
        }
        // A stack upside down in this quarter-turn is read turned over right here (its last
        // band is then its first line), rather than read as garbage now and found again two
        // quarter-turns later: most of a frame's time went on such reads.
        let (upright, flipped) = stack_fit(u, stack, n, t);
        if upright.max(flipped) < MIN_FIT {
            continue;
        }
        let flip = flipped > upright + FLIP_MARGIN;
        let ordered: Vec<&Band> = if flip {
            stack.iter().rev().collect()
        } else {
            stack.iter().collect()
        };
        let mut reads: Vec<LineRead> = Vec::new();
        for b in ordered {
            let read = read_band(u, b, n, t, flip)?;
            // Print that is not OCR-B at this pitch (a form's text, a card's other lines)
            // matches no template well: the stack's other lines are not worth reading.
            if read.mean_score() < MIN_LINE_MEAN {
                break;
            }
            reads.push(read);
        }
        if reads.len() < stack.len() {
            continue;
        }
        // A wrong character count shows as a pitch that does not fit OCR-B's proportions.
        let ratio_ok = reads.iter().all(|r| {
            let q = r.pitch / r.cap_height / PITCH_PER_CAP;
            (0.75..1.45).contains(&q)
        });
        if !ratio_ok {
            continue;
        }
        let format = match (stack.len(), n) {
            (3, _) => Format::Td1,
            (_, 44) if reads[0].text.starts_with('V') => Format::MrvA,
            (_, 44) => Format::Td3,
            _ if reads[0].text.starts_with('V') => Format::MrvB,
            _ if reads[0].text.starts_with("IDFRA") => Format::FraId,
            _ => Format::Td2,
        };
        let corrected = correct(format, &reads);
        let lines = corrected.lines;
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let read = FrameRead {
            mrz: parse(&refs, today).ok(),
            min_score: reads.iter().map(LineRead::min_score).fold(1.0, f32::min),
            min_margin: corrected.min_margin,
            lines,
            quarter_turns: if flip { 2 } else { 0 },
        };
        if best.as_ref().is_none_or(|b| read.rank() > b.rank()) {
            best = Some(read);
        }
        // A zone read confidently at 44 characters is not also read at 36.
        if best.as_ref().is_some_and(FrameRead::settled) {
            break;
        }
    }
    best
}

/// How well a stack fits lines of `n` OCR-B characters as it stands and turned over: the
/// mean [`line_fit`] of its first and last bands each way. Both are read: a line of fillers
/// (a short name) fits nearly as well upside down, a line of digits does not.
fn stack_fit(u: &Upright, stack: &[Band], n: usize, t: &Templates) -> (f32, f32) {
    let ends: &[Band] = match stack {
        [first, .., last] => &[*first, *last],
        _ => stack,
    };
    let (mut upright, mut flipped) = (0.0, 0.0);
    for b in ends {
        let (cw, ch, mut crop) = cut_band(u, b);
        let fit = |px: &[u8]| {
            let view = GrayView {
                width: cw,
                height: ch,
                pixels: px,
            };
            line_fit(view, n, t)
        };
        upright += fit(&crop);
        crop.reverse();
        flipped += fit(&crop);
    }
    let k = ends.len().max(1) as f32;
    (upright / k, flipped / k)
}

/// A stack that fits OCR-B at this pitch worse than this either way is not read at it: the
/// zone's lines fit at 0.7–0.97, upside down at about 0.7; a zone at the wrong character
/// count, printed fields and a photo's stripes at 0.45–0.6 (tuning frames).
const MIN_FIT: f32 = 0.6;

/// How much better a stack must fit turned over to be read that way. A closer call is read as
/// it stands: the quarter-turn two further on reads it upright in any case.
const FLIP_MARGIN: f32 = 0.08;

/// Cut a band out with margins, level it, and read it (`flip`: turned over, a half-turn).
fn read_band(u: &Upright, b: &Band, n: usize, t: &Templates, flip: bool) -> Option<LineRead> {
    let (cw, ch, mut crop) = cut_band(u, b);
    if flip {
        // A row-major image turned by a half-turn is its pixels in reverse order.
        crop.reverse();
    }
    recognise_line(
        GrayView {
            width: cw,
            height: ch,
            pixels: &crop,
        },
        n,
        t,
    )
}

/// A band cut out with margins and levelled: width, height and pixels.
fn cut_band(u: &Upright, b: &Band) -> (usize, usize, Vec<u8>) {
    let (px, w, h) = (&u.px[..], u.w, u.h);
    let bh = b.y1 - b.y0;
    let mx = bh / 2 + 2;
    let my = bh + 2;
    let (x0, x1) = (b.x0.saturating_sub(mx), (b.x1 + mx).min(w));
    let (y0, y1) = (b.y0.saturating_sub(my), (b.y1 + my).min(h));
    let (cw, ch) = (x1 - x0, y1 - y0);
    // Skew: centre of ink per fifth of the line, fitted by a straight line.
    let slope = skew(
        px,
        w,
        b.x0,
        b.x1,
        b.y0.saturating_sub(bh / 3),
        (b.y1 + bh / 3).min(h),
    );
    let (xc, yc) = (cw as f32 / 2.0, ch as f32 / 2.0);
    // Levelling by columns leaves the glyphs leaning by the whole angle (the frame's shear
    // and this line's own skew): each row is also shifted sideways to stand them up.
    let lean = if (u.slant + slope).abs() < 0.02 {
        // Below a degree the lean is lost in the cells' sampling; levelling the rows alone
        // keeps small prints exactly as the templates were made.
        0.0
    } else {
        u.slant + slope
    };
    let mut crop = vec![255u8; cw * ch];
    for y in 0..ch {
        let dx = lean * (yc - y as f32);
        for x in 0..cw {
            let sx = x0 as f32 + x as f32 + dx;
            let sy = (y0 + y) as f32 + slope * (x as f32 - xc);
            if sx < 0.0 || sy < 0.0 {
                continue;
            }
            // Truncation is the floor here (both are positive), without a call into libm
            // (baseline x86-64 has no rounding instruction; this loop runs for every pixel of
            // every band cut out).
            let (sx0, sy0) = ((sx as usize) as f32, (sy as usize) as f32);
            if sx0 as usize + 1 >= w || sy0 as usize + 1 >= h {
                continue;
            }
            let (fx, fy) = (sx - sx0, sy - sy0);
            let (i, j) = (
                sy0 as usize * w + sx0 as usize,
                (sy0 as usize + 1) * w + sx0 as usize,
            );
            let p = |k: usize| f32::from(px[k]);
            let top = p(i) * (1.0 - fx) + p(i + 1) * fx;
            let bottom = p(j) * (1.0 - fx) + p(j + 1) * fx;
            crop[y * cw + x] = turn::round_level(top * (1.0 - fy) + bottom * fy);
        }
    }
    (cw, ch, crop)
}

fn skew(px: &[u8], w: usize, x0: usize, x1: usize, y0: usize, y1: usize) -> f32 {
    let parts = 5;
    let span = (x1 - x0) / parts;
    if span == 0 || y1 <= y0 {
        return 0.0;
    }
    let mut pts = Vec::new();
    for p in 0..parts {
        let (mut sw, mut sy) = (0.0, 0.0);
        for y in y0..y1 {
            for x in x0 + p * span..x0 + (p + 1) * span {
                let ink = 255.0 - f32::from(px[y * w + x]);
                sw += ink;
                sy += ink * y as f32;
            }
        }
        if sw > 0.0 {
            pts.push(((p as f32 + 0.5) * span as f32, sy / sw));
        }
    }
    if pts.len() < 3 {
        return 0.0;
    }
    let n = pts.len() as f32;
    let mx = pts.iter().map(|p| p.0).sum::<f32>() / n;
    let my = pts.iter().map(|p| p.1).sum::<f32>() / n;
    let sxy: f32 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let sxx: f32 = pts.iter().map(|p| (p.0 - mx) * (p.0 - mx)).sum();
    (sxy / sxx.max(1e-6)).clamp(-0.1, 0.1)
}

/// Bands of rows whose longest run of closely spaced dark pixels spans much of the width.
fn bands(ink: &[bool], w: usize, h: usize, gap: usize) -> Vec<Band> {
    // Longest run per row, gaps up to `gap` bridged (a character's inner gap, not a word gap
    // — the zone has none).
    let runs: Vec<(usize, usize)> = (0..h)
        .map(|y| {
            // Three rows together, so a slightly skewed line still makes long runs.
            let (ya, yb) = (y.saturating_sub(1), (y + 2).min(h));
            let row: Vec<bool> = (0..w).map(|x| (ya..yb).any(|yy| ink[yy * w + x])).collect();
            let (mut best, mut start, mut last) = ((0, 0), None::<usize>, 0);
            for (x, &d) in row.iter().enumerate() {
                if !d {
                    continue;
                }
                match start {
                    Some(s) if x - last <= gap => {
                        if x - s > best.1 - best.0 {
                            best = (s, x);
                        }
                    }
                    _ => start = Some(x),
                }
                last = x;
            }
            best
        })
        .collect();
    // A zone line of 30 characters with 14-pixel caps spans a third of a 720p frame.
    let long = |r: &(usize, usize)| r.1 - r.0 >= w / 3;

    let mut out: Vec<Band> = Vec::new();
    let mut y = 0;
    while y < h {
        if !long(&runs[y]) {
            y += 1;
            continue;
        }
        let y0 = y;
        let (mut x0, mut x1) = (usize::MAX, 0);
        while y < h && long(&runs[y]) {
            x0 = x0.min(runs[y].0);
            x1 = x1.max(runs[y].1 + 1);
            y += 1;
        }
        // A row or two where the run breaks (a skewed line, a gap in the print) splits a
        // line in two: join bands that nearly touch.
        match out.last_mut() {
            Some(last) if y0 <= last.y1 + 2 => {
                *last = Band {
                    y0: last.y0,
                    y1: y,
                    x0: last.x0.min(x0),
                    x1: last.x1.max(x1),
                };
            }
            _ => out.push(Band { y0, y1: y, x0, x1 }),
        }
    }
    // Too thin to be text, or cut by the frame's edge.
    out.retain(|b| b.y1 - b.y0 >= 4 && b.y0 > 0 && b.y1 < h);
    out
}
