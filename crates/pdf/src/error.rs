//! Why a document could not be produced. Messages are shown to the officer as they are, so
//! they are complete sentences, in Indonesian (`Display`) and English ([`Bilingual::en`]).
//!
//! [`Bilingual::en`]: loket_domain::Bilingual::en

use loket_domain::Text;

/// A document that could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The proof lists more people than one booking may hold.
    TooManyApplicants(usize),
    /// The proof lists nobody.
    NoApplicants,
    /// The QR code could not be encoded; the field is the encoder's detail.
    Qr(Text),
    /// The proof's content does not fit on its single page.
    ProofTooLong,
    /// The PDF could not be written; the field is the writer's detail.
    Write(Text),
}

loket_domain::bilingual!(PdfError {
    Self::TooManyApplicants(n) =>
        ["Bukti pendaftaran memuat {n} pemohon, padahal satu bukti paling banyak memuat 5 pemohon."]
        ["The registration proof lists {n} applicants, but one proof holds at most 5."],
    Self::NoApplicants => ["Bukti pendaftaran harus memuat sedikitnya satu pemohon."]
        ["The registration proof must list at least one applicant."],
    Self::Qr(why) => ["Kode QR pada bukti pendaftaran tidak dapat dibuat: {why}."]
        ["The QR code on the registration proof cannot be made: {}.", why.en],
    Self::ProofTooLong =>
        ["Isi bukti pendaftaran tidak muat dalam satu halaman; perpendek daftar dokumen yang harus dibawa atau teks kaki halaman."]
        ["The registration proof does not fit on one page; shorten the list of documents to bring or the footer text."],
    Self::Write(why) => ["Berkas PDF tidak dapat ditulis: {why}."]
        ["The PDF file cannot be written: {}.", why.en],
});

#[cfg(test)]
mod tests {
    use super::*;
    use loket_domain::Bilingual;

    #[test]
    fn pdf_errors_speak_both_languages() {
        let too_many = PdfError::TooManyApplicants(6);
        assert_eq!(
            too_many.to_string(),
            "Bukti pendaftaran memuat 6 pemohon, padahal satu bukti paling banyak memuat 5 pemohon."
        );
        assert_eq!(
            too_many.en(),
            "The registration proof lists 6 applicants, but one proof holds at most 5."
        );
        let empty = PdfError::Qr(loket_domain::text!(
            "isi kode QR kosong",
            "the QR content is empty"
        ));
        assert_eq!(
            empty.text(),
            Text::new(
                "Kode QR pada bukti pendaftaran tidak dapat dibuat: isi kode QR kosong.",
                "The QR code on the registration proof cannot be made: the QR content is empty."
            )
        );
    }
}
