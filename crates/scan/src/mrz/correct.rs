//! From recogniser scores to MRZ text: each position takes the best character its field allows
//! (digits in dates and check digits, letters in names and codes), and a field whose check digit
//! fails may swap one or two *ambiguous* characters (scores within [`AMBIGUOUS`] of the best) for
//! the combination that satisfies it. Where letters and digits are both allowed (document
//! numbers, optional data) a digit close behind its look-alike letter (`0`/`O`, `5`/`S`, …) is
//! preferred, and a state code no table holds becomes the nearest known one; both choices only
//! shape the text, never the verdict: margins are measured on the raw scores. The parser still
//! has the last word on validity.

use super::countries::{is_known, known_codes};
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
    /// `0-9`, `A-Z`, `<`, mostly digits (numbers, optional data): see [`DIGIT_PRIOR`].
    Any,
    /// `0-9`, `A-Z`, `<` with no preference: the document code's second character, which ICAO
    /// leaves to the issuing state (`ID`, `IR`, `C1`, `P<`).
    Free,
}

impl CharClass {
    fn allows(self, c: u8) -> bool {
        match self {
            CharClass::Digit => c.is_ascii_digit(),
            CharClass::Alpha => c.is_ascii_uppercase() || c == b'<',
            CharClass::DigitOrFiller => c.is_ascii_digit() || c == b'<',
            CharClass::Any | CharClass::Free => true,
        }
    }
}

/// A character whose score is within this of the best allowed one is a candidate for repair.
pub const AMBIGUOUS: f32 = 0.08;

/// The class of every position of every line of `format`.
pub fn layout(format: Format) -> Vec<Vec<CharClass>> {
    let mut classes = field_classes(format);
    // Cards' document codes take a state's own second character (`C1` on a US card).
    if matches!(format, Format::Td1 | Format::Td2)
        && let Some(c) = classes.first_mut().and_then(|l| l.get_mut(1))
    {
        *c = CharClass::Free;
    }
    classes
}

fn field_classes(format: Format) -> Vec<Vec<CharClass>> {
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
        Format::FraId => {
            let mut l1 = vec![A; 30];
            fill(&mut l1, X, 6);
            let mut l2 = Vec::new();
            fill(&mut l2, D, 4);
            fill(&mut l2, X, 3);
            fill(&mut l2, D, 6);
            fill(&mut l2, A, 14);
            fill(&mut l2, D, 7);
            l2.push(A);
            l2.push(D);
            vec![l1, l2]
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
    let kinds = document_kinds(format);
    let mut lines: Vec<Vec<u8>> = reads
        .iter()
        .zip(&classes)
        .map(|(r, cls)| {
            r.scores
                .iter()
                .zip(cls)
                .map(|(s, &c)| preferred(s, c))
                .collect()
        })
        .collect();
    // The document code's first letter names the kind of document, and a layout has few.
    if let (Some(line), Some(read)) = (lines.first_mut(), reads.first())
        && let (Some(first), Some(scores)) = (line.first_mut(), read.scores.first())
    {
        *first = kinds
            .iter()
            .map(|&k| (k, score_of(scores, k)))
            .max_by(|x, y| x.1.total_cmp(&y.1))
            .map_or(*first, |(k, _)| k);
    }
    restrict_states(format, &mut lines, reads);
    // (line, start, end, check position) of every field with its own check digit.
    let fields: &[(usize, usize, usize, usize)] = match format {
        Format::Td1 => &[(0, 5, 14, 14), (1, 0, 6, 6), (1, 8, 14, 14)],
        Format::FraId => &[(1, 0, 12, 12), (1, 27, 33, 33)],
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
    if let Some(at) = repair_composite(format, &mut lines, reads) {
        repaired.push(at);
    }
    // Which check digit decides each position: its field's own, else the composite.
    let len = format.line_len();
    let mut group: Vec<Vec<Option<usize>>> = vec![vec![None; len]; lines.len()];
    // (A zone given with fewer lines than its layout has only the lines it has.)
    for (g, &(l, a, b, c)) in fields.iter().enumerate() {
        let Some(line) = group.get_mut(l) else {
            continue;
        };
        for p in (a..b).chain(std::iter::once(c)) {
            line[p] = Some(g);
        }
    }
    // What the composite covers and no field's own digit does, and the composite digit itself.
    if let Some((spans, (dl, dp))) = format.composite() {
        let digit = (dl, dp, dp + 1);
        for &(l, a, b) in spans.iter().chain(std::iter::once(&digit)) {
            let Some(line) = group.get_mut(l) else {
                continue;
            };
            for slot in &mut line[a..b] {
                slot.get_or_insert(fields.len());
            }
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
    if fields
        .iter()
        .filter(|&&(l, ..)| l < lines.len() && l < reads.len())
        .any(|&(l, a, b, c)| lookalikes_blind(&lines[l], &reads[l], &classes[l], a, b, c))
    {
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

/// The letters a document code of `format` may start with (ICAO 9303: `P` passports, `V`
/// visas, `A`, `C` or `I` for official travel documents in the card formats).
fn document_kinds(format: Format) -> &'static [u8] {
    match format {
        Format::Td3 => b"P",
        Format::MrvA | Format::MrvB => b"V",
        _ => b"ACI",
    }
}

fn value(c: u8) -> u32 {
    super::parse::char_value(c).unwrap_or(0)
}

/// Letters that print nearly like a digit, and that digit.
const LOOKALIKES: [(u8, u8); 8] = [
    (b'O', b'0'),
    (b'D', b'0'),
    (b'Q', b'0'),
    (b'I', b'1'),
    (b'Z', b'2'),
    (b'S', b'5'),
    (b'G', b'6'),
    (b'B', b'8'),
];

/// A character its field does not allow is kept as read when it matches its template at least
/// this well and leads everything the field allows by [`PRINTED_LEAD`]: that is what is printed
/// (a specimen with `132` for a nationality, a check digit missing so the next letter sits in
/// its place). Forcing the field's class there would invent a character; keeping it reports the
/// print as it is, and the parser then refuses it as invalid.
pub const PRINTED_SCORE: f32 = 0.85;
pub const PRINTED_LEAD: f32 = 0.07;

/// What turning a digit that outscores its look-alike letter into that letter costs a repair
/// (on top of the score it gives up).
const REPAIR_PRIOR: f32 = 0.04;

/// How far a digit may trail its look-alike letter and still be preferred where both are
/// allowed (document numbers, optional data). Those fields are mostly digits, and worn or
/// low-resolution print fills a digit's counters the way the rounder letter looks (`0` reads
/// a few hundredths closer to `O` than to `0` on such scans). Only the text chooses by this
/// prior: validity still measures each character's lead on the raw scores, so a digit chosen
/// against its letter is undecided unless a check digit settles it.
pub const DIGIT_PRIOR: f32 = 0.15;

/// The character a position takes before check-digit repair: the best allowed one, except that
/// where letters and digits are both allowed a digit within [`DIGIT_PRIOR`] of its look-alike
/// letter wins.
fn preferred(scores: &[f32; 37], class: CharClass) -> u8 {
    let (best, top) = best_allowed(scores, class);
    if class == CharClass::Free {
        return best;
    }
    if class != CharClass::Any {
        let (raw, raw_score) = best_allowed(scores, CharClass::Any);
        // Never a letter that looks like a digit or the other way round (`O` in a date is a
        // worn `0`, `1` in a name a thin `I`).
        let lookalike = LOOKALIKES.iter().any(|&(l, d)| raw == l || raw == d);
        if raw_score >= PRINTED_SCORE && raw_score - top >= PRINTED_LEAD && !lookalike {
            return raw;
        }
        return best;
    }
    let score = |c: u8| {
        ALPHABET
            .bytes()
            .position(|a| a == c)
            .map_or(f32::MIN, |i| scores[i])
    };
    LOOKALIKES
        .iter()
        .find(|&&(letter, _)| letter == best)
        .map_or(best, |&(_, digit)| {
            if score(digit) + DIGIT_PRIOR >= top {
                digit
            } else {
                best
            }
        })
}

/// State and nationality fields hold a known code and no check digit covers them: when the
/// characters read do not spell one, take the known code with the best total score, if it is
/// not far behind (`UYD` for a small `UTO`). The margins measured afterwards on raw scores keep
/// such a choice undecided, so it never makes a read valid by itself.
fn restrict_states(format: Format, lines: &mut [Vec<u8>], reads: &[LineRead]) {
    let fields: &[(usize, usize)] = match format {
        Format::Td1 => &[(0, 2), (1, 15)],
        Format::FraId => &[(0, 2)],
        _ => &[(0, 2), (1, 10)],
    };
    for &(l, a) in fields {
        let (Some(line), Some(read)) = (lines.get_mut(l), reads.get(l)) else {
            continue;
        };
        if line.len() < a + 3 || read.scores.len() < a + 3 {
            continue;
        }
        // A code printed in digits (a specimen's `132`) is read in digits throughout: a digit
        // kept as printed says the field is not letters, so its neighbours are not forced to
        // letters either.
        if line[a..a + 3].iter().any(u8::is_ascii_digit) {
            for p in 0..3 {
                line[a + p] = best_allowed(&read.scores[a + p], CharClass::Any).0;
            }
            continue;
        }
        let field = String::from_utf8_lossy(&line[a..a + 3]).into_owned();
        if is_known(field.trim_end_matches('<')) {
            continue;
        }
        let score = |p: usize, c: u8| {
            ALPHABET
                .bytes()
                .position(|x| x == c)
                .map_or(f32::MIN, |i| read.scores[a + p][i])
        };
        // Against the best characters of any class: a code printed in digits stays as read.
        let top: f32 = (0..3)
            .map(|p| best_allowed(&read.scores[a + p], CharClass::Any).1)
            .sum();
        let best = known_codes()
            .map(|code| {
                let padded: Vec<u8> = code
                    .bytes()
                    .chain(std::iter::repeat(b'<'))
                    .take(3)
                    .collect();
                let total: f32 = padded.iter().enumerate().map(|(p, &c)| score(p, c)).sum();
                (padded, total)
            })
            .max_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((code, total)) = best
            && top - total < STATE_SLACK
        {
            line[a..a + 3].copy_from_slice(&code);
        }
    }
}

/// How much total score a known state code may give up against the characters read.
const STATE_SLACK: f32 = 0.25;

fn score_of(scores: &[f32; 37], c: u8) -> f32 {
    ALPHABET
        .bytes()
        .position(|a| a == c)
        .map_or(f32::MIN, |i| scores[i])
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

/// Whether the field `a..b` (check digit at `c`) holds just as well with some of its letters
/// turned into the digits they were nearly read as (`O`→`0`, `S`→`5`, …, within
/// [`LOOKALIKE_DOUBT`]): the check digit cannot tell the two readings apart, and a print that
/// squeezes every `0` into an `O` does so consistently (three `O`s for `0`s weigh 3 × 24 and
/// can cancel out mod 10; one `G` for a `6` weighs 10).
fn lookalikes_blind(
    line: &[u8],
    read: &LineRead,
    classes: &[CharClass],
    a: usize,
    b: usize,
    c: usize,
) -> bool {
    if line.len() <= c || read.scores.len() <= c || !holds(line, a, b, c) {
        return false;
    }
    let doubtful: Vec<(usize, u8)> = (a..b)
        .filter_map(|p| {
            let &(_, digit) = LOOKALIKES.iter().find(|&&(l, _)| l == line[p])?;
            let scores = &read.scores[p];
            (classes[p].allows(digit)
                && score_of(scores, line[p]) - score_of(scores, digit) < LOOKALIKE_DOUBT)
                .then_some((p, digit))
        })
        .collect();
    // Fields are at most 15 characters long; a dozen doubtful letters is already no read.
    if doubtful.len() > 12 {
        return true;
    }
    let mut probe = line.to_vec();
    (1u32..1 << doubtful.len()).any(|set| {
        probe.copy_from_slice(line);
        for (i, &(p, digit)) in doubtful.iter().enumerate() {
            if set & (1 << i) != 0 {
                probe[p] = digit;
            }
        }
        holds(&probe, a, b, c)
    })
}

/// A letter read less than this ahead of its digit look-alike might be that digit.
const LOOKALIKE_DOUBT: f32 = 0.35;

/// The composite check digit, when it alone fails and the digit the zone calls for is an
/// ambiguous read of it (the zone's last character, often read at the edge of the print or
/// under a glare): that digit, and its position. Every field the composite covers has already
/// been chosen; a field no check digit of its own covers that is itself undecided then leaves
/// two undecided under one digit, and the read is not valid ([`correct`]).
fn repair_composite(
    format: Format,
    lines: &mut [Vec<u8>],
    reads: &[LineRead],
) -> Option<(usize, usize)> {
    let (spans, (l, p)) = format.composite()?;
    let covered: Vec<u8> = spans
        .iter()
        .map(|&(line, a, b)| lines.get(line).and_then(|x| x.get(a..b)))
        .collect::<Option<Vec<&[u8]>>>()?
        .concat();
    let want = b'0' + check_digit(std::str::from_utf8(&covered).ok()?)?;
    let have = *lines.get(l)?.get(p)?;
    if have == want {
        return None;
    }
    let scores = reads.get(l)?.scores.get(p)?;
    if score_of(scores, have) - score_of(scores, want) >= AMBIGUOUS {
        return None;
    }
    lines[l][p] = want;
    Some((l, p))
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
        let scores = &read.scores[p];
        let (_, top) = best_allowed(scores, classes[p]);
        for (ch, &s) in ALPHABET.bytes().zip(scores) {
            if ch == line[p] || !classes[p].allows(ch) {
                continue;
            }
            // Turning a digit that outscores its look-alike letter into that letter goes
            // against the digit prior as well as the scores: a `5` read in a number is not
            // repaired into an `S` to satisfy a check digit that may not follow ICAO.
            let against_prior =
                LOOKALIKES.contains(&(ch, line[p])) && score_of(scores, line[p]) >= s;
            let loss = top - s + if against_prior { REPAIR_PRIOR } else { 0.0 };
            if loss < AMBIGUOUS {
                alts.push((p, ch, loss));
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
