//! Pulling what changed at the central since this PC last asked, by cursor.
//!
//! The cursor is the central's, opaque to the PC: it stores it with the changes it applied, in
//! the same transaction, and sends it back. No cursor means a first sync: the central answers
//! with a snapshot of the office's window (the last week to 90 days ahead) in pages, then changes.
//! Every change carries the entity's whole current state, not a delta, so applying one twice, or
//! an older one after a newer, can only repeat what the PC already knows; the PC merges each
//! booking on its lattice (an arrival is never undone, a cancellation is final), so a pulled row
//! never erases a local change the central has not acknowledged yet.

use chrono::{DateTime, NaiveDate, Utc};
use loket_domain::counter::{CounterCode, QueueNumber};
use loket_domain::walkin::Share;
use loket_domain::{
    ApplicantStatus, ApplicationType, BookingStatus, Category, Channel, HolidayKind,
    PriorityReason, Relation, SessionKind, Sex, Text,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The longest a pull may wait for a change before answering "nothing new" (under the central's
/// 10-second limit on any request).
pub const MAX_WAIT_MS: u32 = 8_000;
/// The most changes one answer carries.
pub const MAX_PULL: u32 = 500;

/// `POST /v1/sync/pull`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PullRequest {
    /// [`crate::PROTOCOL`].
    pub protocol: u32,
    /// The cursor of the last answer applied; none for a first sync.
    pub cursor: Option<String>,
    /// At most this many changes (at most [`MAX_PULL`]).
    pub limit: u32,
    /// When nothing is new, wait up to this long for a change before answering (long poll; at
    /// most [`MAX_WAIT_MS`]); 0 answers at once.
    pub wait_ms: u32,
    /// Seats this PC asks for: a family at its counter it holds too few seats for. Every pull
    /// carries all of the PC's current asks (an ask left out is withdrawn).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wants: Vec<SeatWant>,
}

/// Free seats a PC asks to hold in one share of one session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeatWant {
    pub date: NaiveDate,
    pub session: SessionKind,
    pub share: Share,
    /// 1 to 5.
    pub seats: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PullResponse {
    pub changes: Vec<Change>,
    /// Send it with the next pull.
    pub cursor: String,
    /// Nothing more is waiting right now.
    pub up_to_date: bool,
    pub server_time: DateTime<Utc>,
    /// The last entry of this PC the central holds. Below what it acknowledged before, the
    /// central was restored from an older copy: the PC sends the rest again.
    pub acked_through: i64,
}

/// One entity's state as the central holds it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "entity", rename_all = "camelCase")]
pub enum Change {
    Booking(BookingState),
    Quota(QuotaState),
    Closure(ClosureState),
    Holiday(HolidayState),
    Conflict(ConflictState),
    Seats(SeatState),
    Key(KeyState),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BookingState {
    pub booking_id: Uuid,
    pub code: String,
    pub date: NaiveDate,
    pub session: SessionKind,
    pub channel: Channel,
    pub category: Category,
    /// The counter that booked a walk-in; none for an online booking.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub counter: Option<CounterCode>,
    pub kk_number: String,
    pub status: BookingStatus,
    /// The signed QR text of its proof.
    pub proof_qr: String,
    pub created_utc: DateTime<Utc>,
    pub priority_reason: Option<PriorityReason>,
    pub override_reason: Option<String>,
    pub kecamatan_code: Option<String>,
    pub address_line: Option<String>,
    pub applicants: Vec<ApplicantState>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ApplicantState {
    pub applicant_id: Uuid,
    /// 1 to 5, the holder first.
    pub position: u8,
    pub nik: String,
    pub full_name: String,
    pub relation: Relation,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    pub application_type: ApplicationType,
    pub old_passport: Option<String>,
    pub old_passport_expiry: Option<NaiveDate>,
    /// `expected`, `arrived` or `cancelled`: the central derives no one's absence.
    pub status: ApplicantStatus,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub queue: Option<QueueNumber>,
    pub arrived_utc: Option<DateTime<Utc>>,
}

/// A session's approved quota and how much of its online share is sold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct QuotaState {
    pub date: NaiveDate,
    pub session: SessionKind,
    pub online: u32,
    pub counter: u32,
    pub priority: u32,
    pub online_booked: u32,
    pub opens_utc: DateTime<Utc>,
}

/// The seats of one share of one session this PC holds (escrow). The PC books walk-ins only
/// within `allotted` minus what its own walk-ins use, and gives back up to `recall` free seats.
/// Only this PC's holdings are sent to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SeatState {
    pub date: NaiveDate,
    pub session: SessionKind,
    pub share: Share,
    pub allotted: u32,
    pub recall: u32,
}

/// A proof-signing key of a counter PC of the office: its walk-ins' QR codes verify with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct KeyState {
    pub key_id: String,
    /// Ed25519, base64 (standard alphabet, padded).
    pub public_key: String,
    /// The counter whose PC holds it.
    pub counter: String,
}

/// The office closed on `date` (reason), or no longer (`reason` none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ClosureState {
    pub date: NaiveDate,
    pub reason: Option<String>,
}

/// A national holiday or cuti bersama, or its removal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct HolidayState {
    pub date: NaiveDate,
    pub name: String,
    /// None: removed from the list.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub kind: Option<HolidayKind>,
    pub decree: String,
}

/// Something an officer of the office must look at ("Perlu perhatian"): an entry the central
/// refused, or one it applied with a conflict (a NIK booked elsewhere within 30 days, an
/// arrival after a cancellation, a quota change below what is sold). Every PC of the office
/// shows it until an officer on any of them acknowledges it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ConflictState {
    /// Stable: `<pc device id>:<seq>` for the entry that raised it, plus a suffix per kind.
    pub key: String,
    /// `refused`, `nik_freeze`, `arrived_after_cancel`, `quota_below_booked`, …
    pub kind: String,
    /// The booking it is about, when there is one.
    pub booking_code: Option<String>,
    pub message: Text,
    /// The counter whose entry raised it.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub counter: CounterCode,
    pub raised_utc: DateTime<Utc>,
    /// Who acknowledged it, and when; none while it is still open.
    pub acknowledged_by: Option<String>,
    pub acknowledged_utc: Option<DateTime<Utc>>,
}
