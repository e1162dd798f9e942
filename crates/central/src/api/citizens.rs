//! `/v1`: the citizens' booking flow of the seeds.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use chrono::Datelike;
use loket_domain::text;
use serde::{Deserialize, Serialize};

use super::{Answer, Body};
use crate::Central;
use crate::availability::{self, MonthAvailability};
use crate::bookings::{self, BookingView};
use crate::bookings::{BookingRequest, CancelRequest};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::idempotency;
use crate::waiting::QueueStatus;

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OfficeEntry {
    slug: String,
    name: String,
    city: String,
    province: String,
    zone: String,
    iana_tz: String,
}

/// The 150 Kantor Imigrasi with their time zones.
#[utoipa::path(get, path = "/v1/offices", tag = "citizens",
    responses((status = 200, description = "Every office", body = [OfficeEntry])))]
pub(super) async fn offices(State(central): State<Central>) -> Json<Vec<OfficeEntry>> {
    Json(
        central
            .offices
            .all()
            .iter()
            .map(|o| OfficeEntry {
                slug: o.slug.as_str().to_owned(),
                name: o.name.clone(),
                city: o.city.clone(),
                province: o.province.clone(),
                zone: o.zone.as_str().to_owned(),
                iana_tz: o.tz.name().to_owned(),
            })
            .collect(),
    )
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct MonthQuery {
    /// `YYYY-MM`; default: the office's current month.
    month: Option<String>,
}

/// A month of one office in the seeds' four colours, per date and session, with online seats left.
#[utoipa::path(get, path = "/v1/offices/{office}/availability", tag = "citizens",
    params(("office" = String, Path, description = "Office slug, e.g. jakartaselatan"), MonthQuery),
    responses(
        (status = 200, body = MonthAvailability),
        (status = 404, description = "Unknown office", body = ErrorBody),
        (status = 422, description = "A month that is no month", body = ErrorBody)))]
pub(super) async fn availability(
    State(central): State<Central>,
    Path(office): Path<String>,
    Query(q): Query<MonthQuery>,
) -> ApiResult<Json<MonthAvailability>> {
    let office = central
        .offices
        .get(&office)
        .map_err(|e| ApiError::not_found("office.unknown", e))?;
    let now = central.clock.now();
    let (year, month) = match q.month.as_deref() {
        None => {
            let today = office.local_date(now);
            (today.year(), today.month())
        }
        Some(text) => parse_month(text)?,
    };
    Ok(Json(
        availability::month(&central, office, year, month, now).await?,
    ))
}

fn parse_month(s: &str) -> ApiResult<(i32, u32)> {
    let bad = || {
        ApiError::invalid(
            "month.invalid",
            text!(
                "Bulan '{s}' tidak valid (tulis TTTT-BB, misalnya 2026-12).",
                "The month '{s}' is not valid (write YYYY-MM, e.g. 2026-12)."
            ),
        )
    };
    let (y, m) = s.split_once('-').ok_or_else(bad)?;
    let year: i32 = y.parse().map_err(|_| bad())?;
    let month: u32 = m.parse().map_err(|_| bad())?;
    if !(1..=12).contains(&month) {
        return Err(bad());
    }
    Ok((year, month))
}

/// Takes a number in the release rush's waiting room (when the service runs one).
#[utoipa::path(post, path = "/v1/queue", tag = "citizens",
    responses(
        (status = 200, description = "The ticket, its position, and an admission token once admitted", body = QueueStatus),
        (status = 404, description = "No waiting room is running", body = ErrorBody)))]
pub(super) async fn join_queue(State(central): State<Central>) -> ApiResult<Json<QueueStatus>> {
    let room = room_of(&central)?;
    Ok(Json(room.join(central.clock.now())))
}

/// Where a waiting-room ticket stands.
#[utoipa::path(get, path = "/v1/queue/{ticket}", tag = "citizens",
    params(("ticket" = String, Path, description = "The signed ticket from POST /v1/queue")),
    responses(
        (status = 200, body = QueueStatus),
        (status = 403, description = "A forged or altered ticket", body = ErrorBody),
        (status = 404, description = "No waiting room is running", body = ErrorBody)))]
pub(super) async fn queue_status(
    State(central): State<Central>,
    Path(ticket): Path<String>,
) -> ApiResult<Json<QueueStatus>> {
    let room = room_of(&central)?;
    Ok(Json(room.status(&ticket, central.clock.now())?))
}

fn room_of(central: &Central) -> ApiResult<&crate::waiting::WaitingRoom> {
    central.room.as_deref().ok_or_else(|| {
        ApiError::not_found(
            "queue.off",
            text!(
                "Ruang tunggu tidak aktif: langsung pesan saja.",
                "No waiting room is running: book directly."
            ),
        )
    })
}

/// Books 1–5 applicants of one family card on released online quota.
#[utoipa::path(post, path = "/v1/bookings", tag = "citizens", request_body = BookingRequest,
    params(("Idempotency-Key" = String, Header, description = "Required: 1–100 visible ASCII characters; a retry with the same key and body gets the stored answer", min_length = 1, max_length = 100, pattern = "^[!-~]{1,100}$"),
        ("X-Admission" = Option<String>, Header, description = "The waiting room's admission token, when the service runs one")),
    responses(
        (status = 201, description = "Booked, with the signed proof", body = BookingView),
        (status = 400, description = "Malformed JSON, an unknown field, no Idempotency-Key", body = ErrorBody),
        (status = 404, description = "Unknown office", body = ErrorBody),
        (status = 409, description = "Full, not released, not provided, closed, or a frozen NIK", body = ErrorBody),
        (status = 403, description = "No, a forged or an expired admission token while the waiting room runs", body = ErrorBody),
        (status = 413, description = "Body over 16 KB", body = ErrorBody),
        (status = 422, description = "A rule broken (NIK, family, past date) or a key reused with another body", body = ErrorBody),
        (status = 503, description = "Busy: try again", body = ErrorBody)))]
pub(super) async fn book(
    State(central): State<Central>,
    headers: HeaderMap,
    Body(body): Body,
) -> ApiResult<Answer> {
    if let Some(room) = &central.room {
        let token = headers.get("x-admission").and_then(|v| v.to_str().ok());
        room.admit(token, central.clock.now())?;
    }
    let key = idempotency::key_of(&headers)?;
    let (status, json) = bookings::create(&central, &key, &body).await?;
    Ok(Answer(status, json))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct NikQuery {
    /// The NIK of one of the booking's applicants (none given: no booking is found).
    #[serde(default)]
    nik: String,
}

/// One booking, for a citizen whose NIK is on it.
#[utoipa::path(get, path = "/v1/offices/{office}/bookings/{code}", tag = "citizens",
    params(("office" = String, Path), ("code" = String, Path, description = "e.g. 261214-P-001"), NikQuery),
    responses((status = 200, body = BookingView), (status = 404, body = ErrorBody)))]
pub(super) async fn lookup(
    State(central): State<Central>,
    Path((office, code)): Path<(String, String)>,
    Query(q): Query<NikQuery>,
) -> ApiResult<Json<BookingView>> {
    Ok(Json(
        bookings::lookup(&central, &office, &code, &q.nik).await?,
    ))
}

/// The booking's proof as a PDF, for a citizen whose NIK is on it.
#[utoipa::path(get, path = "/v1/offices/{office}/bookings/{code}/proof.pdf", tag = "citizens",
    params(("office" = String, Path), ("code" = String, Path), NikQuery),
    responses(
        (status = 200, description = "The proof (A4, with the signed QR)", content_type = "application/pdf"),
        (status = 404, body = ErrorBody)))]
pub(super) async fn proof_pdf(
    State(central): State<Central>,
    Path((office, code)): Path<(String, String)>,
    Query(q): Query<NikQuery>,
) -> ApiResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let (name, bytes) = bookings::proof_pdf(&central, &office, &code, &q.nik).await?;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/pdf".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The booking's signed QR as an SVG image, for a citizen whose NIK is on it.
#[utoipa::path(get, path = "/v1/offices/{office}/bookings/{code}/proof.svg", tag = "citizens",
    params(("office" = String, Path), ("code" = String, Path), NikQuery),
    responses(
        (status = 200, description = "The QR the counter scans", content_type = "image/svg+xml"),
        (status = 404, body = ErrorBody)))]
pub(super) async fn proof_svg(
    State(central): State<Central>,
    Path((office, code)): Path<(String, String)>,
    Query(q): Query<NikQuery>,
) -> ApiResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let svg = bookings::proof_svg(&central, &office, &code, &q.nik).await?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "image/svg+xml"),
            (axum::http::header::CACHE_CONTROL, "private, max-age=300"),
        ],
        svg,
    )
        .into_response())
}

/// Cancels a booking for its account holder, until H-2 in the office's zone.
#[utoipa::path(post, path = "/v1/offices/{office}/bookings/{code}/cancel", tag = "citizens",
    request_body = CancelRequest,
    params(("office" = String, Path), ("code" = String, Path),
        ("Idempotency-Key" = String, Header, description = "Required: 1–100 visible ASCII characters", min_length = 1, max_length = 100, pattern = "^[!-~]{1,100}$")),
    responses(
        (status = 200, description = "Cancelled", body = BookingView),
        (status = 400, description = "Malformed JSON, an unknown field, no Idempotency-Key", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Already cancelled, or past H-2", body = ErrorBody),
        (status = 413, description = "Body over 16 KB", body = ErrorBody),
        (status = 422, description = "A key reused with another body", body = ErrorBody),
        (status = 503, description = "Busy: try again", body = ErrorBody)))]
pub(super) async fn cancel(
    State(central): State<Central>,
    Path((office, code)): Path<(String, String)>,
    headers: HeaderMap,
    Body(body): Body,
) -> ApiResult<Answer> {
    let key = idempotency::key_of(&headers)?;
    let (status, json) = bookings::cancel(&central, &office, &code, &key, &body).await?;
    Ok(Answer(status, json))
}
