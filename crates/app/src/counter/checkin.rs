//! Check-in: a scanned proof (USB scanner or webcam, the same text) opens its booking; the officer
//! marks who came; each arrival takes the session's next queue number. No-shows follow the session's
//! end plus a grace time; the kepala kantor can reverse one with a reason.

use loket_domain::checkin::{GraceMinutes, check_claim, no_show_after, open_session};
use loket_domain::op::{Arrival, ArrivalsRecorded, NoShow, NoShowReversed, NoShowsMarked};
use loket_domain::walkin::Reason;
use loket_domain::{
    ApplicantStatus, Author, BookingStatus, CheckInError, Op, Permission, ProofError, QueueNumber,
    SessionKind, SignedProof,
};

use super::group;
use crate::auth::Actor;
use crate::error::{AppError, Missing};
use crate::loket::Loket;
use crate::view::{CheckInRequest, CheckInResult, ReverseNoShowRequest, ScanOutcome};

fn proof_error(e: ProofError) -> AppError {
    let code = match e {
        ProofError::Foreign => "proof.foreign",
        ProofError::UnknownVersion(_) => "proof.version",
        ProofError::Damaged(_) => "proof.damaged",
        ProofError::UnknownKey(_) => "proof.unknown_key",
        ProofError::BadSignature => "proof.forged",
        ProofError::InvalidClaim(_) => "proof.damaged",
    };
    AppError::rejected(code, e)
}

fn checkin_error(e: CheckInError) -> AppError {
    let code = match e {
        CheckInError::WrongOffice(_) => "checkin.wrong_office",
        CheckInError::WrongDate { .. } => "checkin.wrong_date",
        CheckInError::WrongSession { .. } => "checkin.wrong_session",
        CheckInError::Cancelled(_) => "checkin.cancelled",
        CheckInError::CountMismatch { .. } => "checkin.count_mismatch",
    };
    AppError::rejected(code, e)
}

/// The number a counter hands out, from the store's next one for its session.
pub(super) fn queue_number(
    counter: &loket_domain::CounterCode,
    n: i64,
) -> Result<QueueNumber, AppError> {
    let n = u32::try_from(n).map_err(|_| AppError::Internal("nomor antrean".into()))?;
    QueueNumber::new(counter.clone(), n).map_err(|e| AppError::Internal(e.to_string()))
}

impl Loket {
    /// Reads a scanned proof: checks its signature, that it is for this office, today and the
    /// session being served, and opens the booking. Changes nothing, so scanning twice is harmless.
    pub async fn scan_proof(
        &self,
        actor: &Actor,
        scanned: &str,
        session: Option<SessionKind>,
    ) -> Result<ScanOutcome, AppError> {
        actor.require(
            Permission::ServeCounter,
            ("mencatat kedatangan", "record arrivals"),
        )?;
        let trusted = self.trusted_keys().await?;
        let parsed = SignedProof::parse(scanned).map_err(proof_error)?;
        let key_id = parsed.key_id().to_owned();
        let claim = parsed.verify(&trusted).map_err(proof_error)?;
        let office = self.office().await?;
        let now = self.clock.now();
        let today = office.local_date(now);
        let schedule = self.schedule(&office).await?;
        let open = session.unwrap_or_else(|| open_session(&schedule, office.local_time(now)));
        let claim_office = self
            .offices
            .get(&claim.office)
            .map(|o| o.name.clone())
            .unwrap_or_else(|_| claim.office.clone());
        check_claim(&claim, office.slug.as_str(), &claim_office, today, open)
            .map_err(checkin_error)?;
        let Some(booking) = group(
            &office,
            self.store
                .booking_by_code(office.slug.as_str(), &claim.code)
                .await?,
        )?
        .pop() else {
            return self.scan_unpulled(&office, &key_id, &claim, scanned).await;
        };
        if booking.status == BookingStatus::Cancelled {
            return Err(checkin_error(CheckInError::Cancelled(booking.code)));
        }
        if booking.applicants.len() != usize::from(claim.applicants) {
            return Err(checkin_error(CheckInError::CountMismatch {
                on_proof: claim.applicants,
                on_record: booking.applicants.len(),
            }));
        }
        let already_done = booking
            .applicants
            .iter()
            .all(|a| a.status != ApplicantStatus::Expected);
        Ok(ScanOutcome {
            booking,
            already_done,
        })
    }

    /// Marks the chosen applicants of a booking arrived, each with the session's next queue number.
    /// Applicants already arrived keep their number: repeating a check-in changes nothing.
    pub async fn check_in(
        &self,
        actor: &Actor,
        req: &CheckInRequest,
    ) -> Result<CheckInResult, AppError> {
        actor.require(
            Permission::ServeCounter,
            ("mencatat kedatangan", "record arrivals"),
        )?;
        if req.applicant_ids.is_empty() {
            return Err(AppError::Validation(loket_domain::text!(
                "Pilih pemohon yang hadir (tekan A untuk semua).",
                "Choose the applicants who are here (press A for all)."
            )));
        }
        let office = self.office().await?;
        let now = self.clock.now();
        let today = office.local_date(now);
        let counter = self.store.device().await?.counter_code;
        let mut tx = self.store.begin().await?;
        let booking = match super::booking_in(&mut tx, &office, req.code.trim()).await {
            Ok(b) => b,
            // Scanned from its proof before the booking was pulled.
            Err(AppError::NotFound(Missing::Booking)) => {
                drop(tx);
                return self.check_in_from_proof(actor, req).await;
            }
            Err(e) => return Err(e),
        };
        if booking.status == BookingStatus::Cancelled {
            return Err(checkin_error(CheckInError::Cancelled(booking.code)));
        }
        if booking.date != today.to_string() {
            return Err(AppError::rejected("checkin.wrong_date", {
                let (code, date) = (&booking.code, &booking.date);
                loket_domain::text!(
                    "Pemesanan {code} untuk tanggal {date}, bukan hari ini; kedatangan hanya dicatat pada harinya.",
                    "Booking {code} is for {date}, not today; arrivals are recorded on the day only."
                )
            }));
        }
        let mut arrivals = Vec::new();
        for id in &req.applicant_ids {
            let applicant = booking
                .applicants
                .iter()
                .find(|a| &a.id == id)
                .ok_or(AppError::NotFound(Missing::Applicant))?;
            if applicant.status != ApplicantStatus::Expected {
                continue;
            }
            let n = tx
                .next_queue_number(
                    office.slug.as_str(),
                    &booking.date,
                    booking.session,
                    &counter,
                )
                .await?;
            if tx.mark_arrived(id, &counter, n, now).await? {
                arrivals.push(Arrival {
                    applicant_id: crate::auth::id(id)?,
                    queue_number: queue_number(&counter, n)?,
                    arrived_utc: now,
                });
            }
        }
        let numbers: Vec<String> = arrivals
            .iter()
            .map(|a| a.queue_number.to_string())
            .collect();
        if !arrivals.is_empty() {
            let op = Op::ArrivalsRecorded(ArrivalsRecorded {
                booking_id: crate::auth::id(&booking.id)?,
                code: booking.code.clone(),
                arrivals,
            });
            self.record(&mut tx, &office, &actor.author()?, op).await?;
        }
        let booking = super::booking_in(&mut tx, &office, &booking.code).await?;
        tx.commit().await?;
        tracing::info!(code = %booking.code, arrived = numbers.len(), "check-in");
        Ok(CheckInResult {
            booking,
            new_queue_numbers: numbers,
        })
    }

    /// Turns applicants who never arrived into no-shows once their session ended plus the grace
    /// time. Run by the background worker every minute and at start-up; returns how many changed.
    pub async fn sweep_no_shows(&self) -> Result<u32, AppError> {
        let Some(_) = self.store.device().await?.office_slug else {
            return Ok(0);
        };
        let office = self.office().await?;
        let now = self.clock.now();
        let local = office.local_time(now);
        let today = local.date();
        let schedule = self.schedule(&office).await?;
        let grace = GraceMinutes::parse(self.store.no_show_grace(office.slug.as_str()).await?)
            .unwrap_or(GraceMinutes::DEFAULT);
        let due: Vec<SessionKind> = SessionKind::ALL
            .into_iter()
            .filter(|s| no_show_after(&schedule, today, *s, grace) <= local)
            .collect();
        let mut tx = self.store.begin().await?;
        let marked = tx.sweep_no_shows(office.slug.as_str(), today, &due).await?;
        let total = u32::try_from(marked.len()).unwrap_or(u32::MAX);
        if total > 0 {
            let applicants = marked
                .iter()
                .map(|m| {
                    Ok(NoShow {
                        applicant_id: crate::auth::id(&m.applicant_id)?,
                        booking_id: crate::auth::id(&m.booking_id)?,
                        date: crate::input::iso_date(&m.date)?,
                        session: m.session,
                    })
                })
                .collect::<Result<Vec<_>, AppError>>()?;
            let op = Op::NoShowsMarked(NoShowsMarked {
                grace_minutes: grace.get(),
                applicants,
            });
            self.record(&mut tx, &office, &Author::system(), op).await?;
            tx.commit().await?;
            tracing::info!(total, "no-shows marked");
        }
        Ok(total)
    }

    /// The kepala kantor corrects a no-show to arrived, with a reason kept on the applicant.
    pub async fn reverse_no_show(
        &self,
        actor: &Actor,
        req: &ReverseNoShowRequest,
    ) -> Result<(), AppError> {
        actor.require(
            Permission::OverrideCounter,
            ("membatalkan status tidak hadir", "undo a no-show"),
        )?;
        let reason = Reason::parse(&req.reason).map_err(AppError::invalid)?;
        let office = self.office().await?;
        let now = self.clock.now();
        let mut tx = self.store.begin().await?;
        if !tx
            .reverse_no_show(&req.applicant_id, reason.as_str(), now)
            .await?
        {
            return Err(AppError::Conflict(loket_domain::text!(
                "Pemohon ini tidak berstatus tidak hadir; tidak ada yang diubah.",
                "This applicant is not marked as a no-show; nothing was changed."
            )));
        }
        let op = Op::NoShowReversed(NoShowReversed {
            applicant_id: crate::auth::id(&req.applicant_id)?,
            reason: reason.as_str().to_owned(),
        });
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        tx.commit().await?;
        Ok(())
    }
}
