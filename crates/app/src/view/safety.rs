//! Views of the PC's safety settings: backups and their restore, and the screen lock.

use loket_domain::Text;
use serde::{Deserialize, Serialize};

use super::ChainCheck;

view! {
    /// One backup file, with its time in the office's zone.
    pub struct BackupItem {
        /// The file name: how the window names it back.
        pub name: String,
        pub taken_date: String,
        /// `HH:MM`, office-local.
        pub taken_time: String,
        pub kib: u32,
    }
}

view! {
    pub struct BackupsView {
        pub folder: String,
        /// Whether the admin chose the folder (otherwise it is `cadangan` beside the database).
        pub chosen: bool,
        /// How many backups the folder keeps.
        pub kept: u32,
        /// Newest first.
        pub files: Vec<BackupItem>,
        /// Why the folder cannot be read, or the last backup failed.
        pub problem: Option<Text>,
    }
}

view! {
    /// What the check of a backup found, shown in the restore dialog before the admin confirms.
    pub struct BackupCheck {
        pub name: String,
        pub taken_date: String,
        pub taken_time: String,
        /// `PRAGMA integrity_check` said ok.
        pub integrity_ok: bool,
        /// The backup is this PC's own database (same device identity).
        pub own_device: bool,
        pub chain: ChainCheck,
        pub entries: u32,
        pub bookings: u32,
        /// Office-local time of its newest entry.
        pub last_entry_local: Option<String>,
        /// Entries this PC recorded after the backup was taken.
        pub entries_missing: u32,
        pub restorable: bool,
        pub message: Text,
    }
}

view! {
    /// How the screen lock behaves on this office's PCs.
    pub struct LockSettings {
        pub idle_minutes: u32,
    }
}
