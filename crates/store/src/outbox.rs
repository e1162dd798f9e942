use loket_domain::OpType;
use uuid::Uuid;

use crate::chain::ChainHead;

use crate::error::StoreError;
use crate::open::Store;

/// What [`crate::Tx::record`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRecord {
    pub seq: i64,
    pub id: Uuid,
    pub device_id: String,
    pub op_type: OpType,
    /// The chain's head after this entry, for the app to sign.
    pub head: ChainHead,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxEntry {
    pub seq: i64,
    pub id: String,
    pub device_id: String,
    pub actor: String,
    pub occurred_utc: String,
    pub occurred_local: String,
    pub op_type: String,
    pub payload: String,
}

impl Store {
    /// The newest outbox entries first.
    pub async fn outbox_latest(&self, limit: u32) -> Result<Vec<OutboxEntry>, StoreError> {
        Ok(
            sqlx::query_as("SELECT * FROM outbox ORDER BY seq DESC LIMIT ?")
                .bind(i64::from(limit))
                .fetch_all(self.pool())
                .await?,
        )
    }
}
