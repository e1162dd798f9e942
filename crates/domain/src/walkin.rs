//! Walk-in bookings made at the counter: the old passport of a renewal, the priority category, and
//! which share of a session's quota a walk-in takes.

use chrono::{NaiveDate, NaiveDateTime};

use crate::session::{OfficeSchedule, SessionKind};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WalkInError {
    PassportMissing,
    PassportInvalid,
    DateInPast(String),
    SessionOver(SessionKind),
    ReasonMissing,
}

crate::bilingual!(WalkInError {
    Self::PassportMissing => ["Nomor paspor lama wajib diisi untuk penggantian."]
        ["A renewal needs the old passport number."],
    Self::PassportInvalid =>
        ["Nomor paspor lama tidak valid: 1–2 huruf diikuti 6–7 angka (contoh: C1234567)."]
        ["The old passport number is not valid: 1–2 letters then 6–7 digits (e.g. C1234567)."],
    Self::DateInPast(date) => ["Tanggal {date} sudah lewat; pilih hari ini atau tanggal berikutnya."]
        ["{date} has already passed; choose today or a later date."],
    Self::SessionOver(session) =>
        ["Sesi {session} hari ini sudah selesai; pilih sesi atau tanggal berikutnya."]
        ["Today's {} session is over; choose the next session or a later date.", session.en()],
    Self::ReasonMissing => ["Alasan wajib diisi."] ["A reason is required."],
});

/// An Indonesian passport number as printed: one or two letters then six or seven digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassportNumber(String);

impl PassportNumber {
    pub fn parse(input: &str) -> Result<Self, WalkInError> {
        let s: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        if s.is_empty() {
            return Err(WalkInError::PassportMissing);
        }
        let letters = s.chars().take_while(char::is_ascii_uppercase).count();
        let digits = s.len() - letters;
        if !(1..=2).contains(&letters)
            || !(6..=7).contains(&digits)
            || !s[letters..].chars().all(|c| c.is_ascii_digit())
        {
            return Err(WalkInError::PassportInvalid);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

crate::text_enum! {
    /// Why a booking is in the priority category. The first two follow from birth dates; the others
    /// the officer sees and chooses.
    pub enum PriorityReason ("alasan prioritas", "priority reason") {
        Lansia = "lansia",
        Balita = "balita",
        Disabilitas = "disabilitas",
        IbuHamil = "ibu_hamil",
    }
}

impl PriorityReason {
    /// The reason the data suggests, if any: 60 or older, or under five, on the booking date.
    pub fn suggested(birth_dates: &[NaiveDate], on: NaiveDate) -> Option<Self> {
        let ages: Vec<u32> = birth_dates
            .iter()
            .map(|b| on.years_since(*b).unwrap_or(0))
            .collect();
        if ages.iter().any(|a| *a >= 60) {
            Some(Self::Lansia)
        } else if ages.iter().any(|a| *a < 5) {
            Some(Self::Balita)
        } else {
            None
        }
    }
}

crate::text_enum! {
    /// Which part of a session's quota a walk-in uses.
    pub enum Share ("bagian kuota", "quota share") {
        Counter = "loket",
        Priority = "prioritas",
    }
}

/// Seats left for a walk-in in one session. With an approved split, the walk-in's own share counts;
/// quota set without a split is one pool shared by everyone.
pub fn room_for(
    share: Share,
    capacity: u32,
    split: Option<(u32, u32)>,
    booked_total: u32,
    booked_counter: u32,
    booked_priority: u32,
) -> u32 {
    match (split, share) {
        (Some((counter, _)), Share::Counter) => counter.saturating_sub(booked_counter),
        (Some((_, priority)), Share::Priority) => priority.saturating_sub(booked_priority),
        (None, _) => capacity.saturating_sub(booked_total),
    }
}

/// A walk-in may be booked for a session that has not ended yet (office-local).
pub fn check_session_open(
    schedule: &OfficeSchedule,
    date: NaiveDate,
    session: SessionKind,
    now_local: NaiveDateTime,
) -> Result<(), WalkInError> {
    let today = now_local.date();
    if date < today {
        return Err(WalkInError::DateInPast(date.format("%d/%m/%Y").to_string()));
    }
    if date == today && now_local.time() >= schedule.hours(session).end() {
        return Err(WalkInError::SessionOver(session));
    }
    Ok(())
}

/// A reason typed by an officer (override, cancellation, no-show reversal): trimmed, not empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason(String);

impl Reason {
    pub fn parse(input: &str) -> Result<Self, WalkInError> {
        let t = input.trim();
        if t.chars().count() < 3 {
            return Err(WalkInError::ReasonMissing);
        }
        Ok(Self(t.chars().take(500).collect()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn passport_numbers_are_letters_then_digits() {
        assert_eq!(
            PassportNumber::parse(" c 1234567 ").unwrap().as_str(),
            "C1234567"
        );
        assert_eq!(
            PassportNumber::parse("AB123456").unwrap().as_str(),
            "AB123456"
        );
        assert_eq!(
            PassportNumber::parse("").unwrap_err(),
            WalkInError::PassportMissing
        );
        for bad in ["1234567", "C12345", "C12345678", "ABC123456", "C12E4567"] {
            assert_eq!(
                PassportNumber::parse(bad).unwrap_err(),
                WalkInError::PassportInvalid,
                "{bad}"
            );
        }
    }

    #[test]
    fn priority_is_suggested_with_its_reason() {
        let on = d(2026, 11, 23);
        assert_eq!(
            PriorityReason::suggested(&[d(1960, 5, 1)], on),
            Some(PriorityReason::Lansia)
        );
        assert_eq!(
            PriorityReason::suggested(&[d(1990, 5, 1), d(2023, 1, 1)], on),
            Some(PriorityReason::Balita)
        );
        assert_eq!(PriorityReason::suggested(&[d(1990, 5, 1)], on), None);
    }

    #[test]
    fn a_walk_in_takes_its_own_share_when_the_quota_is_split() {
        // 100 = 70 online + 20 loket + 10 prioritas; 18 regular walk-ins and 10 priority booked.
        assert_eq!(room_for(Share::Counter, 100, Some((20, 10)), 90, 18, 10), 2);
        assert_eq!(
            room_for(Share::Priority, 100, Some((20, 10)), 90, 18, 10),
            0
        );
        // No split: one pool.
        assert_eq!(room_for(Share::Counter, 100, None, 97, 0, 0), 3);
        assert_eq!(room_for(Share::Priority, 100, None, 104, 0, 0), 0);
    }

    #[test]
    fn a_walk_in_cannot_be_booked_into_the_past_or_an_ended_session() {
        let s = OfficeSchedule::default();
        let now = d(2026, 11, 23).and_hms_opt(12, 30, 0).unwrap();
        assert_eq!(
            check_session_open(&s, d(2026, 11, 22), SessionKind::Siang, now)
                .unwrap_err()
                .to_string(),
            "Tanggal 22/11/2026 sudah lewat; pilih hari ini atau tanggal berikutnya."
        );
        assert_eq!(
            check_session_open(&s, d(2026, 11, 23), SessionKind::Pagi, now).unwrap_err(),
            WalkInError::SessionOver(SessionKind::Pagi)
        );
        assert!(check_session_open(&s, d(2026, 11, 23), SessionKind::Siang, now).is_ok());
        assert!(check_session_open(&s, d(2026, 11, 24), SessionKind::Pagi, now).is_ok());
    }

    #[test]
    fn a_reason_must_say_something() {
        assert_eq!(Reason::parse("  ").unwrap_err(), WalkInError::ReasonMissing);
        assert_eq!(
            Reason::parse(" Pemohon lansia datang dari luar kota ")
                .unwrap()
                .as_str(),
            "Pemohon lansia datang dari luar kota"
        );
    }
}
