//! Printed documents of the counter: the booking proof an applicant takes home, with its QR
//! code, and the day's session list the officer has signed.
//!
//! Both are drawn with the PDF builtin Helvetica (nothing embedded, small files) from texts the
//! caller has already formatted and localised, and both are deterministic: the same input gives
//! the same bytes, so a reprint is identical to the original.
//!
//! Inside: `font` (WinAnsi and Helvetica widths) → `text` (fit, wrap) → `canvas` (a page in
//! millimetres from the top-left) → `table`, `letterhead`, `qr` → the two layouts `proof` and
//! `list` → `document` (deterministic PDF bytes).

mod canvas;
mod document;
mod error;
mod font;
mod letterhead;
mod list;
mod model;
pub mod office;
mod proof;
mod qr;
mod table;
mod text;

pub use error::PdfError;
pub use model::{
    BookingProof, Letterhead, ListColumns, ListRow, ListSection, ProofApplicant, ProofLabels,
    SessionList, Signer,
};
pub use qr::qr_svg;

/// The booking proof: one A4 portrait page with 1 to 5 applicants and the QR code of
/// `qr_payload`.
///
/// # Errors
/// No applicant or more than five, a QR payload that cannot be encoded, content that does not
/// fit the page, or a failure writing the PDF.
pub fn booking_proof(doc: &BookingProof) -> Result<Vec<u8>, PdfError> {
    proof::render(doc)
}

/// The session list: A4 landscape pages, one table per session, the signature block after the
/// last one and "page n of m" on every page.
///
/// # Errors
/// Only a failure writing the PDF.
pub fn session_list(doc: &SessionList) -> Result<Vec<u8>, PdfError> {
    list::render(doc)
}
