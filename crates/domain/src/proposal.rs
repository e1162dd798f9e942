//! A quota proposal: capacity for a range of dates in one step, as an officer enters it.
//!
//! The officer gives a date range, the weekdays it applies to and the per-session capacity with its
//! split into online, counter (walk-in) and priority shares. Weekends and holidays are skipped unless
//! the officer includes a date explicitly, with a reason.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::session::SessionKind;

/// How one session's capacity is shared out. Built only through [`QuotaSplit::parse`], so the
/// shares always add up to the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaSplit {
    online: u32,
    counter: u32,
    priority: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProposalError {
    TooLarge(u32),
    SplitMismatch {
        online: u32,
        counter: u32,
        priority: u32,
        sum: u32,
        total: u32,
    },
    Reversed {
        from: NaiveDate,
        to: NaiveDate,
    },
    InPast(NaiveDate),
    TooLong,
    NoDates,
    MissingReason(NaiveDate),
}

crate::bilingual!(ProposalError {
    Self::TooLarge(n) => ["Kapasitas per sesi maksimal 1000; yang diisi {n}."]
        ["A session holds at most 1000; {n} was entered."],
    Self::SplitMismatch { online, counter, priority, sum, total } =>
        ["Pembagian kuota tidak sesuai: online {online} + loket {counter} + prioritas {priority} = {sum}, bukan {total}."]
        ["The quota split does not add up: online {online} + counter {counter} + priority {priority} = {sum}, not {total}."],
    Self::Reversed { from, to } =>
        ["Tanggal akhir ({}) sebelum tanggal awal ({}).", to.format("%d/%m/%Y"), from.format("%d/%m/%Y")]
        ["The end date ({}) is before the start date ({}).", to.format("%d/%m/%Y"), from.format("%d/%m/%Y")],
    Self::InPast(date) =>
        ["Tanggal {} sudah lewat; usulan hanya untuk hari ini dan seterusnya.", date.format("%d/%m/%Y")]
        ["{} has already passed; a proposal starts today or later.", date.format("%d/%m/%Y")],
    Self::TooLong => ["Rentang usulan maksimal 180 hari."] ["A proposal covers at most 180 days."],
    Self::NoDates => ["Tidak ada tanggal yang cocok dengan pola hari yang dipilih."]
        ["No date matches the chosen days of the week."],
    Self::MissingReason(date) =>
        ["Tanggal {} adalah hari libur atau akhir pekan; sertakan alasan untuk tetap membuka layanan.", date.format("%d/%m/%Y")]
        ["{} is a holiday or a weekend; give a reason to open the service anyway.", date.format("%d/%m/%Y")],
});

impl QuotaSplit {
    pub fn parse(
        total: u32,
        online: u32,
        counter: u32,
        priority: u32,
    ) -> Result<Self, ProposalError> {
        if total > crate::quota::Capacity::MAX {
            return Err(ProposalError::TooLarge(total));
        }
        let sum = online.saturating_add(counter).saturating_add(priority);
        if sum != total {
            return Err(ProposalError::SplitMismatch {
                online,
                counter,
                priority,
                sum,
                total,
            });
        }
        Ok(Self {
            online,
            counter,
            priority,
        })
    }

    /// The seeds' about-100 per session: 80 online, 15 at the counter, 5 for priority walk-ins.
    pub fn seeds_default() -> Self {
        Self {
            online: 80,
            counter: 15,
            priority: 5,
        }
    }

    pub fn total(&self) -> u32 {
        self.online + self.counter + self.priority
    }

    pub fn online(&self) -> u32 {
        self.online
    }

    pub fn counter(&self) -> u32 {
        self.counter
    }

    pub fn priority(&self) -> u32 {
        self.priority
    }
}

/// What the officer asked for.
#[derive(Debug, Clone)]
pub struct ProposalRequest {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Monday first.
    pub weekdays: [bool; 7],
    pub sessions: BTreeMap<SessionKind, QuotaSplit>,
    /// Non-working dates the officer opens anyway, each with a reason.
    pub include: BTreeMap<NaiveDate, String>,
}

/// One date of a proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposedDay {
    pub date: NaiveDate,
    pub sessions: Vec<(SessionKind, QuotaSplit)>,
    /// Set when a non-working date was included on purpose.
    pub reason: Option<String>,
}

impl ProposalRequest {
    /// The dates the proposal covers. `is_closed` says whether a date is normally closed (a
    /// holiday, a closure, a weekend): such a date is covered only when included with a reason.
    pub fn expand(
        &self,
        today: NaiveDate,
        is_closed: impl Fn(NaiveDate) -> bool,
    ) -> Result<Vec<ProposedDay>, ProposalError> {
        if self.to < self.from {
            return Err(ProposalError::Reversed {
                from: self.from,
                to: self.to,
            });
        }
        if self.from < today {
            return Err(ProposalError::InPast(self.from));
        }
        if (self.to - self.from).num_days() >= 180 {
            return Err(ProposalError::TooLong);
        }
        let sessions: Vec<_> = self.sessions.iter().map(|(k, s)| (*k, *s)).collect();
        let mut days = Vec::new();
        for date in self.from.iter_days().take_while(|d| *d <= self.to) {
            let included = self.include.get(&date);
            if let Some(reason) = included {
                if reason.trim().is_empty() {
                    return Err(ProposalError::MissingReason(date));
                }
                days.push(ProposedDay {
                    date,
                    sessions: sessions.clone(),
                    reason: Some(reason.trim().to_owned()),
                });
                continue;
            }
            let wanted = self.weekdays[date.weekday().num_days_from_monday() as usize];
            if wanted && !is_closed(date) {
                days.push(ProposedDay {
                    date,
                    sessions: sessions.clone(),
                    reason: None,
                });
            }
        }
        if days.is_empty() {
            return Err(ProposalError::NoDates);
        }
        Ok(days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn request(from: NaiveDate, to: NaiveDate) -> ProposalRequest {
        ProposalRequest {
            from,
            to,
            weekdays: [true, true, true, true, true, false, false],
            sessions: [
                (SessionKind::Pagi, QuotaSplit::seeds_default()),
                (SessionKind::Siang, QuotaSplit::seeds_default()),
            ]
            .into(),
            include: BTreeMap::new(),
        }
    }

    /// Weekends and Christmas.
    fn closed(date: NaiveDate) -> bool {
        date.weekday().num_days_from_monday() >= 5 || date == d(12, 25)
    }

    #[test]
    fn a_split_must_add_up_to_the_capacity() {
        assert_eq!(QuotaSplit::parse(100, 80, 15, 5).unwrap().total(), 100);
        let err = QuotaSplit::parse(100, 80, 15, 10).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Pembagian kuota tidak sesuai: online 80 + loket 15 + prioritas 10 = 105, bukan 100."
        );
        assert_eq!(
            QuotaSplit::parse(5000, 5000, 0, 0).unwrap_err(),
            ProposalError::TooLarge(5000)
        );
    }

    #[test]
    fn december_skips_weekends_and_christmas_unless_included_with_a_reason() {
        let today = d(11, 23);
        let days = request(d(12, 1), d(12, 31)).expand(today, closed).unwrap();
        assert_eq!(days.len(), 22); // 23 weekdays in December 2026, less Christmas
        assert!(
            days.iter()
                .all(|x| x.date != d(12, 25) && x.date != d(12, 5))
        );

        let mut with_saturday = request(d(12, 1), d(12, 31));
        with_saturday
            .include
            .insert(d(12, 5), "Layanan akhir pekan musim libur".into());
        let days = with_saturday.expand(today, closed).unwrap();
        assert_eq!(days.len(), 23);
        assert_eq!(
            days.iter()
                .find(|x| x.date == d(12, 5))
                .unwrap()
                .reason
                .as_deref(),
            Some("Layanan akhir pekan musim libur")
        );

        let mut no_reason = request(d(12, 1), d(12, 31));
        no_reason.include.insert(d(12, 25), " ".into());
        assert_eq!(
            no_reason.expand(today, closed).unwrap_err(),
            ProposalError::MissingReason(d(12, 25))
        );
    }

    #[test]
    fn past_reversed_too_long_or_empty_ranges_are_refused() {
        let today = d(11, 23);
        assert_eq!(
            request(d(11, 20), d(11, 30))
                .expand(today, closed)
                .unwrap_err(),
            ProposalError::InPast(d(11, 20))
        );
        assert!(matches!(
            request(d(12, 10), d(12, 1)).expand(today, closed),
            Err(ProposalError::Reversed { .. })
        ));
        let long = request(d(12, 1), NaiveDate::from_ymd_opt(2027, 6, 30).unwrap());
        assert_eq!(
            long.expand(today, closed).unwrap_err(),
            ProposalError::TooLong
        );
        assert_eq!(
            request(d(12, 5), d(12, 6))
                .expand(today, closed)
                .unwrap_err(),
            ProposalError::NoDates
        );
    }
}
