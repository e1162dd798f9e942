//! Stacks of text bands in an upright frame: the bands (the longest unbroken runs of dark
//! text, rows of them joined), stacks of two or three of them that could be a zone, each
//! checked both ways up from a few cells, then cut out, levelled and read line by line.

use super::correct::correct;
use super::locate::{FrameRead, Upright};
use super::parse::{Date, Format, parse};
use super::recognise::{GrayView, LineRead, PITCH_PER_CAP, line_fit, recognise_line};
use super::templates::Templates;
use super::turn;

/// A horizontal band of text rows: rows `y0..y1`, columns `x0..x1`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Band {
    y0: usize,
    y1: usize,
    x0: usize,
    x1: usize,
}

/// Characters below this score are not OCR-B characters (or not characters at all).
const MIN_SCORE: f32 = 0.5;

/// A line whose characters match their templates this poorly on average is not a zone's line.
const MIN_LINE_MEAN: f32 = 0.55;

pub(super) fn read_bands(
    u: &Upright,
    bands: &[Band],
    today: Date,
    t: &Templates,
) -> Option<FrameRead> {
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
    // The bands cut out once, when a layout's pitch first fits, for every fit and read after.
    let mut cuts: Option<Vec<Cut>> = None;
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
        let cuts = cuts.get_or_insert_with(|| stack.iter().map(|b| Cut::new(u, b)).collect());
        let (upright, flipped) = stack_fit(cuts, n, t);
        if upright.max(flipped) < MIN_FIT {
            continue;
        }
        let flip = flipped > upright + FLIP_MARGIN;
        let ordered: Vec<&Cut> = if flip {
            cuts.iter().rev().collect()
        } else {
            cuts.iter().collect()
        };
        let mut reads: Vec<LineRead> = Vec::new();
        for cut in ordered {
            let read = recognise_line(cut.view(flip), n, t)?;
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
fn stack_fit(cuts: &[Cut], n: usize, t: &Templates) -> (f32, f32) {
    let ends: Vec<&Cut> = match cuts {
        [first, .., last] => vec![first, last],
        _ => cuts.iter().collect(),
    };
    let k = ends.len().max(1) as f32;
    let fit = |flip: bool| {
        ends.iter()
            .map(|c| line_fit(c.view(flip), n, t))
            .sum::<f32>()
            / k
    };
    (fit(false), fit(true))
}

/// A stack that fits OCR-B at this pitch worse than this either way is not read at it: the
/// zone's lines fit at 0.7–0.97, upside down at about 0.7; a zone at the wrong character
/// count, printed fields and a photo's stripes at 0.45–0.6 (tuning frames).
const MIN_FIT: f32 = 0.6;

/// How much better a stack must fit turned over to be read that way. A closer call is read as
/// it stands: the quarter-turn two further on reads it upright in any case.
const FLIP_MARGIN: f32 = 0.08;

/// A band cut out with margins and levelled ([`cut_band`]), as it stands and turned over.
struct Cut {
    w: usize,
    h: usize,
    upright: Vec<u8>,
    /// Turned by a half-turn: a row-major image's pixels in reverse order.
    flipped: Vec<u8>,
}

impl Cut {
    fn new(u: &Upright, b: &Band) -> Cut {
        let (w, h, upright) = cut_band(u, b);
        let flipped = upright.iter().rev().copied().collect();
        Cut {
            w,
            h,
            upright,
            flipped,
        }
    }

    fn view(&self, flip: bool) -> GrayView<'_> {
        GrayView {
            width: self.w,
            height: self.h,
            pixels: if flip { &self.flipped } else { &self.upright },
        }
    }
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
pub(super) fn bands(ink: &[bool], w: usize, h: usize, gap: usize) -> Vec<Band> {
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
