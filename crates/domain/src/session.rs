//! The two daily service sessions (pagi and siang) and the office's working week.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionKind {
    Pagi,
    Siang,
}

impl SessionKind {
    pub const ALL: [SessionKind; 2] = [SessionKind::Pagi, SessionKind::Siang];

    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Pagi => "pagi",
            SessionKind::Siang => "siang",
        }
    }
}

// The session's name inside a sentence: "Sesi pagi", "the morning session".
crate::bilingual!(SessionKind {
    Self::Pagi => ["pagi"] ["morning"],
    Self::Siang => ["siang"] ["afternoon"],
});

impl TryFrom<&str> for SessionKind {
    type Error = ScheduleError;
    fn try_from(s: &str) -> Result<Self, ScheduleError> {
        match s {
            "pagi" => Ok(SessionKind::Pagi),
            "siang" => Ok(SessionKind::Siang),
            other => Err(ScheduleError::UnknownSession(other.to_owned())),
        }
    }
}

impl TryFrom<String> for SessionKind {
    type Error = ScheduleError;
    fn try_from(s: String) -> Result<Self, ScheduleError> {
        Self::try_from(s.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    UnknownSession(String),
    StartNotBeforeEnd,
    SessionsOverlap,
}

crate::bilingual!(ScheduleError {
    Self::UnknownSession(s) => ["Sesi '{s}' tidak dikenal (pagi atau siang)."]
        ["Unknown session '{s}' (pagi or siang)."],
    Self::StartNotBeforeEnd => ["Jam sesi tidak valid: jam mulai harus sebelum jam selesai."]
        ["The session hours are not valid: the start must be before the end."],
    Self::SessionsOverlap => ["Sesi pagi harus selesai sebelum sesi siang dimulai."]
        ["The morning session must end before the afternoon session starts."],
});

/// Opening hours of one session, office-local.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionHours {
    start: NaiveTime,
    end: NaiveTime,
}

impl SessionHours {
    pub fn parse(start: NaiveTime, end: NaiveTime) -> Result<Self, ScheduleError> {
        if start >= end {
            return Err(ScheduleError::StartNotBeforeEnd);
        }
        Ok(Self { start, end })
    }

    pub fn start(&self) -> NaiveTime {
        self.start
    }

    pub fn end(&self) -> NaiveTime {
        self.end
    }
}

/// An office's sessions and working days. Offices set their own hours; the defaults are the common
/// 08:00–12:00 and 13:00–16:00, Monday to Friday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeSchedule {
    pagi: SessionHours,
    siang: SessionHours,
    working_days: [bool; 7],
}

impl OfficeSchedule {
    pub fn parse(
        pagi: SessionHours,
        siang: SessionHours,
        working_days: [bool; 7],
    ) -> Result<Self, ScheduleError> {
        if pagi.end > siang.start {
            return Err(ScheduleError::SessionsOverlap);
        }
        Ok(Self {
            pagi,
            siang,
            working_days,
        })
    }

    pub fn hours(&self, session: SessionKind) -> SessionHours {
        match session {
            SessionKind::Pagi => self.pagi,
            SessionKind::Siang => self.siang,
        }
    }

    /// Whether the office serves the public on this weekday (holidays are judged separately).
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.working_days[date.weekday().num_days_from_monday() as usize]
    }
}

impl Default for OfficeSchedule {
    fn default() -> Self {
        let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap_or(NaiveTime::MIN);
        Self {
            pagi: SessionHours {
                start: t(8),
                end: t(12),
            },
            siang: SessionHours {
                start: t(13),
                end: t(16),
            },
            working_days: [true, true, true, true, true, false, false],
        }
    }
}

/// Weekday name in Bahasa Indonesia.
pub fn hari(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "Senin",
        Weekday::Tue => "Selasa",
        Weekday::Wed => "Rabu",
        Weekday::Thu => "Kamis",
        Weekday::Fri => "Jumat",
        Weekday::Sat => "Sabtu",
        Weekday::Sun => "Minggu",
    }
}

/// Month name in Bahasa Indonesia (1 = Januari).
pub fn bulan(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    NAMES[(month.clamp(1, 12) - 1) as usize]
}

/// A date as written in Indonesian letters: "Senin, 23 November 2026".
pub fn tanggal_panjang(date: NaiveDate) -> String {
    format!(
        "{}, {} {} {}",
        hari(date.weekday()),
        date.day(),
        bulan(date.month()),
        date.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, 0, 0).unwrap()
    }

    #[test]
    fn hours_must_run_forward_and_sessions_must_not_overlap() {
        assert_eq!(
            SessionHours::parse(t(12), t(8)).unwrap_err(),
            ScheduleError::StartNotBeforeEnd
        );
        let pagi = SessionHours::parse(t(8), t(13)).unwrap();
        let siang = SessionHours::parse(t(12), t(16)).unwrap();
        assert_eq!(
            OfficeSchedule::parse(pagi, siang, [true; 7]).unwrap_err(),
            ScheduleError::SessionsOverlap
        );
    }

    #[test]
    fn default_week_is_monday_to_friday() {
        let s = OfficeSchedule::default();
        assert!(s.is_working_day(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())); // Friday
        assert!(!s.is_working_day(NaiveDate::from_ymd_opt(2026, 11, 21).unwrap())); // Saturday
        assert_eq!(s.hours(SessionKind::Siang).start(), t(13));
        assert_eq!(hari(Weekday::Sat), "Sabtu");
    }
}
