//! Pushing this PC's outbox to the central service.
//!
//! The outbox is read after the last entry the central acknowledged and sent in batches, each
//! entry exactly as stored. The central's answer (every entry's outcome and how far it has
//! stored) is written in one transaction; a lost answer is harmless, because the next push sends
//! the same entries and the central replays the outcomes it stored the first time.

use loket_store::{ChainedEntry, ReceivedOutcome};
use loket_sync::{Entry, MAX_BATCH, Outcome, PROTOCOL, PushRequest, SyncClient};

use crate::error::AppError;
use crate::loket::Loket;

/// What one [`Loket::push_outbox`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PushSummary {
    /// Entries the central stored for the first time or confirmed in this call.
    pub sent: usize,
    /// Of those, entries the central refused as a business matter (shown as "Perlu perhatian").
    pub refused: usize,
    /// The last entry the central holds.
    pub acked_seq: i64,
}

/// An outbox entry as the protocol sends it: every field as stored.
pub fn wire_entry(e: ChainedEntry) -> Entry {
    Entry {
        seq: e.seq,
        id: e.id,
        device_id: e.device_id,
        actor: e.actor,
        occurred_utc: e.occurred_utc,
        occurred_local: e.occurred_local,
        op_type: e.op_type,
        payload: e.payload,
        prev_hash: e.prev_hash,
        hash: e.hash,
    }
}

impl Loket {
    /// Sends every entry the central has not acknowledged, batch after batch, until the outbox
    /// is drained. Stops at the first failure with everything not acknowledged still waiting.
    pub async fn push_outbox(&self, client: &SyncClient) -> Result<PushSummary, AppError> {
        let mut summary = PushSummary {
            sent: 0,
            refused: 0,
            acked_seq: self
                .store
                .push_state()
                .await
                .map_err(AppError::Storage)?
                .acked_seq,
        };
        loop {
            let batch = self
                .store
                .unpushed(u32::try_from(MAX_BATCH).unwrap_or(200))
                .await
                .map_err(AppError::Storage)?;
            let Some(last) = batch.last().map(|e| e.seq) else {
                return Ok(summary);
            };
            let req = PushRequest {
                protocol: PROTOCOL,
                entries: batch.into_iter().map(wire_entry).collect(),
            };
            let res = match client.push(&req).await {
                Err(e) if e.is("sync.gap") => {
                    self.catch_up_restored(client).await?;
                    continue;
                }
                r => r.map_err(AppError::Sync)?,
            };
            let outcomes: Vec<ReceivedOutcome> = res
                .results
                .iter()
                .map(|r| ReceivedOutcome {
                    seq: r.seq,
                    refused: r.outcome == Outcome::Refused,
                    reason_code: r.code.clone(),
                    message: r.message.clone(),
                })
                .collect();
            self.store
                .record_push(
                    res.acked_through,
                    &outcomes,
                    res.server_time,
                    self.clock.now(),
                )
                .await
                .map_err(AppError::Storage)?;
            summary.sent += outcomes.len();
            summary.refused += outcomes.iter().filter(|o| o.refused).count();
            summary.acked_seq = res.acked_through;
            if res.acked_through < last {
                // The central stored less than was sent (it never should): stop rather than loop.
                return Err(AppError::Internal(format!(
                    "pusat hanya menyimpan sampai no. {}, dikirim sampai no. {last}",
                    res.acked_through
                )));
            }
        }
    }

    /// The central expects an entry this PC had already sent: it was restored from a copy older
    /// than what it acknowledged. Asks it how far it holds (an empty push answers that), sends
    /// again from there (every entry is still in the outbox), takes a fresh copy of the office at
    /// the next pull, and tells the officers. Anything else behind a gap is a real gap: refused.
    async fn catch_up_restored(&self, client: &SyncClient) -> Result<(), AppError> {
        let probe = PushRequest {
            protocol: PROTOCOL,
            entries: Vec::new(),
        };
        let holds = client
            .push(&probe)
            .await
            .map_err(AppError::Sync)?
            .acked_through;
        let acked = self.store.push_state().await?.acked_seq;
        if holds >= acked {
            return Err(AppError::Sync(loket_sync::SyncError::Refused {
                status: 409,
                code: "sync.gap".into(),
                message: loket_domain::text!(
                    "Pusat meminta entri yang tidak berurutan dengan yang dikirim PC ini. Sinkron dihentikan, tidak ada yang dilewati; hubungi admin TI kantor.",
                    "The central asks for entries out of order with what this PC sent. Sync is stopped and nothing is skipped; call the office's IT admin."
                ),
            }));
        }
        tracing::warn!(
            central = holds,
            here = acked,
            "the central holds fewer entries than it acknowledged (restored from a copy): sending them again"
        );
        self.store
            .central_restored(holds, acked, self.clock.now())
            .await?;
        Ok(())
    }
}
