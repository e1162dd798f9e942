//! Parsing what the window sends into domain values, with the officer's error messages.

use chrono::NaiveDate;

use crate::error::AppError;

/// A calendar date as the UI sends it: `YYYY-MM-DD`.
pub(crate) fn iso_date(text: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        AppError::Validation(format!("Tanggal '{text}' tidak valid (format TTTT-BB-HH)."))
    })
}
