//! A passport's machine-readable zone as text (what the recogniser hands the parser): any lines
//! either parse into a document whose check digits were checked, or are refused. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use loket_scan::mrz::{Date, parse};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines: Vec<&str> = text.lines().take(4).collect();
    let today = Date::new(2026, 12, 4).expect("a date");
    if let Ok(mrz) = parse(&lines, today) {
        // What the parser accepts came from lines of one known format.
        let format = mrz.format;
        assert_eq!(lines.len(), format.line_count());
        assert!(lines.iter().all(|l| l.len() == format.line_len()));
    }
});
