//! Accounts, roles and the login lockout rule.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Petugas loket: the counter officer.
    Petugas,
    /// Kepala kantor: the office head, who approves quota.
    Kepala,
    Admin,
}

/// What a role may do. Checked in `loket-app` on every use case, not only by hiding buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    ViewOperations,
    ManageUsers,
    ViewAudit,
    /// Propose quota for dates and sessions (counter officers and the office head).
    ProposeQuota,
    /// Approve or reject someone else's proposal (the office head only).
    ApproveQuota,
    /// Close the office on a date (the office head).
    CloseOffice,
    /// Add, move or remove national holidays when a decree is amended (the admin).
    ManageHolidays,
    /// Set when approved quota opens to the public (the office head or the admin).
    ConfigureRelease,
    /// Check applicants in, book walk-ins, cancel at the applicant's request (counter work).
    ServeCounter,
    /// Let a walk-in in over a full share, reverse a no-show (the office head).
    OverrideCounter,
    /// Choose the backup folder, take a backup, restore one (the admin).
    ManageBackups,
    /// Set how long an idle counter screen waits before it locks (the office head or the admin).
    ConfigureLock,
}

impl Role {
    pub fn can(self, permission: Permission) -> bool {
        match permission {
            Permission::ViewOperations => true,
            Permission::ManageUsers => self == Role::Admin,
            Permission::ViewAudit => matches!(self, Role::Admin | Role::Kepala),
            Permission::ProposeQuota => matches!(self, Role::Petugas | Role::Kepala),
            Permission::ApproveQuota | Permission::CloseOffice => self == Role::Kepala,
            Permission::ManageHolidays => self == Role::Admin,
            Permission::ConfigureRelease => matches!(self, Role::Kepala | Role::Admin),
            Permission::ServeCounter => matches!(self, Role::Petugas | Role::Kepala),
            Permission::OverrideCounter => self == Role::Kepala,
            Permission::ManageBackups => self == Role::Admin,
            Permission::ConfigureLock => matches!(self, Role::Kepala | Role::Admin),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Petugas => "petugas",
            Role::Kepala => "kepala",
            Role::Admin => "admin",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Petugas => "Petugas Loket",
            Role::Kepala => "Kepala Kantor",
            Role::Admin => "Admin",
        }
    }
}

impl TryFrom<&str> for Role {
    type Error = AccountError;
    fn try_from(s: &str) -> Result<Self, AccountError> {
        match s {
            "petugas" => Ok(Role::Petugas),
            "kepala" => Ok(Role::Kepala),
            "admin" => Ok(Role::Admin),
            _ => Err(AccountError::UnknownRole(s.to_owned())),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    UsernameEmpty,
    UsernameInvalid,
    PasswordTooShort,
    PasswordTooLong,
    FullNameInvalid,
    NipInvalid,
    UnknownRole(String),
    IdleMinutesOutOfRange(u32),
}

crate::bilingual!(AccountError {
    Self::UsernameEmpty => ["Nama pengguna wajib diisi."] ["The username is required."],
    Self::UsernameInvalid =>
        ["Nama pengguna 3–32 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung."]
        ["A username has 3–32 characters: lower-case letters, digits, dots, underscores or hyphens."],
    Self::PasswordTooShort => ["Kata sandi minimal 10 karakter."]
        ["A password has at least 10 characters."],
    Self::PasswordTooLong => ["Kata sandi maksimal 128 karakter."]
        ["A password has at most 128 characters."],
    Self::FullNameInvalid => ["Nama lengkap wajib diisi (maksimal 100 karakter)."]
        ["The full name is required (at most 100 characters)."],
    Self::NipInvalid => ["NIP harus 18 digit angka."] ["A NIP has 18 digits."],
    Self::UnknownRole(role) => ["Peran '{role}' tidak dikenal."] ["Unknown role '{role}'."],
    Self::IdleMinutesOutOfRange(m) =>
        ["Layar terkunci setelah 1 sampai 60 menit tanpa kegiatan, bukan {m} menit."]
        ["The screen locks after 1 to 60 idle minutes, not {m} minutes."],
});

/// Minutes without a key press or a click before a counter screen locks itself: from 1 (a hall
/// where PCs are never left alone) to 60; 5 by default, as on a government workstation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdleMinutes(u32);

impl IdleMinutes {
    pub const DEFAULT: IdleMinutes = IdleMinutes(5);

    pub fn parse(minutes: u32) -> Result<Self, AccountError> {
        if (1..=60).contains(&minutes) {
            Ok(Self(minutes))
        } else {
            Err(AccountError::IdleMinutesOutOfRange(minutes))
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

/// A login name: lower-case, 3–32 of `a-z 0-9 . _ -`. Typed case is folded so "Budi" and "budi" are one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Username(String);

impl Username {
    pub fn parse(input: &str) -> Result<Self, AccountError> {
        let s = input.trim().to_lowercase();
        if s.is_empty() {
            return Err(AccountError::UsernameEmpty);
        }
        let ok_chars = s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
        if !(3..=32).contains(&s.len()) || !ok_chars {
            return Err(AccountError::UsernameInvalid);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password that meets the policy. Only ever hashed, never stored or logged.
pub struct Password(String);

impl Password {
    pub fn parse(input: &str) -> Result<Self, AccountError> {
        match input.chars().count() {
            n if n < 10 => Err(AccountError::PasswordTooShort),
            n if n > 128 => Err(AccountError::PasswordTooLong),
            _ => Ok(Self(input.to_owned())),
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FullName(String);

impl FullName {
    pub fn parse(input: &str) -> Result<Self, AccountError> {
        let s = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() || s.chars().count() > 100 {
            return Err(AccountError::FullNameInvalid);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Nomor Induk Pegawai: a civil servant's 18-digit number, printed under signatures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Nip(String);

impl Nip {
    pub fn parse(input: &str) -> Result<Self, AccountError> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() != 18 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(AccountError::NipInvalid);
        }
        Ok(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Five failed logins in a row lock the account for five minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoginThrottle {
    pub failed_attempts: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

impl LoginThrottle {
    pub const MAX_ATTEMPTS: u32 = 5;
    pub const LOCK_MINUTES: i64 = 5;

    /// `Some(until)` while the account is locked at `now`.
    pub fn locked_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.locked_until.filter(|until| *until > now)
    }

    pub fn after_failure(self, now: DateTime<Utc>) -> Self {
        // A lock that has run out starts a fresh count.
        let previous = if self.locked_until.is_some_and(|u| u <= now) {
            0
        } else {
            self.failed_attempts
        };
        let failed_attempts = previous + 1;
        if failed_attempts >= Self::MAX_ATTEMPTS {
            Self {
                failed_attempts,
                locked_until: Some(now + Duration::minutes(Self::LOCK_MINUTES)),
            }
        } else {
            Self {
                failed_attempts,
                locked_until: None,
            }
        }
    }

    pub fn after_success(self) -> Self {
        Self::default()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_idle_lock_waits_one_to_sixty_minutes() {
        assert_eq!(IdleMinutes::DEFAULT.get(), 5);
        assert_eq!(IdleMinutes::parse(1).map(IdleMinutes::get), Ok(1));
        assert_eq!(IdleMinutes::parse(60).map(IdleMinutes::get), Ok(60));
        for wrong in [0, 61, 1440] {
            let e = IdleMinutes::parse(wrong).unwrap_err();
            assert!(e.to_string().contains("1 sampai 60 menit"), "{e}");
        }
    }

    use super::*;
    use chrono::TimeZone;

    #[test]
    fn usernames_are_folded_and_checked() {
        assert_eq!(Username::parse("  Budi.S ").unwrap().as_str(), "budi.s");
        assert_eq!(
            Username::parse("").unwrap_err(),
            AccountError::UsernameEmpty
        );
        assert_eq!(
            Username::parse("ab").unwrap_err(),
            AccountError::UsernameInvalid
        );
        assert_eq!(
            Username::parse("budi santoso").unwrap_err(),
            AccountError::UsernameInvalid
        );
    }

    #[test]
    fn password_policy_and_debug_hides_it() {
        assert_eq!(
            Password::parse("pendek").unwrap_err(),
            AccountError::PasswordTooShort
        );
        let p = Password::parse("rahasia-sekali").unwrap();
        assert!(!format!("{p:?}").contains("rahasia"));
    }

    #[test]
    fn nip_is_eighteen_digits() {
        assert!(Nip::parse("198507122010121001").is_ok());
        assert_eq!(
            Nip::parse("19850712201012100").unwrap_err(),
            AccountError::NipInvalid
        );
    }

    #[test]
    fn roles_gate_what_they_should() {
        assert!(Role::Admin.can(Permission::ManageBackups));
        assert!(!Role::Kepala.can(Permission::ManageBackups));
        assert!(Role::Kepala.can(Permission::ConfigureLock));
        assert!(!Role::Petugas.can(Permission::ConfigureLock));
        assert!(Role::Admin.can(Permission::ManageUsers));
        assert!(!Role::Kepala.can(Permission::ManageUsers));
        assert!(!Role::Petugas.can(Permission::ManageUsers));
        assert!(Role::Kepala.can(Permission::ViewAudit));
        assert!(!Role::Petugas.can(Permission::ViewAudit));
        assert!(Role::Petugas.can(Permission::ProposeQuota));
        assert!(!Role::Petugas.can(Permission::ApproveQuota));
        assert!(Role::Kepala.can(Permission::ApproveQuota));
        assert!(!Role::Admin.can(Permission::ApproveQuota));
        assert_eq!(Role::try_from("kepala").unwrap(), Role::Kepala);
    }

    #[test]
    fn five_failures_lock_for_five_minutes_then_count_restarts() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 21, 1, 0, 0).unwrap();
        let mut t = LoginThrottle::default();
        for _ in 0..4 {
            t = t.after_failure(t0);
            assert_eq!(t.locked_at(t0), None);
        }
        t = t.after_failure(t0);
        let until = t0 + Duration::minutes(5);
        assert_eq!(t.locked_at(t0), Some(until));
        assert_eq!(t.locked_at(until - Duration::seconds(1)), Some(until));
        assert_eq!(t.locked_at(until), None);
        let after = t.after_failure(until + Duration::seconds(1));
        assert_eq!(after.failed_attempts, 1);
        assert_eq!(after.locked_until, None);
        assert_eq!(t.after_success(), LoginThrottle::default());
    }
}
