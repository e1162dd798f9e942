//! Public keys trusted to sign booking proofs, and this PC's camera choice.

use chrono::{DateTime, Utc};
use loket_domain::KeyOrigin;

use crate::error::StoreError;
use crate::open::Store;
use crate::tx::Tx;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct KeyRow {
    pub key_id: String,
    pub public_key: Vec<u8>,
    #[sqlx(try_from = "String")]
    pub origin: KeyOrigin,
}

impl Store {
    pub async fn signing_keys(&self) -> Result<Vec<KeyRow>, StoreError> {
        Ok(
            sqlx::query_as("SELECT key_id, public_key, origin FROM signing_keys ORDER BY key_id")
                .fetch_all(self.pool())
                .await?,
        )
    }

    pub async fn camera_index(&self) -> Result<Option<u32>, StoreError> {
        let v: Option<i64> = sqlx::query_scalar("SELECT camera_index FROM device WHERE id = 1")
            .fetch_optional(self.pool())
            .await?
            .flatten();
        Ok(v.and_then(|v| u32::try_from(v).ok()))
    }

    pub async fn set_camera_index(&self, index: Option<u32>) -> Result<(), StoreError> {
        sqlx::query("UPDATE device SET camera_index = ? WHERE id = 1")
            .bind(index.map(i64::from))
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

impl Tx {
    /// Whether exactly this key is trusted under this id already.
    pub async fn is_trusted(
        &mut self,
        key_id: &str,
        public_key: &[u8],
    ) -> Result<bool, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM signing_keys WHERE key_id = ? AND public_key = ?)",
        )
        .bind(key_id)
        .bind(public_key)
        .fetch_one(self.conn())
        .await?)
    }

    /// Trusts a public key; re-adding the same id with the same key is a no-op.
    pub async fn trust_key(
        &mut self,
        key_id: &str,
        public_key: &[u8],
        origin: KeyOrigin,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO signing_keys (key_id, public_key, origin, added_utc) VALUES (?, ?, ?, ?)
             ON CONFLICT (key_id) DO UPDATE SET public_key = excluded.public_key, origin = excluded.origin",
        )
        .bind(key_id)
        .bind(public_key)
        .bind(origin.as_str())
        .bind(at)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    pub async fn set_no_show_grace(
        &mut self,
        office: &str,
        minutes: u32,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE office_settings SET no_show_grace_minutes = ? WHERE office_slug = ?")
            .bind(i64::from(minutes))
            .bind(office)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}
