//! A NIK as typed: any text either parses into sixteen digits that parse again to the same NIK, or
//! is refused with a sentence in both languages. Never a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use loket_domain::{Bilingual, Nik, RegionCatalog};

static REGIONS: OnceLock<RegionCatalog> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let regions = REGIONS.get_or_init(|| RegionCatalog::embedded().expect("embedded regions"));
    match Nik::parse(text, regions) {
        Ok(check) => {
            let digits = check.nik.as_str();
            assert_eq!(digits.len(), 16, "{digits}");
            assert!(digits.bytes().all(|b| b.is_ascii_digit()), "{digits}");
            let again = Nik::parse(digits, regions).expect("a parsed NIK parses again");
            assert_eq!(again, check);
            for w in &check.warnings {
                assert!(!w.to_string().is_empty() && !w.en().is_empty());
            }
        }
        Err(e) => assert!(!e.to_string().is_empty() && !e.en().is_empty()),
    }
});
