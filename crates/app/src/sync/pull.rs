//! Pulling what changed at the central into this PC's database.

use loket_store::PullApplied;
use loket_sync::{PROTOCOL, PullRequest, SyncClient};

use crate::error::AppError;
use crate::loket::Loket;

/// Changes asked for per page. A first sync of 6,137 bookings took 2.3 s in pages of 200, 3.4 s
/// in pages of 500 and 2.8 s in pages of 50 (BENCHMARKS.md; measured on that one data set).
pub const PAGE: u32 = 200;

/// What one [`Loket::pull_changes`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PullSummary {
    pub pages: u32,
    pub applied: PullApplied,
    /// Free seats given back because the central recalled them.
    pub seats_given_back: u32,
}

impl Loket {
    /// Pulls page after page until the central says this PC is up to date. The first request
    /// may wait up to `wait_ms` for a change (long poll); the pages after it do not.
    pub async fn pull_changes(
        &self,
        client: &SyncClient,
        wait_ms: u32,
    ) -> Result<PullSummary, AppError> {
        let office = self.office().await?;
        let mut summary = PullSummary::default();
        let mut wait = wait_ms;
        let wants = self.seat_wants().await?;
        loop {
            let cursor = self.store.pull_state().await?.cursor;
            // The central lends before it reads, so seats it can lend at once come in this answer;
            // seats another counter must give back first wake the long poll when they do.
            let req = PullRequest {
                protocol: PROTOCOL,
                cursor,
                limit: PAGE,
                wait_ms: wait,
                wants: wants.clone(),
            };
            let res = match client.pull(&req).await {
                Err(e) if e.is("sync.cursor") => {
                    // A central restored from a copy, or a cursor from another central: start
                    // over with a snapshot (applying it again changes nothing already here).
                    tracing::warn!(
                        "the central does not know this PC's pull cursor; taking a snapshot"
                    );
                    self.store.reset_pull().await?;
                    continue;
                }
                r => r.map_err(AppError::Sync)?,
            };
            let acked = self.store.push_state().await?.acked_seq;
            if res.acked_through < acked {
                // The central was restored from an older copy: the rest is sent again with the
                // next push, and the office is copied afresh (this answer's cursor is of the
                // restored central, not to be mixed with what this PC holds).
                tracing::warn!(
                    central = res.acked_through,
                    here = acked,
                    "the central holds fewer entries than it acknowledged (restored from a copy)"
                );
                self.store
                    .central_restored(res.acked_through, acked, self.clock.now())
                    .await?;
                self.store.written().notify_one();
                continue;
            }
            let applied = self
                .store
                .apply_pull(
                    office.slug.as_str(),
                    &res.changes,
                    &res.cursor,
                    res.server_time,
                    self.clock.now(),
                )
                .await?;
            summary.pages += 1;
            summary.applied.new_bookings += applied.new_bookings;
            summary.applied.merged_bookings += applied.merged_bookings;
            summary.applied.other += applied.other;
            summary.applied.skipped += applied.skipped;
            if res.up_to_date {
                summary.seats_given_back = self.give_back_recalled().await?;
                return Ok(summary);
            }
            wait = 0;
        }
    }
}
