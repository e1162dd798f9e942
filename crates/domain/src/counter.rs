//! Which counter PC of an office issued something.
//!
//! An office runs several counter PCs at once, each writing offline into its own database. Anything
//! a PC numbers by itself (walk-in codes, queue numbers) carries the PC's counter code, so two PCs
//! can never hand out the same one: `261123-P-B07` is the seventh pagi walk-in of counter B, and
//! `B-012` the twelfth arrival counter B called in a session.

use std::fmt;

use chrono::NaiveDate;

use crate::session::SessionKind;

/// A counter PC's short identity within its office: one or two capital letters (`A`, `B`, `AA`).
/// Letters only, so a walk-in code can never look like an online one (`261123-P-001`).
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct CounterCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CounterError {
    Invalid,
    BadQueueNumber(String),
    WalkInCodesExhausted(CounterCode),
}

crate::bilingual!(CounterError {
    Self::Invalid => ["Kode loket harus satu atau dua huruf kapital (misalnya A, B atau AA)."]
        ["A counter code is one or two capital letters (e.g. A, B or AA)."],
    Self::BadQueueNumber(n) => ["Nomor antrean tidak valid: '{n}'."]
        ["The queue number is not valid: '{n}'."],
    Self::WalkInCodesExhausted(counter) =>
        ["Nomor walk-in untuk sesi ini di loket {counter} sudah habis (99)."]
        ["Counter {counter} has used up its walk-in numbers for this session (99)."],
});

impl CounterCode {
    pub fn parse(s: &str) -> Result<Self, CounterError> {
        let s = s.trim().to_ascii_uppercase();
        if (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Self(s))
        } else {
            Err(CounterError::Invalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code of the first counter an office sets up.
    pub fn first() -> Self {
        Self("A".to_owned())
    }
}

impl TryFrom<String> for CounterCode {
    type Error = CounterError;
    fn try_from(s: String) -> Result<Self, CounterError> {
        Self::parse(&s)
    }
}

impl From<CounterCode> for String {
    fn from(c: CounterCode) -> String {
        c.0
    }
}

impl fmt::Display for CounterCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A number called at the counter: which counter called it, and its place in that counter's
/// sequence for the session. Shown and printed as `B-012`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct QueueNumber {
    counter: CounterCode,
    number: u32,
}

impl QueueNumber {
    pub fn new(counter: CounterCode, number: u32) -> Result<Self, CounterError> {
        if number == 0 || number > 9999 {
            return Err(CounterError::BadQueueNumber(number.to_string()));
        }
        Ok(Self { counter, number })
    }

    pub fn counter(&self) -> &CounterCode {
        &self.counter
    }

    pub fn number(&self) -> u32 {
        self.number
    }

    pub fn parse(s: &str) -> Result<Self, CounterError> {
        let bad = || CounterError::BadQueueNumber(s.chars().take(20).collect());
        let (c, n) = s.split_once('-').ok_or_else(bad)?;
        let counter = CounterCode::parse(c).map_err(|_| bad())?;
        if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let number = n.parse().map_err(|_| bad())?;
        Self::new(counter, number).map_err(|_| bad())
    }
}

impl fmt::Display for QueueNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:03}", self.counter, self.number)
    }
}

impl TryFrom<String> for QueueNumber {
    type Error = CounterError;
    fn try_from(s: String) -> Result<Self, CounterError> {
        Self::parse(&s)
    }
}

impl From<QueueNumber> for String {
    fn from(q: QueueNumber) -> String {
        q.to_string()
    }
}

/// The `n`th walk-in code of a date and session at one counter: `YYMMDD-P-B07` (P pagi, S siang).
pub fn walk_in_code(
    date: NaiveDate,
    session: SessionKind,
    counter: &CounterCode,
    n: u32,
) -> Result<String, CounterError> {
    if n == 0 || n > 99 {
        return Err(CounterError::WalkInCodesExhausted(counter.clone()));
    }
    Ok(format!("{}{n:02}", walk_in_prefix(date, session, counter)))
}

/// `261123-P`: the date and session every booking code of that session starts with.
fn session_prefix(date: NaiveDate, session: SessionKind) -> String {
    let s = match session {
        SessionKind::Pagi => 'P',
        SessionKind::Siang => 'S',
    };
    format!("{}-{s}", date.format("%y%m%d"))
}

/// The prefix every walk-in code of that date, session and counter starts with.
pub fn walk_in_prefix(date: NaiveDate, session: SessionKind, counter: &CounterCode) -> String {
    format!("{}-{counter}", session_prefix(date, session))
}

/// An online booking's code, `261123-P-001`: numbered per session by the central service (a
/// walk-in's code carries a counter letter instead, so the two never meet).
pub fn online_code(date: NaiveDate, session: SessionKind, number: u32) -> String {
    format!("{}-{number:03}", session_prefix(date, session))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
    }

    #[test]
    fn counter_codes_are_one_or_two_capital_letters() {
        assert_eq!(
            CounterCode::parse("b").map(|c| c.to_string()),
            Ok("B".into())
        );
        assert!(CounterCode::parse("AA").is_ok());
        for bad in ["", "ABC", "1", "A1", "Ä", " "] {
            assert_eq!(
                CounterCode::parse(bad),
                Err(CounterError::Invalid),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn walk_in_codes_carry_the_counter_so_two_counters_never_collide() {
        let a = CounterCode::parse("A").unwrap_or_else(|_| CounterCode::first());
        let b = CounterCode::parse("B").unwrap_or_else(|_| CounterCode::first());
        let ca = walk_in_code(d(), SessionKind::Pagi, &a, 7);
        let cb = walk_in_code(d(), SessionKind::Pagi, &b, 7);
        assert_eq!(ca.as_deref(), Ok("261123-P-A07"));
        assert_eq!(cb.as_deref(), Ok("261123-P-B07"));
        assert!(ca.is_ok_and(|c| c.starts_with(&walk_in_prefix(d(), SessionKind::Pagi, &a))));
        assert!(walk_in_code(d(), SessionKind::Siang, &b, 100).is_err());
    }

    #[test]
    fn queue_numbers_read_back_from_how_they_are_shown() {
        let b = CounterCode::parse("B").unwrap_or_else(|_| CounterCode::first());
        let q = QueueNumber::new(b, 12);
        assert_eq!(
            q.as_ref().map(|q| q.to_string()).ok().as_deref(),
            Some("B-012")
        );
        assert_eq!(QueueNumber::parse("B-012"), q);
        for bad in ["12", "B-", "B-0", "1-12", "B-1x"] {
            assert!(QueueNumber::parse(bad).is_err(), "{bad}");
        }
    }
}
