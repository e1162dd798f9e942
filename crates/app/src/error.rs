use loket_domain::account::AccountError;
use loket_domain::office::OfficeError;
use loket_store::StoreError;

/// Every failure a use case can report. `code()` is stable and machine-readable; `Display` is the
/// Indonesian sentence shown to the officer.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Validation(String),
    #[error("Nama pengguna atau kata sandi salah.{}", remaining_text(*.remaining))]
    InvalidCredentials { remaining: Option<u32> },
    #[error("Akun terkunci karena 5 kali salah kata sandi. Coba lagi pukul {until_local}.")]
    Locked { until_local: String },
    #[error("Akun ini dinonaktifkan. Hubungi admin kantor.")]
    Disabled,
    #[error("Silakan masuk terlebih dahulu.")]
    AuthRequired,
    #[error("Peran Anda ({role}) tidak boleh {action}.")]
    Forbidden {
        role: &'static str,
        action: &'static str,
    },
    #[error("{0} tidak ditemukan.")]
    NotFound(&'static str),
    #[error("{0}")]
    Conflict(String),
    #[error("Pengaturan awal sudah dilakukan untuk PC ini.")]
    SetupDone,
    #[error("PC ini belum diatur: pilih kantor imigrasi terlebih dahulu.")]
    SetupRequired,
    /// A refusal with its own code, so the window can react to it (offer the next session, say).
    #[error("{message}")]
    Rejected { code: &'static str, message: String },
    #[error(
        "Penyimpanan kunci sistem (Secret Service / Credential Manager) tidak dapat dipakai: {0}. Bukti walk-in tidak dapat ditandatangani; hubungi admin TI."
    )]
    KeyStore(String),
    #[error(transparent)]
    Storage(StoreError),
    #[error("Terjadi kesalahan internal: {0}")]
    Internal(String),
}

fn remaining_text(remaining: Option<u32>) -> String {
    match remaining {
        Some(n) if n > 0 => format!(" Sisa percobaan sebelum akun terkunci: {n}."),
        _ => String::new(),
    }
}

impl AppError {
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Validation(_) => "validation",
            AppError::InvalidCredentials { .. } => "auth.invalid_credentials",
            AppError::Locked { .. } => "auth.locked",
            AppError::Disabled => "auth.disabled",
            AppError::AuthRequired => "auth.required",
            AppError::Forbidden { .. } => "forbidden",
            AppError::NotFound(_) => "not_found",
            AppError::Conflict(_) => "conflict",
            AppError::SetupDone => "setup.already_done",
            AppError::SetupRequired => "setup.required",
            AppError::Rejected { code, .. } => code,
            AppError::KeyStore(_) => "keystore",
            AppError::Storage(_) => "storage",
            AppError::Internal(_) => "internal",
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::DuplicateUsername => AppError::Conflict(e.to_string()),
            e => AppError::Storage(e),
        }
    }
}

impl From<AccountError> for AppError {
    fn from(e: AccountError) -> Self {
        AppError::Validation(e.to_string())
    }
}

impl From<OfficeError> for AppError {
    fn from(e: OfficeError) -> Self {
        AppError::Validation(e.to_string())
    }
}

impl AppError {
    pub(crate) fn rejected(code: &'static str, message: impl std::fmt::Display) -> Self {
        AppError::Rejected {
            code,
            message: message.to_string(),
        }
    }
}
