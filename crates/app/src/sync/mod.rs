//! This PC and the central service (issue #12): enrolment, pushing the outbox, pulling what
//! changed, and the "Perlu perhatian" list.

mod attention;
mod enrol;
mod pull;
mod push;
mod seats;
mod worker;

pub use attention::AttentionItem;
pub use enrol::{CLOCK_SKEW_WARN_S, EnrolRequest, SyncStatus};
pub use pull::PullSummary;
pub use push::{PushSummary, wire_entry};
pub use seats::SEAT_WAIT;
pub use worker::{Link, LinkState, SyncWorker};

/// The key store entry that holds this PC's device credential for the central.
pub(crate) const TOKEN_NAME: &str = "central-token";
