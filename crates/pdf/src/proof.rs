//! The booking proof: one A4 portrait page the applicant brings to the counter.
//!
//! Top to bottom: letterhead, title, a boxed field block with the QR code at its right, the
//! applicant table, what to bring, and the footer. Positions are fixed (a form, not a flow) so
//! that every proof looks the same; only the table and the list below it grow.

use crate::PdfError;
use crate::canvas::{A4_LONG, A4_SHORT, Align, Canvas, INK, MUTED, RULE};
use crate::model::BookingProof;
use crate::qr::QrMatrix;
use crate::table::{Column, Table};
use crate::text::{Font, fit, wrap};
use crate::{document, letterhead};

/// More than this is more than one family card's booking and would not fit the table.
pub(crate) const MAX_APPLICANTS: usize = 5;

const LEFT: f32 = 20.0;
const RIGHT: f32 = A4_SHORT - 20.0;

const TITLE: Font = Font::bold(14.0);
const LABEL: Font = Font::regular(9.0);
const CODE: Font = Font::bold(20.0);
const VALUE_STRONG: Font = Font::bold(11.0);
const VALUE: Font = Font::regular(11.0);
const NOTE: Font = Font::regular(9.0);
const HEADING: Font = Font::bold(11.0);
const BODY: Font = Font::regular(10.0);
const FOOTER: Font = Font::regular(8.5);

/// The field block ("card") and the QR code inside it.
const CARD_TOP: f32 = 53.0;
const CARD_HEIGHT: f32 = 52.0;
const QR_SIDE: f32 = 45.0;
const QR_INSET: f32 = (CARD_HEIGHT - QR_SIDE) / 2.0;
const LABEL_X: f32 = LEFT + 5.0;
const VALUE_X: f32 = LEFT + 40.0;

pub(crate) fn render(doc: &BookingProof) -> Result<Vec<u8>, PdfError> {
    match doc.applicants.len() {
        0 => return Err(PdfError::NoApplicants),
        n if n > MAX_APPLICANTS => return Err(PdfError::TooManyApplicants(n)),
        _ => {}
    }
    let qr = QrMatrix::encode(&doc.qr_payload)?;

    let mut page = Canvas::new(A4_SHORT, A4_LONG);
    let below_head = letterhead::draw(&mut page, &doc.letterhead, 12.0, LEFT, RIGHT);
    let title = fit(TITLE, &doc.title, RIGHT - LEFT);
    page.text(
        A4_SHORT / 2.0,
        below_head + 10.0,
        TITLE,
        INK,
        Align::Center,
        &title,
    );

    field_block(&mut page, doc, &qr);
    let below_table = applicant_table(&mut page, doc, CARD_TOP + CARD_HEIGHT + 11.0);
    let footer_top = footer(&mut page, &doc.footer);
    let below_bring = bring_list(&mut page, doc, below_table + 11.0);
    if below_bring > footer_top - 3.0 {
        return Err(PdfError::ProofTooLong);
    }

    let title = format!("{} {}", doc.title, doc.booking_code);
    document::write(&title, doc, vec![page.into_page()])
}

/// Code, date, session and arrival, category and channel on the left; the QR code on the right.
fn field_block(page: &mut Canvas, doc: &BookingProof, qr: &QrMatrix) {
    page.stroke_rect(LEFT, CARD_TOP, RIGHT - LEFT, CARD_HEIGHT, 0.6);
    let qr_x = RIGHT - QR_INSET - QR_SIDE;
    qr.draw(page, qr_x, CARD_TOP + QR_INSET, QR_SIDE);

    let value_max = qr_x - 3.0 - VALUE_X;
    let labels = &doc.labels;
    let mut field = |y: f32, label: &str, font: Font, value: &str| {
        page.text(
            LABEL_X,
            y,
            LABEL,
            MUTED,
            Align::Left,
            &fit(LABEL, label, VALUE_X - LABEL_X - 2.0),
        );
        page.text(
            VALUE_X,
            y,
            font,
            INK,
            Align::Left,
            &fit(font, value, value_max),
        );
    };
    field(CARD_TOP + 11.5, &labels.code, CODE, &doc.booking_code);
    field(CARD_TOP + 22.5, &labels.date, VALUE_STRONG, &doc.date);
    field(CARD_TOP + 29.0, &labels.session, VALUE_STRONG, &doc.session);
    field(CARD_TOP + 40.5, &labels.category, VALUE, &doc.category);
    field(CARD_TOP + 47.0, &labels.channel, VALUE, &doc.channel);
    // The arrival window belongs to the session: it sits under it, smaller.
    let arrival = fit(NOTE, &doc.arrival, value_max);
    page.text(VALUE_X, CARD_TOP + 33.8, NOTE, INK, Align::Left, &arrival);
    page.line(
        (LABEL_X, CARD_TOP + 15.5),
        (qr_x - 3.0, CARD_TOP + 15.5),
        0.4,
        RULE,
    );
}

/// The heading and table of applicants; returns the y below the table.
fn applicant_table(page: &mut Canvas, doc: &BookingProof, top: f32) -> f32 {
    let labels = &doc.labels;
    page.text(
        LEFT,
        top,
        HEADING,
        INK,
        Align::Left,
        &fit(HEADING, &labels.applicants, RIGHT - LEFT),
    );
    let column = |caption: &str, width: f32, align: Align| Column {
        caption: caption.to_owned(),
        width,
        align,
    };
    let table = Table {
        x: LEFT,
        columns: vec![
            column(&labels.col_no, 10.0, Align::Center),
            column(&labels.col_name, 58.0, Align::Left),
            column(&labels.col_nik, 34.0, Align::Left),
            column(&labels.col_relation, 32.0, Align::Left),
            column(&labels.col_type, 36.0, Align::Left),
        ],
        header_font: Font::bold(9.0),
        body_font: BODY,
        header_height: 8.0,
        row_height: 8.0,
        leading: 4.4,
    };
    let mut y = table.draw_header(page, top + 3.0);
    for (i, applicant) in doc.applicants.iter().enumerate() {
        let number = (i + 1).to_string();
        let values = [
            number.as_str(),
            applicant.name.as_str(),
            applicant.nik_masked.as_str(),
            applicant.relation.as_str(),
            applicant.application_type.as_str(),
        ];
        // Two lines: a long Indonesian name wraps once and is cut with "…" after that.
        let row = table.layout_row(&values, 2);
        y = table.draw_row(page, y, &row, None);
    }
    y
}

/// "Yang harus dibawa" and its bullets; returns the y below the last line.
fn bring_list(page: &mut Canvas, doc: &BookingProof, top: f32) -> f32 {
    page.text(
        LEFT,
        top,
        HEADING,
        INK,
        Align::Left,
        &fit(HEADING, &doc.bring_heading, RIGHT - LEFT),
    );
    let text_x = LEFT + 6.0;
    let mut y = top + 2.0;
    for item in &doc.bring {
        y += 5.5;
        page.text(LEFT + 1.5, y, BODY, INK, Align::Left, "\u{2022}");
        for (i, line) in wrap(BODY, item, RIGHT - text_x).iter().enumerate() {
            if i > 0 {
                y += 4.6;
            }
            page.text(text_x, y, BODY, INK, Align::Left, line);
        }
    }
    y
}

/// The footer, bottom-aligned above the page margin with a rule over it; returns its top.
fn footer(page: &mut Canvas, text: &str) -> f32 {
    const LEADING: f32 = 3.8;
    let lines = wrap(FOOTER, text, RIGHT - LEFT);
    let last = A4_LONG - 14.0;
    let first = last - (lines.len().saturating_sub(1)) as f32 * LEADING;
    let rule = first - 5.0;
    page.line((LEFT, rule), (RIGHT, rule), 0.5, RULE);
    for (i, line) in lines.iter().enumerate() {
        page.text(
            LEFT,
            first + i as f32 * LEADING,
            FOOTER,
            MUTED,
            Align::Left,
            line,
        );
    }
    rule
}
