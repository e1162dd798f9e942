//! The office letterhead ("kop surat"): four centred lines over a double rule, the way
//! Indonesian government letters have it.

use crate::canvas::{Align, Canvas, INK};
use crate::model::Letterhead;
use crate::text::{Font, fit};

const MINISTRY: Font = Font::regular(11.0);
const DIRECTORATE: Font = Font::regular(11.0);
const OFFICE: Font = Font::bold(13.5);
const CITY: Font = Font::regular(10.0);

/// Draws the letterhead between `left` and `right` starting at `top`; returns the y just
/// below the double rule.
pub(crate) fn draw(canvas: &mut Canvas, head: &Letterhead, top: f32, left: f32, right: f32) -> f32 {
    let centre = (left + right) / 2.0;
    let max = right - left;
    let lines = [
        (MINISTRY, &head.ministry, 4.2),
        (DIRECTORATE, &head.directorate, 5.2),
        (OFFICE, &head.office_name, 6.4),
        (CITY, &head.office_city, 5.4),
    ];
    let mut y = top;
    for (font, text, advance) in lines {
        y += advance;
        canvas.text(centre, y, font, INK, Align::Center, &fit(font, text, max));
    }
    // Thick over thin, as on printed government letterheads.
    y += 3.0;
    canvas.line((left, y), (right, y), 1.6, INK);
    y += 1.1;
    canvas.line((left, y), (right, y), 0.5, INK);
    y
}
