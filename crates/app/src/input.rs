//! Parsing what the window sends into domain values, with the officer's error messages.

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::AppError;

/// A calendar date as the UI sends it: `YYYY-MM-DD`.
pub(crate) fn iso_date(text: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        AppError::Validation(loket_domain::text!(
            "Tanggal '{text}' tidak valid (tulis HH/BB/TTTT).",
            "The date '{text}' is not valid (write DD/MM/YYYY)."
        ))
    })
}

/// An instant as the store keeps it: RFC 3339, or sqlx's `YYYY-MM-DD HH:MM:SS+00:00` for columns
/// bound from a `DateTime<Utc>`.
pub(crate) fn parse_utc(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f%:z"))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}
