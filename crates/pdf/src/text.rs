//! Measured text: shortening to a width with an ellipsis and greedy word wrapping.
//! Everything here takes text that already went through `font::sanitize`.

use crate::font::{Face, width_mm};

/// A face at a size: what decides how wide a string is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Font {
    pub face: Face,
    pub size: f32,
}

impl Font {
    pub(crate) const fn regular(size: f32) -> Self {
        Self {
            face: Face::Regular,
            size,
        }
    }

    pub(crate) const fn bold(size: f32) -> Self {
        Self {
            face: Face::Bold,
            size,
        }
    }

    pub(crate) fn width(self, text: &str) -> f32 {
        width_mm(self.face, self.size, text)
    }
}

const ELLIPSIS: char = '\u{2026}';

/// `text` if it fits in `max` mm, otherwise as much of it as fits followed by "…".
///
/// A name cut mid-word still tells the officer who it is; running into the next column or off
/// the paper does not.
pub(crate) fn fit(font: Font, text: &str, max: f32) -> String {
    if font.width(text) <= max {
        return text.to_owned();
    }
    let budget = max - font.width("\u{2026}");
    let mut kept = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let mut buf = [0u8; 4];
        let w = font.width(c.encode_utf8(&mut buf));
        if used + w > budget {
            break;
        }
        used += w;
        kept.push(c);
    }
    let mut out = kept.trim_end().to_owned();
    out.push(ELLIPSIS);
    out
}

/// Greedy word wrap into lines no wider than `max` mm. A single word wider than a line is
/// broken between characters (long unbroken strings do happen in names and codes).
pub(crate) fn wrap(font: Font, text: &str, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if font.width(&candidate) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if font.width(word) <= max {
            line = word.to_owned();
        } else {
            for c in word.chars() {
                line.push(c);
                if font.width(&line) > max && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Like `wrap`, but at most `max_lines`; whatever does not fit ends the last line with "…".
pub(crate) fn wrap_at_most(font: Font, text: &str, max: f32, max_lines: usize) -> Vec<String> {
    let mut lines = wrap(font, text, max);
    if lines.len() > max_lines.max(1) {
        let rest = lines.split_off(max_lines.max(1) - 1).join(" ");
        // Greedy wrapping means `rest` is wider than a line, so `fit` always marks the cut.
        lines.push(fit(font, &rest, max));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: Font = Font::regular(10.0);

    #[test]
    fn short_text_is_kept_and_long_text_ends_with_an_ellipsis() {
        assert_eq!(fit(F, "Siti", 50.0), "Siti");
        let cut = fit(F, "Raden Ajeng Siti Nurhaliza Putri Kusumawardhani", 30.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(F.width(&cut) <= 30.0);
        assert!(cut.starts_with("Raden Ajeng"));
    }

    #[test]
    fn wrapping_keeps_every_line_inside_the_width() {
        let text = "Muhammad Rizky Ramadhan Saputra bin Abdullah Hasanuddin";
        let lines = wrap(F, text, 40.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| F.width(l) <= 40.0));
        assert_eq!(lines.join(" "), text);
        let unbroken = wrap(F, &"X".repeat(60), 20.0);
        assert!(unbroken.iter().all(|l| F.width(l) <= 20.0));
        assert_eq!(unbroken.concat(), "X".repeat(60));
    }

    #[test]
    fn wrapping_with_a_line_limit_marks_what_was_dropped() {
        let text = "Raden Ajeng Siti Nurhaliza Putri Kusumawardhani Hadiningrat Soerjosoemarno";
        let lines = wrap_at_most(F, text, 40.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(lines.iter().all(|l| F.width(l) <= 40.0));
    }
}
