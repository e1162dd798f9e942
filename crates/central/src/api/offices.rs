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
