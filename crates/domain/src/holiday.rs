//! National holidays (libur nasional) and collective leave (cuti bersama).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::reference::{self, ReferenceError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    LiburNasional,
    CutiBersama,
}

impl HolidayKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HolidayKind::LiburNasional => "libur_nasional",
            HolidayKind::CutiBersama => "cuti_bersama",
        }
    }
}

impl TryFrom<&str> for HolidayKind {
    type Error = HolidayError;
    fn try_from(s: &str) -> Result<Self, HolidayError> {
        match s {
            "libur_nasional" => Ok(HolidayKind::LiburNasional),
            "cuti_bersama" => Ok(HolidayKind::CutiBersama),
            other => Err(HolidayError::UnknownKind(other.to_owned())),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HolidayError {
    UnknownKind(String),
    EmptyName,
    BadDate(String),
}

crate::bilingual!(HolidayError {
    Self::UnknownKind(kind) => ["Jenis hari libur '{kind}' tidak dikenal."]
        ["Unknown holiday kind '{kind}'."],
    Self::EmptyName => ["Nama hari libur wajib diisi."] ["The holiday's name is required."],
    Self::BadDate(date) => ["Tanggal '{date}' tidak valid."] ["The date '{date}' is not valid."],
});

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub kind: HolidayKind,
    pub name: String,
    pub decree: String,
}

impl Holiday {
    pub fn parse(
        date: NaiveDate,
        kind: HolidayKind,
        name: &str,
        decree: &str,
    ) -> Result<Self, HolidayError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(HolidayError::EmptyName);
        }
        Ok(Self {
            date,
            kind,
            name: name.to_owned(),
            decree: decree.trim().to_owned(),
        })
    }

    /// The holidays and cuti bersama 2025–2027 set by the SKB decrees, shipped with the app.
    pub fn embedded() -> Result<Vec<Holiday>, ReferenceError> {
        let bad = |detail: String| ReferenceError {
            file: "libur_nasional_cuti_bersama_2025_2027.csv".into(),
            detail,
        };
        reference::records(
            "libur_nasional_cuti_bersama_2025_2027.csv",
            reference::HOLIDAYS_CSV,
        )?
        .iter()
        .map(|r| {
            let date =
                NaiveDate::parse_from_str(&r[0], "%Y-%m-%d").map_err(|e| bad(e.to_string()))?;
            let kind = HolidayKind::try_from(&r[2]).map_err(|e| bad(e.to_string()))?;
            Holiday::parse(date, kind, &r[3], &r[4]).map_err(|e| bad(e.to_string()))
        })
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_holidays_cover_2025_to_2027() {
        let all = Holiday::embedded().unwrap();
        assert_eq!(all.len(), 79);
        assert_eq!(
            all.iter()
                .filter(|h| h.kind == HolidayKind::CutiBersama)
                .count(),
            27
        );
        let independence = all
            .iter()
            .find(|h| h.date == NaiveDate::from_ymd_opt(2026, 8, 17).unwrap())
            .unwrap();
        assert_eq!(independence.kind, HolidayKind::LiburNasional);
    }
}
