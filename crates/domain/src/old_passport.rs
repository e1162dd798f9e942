//! The old passport handed in for a renewal (penggantian), as read from its machine-readable zone,
//! and what the officer must look at before accepting it: a birth date or sex that differs from
//! the applicant's NIK, a passport that has expired or expires within six months, a passport that
//! is not Indonesian. These are soft warnings: the officer checks the documents and acknowledges
//! them; none of them blocks a renewal by itself.

use chrono::{Months, NaiveDate};

use crate::nik::{Nik, Sex};
use crate::walkin::{PassportNumber, WalkInError};

/// The nationality code of an Indonesian passport in its MRZ.
pub const INDONESIA: &str = "IDN";

/// Months of validity a passport should still have; less is flagged.
pub const VALIDITY_MONTHS: u32 = 6;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OldPassportError {
    NotPassport(String),
    NumberInvalid,
    NameMissing,
    NationalityInvalid,
    BirthDateMissing,
    ExpiryMissing,
}

crate::bilingual!(OldPassportError {
    Self::NotPassport(code) =>
        ["Dokumen yang terbaca bukan paspor (kode dokumen {code}); pindai halaman data paspor."]
        ["The document read is not a passport (document code {code}); scan the passport's data page."],
    Self::NumberInvalid =>
        ["Nomor paspor pada hasil pindai tidak valid; pindai ulang halaman data paspor."]
        ["The scanned passport number is not valid; rescan the passport data page."],
    Self::NameMissing => ["Nama pemegang paspor tidak terbaca; pindai ulang halaman data paspor."]
        ["The holder's name could not be read; rescan the passport data page."],
    Self::NationalityInvalid =>
        ["Kode kewarganegaraan pada paspor tidak valid; pindai ulang halaman data paspor."]
        ["The passport's nationality code is not valid; rescan the passport data page."],
    Self::BirthDateMissing =>
        ["Tanggal lahir pada paspor tidak terbaca; pindai ulang halaman data paspor."]
        ["The passport's birth date could not be read; rescan the passport data page."],
    Self::ExpiryMissing =>
        ["Tanggal habis berlaku paspor tidak terbaca; pindai ulang halaman data paspor."]
        ["The passport's expiry date could not be read; rescan the passport data page."],
});

/// What a reader found on the data page, as plain fields (the MRZ with its fillers removed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PassportFields<'a> {
    /// `P`, or `P` followed by a national type letter.
    pub document_code: &'a str,
    pub number: &'a str,
    /// Surname words, separated by spaces (may be empty for a mononym printed as a given name).
    pub surname: &'a str,
    pub given_names: &'a str,
    /// ICAO 9303 code of the holder's nationality (`IDN`, `MYS`, `D`, …).
    pub nationality: &'a str,
    pub birth_date: Option<NaiveDate>,
    /// `None`: unspecified on the passport (`<` or `X`).
    pub sex: Option<Sex>,
    pub expiry: Option<NaiveDate>,
}

/// An old passport whose every field was read and checked.
#[derive(Clone, PartialEq, Eq)]
pub struct OldPassport {
    document_code: String,
    number: String,
    surname: String,
    given_names: String,
    nationality: String,
    birth_date: NaiveDate,
    sex: Option<Sex>,
    expiry: NaiveDate,
}

/// Uppercase words of A–Z separated by single spaces, or `None` if anything else is in it.
fn name_words(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split_whitespace()
        .map(str::to_ascii_uppercase)
        .collect();
    words
        .iter()
        .all(|w| w.chars().all(|c| c.is_ascii_uppercase()))
        .then(|| words.join(" "))
}

impl OldPassport {
    pub fn parse(f: &PassportFields<'_>) -> Result<Self, OldPassportError> {
        let code = f.document_code.trim().to_ascii_uppercase();
        if !code.starts_with('P') || code.len() > 2 {
            return Err(OldPassportError::NotPassport(code));
        }
        let number = f.number.trim().to_ascii_uppercase();
        if number.is_empty()
            || number.len() > 9
            || !number
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        {
            return Err(OldPassportError::NumberInvalid);
        }
        let surname = name_words(f.surname).ok_or(OldPassportError::NameMissing)?;
        let given_names = name_words(f.given_names).ok_or(OldPassportError::NameMissing)?;
        if surname.is_empty() && given_names.is_empty() {
            return Err(OldPassportError::NameMissing);
        }
        let nationality = f.nationality.trim().to_ascii_uppercase();
        if !(1..=3).contains(&nationality.len())
            || !nationality.chars().all(|c| c.is_ascii_uppercase())
        {
            return Err(OldPassportError::NationalityInvalid);
        }
        Ok(Self {
            document_code: code,
            number,
            surname,
            given_names,
            nationality,
            birth_date: f.birth_date.ok_or(OldPassportError::BirthDateMissing)?,
            sex: f.sex,
            expiry: f.expiry.ok_or(OldPassportError::ExpiryMissing)?,
        })
    }

    pub fn document_code(&self) -> &str {
        &self.document_code
    }

    /// The document number as printed in the MRZ.
    pub fn number(&self) -> &str {
        &self.number
    }

    /// The number as an Indonesian passport number (1–2 letters, 6–7 digits), which a renewal
    /// records; a foreign passport's number usually is not one.
    pub fn passport_number(&self) -> Result<PassportNumber, WalkInError> {
        PassportNumber::parse(&self.number)
    }

    pub fn surname(&self) -> &str {
        &self.surname
    }

    pub fn given_names(&self) -> &str {
        &self.given_names
    }

    /// Given names then surname, the way the name is written on an e-KTP.
    pub fn full_name(&self) -> String {
        [self.given_names.as_str(), self.surname.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn nationality(&self) -> &str {
        &self.nationality
    }

    pub fn is_indonesian(&self) -> bool {
        self.nationality == INDONESIA
    }

    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    pub fn sex(&self) -> Option<Sex> {
        self.sex
    }

    pub fn expiry(&self) -> NaiveDate {
        self.expiry
    }
}

impl std::fmt::Debug for OldPassport {
    // Debug output ends up in logs and panics: no name, no number, no birth date.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OldPassport")
            .field("document_code", &self.document_code)
            .field("nationality", &self.nationality)
            .field("expiry", &self.expiry)
            .finish_non_exhaustive()
    }
}

/// Something about the old passport the officer must look at and acknowledge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenewalFlag {
    BirthDateDiffers {
        nik: NaiveDate,
        passport: NaiveDate,
    },
    SexDiffers {
        nik: Sex,
        passport: Sex,
    },
    /// The passport was valid through `on`, a day before today.
    Expired {
        on: NaiveDate,
    },
    /// Still valid today, but for less than [`VALIDITY_MONTHS`] months.
    ExpiresSoon {
        on: NaiveDate,
    },
    NotIndonesian {
        nationality: String,
    },
}

impl RenewalFlag {
    /// A stable name for the kind of flag (acknowledgement keys, the window's styling).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::BirthDateDiffers { .. } => "passport_birth_date_differs",
            Self::SexDiffers { .. } => "passport_sex_differs",
            Self::Expired { .. } => "passport_expired",
            Self::ExpiresSoon { .. } => "passport_expires_soon",
            Self::NotIndonesian { .. } => "passport_not_indonesian",
        }
    }
}

fn sex_word(s: Sex) -> &'static str {
    match s {
        Sex::L => "laki-laki",
        Sex::P => "perempuan",
    }
}

fn sex_word_en(s: Sex) -> &'static str {
    match s {
        Sex::L => "male",
        Sex::P => "female",
    }
}

fn date(d: &NaiveDate) -> impl std::fmt::Display {
    d.format("%d/%m/%Y")
}

crate::bilingual!(RenewalFlag {
    Self::BirthDateDiffers { nik, passport } =>
        ["Tanggal lahir di paspor lama ({}) berbeda dengan tanggal lahir pada NIK ({}); cocokkan dengan e-KTP dan akta kelahiran.", date(passport), date(nik)]
        ["The birth date in the old passport ({}) differs from the one in the NIK ({}); check the e-KTP and the birth certificate.", date(passport), date(nik)],
    Self::SexDiffers { nik, passport } =>
        ["Jenis kelamin di paspor lama ({}) berbeda dengan NIK ({}); cocokkan dengan e-KTP.", sex_word(*passport), sex_word(*nik)]
        ["The sex in the old passport ({}) differs from the NIK ({}); check the e-KTP.", sex_word_en(*passport), sex_word_en(*nik)],
    Self::Expired { on } => ["Paspor lama sudah habis berlaku pada {}.", date(on)]
        ["The old passport expired on {}.", date(on)],
    Self::ExpiresSoon { on } =>
        ["Paspor lama habis berlaku {}, kurang dari {VALIDITY_MONTHS} bulan lagi.", date(on)]
        ["The old passport expires on {}, less than {VALIDITY_MONTHS} months from now.", date(on)],
    Self::NotIndonesian { nationality } =>
        ["Paspor ini bukan paspor Indonesia (kewarganegaraan {nationality}); penggantian hanya untuk paspor RI."]
        ["This is not an Indonesian passport (nationality {nationality}); only Indonesian passports can be renewed."],
});

/// Whether a passport valid through `expiry` has expired by `today` (office-local), or has less
/// than six months left: a passport expiring exactly six months from today is not flagged.
pub fn expiry_flag(expiry: NaiveDate, today: NaiveDate) -> Option<RenewalFlag> {
    if expiry < today {
        return Some(RenewalFlag::Expired { on: expiry });
    }
    let limit = today
        .checked_add_months(Months::new(VALIDITY_MONTHS))
        .unwrap_or(NaiveDate::MAX);
    (expiry < limit).then_some(RenewalFlag::ExpiresSoon { on: expiry })
}

/// Everything about `passport` the officer must acknowledge for a renewal, in the order it is
/// shown: identity against the NIK (when there is one), validity on `today`, nationality.
pub fn renewal_flags(
    passport: &OldPassport,
    nik: Option<&Nik>,
    today: NaiveDate,
) -> Vec<RenewalFlag> {
    let mut flags = Vec::new();
    if let Some(nik) = nik {
        // The passport's full year settles the NIK's two-digit one.
        if let Some(from_nik) = nik.birth_date(today, Some(passport.birth_date))
            && from_nik != passport.birth_date
        {
            flags.push(RenewalFlag::BirthDateDiffers {
                nik: from_nik,
                passport: passport.birth_date,
            });
        }
        if let Some(sex) = passport.sex
            && sex != nik.sex()
        {
            flags.push(RenewalFlag::SexDiffers {
                nik: nik.sex(),
                passport: sex,
            });
        }
    }
    flags.extend(expiry_flag(passport.expiry, today));
    if !passport.is_indonesian() {
        flags.push(RenewalFlag::NotIndonesian {
            nationality: passport.nationality.clone(),
        });
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::region::RegionCatalog;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn today() -> NaiveDate {
        d(2026, 11, 23)
    }

    fn nik(s: &str) -> Nik {
        Nik::parse(s, &RegionCatalog::embedded().unwrap())
            .unwrap()
            .nik
    }

    fn fields() -> PassportFields<'static> {
        PassportFields {
            document_code: "P",
            number: "C1234567",
            surname: "WIJAYA",
            given_names: "ANDI",
            nationality: "IDN",
            birth_date: Some(d(1988, 3, 12)),
            sex: Some(Sex::L),
            expiry: Some(d(2028, 5, 1)),
        }
    }

    fn passport(f: PassportFields<'_>) -> OldPassport {
        OldPassport::parse(&f).unwrap()
    }

    #[test]
    fn a_passport_read_is_parsed_into_the_fields_a_renewal_needs() {
        let p = passport(PassportFields {
            given_names: " siti  aminah ",
            surname: "",
            ..fields()
        });
        assert_eq!(p.full_name(), "SITI AMINAH");
        assert_eq!(p.passport_number().unwrap().as_str(), "C1234567");
        assert!(p.is_indonesian());
        assert_eq!(passport(fields()).full_name(), "ANDI WIJAYA");
        // A foreign number is a passport number, just not an Indonesian one.
        let foreign = passport(PassportFields {
            number: "L898902C3",
            nationality: "UTO",
            ..fields()
        });
        assert!(foreign.passport_number().is_err());
    }

    #[test]
    fn what_cannot_be_a_passport_read_is_refused_with_a_reason() {
        let err = |f: PassportFields<'_>| OldPassport::parse(&f).unwrap_err();
        assert_eq!(
            err(PassportFields {
                document_code: "ID",
                ..fields()
            }),
            OldPassportError::NotPassport("ID".into())
        );
        assert_eq!(
            err(PassportFields {
                number: "C12-4567",
                ..fields()
            }),
            OldPassportError::NumberInvalid
        );
        assert_eq!(
            err(PassportFields {
                surname: " ",
                given_names: "",
                ..fields()
            }),
            OldPassportError::NameMissing
        );
        assert_eq!(
            err(PassportFields {
                given_names: "ANDI2",
                ..fields()
            }),
            OldPassportError::NameMissing
        );
        assert_eq!(
            err(PassportFields {
                nationality: "ID1",
                ..fields()
            }),
            OldPassportError::NationalityInvalid
        );
        assert_eq!(
            err(PassportFields {
                birth_date: None,
                ..fields()
            }),
            OldPassportError::BirthDateMissing
        );
        assert_eq!(
            err(PassportFields {
                expiry: None,
                ..fields()
            })
            .to_string(),
            "Tanggal habis berlaku paspor tidak terbaca; pindai ulang halaman data paspor."
        );
    }

    #[test]
    fn a_matching_indonesian_passport_valid_for_long_has_no_flags() {
        let holder = nik("3174011203880001");
        assert!(renewal_flags(&passport(fields()), Some(&holder), today()).is_empty());
    }

    #[test]
    fn a_birth_date_other_than_the_niks_is_flagged() {
        let holder = nik("3174011203880001");
        let p = passport(PassportFields {
            birth_date: Some(d(1988, 3, 21)),
            ..fields()
        });
        let flags = renewal_flags(&p, Some(&holder), today());
        assert_eq!(
            flags,
            vec![RenewalFlag::BirthDateDiffers {
                nik: d(1988, 3, 12),
                passport: d(1988, 3, 21)
            }]
        );
        assert_eq!(
            flags[0].to_string(),
            "Tanggal lahir di paspor lama (21/03/1988) berbeda dengan tanggal lahir pada NIK (12/03/1988); cocokkan dengan e-KTP dan akta kelahiran."
        );
        assert_eq!(flags[0].kind(), "passport_birth_date_differs");
    }

    #[test]
    fn the_niks_century_follows_the_passport_so_an_elder_is_not_flagged() {
        // NIK 12-03-25: born 1925 per the passport, not 2025.
        let holder = nik("3174011203250001");
        let p = passport(PassportFields {
            birth_date: Some(d(1925, 3, 12)),
            ..fields()
        });
        assert!(renewal_flags(&p, Some(&holder), today()).is_empty());
    }

    #[test]
    fn a_sex_other_than_the_niks_is_flagged_and_unspecified_is_not() {
        // Day of birth + 40: a woman's NIK.
        let woman = nik("3174015203880001");
        let flags = renewal_flags(&passport(fields()), Some(&woman), today());
        assert_eq!(
            flags,
            vec![RenewalFlag::SexDiffers {
                nik: Sex::P,
                passport: Sex::L
            }]
        );
        assert_eq!(
            flags[0].to_string(),
            "Jenis kelamin di paspor lama (laki-laki) berbeda dengan NIK (perempuan); cocokkan dengan e-KTP."
        );
        let unspecified = passport(PassportFields {
            sex: None,
            ..fields()
        });
        assert!(renewal_flags(&unspecified, Some(&woman), today()).is_empty());
    }

    #[test]
    fn without_a_nik_only_validity_and_nationality_are_judged() {
        let p = passport(PassportFields {
            birth_date: Some(d(1990, 1, 1)),
            sex: Some(Sex::P),
            ..fields()
        });
        assert!(renewal_flags(&p, None, today()).is_empty());
    }

    #[test]
    fn a_passport_is_expired_from_the_day_after_its_expiry_date() {
        // Valid through today: not expired yet, just short of six months.
        let last_day = expiry_flag(d(2026, 11, 23), today());
        assert_eq!(
            last_day,
            Some(RenewalFlag::ExpiresSoon {
                on: d(2026, 11, 23)
            })
        );
        let expired = expiry_flag(d(2026, 11, 22), today()).unwrap();
        assert_eq!(
            expired,
            RenewalFlag::Expired {
                on: d(2026, 11, 22)
            }
        );
        assert_eq!(
            expired.to_string(),
            "Paspor lama sudah habis berlaku pada 22/11/2026."
        );
    }

    #[test]
    fn six_months_of_validity_left_is_enough_one_day_less_is_flagged() {
        // 23-11-2026 + 6 months = 23-05-2027.
        assert_eq!(expiry_flag(d(2027, 5, 23), today()), None);
        let soon = expiry_flag(d(2027, 5, 22), today()).unwrap();
        assert_eq!(soon, RenewalFlag::ExpiresSoon { on: d(2027, 5, 22) });
        assert_eq!(
            soon.to_string(),
            "Paspor lama habis berlaku 22/05/2027, kurang dari 6 bulan lagi."
        );
        // Month ends: 31 August + 6 months is the last day of February.
        let end_of_august = d(2026, 8, 31);
        assert_eq!(expiry_flag(d(2027, 2, 28), end_of_august), None);
        assert!(expiry_flag(d(2027, 2, 27), end_of_august).is_some());
    }

    #[test]
    fn a_foreign_passport_is_flagged_with_its_nationality() {
        let p = passport(PassportFields {
            number: "A12345678",
            nationality: "MYS",
            expiry: Some(d(2027, 2, 1)),
            ..fields()
        });
        let flags = renewal_flags(&p, Some(&nik("3174011203880001")), today());
        assert_eq!(
            flags.iter().map(RenewalFlag::kind).collect::<Vec<_>>(),
            ["passport_expires_soon", "passport_not_indonesian"]
        );
        assert!(flags[1].to_string().contains("bukan paspor Indonesia"));
        assert!(flags[1].to_string().contains("MYS"));
    }

    #[test]
    fn debug_output_never_shows_the_holder() {
        let dbg = format!("{:?}", passport(fields()));
        assert!(
            !dbg.contains("C1234567") && !dbg.contains("WIJAYA"),
            "{dbg}"
        );
        assert!(!dbg.contains("1988"), "{dbg}");
    }
}
