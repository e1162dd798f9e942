use loket_app::AppError;
use loket_domain::{Bilingual, Text};
use serde::Serialize;

/// The one error type the UI ever receives: a stable `code` and the message in both languages; the
/// window shows the one its language asks for.
#[derive(Debug, Clone, Serialize, specta::Type, thiserror::Error)]
#[error("{code}: {message}")]
pub struct IpcError {
    pub code: String,
    pub message: Text,
}

impl IpcError {
    pub fn new(code: &str, message: impl Bilingual) -> Self {
        Self {
            code: code.to_owned(),
            message: message.text(),
        }
    }

    /// A failure of the machinery (a thread that panicked, a folder the OS does not give), with
    /// its technical detail for IT.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        Self::from(AppError::Internal(detail.to_string()))
    }
}

impl From<AppError> for IpcError {
    fn from(e: AppError) -> Self {
        if matches!(e, AppError::Storage(_) | AppError::Internal(_)) {
            tracing::error!(code = e.code(), error = %e, "command failed");
        }
        Self::new(e.code(), e)
    }
}

pub type IpcResult<T> = Result<T, IpcError>;
