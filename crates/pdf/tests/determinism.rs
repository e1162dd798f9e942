#![allow(clippy::unwrap_used)]
//! A reprint is the same file: no clock, no random document id.

mod common;

use loket_pdf::{booking_proof, session_list};

#[test]
fn the_same_proof_gives_the_same_bytes_even_after_other_documents() {
    let doc = common::proof(4);
    let first = booking_proof(&doc).unwrap();
    // printpdf's own ids come from a process-wide counter: make it move in between.
    let mut other = common::proof(2);
    other.booking_code = "261126-S-014".into();
    let other = booking_proof(&other).unwrap();
    let again = booking_proof(&doc).unwrap();
    assert_eq!(first, again);
    assert_ne!(first, other);
}

#[test]
fn the_same_session_list_gives_the_same_bytes() {
    let doc = common::session_list(100);
    let first = session_list(&doc).unwrap();
    let _ = session_list(&common::session_list(7)).unwrap();
    assert_eq!(first, session_list(&doc).unwrap());
}

/// The trailer's `/ID [(…) (…)]`, as written.
fn trailer_id(pdf: &[u8]) -> String {
    let raw = String::from_utf8_lossy(pdf);
    let after = raw.rsplit("/ID").next().unwrap();
    after[..after.find(']').unwrap() + 1].trim().to_owned()
}

#[test]
fn the_file_carries_no_creation_time_and_an_id_derived_from_the_input() {
    let pdf = booking_proof(&common::proof(1)).unwrap();
    let raw = String::from_utf8_lossy(&pdf);
    assert!(!raw.contains("CreationDate") && !raw.contains("ModDate"));
    let id = trailer_id(&pdf);
    assert!(id.starts_with('[') && id.len() > 60, "{id}");

    let mut other = common::proof(1);
    other.applicants[0].name = "Budi Santosa".into();
    assert_ne!(
        id,
        trailer_id(&booking_proof(&other).unwrap()),
        "different input, different /ID"
    );
}
