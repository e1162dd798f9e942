//! Loket's use cases. Each public method is one thing a user does; it checks the caller's role here,
//! in Rust (never only by hiding a button), and writes its change and the change's outbox entry in
//! one transaction.

mod audit;
mod auth;
mod backups;
mod calendar;
pub mod camera;
mod clock;
mod closures;
mod counter;
mod db_key;
pub mod demo;
mod error;
mod home;
mod input;
mod keys;
mod loket;
mod proposals;
mod release;
mod screen_lock;
mod setup;
mod sync;
mod users;
mod view;
mod wording;

pub use audit::chain_check;
pub use auth::Actor;
pub use clock::{Clock, FixedClock, OffsetClock, SystemClock};
pub use db_key::database_key;
pub use error::{AppError, Missing};
pub use keys::{DEMO_CENTRAL_KEY_ID, KeyVault, MemoryKeyVault, OsKeyVault};
pub use loket::Loket;
pub use sync::{
    AttentionItem, CLOCK_SKEW_WARN_S, EnrolRequest, Link, LinkState, PullSummary, PushSummary,
    SyncStatus, SyncWorker, wire_entry,
};
pub use view::*;
