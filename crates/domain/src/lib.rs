//! Pure types and rules of an immigration office's passport counter.
//!
//! Invariants this crate keeps (see ARCHITECTURE.md):
//! - no I/O and no clock: every rule that depends on "now" takes the instant or the office-local date
//!   as an argument, so it is testable and the caller decides which time zone "today" lives in;
//! - values are built only through `parse`/`TryFrom`, so holding a `Nik`, `Username` or `Capacity`
//!   means it has already been checked;
//! - every error a user can cause has an Indonesian `Display` text meant for the counter officer.

pub mod account;
pub mod booking;
pub mod checkin;
pub mod colour;
pub mod counter;
pub mod holiday;
pub mod nik;
pub mod office;
pub mod old_passport;
pub mod op;
pub mod pii;
pub mod proof;
pub mod proposal;
pub mod quota;
pub mod reference;
pub mod region;
pub mod release;
pub mod session;
pub mod state;
pub mod walkin;

pub use account::{FullName, LoginThrottle, Nip, Password, Permission, Role, Username};
pub use booking::{BookingError, Family, KkNumber, Relation};
pub use checkin::{CheckInError, GraceMinutes};
pub use colour::{DateColour, DayFacts, DayVerdict};
pub use counter::{CounterCode, CounterError, QueueNumber};
pub use holiday::{Holiday, HolidayKind};
pub use nik::{Nik, NikCheck, NikError, NikWarning, Sex};
pub use office::{Office, OfficeCatalog, OfficeSlug, Zone};
pub use old_passport::{
    OldPassport, OldPassportError, PassportFields, RenewalFlag, expiry_flag, renewal_flags,
};
pub use op::{Author, Op, OpError, OpType};
pub use proof::{ProofClaim, ProofError, SignedProof, TrustedKeys};
pub use proposal::{ProposalRequest, ProposedDay, QuotaSplit};
pub use quota::{Capacity, DayQuota, SessionQuota};
pub use region::RegionCatalog;
pub use release::{ReleaseSchedule, ReleaseWindow};
pub use session::{OfficeSchedule, SessionHours, SessionKind};
pub use state::{
    ApplicantStatus, ApplicationType, BookingStatus, Category, Channel, Decision, KeyOrigin,
    ProposalStatus, Severity, UnknownValue,
};
pub use walkin::{PassportNumber, PriorityReason, Reason, Share, WalkInError};
