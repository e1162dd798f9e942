//! The background sync: pushes the outbox as soon as an entry is committed, keeps a pull open at
//! the central so its changes (an online booking, another counter's walk-in) arrive within a
//! second, backs off while the central cannot be reached, and stops (and says why) when the
//! central refuses the chain itself, since pushing again would only be refused again.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use loket_domain::{Bilingual, Text, text};
use loket_sync::SyncError;
use serde::Serialize;
use tokio::sync::Notify;

use crate::error::AppError;
use crate::loket::Loket;

/// How often a PC that is not enrolled looks again.
pub const IDLE: Duration = Duration::from_secs(5);
/// How long a pull is held open at the central waiting for a change.
pub const LONG_POLL_MS: u32 = loket_sync::MAX_WAIT_MS;
/// The longest wait between two tries while the central cannot be reached: an outage of hours
/// costs a PC one small request every 15 seconds, and the link is back on the screen within 15
/// seconds of the network's return (a minute felt broken at a counter).
pub const MAX_BACKOFF: Duration = Duration::from_secs(15);

/// The link to the central as the header shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Link {
    /// Not enrolled (a demo PC, or before the admin connects it).
    Alone,
    /// The last push reached the central.
    Online,
    /// The central could not be reached; entries wait on this PC.
    Offline,
    /// The central refused the chain or this PC: sync waits for IT.
    Stopped,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LinkState {
    pub link: Link,
    /// Why it is offline or stopped, in both languages.
    pub problem: Option<Text>,
}

/// A running sync loop: its state, and a way to make it push now.
#[derive(Debug, Clone)]
pub struct SyncWorker {
    state: Arc<Mutex<LinkState>>,
    wake: Arc<Notify>,
}

impl Default for SyncWorker {
    fn default() -> Self {
        Self {
            state: Arc::new(Mutex::new(LinkState {
                link: Link::Alone,
                problem: None,
            })),
            wake: Arc::new(Notify::new()),
        }
    }
}

impl SyncWorker {
    /// Starts the loop on the current tokio runtime; it runs as long as the runtime does.
    pub fn spawn(loket: Loket) -> Self {
        let worker = Self::default();
        tokio::spawn(worker.clone().run(loket));
        worker
    }

    pub fn state(&self) -> LinkState {
        self.state.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Push now (after enrolment, or when the officer asks).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    fn set(&self, link: Link, problem: Option<Text>) {
        *self.state.lock().unwrap_or_else(|p| p.into_inner()) = LinkState { link, problem };
    }

    /// The loop itself, for a caller that spawns it on its own runtime (the app's).
    pub async fn run(self, loket: Loket) {
        let written = loket.store.written();
        let mut backoff = Duration::from_secs(2);
        loop {
            let wait = match self.once(&loket).await {
                // The pull already waited (long poll) or was cut short by a new local entry.
                Ok(true) => {
                    backoff = Duration::from_secs(2);
                    Duration::ZERO
                }
                Ok(false) => IDLE,
                Err(Link::Stopped) => MAX_BACKOFF,
                Err(_) => {
                    let w = backoff;
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                    w
                }
            };
            if wait.is_zero() {
                continue;
            }
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                () = self.wake.notified() => {}
                () = written.notified() => {}
            }
        }
    }

    /// One round: push what waits, then pull (holding the pull open for a while when there was
    /// nothing to push). `Ok(true)` while enrolled, `Ok(false)` not enrolled.
    async fn once(&self, loket: &Loket) -> Result<bool, Link> {
        let client = match loket.sync_client().await {
            Ok(Some(c)) => c,
            Ok(None) => {
                self.set(Link::Alone, None);
                return Ok(false);
            }
            Err(e) => {
                self.set(Link::Stopped, Some(e.text()));
                return Err(Link::Stopped);
            }
        };
        let pushed = match loket.push_outbox(&client).await {
            Ok(done) => done,
            Err(e) => return Err(self.failed(e)),
        };
        if pushed.sent > 0 {
            tracing::info!(
                sent = pushed.sent,
                refused = pushed.refused,
                acked = pushed.acked_seq,
                "outbox pushed"
            );
        }
        let wait = if pushed.sent == 0 { LONG_POLL_MS } else { 0 };
        let written = loket.store.written();
        // A new local entry cuts the long poll short so it is pushed at once; an interrupted
        // pull applies nothing (its transaction never commits) and is simply asked again.
        let pulled = tokio::select! {
            r = loket.pull_changes(&client, wait) => Some(r),
            // The next round starts at once and pushes it (a ring left by an entry this round
            // already pushed only costs one more round).
            () = written.notified() => None,
            () = self.wake.notified() => None,
        };
        match pulled {
            Some(Ok(p)) if p.applied.changed() => {
                tracing::info!(
                    new = p.applied.new_bookings,
                    merged = p.applied.merged_bookings,
                    other = p.applied.other,
                    "changes pulled"
                );
            }
            Some(Err(e)) => return Err(self.failed(e)),
            _ => {}
        }
        self.set(Link::Online, None);
        Ok(true)
    }

    fn failed(&self, e: AppError) -> Link {
        match e {
            AppError::Sync(e @ SyncError::Unreachable(_)) => {
                self.set(Link::Offline, Some(e.text()));
                Link::Offline
            }
            AppError::Sync(e @ SyncError::Refused { status, .. }) if status != 503 => {
                tracing::error!(error = %e.en(), "the central refused this PC; sync stopped");
                self.set(Link::Stopped, Some(stopped(&e)));
                Link::Stopped
            }
            e => {
                self.set(Link::Offline, Some(e.text()));
                Link::Offline
            }
        }
    }
}

fn stopped(e: &SyncError) -> Text {
    let (id, en) = (e.to_string(), e.en());
    text!(
        "Sinkron dihentikan: {id} Semua entri tetap tersimpan di PC ini.",
        "Sync is stopped: {en} Every entry stays on this PC."
    )
}
