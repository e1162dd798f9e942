//! The outbox as a tamper-evident chain: every entry stores the SHA-256 of its own fields and of
//! the entry before it. Editing a payload, an actor or a time, or deleting a row, breaks the chain
//! at that row, and [`Store::verify_chain`] points at the first one.
//!
//! SHA-256 alone has no secret: whoever holds the file could recompute every hash after an edit.
//! So the head of the chain (device, epoch, last sequence number, last hash) is also signed with
//! this PC's key, which lives in the OS key store and never in the file; the app checks that
//! signature ([`ChainHead::signed_message`]). Deleting the newest entries is caught because the
//! tail must end where the device's next sequence number says. A database restored from an older
//! copy is caught by the head file kept beside it (see [`HeadFile`]) and starts a new epoch.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::error::StoreError;
use crate::open::Store;

/// The `prev_hash` of the very first entry.
pub use loket_domain::chain::GENESIS;

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
    /// The domain's arithmetic, the same the central checks pushed entries with.
    pub fn hash(&self, prev: &str) -> String {
        loket_domain::chain::EntryFields {
            seq: self.seq,
            id: &self.id,
            device_id: &self.device_id,
            actor: &self.actor,
            occurred_utc: &self.occurred_utc,
            occurred_local: &self.occurred_local,
            op_type: &self.op_type,
            payload: &self.payload,
        }
        .hash(prev)
    }
}

/// The newest entry of the chain: what the PC signs and what the head file remembers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHead {
    pub device_id: String,
    pub epoch: i64,
    pub seq: i64,
    pub hash: String,
}

impl ChainHead {
    /// The bytes the PC's key signs: a fixed label and the head's fields, separated.
    pub fn signed_message(&self) -> Vec<u8> {
        loket_domain::chain::head_message(&self.device_id, self.epoch, self.seq, &self.hash)
    }
}

/// The signed head as stored in the device row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedHead {
    pub head: ChainHead,
    pub key_id: String,
    pub signature: String,
}

/// Where the chain first breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenEntry {
    pub seq: i64,
    pub reason: ChainBreak,
}

/// How a chain breaks at an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainBreak {
    /// The sequence numbers jump (an entry before this one was deleted).
    Gap,
    /// The entry's link does not name the previous entry's hash.
    Link,
    /// The entry's content no longer matches its hash.
    Altered,
    /// The newest entries are gone: the device had recorded up to `recorded`, the log ends at
    /// `last`.
    TailMissing { recorded: i64, last: i64 },
}

loket_domain::bilingual!(ChainBreak {
    Self::Gap => ["ada entri sebelum ini yang hilang (nomor urut melompat)"]
        ["an entry before this one is missing (the numbers jump)"],
    Self::Link => ["tautan ke entri sebelumnya tidak cocok"]
        ["the link to the previous entry does not match"],
    Self::Altered => ["isi entri telah diubah setelah dicatat"]
        ["the entry was changed after it was recorded"],
    Self::TailMissing { recorded, last } =>
        ["entri terbaru hilang: perangkat sudah mencatat sampai no. {recorded}, log berakhir di no. {last}"]
        ["the newest entries are missing: the device recorded up to no. {recorded}, the log ends at no. {last}"],
});

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub entries: i64,
    pub first_broken: Option<BrokenEntry>,
    /// The head as the entries give it (None for an empty outbox).
    pub head: Option<ChainHead>,
    /// The head as signed in the device row (None if never signed). The app checks the signature
    /// and that it names the same head.
    pub signed: Option<SignedHead>,
}

/// A small file beside the database that remembers the newest entry this PC committed. It is
/// written after every commit; a database whose chain ends before it was restored from an older
/// copy (a backup, or a file copied back by hand).
#[derive(Debug, Clone)]
pub struct HeadFile {
    path: PathBuf,
}

impl HeadFile {
    pub(crate) fn beside(db: &Path) -> Self {
        let name = db
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| "loket.db".into());
        Self {
            path: db.with_file_name(format!("{name}.kepala-rantai.json")),
        }
    }

    pub(crate) fn read(&self) -> Option<ChainHead> {
        let text = std::fs::read_to_string(&self.path).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Written to a temporary file and renamed over the old one, so a crash leaves either.
    /// Not fsynced: it runs after every commit (every check-in), and a head file that a power cut
    /// left older or empty only makes the check laxer (a restore goes unrecognised), never raises
    /// a false alarm. A failure is logged, not raised: the change itself is committed.
    pub(crate) fn write(&self, head: &ChainHead) {
        let tmp = self.path.with_extension("json.tmp");
        let result = serde_json::to_vec(head)
            .map_err(std::io::Error::other)
            .and_then(|bytes| std::fs::write(&tmp, bytes))
            .and_then(|()| std::fs::rename(&tmp, &self.path));
        if let Err(e) = result {
            tracing::warn!(error = %e, "the chain head file could not be written");
        }
    }
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

/// Chains rows written before the chain existed (migration 2), in sequence order, once: the
/// device row remembers that it was done, so a later edit with its hashes nulled stays broken.
pub(crate) async fn backfill_once(store: &Store) -> Result<(), StoreError> {
    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    let done: Option<bool> = sqlx::query_scalar("SELECT chain_backfilled FROM device WHERE id = 1")
        .fetch_optional(&mut *tx)
        .await?;
    if done != Some(false) {
        return Ok(());
    }
    let unchained: Vec<Hashed> =
        sqlx::query_as(&format!("{SELECT} WHERE hash IS NULL ORDER BY seq"))
            .fetch_all(&mut *tx)
            .await?;
    if let Some(first) = unchained.first() {
        let mut prev: String = sqlx::query_scalar::<_, Option<String>>(
            "SELECT hash FROM outbox WHERE hash IS NOT NULL AND seq < ? ORDER BY seq DESC LIMIT 1",
        )
        .bind(first.seq)
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
    }
    sqlx::query("UPDATE device SET chain_backfilled = 1 WHERE id = 1")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Debug, sqlx::FromRow)]
struct DeviceHead {
    device_id: String,
    epoch: i64,
    next_seq: i64,
    head_seq: Option<i64>,
    head_hash: Option<String>,
    head_key_id: Option<String>,
    head_signature: Option<String>,
}

impl Store {
    /// Walks the whole outbox and reports the first entry whose hash, link or sequence is wrong,
    /// or a tail that ends before the device's next sequence number.
    pub async fn verify_chain(&self) -> Result<ChainReport, StoreError> {
        let rows: Vec<Chained> = sqlx::query_as(
            "SELECT seq, id, device_id, actor, occurred_utc, occurred_local, op_type, payload, prev_hash, hash
             FROM outbox ORDER BY seq",
        )
        .fetch_all(self.pool())
        .await?;
        let device: DeviceHead = sqlx::query_as(
            "SELECT device_id, epoch, next_seq, head_seq, head_hash, head_key_id, head_signature FROM device WHERE id = 1",
        )
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| StoreError::corrupt("baris perangkat (device) tidak ada"))?;
        let entries = rows.len() as i64;
        let signed = match (
            device.head_seq,
            device.head_hash.clone(),
            device.head_key_id.clone(),
            device.head_signature.clone(),
        ) {
            (Some(seq), Some(hash), Some(key_id), Some(signature)) => Some(SignedHead {
                head: ChainHead {
                    device_id: device.device_id.clone(),
                    epoch: device.epoch,
                    seq,
                    hash,
                },
                key_id,
                signature,
            }),
            _ => None,
        };
        let head = rows.last().map(|r| ChainHead {
            device_id: device.device_id.clone(),
            epoch: device.epoch,
            seq: r.fields.seq,
            hash: r.hash.clone().unwrap_or_default(),
        });
        let report = |first_broken: Option<BrokenEntry>| ChainReport {
            entries,
            first_broken,
            head: head.clone(),
            signed: signed.clone(),
        };
        let mut prev = GENESIS.to_owned();
        let mut expected_seq: Option<i64> = None;
        for row in &rows {
            let broken = |reason: ChainBreak| {
                report(Some(BrokenEntry {
                    seq: row.fields.seq,
                    reason,
                }))
            };
            if let Some(expected) = expected_seq.filter(|s| *s != row.fields.seq) {
                // The one allowed jump: a restored copy's new epoch continues after the last
                // entry the PC had written, and says so in its first entry.
                if !epoch_jump(&row.fields, expected - 1) {
                    return Ok(broken(ChainBreak::Gap));
                }
            }
            if row.prev_hash.as_deref() != Some(prev.as_str()) {
                return Ok(broken(ChainBreak::Link));
            }
            let actual = row.fields.hash(&prev);
            if row.hash.as_deref() != Some(actual.as_str()) {
                return Ok(broken(ChainBreak::Altered));
            }
            prev = actual;
            expected_seq = Some(row.fields.seq + 1);
        }
        let last = rows.last().map_or(0, |r| r.fields.seq);
        if device.next_seq != last + 1 {
            return Ok(report(Some(BrokenEntry {
                seq: last + 1,
                reason: ChainBreak::TailMissing {
                    recorded: device.next_seq - 1,
                    last,
                },
            })));
        }
        Ok(report(None))
    }
}

/// Whether `row` opens a new epoch right after `previous_seq`, the last entry of the restored copy.
fn epoch_jump(row: &Hashed, previous_seq: i64) -> bool {
    if row.op_type != loket_domain::OpType::EpochStarted.as_str() {
        return false;
    }
    match loket_domain::Op::decode(&row.op_type, &row.payload) {
        Ok((_, loket_domain::Op::EpochStarted(e))) => {
            e.restored_seq == previous_seq && e.known_seq + 1 == row.seq
        }
        _ => false,
    }
}

#[derive(Debug, sqlx::FromRow)]
struct Chained {
    #[sqlx(flatten)]
    fields: Hashed,
    prev_hash: Option<String>,
    hash: Option<String>,
}
