use loket_app::AppError;
use serde::Serialize;

/// The one error type the UI ever receives: a stable `code` and a message in Bahasa Indonesia.
#[derive(Debug, Clone, Serialize, specta::Type, thiserror::Error)]
#[error("{code}: {message}")]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl IpcError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

impl From<AppError> for IpcError {
    fn from(e: AppError) -> Self {
        if matches!(e, AppError::Storage(_) | AppError::Internal(_)) {
            tracing::error!(code = e.code(), error = %e, "command failed");
        }
        Self::new(e.code(), e.to_string())
    }
}

pub type IpcResult<T> = Result<T, IpcError>;
