//! Idempotency keys (Stripe's model): the first request with a key claims it inside its own
//! transaction and stores its response there; a retry with the same body gets that response back,
//! the same key with another body is refused. A concurrent retry waits on the key's row until the
//! first commits (or rolls back, and then it is the first).

use axum::http::StatusCode;
use sha2::{Digest, Sha256};
use sqlx::{Postgres, Transaction};

use crate::error::ApiError;

/// What a key says about a request.
#[derive(Debug)]
pub(crate) enum Claim {
    /// Never seen: go ahead, and `store` the response in the same transaction.
    New,
    /// Seen with this very body: answer what was answered then.
    Replay(StatusCode, serde_json::Value),
}

/// The `Idempotency-Key` header: required on every write, 1–100 visible ASCII characters.
pub(crate) fn key_of(headers: &axum::http::HeaderMap) -> Result<String, ApiError> {
    let refuse = || {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "idempotency.missing",
            loket_domain::text!(
                "Header Idempotency-Key wajib diisi (1–100 karakter ASCII) agar permintaan yang diulang tidak tercatat dua kali.",
                "The Idempotency-Key header is required (1–100 ASCII characters), so that a repeated request is not recorded twice."
            ),
        )
    };
    let value = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .ok_or_else(refuse)?;
    if value.is_empty() || value.len() > 100 || !value.chars().all(|c| c.is_ascii_graphic()) {
        return Err(refuse());
    }
    Ok(value.to_owned())
}

pub(crate) fn hash(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

pub(crate) async fn claim(
    tx: &mut Transaction<'_, Postgres>,
    office: &str,
    key: &str,
    request_hash: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Claim, ApiError> {
    let inserted = sqlx::query(
        "INSERT INTO idempotency (office_id, idem_key, request_hash, status, body, created_at)
         VALUES ($1, $2, $3, 0, 'null', $4) ON CONFLICT DO NOTHING",
    )
    .bind(office)
    .bind(key)
    .bind(request_hash)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if inserted == 1 {
        return Ok(Claim::New);
    }
    let (stored_hash, status, body): (String, i16, serde_json::Value) = sqlx::query_as(
        "SELECT request_hash, status, body FROM idempotency WHERE office_id = $1 AND idem_key = $2",
    )
    .bind(office)
    .bind(key)
    .fetch_one(&mut **tx)
    .await?;
    if stored_hash != request_hash {
        return Err(ApiError::invalid(
            "idempotency.mismatch",
            loket_domain::text!(
                "Idempotency-Key ini sudah dipakai untuk permintaan lain. Gunakan kunci baru untuk permintaan baru.",
                "This Idempotency-Key was used for another request. Use a new key for a new request."
            ),
        ));
    }
    let status = u16::try_from(status)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::OK);
    Ok(Claim::Replay(status, body))
}

/// The answer already stored under `key`, read without claiming it: a request that is refused
/// before any write (a session known to be sold out) must still get its earlier answer back when
/// it is a retry of the request that took the last seat.
pub(crate) async fn stored(
    pool: &sqlx::PgPool,
    office: &str,
    key: &str,
    request_hash: &str,
) -> Result<Option<(StatusCode, serde_json::Value)>, ApiError> {
    let row: Option<(String, i16, serde_json::Value)> = sqlx::query_as(
        "SELECT request_hash, status, body FROM idempotency
         WHERE office_id = $1 AND idem_key = $2 AND status > 0",
    )
    .bind(office)
    .bind(key)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|(stored_hash, status, body)| {
        let status = u16::try_from(status)
            .ok()
            .and_then(|s| StatusCode::from_u16(s).ok())?;
        (stored_hash == request_hash).then_some((status, body))
    }))
}

pub(crate) async fn store(
    tx: &mut Transaction<'_, Postgres>,
    office: &str,
    key: &str,
    status: StatusCode,
    body: &serde_json::Value,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE idempotency SET status = $3, body = $4 WHERE office_id = $1 AND idem_key = $2",
    )
    .bind(office)
    .bind(key)
    .bind(i16::try_from(status.as_u16()).unwrap_or(200))
    .bind(body)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
