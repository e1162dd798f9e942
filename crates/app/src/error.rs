use loket_domain::account::AccountError;
use loket_domain::office::OfficeError;
use loket_domain::{Bilingual, Role, Text};
use loket_store::StoreError;

/// What a refused action was, in both languages ("menyetujui kuota", "approve quota"), for
/// [`AppError::Forbidden`].
pub type Action = (&'static str, &'static str);

/// Every failure a use case can report. `code()` is stable and machine-readable; `Display` is the
/// Indonesian sentence shown to the officer and [`Bilingual::en`] the English one, both written in
/// the one table below (or carried as a [`Text`] built where the failure is found).
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    Validation(Text),
    InvalidCredentials {
        remaining: Option<u32>,
    },
    Locked {
        until_local: String,
    },
    Disabled,
    AuthRequired,
    Forbidden {
        role: Role,
        action: Action,
    },
    NotFound(Missing),
    Conflict(Text),
    SetupDone,
    SetupRequired,
    /// A refusal with its own code, so the window can react to it (offer the next session, say).
    Rejected {
        code: &'static str,
        message: Text,
    },
    /// The key store's own words (untranslated) on why it failed.
    KeyStore(String),
    Storage(#[source] StoreError),
    /// The central service could not be reached, refused, or answered what this PC cannot read.
    Sync(loket_sync::SyncError),
    /// A technical detail for IT, the same in both languages.
    Internal(String),
}

loket_domain::bilingual!(AppError {
    Self::Validation(t) | Self::Conflict(t) | Self::Rejected { message: t, .. } =>
        ["{t}"] ["{}", t.en],
    Self::NotFound(what) => ["{what}"] ["{}", what.en()],
    Self::InvalidCredentials { remaining } =>
        ["Nama pengguna atau kata sandi salah.{}", remaining_text(*remaining).id]
        ["Wrong username or password.{}", remaining_text(*remaining).en],
    Self::Locked { until_local } =>
        ["Akun terkunci karena 5 kali salah kata sandi. Coba lagi pukul {until_local}."]
        ["The account is locked after 5 wrong passwords. Try again at {until_local}."],
    Self::Disabled => ["Akun ini dinonaktifkan. Hubungi admin kantor."]
        ["This account is disabled. Ask the office admin."],
    Self::AuthRequired => ["Silakan masuk terlebih dahulu."] ["Please sign in first."],
    Self::Forbidden { role, action } =>
        ["Peran Anda ({}) tidak boleh {}.", role.label(), action.0]
        ["Your role ({}) may not {}.", role_en(*role), action.1],
    Self::SetupDone => ["Pengaturan awal sudah dilakukan untuk PC ini."]
        ["This PC has already been set up."],
    Self::SetupRequired => ["PC ini belum diatur: pilih kantor imigrasi terlebih dahulu."]
        ["This PC is not set up yet: choose its immigration office first."],
    Self::KeyStore(why) =>
        ["Penyimpanan kunci sistem (Secret Service / Credential Manager) tidak dapat dipakai: {why}. Bukti walk-in tidak dapat ditandatangani; hubungi admin TI."]
        ["The system key store (Secret Service / Credential Manager) cannot be used: {why}. Walk-in proofs cannot be signed; ask the IT admin."],
    Self::Storage(e) => ["{e}"] ["{}", e.en()],
    Self::Sync(e) => ["{e}"] ["{}", e.en()],
    Self::Internal(detail) => ["Terjadi kesalahan internal: {detail}"] ["Internal error: {detail}"],
});

/// What a request named that is not there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Booking,
    Applicant,
    Proposal,
    User,
    Holiday,
    CancelledOnDate,
    Attention,
    Backup,
}

loket_domain::bilingual!(Missing {
    Self::Booking => ["Pemesanan dengan kode itu tidak ditemukan."] ["No booking has that code."],
    Self::Applicant => ["Pemohon pada pemesanan ini tidak ditemukan."]
        ["That applicant is not on this booking."],
    Self::Proposal => ["Usulan kuota tidak ditemukan."] ["The quota proposal was not found."],
    Self::User => ["Pengguna tidak ditemukan."] ["The user was not found."],
    Self::Holiday => ["Hari libur tidak ditemukan."] ["The holiday was not found."],
    Self::CancelledOnDate => ["Pemesanan yang dibatalkan kantor pada tanggal itu tidak ditemukan."]
        ["The office cancelled no bookings on that date."],
    Self::Attention => ["Catatan itu tidak ada atau sudah ditandai dibaca (mungkin di PC lain)."]
        ["That item does not exist or was already marked read (perhaps on another PC)."],
    Self::Backup => ["Cadangan itu tidak ada (lagi) di folder cadangan."]
        ["That backup is not (or no longer) in the backup folder."],
});

fn remaining_text(remaining: Option<u32>) -> Text {
    match remaining {
        Some(n) if n > 0 => loket_domain::text!(
            " Sisa percobaan sebelum akun terkunci: {n}.",
            " Attempts left before the account locks: {n}."
        ),
        _ => Text::same(""),
    }
}

fn role_en(role: Role) -> &'static str {
    match role {
        Role::Petugas => "Counter officer",
        Role::Kepala => "Office head",
        Role::Admin => "Admin",
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
            AppError::Storage(StoreError::DiskFull) => "storage.disk_full",
            AppError::Storage(StoreError::NotWritable(_)) => "storage.not_writable",
            AppError::Storage(StoreError::NewerSchema { .. }) => "storage.newer_version",
            AppError::Storage(_) => "storage",
            AppError::Sync(loket_sync::SyncError::Unreachable(_)) => "sync.unreachable",
            AppError::Sync(loket_sync::SyncError::Refused { .. }) => "sync.refused",
            AppError::Sync(loket_sync::SyncError::Unreadable(_)) => "sync.unreadable",
            AppError::Internal(_) => "internal",
        }
    }

    /// A refusal of the user's input, worded by a value that speaks both languages.
    pub(crate) fn invalid(e: impl Bilingual) -> Self {
        AppError::Validation(e.text())
    }

    pub(crate) fn rejected(code: &'static str, message: impl Bilingual) -> Self {
        AppError::Rejected {
            code,
            message: message.text(),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::DuplicateUsername => AppError::Conflict(e.text()),
            e => AppError::Storage(e),
        }
    }
}

impl From<AccountError> for AppError {
    fn from(e: AccountError) -> Self {
        AppError::invalid(e)
    }
}

impl From<OfficeError> for AppError {
    fn from(e: OfficeError) -> Self {
        AppError::invalid(e)
    }
}
