//! Two settings of the PC's safety: where its backups go, and how soon an idle screen locks.

use crate::error::StoreError;
use crate::open::Store;
use crate::tx::Tx;

impl Store {
    /// The folder the admin chose for backups; `None` for the default beside the database.
    pub async fn backup_dir(&self) -> Result<Option<String>, StoreError> {
        Ok(
            sqlx::query_scalar::<_, Option<String>>("SELECT backup_dir FROM device WHERE id = 1")
                .fetch_optional(self.pool())
                .await?
                .flatten(),
        )
    }

    /// A per-PC choice (a USB disk plugged into this PC), not synced.
    pub async fn set_backup_dir(&self, dir: Option<&str>) -> Result<(), StoreError> {
        sqlx::query("UPDATE device SET backup_dir = ? WHERE id = 1")
            .bind(dir)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Minutes an idle screen waits before it locks (5 until the office head changes it).
    pub async fn lock_idle_minutes(&self, office: &str) -> Result<u32, StoreError> {
        let m: Option<i64> = sqlx::query_scalar(
            "SELECT lock_idle_minutes FROM office_settings WHERE office_slug = ?",
        )
        .bind(office)
        .fetch_optional(self.pool())
        .await?;
        Ok(m.and_then(|m| u32::try_from(m).ok()).unwrap_or(5))
    }
}

impl Tx {
    pub async fn set_lock_idle_minutes(
        &mut self,
        office: &str,
        minutes: u32,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE office_settings SET lock_idle_minutes = ? WHERE office_slug = ?")
            .bind(i64::from(minutes))
            .bind(office)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}
