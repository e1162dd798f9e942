use chrono::{DateTime, NaiveDateTime, Utc};
use sqlx::{Sqlite, SqliteConnection, SqlitePool, Transaction};
use uuid::Uuid;

use crate::error::StoreError;
use crate::outbox::OutboxRecord;

/// One user change: table writes plus exactly the outbox entries that describe them, committed together.
#[derive(Debug)]
pub struct Tx {
    inner: Transaction<'static, Sqlite>,
}

impl Tx {
    pub(crate) async fn begin(pool: &SqlitePool) -> Result<Self, StoreError> {
        // BEGIN IMMEDIATE: take the write lock now, so the sequence number read below cannot race
        // another writer and the outbox stays gap-free.
        let inner = pool.begin_with("BEGIN IMMEDIATE").await?;
        Ok(Self { inner })
    }

    pub fn conn(&mut self) -> &mut SqliteConnection {
        &mut self.inner
    }

    /// Appends an operation to the outbox with the device's next sequence number.
    pub async fn record(
        &mut self,
        actor: &str,
        at_utc: DateTime<Utc>,
        at_local: NaiveDateTime,
        op_type: &str,
        payload: &serde_json::Value,
    ) -> Result<OutboxRecord, StoreError> {
        let (device_id, seq): (String, i64) =
            sqlx::query_as("UPDATE device SET next_seq = next_seq + 1 WHERE id = 1 RETURNING device_id, next_seq - 1")
                .fetch_optional(self.conn())
                .await?
                .ok_or_else(|| StoreError::corrupt("baris perangkat (device) tidak ada"))?;
        let prev_hash = crate::chain::last_hash(self.conn()).await?;
        let record = OutboxRecord {
            seq,
            id: Uuid::now_v7(),
            device_id,
            actor: actor.to_owned(),
            occurred_utc: at_utc,
            occurred_local: at_local,
            op_type: op_type.to_owned(),
        };
        let hashed = crate::chain::Hashed {
            seq: record.seq,
            id: record.id.to_string(),
            device_id: record.device_id.clone(),
            actor: record.actor.clone(),
            occurred_utc: record.occurred_utc.to_rfc3339(),
            occurred_local: record
                .occurred_local
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string(),
            op_type: record.op_type.clone(),
            payload: payload.to_string(),
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
        Ok(record)
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        self.inner.commit().await?;
        Ok(())
    }
}
