//! Kemendagri region codes: the current list and the codes that were retired or renumbered.
//!
//! A NIK keeps the kecamatan code it was first issued under for life, so a prefix that is no longer
//! current is not an error: it is checked against the historic lists and reported as a warning.

use std::collections::{BTreeMap, BTreeSet};

use crate::reference::{self, ReferenceError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// The code as it appears in a NIK: 2 digits (province), 4 (kab/kota) or 6 (kecamatan).
    pub code: String,
    pub name: String,
}

/// Where a 6-digit NIK prefix stands against the region lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrefixStatus {
    Current,
    Historic,
    Unknown,
}

#[derive(Debug, Clone, Default)]
pub struct RegionCatalog {
    provinces: BTreeMap<String, String>,
    kabkota: BTreeMap<String, String>,
    kecamatan: BTreeMap<String, String>,
    historic_kabkota: BTreeSet<String>,
    historic_kecamatan: BTreeSet<String>,
}

impl RegionCatalog {
    /// The catalogue embedded in the binary.
    pub fn embedded() -> Result<Self, ReferenceError> {
        let mut catalog = Self::default();
        for r in reference::records("provinsi.csv", reference::PROVINSI_CSV)? {
            catalog.provinces.insert(r[0].to_owned(), r[1].to_owned());
        }
        for r in reference::records("kabupaten_kota.csv", reference::KABKOTA_CSV)? {
            catalog.kabkota.insert(r[1].to_owned(), r[2].to_owned());
        }
        for r in reference::records("kecamatan.csv", reference::KECAMATAN_CSV)? {
            catalog.kecamatan.insert(r[1].to_owned(), r[2].to_owned());
        }
        for r in reference::records(
            "kabupaten_kota_historic_codes.csv",
            reference::KABKOTA_HISTORIC_CSV,
        )? {
            catalog.historic_kabkota.insert(r[1].to_owned());
        }
        for r in reference::records(
            "kecamatan_historic_codes.csv",
            reference::KECAMATAN_HISTORIC_CSV,
        )? {
            catalog.historic_kecamatan.insert(r[1].to_owned());
        }
        Ok(catalog)
    }

    pub fn province_name(&self, code: &str) -> Option<&str> {
        self.provinces.get(code).map(String::as_str)
    }

    pub fn kabkota_name(&self, code: &str) -> Option<&str> {
        self.kabkota.get(code).map(String::as_str)
    }

    pub fn kecamatan_name(&self, code: &str) -> Option<&str> {
        self.kecamatan.get(code).map(String::as_str)
    }

    pub fn is_current_province(&self, code: &str) -> bool {
        self.provinces.contains_key(code)
    }

    /// Judges a 6-digit kecamatan prefix. Kalimantan Utara (65) was cut from 64 in 2012 and the
    /// Papua provinces were renumbered in 2022; both kinds of old prefix show up as `Historic`.
    pub fn prefix_status(&self, kecamatan_code: &str) -> PrefixStatus {
        let kabkota = &kecamatan_code[..4.min(kecamatan_code.len())];
        if self.kecamatan.contains_key(kecamatan_code) {
            PrefixStatus::Current
        } else if self.historic_kecamatan.contains(kecamatan_code)
            || self.historic_kabkota.contains(kabkota)
        {
            PrefixStatus::Historic
        } else {
            PrefixStatus::Unknown
        }
    }

    pub fn provinces(&self) -> impl Iterator<Item = Region> + '_ {
        to_regions(self.provinces.iter())
    }

    /// Kabupaten/kota of a province, for the address pickers.
    pub fn kabkota_of<'a>(&'a self, province: &'a str) -> impl Iterator<Item = Region> + 'a {
        to_regions(
            self.kabkota
                .range(province.to_owned()..)
                .take_while(move |(k, _)| k.starts_with(province)),
        )
    }

    /// Kecamatan of a kabupaten/kota, for the address pickers.
    pub fn kecamatan_of<'a>(&'a self, kabkota: &'a str) -> impl Iterator<Item = Region> + 'a {
        to_regions(
            self.kecamatan
                .range(kabkota.to_owned()..)
                .take_while(move |(k, _)| k.starts_with(kabkota)),
        )
    }

    pub fn kecamatan_codes(&self) -> impl Iterator<Item = &str> {
        self.kecamatan.keys().map(String::as_str)
    }
}

fn to_regions<'a>(
    it: impl Iterator<Item = (&'a String, &'a String)> + 'a,
) -> impl Iterator<Item = Region> + 'a {
    it.map(|(code, name)| Region {
        code: code.clone(),
        name: name.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalogue_has_the_published_counts() {
        let c = RegionCatalog::embedded().unwrap();
        assert_eq!(c.provinces().count(), 38);
        assert_eq!(c.kabkota.len(), 514);
        assert_eq!(c.kecamatan.len(), 7285);
    }

    #[test]
    fn old_papua_prefix_is_historic_not_unknown() {
        let c = RegionCatalog::embedded().unwrap();
        assert_eq!(c.prefix_status("910101"), PrefixStatus::Historic);
        assert_eq!(c.prefix_status("317101"), PrefixStatus::Current);
        assert_eq!(c.prefix_status("319999"), PrefixStatus::Unknown);
    }

    #[test]
    fn pickers_list_children_in_code_order() {
        let c = RegionCatalog::embedded().unwrap();
        let kab: Vec<_> = c.kabkota_of("31").map(|r| r.code).collect();
        assert!(kab.contains(&"3171".to_owned()));
        assert!(kab.iter().all(|k| k.starts_with("31")));
        let kec: Vec<_> = c.kecamatan_of("3171").collect();
        assert!(!kec.is_empty());
        assert!(
            kec.iter()
                .all(|r| r.code.starts_with("3171") && r.code.len() == 6)
        );
    }
}
