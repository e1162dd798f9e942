//! Dates as the officer writes them, inside the sentences use cases build (a session's name in
//! both languages is `SessionKind::text()`).

use chrono::NaiveDate;

/// A date as both languages show it on the counter: dd/mm/yyyy.
pub(crate) fn shown(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// A stored `YYYY-MM-DD` date shown as dd/mm/yyyy; a text that is not one is shown as it is.
pub(crate) fn shown_iso(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").map_or_else(|_| iso.to_owned(), shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_day_first() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        assert_eq!(shown(d), "23/11/2026");
        assert_eq!(shown_iso("2026-11-23"), "23/11/2026");
        assert_eq!(shown_iso("besok"), "besok");
    }
}
