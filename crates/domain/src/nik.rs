//! NIK (Nomor Induk Kependudukan), as laid out in `data/reference/nik_spec.md`.
//!
//! A NIK has no check digit, so structure is all that can be checked: hard errors reject numbers that
//! cannot exist, soft warnings flag what the officer must look at (an old region code, a birth date
//! or sex that differs from the documents) but never block, because Dukcapil never changes a NIK.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::region::{PrefixStatus, RegionCatalog};

/// A NIK that passed every hard check.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct Nik(String);

crate::text_enum! {
    /// Sex as encoded in a NIK (day of birth + 40 for women) and written on documents.
    pub enum Sex ("jenis kelamin", "sex") {
        /// Laki-laki.
        L = "L",
        /// Perempuan.
        P = "P",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NikError {
    Empty,
    WrongLength(usize),
    NotDigits,
    UnknownProvince(String),
    ZeroRegion,
    ImpossibleDate(String),
    ZeroSerial,
}

crate::bilingual!(NikError {
    Self::Empty => ["NIK wajib diisi."] ["The NIK is required."],
    Self::WrongLength(n) => ["NIK harus 16 digit angka; yang diisi {n} digit."]
        ["A NIK has 16 digits; {n} were entered."],
    Self::NotDigits => ["NIK hanya boleh berisi angka."] ["A NIK contains digits only."],
    Self::UnknownProvince(code) => ["Kode provinsi {code} pada NIK tidak dikenal."]
        ["The NIK's province code {code} is not known."],
    Self::ZeroRegion => ["Kode kabupaten/kota atau kecamatan pada NIK tidak boleh 00."]
        ["The NIK's regency/city or district code cannot be 00."],
    Self::ImpossibleDate(digits) => ["Tanggal lahir pada NIK tidak valid (digit 7–12: {digits})."]
        ["The NIK's birth date is not a real date (digits 7–12: {digits})."],
    Self::ZeroSerial => ["Nomor urut NIK tidak boleh 0000."] ["The NIK's serial number cannot be 0000."],
});

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NikWarning {
    /// The prefix is a retired code (NIKs keep the code they were issued under).
    HistoricRegion {
        code: String,
    },
    /// The prefix is in neither the current nor the historic list.
    UnknownRegion {
        code: String,
    },
    /// 31-12, 01-07 or the 15th: dates Dukcapil assigns when the real one was unknown.
    PlaceholderBirthDate,
    BirthDateDiffers {
        nik: NaiveDate,
        document: NaiveDate,
    },
    SexDiffers {
        nik: Sex,
        document: Sex,
    },
}

crate::bilingual!(NikWarning {
    Self::HistoricRegion { code } =>
        ["Kode wilayah {code} adalah kode lama (pemekaran/perubahan kode); NIK tetap berlaku."]
        ["Region code {code} is an old code (the region was split or renumbered); the NIK is still valid."],
    Self::UnknownRegion { code } =>
        ["Kode wilayah {code} tidak ada di daftar Kemendagri; periksa kembali dengan KTP/KK."]
        ["Region code {code} is not in the Ministry of Home Affairs list; check it against the KTP/KK."],
    Self::PlaceholderBirthDate =>
        ["Tanggal lahir pada NIK adalah tanggal pengganti (31-12, 01-07 atau tanggal 15); cocokkan dengan dokumen."]
        ["The NIK's birth date is a placeholder (31-12, 01-07 or the 15th); check it against the documents."],
    Self::BirthDateDiffers { nik, document } =>
        ["Tanggal lahir pada NIK ({}) berbeda dengan dokumen ({}).", nik.format("%d/%m/%Y"), document.format("%d/%m/%Y")]
        ["The NIK's birth date ({}) differs from the documents ({}).", nik.format("%d/%m/%Y"), document.format("%d/%m/%Y")],
    Self::SexDiffers { nik, document } =>
        ["Jenis kelamin pada NIK ({nik:?}) berbeda dengan dokumen ({document:?})."]
        ["The sex in the NIK ({nik:?}) differs from the documents ({document:?})."],
});

/// A parsed NIK with the warnings the officer has to acknowledge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NikCheck {
    pub nik: Nik,
    pub warnings: Vec<NikWarning>,
}

impl Nik {
    /// Checks a NIK as typed (spaces, dots and dashes are ignored) against the region lists.
    pub fn parse(input: &str, regions: &RegionCatalog) -> Result<NikCheck, NikError> {
        let digits: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-' | '\t'))
            .collect();
        if digits.is_empty() {
            return Err(NikError::Empty);
        }
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(NikError::NotDigits);
        }
        if digits.len() != 16 {
            return Err(NikError::WrongLength(digits.len()));
        }
        let province = &digits[0..2];
        if !regions.is_current_province(province) {
            return Err(NikError::UnknownProvince(province.to_owned()));
        }
        if &digits[2..4] == "00" || &digits[4..6] == "00" {
            return Err(NikError::ZeroRegion);
        }
        let nik = Nik(digits);
        if nik.any_century_birth_date().is_none() {
            return Err(NikError::ImpossibleDate(nik.0[6..12].to_owned()));
        }
        if &nik.0[12..16] == "0000" {
            return Err(NikError::ZeroSerial);
        }
        let mut warnings = Vec::new();
        let prefix = nik.0[0..6].to_owned();
        match regions.prefix_status(&prefix) {
            PrefixStatus::Current => {}
            PrefixStatus::Historic => warnings.push(NikWarning::HistoricRegion { code: prefix }),
            PrefixStatus::Unknown => warnings.push(NikWarning::UnknownRegion { code: prefix }),
        }
        let (day, month) = (nik.day_of_birth(), nik.month_of_birth());
        if (day, month) == (31, 12) || (day, month) == (1, 7) || day == 15 {
            warnings.push(NikWarning::PlaceholderBirthDate);
        }
        Ok(NikCheck { nik, warnings })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 6-digit kecamatan code the NIK was first registered under.
    pub fn region_prefix(&self) -> &str {
        &self.0[0..6]
    }

    pub fn sex(&self) -> Sex {
        if self.raw_day() > 40 { Sex::P } else { Sex::L }
    }

    fn raw_day(&self) -> u32 {
        self.0[6..8].parse().unwrap_or(0)
    }

    fn day_of_birth(&self) -> u32 {
        self.raw_day() % 40
    }

    fn month_of_birth(&self) -> u32 {
        self.0[8..10].parse().unwrap_or(0)
    }

    fn two_digit_year(&self) -> i32 {
        self.0[10..12].parse().unwrap_or(0)
    }

    fn any_century_birth_date(&self) -> Option<NaiveDate> {
        let raw = self.raw_day();
        if !(1..=31).contains(&raw) && !(41..=71).contains(&raw) {
            return None;
        }
        [2000, 1900].into_iter().find_map(|century| {
            NaiveDate::from_ymd_opt(
                century + self.two_digit_year(),
                self.month_of_birth(),
                self.day_of_birth(),
            )
        })
    }

    /// The birth date encoded in the NIK. The year has no century: a document's birth date decides
    /// it when there is one; otherwise 20YY unless that lies after `today`, then 19YY.
    pub fn birth_date(&self, today: NaiveDate, document: Option<NaiveDate>) -> Option<NaiveDate> {
        let yy = self.two_digit_year();
        let candidates = [2000 + yy, 1900 + yy];
        let pick =
            |year: i32| NaiveDate::from_ymd_opt(year, self.month_of_birth(), self.day_of_birth());
        let from_document = document.and_then(|doc| {
            candidates
                .into_iter()
                .filter_map(pick)
                .find(|d| d.year() == doc.year())
        });
        from_document.or_else(|| {
            candidates
                .into_iter()
                .filter_map(pick)
                .find(|d| *d <= today)
        })
    }

    /// A copy safe for logs: region prefix and serial hidden.
    pub fn masked(&self) -> String {
        crate::pii::mask_nik(&self.0)
    }
}

impl NikCheck {
    /// Adds the warnings that come from comparing the NIK with the documents in hand.
    pub fn compare_with_documents(
        mut self,
        today: NaiveDate,
        birth_date: Option<NaiveDate>,
        sex: Option<Sex>,
    ) -> Self {
        if let (Some(document), Some(nik)) = (birth_date, self.nik.birth_date(today, birth_date))
            && nik != document
        {
            self.warnings
                .push(NikWarning::BirthDateDiffers { nik, document });
        }
        if let Some(document) = sex {
            let nik = self.nik.sex();
            if nik != document {
                self.warnings.push(NikWarning::SexDiffers { nik, document });
            }
        }
        self
    }
}

impl std::fmt::Debug for Nik {
    // Debug output ends up in logs and panics; never print the whole number there.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Nik({})", self.masked())
    }
}

impl std::fmt::Display for Nik {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Nik> for String {
    fn from(n: Nik) -> String {
        n.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regions() -> RegionCatalog {
        RegionCatalog::embedded().unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    #[test]
    fn dukcapil_example_parses_as_a_man_born_1987() {
        // The example the Dirjen Dukcapil used in 2023: Banten, Kab. Serang, born 12-11-1987.
        let check = Nik::parse("3602041211870001", &regions()).unwrap();
        assert_eq!(check.nik.sex(), Sex::L);
        assert_eq!(
            check.nik.birth_date(today(), None),
            NaiveDate::from_ymd_opt(1987, 11, 12)
        );
        assert!(check.warnings.is_empty(), "{:?}", check.warnings);
    }

    #[test]
    fn separators_are_ignored_and_women_have_day_plus_40() {
        let check = Nik::parse("3171 01 521290 0003", &regions()).unwrap();
        assert_eq!(check.nik.as_str(), "3171015212900003");
        assert_eq!(check.nik.sex(), Sex::P);
        assert_eq!(
            check.nik.birth_date(today(), None),
            NaiveDate::from_ymd_opt(1990, 12, 12)
        );
    }

    #[test]
    fn hard_errors_have_indonesian_messages() {
        let r = regions();
        assert_eq!(Nik::parse("", &r).unwrap_err(), NikError::Empty);
        assert_eq!(
            Nik::parse("317101121187000", &r).unwrap_err(),
            NikError::WrongLength(15)
        );
        assert_eq!(
            Nik::parse("317101121187000", &r).unwrap_err().to_string(),
            "NIK harus 16 digit angka; yang diisi 15 digit."
        );
        assert_eq!(
            Nik::parse("31710112118700a1", &r).unwrap_err(),
            NikError::NotDigits
        );
        assert_eq!(
            Nik::parse("2071011211870001", &r).unwrap_err(),
            NikError::UnknownProvince("20".into())
        );
        assert_eq!(
            Nik::parse("3100011211870001", &r).unwrap_err(),
            NikError::ZeroRegion
        );
        assert_eq!(
            Nik::parse("3171001211870001", &r).unwrap_err(),
            NikError::ZeroRegion
        );
        assert_eq!(
            Nik::parse("3171013211870001", &r).unwrap_err(),
            NikError::ImpossibleDate("321187".into())
        );
        assert_eq!(
            Nik::parse("3171011213870001", &r).unwrap_err(),
            NikError::ImpossibleDate("121387".into())
        );
        assert_eq!(
            Nik::parse("3171013102870001", &r).unwrap_err(),
            NikError::ImpossibleDate("310287".into())
        );
        assert_eq!(
            Nik::parse("3171011211870000", &r).unwrap_err(),
            NikError::ZeroSerial
        );
    }

    #[test]
    fn leap_day_of_2000_exists_and_of_1900_alone_would_not() {
        let r = regions();
        // 29-02-00 exists because 2000 was a leap year (1900 was not).
        assert!(Nik::parse("3171012902000001", &r).is_ok());
        assert!(Nik::parse("3171016902000001", &r).is_ok());
        assert!(Nik::parse("3171013002000001", &r).is_err());
    }

    #[test]
    fn old_region_codes_warn_but_pass() {
        let r = regions();
        let papua = Nik::parse("9101011211870001", &r).unwrap();
        assert_eq!(
            papua.warnings,
            vec![NikWarning::HistoricRegion {
                code: "910101".into()
            }]
        );
        let unknown = Nik::parse("3171991211870001", &r).unwrap();
        assert_eq!(
            unknown.warnings,
            vec![NikWarning::UnknownRegion {
                code: "317199".into()
            }]
        );
    }

    #[test]
    fn placeholder_birth_dates_are_flagged() {
        let r = regions();
        for nik in ["3171013112500001", "3171010107500001", "3171011503500001"] {
            let check = Nik::parse(nik, &r).unwrap();
            assert!(
                check.warnings.contains(&NikWarning::PlaceholderBirthDate),
                "{nik}"
            );
        }
    }

    #[test]
    fn century_comes_from_documents_or_today() {
        let nik = Nik::parse("3171011211250001", &regions()).unwrap().nik;
        // 25 ≤ 26 (today's year): a child born 2025 unless the documents say otherwise.
        assert_eq!(
            nik.birth_date(today(), None),
            NaiveDate::from_ymd_opt(2025, 11, 12)
        );
        let doc = NaiveDate::from_ymd_opt(1925, 11, 12);
        assert_eq!(nik.birth_date(today(), doc), doc);
        let older = Nik::parse("3171011211300001", &regions()).unwrap().nik;
        assert_eq!(
            older.birth_date(today(), None),
            NaiveDate::from_ymd_opt(1930, 11, 12)
        );
    }

    #[test]
    fn documents_that_differ_give_warnings_not_errors() {
        let check = Nik::parse("3171011211870001", &regions())
            .unwrap()
            .compare_with_documents(today(), NaiveDate::from_ymd_opt(1987, 11, 13), Some(Sex::P));
        assert_eq!(check.warnings.len(), 2);
        assert!(matches!(
            check.warnings[0],
            NikWarning::BirthDateDiffers { .. }
        ));
        assert!(check.warnings[1].to_string().contains("Jenis kelamin"));
    }

    #[test]
    fn debug_output_never_shows_the_whole_nik() {
        let nik = Nik::parse("3171011211870001", &regions()).unwrap().nik;
        let dbg = format!("{nik:?}");
        assert!(!dbg.contains("3171011211870001"), "{dbg}");
    }
}
