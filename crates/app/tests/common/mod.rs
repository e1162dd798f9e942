//! Shared set-up: an office on a real SQLite file in a temp folder, with a clock the test moves.
#![allow(dead_code, clippy::unwrap_used)] // each test file uses a different part of it

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use loket_app::{FixedClock, LoginRequest, Loket, SetupRequest};
use loket_store::Store;

pub mod counter;
pub mod sync;

pub struct Office {
    pub loket: Loket,
    pub clock: Arc<FixedClock>,
    pub _dir: tempfile::TempDir,
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
        _dir: dir,
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
