//! Reading the machine-readable zone (MRZ) of passports, ID cards and visas (ICAO 9303).
//!
//! - [`parse`] turns the zone's lines into an [`Mrz`]: fields, dates, names, every check digit,
//!   and a `valid` verdict that also demands the structure rules (character classes, filler runs).
//!   Besides the five ICAO layouts it knows the French national card of 2 × 36 ([`Format::FraId`]).
//! - [`read_frame`] finds the zone in a whole frame (any quarter-turn) and reads it.
//! - [`correct`] turns recogniser scores into zone text: field character classes, check-digit
//!   repair of ambiguous characters, and how decided the remaining characters are.
//!   [`FrameRead::valid`] demands the parser's `valid` *and* that no character was left
//!   undecided where check digits are blind (no digit covers it, two undecided under one
//!   digit, or rivals equal mod 10 such as `<`/`K`).
//! - [`MrzStream`] accepts a zone over a camera stream only when consecutive frames agree.
//! - [`recognise_line`] reads one rectified line image with OCR-B templates embedded in the
//!   binary ([`Templates::embedded`]), generated from Debian's `fonts-ocr-b` by the
//!   `ocrb-templates` tool (see [`templates`] for the command).
//!
//! # Why our own parser rather than the `mrz` crate
//!
//! `mrz` 0.9.1 (MIT, crates.io) was tried. It parses every layout and its check digits are right,
//! but it does not fit a camera reader whose reads must never be wrongly reported as valid:
//! - its `valid()` is check-digit consistency only: `P<UTOERIKSSON<<ANNA<MARIAKKKK…` (fillers read
//!   as `K`) is accepted as valid, given names "ANNA MARIAKKKKKKKKKKKKKKKKKKK" — the very error
//!   an OCR makes; we would have to re-implement the structure rules on its output anyway;
//! - the birth-date century comes from a pivot fixed when the crate was compiled (`CURRENT_YY`),
//!   not from a `today` the caller passes in, and expiry dates follow the same pivot;
//! - its 14 000 lines are mostly text-level repair heuristics that guess characters without the
//!   recogniser's confidence, which is where correction belongs here.
//!
//! The ICAO layouts are a few fixed offsets, so the parser here is small and owns the verdict.

mod cell;
mod correct;
mod countries;
mod fuse;
mod ink;
mod locate;
pub mod net;
#[cfg(feature = "templates-tool")]
pub mod ocrb;
mod parse;
mod recognise;
mod stack;
mod stream;
pub mod templates;
mod turn;

pub use correct::{AMBIGUOUS, CharClass, Corrected, DECIDED, correct, layout};
pub use locate::{FrameRead, read_frame};
pub use net::{CellBox, ink_cells};
pub use parse::{Checks, Date, Format, Mrz, ParseError, Sex, char_value, check_digit, parse};
pub use recognise::{CharRead, GrayView, LineRead, PITCH_PER_CAP, recognise_line};
pub use stream::{AGREEING_FRAMES, MrzStream};
pub use templates::Templates;

#[cfg(test)]
mod tests;
