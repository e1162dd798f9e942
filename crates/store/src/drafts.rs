//! Forms in progress, one per kind and officer, overwritten on every change.

use chrono::{DateTime, Utc};

use crate::error::StoreError;
use crate::open::Store;

impl Store {
    /// Saves a draft outside any outbox transaction: a draft is this PC's scratch paper, not a change
    /// to sync. One statement, so a crash leaves either the old or the new draft.
    pub async fn save_draft(
        &self,
        kind: &str,
        username: &str,
        body: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO drafts (kind, username, body, updated_utc) VALUES (?, ?, ?, ?)
             ON CONFLICT (kind, username) DO UPDATE SET body = excluded.body, updated_utc = excluded.updated_utc",
        )
        .bind(kind)
        .bind(username)
        .bind(body)
        .bind(at)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The draft's body and when it was last saved (RFC 3339, UTC).
    pub async fn draft(
        &self,
        kind: &str,
        username: &str,
    ) -> Result<Option<(String, String)>, StoreError> {
        Ok(
            sqlx::query_as("SELECT body, updated_utc FROM drafts WHERE kind = ? AND username = ?")
                .bind(kind)
                .bind(username)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    pub async fn discard_draft(&self, kind: &str, username: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM drafts WHERE kind = ? AND username = ?")
            .bind(kind)
            .bind(username)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

impl crate::tx::Tx {
    /// Drops a draft in the same transaction that saved what it became.
    pub async fn discard_draft(&mut self, kind: &str, username: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM drafts WHERE kind = ? AND username = ?")
            .bind(kind)
            .bind(username)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}
