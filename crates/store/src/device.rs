use loket_domain::CounterCode;

use crate::error::StoreError;
use crate::open::Store;
use crate::tx::Tx;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeviceRow {
    pub device_id: String,
    pub office_slug: Option<String>,
    pub demo: bool,
    pub next_seq: i64,
    /// This PC's counter within its office (A, B, …).
    #[sqlx(try_from = "String")]
    pub counter_code: CounterCode,
    pub epoch: i64,
}

/// Session hours and working week as stored (`HH:MM`, Monday-first `1111100`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OfficeSettingsRow {
    pub pagi_start: String,
    pub pagi_end: String,
    pub siang_start: String,
    pub siang_end: String,
    pub working_days: String,
}

impl Store {
    pub async fn device(&self) -> Result<DeviceRow, StoreError> {
        sqlx::query_as("SELECT device_id, office_slug, demo, next_seq, counter_code, epoch FROM device WHERE id = 1")
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| StoreError::corrupt("baris perangkat (device) tidak ada"))
    }

    pub async fn office_settings(
        &self,
        office_slug: &str,
    ) -> Result<Option<OfficeSettingsRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT pagi_start, pagi_end, siang_start, siang_end, working_days FROM office_settings WHERE office_slug = ?",
        )
        .bind(office_slug)
        .fetch_optional(self.pool())
        .await?)
    }
}

impl Tx {
    /// Binds this PC to its office (first run). Only succeeds once.
    pub async fn set_office(
        &mut self,
        office_slug: &str,
        demo: bool,
        counter: &CounterCode,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE device SET office_slug = ?, demo = ?, counter_code = ? WHERE id = 1 AND office_slug IS NULL",
        )
        .bind(office_slug)
        .bind(demo)
        .bind(counter.as_str())
        .execute(self.conn())
        .await?
        .rows_affected()
            == 1;
        sqlx::query("INSERT OR IGNORE INTO office_settings (office_slug) VALUES (?)")
            .bind(office_slug)
            .execute(self.conn())
            .await?;
        Ok(done)
    }
}

impl Tx {
    /// Claims the one-time signing of a chain written before heads were signed: true exactly once
    /// per database, at the first start after the upgrade, and only while the head is unsigned.
    pub async fn take_head_adoption(&mut self) -> Result<bool, StoreError> {
        let claimed =
            sqlx::query("UPDATE device SET head_adopted = 1 WHERE id = 1 AND head_adopted = 0")
                .execute(self.conn())
                .await?
                .rows_affected()
                == 1;
        let unsigned: bool =
            sqlx::query_scalar("SELECT head_signature IS NULL FROM device WHERE id = 1")
                .fetch_one(self.conn())
                .await?;
        Ok(claimed && unsigned)
    }

    /// The newest entry of the chain as the head to sign (None for an empty outbox).
    pub async fn chain_tail(&mut self) -> Result<Option<crate::ChainHead>, StoreError> {
        let row: Option<(String, i64, i64, Option<String>)> = sqlx::query_as(
            "SELECT d.device_id, d.epoch, o.seq, o.hash FROM outbox o, device d WHERE d.id = 1
             ORDER BY o.seq DESC LIMIT 1",
        )
        .fetch_optional(self.conn())
        .await?;
        Ok(row.map(|(device_id, epoch, seq, hash)| crate::ChainHead {
            device_id,
            epoch,
            seq,
            hash: hash.unwrap_or_default(),
        }))
    }

    /// Starts a new epoch after a restore: the next entry is numbered after the last one this PC
    /// is known to have written. Returns the new epoch.
    pub async fn start_epoch(&mut self, known_seq: i64) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "UPDATE device SET epoch = epoch + 1, next_seq = MAX(next_seq, ? + 1) WHERE id = 1 RETURNING epoch",
        )
        .bind(known_seq)
        .fetch_one(self.conn())
        .await?)
    }
}

/// An office's release schedule as stored (office-local times `HH:MM`, days Monday = 0).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReleaseRow {
    pub release_kind: String,
    pub release_open_day: i64,
    pub release_open_time: String,
    pub release_close_day: i64,
    pub release_close_time: String,
    pub release_monthly_time: String,
}

impl Store {
    pub async fn release_settings(
        &self,
        office_slug: &str,
    ) -> Result<Option<ReleaseRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT release_kind, release_open_day, release_open_time, release_close_day, release_close_time,
                    release_monthly_time FROM office_settings WHERE office_slug = ?",
        )
        .bind(office_slug)
        .fetch_optional(self.pool())
        .await?)
    }
}

impl Tx {
    pub async fn set_release_settings(
        &mut self,
        office_slug: &str,
        r: &ReleaseRow,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT OR IGNORE INTO office_settings (office_slug) VALUES (?)")
            .bind(office_slug)
            .execute(self.conn())
            .await?;
        sqlx::query(
            "UPDATE office_settings SET release_kind = ?, release_open_day = ?, release_open_time = ?,
                    release_close_day = ?, release_close_time = ?, release_monthly_time = ?
             WHERE office_slug = ?",
        )
        .bind(&r.release_kind)
        .bind(r.release_open_day)
        .bind(&r.release_open_time)
        .bind(r.release_close_day)
        .bind(&r.release_close_time)
        .bind(&r.release_monthly_time)
        .bind(office_slug)
        .execute(self.conn())
        .await?;
        Ok(())
    }
}
