//! One verdict per character cell from the two recognisers: the OCR-B templates' correlation
//! and the trained network's probabilities ([`super::net`]).

use super::net::CLASSES;
use super::recognise::CharRead;
use super::templates::ALPHABET;

/// How much the network's probability weighs in a character's score, against the templates'
/// correlation (tuned on the synthetic tuning frames, never on the validation pages).
const NET_WEIGHT: f32 = 0.5;

/// How far behind the pair's better choice the other is put when templates and network
/// disagree: far below [`super::correct::DECIDED`], so the character is undecided.
const TIED: f32 = 1e-4;

/// One score per character from the templates' correlations (−1…1, how much the cell looks
/// like that clean glyph) and the network's probabilities (which character it is, given every
/// degradation it was trained on; "not a character" takes probability from them all). The
/// thresholds downstream keep their meaning: a clean glyph both recognise scores near 1, a
/// cell neither believes in scores low.
pub(super) fn fuse(ncc: &[f32; 37], p: &[f32; CLASSES]) -> (CharRead, [f32; 37]) {
    let mut all = [0f32; 37];
    for (i, o) in all.iter_mut().enumerate() {
        *o = (1.0 - NET_WEIGHT) * ncc[i] + NET_WEIGHT * p[i];
    }
    // Where the two disagree on the character, neither is trusted: their two choices are
    // scored all but alike (the better of the two: the cell is as much a character as either
    // says),
    // so the character is undecided — a check digit may settle it, and where
    // none covers it the read is not reported valid (a name's `P` read as `D` by one of them
    // is caught by neither check digits nor the other's score alone).
    let top = |v: &[f32]| (0..37).max_by(|&a, &b| v[a].total_cmp(&v[b])).unwrap_or(36);
    let (a, b) = (top(ncc), top(&p[..37]));
    if a != b {
        // The one the pair scored higher stays first (by a hair, so the text keeps it).
        let (hi, lo) = if all[a] >= all[b] { (a, b) } else { (b, a) };
        all[lo] = all[hi] - TIED;
    }
    let mut best = (f32::MIN, 36usize);
    let mut second = (f32::MIN, 36usize);
    for (i, &v) in all.iter().enumerate() {
        if v > best.0 {
            second = best;
            best = (v, i);
        } else if v > second.0 {
            second = (v, i);
        }
    }
    let ch = |i: usize| ALPHABET.as_bytes()[i];
    (
        CharRead {
            ch: ch(best.1),
            score: best.0,
            runner_up: ch(second.1),
            runner_up_score: second.0,
        },
        all,
    )
}
