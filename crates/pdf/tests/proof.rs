#![allow(clippy::unwrap_used)]
//! The booking proof as the applicant and the counter's scanner see it: read back with
//! poppler's `pdftotext` and `pdftoppm`, the QR code decoded from the rendered page.

mod common;

use common::{QR_PAYLOAD, pdf_text, poppler, proof};
use loket_pdf::{PdfError, booking_proof};

#[test]
fn the_proof_shows_the_code_the_office_the_date_every_applicant_and_what_to_bring() {
    let dir = tempfile::tempdir().unwrap();
    let doc = proof(5);
    let text = pdf_text(dir.path(), "proof.pdf", &booking_proof(&doc).unwrap());

    for expected in [
        "261126-P-001",
        "KANTOR IMIGRASI KELAS I NON TPI JAKARTA SELATAN",
        "DIREKTORAT JENDERAL IMIGRASI",
        "BUKTI PENDAFTARAN ANTREAN PASPOR",
        "Kamis, 26 November 2026",
        // The en dash and the masking bullets are WinAnsi characters and must survive.
        "Datang pukul 07.30–12.00 WIB",
        "3174••••••••0001",
        "Yang harus dibawa",
        "Kartu Keluarga asli",
        "Tunjukkan kode QR ini",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    for applicant in &doc.applicants {
        assert!(
            text.contains(&applicant.name),
            "{} missing:\n{text}",
            applicant.name
        );
    }
    assert_eq!(
        poppler("pdfinfo", &[dir.path().join("proof.pdf").to_str().unwrap()])
            .lines()
            .find(|l| l.starts_with("Pages:"))
            .unwrap()
            .split_whitespace()
            .last(),
        Some("1")
    );
}

#[test]
fn the_qr_code_on_the_printed_proof_reads_back_as_the_signed_payload() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("proof.pdf");
    std::fs::write(&pdf, booking_proof(&proof(3)).unwrap()).unwrap();
    let prefix = dir.path().join("page");
    poppler(
        "pdftoppm",
        &[
            "-r",
            "150",
            "-png",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let png = dir.path().join("page-1.png");
    assert!(png.exists(), "pdftoppm wrote no page-1.png");

    let decoded =
        rxing::helpers::detect_in_file(png.to_str().unwrap(), Some(rxing::BarcodeFormat::QR_CODE))
            .unwrap();
    assert_eq!(decoded.getText(), QR_PAYLOAD);
}

/// Word boxes from `pdftotext -bbox`: (xMin, xMax, text) in points.
fn words(dir: &std::path::Path, pdf: &[u8]) -> Vec<(f32, f32, String)> {
    let path = dir.join("words.pdf");
    std::fs::write(&path, pdf).unwrap();
    let html = poppler("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]);
    let attr = |line: &str, name: &str| -> f32 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[start..].split('"').next().unwrap().parse().unwrap()
    };
    html.lines()
        .filter(|l| l.trim_start().starts_with("<word"))
        .map(|l| {
            let text = l.split('>').nth(1).unwrap().split('<').next().unwrap();
            (attr(l, "xMin"), attr(l, "xMax"), text.to_owned())
        })
        .collect()
}

#[test]
fn an_overlong_name_is_wrapped_and_cut_with_an_ellipsis_inside_its_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = proof(3);
    let long = "Raden Ajeng Siti Nurhaliza Putri Kusumawardhani Hadiningrat Soerjosoemarno \
                Tjokrodiningrat Mangkunegoro";
    doc.applicants[1].name = long.into();
    let pdf = booking_proof(&doc).unwrap();
    let text = pdf_text(dir.path(), "long.pdf", &pdf);

    assert!(text.contains("Raden Ajeng Siti Nurhaliza"), "{text}");
    assert!(
        !text.contains("Mangkunegoro"),
        "the end of the name must be cut:\n{text}"
    );
    assert!(
        text.contains('…'),
        "the cut must be marked with an ellipsis:\n{text}"
    );

    // Nothing crosses into the NIK column (it starts at 20 + 10 + 58 mm) or off the paper.
    let nik_column = (20.0 + 10.0 + 58.0) / 25.4 * 72.0;
    let boxes = words(dir.path(), &pdf);
    let mut name_words = 0;
    for (x_min, x_max, word) in &boxes {
        assert!(
            *x_min >= 20.0 / 25.4 * 72.0 - 0.5,
            "{word} starts left of the margin"
        );
        assert!(
            *x_max <= 190.0 / 25.4 * 72.0 + 0.5,
            "{word} runs past the right margin"
        );
        if long
            .split(' ')
            .any(|part| word.trim_end_matches('…') == part)
        {
            assert!(
                *x_max < nik_column,
                "{word} ({x_max}) runs into the NIK column"
            );
            name_words += 1;
        }
    }
    assert!(
        name_words >= 5,
        "the name's words were not found in {boxes:?}"
    );
}

#[test]
fn characters_the_builtin_font_lacks_print_as_question_marks() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = proof(1);
    doc.applicants[0].name = "Nguyễn Thị Minh Khai".into();
    let text = pdf_text(dir.path(), "vn.pdf", &booking_proof(&doc).unwrap());
    assert!(text.contains("Nguy?n Th? Minh Khai"), "{text}");
}

#[test]
fn more_than_five_applicants_or_none_is_refused_with_an_indonesian_message() {
    let mut doc = proof(5);
    doc.applicants.push(common::applicant(5));
    let err = booking_proof(&doc).unwrap_err();
    assert!(matches!(err, PdfError::TooManyApplicants(6)));
    assert_eq!(
        err.to_string(),
        "Bukti pendaftaran memuat 6 pemohon, padahal satu bukti paling banyak memuat 5 pemohon."
    );

    doc.applicants.clear();
    let err = booking_proof(&doc).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Bukti pendaftaran harus memuat sedikitnya satu pemohon."
    );
}

#[test]
fn a_bring_list_too_long_for_the_page_is_refused_rather_than_printed_over_the_footer() {
    let mut doc = proof(5);
    doc.bring = (1..=40)
        .map(|i| format!("Dokumen pendukung nomor {i}"))
        .collect();
    let err = booking_proof(&doc).unwrap_err();
    assert!(matches!(err, PdfError::ProofTooLong));
    assert!(
        err.to_string()
            .starts_with("Isi bukti pendaftaran tidak muat")
    );
}
