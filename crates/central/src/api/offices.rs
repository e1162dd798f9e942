//! `/v1/devices` and `/v1/office`: counter PCs enrol, then read their office's calendar.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::Deserialize;

use super::Body;
use crate::Central;
use crate::devices::{self, Device, EnrolRequest, Enrolment, OfficeCalendar};
use crate::error::{ApiResult, ErrorBody};
use loket_sync::{PullRequest, PullResponse, PushRequest, PushResponse};

/// Exchanges a one-time enrolment code for this PC's device credential.
#[utoipa::path(post, path = "/v1/devices/enrol", tag = "offices", request_body = EnrolRequest,
    responses(
        (status = 201, description = "Enrolled: keep the token in the OS key store", body = Enrolment),
        (status = 400, body = ErrorBody),
        (status = 403, description = "Unknown, used or expired code", body = ErrorBody)))]
pub(super) async fn enrol(
    State(central): State<Central>,
    Body(body): Body,
) -> ApiResult<(StatusCode, Json<Enrolment>)> {
    let req: EnrolRequest = super::json(&body)?;
    Ok((
        StatusCode::CREATED,
        Json(devices::enrol(&central, &req).await?),
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct Range {
    from: NaiveDate,
    to: NaiveDate,
}

/// The office's quota with its split and online consumption, its closures and the holidays.
#[utoipa::path(get, path = "/v1/office/calendar", tag = "offices", params(Range),
    security(("device" = [])),
    responses(
        (status = 200, body = OfficeCalendar),
        (status = 401, description = "No or a wrong device credential", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub(super) async fn calendar(
    State(central): State<Central>,
    device: Device,
    Query(range): Query<Range>,
) -> ApiResult<Json<OfficeCalendar>> {
    Ok(Json(
        devices::calendar(&central, &device, range.from, range.to).await?,
    ))
}

/// Stores this PC's outbox entries exactly once, in chain order, and answers each one's outcome.
#[utoipa::path(post, path = "/v1/sync/push", tag = "offices", request_body = PushRequest,
    security(("device" = [])),
    responses(
        (status = 200, description = "Stored; one outcome per entry (an entry sent again gets its stored outcome)", body = PushResponse),
        (status = 400, description = "Malformed JSON, an unknown field, an unknown protocol version", body = ErrorBody),
        (status = 401, description = "No or an unknown device credential", body = ErrorBody),
        (status = 403, description = "Entries of another device", body = ErrorBody),
        (status = 409, description = "A gap (the central expects another number) or an entry that differs from the stored one", body = ErrorBody),
        (status = 413, description = "More than 200 entries or over 1 MiB", body = ErrorBody),
        (status = 422, description = "The chain breaks: an entry does not match its hash or the one before it", body = ErrorBody),
        (status = 503, description = "Busy: push again, nothing was stored", body = ErrorBody)))]
pub(super) async fn push(
    State(central): State<Central>,
    device: Device,
    Body(body): Body,
) -> ApiResult<Json<PushResponse>> {
    let req: PushRequest = super::json(&body)?;
    Ok(Json(crate::sync::push(&central, &device, &req).await?))
}

/// What changed for this PC's office since its cursor: bookings (online ones, other PCs'
/// walk-ins and arrivals, cancellations), quota, closures, national holidays and "Perlu
/// perhatian" items. Without a cursor, a snapshot of the office's window first. With `waitMs`
/// it answers as soon as something changes (long poll).
#[utoipa::path(post, path = "/v1/sync/pull", tag = "offices", request_body = PullRequest,
    security(("device" = [])),
    responses(
        (status = 200, description = "Changes, each entity whole, and the cursor to send next", body = PullResponse),
        (status = 400, description = "Malformed JSON, an unknown field or protocol version, a cursor the central never issued", body = ErrorBody),
        (status = 401, description = "No or an unknown device credential", body = ErrorBody),
        (status = 503, description = "Busy: pull again", body = ErrorBody)))]
pub(super) async fn pull(
    State(central): State<Central>,
    device: Device,
    Body(body): Body,
) -> ApiResult<Json<PullResponse>> {
    let req: PullRequest = super::json(&body)?;
    Ok(Json(crate::sync::pull(&central, &device, &req).await?))
}
