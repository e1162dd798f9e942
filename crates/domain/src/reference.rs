//! The reference data shipped inside the binary (see `data/reference/README.md` for sources and
//! licences). Embedding it means a counter PC needs nothing at run time, not even a network.

pub const PROVINSI_CSV: &str = include_str!("../../../data/reference/wilayah/provinsi.csv");
pub const KABKOTA_CSV: &str = include_str!("../../../data/reference/wilayah/kabupaten_kota.csv");
pub const KECAMATAN_CSV: &str = include_str!("../../../data/reference/wilayah/kecamatan.csv");
pub const KABKOTA_HISTORIC_CSV: &str =
    include_str!("../../../data/reference/wilayah/kabupaten_kota_historic_codes.csv");
pub const KECAMATAN_HISTORIC_CSV: &str =
    include_str!("../../../data/reference/wilayah/kecamatan_historic_codes.csv");
pub const OFFICES_CSV: &str = include_str!("../../../data/reference/offices/kantor_imigrasi.csv");
pub const HOLIDAYS_CSV: &str =
    include_str!("../../../data/reference/holidays/libur_nasional_cuti_bersama_2025_2027.csv");

/// Reads a header-led CSV held in memory into records; the embedded files are checked by tests, so
/// a malformed row is a build defect, reported with the file's name.
pub(crate) fn records(name: &str, text: &str) -> Result<Vec<csv::StringRecord>, ReferenceError> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ReferenceError {
            file: name.to_owned(),
            detail: e.to_string(),
        })
}

#[derive(Debug, thiserror::Error)]
pub struct ReferenceError {
    pub file: String,
    /// The reader's own words, a technical detail left untranslated.
    pub detail: String,
}

crate::bilingual!(ReferenceError {
    Self { file, detail } => ["data referensi {file} rusak: {detail}"]
        ["reference data {file} is damaged: {detail}"],
});
