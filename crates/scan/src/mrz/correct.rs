//! From recogniser scores to MRZ text: each position takes the best character its field allows
//! (digits in dates and check digits, letters in names and codes), and a field whose check digit
//! fails may swap one or two *ambiguous* characters (scores within [`AMBIGUOUS`] of the best) for
//! the combination that satisfies it. The parser still has the last word on validity.

use super::parse::{Format, check_digit};
use super::recognise::LineRead;
use super::templates::ALPHABET;

/// What a position may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharClass {
    /// `0-9`.
    Digit,
    /// `A-Z` and `<`.
    Alpha,
    /// A check digit that may be `<` (an empty optional field, a TD1 long number).
    DigitOrFiller,
    /// `0-9`, `A-Z`, `<`.
    Any,
}

impl CharClass {
    fn allows(self, c: u8) -> bool {
        match self {
            CharClass::Digit => c.is_ascii_digit(),
            CharClass::Alpha => c.is_ascii_uppercase() || c == b'<',
            CharClass::DigitOrFiller => c.is_ascii_digit() || c == b'<',
            CharClass::Any => true,
        }
    }
}

/// A character whose score is within this of the best allowed one is a candidate for repair.
pub const AMBIGUOUS: f32 = 0.08;

/// The class of every position of every line of `format`.
pub fn layout(format: Format) -> Vec<Vec<CharClass>> {
    use CharClass::{Alpha as A, Any as X, Digit as D, DigitOrFiller as F};
    let n = format.line_len();
    let fill = |v: &mut Vec<CharClass>, c: CharClass, k: usize| v.extend(std::iter::repeat_n(c, k));
    match format {
        Format::Td1 => {
            let mut l1 = Vec::new();
            fill(&mut l1, A, 5);
            fill(&mut l1, X, 9);
            l1.push(F);
            fill(&mut l1, X, 15);
            let mut l2 = Vec::new();
            fill(&mut l2, D, 7);
            l2.push(A);
            fill(&mut l2, D, 7);
            fill(&mut l2, A, 3);
            fill(&mut l2, X, 11);
            l2.push(D);
            vec![l1, l2, vec![A; 30]]
        }
        _ => {
            let mut l2 = Vec::new();
            fill(&mut l2, X, 9);
            l2.push(D);
            fill(&mut l2, A, 3);
            fill(&mut l2, D, 7);
            l2.push(A);
            fill(&mut l2, D, 7);
            match format {
                Format::Td3 => {
                    fill(&mut l2, X, 14);
                    l2.push(F);
                    l2.push(D);
                }
                Format::Td2 => {
                    fill(&mut l2, X, 7);
                    l2.push(D);
                }
                _ => fill(&mut l2, X, n - 28),
            }
            vec![vec![A; n], l2]
        }
    }
}

/// Characters whose best allowed class leads the next allowed one by less than this are
/// undecided: a read holding one (outside what check digits repaired) is never valid, because
/// check digits are blind to some substitutions (`O`/`0` differ by 24: three of them in a
/// document number can cancel out mod 10).
pub const DECIDED: f32 = 0.03;

/// The text chosen for a zone and how sure the choice is.
#[derive(Debug, Clone, PartialEq)]
pub struct Corrected {
    pub lines: Vec<String>,
    /// The least lead of a chosen character over the next allowed one among the characters no
    /// check digit can decide (0 when one check digit would have to decide two); below
    /// [`DECIDED`] the read must not be reported valid. `f32::MAX` when nothing was undecided.
    pub min_margin: f32,
    /// Positions (line, index) changed to satisfy a check digit.
    pub repaired: Vec<(usize, usize)>,
}

/// The best allowed character per position, then check-digit repair of ambiguous ones.
pub fn correct(format: Format, reads: &[LineRead]) -> Corrected {
    let classes = layout(format);
    let mut lines: Vec<Vec<u8>> = reads
        .iter()
        .zip(&classes)
        .map(|(r, cls)| {
            r.scores
                .iter()
                .zip(cls)
                .map(|(s, &c)| best_allowed(s, c).0)
                .collect()
        })
        .collect();
    // (line, start, end, check position) of every field with its own check digit.
    let fields: &[(usize, usize, usize, usize)] = match format {
        Format::Td1 => &[(0, 5, 14, 14), (1, 0, 6, 6), (1, 8, 14, 14)],
        Format::Td3 => &[
            (1, 0, 9, 9),
            (1, 13, 19, 19),
            (1, 21, 27, 27),
            (1, 28, 42, 42),
        ],
        _ => &[(1, 0, 9, 9), (1, 13, 19, 19), (1, 21, 27, 27)],
    };
    let mut repaired = Vec::new();
    for &(l, a, b, c) in fields {
        if lines.len() > l && reads.len() > l && lines[l].len() > c {
            for p in repair(&mut lines[l], &reads[l], &classes[l], a, b, c) {
                repaired.push((l, p));
            }
        }
    }
    // Which check digit decides each position: its field's own, else the composite.
    let len = format.line_len();
    let mut group: Vec<Vec<Option<usize>>> = vec![vec![None; len]; lines.len()];
    for (g, &(l, a, b, c)) in fields.iter().enumerate() {
        for p in (a..b).chain(std::iter::once(c)) {
            group[l][p] = Some(g);
        }
    }
    let composite: &[(usize, usize, usize)] = match format {
        Format::Td1 => &[(0, 15, 30), (1, 18, 30)],
        Format::Td2 => &[(1, 28, 36)],
        Format::Td3 => &[(1, 43, 44)],
        _ => &[],
    };
    for &(l, a, b) in composite {
        for slot in &mut group[l][a..b] {
            slot.get_or_insert(fields.len());
        }
    }
    // A check digit decides one undecided character whose rival differs from it by a value
    // that is not a multiple of 10 (`<`/`A`/`K`/`U` all weigh the same mod 10); two undecided
    // characters under one digit, or one that no digit covers, leave the read undecided.
    let mut min_margin = f32::MAX;
    let mut undecided = vec![0usize; fields.len() + 1];
    for &(l, p) in &repaired {
        if let Some(g) = group[l][p] {
            undecided[g] += 1;
        }
    }
    for (l, (line, read)) in lines.iter().zip(reads).enumerate() {
        for (p, (&ch, scores)) in line.iter().zip(&read.scores).enumerate() {
            if repaired.contains(&(l, p)) {
                continue;
            }
            let own = ALPHABET
                .bytes()
                .position(|a| a == ch)
                .map_or(0.0, |i| scores[i]);
            let (rival, other) = ALPHABET
                .bytes()
                .zip(scores)
                .filter(|(a, _)| *a != ch && classes[l][p].allows(*a))
                .fold(
                    (b'<', f32::MIN),
                    |m, (a, &s)| if s > m.1 { (a, s) } else { m },
                );
            let margin = own - other;
            if margin >= DECIDED {
                continue;
            }
            let blind = value(ch).abs_diff(value(rival)).is_multiple_of(10);
            match group[l][p] {
                Some(g) if !blind => undecided[g] += 1,
                _ => min_margin = min_margin.min(margin),
            }
        }
    }
    if undecided.iter().any(|&n| n > 1) {
        min_margin = min_margin.min(0.0);
    }
    Corrected {
        lines: lines
            .into_iter()
            .map(|l| String::from_utf8_lossy(&l).into_owned())
            .collect(),
        min_margin,
        repaired,
    }
}

fn value(c: u8) -> u32 {
    super::parse::char_value(c).unwrap_or(0)
}

fn best_allowed(scores: &[f32; 37], class: CharClass) -> (u8, f32) {
    ALPHABET
        .bytes()
        .zip(scores)
        .filter(|(c, _)| class.allows(*c))
        .fold(
            (b'<', f32::MIN),
            |b, (c, &s)| if s > b.1 { (c, s) } else { b },
        )
}

fn holds(line: &[u8], a: usize, b: usize, c: usize) -> bool {
    let field = std::str::from_utf8(&line[a..b]).ok();
    match (field.and_then(check_digit), line[c]) {
        (Some(d), x) if x.is_ascii_digit() => d == x - b'0',
        (Some(0), b'<') => line[a..b].iter().all(|&x| x == b'<'),
        _ => false,
    }
}

/// If the field `a..b` with check digit at `c` fails, try swapping one or two ambiguous
/// characters (the check digit included) and keep the best-scoring combination that holds.
/// Returns the positions changed.
fn repair(
    line: &mut [u8],
    read: &LineRead,
    classes: &[CharClass],
    a: usize,
    b: usize,
    c: usize,
) -> Vec<usize> {
    if holds(line, a, b, c) {
        return Vec::new();
    }
    // Alternatives per position: (position, character, score loss).
    let mut alts: Vec<(usize, u8, f32)> = Vec::new();
    for p in (a..b).chain(std::iter::once(c)) {
        let (best, top) = best_allowed(&read.scores[p], classes[p]);
        for (ch, &s) in ALPHABET.bytes().zip(&read.scores[p]) {
            if ch != best && classes[p].allows(ch) && top - s < AMBIGUOUS {
                alts.push((p, ch, top - s));
            }
        }
    }
    let mut best: Option<(f32, Vec<(usize, u8)>)> = None;
    let mut consider = |swaps: Vec<(usize, u8)>, loss: f32, line: &mut [u8]| {
        let saved: Vec<u8> = swaps.iter().map(|&(p, _)| line[p]).collect();
        for &(p, ch) in &swaps {
            line[p] = ch;
        }
        if holds(line, a, b, c) && best.as_ref().is_none_or(|(l, _)| loss < *l) {
            best = Some((loss, swaps.clone()));
        }
        for (&(p, _), s) in swaps.iter().zip(saved) {
            line[p] = s;
        }
    };
    for (i, &(p, ch, loss)) in alts.iter().enumerate() {
        consider(vec![(p, ch)], loss, line);
        for &(q, ch2, loss2) in &alts[i + 1..] {
            if q != p {
                consider(vec![(p, ch), (q, ch2)], loss + loss2, line);
            }
        }
    }
    let Some((_, swaps)) = best else {
        return Vec::new();
    };
    swaps
        .into_iter()
        .map(|(p, ch)| {
            line[p] = ch;
            p
        })
        .collect()
}
