//! What the sync needs of the outbox: the entries the central has not acknowledged, exactly as
//! stored, and where the central's acknowledgements stand.

use chrono::{DateTime, Utc};

use crate::error::StoreError;
use crate::open::Store;
use crate::tx::Tx;

impl Tx {
    /// Records the central this PC enrolled with, in the enrolment's transaction.
    pub async fn set_central(&mut self, url: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        sqlx::query("UPDATE sync_state SET central_url = ?, enrolled_utc = ? WHERE id = 1")
            .bind(url)
            .bind(at.to_rfc3339())
            .execute(self.conn())
            .await?;
        Ok(())
    }
}

/// An outbox entry with its chain link, as pushed: every field as stored, nothing re-encoded.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ChainedEntry {
    pub seq: i64,
    pub id: String,
    pub device_id: String,
    pub actor: String,
    pub occurred_utc: String,
    pub occurred_local: String,
    pub op_type: String,
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The central's verdict on one entry, as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedOutcome {
    pub seq: i64,
    /// `applied` or `refused`.
    pub refused: bool,
    pub reason_code: Option<String>,
    pub message: Option<loket_domain::Text>,
}

/// Where the push stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushState {
    /// The central this PC is enrolled with.
    pub central_url: Option<String>,
    pub acked_seq: i64,
    /// Entries written and not yet acknowledged.
    pub waiting: i64,
    pub last_push: Option<DateTime<Utc>>,
    pub last_server: Option<DateTime<Utc>>,
}

impl Store {
    /// Up to `limit` entries after the last one the central acknowledged, in sequence order.
    pub async fn unpushed(&self, limit: u32) -> Result<Vec<ChainedEntry>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT seq, id, device_id, actor, occurred_utc, occurred_local, op_type, payload,
                    COALESCE(prev_hash, '') AS prev_hash, COALESCE(hash, '') AS hash
             FROM outbox WHERE seq > (SELECT acked_seq FROM sync_state WHERE id = 1)
             ORDER BY seq LIMIT ?",
        )
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?)
    }

    /// Records a push's answer in one transaction: each outcome once (a replayed answer changes
    /// nothing), and the acknowledged number only ever forward.
    pub async fn record_push(
        &self,
        acked_through: i64,
        outcomes: &[ReceivedOutcome],
        server_time: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        let received = now.to_rfc3339();
        for o in outcomes {
            sqlx::query(
                "INSERT OR IGNORE INTO sync_outcomes
                     (seq, outcome, reason_code, message_id, message_en, received_utc)
                 VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(o.seq)
            .bind(if o.refused { "refused" } else { "applied" })
            .bind(&o.reason_code)
            .bind(o.message.as_ref().map(|m| m.id.as_str()))
            .bind(o.message.as_ref().map(|m| m.en.as_str()))
            .bind(&received)
            .execute(&mut *tx)
            .await?;
            if o.refused {
                // Shown here at once; the central raises the same item (same key) for the
                // office's other PCs.
                sqlx::query(
                    "INSERT OR IGNORE INTO sync_conflicts (conflict_key, kind, booking_code,
                         counter_code, message_id, message_en, raised_utc)
                     SELECT device_id || ':' || seq, 'refused', json_extract(payload, '$.code'),
                            (SELECT counter_code FROM device WHERE id = 1), ?, ?, ?
                     FROM outbox WHERE seq = ?",
                )
                .bind(o.message.as_ref().map_or("", |m| m.id.as_str()))
                .bind(o.message.as_ref().map_or("", |m| m.en.as_str()))
                .bind(&received)
                .bind(o.seq)
                .execute(&mut *tx)
                .await?;
            }
        }
        sqlx::query(
            "UPDATE sync_state SET acked_seq = max(acked_seq, ?), last_push_utc = ?,
                 last_server_utc = ? WHERE id = 1",
        )
        .bind(acked_through)
        .bind(&received)
        .bind(server_time.to_rfc3339())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The central this PC is enrolled with, if any.
    /// The central was restored from a copy that holds entries up to `holds` only, though it
    /// had acknowledged `acked`: the entries after `holds` are sent again (the outbox keeps
    /// them), the next pull takes a fresh copy of the office, and the officers are told.
    pub async fn central_restored(
        &self,
        holds: i64,
        acked: i64,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "UPDATE sync_state SET acked_seq = ?, pull_cursor = NULL WHERE id = 1 AND acked_seq = ?",
        )
        .bind(holds)
        .bind(acked)
        .execute(&mut *tx)
        .await?;
        let n = acked - holds;
        sqlx::query(
            "INSERT OR IGNORE INTO sync_conflicts (conflict_key, kind, booking_code, counter_code,
                 message_id, message_en, raised_utc)
             SELECT 'central_restored:' || ?, 'central_restored', NULL, counter_code, ?, ?, ?
             FROM device WHERE id = 1",
        )
        .bind(at.to_rfc3339())
        .bind(format!(
            "Layanan pusat dipulihkan dari salinan yang lebih lama: {n} entri PC ini (no. {} sampai {acked}) dikirim ulang. Tidak ada yang hilang dari PC ini.",
            holds + 1
        ))
        .bind(format!(
            "The central service was restored from an older copy: {n} entries of this PC (no. {} to {acked}) are sent again. Nothing of this PC is lost.",
            holds + 1
        ))
        .bind(at.to_rfc3339())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn central_url(&self) -> Result<Option<String>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT central_url FROM sync_state WHERE id = 1")
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// How many "Perlu perhatian" items no officer has acknowledged yet (the header's count).
    pub async fn attention_count(&self) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar(
                "SELECT count(*) FROM sync_conflicts WHERE acknowledged_utc IS NULL",
            )
            .fetch_one(self.pool())
            .await?,
        )
    }

    pub async fn push_state(&self) -> Result<PushState, StoreError> {
        let (central_url, acked_seq, last_push, last_server): (
            Option<String>,
            i64,
            Option<String>,
            Option<String>,
        ) = sqlx::query_as(
            "SELECT central_url, acked_seq, last_push_utc, last_server_utc FROM sync_state
             WHERE id = 1",
        )
        .fetch_one(self.pool())
        .await?;
        let waiting: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox WHERE seq > ?")
            .bind(acked_seq)
            .fetch_one(self.pool())
            .await?;
        let parse = |s: Option<String>| {
            s.and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
                .map(|t| t.with_timezone(&Utc))
        };
        Ok(PushState {
            central_url,
            acked_seq,
            waiting,
            last_push: parse(last_push),
            last_server: parse(last_server),
        })
    }
}
