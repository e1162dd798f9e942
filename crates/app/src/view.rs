//! What the use cases hand to the UI. Plain data, serialised in camelCase; with the `specta` feature
//! the TypeScript bindings are generated from these very types.

use loket_domain::{DateColour, Role, SessionKind, Text, Zone};
use serde::{Deserialize, Serialize};

macro_rules! view {
    ($(#[$m:meta])* pub struct $name:ident { $($body:tt)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(rename_all = "camelCase")]
        pub struct $name { $($body)* }
    };
}

view! {
    pub struct OfficeView {
        pub slug: String,
        pub name: String,
        pub kelas: String,
        pub city: String,
        pub province: String,
        pub zone: Zone,
        pub iana_tz: String,
    }
}

view! {
    pub struct UserView {
        pub id: String,
        pub username: String,
        pub full_name: String,
        pub nip: Option<String>,
        pub role: Role,
        pub disabled: bool,
        /// Office-local `HH:MM` until which the account is locked, if it is.
        pub locked_until_local: Option<String>,
    }
}

view! {
    pub struct DemoAccount {
        pub username: String,
        pub password: String,
        pub role: Role,
    }
}

view! {
    pub struct AppStatus {
        pub setup_done: bool,
        pub office: Option<OfficeView>,
        pub demo: bool,
        /// This PC's counter within its office (A, B, …), shown in the header.
        pub counter_code: String,
        /// Set when this start found the database restored from an older copy (a new epoch).
        pub restore_notice: Option<Text>,
        pub version: String,
        pub user: Option<UserView>,
        pub demo_accounts: Vec<DemoAccount>,
        /// Minutes without a key press or click before the screen locks itself.
        pub lock_idle_minutes: u32,
        /// The signed-in officer's screen is locked: the window shows the lock, nothing else.
        pub screen_locked: bool,
    }
}

view! {
    pub struct SetupRequest {
        pub office_slug: String,
        pub admin_username: String,
        pub admin_full_name: String,
        pub admin_password: String,
        /// This PC's counter within the office (A, B, …): walk-in codes and queue numbers carry it.
        pub counter_code: String,
    }
}

view! {
    pub struct LoginRequest {
        pub username: String,
        pub password: String,
    }
}

view! {
    pub struct NewUserRequest {
        pub username: String,
        pub full_name: String,
        pub nip: Option<String>,
        pub role: Role,
        pub password: String,
    }
}

view! {
    pub struct SessionSummary {
        pub session: SessionKind,
        pub starts_at: String,
        pub ends_at: String,
        pub capacity: u32,
        pub booked: u32,
        pub arrived: u32,
        pub no_show: u32,
        pub expected: u32,
    }
}

view! {
    pub struct HomeToday {
        pub date: String,
        pub now_local: String,
        pub office: OfficeView,
        pub colour: DateColour,
        pub holiday_name: Option<Text>,
        pub sessions: Vec<SessionSummary>,
    }
}

view! {
    pub struct SessionQuotaView {
        pub capacity: u32,
        pub booked: u32,
        /// The approved split of `capacity`, when it was approved with one.
        pub shares: Option<ShareView>,
        /// Applicants booked per share: online, regular walk-ins, priority walk-ins.
        pub booked_shares: ShareView,
    }
}

view! {
    pub struct ShareView {
        pub online: u32,
        pub counter: u32,
        pub priority: u32,
    }
}

view! {
    pub struct CalendarDay {
        pub date: String,
        pub colour: DateColour,
        pub reason: Option<Text>,
        /// Where the office's work on this date stands: `not_set`, `draft`, `submitted` (waiting for
        /// the kepala kantor), `approved` (waiting for release), `open` or `closed`.
        pub workflow: String,
        /// Office-local `YYYY-MM-DD HH:MM` at which approved quota opens to the public.
        pub opens_local: Option<String>,
        /// Why a grey date is grey: `holiday` (libur nasional or cuti bersama), `closure` (the
        /// office closed it) or `weekend`; none for other dates.
        pub grey_kind: Option<String>,
        pub pagi: Option<SessionQuotaView>,
        pub siang: Option<SessionQuotaView>,
    }
}

view! {
    pub struct CalendarMonth {
        pub year: i32,
        pub month: u32,
        pub today: String,
        pub days: Vec<CalendarDay>,
    }
}

view! {
    pub struct AuditEntry {
        pub seq: u32,
        pub id: String,
        pub actor: String,
        pub occurred_local: String,
        pub occurred_utc: String,
        pub op_type: String,
        pub summary: Text,
    }
}

impl From<&loket_domain::Office> for OfficeView {
    fn from(o: &loket_domain::Office) -> Self {
        Self {
            slug: o.slug.as_str().to_owned(),
            name: o.name.clone(),
            kelas: o.kelas.clone(),
            city: o.city.clone(),
            province: o.province.clone(),
            zone: o.zone,
            iana_tz: o.tz.name().to_owned(),
        }
    }
}

view! {
    pub struct ChainCheck {
        pub entries: u32,
        pub intact: bool,
        pub broken_seq: Option<u32>,
        pub message: Text,
    }
}

view! {
    pub struct SplitInput {
        pub online: u32,
        pub counter: u32,
        pub priority: u32,
    }
}

view! {
    pub struct IncludedDate {
        pub date: String,
        pub reason: String,
    }
}

view! {
    /// A proposal as the officer enters it: a date range, the weekdays it covers (Monday first) and
    /// the split of each session's capacity; a session left out is not proposed.
    pub struct ProposalInput {
        pub from: String,
        pub to: String,
        pub weekdays: Vec<bool>,
        pub pagi: Option<SplitInput>,
        pub siang: Option<SplitInput>,
        pub include: Vec<IncludedDate>,
    }
}

view! {
    pub struct ProposalDayView {
        pub date: String,
        pub session: loket_domain::SessionKind,
        pub capacity: u32,
        pub online: u32,
        pub counter: u32,
        pub priority: u32,
        pub include_reason: Option<String>,
        pub decision: loket_domain::Decision,
    }
}

view! {
    pub struct ProposalView {
        pub id: String,
        pub status: loket_domain::ProposalStatus,
        pub proposer_id: String,
        pub days: Vec<ProposalDayView>,
    }
}

view! {
    /// The office head's decision on a whole proposal (`dates` empty) or on some of its dates.
    pub struct DecisionInput {
        pub proposal_id: String,
        pub dates: Vec<String>,
        pub approve: bool,
        pub reason: Option<String>,
    }
}

view! {
    pub struct ProposalSummary {
        pub id: String,
        pub status: loket_domain::ProposalStatus,
        pub proposer_name: String,
        /// Whether the signed-in user made it (they may submit it, and may not decide on it).
        pub mine: bool,
        pub first_date: String,
        pub last_date: String,
        pub sessions: u32,
        pub pending: u32,
        pub approved: u32,
        pub rejected: u32,
    }
}

view! {
    /// A booking cancelled because its date was closed; the list the office exports and calls.
    pub struct AffectedBookingView {
        pub code: String,
        pub session: loket_domain::SessionKind,
        pub channel: String,
        pub applicants: u32,
    }
}

view! {
    pub struct ClosureResult {
        pub date: String,
        pub cancelled: Vec<AffectedBookingView>,
    }
}

view! {
    pub struct HolidayInput {
        pub date: String,
        /// `libur_nasional` or `cuti_bersama`.
        pub kind: String,
        pub name: String,
        pub decree: String,
    }
}

view! {
    /// When approved quota opens to the public, office-local. `kind` is `weekly` (from `openDay`
    /// `openTime` to `closeDay` `closeTime` in the week before, days Monday = 0) or `monthly` (on the
    /// last working day of the month before, at `monthlyTime`).
    pub struct ReleaseSettings {
        pub kind: String,
        pub open_day: u32,
        pub open_time: String,
        pub close_day: u32,
        pub close_time: String,
        pub monthly_time: String,
    }
}

// The counter's day (issue #4): lists, check-in, walk-ins, cancellation, printing.
mod counter;
mod passport;
mod safety;
pub use counter::*;
pub use passport::*;
pub use safety::*;
