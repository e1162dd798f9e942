//! The sync protocol between a counter PC and the central service, version 1 (issue #12).
//!
//! One JSON contract, in camelCase, versioned by [`PROTOCOL`]; unknown fields are refused, so a
//! newer PC talking to an older central is told so instead of being half understood.
//!
//! **Push** (`POST /v1/sync/push`, the device's credential): the PC sends its outbox entries in
//! sequence order exactly as stored (raw payload, `prev_hash`, `hash`). The central applies a batch
//! in one transaction and answers one [`EntryResult`] per entry. An entry it already has is answered
//! with the outcome it stored then; the first new entry must follow the last one it acknowledged
//! and link to its hash; a business refusal is an outcome (the queue moves on, the officer sees
//! it), never a stuck queue; a gap or a broken chain refuses the whole batch and stops sync.
//!
//! **Pull** (`POST /v1/sync/pull`): the PC sends the cursor of the last answer it applied and
//! gets every entity that changed since, whole (see [`pull`]); with `waitMs` the central holds the
//! request until something changes, so an online booking reaches the counter within a second.
//!
//! [`SyncClient`] is the PC's side of it.

#[cfg(feature = "client")]
pub mod client;
pub mod enrol;
pub mod pull;
pub mod push;

#[cfg(feature = "client")]
pub use client::{SyncClient, SyncError};
pub use enrol::{EnrolRequest, Enrolment};
pub use pull::{
    ApplicantState, BookingState, Change, ClosureState, ConflictState, HolidayState, KeyState,
    MAX_PULL, MAX_WAIT_MS, PullRequest, PullResponse, QuotaState, SeatState, SeatWant,
};
pub use push::{Entry, EntryResult, Outcome, PushRequest, PushResponse};

/// The JSON body of every refusal the central answers with (every endpoint, not only sync).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    /// Stable, for programs: `quota.full`, `sync.gap`, …
    pub code: String,
    /// The sentence in Bahasa Indonesia, shown to the user.
    pub message: String,
    pub message_en: String,
}

/// The protocol version this build speaks.
pub const PROTOCOL: u32 = 1;

/// The most entries one push carries; a longer outbox is sent in several batches.
pub const MAX_BATCH: usize = 200;
