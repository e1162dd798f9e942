#![allow(clippy::unwrap_used)]
//! The day's session list read back with poppler: every booking printed once, page numbers
//! that agree with the page count, the signature block at the end.

mod common;

use common::{page_count, pdf_text, session_list};

#[test]
fn two_hundred_rows_flow_over_numbered_pages_with_every_code_printed_once() {
    let dir = tempfile::tempdir().unwrap();
    let doc = session_list(100);
    let pdf = loket_pdf::session_list(&doc).unwrap();
    let text = pdf_text(dir.path(), "list.pdf", &pdf);
    let pages = page_count(&dir.path().join("list.pdf"));
    assert!(pages > 2, "200 rows cannot fit on {pages} pages");

    for section in &doc.sections {
        for row in &section.rows {
            assert_eq!(
                text.matches(row.code.as_str()).count(),
                1,
                "{} must be printed exactly once",
                row.code
            );
        }
    }
    // pdftotext separates pages with a form feed: every page carries its own footer.
    let sheets: Vec<&str> = text
        .split('\u{c}')
        .filter(|s| !s.trim().is_empty())
        .collect();
    assert_eq!(sheets.len(), pages);
    for (i, sheet) in sheets.iter().enumerate() {
        let page_of = format!("Halaman {} dari {pages}", i + 1);
        assert!(sheet.contains(&page_of), "page {} lacks {page_of:?}", i + 1);
        assert!(sheet.contains("Dicetak 23 November 2026 07.05 WIB"));
        // The column captions are repeated on every page.
        assert!(sheet.contains("Kode booking") && sheet.contains("Paraf"));
    }
    let last = sheets[pages - 1];
    for signed in [
        "Jakarta Selatan, 23 November 2026",
        "Petugas Loket",
        "Rizky Pratama",
    ] {
        assert!(
            last.contains(signed),
            "{signed:?} missing from the last page:\n{last}"
        );
    }
    assert!(last.contains("NIP 199108222015031002"));
    assert!(text.contains("Sesi Pagi · 07.30–12.00 WIB · 100 pemohon"));
    assert!(text.contains("Sesi Siang · 13.00–15.00 WIB · 100 pemohon"));
    // The second session follows the first: its first code comes after the first's last.
    assert!(text.find("261123-P-100").unwrap() < text.find("261123-S-001").unwrap());
}

#[test]
fn a_short_day_fits_on_one_page_with_the_signature() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = loket_pdf::session_list(&session_list(3)).unwrap();
    let text = pdf_text(dir.path(), "short.pdf", &pdf);
    assert_eq!(page_count(&dir.path().join("short.pdf")), 1);
    assert!(text.contains("Halaman 1 dari 1"));
    assert!(text.contains("Rizky Pratama"));
}

#[test]
fn a_long_name_in_the_list_is_cut_with_an_ellipsis_and_keeps_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = session_list(3);
    doc.sections[0].rows[1].name =
        "Raden Ajeng Siti Nurhaliza Putri Kusumawardhani Hadiningrat Soerjosoemarno".into();
    let text = pdf_text(
        dir.path(),
        "long.pdf",
        &loket_pdf::session_list(&doc).unwrap(),
    );
    let line = text.lines().find(|l| l.contains("261123-P-002")).unwrap();
    assert!(line.contains("Raden Ajeng Siti Nurhaliza"), "{line}");
    assert!(line.contains('…'), "{line}");
    assert!(!text.contains("Soerjosoemarno"));
    assert!(
        line.contains("3174••••••••0002"),
        "the NIK stays on the same row: {line}"
    );
}
