//! Check-in at the counter: whether a scanned proof belongs here and now, and when an applicant who
//! never came becomes a no-show.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use crate::proof::ProofClaim;
use crate::session::{OfficeSchedule, SessionKind};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckInError {
    WrongOffice(String),
    WrongDate {
        date: String,
        session: SessionKind,
        today: String,
    },
    WrongSession {
        booked: SessionKind,
        open: SessionKind,
    },
    Cancelled(String),
    CountMismatch {
        on_proof: u8,
        on_record: usize,
    },
}

crate::bilingual!(CheckInError {
    Self::WrongOffice(office) => ["Bukti ini untuk kantor imigrasi lain ({office}), bukan kantor ini."]
        ["This proof is for another immigration office ({office}), not this one."],
    Self::WrongDate { date, session, today } =>
        ["Bukti ini untuk tanggal {date} sesi {session}; hari ini {today}."]
        ["This proof is for the {} session on {date}; today is {today}.", session.en()],
    Self::WrongSession { booked, open } =>
        ["Bukti ini untuk sesi {booked}, bukan sesi {open} yang sedang dilayani."]
        ["This proof is for the {} session, not the {} session now being served.", booked.en(), open.en()],
    Self::Cancelled(code) =>
        ["Pemesanan {code} sudah dibatalkan; pemohon tidak dapat dilayani dengan bukti ini."]
        ["Booking {code} has been cancelled; the applicant cannot be served with this proof."],
    Self::CountMismatch { on_proof, on_record } =>
        ["Bukti menyebut {on_proof} pemohon, data kantor {on_record}. Periksa manual dengan kode pemesanan."]
        ["The proof lists {on_proof} applicants but the office's records have {on_record}. Check by hand with the booking code."],
});

/// Whether a verified proof may be checked in at `office` in `open` session of `today`.
pub fn check_claim(
    claim: &ProofClaim,
    office: &str,
    office_of_claim_name: &str,
    today: NaiveDate,
    open: SessionKind,
) -> Result<(), CheckInError> {
    if claim.office != office {
        return Err(CheckInError::WrongOffice(office_of_claim_name.to_owned()));
    }
    if claim.date != today {
        return Err(CheckInError::WrongDate {
            date: claim.date.format("%d/%m/%Y").to_string(),
            session: claim.session,
            today: today.format("%d/%m/%Y").to_string(),
        });
    }
    if claim.session != open {
        return Err(CheckInError::WrongSession {
            booked: claim.session,
            open,
        });
    }
    Ok(())
}

/// The session being served at a local time: pagi until pagi ends, then siang.
pub fn open_session(schedule: &OfficeSchedule, now_local: NaiveDateTime) -> SessionKind {
    if now_local.time() < schedule.hours(SessionKind::Pagi).end() {
        SessionKind::Pagi
    } else {
        SessionKind::Siang
    }
}

/// Minutes after a session's end before applicants who never came become no-shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GraceMinutes(u32);

impl GraceMinutes {
    pub const DEFAULT: GraceMinutes = GraceMinutes(60);

    pub fn parse(minutes: u32) -> Result<Self, CheckInError> {
        // Up to 8 hours: beyond that the next day's list would start with yesterday's open ends.
        Ok(Self(minutes.min(480)))
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

/// When applicants of `session` on `date` who have not arrived become no-shows (office-local).
pub fn no_show_after(
    schedule: &OfficeSchedule,
    date: NaiveDate,
    session: SessionKind,
    grace: GraceMinutes,
) -> NaiveDateTime {
    date.and_time(schedule.hours(session).end()) + Duration::minutes(i64::from(grace.get()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    fn claim() -> ProofClaim {
        ProofClaim {
            office: "jakartaselatan".into(),
            code: "261123-P-004".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            session: SessionKind::Pagi,
            applicants: 3,
        }
    }

    #[test]
    fn a_proof_is_checked_in_only_at_its_office_on_its_date_in_its_session() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let c = claim();
        assert!(check_claim(&c, "jakartaselatan", "-", today, SessionKind::Pagi).is_ok());
        assert_eq!(
            check_claim(
                &c,
                "jakartabarat",
                "Kantor Imigrasi Jakarta Selatan",
                today,
                SessionKind::Pagi
            )
            .unwrap_err()
            .to_string(),
            "Bukti ini untuk kantor imigrasi lain (Kantor Imigrasi Jakarta Selatan), bukan kantor ini."
        );
        assert_eq!(
            check_claim(
                &c,
                "jakartaselatan",
                "-",
                today.succ_opt().unwrap(),
                SessionKind::Pagi
            )
            .unwrap_err()
            .to_string(),
            "Bukti ini untuk tanggal 23/11/2026 sesi pagi; hari ini 24/11/2026."
        );
        assert!(matches!(
            check_claim(&c, "jakartaselatan", "-", today, SessionKind::Siang).unwrap_err(),
            CheckInError::WrongSession {
                booked: SessionKind::Pagi,
                open: SessionKind::Siang
            }
        ));
    }

    #[test]
    fn the_open_session_switches_when_pagi_ends() {
        let s = OfficeSchedule::default(); // pagi 08–12, siang 13–16
        let at = |h, m| {
            NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap()
        };
        assert_eq!(open_session(&s, at(7, 0)), SessionKind::Pagi);
        assert_eq!(open_session(&s, at(11, 59)), SessionKind::Pagi);
        assert_eq!(open_session(&s, at(12, 0)), SessionKind::Siang);
    }

    #[test]
    fn no_shows_come_after_the_session_end_plus_grace() {
        let s = OfficeSchedule::default();
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let due = no_show_after(&s, date, SessionKind::Pagi, GraceMinutes::DEFAULT);
        assert_eq!(
            due,
            date.and_time(NaiveTime::from_hms_opt(13, 0, 0).unwrap())
        );
        let due = no_show_after(
            &s,
            date,
            SessionKind::Siang,
            GraceMinutes::parse(30).unwrap(),
        );
        assert_eq!(
            due,
            date.and_time(NaiveTime::from_hms_opt(16, 30, 0).unwrap())
        );
        assert_eq!(GraceMinutes::parse(10_000).unwrap().get(), 480);
    }
}
