//! Pure types and rules of an immigration office's passport counter.
//!
//! Invariants this crate keeps (see ARCHITECTURE.md):
//! - no I/O and no clock: every rule that depends on "now" takes the instant or the office-local date
//!   as an argument, so it is testable and the caller decides which time zone "today" lives in;
//! - values are built only through `parse`/`TryFrom`, so holding a `Nik`, `Username` or `Capacity`
//!   means it has already been checked;
//! - every error a user can cause has an Indonesian `Display` text meant for the counter officer,
//!   and the same sentence in English ([`Bilingual::en`]), written side by side in one table.

pub mod account;
pub mod booking;
pub mod chain;
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
pub mod seats;
pub mod session;
pub mod state;
pub mod text;
pub mod walkin;

pub use account::{
    FullName, IdleMinutes, LoginThrottle, Nip, Password, Permission, Role, Username,
};
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
pub use proof::{ProofClaim, ProofError, ProofPart, SignedProof, TrustedKeys};
pub use proposal::{ProposalRequest, ProposedDay, QuotaSplit};
pub use quota::{Capacity, DayQuota, SessionQuota};
pub use region::RegionCatalog;
pub use release::{ReleaseSchedule, ReleaseWindow};
pub use session::{OfficeSchedule, SessionHours, SessionKind};
pub use state::{
    ApplicantStatus, ApplicationType, BookingStatus, Category, Channel, Decision, KeyOrigin,
    ProposalStatus, Severity, UnknownValue,
};
pub use text::{Bilingual, Text};
pub use walkin::{PassportNumber, PriorityReason, Reason, Share, WalkInError};

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn errors_and_flags_say_the_same_thing_in_english() {
        let wrong = CheckInError::WrongSession {
            booked: SessionKind::Pagi,
            open: SessionKind::Siang,
        };
        assert_eq!(
            wrong.to_string(),
            "Bukti ini untuk sesi pagi, bukan sesi siang yang sedang dilayani."
        );
        assert_eq!(
            wrong.en(),
            "This proof is for the morning session, not the afternoon session now being served."
        );

        let damaged = ProofError::Damaged(ProofPart::Signature);
        assert_eq!(
            damaged.text(),
            Text::new(
                "Kode QR rusak atau tidak lengkap (tanda tangan). Pindai ulang, atau ketik kode pemesanan.",
                "The QR code is damaged or incomplete (signature). Scan it again, or type the booking code."
            )
        );

        let sex = RenewalFlag::SexDiffers {
            nik: Sex::P,
            passport: Sex::L,
        };
        assert_eq!(
            sex.en(),
            "The sex in the old passport (male) differs from the NIK (female); check the e-KTP."
        );
        let expired = RenewalFlag::Expired {
            on: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        };
        assert_eq!(
            expired.to_string(),
            "Paspor lama sudah habis berlaku pada 22/11/2026."
        );
        assert_eq!(expired.en(), "The old passport expired on 22/11/2026.");

        let unknown = ApplicantStatus::try_from("hadir").unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "Nilai status pemohon tidak dikenal: 'hadir'."
        );
        assert_eq!(unknown.en(), "Unknown applicant status value: 'hadir'.");

        let warning = NikWarning::SexDiffers {
            nik: Sex::L,
            document: Sex::P,
        };
        assert_eq!(
            warning.text(),
            Text::new(
                "Jenis kelamin pada NIK (L) berbeda dengan dokumen (P).",
                "The sex in the NIK (L) differs from the documents (P)."
            )
        );
    }
}
