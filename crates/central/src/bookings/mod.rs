//! A citizen's booking, lookup and cancellation, with the seeds' rules from `loket-domain`.
//!
//! A booking is one short transaction: claim the idempotency key, freeze each NIK (a conditional
//! upsert that refuses a NIK booked in the last 30 days, at any office), then take the seats with
//! one conditional `UPDATE` of the session's online share. PostgreSQL serialises the two updates on
//! their rows, so two citizens can never both get the last seat, and the quota row is locked only
//! for the moment between that update and the commit.
//!
//! `create` books; `read` turns rows into what the citizen sees (lookup, the proof PDF);
//! `cancel` gives seats back; `sold_out` answers a session already gone without a query.

use chrono::{DateTime, NaiveDate, Utc};
use loket_domain::{ApplicationType, BookingStatus, Office, Relation, SessionKind, text};
use serde::{Deserialize, Serialize};

use crate::Central;
use crate::error::ApiError;

mod cancel;
mod create;
mod read;
mod sold_out;

pub(crate) use cancel::cancel;
pub(crate) use create::create;
pub(crate) use read::{lookup, proof_pdf, proof_svg};
pub use sold_out::SoldOut;

/// `POST /v1/bookings`: 1–5 applicants of one family card, the account holder first.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BookingRequest {
    pub office: String,
    pub date: NaiveDate,
    pub session: SessionKind,
    pub kk_number: String,
    pub applicants: Vec<ApplicantRequest>,
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApplicantRequest {
    pub nik: String,
    pub full_name: String,
    pub relation: Relation,
    pub application_type: ApplicationType,
    /// Required for a renewal (penggantian).
    #[serde(default)]
    pub old_passport: Option<String>,
}

/// `POST /v1/offices/{office}/bookings/{code}/cancel`: the account holder's NIK.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CancelRequest {
    pub nik: String,
}

/// A booking as its citizen sees it (NIKs masked).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BookingView {
    pub code: String,
    pub office: String,
    pub office_name: String,
    pub date: NaiveDate,
    pub session: SessionKind,
    pub status: BookingStatus,
    /// Whether the account holder may still cancel (active, and not past H-2 in the office's zone).
    pub cancellable: bool,
    pub applicants: Vec<ApplicantView>,
    /// The signed QR text, the same format the counter verifies.
    pub proof: String,
    /// The last office-local date a citizen may cancel (H-2).
    pub cancel_until: NaiveDate,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApplicantView {
    pub nik_masked: String,
    pub full_name: String,
    pub relation: Relation,
    pub application_type: ApplicationType,
}

pub(super) fn office_of<'a>(central: &'a Central, slug: &str) -> Result<&'a Office, ApiError> {
    central
        .offices
        .get(slug)
        .map_err(|e| ApiError::not_found("office.unknown", e))
}

pub(super) fn no_booking() -> ApiError {
    ApiError::not_found(
        "booking.not_found",
        text!(
            "Pemesanan dengan kode itu dan NIK itu tidak ditemukan.",
            "No booking has that code and that NIK."
        ),
    )
}
