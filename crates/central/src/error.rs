//! Every refusal the service answers with: an HTTP status, a stable `code` and the sentence in
//! Bahasa Indonesia (`message`) and English (`messageEn`), as JSON.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use loket_domain::{Bilingual, Text, text};

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: Text,
}

/// The JSON body of every error: the protocol crate's, which the PCs parse.
pub use loket_sync::ErrorBody;

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Bilingual) -> Self {
        Self {
            status,
            code,
            message: message.text(),
        }
    }

    /// Input that breaks a rule (422): a wrong NIK, six applicants, a date in the past.
    pub fn invalid(code: &'static str, message: impl Bilingual) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }

    /// A request the current state refuses (409): a full session, a frozen NIK, a second cancel.
    pub fn conflict(code: &'static str, message: impl Bilingual) -> Self {
        Self::new(StatusCode::CONFLICT, code, message)
    }

    pub fn not_found(code: &'static str, message: impl Bilingual) -> Self {
        Self::new(StatusCode::NOT_FOUND, code, message)
    }

    /// The database is out of reach or out of connections: say so at once (503) rather than queue.
    pub fn busy() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            text!(
                "Layanan sedang sibuk. Coba lagi sebentar lagi; data Anda tidak berubah.",
                "The service is busy. Try again in a moment; nothing was changed."
            ),
        )
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            code: self.code.to_owned(),
            message: self.message.id.clone(),
            message_en: self.message.en.clone(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {}", self.code, self.status, self.message.id)
    }
}

impl std::error::Error for ApiError {}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                tracing::warn!(error = %e, "database unavailable");
                Self::busy()
            }
            e => {
                tracing::error!(error = %e, "database error");
                Self::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    text!(
                        "Terjadi kesalahan pada layanan. Data Anda tidak berubah.",
                        "The service failed. Nothing was changed."
                    ),
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
