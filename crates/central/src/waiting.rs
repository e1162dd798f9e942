//! The waiting room of the release rush: when quota opens, citizens are admitted to booking at a
//! configured rate, in the order they arrived, instead of all hitting the database at once (the
//! seeds' users found the old app "loading terus" at that moment).
//!
//! A citizen takes a ticket (`POST /v1/queue`): a number in arrival order, signed so it cannot be
//! forged or moved forward. Ticket `n` is admitted once `burst + rate × seconds since start`
//! reaches it; asking again (`GET /v1/queue/{ticket}`) tells the position and the expected wait,
//! and once admitted hands out an admission token valid for ten minutes. With the room switched on,
//! a booking needs that token (`X-Admission`). Nothing here touches PostgreSQL, so holding the
//! crowd costs memory and a little CPU, and the database serves only those admitted.
//!
//! The room lives in the process: one instance of the service per waiting room (several instances
//! would each admit at their rate; ADR 0008).

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use loket_domain::text;
use serde::Serialize;
use sha2::Sha256;

use crate::error::ApiError;

type HmacSha256 = Hmac<Sha256>;

/// How long an admission token lets its citizen book.
pub const ADMISSION_TTL_MINUTES: i64 = 10;

#[derive(Debug)]
pub struct WaitingRoom {
    per_second: f64,
    burst: u64,
    started: DateTime<Utc>,
    next: AtomicU64,
    secret: [u8; 32],
}

/// Where a ticket stands.
#[derive(Debug, Clone, Serialize, PartialEq, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueueStatus {
    /// The signed ticket to ask with again.
    pub ticket: String,
    /// Citizens still ahead (0 once admitted).
    pub ahead: u64,
    /// Expected seconds until admission.
    pub wait_seconds: u64,
    /// Present once admitted: send it as `X-Admission` with the booking.
    pub admission: Option<String>,
}

impl WaitingRoom {
    /// Admits `per_second` citizens a second after a first `burst`, counted from `started`.
    pub fn new(per_second: f64, burst: u64, started: DateTime<Utc>) -> Self {
        let mut secret = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut secret);
        Self {
            per_second: per_second.max(0.001),
            burst,
            started,
            next: AtomicU64::new(1),
            secret,
        }
    }

    fn mac(&self, text: &str) -> String {
        let mut mac = match HmacSha256::new_from_slice(&self.secret) {
            Ok(m) => m,
            Err(_) => return String::new(),
        };
        mac.update(text.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    fn verify(&self, text: &str, tag: &str) -> bool {
        let Ok(tag) = hex::decode(tag) else {
            return false;
        };
        let Ok(mut mac) = HmacSha256::new_from_slice(&self.secret) else {
            return false;
        };
        mac.update(text.as_bytes());
        // Constant-time comparison.
        mac.verify_slice(&tag).is_ok()
    }

    /// The last ticket number admitted at `now`.
    fn admitted_through(&self, now: DateTime<Utc>) -> u64 {
        let seconds = (now - self.started).num_milliseconds().max(0) as f64 / 1000.0;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let flowed = (seconds * self.per_second).floor() as u64;
        self.burst.saturating_add(flowed)
    }

    /// A new ticket at the back of the line.
    pub fn join(&self, now: DateTime<Utc>) -> QueueStatus {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let body = format!("T.{n}");
        let ticket = format!("{body}.{}", self.mac(&body));
        self.status_of(n, ticket, now)
    }

    /// Where `ticket` stands now; a forged or altered ticket is refused.
    pub fn status(&self, ticket: &str, now: DateTime<Utc>) -> Result<QueueStatus, ApiError> {
        let forged = || {
            ApiError::new(
                axum::http::StatusCode::FORBIDDEN,
                "queue.ticket_invalid",
                text!(
                    "Nomor antrean ruang tunggu ini tidak sah. Ambil nomor baru.",
                    "This waiting-room ticket is not valid. Take a new one."
                ),
            )
        };
        let (body, tag) = ticket.rsplit_once('.').ok_or_else(forged)?;
        let n: u64 = body
            .strip_prefix("T.")
            .and_then(|n| n.parse().ok())
            .ok_or_else(forged)?;
        if !self.verify(body, tag) {
            return Err(forged());
        }
        Ok(self.status_of(n, ticket.to_owned(), now))
    }

    fn status_of(&self, n: u64, ticket: String, now: DateTime<Utc>) -> QueueStatus {
        let through = self.admitted_through(now);
        if n <= through {
            let expires = (now + Duration::minutes(ADMISSION_TTL_MINUTES)).timestamp();
            let body = format!("A.{n}.{expires}");
            QueueStatus {
                ticket,
                ahead: 0,
                wait_seconds: 0,
                admission: Some(format!("{body}.{}", self.mac(&body))),
            }
        } else {
            // Tickets between the last one admitted and this one; the next to come in has none.
            let ahead = n - through - 1;
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss
            )]
            let wait = ((ahead + 1) as f64 / self.per_second).ceil() as u64;
            QueueStatus {
                ticket,
                ahead,
                wait_seconds: wait,
                admission: None,
            }
        }
    }

    /// Checks an `X-Admission` token: signed by this room and not expired.
    pub fn admit(&self, token: Option<&str>, now: DateTime<Utc>) -> Result<(), ApiError> {
        let refuse = |code: &'static str| {
            ApiError::new(
                axum::http::StatusCode::FORBIDDEN,
                code,
                text!(
                    "Pemesanan sedang ramai: ambil nomor di ruang tunggu dan pesan setelah giliran Anda tiba.",
                    "Booking is busy: take a number in the waiting room and book once your turn comes."
                ),
            )
        };
        let token = token.ok_or_else(|| refuse("admission.required"))?;
        let (body, tag) = token
            .rsplit_once('.')
            .ok_or_else(|| refuse("admission.invalid"))?;
        let mut parts = body.split('.');
        let (Some("A"), Some(_), Some(expires), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(refuse("admission.invalid"));
        };
        if !self.verify(body, tag) {
            return Err(refuse("admission.invalid"));
        }
        let expires: i64 = expires.parse().map_err(|_| refuse("admission.invalid"))?;
        if now.timestamp() > expires {
            return Err(refuse("admission.expired"));
        }
        Ok(())
    }
}
