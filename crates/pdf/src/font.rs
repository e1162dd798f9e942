//! The two builtin faces, the WinAnsi encoding they are written in, and their advance widths.
//!
//! Builtin (standard 14) fonts are not embedded, so a PDF viewer draws them with the metrics of
//! Adobe's Helvetica. To align and truncate text we need the same numbers: the tables below are
//! the `WX` widths of the Adobe Core14 AFM files `Helvetica.afm` and `Helvetica-Bold.afm`, in
//! units of 1/1000 em, laid out by WinAnsi byte. They were generated from the metric-compatible
//! URW `NimbusSans-Regular.afm` / `NimbusSans-Bold.afm` (ghostscript's urw-base35), whose widths
//! are identical to Adobe's for every WinAnsi glyph. Unused WinAnsi slots are 0; `encode` never
//! produces them.

use printpdf::BuiltinFont;

/// A typeface of the documents. Only these two: a plain government printout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    Regular,
    Bold,
}

impl Face {
    pub(crate) fn builtin(self) -> BuiltinFont {
        match self {
            Face::Regular => BuiltinFont::Helvetica,
            Face::Bold => BuiltinFont::HelveticaBold,
        }
    }

    fn widths(self) -> &'static [u16; 224] {
        match self {
            Face::Regular => &REGULAR,
            Face::Bold => &BOLD,
        }
    }
}

/// Millimetres per PDF point.
pub(crate) const MM_PER_PT: f32 = 25.4 / 72.0;

/// Helvetica's cap height (AFM `CapHeight`), in 1/1000 em: used to centre a line in a box.
pub(crate) const CAP_HEIGHT: f32 = 718.0;

/// Replaces what the builtin fonts cannot show, so measuring and drawing see the same text.
///
/// Control characters (tabs, line breaks) become spaces; anything outside WinAnsi becomes '?'
/// (printpdf would do the same when writing, but then our widths would be wrong).
pub(crate) fn sanitize(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                ' '
            } else if win_ansi_byte(c).is_some() {
                c
            } else {
                '?'
            }
        })
        .collect()
}

/// Width of `text`, as `sanitize` would draw it, in millimetres at `size` points.
pub(crate) fn width_mm(face: Face, size: f32, text: &str) -> f32 {
    let table = face.widths();
    let units: u32 = text
        .chars()
        .map(|c| {
            // Measure exactly what `sanitize` would draw, so raw text can be measured too.
            let byte = if c.is_control() {
                b' '
            } else {
                win_ansi_byte(c).unwrap_or(b'?')
            };
            u32::from(table[usize::from(byte.saturating_sub(0x20))])
        })
        .sum();
    units as f32 / 1000.0 * size * MM_PER_PT
}

/// The WinAnsi (PDF 32000-1 Annex D.2, i.e. CP1252) byte for `c`, if it has one.
///
/// It agrees with Latin-1 except in 0x80..=0x9F, which holds the typographic characters the
/// captions use: bullet in masked NIKs, en dash in "07.30–12.00", ellipsis for truncation.
fn win_ansi_byte(c: char) -> Option<u8> {
    let code = u32::from(c);
    if (0x20..=0x7E).contains(&code) || (0xA0..=0xFF).contains(&code) {
        return u8::try_from(code).ok();
    }
    Some(match c {
        '\u{20AC}' => 0x80, // euro
        '\u{201A}' => 0x82, // single low-9 quote
        '\u{0192}' => 0x83, // florin
        '\u{201E}' => 0x84, // double low-9 quote
        '\u{2026}' => 0x85, // ellipsis
        '\u{2020}' => 0x86, // dagger
        '\u{2021}' => 0x87, // double dagger
        '\u{02C6}' => 0x88, // circumflex
        '\u{2030}' => 0x89, // per mille
        '\u{0160}' => 0x8A, // S caron
        '\u{2039}' => 0x8B, // single left angle quote
        '\u{0152}' => 0x8C, // OE
        '\u{017D}' => 0x8E, // Z caron
        '\u{2018}' => 0x91, // left single quote
        '\u{2019}' => 0x92, // right single quote
        '\u{201C}' => 0x93, // left double quote
        '\u{201D}' => 0x94, // right double quote
        '\u{2022}' => 0x95, // bullet
        '\u{2013}' => 0x96, // en dash
        '\u{2014}' => 0x97, // em dash
        '\u{02DC}' => 0x98, // small tilde
        '\u{2122}' => 0x99, // trademark
        '\u{0161}' => 0x9A, // s caron
        '\u{203A}' => 0x9B, // single right angle quote
        '\u{0153}' => 0x9C, // oe
        '\u{017E}' => 0x9E, // z caron
        '\u{0178}' => 0x9F, // Y diaeresis
        _ => return None,
    })
}

/// Helvetica advance widths, bytes 0x20..=0xFF.
const REGULAR: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // 0x20
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0x30
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // 0x40
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 0x50
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // 0x60
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0, // 0x70
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, // 0x80
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667, // 0x90
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, // 0xA0
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, // 0xB0
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, // 0xC0
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, // 0xD0
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, // 0xE0
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500, // 0xF0
];

/// Helvetica-Bold advance widths, bytes 0x20..=0xFF.
const BOLD: [u16; 224] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // 0x20
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 0x30
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // 0x40
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // 0x50
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // 0x60
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0, // 0x70
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, // 0x80
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667, // 0x90
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333, // 0xA0
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611, // 0xB0
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, // 0xC0
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, // 0xD0
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278, // 0xE0
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556, // 0xF0
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_match_the_helvetica_afm() {
        // 'W' 944, 'i' 222 (regular) / 278 (bold), bullet 350, en dash 556, ellipsis 1000.
        let pt = |face, s: &str| width_mm(face, 1000.0, s) / MM_PER_PT;
        assert!((pt(Face::Regular, "W") - 944.0).abs() < 0.01);
        assert!((pt(Face::Regular, "i") - 222.0).abs() < 0.01);
        assert!((pt(Face::Bold, "i") - 278.0).abs() < 0.01);
        assert!((pt(Face::Regular, "\u{2022}\u{2013}\u{2026}") - 1906.0).abs() < 0.01);
    }

    #[test]
    fn text_outside_win_ansi_becomes_a_question_mark() {
        assert_eq!(sanitize("Nguyễn\tVăn 名"), "Nguy?n V?n ?");
        assert_eq!(sanitize("07.30–12.00 • “ok” …"), "07.30–12.00 • “ok” …");
        assert_eq!(sanitize("Zoë Ñ"), "Zoë Ñ");
    }
}
