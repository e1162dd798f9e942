//! Booking rules of the seeds, for walk-ins at the counter and cancellations (issue #4):
//! 1–5 applicants of one family card with the account holder first, one NIK once, the 30-day
//! re-booking freeze, cancellation until H-2 in the office's own calendar, and the priority category.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::nik::Nik;
use crate::office::Office;
use crate::text::Text;

/// How an applicant relates to the account holder on the family card (Kartu Keluarga).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The account holder, always first.
    Pemohon,
    SuamiIstri,
    Anak,
    AyahIbu,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Pemohon => "pemohon",
            Relation::SuamiIstri => "suami_istri",
            Relation::Anak => "anak",
            Relation::AyahIbu => "ayah_ibu",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Relation::Pemohon => "Pemohon utama",
            Relation::SuamiIstri => "Suami/istri",
            Relation::Anak => "Anak",
            Relation::AyahIbu => "Ayah/ibu",
        }
    }
}

impl TryFrom<&str> for Relation {
    type Error = BookingError;
    fn try_from(s: &str) -> Result<Self, BookingError> {
        match s {
            "pemohon" => Ok(Relation::Pemohon),
            "suami_istri" => Ok(Relation::SuamiIstri),
            "anak" => Ok(Relation::Anak),
            "ayah_ibu" => Ok(Relation::AyahIbu),
            _ => Err(BookingError::RelationMissing),
        }
    }
}

impl TryFrom<String> for Relation {
    type Error = BookingError;
    fn try_from(s: String) -> Result<Self, BookingError> {
        Self::try_from(s.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BookingError {
    RelationMissing,
    KkInvalid,
    FamilySize(usize),
    PrincipalNotFirst,
    SecondPrincipal(usize),
    DuplicateNik {
        first: usize,
        second: usize,
    },
    Frozen {
        last: NaiveDate,
        from: NaiveDate,
    },
    TooLateToCancel {
        deadline: NaiveDate,
    },
    /// The office does not serve on `date`: a holiday's name or the closure's reason.
    OfficeClosed {
        date: NaiveDate,
        reason: Text,
    },
}

crate::bilingual!(BookingError {
    Self::OfficeClosed { date, reason } =>
        ["Kantor tutup pada {} ({reason}); pilih tanggal lain.", date.format("%d/%m/%Y")]
        ["The office is closed on {} ({}); choose another date.", date.format("%d/%m/%Y"), reason.en],
    Self::RelationMissing =>
        ["Hubungan keluarga wajib dipilih (suami/istri, anak atau ayah/ibu)."]
        ["Choose the family relation (husband/wife, child or father/mother)."],
    Self::KkInvalid => ["Nomor KK harus 16 digit angka."] ["A KK (family card) number has 16 digits."],
    Self::FamilySize(n) => ["Satu pemesanan berisi 1 sampai 5 pemohon; yang diisi {n}."]
        ["A booking holds 1 to 5 applicants; {n} were entered."],
    Self::PrincipalNotFirst => ["Pemohon pertama harus pemilik akun (pemohon utama)."]
        ["The first applicant must be the account holder (main applicant)."],
    Self::SecondPrincipal(n) =>
        ["Hanya pemohon pertama yang boleh berstatus pemohon utama; pemohon ke-{n} harus suami/istri, anak atau ayah/ibu."]
        ["Only the first applicant can be the main applicant; applicant {n} must be a husband/wife, child or father/mother."],
    Self::DuplicateNik { first, second } =>
        ["NIK yang sama diisi dua kali (pemohon ke-{first} dan ke-{second})."]
        ["The same NIK was entered twice (applicants {first} and {second})."],
    Self::Frozen { last, from } =>
        ["NIK ini sudah memesan antrean pada {}; pemesanan baru dapat dilakukan mulai {}.", last.format("%d/%m/%Y"), from.format("%d/%m/%Y")]
        ["This NIK already booked a queue on {}; a new booking can be made from {}.", last.format("%d/%m/%Y"), from.format("%d/%m/%Y")],
    Self::TooLateToCancel { deadline } =>
        ["Pembatalan oleh pemohon paling lambat H-2 ({}); untuk tanggal ini sudah lewat.", deadline.format("%d/%m/%Y")]
        ["Applicants can cancel until H-2, two days before ({}); for this date that has passed.", deadline.format("%d/%m/%Y")],
});

/// A Kartu Keluarga number: 16 digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KkNumber(String);

impl KkNumber {
    pub fn parse(input: &str) -> Result<Self, BookingError> {
        let digits: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-'))
            .collect();
        if digits.len() != 16 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(BookingError::KkInvalid);
        }
        Ok(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The people of one booking, in order, as checked: 1–5, the holder first, no NIK twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    kk: KkNumber,
    members: Vec<(Nik, Relation)>,
}

impl Family {
    pub fn kk(&self) -> &KkNumber {
        &self.kk
    }

    /// The applicants in the family's order, the account holder first.
    pub fn members(&self) -> &[(Nik, Relation)] {
        &self.members
    }

    pub fn parse(kk: KkNumber, members: Vec<(Nik, Relation)>) -> Result<Self, BookingError> {
        if !(1..=5).contains(&members.len()) {
            return Err(BookingError::FamilySize(members.len()));
        }
        if members[0].1 != Relation::Pemohon {
            return Err(BookingError::PrincipalNotFirst);
        }
        if let Some(i) = members
            .iter()
            .skip(1)
            .position(|(_, r)| *r == Relation::Pemohon)
        {
            return Err(BookingError::SecondPrincipal(i + 2));
        }
        let mut seen: Vec<&Nik> = Vec::new();
        for (i, (nik, _)) in members.iter().enumerate() {
            if let Some(first) = seen.iter().position(|n| *n == nik) {
                return Err(BookingError::DuplicateNik {
                    first: first + 1,
                    second: i + 1,
                });
            }
            seen.push(nik);
        }
        Ok(Self { kk, members })
    }
}

/// Days a NIK must wait after choosing a date (used or cancelled) before booking again.
pub const FREEZE_DAYS: i64 = 30;

/// The seeds' 30-day rule: a NIK whose last booking was made on `last` may book again from
/// `last + 30 days` (office-local dates).
pub fn check_freeze(last: Option<NaiveDate>, today: NaiveDate) -> Result<(), BookingError> {
    match last {
        Some(last) if today < last + Duration::days(FREEZE_DAYS) => Err(BookingError::Frozen {
            last,
            from: last + Duration::days(FREEZE_DAYS),
        }),
        _ => Ok(()),
    }
}

/// An applicant may cancel until two days before the date (H-2), by the office's own calendar.
pub fn check_applicant_cancellation(
    office: &Office,
    date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), BookingError> {
    let deadline = date - Duration::days(2);
    if office.local_date(now) > deadline {
        return Err(BookingError::TooLateToCancel { deadline });
    }
    Ok(())
}

/// Priority is suggested for the elderly (60 or older) and children under five; disability and
/// pregnancy are chosen by the officer.
pub fn suggests_priority(birth_dates: &[NaiveDate], on: NaiveDate) -> bool {
    birth_dates.iter().any(|b| {
        let age = on.years_since(*b).unwrap_or(0);
        !(5..60).contains(&age)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::office::OfficeCatalog;
    use crate::region::RegionCatalog;
    use chrono::TimeZone;

    fn nik(s: &str) -> Nik {
        Nik::parse(s, &RegionCatalog::embedded().unwrap())
            .unwrap()
            .nik
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn kk() -> KkNumber {
        KkNumber::parse("3174 0101 0101 0001").unwrap()
    }

    #[test]
    fn a_family_is_one_to_five_with_the_holder_first_and_no_nik_twice() {
        let holder = (nik("3174011211870001"), Relation::Pemohon);
        let child = (nik("3174015506150002"), Relation::Anak);
        assert!(Family::parse(kk(), vec![holder.clone(), child.clone()]).is_ok());
        assert_eq!(
            Family::parse(kk(), vec![]).unwrap_err(),
            BookingError::FamilySize(0)
        );
        let six = vec![
            holder.clone(),
            child.clone(),
            child.clone(),
            child.clone(),
            child.clone(),
            child.clone(),
        ];
        assert_eq!(
            Family::parse(kk(), six).unwrap_err().to_string(),
            "Satu pemesanan berisi 1 sampai 5 pemohon; yang diisi 6."
        );
        assert_eq!(
            Family::parse(kk(), vec![child.clone(), holder.clone()]).unwrap_err(),
            BookingError::PrincipalNotFirst
        );
        assert_eq!(
            Family::parse(kk(), vec![holder.clone(), holder.clone()]).unwrap_err(),
            BookingError::SecondPrincipal(2)
        );
        let twice = vec![holder, child.clone(), (child.0, Relation::SuamiIstri)];
        assert_eq!(
            Family::parse(kk(), twice).unwrap_err(),
            BookingError::DuplicateNik {
                first: 2,
                second: 3
            }
        );
    }

    #[test]
    fn a_kk_number_has_sixteen_digits() {
        assert_eq!(
            KkNumber::parse("317401010101000").unwrap_err(),
            BookingError::KkInvalid
        );
        assert_eq!(kk().as_str(), "3174010101010001");
    }

    #[test]
    fn the_thirty_day_freeze_ends_exactly_thirty_days_after_the_last_booking() {
        let last = d(2026, 11, 1);
        assert_eq!(
            check_freeze(Some(last), d(2026, 11, 30))
                .unwrap_err()
                .to_string(),
            "NIK ini sudah memesan antrean pada 01/11/2026; pemesanan baru dapat dilakukan mulai 01/12/2026."
        );
        assert!(check_freeze(Some(last), d(2026, 12, 1)).is_ok());
        assert!(check_freeze(None, d(2026, 12, 1)).is_ok());
    }

    #[test]
    fn h_minus_2_is_judged_by_the_offices_own_calendar() {
        let offices = OfficeCatalog::embedded().unwrap();
        let (jakarta, ambon) = (
            offices.get("jakartaselatan").unwrap(),
            offices.get("ambon").unwrap(),
        );
        let date = d(2026, 12, 1);
        // 15:30 UTC on 29 November: still the 29th in Jakarta (22:30 WIB), already the 30th in Ambon.
        let now = Utc.with_ymd_and_hms(2026, 11, 29, 15, 30, 0).unwrap();
        assert!(check_applicant_cancellation(jakarta, date, now).is_ok());
        assert_eq!(
            check_applicant_cancellation(ambon, date, now).unwrap_err(),
            BookingError::TooLateToCancel {
                deadline: d(2026, 11, 29)
            }
        );
    }

    #[test]
    fn priority_is_suggested_for_the_elderly_and_under_fives() {
        let on = d(2026, 11, 23);
        assert!(suggests_priority(&[d(1966, 11, 23)], on), "60 today");
        assert!(
            !suggests_priority(&[d(1966, 11, 24)], on),
            "59 until tomorrow"
        );
        assert!(
            suggests_priority(&[d(1990, 1, 1), d(2022, 1, 1)], on),
            "a four-year-old"
        );
        assert!(
            !suggests_priority(&[d(1990, 1, 1), d(2021, 11, 23)], on),
            "five today"
        );
    }
}
