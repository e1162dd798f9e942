//! Turning drawn pages into PDF bytes that depend on the input only.
//!
//! printpdf stamps every file with a pseudo-random trailer `/ID` (a process-wide counter, so
//! two calls in one process differ) and with creation and modification dates. A reprint of the
//! same proof must be the same file — the office archives and compares them — so the `/ID` is
//! replaced by a fingerprint of the input and the dates are left out of the Info dictionary
//! altogether: a fixed fake date would be a lie in the viewer's "Properties", and the real
//! printing time is already on the paper, in the footer the caller wrote.

use std::hash::{Hash, Hasher};

use printpdf::{PdfDocument, PdfPage, PdfSaveOptions, PdfWarnMsg};

use loket_domain::{Text, text};

use crate::PdfError;

/// Info dictionary entries printpdf always writes that we do not want: the two dates, and
/// fields that are only ever empty here (an empty `/Author` shows as a blank in viewers).
const DROPPED_INFO_KEYS: [&[u8]; 7] = [
    b"CreationDate",
    b"ModDate",
    b"Author",
    b"Keywords",
    b"Subject",
    b"Identifier",
    b"GTS_PDFXVersion",
];

/// Serialises `pages` into a PDF. `title` goes to the Info dictionary; `input` (the caller's
/// document) is fingerprinted into the trailer `/ID`.
pub(crate) fn write<T: Hash>(
    title: &str,
    input: &T,
    pages: Vec<PdfPage>,
) -> Result<Vec<u8>, PdfError> {
    let mut pdf = PdfDocument::new(title);
    pdf.metadata.info.creator = "Loket".to_owned();
    pdf.metadata.info.producer = "Loket (printpdf)".to_owned();
    pdf.with_pages(pages);

    // No image is embedded and builtin fonts are never subset, so the defaults only matter for
    // `optimize`, which `save` would apply as `compress()`; we call that ourselves below.
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    // printpdf only warns about ops we never emit (unknown ops, out-of-range colours, text
    // outside BT/ET); the tests read every document back with poppler instead.
    let mut warnings: Vec<PdfWarnMsg> = Vec::new();
    let mut doc = pdf.to_lopdf_document(&opts, &mut warnings);

    let id = fingerprint(input);
    let ids = doc
        .trailer
        .get_mut(b"ID")
        .and_then(|o| o.as_array_mut())
        .map_err(|e| PdfError::Write(text!("/ID tidak ada: {e}", "/ID is missing: {e}")))?;
    for entry in ids.iter_mut() {
        let bytes = entry.as_str_mut().map_err(|e| {
            PdfError::Write(text!("/ID bukan string: {e}", "/ID is not a string: {e}"))
        })?;
        bytes.clear();
        bytes.extend_from_slice(id.as_bytes());
    }

    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .map_err(|e| PdfError::Write(text!("/Info tidak ada: {e}", "/Info is missing: {e}")))?;
    let info = doc
        .get_object_mut(info)
        .and_then(|o| o.as_dict_mut())
        .map_err(|e| {
            PdfError::Write(text!(
                "/Info tidak terbaca: {e}",
                "/Info cannot be read: {e}"
            ))
        })?;
    for key in DROPPED_INFO_KEYS {
        info.remove(key);
    }

    doc.compress();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
        .map_err(|e| PdfError::Write(Text::same(e.to_string())))?;
    Ok(bytes)
}

/// 32 hex digits derived from the input: two FNV-1a 64 passes with different offsets.
/// Not cryptographic — it only has to be stable and to differ between documents.
fn fingerprint<T: Hash>(input: &T) -> String {
    let mut a = Fnv(0xcbf2_9ce4_8422_2325);
    let mut b = Fnv(0x6c62_272e_07bb_0142);
    // The crate version too: a new layout of the same input is a different file.
    for h in [&mut a, &mut b] {
        env!("CARGO_PKG_VERSION").hash(h);
        input.hash(h);
    }
    format!("{:016x}{:016x}", a.finish(), b.finish())
}

/// FNV-1a, written out because std's `DefaultHasher` promises no stability across releases.
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_is_stable_and_tells_documents_apart() {
        assert_eq!(fingerprint(&"261126-P-001"), fingerprint(&"261126-P-001"));
        assert_ne!(fingerprint(&"261126-P-001"), fingerprint(&"261126-P-002"));
        assert_eq!(fingerprint(&"x").len(), 32);
    }
}
