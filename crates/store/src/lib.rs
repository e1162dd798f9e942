//! Loket's local database: one SQLite file per counter PC, reached through sqlx.
//!
//! Invariants (see ARCHITECTURE.md):
//! - the file is opened in WAL mode with `synchronous=FULL`, foreign keys on and a busy timeout, so a
//!   committed change survives a power cut;
//! - before any migration runs on an existing file, a consistent copy is taken next to it;
//! - every user change is one [`Tx`] that writes the tables and appends its outbox entry, or nothing.

mod backup;
mod bookings;
mod chain;
mod cipher;
mod closures;
mod device;
mod drafts;
mod error;
mod keys;
mod open;
mod outbox;
mod proofs;
mod proposals;
mod pull;
mod quota;
mod reference;
mod seats;
mod sessions;
mod settings;
mod sync_state;
mod tx;
mod users;

pub use backup::{
    BackupFile, KEEP as BACKUPS_KEPT, RestoreFiles, StagedRestore,
    default_folder as default_backup_folder, find as find_backup, list as list_backups,
};
pub use bookings::{NewApplicant, NewBooking, SessionCounts};
pub use chain::{BrokenEntry, ChainBreak, ChainHead, ChainReport, SignedHead};
pub use cipher::{DbKey, encrypt_in_place, file_options, is_plain};
pub use closures::{AffectedBooking, CancelledBooking};
pub use device::{DeviceRow, OfficeSettingsRow, ReleaseRow};
pub use error::StoreError;
pub use keys::KeyRow;
pub use open::{Restored, Store};
pub use outbox::{OutboxEntry, OutboxRecord};
pub use proofs::{ProofArrivalRow, ProofBooking};
pub use proposals::{
    DayDecision, NewProposalDay, PendingClash, ProposalDayRow, ProposalRow, ReleasedQuota,
};
pub use pull::{ConflictRow, PullApplied, PullState};
pub use quota::{DayRow, HolidayRow, QuotaState};
pub use seats::SeatHolding;
pub use sessions::{ApplicantRow, NoShowRow};
pub use sync_state::{ChainedEntry, PushState, ReceivedOutcome};
pub use tx::Tx;
pub use users::{NewUser, UserRow};
