//! Cancelling until H-2 in the office's zone; the seats go back to the online share.

use axum::http::StatusCode;
use loket_domain::booking::check_applicant_cancellation;
use loket_domain::{BookingStatus, SessionKind, text};

use super::read::{row_in, view_in};
use super::{CancelRequest, no_booking, office_of};
use crate::Central;
use crate::error::ApiError;
use crate::idempotency::{self, Claim};

/// Cancels a booking for its account holder until H-2 in the office's zone, and gives its seats
/// back to the online share. The freeze stays (the seeds: a date chosen, used or cancelled).
pub(crate) async fn cancel(
    central: &Central,
    office: &str,
    code: &str,
    key: &str,
    body: &[u8],
) -> Result<(StatusCode, serde_json::Value), ApiError> {
    let req: CancelRequest = crate::api::json(body)?;
    let office = office_of(central, office)?;
    let slug = office.slug.as_str();
    let now = central.clock.now();
    let mut tx = central.pool.begin().await?;
    // The key covers the code as well as the body: one key, one booking.
    let scope = format!("{}|{}", code.trim(), idempotency::hash(body));
    if let Claim::Replay(status, body) = idempotency::claim(
        &mut tx,
        slug,
        key,
        &idempotency::hash(scope.as_bytes()),
        now,
    )
    .await?
    {
        return Ok((status, body));
    }
    let b = row_in(&mut tx, slug, code.trim(), true)
        .await?
        .ok_or_else(no_booking)?;
    if b.holder_nik != req.nik.trim() {
        return Err(no_booking());
    }
    if b.status != BookingStatus::Active.as_str() {
        let code = &b.code;
        return Err(ApiError::conflict(
            "booking.cancelled",
            text!(
                "Pemesanan {code} sudah dibatalkan sebelumnya.",
                "Booking {code} was already cancelled."
            ),
        ));
    }
    check_applicant_cancellation(office, b.day, now)
        .map_err(|e| ApiError::conflict("cancel.too_late", e))?;
    let seats: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM applicants WHERE office_id = $1 AND booking_id = $2",
    )
    .bind(slug)
    .bind(b.booking_id)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE bookings SET status = 'cancelled', cancelled_at = $3
         WHERE office_id = $1 AND booking_id = $2",
    )
    .bind(slug)
    .bind(b.booking_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE applicants SET status = 'cancelled'
         WHERE office_id = $1 AND booking_id = $2 AND status = 'expected'",
    )
    .bind(slug)
    .bind(b.booking_id)
    .execute(&mut *tx)
    .await?;
    // Only an online booking holds seats of the online share.
    sqlx::query(
        "UPDATE quota SET online_booked = online_booked - $4
         WHERE office_id = $1 AND day = $2 AND session = $3
           AND EXISTS (SELECT 1 FROM bookings
                       WHERE office_id = $1 AND booking_id = $5 AND channel = 'online')",
    )
    .bind(slug)
    .bind(b.day)
    .bind(&b.session)
    .bind(i32::try_from(seats).unwrap_or(0))
    .bind(b.booking_id)
    .execute(&mut *tx)
    .await?;
    let code = b.code.clone();
    let view = view_in(&mut tx, office, &code, now).await?;
    let body = serde_json::to_value(&view).unwrap_or_default();
    idempotency::store(&mut tx, slug, key, StatusCode::OK, &body).await?;
    tx.commit().await?;
    central.changes.ring(slug);
    if let Ok(session) = SessionKind::try_from(b.session.as_str()) {
        central.sold_out.release(slug, b.day, session);
        central
            .months
            .booked(slug, b.day, session, -i32::try_from(seats).unwrap_or(0));
    }
    tracing::info!(office = slug, code = %code, "online booking cancelled");
    Ok((StatusCode::OK, body))
}
