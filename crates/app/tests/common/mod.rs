//! Shared set-up: an office on a real SQLite file in a temp folder, with a clock the test moves.
#![allow(dead_code, clippy::unwrap_used)] // each test file uses a different part of it

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::{TimeZone, Utc};
use loket_app::{AppError, FixedClock, KeyVault, LoginRequest, Loket, SetupRequest};
use loket_store::Store;

pub mod counter;
pub mod sync;

pub struct Office {
    pub loket: Loket,
    pub clock: Arc<FixedClock>,
    /// The temp folder the office lives in, when the office owns it.
    pub _dir: Option<tempfile::TempDir>,
}

// Monday 23 November 2026, 10:00 WIB.
pub fn monday_morning() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap()
}

pub async fn office_at(at: chrono::DateTime<Utc>) -> Office {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loket.db")).await.unwrap();
    let clock = Arc::new(FixedClock::new(at));
    let loket = Loket::new(
        store,
        clock.clone(),
        Arc::new(loket_app::MemoryKeyVault::default()),
    )
    .unwrap();
    Office {
        loket,
        clock,
        _dir: Some(dir),
    }
}

/// An office on the database in `dir`, a folder the caller keeps, with its keys in files there
/// ([`FileVault`]): for the tests that run a PC in a child process, which opens the same folder.
/// The database is encrypted as the app keeps it, its key made and read as the app does.
pub async fn office_in(dir: &Path, at: chrono::DateTime<Utc>) -> Office {
    let db = dir.join("loket.db");
    let vault = Arc::new(FileVault::in_folder(dir));
    let key = loket_app::database_key(vault.as_ref(), &db).unwrap();
    let store = Store::open_with(&db, Some(&key)).await.unwrap();
    let clock = Arc::new(FixedClock::new(at));
    let loket = Loket::new(store, clock.clone(), vault).unwrap();
    Office {
        loket,
        clock,
        _dir: None,
    }
}

pub fn setup_req(office: &str) -> SetupRequest {
    SetupRequest {
        office_slug: office.into(),
        admin_username: "Admin".into(),
        admin_full_name: "Budi  Santoso".into(),
        admin_password: "kata-sandi-kuat".into(),
        counter_code: "A".into(),
    }
}

pub fn login(username: &str, password: &str) -> LoginRequest {
    LoginRequest {
        username: username.into(),
        password: password.into(),
    }
}

/// The error code a sign-in attempt ends with.
pub async fn login_error(o: &Office, username: &str, password: &str) -> &'static str {
    o.loket
        .login(&login(username, password))
        .await
        .unwrap_err()
        .code()
}

pub async fn set_up(office: &str) -> Office {
    let o = office_at(monday_morning()).await;
    o.loket.complete_setup(&setup_req(office)).await.unwrap();
    o
}

/// The newest outbox entry of one type, read back as the typed operation with its author.
pub async fn last_op(
    o: &Office,
    op_type: loket_domain::OpType,
) -> (loket_domain::Author, loket_domain::Op) {
    let entry = o
        .loket
        .store()
        .outbox_latest(1000)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.op_type == op_type.as_str())
        .unwrap_or_else(|| panic!("no {op_type} entry in the outbox"));
    loket_domain::Op::decode(&entry.op_type, &entry.payload).unwrap()
}

/// The newest entry of one operation, as its typed payload: `crate::last!(&o, WalkInBooked)`.
#[macro_export]
macro_rules! last {
    ($o:expr, $variant:ident) => {{
        let (by, op) = common::last_op($o, loket_domain::OpType::$variant).await;
        match op {
            loket_domain::Op::$variant(payload) => (by, payload),
            other => panic!("{other:?}"),
        }
    }};
}

/// A key store in files, so a PC's parent and child processes share its secrets (the OS key
/// store would too; this keeps the test off the developer's keyring).
#[derive(Debug)]
pub struct FileVault(PathBuf, Mutex<()>);

impl FileVault {
    pub fn in_folder(dir: &Path) -> Self {
        Self(dir.to_owned(), Mutex::new(()))
    }
}

impl KeyVault for FileVault {
    fn load(&self, name: &str) -> Result<Option<Vec<u8>>, AppError> {
        let _g = self.1.lock().unwrap();
        let p = self.0.join(name.replace(':', "_"));
        Ok(std::fs::read(p).ok())
    }

    fn store(&self, name: &str, secret: &[u8]) -> Result<(), AppError> {
        let _g = self.1.lock().unwrap();
        std::fs::write(self.0.join(name.replace(':', "_")), secret)
            .map_err(|e| AppError::Internal(e.to_string()))
    }
}
