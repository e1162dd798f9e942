//! A page being drawn, in the units a layout is designed in: millimetres from the TOP-LEFT
//! corner, y growing downwards. PDF wants points from the bottom-left; the conversion lives
//! only here so layouts read like the paper.

use printpdf::{
    Color, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfFontHandle, PdfPage, Point, Polygon,
    PolygonRing, Pt, Rect, TextItem, WindingOrder,
};

use crate::font::{MM_PER_PT, sanitize};
use crate::text::Font;

/// A4 in millimetres.
pub(crate) const A4_SHORT: f32 = 210.0;
pub(crate) const A4_LONG: f32 = 297.0;

/// Grey levels used across both documents (0 black, 1 white).
pub(crate) const INK: f32 = 0.0;
pub(crate) const MUTED: f32 = 0.3;
pub(crate) const RULE: f32 = 0.55;
pub(crate) const SHADE: f32 = 0.9;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug)]
pub(crate) struct Canvas {
    width: f32,
    height: f32,
    ops: Vec<Op>,
    // Only emit colour changes: 1,600 cells of a session list would otherwise each carry one.
    fill: Option<f32>,
    stroke: Option<(f32, f32)>,
}

/// Rounds to 1/100 pt: far below what a printer resolves, and it keeps the content stream
/// short (f32 coordinates would otherwise be written with six or seven decimals).
fn pt(mm: f32) -> Pt {
    Pt((mm / MM_PER_PT * 100.0).round() / 100.0)
}

impl Canvas {
    pub(crate) fn new(width: f32, height: f32) -> Self {
        Self {
            width,
            height,
            ops: Vec::new(),
            fill: None,
            stroke: None,
        }
    }

    fn point(&self, x: f32, y: f32) -> Point {
        Point {
            x: pt(x),
            y: pt(self.height - y),
        }
    }

    fn set_fill(&mut self, grey: f32) {
        if self.fill != Some(grey) {
            self.fill = Some(grey);
            self.ops.push(Op::SetFillColor {
                col: Color::Greyscale(Greyscale::new(grey, None)),
            });
        }
    }

    fn set_stroke(&mut self, thickness_pt: f32, grey: f32) {
        if self.stroke != Some((thickness_pt, grey)) {
            self.stroke = Some((thickness_pt, grey));
            self.ops.push(Op::SetOutlineThickness {
                pt: Pt(thickness_pt),
            });
            self.ops.push(Op::SetOutlineColor {
                col: Color::Greyscale(Greyscale::new(grey, None)),
            });
        }
    }

    /// Draws one line of text whose baseline is at `y`. The text is sanitized here, so callers
    /// that measured it must have measured the sanitized form (the layouts do).
    pub(crate) fn text(&mut self, x: f32, y: f32, font: Font, grey: f32, align: Align, text: &str) {
        let text = sanitize(text);
        if text.is_empty() {
            return;
        }
        let x = match align {
            Align::Left => x,
            Align::Center => x - font.width(&text) / 2.0,
            Align::Right => x - font.width(&text),
        };
        self.set_fill(grey);
        let pos = self.point(x, y);
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::Builtin(font.face.builtin()),
                size: Pt(font.size),
            },
            Op::SetTextCursor { pos },
            Op::ShowText {
                items: vec![TextItem::Text(text)],
            },
            Op::EndTextSection,
        ]);
    }

    pub(crate) fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, grey: f32) {
        self.set_fill(grey);
        let lower_left = self.point(x, y + h);
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: lower_left.x,
                y: lower_left.y,
                width: pt(w),
                height: pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
    }

    pub(crate) fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32, thickness_pt: f32) {
        self.set_stroke(thickness_pt, RULE);
        let lower_left = self.point(x, y + h);
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: lower_left.x,
                y: lower_left.y,
                width: pt(w),
                height: pt(h),
                mode: Some(PaintMode::Stroke),
                winding_order: None,
            },
        });
    }

    /// A straight line from (x1, y1) to (x2, y2).
    pub(crate) fn line(&mut self, from: (f32, f32), to: (f32, f32), thickness_pt: f32, grey: f32) {
        self.set_stroke(thickness_pt, grey);
        let points = [from, to]
            .into_iter()
            .map(|(x, y)| LinePoint {
                p: self.point(x, y),
                bezier: false,
            })
            .collect();
        self.ops.push(Op::DrawLine {
            line: Line {
                points,
                is_closed: false,
            },
        });
    }

    /// Fills many rectangles (x, y, w, h in mm) black as ONE path: separately filled abutting
    /// rectangles show hairline seams in anti-aliasing viewers, which would spoil a QR code.
    pub(crate) fn fill_rects(&mut self, rects: &[(f32, f32, f32, f32)]) {
        if rects.is_empty() {
            return;
        }
        self.set_fill(INK);
        let rings = rects
            .iter()
            .map(|&(x, y, w, h)| PolygonRing {
                points: [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
                    .into_iter()
                    .map(|(px, py)| LinePoint {
                        p: self.point(px, py),
                        bezier: false,
                    })
                    .collect(),
            })
            .collect();
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings,
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    pub(crate) fn into_page(self) -> PdfPage {
        PdfPage::new(Mm(self.width), Mm(self.height), self.ops)
    }
}
