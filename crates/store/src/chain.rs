//! The outbox as a tamper-evident chain: every entry stores the SHA-256 of its own fields and of
//! the entry before it. Editing a payload, an actor or a time, or deleting a row, breaks the chain
//! at that row, and [`Store::verify_chain`] points at the first one.

use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use crate::error::StoreError;
use crate::open::Store;

/// The `prev_hash` of the very first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields an entry's hash covers, in a fixed order.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct Hashed {
    pub seq: i64,
    pub id: String,
    pub device_id: String,
    pub actor: String,
    pub occurred_utc: String,
    pub occurred_local: String,
    pub op_type: String,
    pub payload: String,
}

impl Hashed {
    pub fn hash(&self, prev: &str) -> String {
        let mut h = Sha256::new();
        // A separator that cannot appear in the fields keeps "ab"+"c" apart from "a"+"bc".
        for field in [
            prev,
            &self.seq.to_string(),
            &self.id,
            &self.device_id,
            &self.actor,
            &self.occurred_utc,
            &self.occurred_local,
            &self.op_type,
            &self.payload,
        ] {
            h.update(field.as_bytes());
            h.update([0x1f]);
        }
        hex::encode(h.finalize())
    }
}

/// Where the chain first breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenEntry {
    pub seq: i64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub entries: i64,
    pub first_broken: Option<BrokenEntry>,
}

const SELECT: &str =
    "SELECT seq, id, device_id, actor, occurred_utc, occurred_local, op_type, payload FROM outbox";

pub(crate) async fn last_hash(conn: &mut SqliteConnection) -> Result<String, StoreError> {
    let last: Option<Option<String>> =
        sqlx::query_scalar("SELECT hash FROM outbox ORDER BY seq DESC LIMIT 1")
            .fetch_optional(conn)
            .await?;
    Ok(last.flatten().unwrap_or_else(|| GENESIS.to_owned()))
}

/// Chains rows written before the chain existed (migration 2), in sequence order.
pub(crate) async fn backfill(store: &Store) -> Result<(), StoreError> {
    let mut tx = store.pool().begin().await?;
    let unchained: Vec<Hashed> =
        sqlx::query_as(&format!("{SELECT} WHERE hash IS NULL ORDER BY seq"))
            .fetch_all(&mut *tx)
            .await?;
    if unchained.is_empty() {
        return Ok(());
    }
    let mut prev: String = sqlx::query_scalar::<_, Option<String>>(
        "SELECT hash FROM outbox WHERE hash IS NOT NULL AND seq < ? ORDER BY seq DESC LIMIT 1",
    )
    .bind(unchained[0].seq)
    .fetch_optional(&mut *tx)
    .await?
    .flatten()
    .unwrap_or_else(|| GENESIS.to_owned());
    for row in &unchained {
        let hash = row.hash(&prev);
        sqlx::query("UPDATE outbox SET prev_hash = ?, hash = ? WHERE seq = ?")
            .bind(&prev)
            .bind(&hash)
            .bind(row.seq)
            .execute(&mut *tx)
            .await?;
        prev = hash;
    }
    tx.commit().await?;
    Ok(())
}

impl Store {
    /// Walks the whole outbox and reports the first entry whose hash, link or sequence is wrong.
    pub async fn verify_chain(&self) -> Result<ChainReport, StoreError> {
        let rows: Vec<Chained> = sqlx::query_as(
            "SELECT seq, id, device_id, actor, occurred_utc, occurred_local, op_type, payload, prev_hash, hash
             FROM outbox ORDER BY seq",
        )
        .fetch_all(self.pool())
        .await?;
        let entries = rows.len() as i64;
        let mut prev = GENESIS.to_owned();
        let mut expected_seq: Option<i64> = None;
        for row in &rows {
            let broken = |reason: &str| ChainReport {
                entries,
                first_broken: Some(BrokenEntry {
                    seq: row.fields.seq,
                    reason: reason.to_owned(),
                }),
            };
            if expected_seq.is_some_and(|s| s != row.fields.seq) {
                return Ok(broken(
                    "ada entri sebelum ini yang hilang (nomor urut melompat)",
                ));
            }
            if row.prev_hash.as_deref() != Some(prev.as_str()) {
                return Ok(broken("tautan ke entri sebelumnya tidak cocok"));
            }
            let actual = row.fields.hash(&prev);
            if row.hash.as_deref() != Some(actual.as_str()) {
                return Ok(broken("isi entri telah diubah setelah dicatat"));
            }
            prev = actual;
            expected_seq = Some(row.fields.seq + 1);
        }
        Ok(ChainReport {
            entries,
            first_broken: None,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
struct Chained {
    #[sqlx(flatten)]
    fields: Hashed,
    prev_hash: Option<String>,
    hash: Option<String>,
}
