//! The counter's day (issue #4): session lists and search, check-in by scanned proof, no-shows,
//! walk-in bookings, cancellation, drafts and printing.

mod cancel;
mod checkin;
mod drafts;
mod issues;
mod lists;
mod print;
mod proof_checkin;
pub(crate) mod renewal;
mod settings;
mod walkin;

use chrono::{Duration, NaiveDate};
use loket_domain::{CounterCode, Office, PriorityReason, QueueNumber};
use loket_store::ApplicantRow;

use crate::error::{AppError, Missing};
use crate::input::parse_utc;
use crate::view::{ApplicantView, BookingView};

fn corrupt(what: &str) -> AppError {
    AppError::Internal(format!("data pemesanan rusak ({what})"))
}

/// A stored queue number: the counter that called it and its number.
fn queue_number(counter: Option<&str>, n: Option<i64>) -> Result<Option<QueueNumber>, AppError> {
    let (Some(c), Some(n)) = (counter, n) else {
        return Ok(None);
    };
    let counter = CounterCode::parse(c).map_err(|_| corrupt("loket nomor antrean"))?;
    let n = u32::try_from(n).map_err(|_| corrupt("nomor antrean"))?;
    QueueNumber::new(counter, n)
        .map(Some)
        .map_err(|_| corrupt("nomor antrean"))
}

/// One booking re-read inside the write transaction, so a decision sees what is committed.
pub(crate) async fn booking_in(
    tx: &mut loket_store::Tx,
    office: &Office,
    code: &str,
) -> Result<BookingView, AppError> {
    group(
        office,
        tx.booking_by_code(office.slug.as_str(), code).await?,
    )?
    .pop()
    .ok_or(AppError::NotFound(Missing::Booking))
}

/// Groups flat applicant rows (ordered by booking, then position) into bookings.
pub(crate) fn group(
    office: &Office,
    rows: Vec<ApplicantRow>,
) -> Result<Vec<BookingView>, AppError> {
    let mut out: Vec<BookingView> = Vec::new();
    for r in rows {
        if out.last().is_none_or(|b| b.id != r.booking_id) {
            let date =
                NaiveDate::parse_from_str(&r.date, "%Y-%m-%d").map_err(|_| corrupt("tanggal"))?;
            out.push(BookingView {
                id: r.booking_id.clone(),
                code: r.code.clone(),
                date: r.date.clone(),
                session: r.session,
                channel: r.channel,
                category: r.category,
                priority_reason: r
                    .priority_reason
                    .as_deref()
                    .map(PriorityReason::try_from)
                    .transpose()
                    .map_err(|_| corrupt("alasan prioritas"))?,
                status: r.booking_status,
                cancel_reason: r.cancel_reason.clone(),
                kk_number: r.kk_number.clone(),
                applicants: Vec::new(),
                cancel_deadline: (date - Duration::days(2)).to_string(),
                has_proof: r.proof_qr.is_some(),
            });
        }
        let arrived_at = r
            .arrived_utc
            .as_deref()
            .and_then(parse_utc)
            .map(|t| office.local_time(t).format("%H:%M").to_string());
        let applicant = ApplicantView {
            id: r.applicant_id,
            position: u8::try_from(r.position).map_err(|_| corrupt("urutan"))?,
            nik_masked: loket_domain::pii::mask_nik(&r.nik),
            nik: r.nik,
            full_name: r.full_name,
            relation: r.relation,
            sex: r.sex,
            birth_date: r.birth_date,
            application_type: r.application_type,
            old_passport: r.old_passport,
            old_passport_expiry: r.old_passport_expiry,
            status: r.status,
            queue_number: queue_number(r.queue_counter.as_deref(), r.queue_number)?
                .map(|q| q.to_string()),
            arrived_at,
            no_show_reversal: r.no_show_reversal,
        };
        if let Some(b) = out.last_mut() {
            b.applicants.push(applicant);
        }
    }
    Ok(out)
}
