//! A ruled table: a shaded header row and body rows, every cell boxed by thin lines.
//! Each row draws its own box, so a table split over pages needs nothing special.

use crate::canvas::{Align, Canvas, INK, RULE, SHADE};
use crate::font::{CAP_HEIGHT, MM_PER_PT};
use crate::text::{Font, fit, wrap_at_most};

/// Horizontal padding inside a cell, mm.
const PAD: f32 = 1.8;
/// Thickness of the grid lines, pt.
const GRID: f32 = 0.4;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Column {
    pub caption: String,
    pub width: f32,
    pub align: Align,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    pub x: f32,
    pub columns: Vec<Column>,
    pub header_font: Font,
    pub body_font: Font,
    /// Height of the header row and of a one-line body row, mm.
    pub header_height: f32,
    pub row_height: f32,
    /// Distance between baselines of a wrapped cell, mm.
    pub leading: f32,
}

/// A body row laid out for drawing: the lines of each cell and the row's height.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    cells: Vec<Vec<String>>,
    pub height: f32,
}

impl Table {
    fn inner(column: &Column) -> f32 {
        column.width - 2.0 * PAD
    }

    /// Draws the header row with its top edge at `y`; returns the y below it.
    pub(crate) fn draw_header(&self, canvas: &mut Canvas, y: f32) -> f32 {
        let width: f32 = self.columns.iter().map(|c| c.width).sum();
        canvas.fill_rect(self.x, y, width, self.header_height, SHADE);
        let cells = self
            .columns
            .iter()
            .map(|c| vec![fit(self.header_font, &c.caption, Self::inner(c))])
            .collect();
        let row = Row {
            cells,
            height: self.header_height,
        };
        self.draw_cells(canvas, y, &row, self.header_font, true)
    }

    /// Lays out one body row: each cell wrapped to at most `max_lines` lines, cut with "…".
    pub(crate) fn layout_row(&self, values: &[&str], max_lines: usize) -> Row {
        let cells: Vec<Vec<String>> = self
            .columns
            .iter()
            .zip(values.iter().copied().chain(std::iter::repeat("")))
            .map(|(column, value)| {
                let max = Self::inner(column);
                if max_lines <= 1 {
                    vec![fit(self.body_font, value, max)]
                } else {
                    wrap_at_most(self.body_font, value, max, max_lines)
                }
            })
            .collect();
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        Row {
            cells,
            height: self.row_height + (lines - 1) as f32 * self.leading,
        }
    }

    /// Draws a body row with its top edge at `y`, on a `shade` background if given;
    /// returns the y below it.
    pub(crate) fn draw_row(
        &self,
        canvas: &mut Canvas,
        y: f32,
        row: &Row,
        shade: Option<f32>,
    ) -> f32 {
        if let Some(grey) = shade {
            let width: f32 = self.columns.iter().map(|c| c.width).sum();
            canvas.fill_rect(self.x, y, width, row.height, grey);
        }
        self.draw_cells(canvas, y, row, self.body_font, false)
    }

    fn draw_cells(
        &self,
        canvas: &mut Canvas,
        top: f32,
        row: &Row,
        font: Font,
        header: bool,
    ) -> f32 {
        let bottom = top + row.height;
        let cap = CAP_HEIGHT / 1000.0 * font.size * MM_PER_PT;
        let mut x = self.x;
        for (column, lines) in self.columns.iter().zip(&row.cells) {
            // Every cell is centred vertically, so a one-line NIK sits level with a two-line name.
            let block = cap + (lines.len().max(1) - 1) as f32 * self.leading;
            let mut baseline = top + (row.height - block) / 2.0 + cap;
            let align = column.align;
            let anchor = match align {
                Align::Left => x + PAD,
                Align::Center => x + column.width / 2.0,
                Align::Right => x + column.width - PAD,
            };
            for line in lines {
                canvas.text(anchor, baseline, font, INK, align, line);
                baseline += self.leading;
            }
            canvas.line((x, top), (x, bottom), GRID, RULE);
            x += column.width;
        }
        canvas.line((x, top), (x, bottom), GRID, RULE);
        if header {
            canvas.line((self.x, top), (x, top), GRID, RULE);
        }
        canvas.line((self.x, bottom), (x, bottom), GRID, RULE);
        bottom
    }
}
