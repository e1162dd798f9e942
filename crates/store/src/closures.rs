use chrono::NaiveDate;

use crate::error::StoreError;
use crate::open::Store;
use crate::tx::Tx;

/// An active booking on a date the office is about to close.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AffectedBooking {
    pub id: String,
    pub code: String,
    pub session: String,
    pub channel: String,
    pub applicants: i64,
}

const ACTIVE_ON: &str = "SELECT b.id, b.code, b.session, b.channel, COUNT(a.id) AS applicants
     FROM bookings b JOIN applicants a ON a.booking_id = b.id
     WHERE b.office_slug = ? AND b.date = ? AND b.status = 'active'
     GROUP BY b.id ORDER BY b.session, b.code";

impl Store {
    /// What a closure of `date` would cancel: a preview; the closure itself reads inside its
    /// transaction ([`Tx::cancel_bookings_on`]).
    pub async fn active_bookings_on(
        &self,
        office: &str,
        date: NaiveDate,
    ) -> Result<Vec<AffectedBooking>, StoreError> {
        Ok(sqlx::query_as(ACTIVE_ON)
            .bind(office)
            .bind(date.to_string())
            .fetch_all(self.pool())
            .await?)
    }
}

impl Tx {
    pub async fn insert_closure(
        &mut self,
        office: &str,
        date: NaiveDate,
        reason: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO closures (office_slug, date, reason) VALUES (?, ?, ?)")
            .bind(office)
            .bind(date.to_string())
            .bind(reason)
            .execute(self.conn())
            .await
            .map_err(StoreError::unique)?;
        Ok(())
    }

    pub async fn insert_holiday(
        &mut self,
        date: NaiveDate,
        kind: &str,
        name: &str,
        decree: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO holidays (date, kind, name, decree) VALUES (?, ?, ?, ?)")
            .bind(date.to_string())
            .bind(kind)
            .bind(name)
            .bind(decree)
            .execute(self.conn())
            .await
            .map_err(StoreError::unique)?;
        Ok(())
    }

    /// Returns whether a holiday of that date and name existed.
    pub async fn delete_holiday(
        &mut self,
        date: NaiveDate,
        name: &str,
    ) -> Result<bool, StoreError> {
        Ok(
            sqlx::query("DELETE FROM holidays WHERE date = ? AND name = ?")
                .bind(date.to_string())
                .bind(name)
                .execute(self.conn())
                .await?
                .rows_affected()
                == 1,
        )
    }

    /// Cancels every active booking of the office on `date` on the office's initiative and returns
    /// them. Read and written under the same write lock, so no booking slips in between.
    pub async fn cancel_bookings_on(
        &mut self,
        office: &str,
        date: NaiveDate,
        by: &str,
        reason: &str,
    ) -> Result<Vec<AffectedBooking>, StoreError> {
        let affected: Vec<AffectedBooking> = sqlx::query_as(ACTIVE_ON)
            .bind(office)
            .bind(date.to_string())
            .fetch_all(self.conn())
            .await?;
        for b in &affected {
            self.cancel_booking(&b.id, by, reason).await?;
        }
        Ok(affected)
    }

    /// Cancels a booking and its applicants who have not arrived; `by` is the officer who did it.
    pub async fn cancel_booking(
        &mut self,
        booking_id: &str,
        by: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE bookings SET status = 'cancelled', cancelled_by = ?, cancel_reason = ? WHERE id = ?")
            .bind(by)
            .bind(reason)
            .bind(booking_id)
            .execute(self.conn())
            .await?;
        sqlx::query("UPDATE applicants SET status = 'cancelled' WHERE booking_id = ? AND status = 'expected'")
            .bind(booking_id)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}

/// A booking the office cancelled, with its principal applicant, for the list the office calls.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CancelledBooking {
    pub code: String,
    pub date: String,
    pub session: String,
    pub channel: String,
    pub applicants: i64,
    pub principal: String,
    pub reason: String,
}

impl Store {
    pub async fn cancelled_by_office_on(
        &self,
        office: &str,
        date: NaiveDate,
    ) -> Result<Vec<CancelledBooking>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT b.code, b.date, b.session, b.channel, COUNT(a.id) AS applicants,
                    MAX(CASE WHEN a.position = 1 THEN a.full_name END) AS principal,
                    COALESCE(b.cancel_reason, '') AS reason
             FROM bookings b JOIN applicants a ON a.booking_id = b.id
             WHERE b.office_slug = ? AND b.date = ? AND b.status = 'cancelled' AND b.cancelled_by IS NOT NULL
             GROUP BY b.id ORDER BY b.session, b.code",
        )
        .bind(office)
        .bind(date.to_string())
        .fetch_all(self.pool())
        .await?)
    }
}
