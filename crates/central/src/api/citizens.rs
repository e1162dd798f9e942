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
use crate::error::{ApiError, ApiResult};
use crate::idempotency;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct OfficeEntry {
    slug: String,
    name: String,
    city: String,
    province: String,
    zone: String,
    iana_tz: String,
}

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

#[derive(Debug, Deserialize)]
pub(super) struct MonthQuery {
    /// `YYYY-MM`; default: the office's current month.
    month: Option<String>,
}

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
        availability::month(&central.pool, office, year, month, now).await?,
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

pub(super) async fn book(
    State(central): State<Central>,
    headers: HeaderMap,
    Body(body): Body,
) -> ApiResult<Answer> {
    let key = idempotency::key_of(&headers)?;
    let (status, json) = bookings::create(&central, &key, &body).await?;
    Ok(Answer(status, json))
}

#[derive(Debug, Deserialize)]
pub(super) struct NikQuery {
    nik: String,
}

pub(super) async fn lookup(
    State(central): State<Central>,
    Path((office, code)): Path<(String, String)>,
    Query(q): Query<NikQuery>,
) -> ApiResult<Json<BookingView>> {
    Ok(Json(
        bookings::lookup(&central, &office, &code, &q.nik).await?,
    ))
}

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
