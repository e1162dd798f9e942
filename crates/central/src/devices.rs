//! The offices' side: enrolling a counter PC with a one-time code, the device credential every
//! office request carries, and what an office reads (its quota with the split, its closures, the
//! national holidays).

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use loket_domain::{CounterCode, text};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::Central;
use crate::error::ApiError;

fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// 20 characters from an alphabet without look-alikes (no 0/O, 1/I/L): typed by an admin.
fn random_code(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut bytes = vec![0u8; len];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect()
}

/// Issues a one-time enrolment code for `counter` at `office`, valid for `valid_for`. Only its hash
/// is stored; the code is shown once, to the admin who asked.
pub async fn issue_code(
    central: &Central,
    office: &str,
    counter: &str,
    valid_for: Duration,
) -> Result<String, ApiError> {
    let office = central
        .offices
        .get(office)
        .map_err(|e| ApiError::not_found("office.unknown", e))?;
    let counter =
        CounterCode::parse(counter).map_err(|e| ApiError::invalid("counter.invalid", e))?;
    let code = random_code(20);
    sqlx::query(
        "INSERT INTO enrolment_codes (office_id, code_hash, counter_code, expires_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(office.slug.as_str())
    .bind(hash(&code))
    .bind(counter.as_str())
    .bind(central.clock.now() + valid_for)
    .execute(&central.pool)
    .await?;
    Ok(code)
}

pub use loket_sync::{EnrolRequest, Enrolment};

/// Exchanges a one-time code for a device credential. A used, expired or unknown code is refused
/// the same way; enrolling a replacement PC for a counter retires the one before it.
pub async fn enrol(central: &Central, req: &EnrolRequest) -> Result<Enrolment, ApiError> {
    let refused = || {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "enrol.invalid",
            text!(
                "Kode pendaftaran tidak sah, sudah dipakai atau sudah kedaluwarsa. Minta kode baru kepada admin pusat.",
                "The enrolment code is not valid, already used or expired. Ask the central admin for a new one."
            ),
        )
    };
    let office = central
        .offices
        .get(req.office.trim())
        .map_err(|_| refused())?;
    let slug = office.slug.as_str();
    let now = central.clock.now();
    let code = req.code.trim().to_uppercase().replace(['-', ' '], "");
    let mut tx = central.pool.begin().await?;
    let counter: Option<String> = sqlx::query_scalar(
        "UPDATE enrolment_codes SET used_at = $3
         WHERE office_id = $1 AND code_hash = $2 AND used_at IS NULL AND expires_at > $3
         RETURNING counter_code",
    )
    .bind(slug)
    .bind(hash(&code))
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let counter = counter.ok_or_else(refused)?;
    sqlx::query("DELETE FROM devices WHERE office_id = $1 AND counter_code = $2")
        .bind(slug)
        .bind(&counter)
        .execute(&mut *tx)
        .await?;
    let device_id = Uuid::now_v7();
    let secret = random_code(32);
    sqlx::query(
        "INSERT INTO devices (office_id, device_id, counter_code, token_hash, enrolled_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(slug)
    .bind(device_id)
    .bind(&counter)
    .bind(hash(&secret))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(office = slug, counter = %counter, %device_id, "counter PC enrolled");
    Ok(Enrolment {
        office: slug.to_owned(),
        device_id,
        counter_code: counter,
        token: format!("{slug}.{device_id}.{secret}"),
        central_key_id: central.key.key_id.clone(),
        central_public_key: hex::encode(central.key.public_key()),
    })
}

/// An enrolled counter PC, from its `Authorization: Bearer office.device.secret`.
#[derive(Debug, Clone)]
pub struct Device {
    pub office: String,
    pub device_id: Uuid,
    pub counter_code: String,
}

/// A credential the central does not know (never issued, or its PC replaced since).
pub(crate) fn retired() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "device.unauthorized",
        text!(
            "PC ini belum terdaftar di layanan pusat atau kredensialnya tidak sah. Daftarkan ulang PC dengan kode dari admin.",
            "This PC is not enrolled with the central service or its credential is not valid. Enrol it again with a code from the admin."
        ),
    )
}

impl FromRequestParts<Central> for Device {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, central: &Central) -> Result<Self, ApiError> {
        let refused = retired;
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(refused)?;
        let mut it = token.trim().splitn(3, '.');
        let (Some(office), Some(device), Some(secret)) = (it.next(), it.next(), it.next()) else {
            return Err(refused());
        };
        let device_id = Uuid::parse_str(device).map_err(|_| refused())?;
        let row: Option<(String, String)> = sqlx::query_as(
            "SELECT counter_code, token_hash FROM devices WHERE office_id = $1 AND device_id = $2",
        )
        .bind(office)
        .bind(device_id)
        .fetch_optional(&central.pool)
        .await?;
        match row {
            Some((counter_code, stored)) if stored == hash(secret) => Ok(Device {
                office: office.to_owned(),
                device_id,
                counter_code,
            }),
            _ => Err(refused()),
        }
    }
}

/// One session's approved quota as an office sees it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OfficeQuota {
    pub date: NaiveDate,
    pub session: String,
    pub online: i32,
    pub counter: i32,
    pub priority: i32,
    pub online_booked: i32,
    pub opens_at: DateTime<Utc>,
    pub closes_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DatedText {
    pub date: NaiveDate,
    pub text: String,
}

/// An office's calendar between two dates: quota with its split and online consumption, its
/// closures and the national holidays.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OfficeCalendar {
    pub office: String,
    pub counter_code: String,
    pub quota: Vec<OfficeQuota>,
    pub closures: Vec<DatedText>,
    pub holidays: Vec<DatedText>,
}

pub async fn calendar(
    central: &Central,
    device: &Device,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<OfficeCalendar, ApiError> {
    if to < from || (to - from).num_days() > 366 {
        return Err(ApiError::invalid(
            "range.invalid",
            text!(
                "Rentang tanggal tidak valid (paling panjang 366 hari, tanggal akhir tidak sebelum tanggal awal).",
                "The date range is not valid (at most 366 days, the end not before the start)."
            ),
        ));
    }
    let quota: Vec<OfficeQuota> = sqlx::query_as(
        "SELECT day AS date, session, online, counter, priority, online_booked, opens_at, closes_at
         FROM quota WHERE office_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day, session",
    )
    .bind(&device.office)
    .bind(from)
    .bind(to)
    .fetch_all(&central.pool)
    .await?;
    let closures: Vec<(NaiveDate, String)> = sqlx::query_as(
        "SELECT day, reason FROM closures WHERE office_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day",
    )
    .bind(&device.office)
    .bind(from)
    .bind(to)
    .fetch_all(&central.pool)
    .await?;
    let holidays: Vec<(NaiveDate, String)> =
        sqlx::query_as("SELECT day, name FROM holidays WHERE day BETWEEN $1 AND $2 ORDER BY day")
            .bind(from)
            .bind(to)
            .fetch_all(&central.pool)
            .await?;
    let dated = |rows: Vec<(NaiveDate, String)>| {
        rows.into_iter()
            .map(|(date, text)| DatedText { date, text })
            .collect()
    };
    Ok(OfficeCalendar {
        office: device.office.clone(),
        counter_code: device.counter_code.clone(),
        quota,
        closures: dated(closures),
        holidays: dated(holidays),
    })
}
