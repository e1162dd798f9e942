//! Renewals at the counter: the old passport read by "Pindai Paspor" is judged against the
//! applicant's NIK and today's date, and recorded on a booked applicant at check-in.

use chrono::NaiveDate;
use loket_domain::op::OldPassportRecorded;
use loket_domain::{ApplicationType, Bilingual, BookingStatus, Op, Text};
use loket_domain::{
    Nik, OldPassport, OldPassportError, PassportFields, PassportNumber, Permission, RenewalFlag,
    Sex, expiry_flag, renewal_flags,
};

use super::booking_in;
use super::issues::Issues;
use crate::auth::Actor;
use crate::error::{AppError, Missing};
use crate::loket::Loket;
use crate::view::{
    ApplicantView, BookingView, OldPassportCheck, OldPassportRequest, PassportFlag, PassportRead,
    WalkInApplicant,
};

/// An old passport as the window sees it.
pub(crate) fn read_view(p: &OldPassport) -> PassportRead {
    PassportRead {
        document_code: p.document_code().to_owned(),
        number: p.number().to_owned(),
        surname: p.surname().to_owned(),
        given_names: p.given_names().to_owned(),
        full_name: p.full_name(),
        nationality: p.nationality().to_owned(),
        birth_date: p.birth_date().to_string(),
        sex: p.sex().map_or("", Sex::as_str).to_owned(),
        expiry_date: p.expiry().to_string(),
    }
}

/// A read sent back by the window, checked again: it passed through the window and a draft.
pub(crate) fn parse_read(r: &PassportRead) -> Result<OldPassport, OldPassportError> {
    let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    OldPassport::parse(&PassportFields {
        document_code: &r.document_code,
        number: &r.number,
        surname: &r.surname,
        given_names: &r.given_names,
        nationality: &r.nationality,
        birth_date: date(&r.birth_date),
        sex: Sex::try_from(r.sex.trim()).ok(),
        expiry: date(&r.expiry_date),
    })
}

pub(crate) fn flag_view(f: &RenewalFlag) -> PassportFlag {
    PassportFlag {
        kind: f.kind().to_owned(),
        message: f.text(),
    }
}

pub(crate) fn invalid_read(e: OldPassportError) -> AppError {
    AppError::rejected("passport.invalid", e)
}

/// What a scanned passport means for one applicant of a booking.
struct Judged {
    passport: OldPassport,
    /// The number as a renewal records it, or why it cannot be.
    number: Result<PassportNumber, Text>,
    flags: Vec<RenewalFlag>,
}

impl Judged {
    fn unacknowledged(&self, acknowledged: &[String]) -> bool {
        self.flags
            .iter()
            .any(|f| !acknowledged.iter().any(|k| k == f.kind()))
    }
}

impl Loket {
    fn judge_old_passport(
        &self,
        booking: &BookingView,
        today: NaiveDate,
        req: &OldPassportRequest,
    ) -> Result<Judged, AppError> {
        if booking.status == BookingStatus::Cancelled {
            return Err(AppError::rejected("checkin.cancelled", {
                let code = &booking.code;
                loket_domain::text!(
                    "Pemesanan {code} sudah dibatalkan.",
                    "Booking {code} is cancelled."
                )
            }));
        }
        let applicant: &ApplicantView = booking
            .applicants
            .iter()
            .find(|a| a.id == req.applicant_id)
            .ok_or(AppError::NotFound(Missing::Applicant))?;
        if applicant.application_type != ApplicationType::Penggantian {
            return Err(AppError::rejected("passport.not_renewal", {
                let name = &applicant.full_name;
                loket_domain::text!(
                    "{name} mengajukan paspor baru; paspor lama hanya dicatat untuk penggantian.",
                    "{name} applies for a new passport; an old passport is recorded for renewals only."
                )
            }));
        }
        let passport = parse_read(&req.passport).map_err(invalid_read)?;
        let nik = Nik::parse(&applicant.nik, &self.regions)
            .ok()
            .map(|c| c.nik);
        let flags = renewal_flags(&passport, nik.as_ref(), today);
        let number = passport.passport_number().map_err(|e| e.text());
        Ok(Judged {
            passport,
            number,
            flags,
        })
    }

    /// Judges a scanned old passport for a renewal applicant of a booking: the flags to
    /// acknowledge, and whether it can be recorded. Changes nothing.
    pub async fn check_old_passport(
        &self,
        actor: &Actor,
        req: &OldPassportRequest,
    ) -> Result<OldPassportCheck, AppError> {
        actor.require(
            Permission::ServeCounter,
            ("mencatat paspor lama", "record old passports"),
        )?;
        let office = self.office().await?;
        let today = office.local_date(self.clock.now());
        let booking = super::group(
            &office,
            self.store
                .booking_by_code(office.slug.as_str(), req.code.trim())
                .await?,
        )?
        .pop()
        .ok_or(AppError::NotFound(Missing::Booking))?;
        let judged = self.judge_old_passport(&booking, today, req)?;
        let problem = judged.number.as_ref().err().cloned();
        Ok(OldPassportCheck {
            ready: problem.is_none() && !judged.unacknowledged(&req.acknowledged),
            flags: judged.flags.iter().map(flag_view).collect(),
            problem,
        })
    }

    /// Records a renewal applicant's old passport (number and expiry) from its scan, once every
    /// flag is acknowledged. Recording the same passport again changes nothing.
    pub async fn record_old_passport(
        &self,
        actor: &Actor,
        req: &OldPassportRequest,
    ) -> Result<BookingView, AppError> {
        actor.require(
            Permission::ServeCounter,
            ("mencatat paspor lama", "record old passports"),
        )?;
        let office = self.office().await?;
        let today = office.local_date(self.clock.now());
        let mut tx = self.store.begin().await?;
        let booking = booking_in(&mut tx, &office, req.code.trim()).await?;
        let judged = self.judge_old_passport(&booking, today, req)?;
        let number = judged
            .number
            .as_ref()
            .map_err(|e| AppError::Validation(e.clone()))?;
        if judged.unacknowledged(&req.acknowledged) {
            return Err(AppError::rejected(
                "passport.unacknowledged",
                loket_domain::text!(
                    "Ada peringatan paspor lama yang belum dikonfirmasi petugas.",
                    "An old-passport warning has not been acknowledged by the officer yet."
                ),
            ));
        }
        let expiry = judged.passport.expiry();
        let stored = booking.applicants.iter().find(|a| a.id == req.applicant_id);
        let unchanged = stored.is_some_and(|a| {
            a.old_passport.as_deref() == Some(number.as_str())
                && a.old_passport_expiry.as_deref() == Some(expiry.to_string().as_str())
        });
        if unchanged {
            return Ok(booking);
        }
        tx.record_old_passport(&booking.id, &req.applicant_id, number.as_str(), expiry)
            .await?;
        // Like a walk-in's, the entry carries what the central service must store for the renewal.
        let op = Op::OldPassportRecorded(OldPassportRecorded {
            booking_id: crate::auth::id(&booking.id)?,
            code: booking.code.clone(),
            applicant_id: crate::auth::id(&req.applicant_id)?,
            number: number.as_str().to_owned(),
            expiry,
            flags: judged
                .flags
                .iter()
                .map(|f| RenewalFlag::kind(f).to_owned())
                .collect(),
        });
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        let view = booking_in(&mut tx, &office, &booking.code).await?;
        tx.commit().await?;
        tracing::info!(code = %view.code, flags = judged.flags.len(), "old passport recorded");
        Ok(view)
    }
}

/// The old passport of a walk-in renewal: its expiry (as typed, else as scanned) with the
/// validity flags next to the expiry field, and the scan's other flags next to the field each is
/// about. Returns the expiry to store.
///
/// A birth date or sex the form already holds as the passport says is left to the NIK's own
/// warning on the same difference, so one difference is never acknowledged twice.
pub(super) fn walk_in_old_passport(
    issues: &mut Issues,
    i: usize,
    a: &WalkInApplicant,
    nik: Option<&Nik>,
    (birth, sex): (Option<NaiveDate>, Option<Sex>),
    today: NaiveDate,
) -> Option<NaiveDate> {
    let f = |name: &str| format!("applicants.{i}.{name}");
    let scanned = match a.scanned_passport.as_ref().map(parse_read) {
        None => None,
        Some(Ok(p)) => Some(p),
        Some(Err(e)) => {
            issues.error(f("oldPassport"), e);
            None
        }
    };
    let typed = a.old_passport_expiry.trim();
    let expiry = if typed.is_empty() {
        scanned.as_ref().map(OldPassport::expiry)
    } else {
        let parsed = NaiveDate::parse_from_str(typed, "%Y-%m-%d").ok();
        if parsed.is_none() {
            issues.error(
                f("oldPassportExpiry"),
                loket_domain::text!(
                    "Tanggal habis berlaku paspor lama tidak valid (HH/BB/TTTT).",
                    "The old passport's expiry date is not valid (DD/MM/YYYY)."
                ),
            );
        }
        parsed
    };
    if let Some(flag) = expiry.and_then(|e| expiry_flag(e, today)) {
        issues.warning(f("oldPassportExpiry"), flag.kind(), flag);
    }
    let Some(passport) = scanned else {
        return expiry;
    };
    for flag in renewal_flags(&passport, nik, today) {
        let field = match &flag {
            RenewalFlag::Expired { .. } | RenewalFlag::ExpiresSoon { .. } => continue,
            RenewalFlag::BirthDateDiffers { passport, .. } if birth == Some(*passport) => continue,
            RenewalFlag::SexDiffers { passport, .. } if sex == Some(*passport) => continue,
            RenewalFlag::BirthDateDiffers { .. } => "birthDate",
            RenewalFlag::SexDiffers { .. } => "sex",
            RenewalFlag::NotIndonesian { .. } => "oldPassport",
        };
        issues.warning(f(field), flag.kind(), flag);
    }
    expiry
}
