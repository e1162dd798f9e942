//! The colour of a date in the quota calendar, exactly as the APAPO manual defines it:
//! hijau = kuota tersedia, merah = kuota sudah habis, kuning = kuota belum disediakan oleh kantor
//! imigrasi, abu-abu = hari libur nasional (we also grey cuti bersama, office closures and days the
//! office does not open, because no quota can be booked on them either).

use serde::{Deserialize, Serialize};

use crate::holiday::Holiday;
use crate::quota::DayQuota;
use crate::text::Text;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateColour {
    Green,
    Red,
    Yellow,
    Grey,
}

/// What is known about one date at one office.
#[derive(Debug, Clone, Copy)]
pub struct DayFacts<'a> {
    pub holiday: Option<&'a Holiday>,
    /// The reason an office closed on an otherwise working day.
    pub closure: Option<&'a str>,
    pub working_day: bool,
    pub quota: DayQuota,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayVerdict {
    pub colour: DateColour,
    /// Why a date is grey: the holiday's official name and the closure reason as the office typed
    /// it (the same in both languages), or "Akhir pekan" / "Weekend".
    pub reason: Option<Text>,
}

impl DayFacts<'_> {
    pub fn verdict(&self) -> DayVerdict {
        let grey = |reason: Text| DayVerdict {
            colour: DateColour::Grey,
            reason: Some(reason),
        };
        if let Some(h) = self.holiday {
            return grey(Text::same(&h.name));
        }
        if let Some(reason) = self.closure {
            return grey(Text::same(reason));
        }
        if !self.working_day {
            return grey(Text::new("Akhir pekan", "Weekend"));
        }
        let colour = if !self.quota.is_provided() {
            DateColour::Yellow
        } else if self.quota.remaining() > 0 {
            DateColour::Green
        } else {
            DateColour::Red
        };
        DayVerdict {
            colour,
            reason: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::holiday::HolidayKind;
    use crate::quota::{Capacity, SessionQuota};
    use chrono::NaiveDate;

    fn q(capacity: i64, booked: u32) -> Option<SessionQuota> {
        Some(SessionQuota {
            capacity: Capacity::try_from(capacity).unwrap(),
            booked,
        })
    }

    fn facts(quota: DayQuota) -> DayFacts<'static> {
        DayFacts {
            holiday: None,
            closure: None,
            working_day: true,
            quota,
        }
    }

    #[test]
    fn green_while_any_session_has_room() {
        assert_eq!(
            facts(DayQuota {
                pagi: q(100, 100),
                siang: q(100, 99)
            })
            .verdict()
            .colour,
            DateColour::Green
        );
        assert_eq!(
            facts(DayQuota {
                pagi: q(100, 0),
                siang: None
            })
            .verdict()
            .colour,
            DateColour::Green
        );
    }

    #[test]
    fn red_when_every_provided_session_is_full() {
        assert_eq!(
            facts(DayQuota {
                pagi: q(100, 100),
                siang: q(100, 100)
            })
            .verdict()
            .colour,
            DateColour::Red
        );
        assert_eq!(
            facts(DayQuota {
                pagi: q(80, 80),
                siang: None
            })
            .verdict()
            .colour,
            DateColour::Red
        );
    }

    #[test]
    fn yellow_when_the_office_has_not_provided_quota() {
        assert_eq!(
            facts(DayQuota::default()).verdict().colour,
            DateColour::Yellow
        );
        assert_eq!(
            facts(DayQuota {
                pagi: q(0, 0),
                siang: q(0, 0)
            })
            .verdict()
            .colour,
            DateColour::Yellow
        );
    }

    #[test]
    fn grey_for_holidays_closures_and_weekends_whatever_the_quota() {
        let h = Holiday::parse(
            NaiveDate::from_ymd_opt(2026, 8, 17).unwrap(),
            HolidayKind::LiburNasional,
            "Hari Kemerdekaan",
            "",
        )
        .unwrap();
        let full = DayQuota {
            pagi: q(100, 10),
            siang: None,
        };
        let holiday = DayFacts {
            holiday: Some(&h),
            ..facts(full)
        }
        .verdict();
        assert_eq!(
            holiday,
            DayVerdict {
                colour: DateColour::Grey,
                reason: Some(Text::same("Hari Kemerdekaan"))
            }
        );
        let closed = DayFacts {
            closure: Some("Pemadaman listrik"),
            ..facts(full)
        }
        .verdict();
        assert_eq!(closed.reason, Some(Text::same("Pemadaman listrik")));
        let weekend = DayFacts {
            working_day: false,
            ..facts(full)
        }
        .verdict();
        assert_eq!(
            weekend,
            DayVerdict {
                colour: DateColour::Grey,
                reason: Some(Text::new("Akhir pekan", "Weekend"))
            }
        );
    }
}
