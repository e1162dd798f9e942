//! Quota: how many applicants an office can serve per date and session.

use serde::Serialize;

/// Applicants one session can take. The seeds speak of about 100 per session; 1,000 is far beyond
/// any office and catches a mistyped extra zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Capacity(u32);

impl Capacity {
    pub const MAX: u32 = 1000;

    pub fn get(self) -> u32 {
        self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuotaError {
    Negative,
    TooLarge(i64),
}

crate::bilingual!(QuotaError {
    Self::Negative => ["Kapasitas tidak boleh negatif."] ["The capacity cannot be negative."],
    Self::TooLarge(n) => ["Kapasitas {n} tidak masuk akal; maksimal 1000 per sesi."]
        ["A capacity of {n} is not plausible; a session holds at most 1000."],
});

impl TryFrom<i64> for Capacity {
    type Error = QuotaError;
    fn try_from(n: i64) -> Result<Self, QuotaError> {
        match n {
            n if n < 0 => Err(QuotaError::Negative),
            n if n > i64::from(Self::MAX) => Err(QuotaError::TooLarge(n)),
            n => Ok(Self(n as u32)),
        }
    }
}

/// One session's quota on one date, with what is already taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionQuota {
    pub capacity: Capacity,
    pub booked: u32,
}

impl SessionQuota {
    pub fn remaining(&self) -> u32 {
        self.capacity.get().saturating_sub(self.booked)
    }
}

/// A date's quota for both sessions; `None` means the office has not provided quota for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DayQuota {
    pub pagi: Option<SessionQuota>,
    pub siang: Option<SessionQuota>,
}

impl DayQuota {
    pub fn is_provided(&self) -> bool {
        self.sessions().any(|q| q.capacity.get() > 0)
    }

    pub fn remaining(&self) -> u32 {
        self.sessions().map(|q| q.remaining()).sum()
    }

    fn sessions(&self) -> impl Iterator<Item = &SessionQuota> {
        self.pagi.iter().chain(self.siang.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacity_refuses_negative_and_absurd_values() {
        assert_eq!(Capacity::try_from(-1).unwrap_err(), QuotaError::Negative);
        assert_eq!(
            Capacity::try_from(100_000).unwrap_err().to_string(),
            "Kapasitas 100000 tidak masuk akal; maksimal 1000 per sesi."
        );
        assert_eq!(Capacity::try_from(100).unwrap().get(), 100);
    }

    #[test]
    fn remaining_never_goes_below_zero() {
        let q = SessionQuota {
            capacity: Capacity::try_from(10).unwrap(),
            booked: 12,
        };
        assert_eq!(q.remaining(), 0);
    }
}
