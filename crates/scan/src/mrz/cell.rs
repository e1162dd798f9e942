//! One character cell: sampled from a line's ink levels into the templates' geometry, and
//! matched against every OCR-B template (normalised cross-correlation). The reader does this
//! for every shift it tries of every character, so it is written to be cheap.

use super::recognise::CharRead;
use super::templates::{CAP_H, CAP_TOP, CELL_H, CELL_W, Templates};

/// Resample one character cell into template geometry (bilinear).
#[allow(clippy::too_many_arguments)]
pub(super) fn sample_cell(
    ink: &[f32],
    w: usize,
    h: usize,
    left: f32,
    pitch: f32,
    top: f32,
    cap: f32,
    out: &mut [f32; CELL_W * CELL_H],
) {
    // Bilinear sampling on an axis-aligned grid: each column's and each row's neighbours and
    // weights are found once, not once per pixel (this runs for every shift of every cell).
    let mut cols = [None; CELL_W];
    for (u, c) in cols.iter_mut().enumerate() {
        *c = taps(left + (u as f32 + 0.5) / CELL_W as f32 * pitch - 0.5, w);
    }
    for (v, row) in out.chunks_exact_mut(CELL_W).enumerate() {
        let Some((y0, y1, fy)) = taps(top + ((v as f32 + 0.5) - CAP_TOP) / CAP_H * cap - 0.5, h)
        else {
            row.fill(0.0);
            continue;
        };
        let (r0, r1) = (&ink[y0 * w..(y0 + 1) * w], &ink[y1 * w..(y1 + 1) * w]);
        for (o, c) in row.iter_mut().zip(&cols) {
            *o = c.map_or(0.0, |(x0, x1, fx)| {
                let a = r0[x0] * (1.0 - fx) + r0[x1] * fx;
                let b = r1[x0] * (1.0 - fx) + r1[x1] * fx;
                a * (1.0 - fy) + b * fy
            });
        }
    }
}

/// The two neighbours of position `x` on an axis of `n` samples and the weight of the second;
/// `None` outside the samples (read as paper).
fn taps(x: f32, n: usize) -> Option<(usize, usize, f32)> {
    if x < 0.0 || x > (n - 1) as f32 {
        return None;
    }
    let x0 = x as usize; // the floor: x is not negative here
    Some((x0, (x0 + 1).min(n - 1), x - x0 as f32))
}

/// Best and runner-up class for a normalised cell (per class, the best of its variants).
pub(super) fn classify(cell: &[f32; CELL_W * CELL_H], t: &Templates) -> (CharRead, [f32; 37]) {
    // Every class against its first variant, then all variants for the classes that came
    // near the best: the others cannot win, and their scores only rank far-off rivals.
    let mut all = [0f32; 37];
    let classes = t.chars.len().min(37);
    // Four classes at a time share each load of the cell (same sums, in the same order).
    let mut ci = 0;
    while ci + 4 <= classes {
        let tpl = |k: usize| &t.cells[(ci + k) * t.variants];
        all[ci..ci + 4].copy_from_slice(&dot4([tpl(0), tpl(1), tpl(2), tpl(3)], cell));
        ci += 4;
    }
    for (k, score) in all.iter_mut().enumerate().take(classes).skip(ci) {
        *score = dot(&t.cells[k * t.variants], cell);
    }
    let lead = all.iter().copied().fold(f32::MIN, f32::max);
    for (ci, score) in all.iter_mut().enumerate().take(t.chars.len()) {
        if *score < lead - FULL_SEARCH_WITHIN {
            continue;
        }
        for tpl in &t.cells[ci * t.variants + 1..(ci + 1) * t.variants] {
            *score = score.max(dot(tpl, cell));
        }
    }
    let mut best = (f32::MIN, b'<');
    let mut second = (f32::MIN, b'<');
    for (&ch, &s) in t.chars.iter().zip(&all) {
        if s > best.0 {
            second = best;
            best = (s, ch);
        } else if s > second.0 {
            second = (s, ch);
        }
    }
    (
        CharRead {
            ch: best.1,
            score: best.0,
            runner_up: second.1,
            runner_up_score: second.0,
        },
        all,
    )
}

/// Classes whose first variant scores within this of the best one are matched against all
/// their variants (the variants move a score by a few hundredths, rarely more).
const FULL_SEARCH_WITHIN: f32 = 0.2;

/// [`dot`] of four templates with one cell: the cell is read once for the four.
fn dot4(t: [&[f32; CELL_W * CELL_H]; 4], b: &[f32; CELL_W * CELL_H]) -> [f32; 4] {
    let mut acc = [[0f32; 8]; 4];
    for (j, y) in b.chunks_exact(8).enumerate() {
        for (a, tpl) in acc.iter_mut().zip(&t) {
            let x = &tpl[j * 8..j * 8 + 8];
            for i in 0..8 {
                a[i] += x[i] * y[i];
            }
        }
    }
    acc.map(|a| a.iter().sum())
}

/// Dot product with eight partial sums, which the compiler turns into vector code.
fn dot(a: &[f32; CELL_W * CELL_H], b: &[f32; CELL_W * CELL_H]) -> f32 {
    let mut acc = [0f32; 8];
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    acc.iter().sum()
}
