//! The HTTP side: `/` the citizens' page, `/v1` its API, `/healthz` and `/readyz` for operators. Handlers are thin:
//! they read the request, call one function of the crate and turn its answer into JSON.

mod citizens;
pub mod doc;
mod health;
mod offices;
mod web;

use std::future::Future;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use loket_domain::text;
use serde::de::DeserializeOwned;
use tower_http::timeout::TimeoutLayer;

use crate::Central;
use crate::error::ApiError;

/// The largest request body: five applicants fit in under 2 kB.
pub const MAX_BODY: usize = 16 * 1024;

/// The largest push: 200 entries of a few kilobytes each.
pub const MAX_SYNC_BODY: usize = 1024 * 1024;

/// A request is answered within this, or told so (503), rather than left hanging.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

pub fn router(central: Central) -> Router {
    Router::new()
        .route("/", get(web::index))
        .route("/app.js", get(web::script))
        .route("/style.css", get(web::style))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/v1/openapi.json", get(openapi))
        .route("/v1/offices", get(citizens::offices))
        .route(
            "/v1/offices/{office}/availability",
            get(citizens::availability),
        )
        .route("/v1/devices/enrol", post(offices::enrol))
        .route("/v1/office/calendar", get(offices::calendar))
        .route(
            "/v1/sync/push",
            post(offices::push).layer(DefaultBodyLimit::max(MAX_SYNC_BODY)),
        )
        .route("/v1/sync/pull", post(offices::pull))
        .route("/v1/queue", post(citizens::join_queue))
        .route("/v1/queue/{ticket}", get(citizens::queue_status))
        .route("/v1/bookings", post(citizens::book))
        .route(
            "/v1/offices/{office}/bookings/{code}",
            get(citizens::lookup),
        )
        .route(
            "/v1/offices/{office}/bookings/{code}/proof.pdf",
            get(citizens::proof_pdf),
        )
        .route(
            "/v1/offices/{office}/bookings/{code}/proof.svg",
            get(citizens::proof_svg),
        )
        .route(
            "/v1/offices/{office}/bookings/{code}/cancel",
            post(citizens::cancel),
        )
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .with_state(central)
}

/// Serves until `shutdown` resolves, then lets the requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    central: Central,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let pool = central.pool.clone();
    axum::serve(listener, router(central))
        .with_graceful_shutdown(shutdown)
        .await?;
    pool.close().await;
    Ok(())
}

async fn openapi() -> impl IntoResponse {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        doc::document(),
    )
}

async fn not_found() -> ApiError {
    ApiError::not_found(
        "not_found",
        text!(
            "Alamat ini tidak ada di layanan.",
            "The service has no such address."
        ),
    )
}

/// A request body as bytes (the idempotency hash is over them), refused as JSON when too large.
#[derive(Debug)]
pub struct Body(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for Body {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        Bytes::from_request(req, state)
            .await
            .map(Body)
            .map_err(|r| {
                let status = r.status();
                if status == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::new(
                        status,
                        "body.too_large",
                        text!(
                            "Isi permintaan terlalu besar (pemesanan paling besar 16 KB, kiriman sinkron 1 MB).",
                            "The request body is too large (16 KB for a booking, 1 MB for a sync push at most)."
                        ),
                    )
                } else {
                    let detail = r.body_text();
                    ApiError::new(
                        StatusCode::BAD_REQUEST,
                        "body.unreadable",
                        text!(
                            "Isi permintaan tidak dapat dibaca: {detail}",
                            "The request body cannot be read: {detail}"
                        ),
                    )
                }
            })
    }
}

/// Parses a JSON body; malformed JSON, a wrong type or an unknown field is a 400 in Indonesian.
pub(crate) fn json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        let detail = e.to_string();
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "body.invalid",
            text!(
                "Isi permintaan bukan JSON yang sesuai: {detail}",
                "The request body is not the expected JSON: {detail}"
            ),
        )
    })
}

/// A stored or fresh JSON answer with its status.
pub(crate) struct Answer(pub StatusCode, pub serde_json::Value);

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        (self.0, axum::Json(self.1)).into_response()
    }
}
