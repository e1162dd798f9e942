//! Immigration offices and the time zone each one lives in.
//!
//! "Today" at a counter is the office's local date: at 00:30 WIT in Jayapura it is already the next
//! day while a server in Jakarta still says yesterday. Everything date-like is derived from an
//! instant through the office's IANA zone.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::reference::{self, ReferenceError};

/// Indonesia's three time zones, as printed on everything the public sees.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Zone {
    WIB,
    WITA,
    WIT,
}

impl Zone {
    pub fn parse(s: &str) -> Result<Self, OfficeError> {
        match s {
            "WIB" => Ok(Zone::WIB),
            "WITA" => Ok(Zone::WITA),
            "WIT" => Ok(Zone::WIT),
            other => Err(OfficeError::UnknownZone(other.to_owned())),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Zone::WIB => "WIB",
            Zone::WITA => "WITA",
            Zone::WIT => "WIT",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OfficeError {
    UnknownOffice(String),
    UnknownZone(String),
    UnknownTimeZone(String),
}

crate::bilingual!(OfficeError {
    Self::UnknownOffice(slug) => ["Kantor imigrasi '{slug}' tidak dikenal."]
        ["Unknown immigration office '{slug}'."],
    Self::UnknownZone(zone) => ["Zona waktu '{zone}' tidak dikenal (WIB, WITA atau WIT)."]
        ["Unknown time zone '{zone}' (WIB, WITA or WIT)."],
    Self::UnknownTimeZone(tz) => ["Zona waktu IANA '{tz}' tidak dikenal."]
        ["Unknown IANA time zone '{tz}'."],
});

/// The short stable identifier of an office (its subdomain at imigrasi.go.id, e.g. `jakartaselatan`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct OfficeSlug(String);

impl OfficeSlug {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Office {
    pub slug: OfficeSlug,
    pub name: String,
    pub kelas: String,
    pub city: String,
    pub province: String,
    /// Kemendagri kab/kota code (4 digits, NIK form) of the office's seat.
    pub kabkota_code: String,
    pub zone: Zone,
    pub tz: Tz,
}

impl Office {
    /// The office-local calendar date at `now`.
    pub fn local_date(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.tz).date_naive()
    }

    pub fn local_time(&self, now: DateTime<Utc>) -> NaiveDateTime {
        now.with_timezone(&self.tz).naive_local()
    }
}

/// The 150 Kantor Imigrasi shipped with the app.
#[derive(Debug, Clone)]
pub struct OfficeCatalog {
    offices: Vec<Office>,
}

impl OfficeCatalog {
    pub fn embedded() -> Result<Self, ReferenceError> {
        let bad = |detail: String| ReferenceError {
            file: "kantor_imigrasi.csv".into(),
            detail,
        };
        let mut offices = Vec::new();
        for r in reference::records("kantor_imigrasi.csv", reference::OFFICES_CSV)? {
            let zone = Zone::parse(&r[13]).map_err(|e| bad(e.to_string()))?;
            let tz: Tz = r[15].parse().map_err(|_| bad(format!("zona {}", &r[15])))?;
            offices.push(Office {
                slug: OfficeSlug(r[0].to_owned()),
                name: r[2].to_owned(),
                kelas: r[3].trim_end_matches(" (assumed)").to_owned(),
                city: r[8].to_owned(),
                province: r[10].to_owned(),
                kabkota_code: r[7].replace('.', ""),
                zone,
                tz,
            });
        }
        offices.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Self { offices })
    }

    pub fn all(&self) -> &[Office] {
        &self.offices
    }

    /// Looks an office up by slug; the only way to get an `OfficeSlug` from user input.
    pub fn get(&self, slug: &str) -> Result<&Office, OfficeError> {
        self.offices
            .iter()
            .find(|o| o.slug.0 == slug)
            .ok_or_else(|| OfficeError::UnknownOffice(slug.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn all_150_offices_load_with_a_zone_that_matches_their_iana_zone() {
        let c = OfficeCatalog::embedded().unwrap();
        assert_eq!(c.all().len(), 150);
        for o in c.all() {
            let expected = match o.zone {
                Zone::WIB => ["Asia/Jakarta", "Asia/Pontianak"].as_slice(),
                Zone::WITA => ["Asia/Makassar"].as_slice(),
                Zone::WIT => ["Asia/Jayapura"].as_slice(),
            };
            assert!(
                expected.contains(&o.tz.name()),
                "{} {:?} {}",
                o.slug.as_str(),
                o.zone,
                o.tz
            );
        }
    }

    #[test]
    fn today_is_the_office_local_date() {
        let c = OfficeCatalog::embedded().unwrap();
        let ambon = c.get("ambon").unwrap();
        assert_eq!(ambon.zone, Zone::WIT);
        // 16:30 UTC on the 21st is 01:30 WIT on the 22nd, and still 23:30 WIB on the 21st.
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 16, 30, 0).unwrap();
        assert_eq!(
            ambon.local_date(now),
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
        );
        let agam = c.get("agam").unwrap();
        assert_eq!(
            agam.local_date(now),
            NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
        );
    }

    #[test]
    fn unknown_office_is_a_clear_error() {
        let c = OfficeCatalog::embedded().unwrap();
        assert_eq!(
            c.get("atlantis").unwrap_err().to_string(),
            "Kantor imigrasi 'atlantis' tidak dikenal."
        );
    }
}
