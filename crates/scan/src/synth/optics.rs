//! The camera's side of a synthetic frame: what is behind the proof, uneven light, focus blur and
//! sensor noise.

use std::f32::consts::PI;

use rand::Rng;

/// A desk or counter behind the proof: smooth blotches at two scales, 30–190 grey.
pub(super) fn background(rng: &mut impl Rng, w: usize, h: usize) -> Vec<f32> {
    let coarse = ValueNoise::new(rng, w, h, 180.0);
    let fine = ValueNoise::new(rng, w, h, 23.0);
    let mut px = Vec::with_capacity(w * h);
    for y in 0..h {
        for x in 0..w {
            let v = 30.0 + 140.0 * coarse.at(x, y) + 20.0 * fine.at(x, y);
            px.push(v);
        }
    }
    px
}

struct ValueNoise {
    cell: f32,
    cols: usize,
    grid: Vec<f32>,
}

impl ValueNoise {
    fn new(rng: &mut impl Rng, w: usize, h: usize, cell: f32) -> ValueNoise {
        let cols = (w as f32 / cell) as usize + 2;
        let rows = (h as f32 / cell) as usize + 2;
        let grid = (0..cols * rows).map(|_| rng.random::<f32>()).collect();
        ValueNoise { cell, cols, grid }
    }

    fn at(&self, x: usize, y: usize) -> f32 {
        let (fx, fy) = (x as f32 / self.cell, y as f32 / self.cell);
        let (ix, iy) = (fx as usize, fy as usize);
        let (tx, ty) = (smooth(fx.fract()), smooth(fy.fract()));
        let g = |cx: usize, cy: usize| self.grid[cy * self.cols + cx];
        let top = g(ix, iy) + (g(ix + 1, iy) - g(ix, iy)) * tx;
        let bottom = g(ix, iy + 1) + (g(ix + 1, iy + 1) - g(ix, iy + 1)) * tx;
        top + (bottom - top) * ty
    }
}

fn smooth(t: f32) -> f32 {
    t * t * (3.0 - 2.0 * t)
}

/// Light falling off across the frame (a window on one side, a lamp on the other): ±12%.
pub(super) fn shade(rng: &mut impl Rng, px: &mut [f32], w: usize, h: usize) {
    let angle = rng.random_range(0.0..2.0 * PI);
    let (dx, dy) = (angle.cos(), angle.sin());
    let span = (w as f32).hypot(h as f32) / 2.0;
    for (i, v) in px.iter_mut().enumerate() {
        let (x, y) = (
            (i % w) as f32 - w as f32 / 2.0,
            (i / w) as f32 - h as f32 / 2.0,
        );
        *v *= 0.96 + 0.12 * (x * dx + y * dy) / span;
    }
}

pub(super) fn gaussian_blur(px: &[f32], w: usize, h: usize, sigma: f32) -> Vec<f32> {
    if sigma <= 0.0 {
        return px.to_vec();
    }
    let radius = (3.0 * sigma).ceil() as isize;
    let kernel: Vec<f32> = (-radius..=radius)
        .map(|i| (-(i * i) as f32 / (2.0 * sigma * sigma)).exp())
        .collect();
    let total: f32 = kernel.iter().sum();
    let kernel: Vec<f32> = kernel.iter().map(|k| k / total).collect();
    let pass = |src: &[f32], step: usize, len: usize, lines: usize, line_step: usize| {
        let mut out = vec![0.0; src.len()];
        for line in 0..lines {
            let base = line * line_step;
            for i in 0..len {
                let mut acc = 0.0;
                for (k, weight) in kernel.iter().enumerate() {
                    let j = (i as isize + k as isize - radius).clamp(0, len as isize - 1) as usize;
                    acc += weight * src[base + j * step];
                }
                out[base + i * step] = acc;
            }
        }
        out
    };
    let horizontal = pass(px, 1, w, h, w);
    pass(&horizontal, w, h, w, 1)
}

/// Standard normal sample (Box–Muller).
pub(super) fn normal(rng: &mut impl Rng) -> f32 {
    let u1: f32 = rng.random_range(f32::EPSILON..1.0);
    let u2: f32 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (2.0 * PI * u2).cos()
}
