//! The session list: A4 landscape, one ruled table per session, flowing over as many pages as
//! the day needs, signed at the end.
//!
//! Pages are laid out first and numbered afterwards, because "Halaman 1 dari N" needs N.
//! A section that continues on a new page repeats its heading and the column captions, so a
//! loose sheet still says which session and which column it is.

use crate::PdfError;
use crate::canvas::{A4_LONG, A4_SHORT, Align, Canvas, INK, MUTED, RULE};
use crate::model::{ListSection, SessionList};
use crate::table::{Column, Table};
use crate::text::{Font, fit};
use crate::{document, letterhead};

const LEFT: f32 = 15.0;
const RIGHT: f32 = A4_LONG - 15.0;
/// Lowest y any content may reach; the footer lives below it.
const CONTENT_BOTTOM: f32 = A4_SHORT - 16.0;

const TITLE: Font = Font::bold(13.0);
const SUBTITLE: Font = Font::regular(10.5);
const RUNNING: Font = Font::regular(8.5);
const RUNNING_BOLD: Font = Font::bold(8.5);
const SECTION: Font = Font::bold(10.5);
const FOOTER: Font = Font::regular(8.0);
const SIGN: Font = Font::regular(10.0);
const SIGN_NAME: Font = Font::bold(10.0);

const SECTION_HEIGHT: f32 = 8.0;
const SECTION_GAP: f32 = 6.0;
/// Zebra shading: every other row, faint, so the eye follows a row to its "Paraf" cell.
const ZEBRA: f32 = 0.95;
/// Sections this short are kept whole; longer ones start only if two rows fit under the heading.
const MIN_ROWS_WITH_HEADING: usize = 2;

const SIGN_WIDTH: f32 = 90.0;
/// place/date, role, room to sign, name, NIP.
const SIGN_HEIGHT: f32 = 38.0;

pub(crate) fn render(doc: &SessionList) -> Result<Vec<u8>, PdfError> {
    let table = table(doc);
    let mut flow = Flow {
        doc,
        pages: Vec::new(),
        page: Canvas::new(A4_LONG, A4_SHORT),
        y: 0.0,
    };
    flow.y = first_page_head(&mut flow.page, doc);

    for section in &doc.sections {
        flow.section(&table, section);
    }
    if flow.y + SIGN_HEIGHT + 8.0 > CONTENT_BOTTOM {
        flow.new_page();
    }
    signature(&mut flow.page, doc, flow.y + 8.0);
    flow.pages.push(flow.page);

    let total = flow.pages.len();
    let pages = flow
        .pages
        .into_iter()
        .enumerate()
        .map(|(i, mut page)| {
            footer(&mut page, doc, i + 1, total);
            page.into_page()
        })
        .collect();
    let title = format!("{} {}", doc.title, doc.date);
    document::write(&title, doc, pages)
}

/// Where the next thing goes: the pages done so far, the page being filled and its cursor.
struct Flow<'a> {
    doc: &'a SessionList,
    pages: Vec<Canvas>,
    page: Canvas,
    y: f32,
}

impl Flow<'_> {
    fn new_page(&mut self) {
        let done = std::mem::replace(&mut self.page, Canvas::new(A4_LONG, A4_SHORT));
        self.pages.push(done);
        self.y = running_head(&mut self.page, self.doc);
    }

    fn section(&mut self, table: &Table, section: &ListSection) {
        let rows: Vec<_> = section
            .rows
            .iter()
            .map(|r| {
                let values = [
                    r.number.as_str(),
                    r.code.as_str(),
                    r.name.as_str(),
                    r.nik_masked.as_str(),
                    r.application_type.as_str(),
                    r.category.as_str(),
                    r.status.as_str(),
                    "",
                ];
                // One line per row: rows stay the same height, so pages hold a predictable
                // number of them, and a long name is cut with "…" inside its column.
                table.layout_row(&values, 1)
            })
            .collect();

        let lead = rows.len().min(MIN_ROWS_WITH_HEADING);
        let lead_height: f32 = rows.iter().take(lead).map(|r| r.height).sum();
        if self.y + SECTION_HEIGHT + table.header_height + lead_height > CONTENT_BOTTOM {
            self.new_page();
        }
        self.heading(table, &section.title);
        for (i, row) in rows.iter().enumerate() {
            if self.y + row.height > CONTENT_BOTTOM {
                self.new_page();
                self.heading(table, &section.title);
            }
            let shade = (i % 2 == 1).then_some(ZEBRA);
            self.y = table.draw_row(&mut self.page, self.y, row, shade);
        }
        self.y += SECTION_GAP;
    }

    /// Section title and the column captions.
    fn heading(&mut self, table: &Table, title: &str) {
        let title = fit(SECTION, title, RIGHT - LEFT);
        self.page
            .text(LEFT, self.y + 5.2, SECTION, INK, Align::Left, &title);
        self.y = table.draw_header(&mut self.page, self.y + SECTION_HEIGHT);
    }
}

fn table(doc: &SessionList) -> Table {
    let c = &doc.columns;
    let column = |caption: &str, width: f32, align: Align| Column {
        caption: caption.to_owned(),
        width,
        align,
    };
    // 267 mm in all; "Paraf" gets what an initial needs, the name what Indonesian names need.
    Table {
        x: LEFT,
        columns: vec![
            column(&c.number, 10.0, Align::Center),
            column(&c.code, 28.0, Align::Left),
            column(&c.name, 72.0, Align::Left),
            column(&c.nik, 32.0, Align::Left),
            column(&c.application_type, 32.0, Align::Left),
            column(&c.category, 22.0, Align::Left),
            column(&c.status, 26.0, Align::Left),
            column(&c.signature, 45.0, Align::Center),
        ],
        header_font: Font::bold(8.5),
        body_font: Font::regular(9.0),
        header_height: 7.5,
        row_height: 7.0,
        leading: 4.0,
    }
}

/// Letterhead, title and date; returns where the first section starts.
fn first_page_head(page: &mut Canvas, doc: &SessionList) -> f32 {
    let below = letterhead::draw(page, &doc.letterhead, 8.0, LEFT, RIGHT);
    let centre = A4_LONG / 2.0;
    let title = fit(TITLE, &doc.title, RIGHT - LEFT);
    page.text(centre, below + 8.5, TITLE, INK, Align::Center, &title);
    let date = fit(SUBTITLE, &doc.date, RIGHT - LEFT);
    page.text(centre, below + 14.0, SUBTITLE, INK, Align::Center, &date);
    below + 18.0
}

/// The short header of every page after the first: office left, title and date right.
fn running_head(page: &mut Canvas, doc: &SessionList) -> f32 {
    let y = 13.0;
    let half = (RIGHT - LEFT) / 2.0 - 4.0;
    let office = fit(RUNNING_BOLD, &doc.letterhead.office_name, half);
    page.text(LEFT, y, RUNNING_BOLD, INK, Align::Left, &office);
    let what = fit(
        RUNNING,
        &format!("{} \u{00B7} {}", doc.title, doc.date),
        half,
    );
    page.text(RIGHT, y, RUNNING, INK, Align::Right, &what);
    page.line((LEFT, y + 2.5), (RIGHT, y + 2.5), 0.5, RULE);
    y + 6.0
}

/// Place and date, role, room for the signature, name (bold, underlined) and NIP, centred in
/// a block at the right margin, as Indonesian official documents are signed.
fn signature(page: &mut Canvas, doc: &SessionList, top: f32) {
    let centre = RIGHT - SIGN_WIDTH / 2.0;
    let s = &doc.signer;
    let line = |font: Font, text: &str| fit(font, text, SIGN_WIDTH);
    page.text(
        centre,
        top + 4.0,
        SIGN,
        INK,
        Align::Center,
        &line(SIGN, &doc.place_date),
    );
    page.text(
        centre,
        top + 9.0,
        SIGN,
        INK,
        Align::Center,
        &line(SIGN, &s.role),
    );
    let name = line(SIGN_NAME, &s.name);
    let name_y = top + 31.0;
    page.text(centre, name_y, SIGN_NAME, INK, Align::Center, &name);
    let half = SIGN_NAME.width(&name) / 2.0;
    page.line(
        (centre - half, name_y + 1.0),
        (centre + half, name_y + 1.0),
        0.6,
        INK,
    );
    page.text(
        centre,
        name_y + 5.0,
        SIGN,
        INK,
        Align::Center,
        &line(SIGN, &s.nip),
    );
}

/// Footer text at the left, "Halaman n dari m" at the right, under a thin rule.
fn footer(page: &mut Canvas, doc: &SessionList, number: usize, total: usize) {
    let y = A4_SHORT - 8.5;
    page.line((LEFT, y - 4.5), (RIGHT, y - 4.5), 0.5, RULE);
    let page_of = doc
        .page_of
        .replace("{page}", &number.to_string())
        .replace("{pages}", &total.to_string());
    let page_of = fit(FOOTER, &page_of, 60.0);
    page.text(RIGHT, y, FOOTER, MUTED, Align::Right, &page_of);
    let room = RIGHT - LEFT - FOOTER.width(&page_of) - 8.0;
    page.text(
        LEFT,
        y,
        FOOTER,
        MUTED,
        Align::Left,
        &fit(FOOTER, &doc.footer, room),
    );
}
