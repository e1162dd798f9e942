//! Liveness (the process answers) and readiness (it can reach PostgreSQL).

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use crate::Central;
use crate::error::ApiError;

/// The process answers.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200)))]
pub(super) async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// The process can reach PostgreSQL.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses((status = 200), (status = 503, body = crate::error::ErrorBody)))]
pub(super) async fn readyz(State(central): State<Central>) -> Result<Json<Value>, ApiError> {
    sqlx::query_scalar::<_, i32>("SELECT 1")
        .fetch_one(&central.pool)
        .await?;
    Ok(Json(json!({ "status": "ready" })))
}
