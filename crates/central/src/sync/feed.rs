//! Waking the long polls of an office when something of it changed.
//!
//! The change log itself is in PostgreSQL (written by triggers); this only says "look again".
//! A write of this process wakes its office's waiting pulls at once, after its commit. A write
//! of another process (a second instance, a script) is seen by the waiters' own look every
//! [`RECHECK`], so nothing depends on a wake-up arriving. No `NOTIFY`: it serialises every
//! committing transaction on one lock, which a release rush cannot afford.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;

/// How often a waiting pull looks at the log without being woken.
pub const RECHECK: Duration = Duration::from_secs(1);

#[derive(Debug, Default)]
pub struct ChangeFeed {
    offices: Mutex<HashMap<String, Arc<Notify>>>,
}

impl ChangeFeed {
    /// The office's bell: wait on `notified()` (enabled before looking at the log, so a change
    /// committed between the look and the wait is not missed).
    pub fn bell(&self, office: &str) -> Arc<Notify> {
        let mut map = self.offices.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(office.to_owned()).or_default().clone()
    }

    /// Something of `office` was committed.
    pub fn ring(&self, office: &str) {
        let bell = {
            let map = self.offices.lock().unwrap_or_else(|p| p.into_inner());
            map.get(office).cloned()
        };
        if let Some(b) = bell {
            b.notify_waiters();
        }
    }
}
