//! Why a document could not be produced. Messages are shown to the officer as they are, so
//! they are complete Indonesian sentences.

/// A document that could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The proof lists more people than one booking may hold.
    #[error(
        "Bukti pendaftaran memuat {0} pemohon, padahal satu bukti paling banyak memuat 5 pemohon."
    )]
    TooManyApplicants(usize),
    /// The proof lists nobody.
    #[error("Bukti pendaftaran harus memuat sedikitnya satu pemohon.")]
    NoApplicants,
    /// The QR code could not be encoded.
    #[error("Kode QR pada bukti pendaftaran tidak dapat dibuat: {0}.")]
    Qr(String),
    /// The proof's content does not fit on its single page.
    #[error(
        "Isi bukti pendaftaran tidak muat dalam satu halaman; perpendek daftar dokumen yang harus dibawa atau teks kaki halaman."
    )]
    ProofTooLong,
    /// The PDF could not be written.
    #[error("Berkas PDF tidak dapat ditulis: {0}.")]
    Write(String),
}
