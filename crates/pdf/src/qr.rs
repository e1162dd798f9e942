//! The booking QR code, drawn as vector rectangles so it stays crisp on any printer.

use rxing::qrcode::QRCodeWriter;
use rxing::{BarcodeFormat, EncodeHints, Writer};

use loket_domain::{Text, text};

use crate::PdfError;
use crate::canvas::Canvas;

/// Quiet zone around the symbol, in modules: the minimum ISO/IEC 18004 asks for, and what
/// scanners at the counter need to find the finder patterns on a busy printout.
const QUIET_ZONE: u32 = 4;

/// The modules of an encoded QR code, quiet zone included. `dark[y * size + x]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QrMatrix {
    size: u32,
    dark: Vec<bool>,
}

impl QrMatrix {
    /// Encodes `payload` with error correction level M: it survives a crease or a smudge on a
    /// proof carried folded in a wallet, and ~150 characters still fit in a small symbol.
    pub(crate) fn encode(payload: &str) -> Result<Self, PdfError> {
        if payload.is_empty() {
            return Err(PdfError::Qr(text!(
                "isi kode QR kosong",
                "the QR content is empty"
            )));
        }
        let hints = EncodeHints {
            ErrorCorrection: Some("M".to_owned()),
            Margin: Some(QUIET_ZONE.to_string()),
            ..EncodeHints::default()
        };
        // Width and height 0: one matrix cell per module; scaling is ours, in vector space.
        let matrix = QRCodeWriter
            .encode_with_hints(payload, &BarcodeFormat::QR_CODE, 0, 0, &hints)
            .map_err(|e| PdfError::Qr(Text::same(e.to_string())))?;
        let size = matrix.width();
        if size != matrix.height() || size == 0 {
            let (width, height) = (matrix.width(), matrix.height());
            return Err(PdfError::Qr(text!(
                "ukuran matriks tidak persegi ({width}×{height})",
                "the matrix is not square ({width}×{height})"
            )));
        }
        let dark = (0..size)
            .flat_map(|y| (0..size).map(move |x| (x, y)))
            .map(|(x, y)| matrix.get(x, y))
            .collect();
        Ok(Self { size, dark })
    }

    fn is_dark(&self, x: u32, y: u32) -> bool {
        self.dark
            .get((y * self.size + x) as usize)
            .copied()
            .unwrap_or(false)
    }

    /// The horizontal runs of dark modules, as (row, first column, length): both renderings draw
    /// one shape per run, which keeps the PDF and the SVG small.
    fn dark_runs(&self) -> Vec<(u32, u32, u32)> {
        let mut runs = Vec::new();
        for row in 0..self.size {
            let mut col = 0;
            while col < self.size {
                if !self.is_dark(col, row) {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < self.size && self.is_dark(col, row) {
                    col += 1;
                }
                runs.push((row, start, col - start));
            }
        }
        runs
    }

    /// Draws the symbol (quiet zone included) as a `side` mm square with its top-left at (x, y).
    pub(crate) fn draw(&self, canvas: &mut Canvas, x: f32, y: f32, side: f32) {
        let module = side / self.size as f32;
        let rects: Vec<_> = self
            .dark_runs()
            .into_iter()
            .map(|(row, start, len)| {
                (
                    x + start as f32 * module,
                    y + row as f32 * module,
                    len as f32 * module,
                    module,
                )
            })
            .collect();
        canvas.fill_rects(&rects);
    }

    /// The symbol as an SVG document, one module per user unit: what a web page shows on screen
    /// (the phone a citizen holds up at the counter) without a raster step.
    fn svg(&self) -> String {
        let path: String = self
            .dark_runs()
            .into_iter()
            .map(|(row, start, len)| format!("M{start} {row}h{len}v1h-{len}z"))
            .collect();
        let n = self.size;
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {n} {n}\" \
             shape-rendering=\"crispEdges\"><rect width=\"{n}\" height=\"{n}\" fill=\"#fff\"/>\
             <path fill=\"#000\" d=\"{path}\"/></svg>"
        )
    }
}

/// `payload` as a QR code in an SVG document (level M, 4-module quiet zone, as on the PDF proof).
pub fn qr_svg(payload: &str) -> Result<String, PdfError> {
    Ok(QrMatrix::encode(payload)?.svg())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_payload_fits_a_small_symbol_with_its_quiet_zone() {
        let payload = format!("LOKET1|261126-P-001|2026-11-26|PAGI|{}", "A".repeat(110));
        let qr = QrMatrix::encode(&payload).unwrap();
        // Version 8 or 9 at level M for ~150 bytes: 49 or 53 modules plus 2 × 4 quiet zone.
        assert!(matches!(qr.size, 57 | 61), "size {}", qr.size);
        // The quiet zone is white, the finder pattern's corner is dark.
        assert!((0..qr.size).all(|i| !qr.is_dark(i, 0) && !qr.is_dark(0, i)));
        assert!(qr.is_dark(QUIET_ZONE, QUIET_ZONE));
    }

    #[test]
    fn the_svg_has_one_dark_run_per_path_segment_inside_its_view_box() {
        let qr = QrMatrix::encode("LOKET1|261126-P-001").unwrap();
        let svg = qr.svg();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(&format!("viewBox=\"0 0 {0} {0}\"", qr.size)));
        let runs: usize = (0..qr.size)
            .map(|y| {
                (0..qr.size)
                    .filter(|&x| qr.is_dark(x, y) && (x == 0 || !qr.is_dark(x - 1, y)))
                    .count()
            })
            .sum();
        assert_eq!(svg.matches('M').count(), runs);
    }

    #[test]
    fn an_empty_payload_is_refused() {
        assert!(matches!(QrMatrix::encode(""), Err(PdfError::Qr(_))));
    }
}
