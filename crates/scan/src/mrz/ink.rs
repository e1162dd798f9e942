//! Which pixels of a frame are ink: darker than their neighbourhood, and — for a zone printed
//! over guilloche or tints — as dark as print. Both masks come from one depth map
//! ([`darkness`]), which is made once per frame: its neighbourhoods are squares, so the depth
//! map of a frame turned by quarter-turns is the depth map turned alike.

/// Dark pixels: darker than their neighbourhood's mean by a margin.
pub(super) fn dark_mask(depth: &[u8]) -> Vec<bool> {
    depth.iter().map(|&d| d > 0).collect()
}

/// Strongly dark pixels: as [`dark_mask`], and darker than their neighbourhood by at least
/// half of what the frame's darkest ink stands out by (guilloche and tints stand out by much
/// less than printed characters do).
pub(super) fn strong_mask(depth: &[u8]) -> Vec<bool> {
    let mut hist = [0u32; 256];
    for &d in depth.iter().filter(|&&d| d > 0) {
        hist[usize::from(d)] += 1;
    }
    // The depth the darkest hundredth of the dark pixels reach.
    let total: u32 = hist.iter().sum();
    let mut seen = 0u32;
    let p99 = (0..256)
        .rev()
        .find(|&d| {
            seen += hist[d];
            seen * 100 >= total
        })
        .unwrap_or(0);
    let floor = (p99 / 2).max(1) as u8;
    depth.iter().map(|&d| d >= floor).collect()
}

/// Per pixel, how much darker than its neighbourhood's mean it is (grey levels), where it is
/// darker by a margin (`px < mean · 0.85 − 4`); 0 elsewhere. Means over a square of side
/// 1/25 of the frame's longer side, from an integral image.
pub(super) fn darkness(px: &[u8], w: usize, h: usize) -> Vec<u8> {
    let mut integral = vec![0u64; (w + 1) * (h + 1)];
    for y in 0..h {
        let mut row = 0u64;
        for x in 0..w {
            row += u64::from(px[y * w + x]);
            integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
        }
    }
    let r = (w.max(h) / 50).max(4);
    let mut out = vec![0u8; w * h];
    for y in 0..h {
        let (ya, yb) = (y.saturating_sub(r), (y + r + 1).min(h));
        for x in 0..w {
            let (xa, xb) = (x.saturating_sub(r), (x + r + 1).min(w));
            let sum = integral[yb * (w + 1) + xb] + integral[ya * (w + 1) + xa]
                - integral[ya * (w + 1) + xb]
                - integral[yb * (w + 1) + xa];
            let mean = sum as f32 / ((yb - ya) * (xb - xa)) as f32;
            let p = f32::from(px[y * w + x]);
            if p < mean * 0.85 - 4.0 {
                out[y * w + x] = (mean - p).clamp(1.0, 255.0) as u8;
            }
        }
    }
    out
}
