//! Views of "Pindai Paspor": an old passport as read by the camera, the flags a renewal raises,
//! and recording it on an applicant at check-in.

use loket_domain::Text;
use serde::{Deserialize, Serialize};

/// What the camera loop looks for in each frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ScanKind {
    /// A booking proof's QR code.
    Qr,
    /// The machine-readable zone of a passport's data page.
    Passport,
}

view! {
    /// An old passport as read from its machine-readable zone (fillers removed, names in capitals).
    pub struct PassportRead {
        /// `P`, or `P` and a national type letter.
        pub document_code: String,
        pub number: String,
        pub surname: String,
        pub given_names: String,
        /// Given names then surname, as the form's full name.
        pub full_name: String,
        /// ICAO code of the holder's nationality: `IDN` for Indonesia.
        pub nationality: String,
        /// `YYYY-MM-DD`.
        pub birth_date: String,
        /// `L`, `P`, or empty when the passport leaves it unspecified.
        pub sex: String,
        /// `YYYY-MM-DD`: the last day the passport is valid.
        pub expiry_date: String,
    }
}

view! {
    /// How far the camera is with a passport: frames with a zone found, and consecutive frames
    /// that read the same valid zone (it is accepted at `needed`).
    pub struct PassportProgress {
        pub zone_frames: u32,
        pub agreeing: u32,
        pub needed: u32,
        /// The newest frame had a zone in it (the officer should hold still).
        pub zone_in_view: bool,
    }
}

view! {
    /// Something about an old passport the officer must look at and acknowledge by its `kind`.
    pub struct PassportFlag {
        /// `passport_birth_date_differs`, `passport_sex_differs`, `passport_expired`,
        /// `passport_expires_soon` or `passport_not_indonesian`.
        pub kind: String,
        pub message: Text,
    }
}

view! {
    /// A scanned old passport for a renewal applicant of a booking (check-in).
    pub struct OldPassportRequest {
        pub code: String,
        pub applicant_id: String,
        pub passport: PassportRead,
        /// Kinds of the flags the officer has looked at and accepts.
        pub acknowledged: Vec<String>,
    }
}

view! {
    pub struct OldPassportCheck {
        pub flags: Vec<PassportFlag>,
        /// Why it cannot be recorded whatever the officer acknowledges (a number that is not an
        /// Indonesian passport number).
        pub problem: Option<Text>,
        /// Every flag acknowledged: recording will succeed.
        pub ready: bool,
    }
}
