//! When approved quota opens to the public, in the office's own time zone.
//!
//! The seeds: quota for the coming week opens on Friday at 14:00 and the booking window closes on
//! Sunday at 16:00, local time. Offices differ, so the schedule is a value each office configures;
//! another common one opens a whole month on the last working day of the month before, at 09:00.

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Timelike, Utc, Weekday,
};
use chrono_tz::Tz;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReleaseSchedule {
    /// Dates of a Monday-to-Sunday week open in the week before, from `open` to `close`.
    Weekly {
        open: (Weekday, NaiveTime),
        close: (Weekday, NaiveTime),
    },
    /// Dates of a month open on the last working day of the month before, at `at`.
    MonthlyLastWorkingDay { at: NaiveTime },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReleaseError {
    CloseBeforeOpen,
    NoSuchLocalTime(String),
}

crate::bilingual!(ReleaseError {
    Self::CloseBeforeOpen =>
        ["Jadwal rilis tidak valid: jendela pemesanan harus ditutup setelah dibuka."]
        ["The release schedule is not valid: the booking window must close after it opens."],
    Self::NoSuchLocalTime(at) => ["Waktu {at} tidak ada di zona waktu kantor."]
        ["The time {at} does not exist in the office's time zone."],
});

/// The booking window of one date: from `opens` until `closes` (None: stays open until the date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReleaseWindow {
    pub opens: DateTime<Utc>,
    pub closes: Option<DateTime<Utc>>,
}

impl ReleaseWindow {
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        now >= self.opens && self.closes.is_none_or(|c| now < c)
    }
}

impl ReleaseSchedule {
    /// The seeds' default: Friday 14:00 until Sunday 16:00.
    pub fn seeds_default() -> Self {
        let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap_or(NaiveTime::MIN);
        ReleaseSchedule::Weekly {
            open: (Weekday::Fri, t(14)),
            close: (Weekday::Sun, t(16)),
        }
    }

    pub fn parse_weekly(
        open: (Weekday, NaiveTime),
        close: (Weekday, NaiveTime),
    ) -> Result<Self, ReleaseError> {
        let minutes = |(d, t): (Weekday, NaiveTime)| {
            d.num_days_from_monday() * 1440 + t.num_seconds_from_midnight() / 60
        };
        if minutes(close) <= minutes(open) {
            return Err(ReleaseError::CloseBeforeOpen);
        }
        Ok(ReleaseSchedule::Weekly { open, close })
    }

    /// When `date` opens (and closes) for booking at an office in `tz`. `working_day` says whether
    /// the office serves on a date (weekends, holidays); only the monthly schedule needs it.
    pub fn window(
        &self,
        date: NaiveDate,
        tz: Tz,
        working_day: impl Fn(NaiveDate) -> bool,
    ) -> Result<ReleaseWindow, ReleaseError> {
        match *self {
            ReleaseSchedule::Weekly { open, close } => {
                let monday =
                    date - Duration::days(i64::from(date.weekday().num_days_from_monday()));
                let previous_monday = monday - Duration::days(7);
                let at = |(day, time): (Weekday, NaiveTime)| {
                    let d = previous_monday + Duration::days(i64::from(day.num_days_from_monday()));
                    local(tz, d, time)
                };
                Ok(ReleaseWindow {
                    opens: at(open)?,
                    closes: Some(at(close)?),
                })
            }
            ReleaseSchedule::MonthlyLastWorkingDay { at } => {
                let first = date.with_day(1).unwrap_or(date);
                let mut day = first - Duration::days(1);
                // Look back at most a month: a month with no working day at all opens on its last day.
                for _ in 0..31 {
                    if working_day(day) {
                        break;
                    }
                    day -= Duration::days(1);
                }
                if !working_day(day) {
                    day = first - Duration::days(1);
                }
                Ok(ReleaseWindow {
                    opens: local(tz, day, at)?,
                    closes: None,
                })
            }
        }
    }
}

/// An office-local wall-clock time as an instant. Indonesia has no daylight saving, but the
/// conversion still refuses a time that does not exist rather than guessing.
fn local(tz: Tz, date: NaiveDate, time: NaiveTime) -> Result<DateTime<Utc>, ReleaseError> {
    tz.from_local_datetime(&date.and_time(time))
        .single()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| ReleaseError::NoSuchLocalTime(format!("{date} {time}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn utc(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, day, h, min, 0).unwrap()
    }

    const JAKARTA: Tz = chrono_tz::Asia::Jakarta;
    const MAKASSAR: Tz = chrono_tz::Asia::Makassar;
    const JAYAPURA: Tz = chrono_tz::Asia::Jayapura;

    #[test]
    fn the_seeds_week_opens_friday_14_and_closes_sunday_16_local() {
        // Wednesday 2 December 2026 belongs to the week of Monday 30 November; it opens on
        // Friday 27 November 14:00 WIB (07:00 UTC) and closes Sunday 29 November 16:00 WIB.
        let w = ReleaseSchedule::seeds_default()
            .window(d(2026, 12, 2), JAKARTA, |_| true)
            .unwrap();
        assert_eq!(w.opens, utc(2026, 11, 27, 7, 0));
        assert_eq!(w.closes, Some(utc(2026, 11, 29, 9, 0)));
        assert!(!w.is_open(utc(2026, 11, 27, 6, 59)));
        assert!(w.is_open(utc(2026, 11, 27, 7, 0)));
        assert!(!w.is_open(utc(2026, 11, 29, 9, 0)));
    }

    #[test]
    fn the_same_local_time_is_a_different_instant_in_wib_wita_and_wit() {
        let s = ReleaseSchedule::seeds_default();
        let opens = |tz| s.window(d(2026, 12, 2), tz, |_| true).unwrap().opens;
        assert_eq!(opens(JAKARTA), utc(2026, 11, 27, 7, 0));
        assert_eq!(opens(MAKASSAR), utc(2026, 11, 27, 6, 0));
        assert_eq!(opens(JAYAPURA), utc(2026, 11, 27, 5, 0));
    }

    #[test]
    fn a_release_just_after_local_midnight_falls_on_the_previous_utc_day() {
        // Opening at 00:30 WIT on Friday is 15:30 UTC on Thursday.
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let s = ReleaseSchedule::parse_weekly((Weekday::Fri, t(0, 30)), (Weekday::Sun, t(16, 0)))
            .unwrap();
        let w = s.window(d(2026, 12, 2), JAYAPURA, |_| true).unwrap();
        assert_eq!(w.opens, utc(2026, 11, 26, 15, 30));
    }

    #[test]
    fn monthly_offices_open_on_the_last_working_day_of_the_month_before() {
        let s = ReleaseSchedule::MonthlyLastWorkingDay {
            at: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        };
        // 31 December is a holiday in this test's calendar, so January 2027 opens on Wednesday
        // 30 December at 09:00 WITA (01:00 UTC).
        let working = |x: NaiveDate| x.weekday().num_days_from_monday() < 5 && x != d(2026, 12, 31);
        let w = s.window(d(2027, 1, 15), MAKASSAR, working).unwrap();
        assert_eq!(w.opens, utc(2026, 12, 30, 1, 0));
        assert_eq!(w.closes, None);
        assert!(w.is_open(utc(2027, 1, 14, 0, 0)));
    }

    #[test]
    fn a_window_that_closes_before_it_opens_is_refused() {
        let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        assert_eq!(
            ReleaseSchedule::parse_weekly((Weekday::Sun, t(16)), (Weekday::Fri, t(14)))
                .unwrap_err(),
            ReleaseError::CloseBeforeOpen
        );
    }
}
