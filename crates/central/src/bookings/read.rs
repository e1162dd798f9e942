//! Stored bookings as their citizen sees them: lookup by code and NIK, and the proof PDF.

use axum::http::StatusCode;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use loket_domain::{
    ApplicationType, BookingStatus, Office, OfficeSchedule, Relation, SessionKind, text,
};
use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use super::{ApplicantView, BookingView, no_booking, office_of};
use crate::Central;
use crate::error::ApiError;

#[derive(Debug, sqlx::FromRow)]
pub(super) struct BookingRow {
    pub(super) booking_id: Uuid,
    pub(super) code: String,
    pub(super) day: NaiveDate,
    pub(super) session: String,
    pub(super) status: String,
    pub(super) holder_nik: String,
    pub(super) proof: String,
    pub(super) created_at: DateTime<Utc>,
}

#[derive(Debug, sqlx::FromRow)]
pub(super) struct ApplicantRow {
    pub(super) nik: String,
    pub(super) full_name: String,
    pub(super) relation: String,
    pub(super) application_type: String,
    pub(super) old_passport: Option<String>,
}

pub(super) fn corrupt(what: &str) -> ApiError {
    tracing::error!(what, "stored row does not parse");
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        text!(
            "Data pemesanan tersimpan rusak; hubungi kantor imigrasi.",
            "The stored booking is damaged; contact the immigration office."
        ),
    )
}

pub(super) async fn row_in(
    tx: &mut Transaction<'_, Postgres>,
    office: &str,
    code: &str,
    lock: bool,
) -> Result<Option<BookingRow>, ApiError> {
    let sql = if lock {
        "SELECT booking_id, code, day, session, status, holder_nik, proof, created_at
         FROM bookings WHERE office_id = $1 AND code = $2 FOR UPDATE"
    } else {
        "SELECT booking_id, code, day, session, status, holder_nik, proof, created_at
         FROM bookings WHERE office_id = $1 AND code = $2"
    };
    Ok(sqlx::query_as(sql)
        .bind(office)
        .bind(code)
        .fetch_optional(&mut **tx)
        .await?)
}

pub(super) async fn view_of(
    tx: &mut Transaction<'_, Postgres>,
    office: &Office,
    b: BookingRow,
    now: DateTime<Utc>,
) -> Result<BookingView, ApiError> {
    let rows: Vec<ApplicantRow> = sqlx::query_as(
        "SELECT nik, full_name, relation, application_type, old_passport FROM applicants
         WHERE office_id = $1 AND booking_id = $2 ORDER BY position",
    )
    .bind(office.slug.as_str())
    .bind(b.booking_id)
    .fetch_all(&mut **tx)
    .await?;
    assemble(office, &b, &rows, now)
}

/// The citizen's view of a booking and its applicants as stored (NIKs masked), judged at `now`.
pub(super) fn assemble(
    office: &Office,
    b: &BookingRow,
    rows: &[ApplicantRow],
    now: DateTime<Utc>,
) -> Result<BookingView, ApiError> {
    let applicants = rows
        .iter()
        .map(|a| {
            Ok(ApplicantView {
                nik_masked: loket_domain::pii::mask_nik(&a.nik),
                full_name: a.full_name.clone(),
                relation: Relation::try_from(a.relation.as_str())
                    .map_err(|_| corrupt("relation"))?,
                application_type: ApplicationType::try_from(a.application_type.as_str())
                    .map_err(|_| corrupt("application_type"))?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let status = BookingStatus::try_from(b.status.as_str()).map_err(|_| corrupt("status"))?;
    let cancellable = status == BookingStatus::Active
        && loket_domain::booking::check_applicant_cancellation(office, b.day, now).is_ok();
    Ok(BookingView {
        code: b.code.clone(),
        office: office.slug.as_str().to_owned(),
        office_name: office.name.clone(),
        date: b.day,
        session: SessionKind::try_from(b.session.as_str()).map_err(|_| corrupt("session"))?,
        status,
        cancellable,
        applicants,
        proof: b.proof.clone(),
        cancel_until: b.day - Duration::days(2),
        created_at: b.created_at,
    })
}

pub(super) async fn view_in(
    tx: &mut Transaction<'_, Postgres>,
    office: &Office,
    code: &str,
    now: DateTime<Utc>,
) -> Result<BookingView, ApiError> {
    let b = row_in(tx, office.slug.as_str(), code, false)
        .await?
        .ok_or_else(no_booking)?;
    view_of(tx, office, b, now).await
}

/// The booking `code` at `office`, for the citizen whose NIK is on it.
pub(crate) async fn lookup(
    central: &Central,
    office: &str,
    code: &str,
    nik: &str,
) -> Result<BookingView, ApiError> {
    let office = office_of(central, office)?;
    let mut tx = central.pool.begin().await?;
    let b = row_in(&mut tx, office.slug.as_str(), code.trim(), false)
        .await?
        .ok_or_else(no_booking)?;
    let on_it: Option<i16> = sqlx::query_scalar(
        "SELECT position FROM applicants WHERE office_id = $1 AND booking_id = $2 AND nik = $3",
    )
    .bind(office.slug.as_str())
    .bind(b.booking_id)
    .bind(nik.trim())
    .fetch_optional(&mut *tx)
    .await?;
    if on_it.is_none() {
        return Err(no_booking());
    }
    let view = view_of(&mut tx, office, b, central.clock.now()).await?;
    tx.commit().await?;
    Ok(view)
}

/// The proof's signed QR as an SVG image, what the page shows for the counter to scan from a phone.
pub(crate) async fn proof_svg(
    central: &Central,
    office: &str,
    code: &str,
    nik: &str,
) -> Result<String, ApiError> {
    let view = lookup(central, office, code, nik).await?;
    loket_pdf::qr_svg(&view.proof).map_err(|e| {
        tracing::error!(error = %e, "proof QR failed");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e)
    })
}

/// The proof as a PDF ("Simpan PDF"), the same document the counter prints, for a citizen whose NIK
/// is on the booking.
pub(crate) async fn proof_pdf(
    central: &Central,
    office: &str,
    code: &str,
    nik: &str,
) -> Result<(String, Vec<u8>), ApiError> {
    let view = lookup(central, office, code, nik).await?;
    let office = office_of(central, &view.office)?;
    let facts = loket_pdf::office::ProofFacts {
        office,
        code: &view.code,
        date: view.date,
        session: view.session,
        hours: OfficeSchedule::default().hours(view.session),
        category: loket_domain::Category::Reguler,
        channel: loket_domain::Channel::Online,
        applicants: view
            .applicants
            .iter()
            .map(|a| loket_pdf::office::ProofPerson {
                name: a.full_name.clone(),
                nik_masked: a.nik_masked.clone(),
                relation: a.relation,
                application_type: a.application_type,
            })
            .collect(),
        qr: view.proof.clone(),
        printed_at: central.clock.now(),
    };
    let bytes = loket_pdf::booking_proof(&loket_pdf::office::proof(facts)).map_err(|e| {
        tracing::error!(error = %e, "proof PDF failed");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e)
    })?;
    Ok((format!("bukti-{}.pdf", view.code), bytes))
}
