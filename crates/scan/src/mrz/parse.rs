//! ICAO 9303 layouts, check digits and the structure rules that decide whether a read is `valid`.

use std::fmt;

use super::countries::is_known;

/// The five machine-readable zone layouts of ICAO 9303.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// ID cards: 3 lines × 30 characters (Part 5).
    Td1,
    /// Official travel documents / older ID cards: 2 × 36 (Part 6).
    Td2,
    /// Passports: 2 × 44 (Part 4).
    Td3,
    /// Visas, passport-page size: 2 × 44 (Part 7), no composite check digit.
    MrvA,
    /// Visas, smaller size: 2 × 36 (Part 7), no composite check digit.
    MrvB,
    /// France's national identity card issued until 2021: 2 × 36 in a national layout (upper:
    /// `IDFRA`, surname, issuing office; lower: number, given names, birth date, sex), with
    /// check digits over the number, the birth date and both lines. No expiry or nationality
    /// field.
    FraId,
}

/// Where a composite check digit stands and what it covers: see [`Format::composite`].
pub(super) type Composite = (&'static [(usize, usize, usize)], (usize, usize));

impl Format {
    /// Every layout, in the order a reader tries them.
    pub const ALL: [Format; 6] = [
        Format::Td3,
        Format::Td1,
        Format::Td2,
        Format::MrvA,
        Format::MrvB,
        Format::FraId,
    ];

    /// Characters per line.
    pub fn line_len(self) -> usize {
        match self {
            Format::Td1 => 30,
            Format::Td2 | Format::MrvB | Format::FraId => 36,
            Format::Td3 | Format::MrvA => 44,
        }
    }

    /// The composite check digit's position (line, column) and the spans it covers
    /// (line, start, end), in the order the digit is computed over them; `None` for visas,
    /// which have none (Doc 9303 Parts 5–7; the French card's covers both lines whole).
    pub(super) fn composite(self) -> Option<Composite> {
        const TD1: &[(usize, usize, usize)] = &[(0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)];
        const TD2: &[(usize, usize, usize)] = &[(1, 0, 10), (1, 13, 20), (1, 21, 35)];
        const TD3: &[(usize, usize, usize)] = &[(1, 0, 10), (1, 13, 20), (1, 21, 43)];
        const FRA: &[(usize, usize, usize)] = &[(0, 0, 36), (1, 0, 35)];
        match self {
            Format::Td1 => Some((TD1, (1, 29))),
            Format::Td2 => Some((TD2, (1, 35))),
            Format::Td3 => Some((TD3, (1, 43))),
            Format::FraId => Some((FRA, (1, 35))),
            Format::MrvA | Format::MrvB => None,
        }
    }

    /// Lines in the zone.
    pub fn line_count(self) -> usize {
        match self {
            Format::Td1 => 3,
            _ => 2,
        }
    }

    /// The layout of a zone with these line shapes and first characters (`V` is a visa, a
    /// 2 × 36 `IDFRA` the French national card), if any.
    pub fn detect(lines: &[&str]) -> Option<Format> {
        let first = lines.first()?;
        let len = first.len();
        if lines.iter().any(|l| l.len() != len) {
            return None;
        }
        let visa = first.starts_with('V');
        match (lines.len(), len) {
            (3, 30) => Some(Format::Td1),
            (2, 36) if visa => Some(Format::MrvB),
            (2, 36) if first.starts_with("IDFRA") => Some(Format::FraId),
            (2, 36) => Some(Format::Td2),
            (2, 44) if visa => Some(Format::MrvA),
            (2, 44) => Some(Format::Td3),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Td1 => "TD1",
            Format::Td2 => "TD2",
            Format::Td3 => "TD3",
            Format::MrvA => "MRV-A",
            Format::MrvB => "MRV-B",
            Format::FraId => "FR-ID",
        })
    }
}

/// Value of one MRZ character in a check-digit sum: digits are themselves, `A`…`Z` are 10…35,
/// the filler `<` is 0. Anything else is not an MRZ character.
pub fn char_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A') + 10),
        b'<' => Some(0),
        _ => None,
    }
}

/// The ICAO 9303 check digit of `field` (weights 7, 3, 1 repeating, sum mod 10), or `None` if
/// it holds a character outside `0-9A-Z<`.
pub fn check_digit(field: &str) -> Option<u8> {
    let mut sum = 0u32;
    for (i, c) in field.bytes().enumerate() {
        sum += char_value(c)? * [7, 3, 1][i % 3];
    }
    u8::try_from(sum % 10).ok()
}

/// A calendar date (no time zone: MRZ dates are plain days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// The date, if it exists in the Gregorian calendar.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// The civil date `days` after 1970-01-01 (H. Hinnant's algorithm), for tools that take
    /// today from the system clock; the reader itself is always given its `today`.
    pub fn from_unix_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = u8::try_from(doy - (153 * mp + 2) / 5 + 1).ok()?;
        let month = u8::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).ok()?;
        let year = u16::try_from(yoe + era * 400 + i64::from(month <= 2)).ok()?;
        Date::new(year, month, day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Sex as printed: `M`, `F`, or `<`/`X` for unspecified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    Male,
    Female,
    Unspecified,
}

/// Which check digits held. `None`: the layout has no such digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Checks {
    pub document_number: bool,
    pub birth_date: bool,
    pub expiry_date: bool,
    /// TD3's personal-number digit (a `<` is accepted when the field is all fillers).
    pub optional_data: Option<bool>,
    /// TD1, TD2 and TD3's composite digit over the upper and middle lines.
    pub composite: Option<bool>,
}

impl Checks {
    /// Every check digit the layout has is correct.
    pub fn all(&self) -> bool {
        self.document_number
            && self.birth_date
            && self.expiry_date
            && self.optional_data != Some(false)
            && self.composite != Some(false)
    }
}

/// A parsed machine-readable zone. Fields are as printed with fillers removed; `valid` is the
/// verdict that may be shown to the officer as a read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mrz {
    pub format: Format,
    /// The lines as given.
    pub lines: Vec<String>,
    /// `P`, `I`, `ID`, `V`, … (fillers removed).
    pub document_code: String,
    pub issuing_state: String,
    /// The full document number, including a TD1 overflow into the optional data.
    pub document_number: String,
    pub nationality: String,
    /// `None` when the field is not a real date (unknown parts, misread digits).
    pub birth_date: Option<Date>,
    pub sex: Option<Sex>,
    pub expiry_date: Option<Date>,
    /// Surname(s), words separated by spaces. A mononym is here (or, as some states print it,
    /// in `secondary_identifier` with this empty).
    pub primary_identifier: String,
    /// Given names, words separated by spaces.
    pub secondary_identifier: String,
    /// Optional data (TD3 personal number; TD1 upper line after the number).
    pub optional_data: String,
    /// TD1's second optional field, on the middle line.
    pub optional_data_2: String,
    pub checks: Checks,
    /// Structure rules that failed (character classes, filler runs, calendar dates), for logs.
    pub problems: Vec<String>,
    /// Every check digit holds and every structure rule holds.
    pub valid: bool,
}

/// Why lines could not be parsed at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The line count and lengths match no ICAO 9303 layout.
    UnknownLayout,
}

loket_domain::bilingual!(ParseError {
    Self::UnknownLayout => ["baris MRZ tidak sesuai format TD1, TD2, TD3 atau visa"]
        ["the MRZ lines match none of the TD1, TD2, TD3 or visa layouts"],
});

/// Parse the lines of a zone. `today` sets the century of the birth date (the latest date not
/// after `today`); expiry dates are always 20xx.
pub fn parse(lines: &[&str], today: Date) -> Result<Mrz, ParseError> {
    let format = Format::detect(lines).ok_or(ParseError::UnknownLayout)?;
    let mut p = Parser {
        problems: Vec::new(),
    };
    for (i, l) in lines.iter().enumerate() {
        if let Some(c) = l.bytes().find(|&c| char_value(c).is_none()) {
            p.problems
                .push(format!("line {}: character {:?}", i + 1, c as char));
        }
    }
    // Work on bytes; non-MRZ characters already made the read invalid, and `?` stands in for them.
    let ls: Vec<Vec<u8>> = lines
        .iter()
        .map(|l| {
            l.bytes()
                .map(|c| if char_value(c).is_some() { c } else { b'?' })
                .collect()
        })
        .collect();

    let mut m = Mrz {
        format,
        lines: lines.iter().map(|l| (*l).to_owned()).collect(),
        document_code: String::new(),
        issuing_state: String::new(),
        document_number: String::new(),
        nationality: String::new(),
        birth_date: None,
        sex: None,
        expiry_date: None,
        primary_identifier: String::new(),
        secondary_identifier: String::new(),
        optional_data: String::new(),
        optional_data_2: String::new(),
        checks: Checks::default(),
        problems: Vec::new(),
        valid: false,
    };

    let (top, mid) = (&ls[0], &ls[1]);
    m.document_code = p.document_code(&top[0..2]);
    m.issuing_state = p.state(&top[2..5], "issuing state");
    match format {
        Format::Td1 => {
            // Upper: code, state, number, check, optional 1. Middle: birth, sex, expiry,
            // nationality, optional 2, composite. Lower: name.
            let (number, number_ok, optional) = p.td1_number(&top[5..15], &top[15..30]);
            m.document_number = number;
            m.checks.document_number = number_ok;
            m.optional_data = optional;
            m.birth_date = p.birth(&mid[0..6], today);
            m.checks.birth_date = p.check(&mid[0..6], mid[6], "birth date");
            m.sex = p.sex(mid[7]);
            m.expiry_date = p.expiry(&mid[8..14]);
            m.checks.expiry_date = p.check(&mid[8..14], mid[14], "expiry date");
            m.nationality = p.state(&mid[15..18], "nationality");
            m.optional_data_2 = p.free(&mid[18..29], "optional data 2");
            (m.primary_identifier, m.secondary_identifier) = p.names(&ls[2]);
        }
        Format::FraId => {
            // Upper: code, state, surname (25), issuing office (6). Lower: number (12: issue
            // year and month, office, serial), check, given names (14), birth date, check,
            // sex, composite over both lines.
            m.primary_identifier = p.words(&top[5..30], "surname");
            m.optional_data = strip(&top[30..36]);
            m.document_number = p.free(&mid[0..12], "document number");
            if !mid[0..4].iter().all(u8::is_ascii_digit)
                || !(1..=12).contains(&((mid[2] - b'0') * 10 + (mid[3] - b'0')))
            {
                p.problem("issue month", &mid[0..4]);
            }
            m.checks.document_number = p.check(&mid[0..12], mid[12], "document number");
            m.secondary_identifier = p.words(&mid[13..27], "given names");
            m.nationality = "FRA".into();
            m.birth_date = p.birth(&mid[27..33], today);
            m.checks.birth_date = p.check(&mid[27..33], mid[33], "birth date");
            m.sex = p.sex(mid[34]);
            // No expiry field: the card's validity follows from its issue date.
            m.checks.expiry_date = true;
        }
        _ => {
            (m.primary_identifier, m.secondary_identifier) = p.names(&top[5..]);
            m.document_number = p.free(&mid[0..9], "document number");
            m.checks.document_number = p.check(&mid[0..9], mid[9], "document number");
            m.nationality = p.state(&mid[10..13], "nationality");
            m.birth_date = p.birth(&mid[13..19], today);
            m.checks.birth_date = p.check(&mid[13..19], mid[19], "birth date");
            m.sex = p.sex(mid[20]);
            m.expiry_date = p.expiry(&mid[21..27]);
            m.checks.expiry_date = p.check(&mid[21..27], mid[27], "expiry date");
            let len = format.line_len();
            match format {
                Format::Td3 => {
                    m.optional_data = p.free(&mid[28..42], "personal number");
                    let filler_ok = mid[42] == b'<' && mid[28..42].iter().all(|&c| c == b'<');
                    m.checks.optional_data =
                        Some(filler_ok || p.check(&mid[28..42], mid[42], "personal number"));
                }
                Format::Td2 => m.optional_data = p.free(&mid[28..35], "optional data"),
                _ => m.optional_data = p.free(&mid[28..len], "optional data"),
            }
        }
    }
    if let Some((spans, (line, at))) = format.composite() {
        let covered: Vec<u8> = spans
            .iter()
            .flat_map(|&(l, a, b)| ls[l][a..b].iter().copied())
            .collect();
        m.checks.composite = Some(p.check(&covered, ls[line][at], "composite"));
    }
    if matches!(format, Format::MrvA | Format::MrvB) && top[0] != b'V' {
        p.problems.push("visa without V".into());
    }
    m.problems = p.problems;
    m.valid = m.checks.all() && m.problems.is_empty();
    Ok(m)
}

/// Collects broken structure rules while fields are cut out.
struct Parser {
    problems: Vec<String>,
}

/// A run of this many `K` is a filler run read by an OCR that confuses `<` with `K`: no name
/// or number has it, and check digits cannot see it in the name line.
const K_RUN: &[u8] = b"KKK";

fn text(field: &[u8]) -> String {
    String::from_utf8_lossy(field).into_owned()
}

fn strip(field: &[u8]) -> String {
    text(field).trim_end_matches('<').to_owned()
}

impl Parser {
    fn problem(&mut self, what: &str, field: &[u8]) {
        self.problems.push(format!("{what}: {:?}", text(field)));
    }

    fn document_code(&mut self, f: &[u8]) -> String {
        if !f[0].is_ascii_uppercase() || !(f[1].is_ascii_uppercase() || f[1] == b'<') {
            self.problem("document code", f);
        }
        strip(f)
    }

    /// A state or nationality: letters then fillers (`D<<` is Germany), and a known code.
    fn state(&mut self, f: &[u8], what: &str) -> String {
        let letters = f.iter().take_while(|c| c.is_ascii_uppercase()).count();
        let code = strip(f);
        if letters == 0 || f[letters..].iter().any(|&c| c != b'<') || !is_known(&code) {
            self.problem(what, f);
        }
        code
    }

    /// Letters, digits and fillers; fillers only after the content except single separators;
    /// no `KKK` run.
    fn free(&mut self, f: &[u8], what: &str) -> String {
        if f.windows(K_RUN.len()).any(|w| w == K_RUN) {
            self.problem(what, f);
        }
        strip(f)
    }

    fn check(&mut self, field: &[u8], digit: u8, what: &str) -> bool {
        let want = std::str::from_utf8(field).ok().and_then(check_digit);
        let ok = digit.is_ascii_digit() && want == Some(digit - b'0');
        if !digit.is_ascii_digit() {
            self.problem(&format!("{what} check digit"), &[digit]);
        }
        ok
    }

    fn sex(&mut self, c: u8) -> Option<Sex> {
        match c {
            b'M' => Some(Sex::Male),
            b'F' => Some(Sex::Female),
            b'<' | b'X' => Some(Sex::Unspecified),
            _ => {
                self.problem("sex", &[c]);
                None
            }
        }
    }

    /// `YYMMDD` as (yy, mm, dd), flagging non-digits.
    fn yymmdd(&mut self, f: &[u8], what: &str) -> Option<(u16, u8, u8)> {
        if !f.iter().all(u8::is_ascii_digit) {
            self.problem(what, f);
            return None;
        }
        let two = |i: usize| (f[i] - b'0') * 10 + (f[i + 1] - b'0');
        Some((u16::from(two(0)), two(2), two(4)))
    }

    fn birth(&mut self, f: &[u8], today: Date) -> Option<Date> {
        let (yy, mm, dd) = self.yymmdd(f, "birth date")?;
        // The latest century that does not put the birth after today.
        let this = today.year - today.year % 100 + yy;
        let date = Date::new(this, mm, dd)
            .filter(|d| *d <= today)
            .or_else(|| Date::new(this.saturating_sub(100), mm, dd));
        if date.is_none() {
            self.problem("birth date", f);
        }
        date
    }

    fn expiry(&mut self, f: &[u8]) -> Option<Date> {
        let (yy, mm, dd) = self.yymmdd(f, "expiry date")?;
        let date = Date::new(2000 + yy, mm, dd);
        if date.is_none() {
            self.problem("expiry date", f);
        }
        date
    }

    /// TD1 document number, with the long-number overflow: a `<` in the check position means
    /// the number continues in the optional data up to its first filler, whose last character
    /// is the check digit over the whole number.
    fn td1_number(&mut self, number: &[u8], optional: &[u8]) -> (String, bool, String) {
        let (principal, digit) = (&number[..9], number[9]);
        if digit == b'<' {
            let end = optional.iter().position(|&c| c == b'<').unwrap_or(0);
            if end >= 2 {
                let full: Vec<u8> = [principal, &optional[..end - 1]].concat();
                let ok = self.check(&full, optional[end - 1], "document number");
                let rest = self.free(&optional[end..], "optional data");
                return (strip(&full), ok, rest);
            }
        }
        let ok = self.check(principal, digit, "document number");
        let num = self.free(principal, "document number");
        let rest = self.free(optional, "optional data");
        (num, ok, rest)
    }

    /// One name field of words separated by fillers: letters and fillers only, starting with
    /// a letter, no `KKK` run.
    fn words(&mut self, f: &[u8], what: &str) -> String {
        let letters_ok = f.iter().all(|&c| c.is_ascii_uppercase() || c == b'<');
        let k_run = f.windows(K_RUN.len()).any(|w| w == K_RUN);
        if !letters_ok || !f[0].is_ascii_uppercase() || k_run {
            self.problem(what, f);
        }
        text(f)
            .split('<')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Primary and secondary identifiers. Rules: letters and fillers only; starts with a letter
    /// (or `<<` then a letter: a mononym in the secondary position); at least one filler (a
    /// zone without any is what an OCR reading every `<` as `K` produces); no `KKK` run.
    fn names(&mut self, f: &[u8]) -> (String, String) {
        let letters_ok = f.iter().all(|&c| c.is_ascii_uppercase() || c == b'<');
        let start_ok = f[0].is_ascii_uppercase()
            || (f.starts_with(b"<<") && f.get(2).is_some_and(u8::is_ascii_uppercase));
        let has_filler = f.contains(&b'<');
        let k_run = f.windows(K_RUN.len()).any(|w| w == K_RUN);
        if !letters_ok || !start_ok || !has_filler || k_run {
            self.problem("name", f);
        }
        let s = text(f);
        let s = s.trim_end_matches('<');
        let (primary, secondary) = s.split_once("<<").unwrap_or((s, ""));
        let words = |x: &str| {
            x.split('<')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        (words(primary), words(secondary))
    }
}
