//! Levelling a page held at any angle: the angle its text lines run at, found from the dark
//! pixels alone, and the frame turned by it so the lines run along rows or columns. The
//! quarter-turns (also here) and the small-slope shear of [`super::locate`] do the rest.
//!
//! Why a projection search rather than a line detector: the zone's lines are the longest,
//! densest parallel runs of ink on the page, so the angle at which the projected ink piles into
//! the sharpest peaks is theirs (and the printed fields', which run the same way). It costs a
//! couple of milliseconds on a quarter-size sample of the frame.

/// The angle (radians, within ±45°) that lines of ink in `ink` (`w × h`) run at, measured from
/// the rows (positive: running down to the right); lines along the columns count as level.
pub(super) fn ink_angle(ink: &[bool], w: usize, h: usize) -> f32 {
    const STEP: usize = 4;
    let mut points = Vec::new();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    for y in (0..h).step_by(STEP) {
        for x in (0..w).step_by(STEP) {
            if ink[y * w + x] {
                points.push(((x as f32 - cx) / STEP as f32, (y as f32 - cy) / STEP as f32));
            }
        }
    }
    if points.len() < 50 {
        return 0.0;
    }
    let reach = ((w * w + h * h) as f32).sqrt() / STEP as f32;
    let bins = reach.ceil() as usize + 2;
    let mut hist = vec![0u32; bins];
    // How peaked the projection across lines running at `a` is (both the rows' direction and
    // the columns').
    let mut peak = |a: f32| -> u64 {
        let (s, c) = a.sin_cos();
        let mut best = 0;
        for (ps, pc) in [(s, c), (c, -s)] {
            hist.iter_mut().for_each(|v| *v = 0);
            for &(x, y) in &points {
                // Truncating `+ 0.5` rounds as `round()` does here (a negative row is 0
                // either way), without a call into libm for every point and angle.
                let r = (y * pc - x * ps + reach / 2.0 + 0.5) as usize;
                if let Some(v) = hist.get_mut(r) {
                    *v += 1;
                }
            }
            best = best.max(hist.iter().map(|&v| u64::from(v) * u64::from(v)).sum());
        }
        best
    };
    let deg = std::f32::consts::PI / 180.0;
    let mut best = (0u64, 0.0f32);
    for k in -22..=22 {
        let a = 2.0 * k as f32 * deg;
        let p = peak(a);
        if p > best.0 {
            best = (p, a);
        }
    }
    let coarse = best.1;
    for k in -4..=4 {
        let a = coarse + 0.5 * k as f32 * deg;
        let p = peak(a);
        if p > best.0 {
            best = (p, a);
        }
    }
    best.1
}

/// `px` (`w × h`) turned by `-angle` about its centre, so lines running at `angle` become
/// level, on a canvas large enough to hold all of it; the corners are filled with the frame's
/// mean grey (white would draw edges that look like ink to the dark mask).
pub(super) fn turned(px: &[u8], w: usize, h: usize, angle: f32) -> (usize, usize, Vec<u8>) {
    let (s, c) = angle.sin_cos();
    let (ac, as_) = (c.abs(), s.abs());
    let nw = (w as f32 * ac + h as f32 * as_).ceil() as usize;
    let nh = (w as f32 * as_ + h as f32 * ac).ceil() as usize;
    let fill = (px.iter().map(|&v| u64::from(v)).sum::<u64>() / px.len().max(1) as u64) as u8;
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let (ncx, ncy) = (nw as f32 / 2.0, nh as f32 / 2.0);
    let mut out = vec![fill; nw * nh];
    for y in 0..nh {
        let dy = y as f32 + 0.5 - ncy;
        for x in 0..nw {
            let dx = x as f32 + 0.5 - ncx;
            // Output (dx, dy) is the source point turned by +angle.
            let sx = dx * c - dy * s + cx - 0.5;
            let sy = dx * s + dy * c + cy - 0.5;
            if sx < 0.0 || sy < 0.0 || sx >= (w - 1) as f32 || sy >= (h - 1) as f32 {
                continue;
            }
            let (x0, y0) = (sx as usize, sy as usize);
            let (fx, fy) = (sx - x0 as f32, sy - y0 as f32);
            let p = |yy: usize, xx: usize| f32::from(px[yy * w + xx]);
            let v = (p(y0, x0) * (1.0 - fx) + p(y0, x0 + 1) * fx) * (1.0 - fy)
                + (p(y0 + 1, x0) * (1.0 - fx) + p(y0 + 1, x0 + 1) * fx) * fy;
            out[y * nw + x] = round_level(v);
        }
    }
    (nw, nh, out)
}

/// A grey level computed in floats (never negative) rounded to the nearest level, as
/// `round()` would, without a call into libm (baseline x86-64 has no rounding instruction).
pub(super) fn round_level(v: f32) -> u8 {
    (v + 0.5) as u8
}

/// Rotate clockwise by `turns` quarter-turns.
pub(super) fn quarter_turned(px: &[u8], w: usize, h: usize, turns: u8) -> (usize, usize, Vec<u8>) {
    match turns % 4 {
        0 => (w, h, px.to_vec()),
        2 => (w, h, px.iter().rev().copied().collect()),
        t => {
            let mut out = vec![0; w * h];
            for y in 0..h {
                for x in 0..w {
                    // Clockwise: (x, y) → (h − 1 − y, x); counter-clockwise: (y, w − 1 − x).
                    let (nx, ny) = if t == 1 {
                        (h - 1 - y, x)
                    } else {
                        (y, w - 1 - x)
                    };
                    out[ny * h + nx] = px[y * w + x];
                }
            }
            (h, w, out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dark strokes along lines at `deg` degrees.
    fn striped(w: usize, h: usize, deg: f32) -> Vec<bool> {
        let (s, c) = (deg * std::f32::consts::PI / 180.0).sin_cos();
        (0..w * h)
            .map(|i| {
                let (x, y) = (
                    (i % w) as f32 - w as f32 / 2.0,
                    (i / w) as f32 - h as f32 / 2.0,
                );
                let r = y * c - x * s;
                r.rem_euclid(40.0) < 10.0 && (x * c + y * s).abs() < 300.0
            })
            .collect()
    }

    #[test]
    fn the_angle_of_lines_is_found_either_way_and_across_the_columns() {
        for deg in [-30.0f32, -17.0, 0.0, 12.5, 29.0] {
            let a = ink_angle(&striped(800, 600, deg), 800, 600).to_degrees();
            assert!((a - deg).abs() <= 1.0, "lines at {deg}°: found {a}°");
        }
        // Lines at 90° + 20° run 20° off the columns: turning by 20° makes them vertical.
        let a = ink_angle(&striped(800, 600, 110.0), 800, 600).to_degrees();
        assert!((a - 20.0).abs() <= 1.0, "found {a}°");
    }

    #[test]
    fn turning_levels_the_lines() {
        let (w, h) = (400, 300);
        let ink = striped(w, h, 25.0);
        let px: Vec<u8> = ink.iter().map(|&d| if d { 20 } else { 220 }).collect();
        let (nw, nh, out) = turned(&px, w, h, 25f32.to_radians());
        let mask: Vec<bool> = out.iter().map(|&v| v < 120).collect();
        assert!(ink_angle(&mask, nw, nh).to_degrees().abs() <= 1.0);
    }
}
