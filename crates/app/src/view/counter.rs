//! Views of the counter's day: session lists, bookings, check-in, walk-ins.

use loket_domain::{
    ApplicantStatus, ApplicationType, BookingStatus, Category, Channel, PriorityReason, Relation,
    SessionKind, Severity, Sex, Text,
};
use serde::{Deserialize, Serialize};

use super::{PassportProgress, PassportRead, ScanKind};

view! {
    pub struct ApplicantView {
        pub id: String,
        pub position: u8,
        pub full_name: String,
        pub nik: String,
        /// For lists and print-outs: region prefix and serial hidden.
        pub nik_masked: String,
        pub relation: Relation,
        pub sex: Sex,
        pub birth_date: String,
        pub application_type: ApplicationType,
        pub old_passport: Option<String>,
        /// `YYYY-MM-DD`, when the old passport's expiry was recorded.
        pub old_passport_expiry: Option<String>,
        pub status: ApplicantStatus,
        /// The number called at the counter, as shown and printed (`B-012`).
        pub queue_number: Option<String>,
        /// Office-local `HH:MM` of arrival.
        pub arrived_at: Option<String>,
        /// The kepala kantor's reason, when a no-show was reversed.
        pub no_show_reversal: Option<String>,
    }
}

view! {
    pub struct BookingView {
        pub id: String,
        pub code: String,
        pub date: String,
        pub session: SessionKind,
        pub channel: Channel,
        pub category: Category,
        pub priority_reason: Option<PriorityReason>,
        pub status: BookingStatus,
        pub cancel_reason: Option<String>,
        pub kk_number: String,
        pub applicants: Vec<ApplicantView>,
        /// The last office-local date on which the applicant may still cancel (H-2).
        pub cancel_deadline: String,
        /// Whether a signed proof can be printed for it.
        pub has_proof: bool,
    }
}

view! {
    pub struct StatusCounts {
        pub applicants: u32,
        pub expected: u32,
        pub arrived: u32,
        pub no_show: u32,
        pub cancelled: u32,
    }
}

view! {
    pub struct SessionList {
        pub session: SessionKind,
        pub starts_at: String,
        pub ends_at: String,
        /// None when the office has not provided quota for it.
        pub capacity: Option<u32>,
        pub counts: StatusCounts,
        /// The queue number called last in this session, by any counter (`B-012`).
        pub last_queue: Option<String>,
        pub bookings: Vec<BookingView>,
    }
}

view! {
    pub struct DayLists {
        pub date: String,
        pub today: String,
        /// The session check-in serves now, when `date` is today: pagi until pagi's end, then siang
        /// (also in the lunch break and after hours). Not whether a session is under way: the
        /// window judges that from the session's hours.
        pub open_session: Option<SessionKind>,
        /// Holiday, closure or weekend name when the office is closed that day.
        pub closed_reason: Option<Text>,
        pub sessions: Vec<SessionList>,
    }
}

view! {
    pub struct SearchResults {
        pub query: String,
        pub bookings: Vec<BookingView>,
        /// More matched than are shown.
        pub truncated: bool,
    }
}

view! {
    /// What a scan found: the booking, ready to check in, or already done.
    pub struct ScanOutcome {
        pub booking: BookingView,
        /// Nobody left to check in: a repeated scan, nothing changed.
        pub already_done: bool,
    }
}

view! {
    pub struct CheckInRequest {
        pub code: String,
        /// Applicant ids to mark arrived; the others stay expected (partial family arrival).
        pub applicant_ids: Vec<String>,
    }
}

view! {
    pub struct CheckInResult {
        pub booking: BookingView,
        /// Queue numbers handed out now, in applicant order (`B-012`).
        pub new_queue_numbers: Vec<String>,
    }
}

view! {
    pub struct ReverseNoShowRequest {
        pub applicant_id: String,
        pub reason: String,
    }
}

view! {
    pub struct CancelRequest {
        pub code: String,
        /// The applicant asked (until H-2), or the office (any time, with a reason).
        pub origin: loket_domain::op::CancelOrigin,
        pub reason: String,
    }
}

view! {
    pub struct WalkInApplicant {
        pub nik: String,
        pub full_name: String,
        pub relation: Option<Relation>,
        /// `L` or `P`, as on the documents.
        pub sex: String,
        /// `YYYY-MM-DD`, as on the documents.
        pub birth_date: String,
        /// `baru` or `penggantian`.
        pub application_type: String,
        pub old_passport: String,
        /// `YYYY-MM-DD` or empty: the old passport's expiry, scanned or typed.
        pub old_passport_expiry: String,
        /// The old passport as "Pindai Paspor" read it, to be judged against the NIK.
        pub scanned_passport: Option<PassportRead>,
    }
}

view! {
    pub struct WalkInRequest {
        pub date: String,
        pub session: SessionKind,
        pub kk_number: String,
        pub kecamatan_code: String,
        pub address_line: String,
        pub applicants: Vec<WalkInApplicant>,
        /// Chosen by the officer (disabilitas, ibu hamil) or accepted from the suggestion.
        pub priority: Option<PriorityReason>,
        /// Keys of the soft warnings the officer has looked at and accepts.
        pub acknowledged: Vec<String>,
        /// The kepala kantor's reason to book over a full share.
        pub override_reason: Option<String>,
    }
}

view! {
    /// One problem next to one field. `field` is `kk`, `date`, `session`, `address`, `priority`,
    /// `applicants` or
    /// `applicants.<i>.<nik|fullName|relation|sex|birthDate|oldPassport|oldPassportExpiry>`.
    pub struct FieldIssue {
        pub field: String,
        /// An error blocks saving; a warning must be acknowledged by its `key`.
        pub severity: Severity,
        pub key: String,
        pub message: Text,
    }
}

view! {
    pub struct ApplicantHint {
        /// What the NIK itself says, to prefill the form.
        pub nik_birth_date: Option<String>,
        pub nik_sex: Option<String>,
        pub age: Option<u32>,
    }
}

view! {
    pub struct SessionSlot {
        pub date: String,
        pub session: SessionKind,
        pub room: u32,
    }
}

view! {
    pub struct WalkInCheck {
        pub issues: Vec<FieldIssue>,
        pub hints: Vec<ApplicantHint>,
        pub suggested_priority: Option<PriorityReason>,
        /// Seats left in the chosen session for this walk-in's share.
        pub room: u32,
        /// The first later session with room, offered when the chosen one is full.
        pub next_with_room: Option<SessionSlot>,
        /// Everything is in order: saving will succeed.
        pub ready: bool,
    }
}

view! {
    pub struct RegionOption {
        pub code: String,
        pub name: String,
    }
}

view! {
    /// A form in progress, as the window left it (opaque JSON).
    pub struct Draft {
        pub body: String,
        pub updated_at: String,
    }
}

/// A generated PDF and the file name to give it. Stays in Rust: the shell writes it to disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

view! {
    pub struct CounterSettings {
        pub no_show_grace_minutes: u32,
        pub camera_index: Option<u32>,
    }
}

view! {
    pub struct CameraView {
        pub index: u32,
        pub name: String,
    }
}

view! {
    pub struct CameraSnapshot {
        /// What the frames come from, in words.
        pub source: String,
        /// `data:image/jpeg;base64,…`, at most 640 px wide.
        pub preview: Option<String>,
        /// Frames read so far (the window sees the preview is live).
        pub frames: u32,
        /// The newest QR text read; `decoded_count` grows with every read, equal or not.
        pub decoded: Option<String>,
        pub decoded_count: u32,
        /// The newest failure, until a frame arrives again.
        pub error: Option<Text>,
        /// What the loop looks for.
        pub kind: ScanKind,
        /// Passport mode: the newest accepted passport; `passport_count` grows with every one.
        pub passport: Option<PassportRead>,
        pub passport_count: u32,
        /// Passport mode: why the newest accepted zone is not a usable passport (an ID card, a
        /// date that cannot be read).
        pub passport_problem: Option<Text>,
        pub progress: Option<PassportProgress>,
    }
}

view! {
    /// Seats of one share of one session this PC holds, lent by the central: walk-ins are booked
    /// within them while the central cannot be reached.
    pub struct SeatView {
        /// `YYYY-MM-DD`.
        pub date: String,
        pub session: SessionKind,
        pub share: loket_domain::walkin::Share,
        pub allotted: u32,
        pub used: u32,
        pub free: u32,
        /// Free seats the central asked back (another counter needs them).
        pub recall: u32,
    }
}
