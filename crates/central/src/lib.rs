//! The reference central service Loket's counter PCs sync with, and the citizens' online booking.
//!
//! The real national system cannot be reached from the project, so this crate is its stand-in: an
//! axum service on PostgreSQL that serves the seeds' booking flow (offices, the coloured month,
//! booking 1–5 applicants of one family card, the signed proof, cancelling until H-2) under `/v1`,
//! and the counter PCs' side: enrolment, their office's calendar, and the sync (`sync`, issue #12).
//!
//! Invariants (see ARCHITECTURE.md):
//! - the rules are `loket-domain`'s, the same the counter applies: NIK checks, family rules, the
//!   30-day freeze, H-2 in the office's zone, the proof's format and signature;
//! - every decision that depends on shared state (seats left, the freeze, an idempotency key) is
//!   made inside the write's transaction, by a conditional statement PostgreSQL serialises;
//! - every table's key starts with the office id (the NIK freeze and the holidays aside), so the
//!   schema can be distributed by office (ADR 0008);
//! - a citizen's NIK or name never reaches a log in full.

pub mod api;
pub mod availability;
pub mod bookings;
pub mod clock;
pub mod config;
pub mod db;
pub mod devices;
pub mod error;
mod idempotency;
pub mod key;
pub mod logging;
pub mod seed;
pub mod sync;
#[cfg(feature = "testing")]
pub mod testing;
pub mod waiting;

use std::sync::Arc;

use loket_domain::{OfficeCatalog, RegionCatalog};
use sqlx::PgPool;

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::ApiError;
pub use key::CentralKey;

/// What every request handler shares: the pool, the reference data, the signing key, the clock.
#[derive(Debug, Clone)]
pub struct Central {
    pub pool: PgPool,
    pub offices: Arc<OfficeCatalog>,
    pub regions: Arc<RegionCatalog>,
    pub key: Arc<CentralKey>,
    pub clock: Arc<dyn Clock>,
    /// Sessions seen sold out, answered "penuh" without a query.
    pub sold_out: Arc<bookings::SoldOut>,
    /// The months citizens look at, kept between requests (never stale about "full").
    pub months: Arc<availability::MonthCache>,
    /// The release rush's waiting room; `None`: booking is open to every request.
    pub room: Option<Arc<waiting::WaitingRoom>>,
    /// Wakes the offices' waiting pulls after a write of theirs commits.
    pub changes: Arc<sync::ChangeFeed>,
}

impl Central {
    /// The service over `pool`, with the embedded offices and regions.
    pub fn new(
        pool: PgPool,
        key: CentralKey,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, loket_domain::reference::ReferenceError> {
        Ok(Self {
            pool,
            offices: Arc::new(OfficeCatalog::embedded()?),
            regions: Arc::new(RegionCatalog::embedded()?),
            key: Arc::new(key),
            clock,
            sold_out: Arc::new(bookings::SoldOut::default()),
            months: Arc::new(availability::MonthCache::default()),
            room: None,
            changes: Arc::new(sync::ChangeFeed::default()),
        })
    }

    /// Puts bookings behind a waiting room admitting `per_second` citizens a second after a first
    /// `burst`, from now on.
    pub fn with_waiting_room(mut self, per_second: f64, burst: u64) -> Self {
        self.room = Some(Arc::new(waiting::WaitingRoom::new(
            per_second,
            burst,
            self.clock.now(),
        )));
        self
    }
}
