use chrono::{DateTime, NaiveDateTime, Utc};
use loket_domain::{Author, Op};
use sqlx::{Sqlite, SqliteConnection, SqlitePool, Transaction};
use uuid::Uuid;

use crate::chain::{ChainHead, HeadFile};
use crate::error::StoreError;
use crate::outbox::OutboxRecord;

/// One user change: table writes plus exactly the outbox entries that describe them, committed together.
#[derive(Debug)]
pub struct Tx {
    inner: Transaction<'static, Sqlite>,
    head_file: HeadFile,
    /// The newest entry this transaction appended, for the head file after commit.
    appended: Option<ChainHead>,
    written: std::sync::Arc<tokio::sync::Notify>,
}

impl Tx {
    pub(crate) async fn begin(
        pool: &SqlitePool,
        head_file: HeadFile,
        written: std::sync::Arc<tokio::sync::Notify>,
    ) -> Result<Self, StoreError> {
        // BEGIN IMMEDIATE: take the write lock now, so everything read inside the transaction
        // (room left in a session, the next sequence number) stays true until it commits.
        let inner = pool.begin_with("BEGIN IMMEDIATE").await?;
        Ok(Self {
            inner,
            head_file,
            appended: None,
            written,
        })
    }

    pub(crate) fn conn(&mut self) -> &mut SqliteConnection {
        &mut self.inner
    }

    /// Appends an operation to the outbox with the device's next sequence number, chained to the
    /// entry before it. The caller signs the new head ([`Tx::sign_head`]) before committing.
    pub async fn record(
        &mut self,
        by: &Author,
        at_utc: DateTime<Utc>,
        at_local: NaiveDateTime,
        op: &Op,
    ) -> Result<OutboxRecord, StoreError> {
        let (device_id, seq, epoch): (String, i64, i64) = sqlx::query_as(
            "UPDATE device SET next_seq = next_seq + 1 WHERE id = 1 RETURNING device_id, next_seq - 1, epoch",
        )
        .fetch_optional(self.conn())
        .await?
        .ok_or_else(|| StoreError::corrupt("baris perangkat (device) tidak ada"))?;
        let prev_hash = crate::chain::last_hash(self.conn()).await?;
        let (op_type, payload) = op.encode(by);
        let hashed = crate::chain::Hashed {
            seq,
            id: Uuid::now_v7().to_string(),
            device_id,
            actor: by.name.clone(),
            occurred_utc: at_utc.to_rfc3339(),
            occurred_local: at_local.format("%Y-%m-%dT%H:%M:%S").to_string(),
            op_type: op_type.as_str().to_owned(),
            payload,
        };
        let hash = hashed.hash(&prev_hash);
        sqlx::query(
            "INSERT INTO outbox (seq, id, device_id, actor, occurred_utc, occurred_local, op_type, payload, prev_hash, hash)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(hashed.seq)
        .bind(&hashed.id)
        .bind(&hashed.device_id)
        .bind(&hashed.actor)
        .bind(&hashed.occurred_utc)
        .bind(&hashed.occurred_local)
        .bind(&hashed.op_type)
        .bind(&hashed.payload)
        .bind(&prev_hash)
        .bind(&hash)
        .execute(self.conn())
        .await?;
        let head = ChainHead {
            device_id: hashed.device_id.clone(),
            epoch,
            seq,
            hash: hash.clone(),
        };
        self.appended = Some(head.clone());
        Ok(OutboxRecord {
            seq,
            id: Uuid::parse_str(&hashed.id).map_err(StoreError::corrupt)?,
            device_id: hashed.device_id,
            op_type,
            head,
        })
    }

    /// Stores the signature of the chain's new head (made with this PC's key, which the store
    /// never sees) next to it.
    pub async fn sign_head(
        &mut self,
        head: &ChainHead,
        key_id: &str,
        signature: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE device SET head_seq = ?, head_hash = ?, head_key_id = ?, head_signature = ? WHERE id = 1",
        )
        .bind(head.seq)
        .bind(&head.hash)
        .bind(key_id)
        .bind(signature)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        self.inner.commit().await?;
        // After the commit: the head file remembers how far this PC has written, so a database
        // restored from an older copy is recognised on the next start (see `Store::open`).
        if let Some(head) = &self.appended {
            self.head_file.write(head);
            self.written.notify_one();
        }
        Ok(())
    }
}
