//! This PC and the central service (issue #12): enrolment, then pushing the outbox.

mod enrol;
mod push;
mod worker;

pub use enrol::{EnrolRequest, SyncStatus};
pub use push::{PushSummary, wire_entry};
pub use worker::{Link, LinkState, SyncWorker};

/// The key store entry that holds this PC's device credential for the central.
pub(crate) const TOKEN_NAME: &str = "central-token";
