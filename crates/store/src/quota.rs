use chrono::NaiveDate;

use crate::error::StoreError;
use crate::open::Store;
use crate::tx::Tx;

/// One session of one date: capacity (None = not provided) and applicants booked in active bookings.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DayRow {
    pub date: String,
    pub session: String,
    pub capacity: Option<i64>,
    pub booked: i64,
    /// When approved capacity opens to the public (RFC 3339, UTC); none for quota set directly.
    pub opens_utc: Option<String>,
    /// The approved split; none for quota set without one.
    pub online: Option<i64>,
    pub counter: Option<i64>,
    pub priority: Option<i64>,
    /// Applicants booked per share: online bookings, regular walk-ins, priority walk-ins.
    pub booked_online: i64,
    pub booked_counter: i64,
    pub booked_priority: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct HolidayRow {
    pub date: String,
    pub kind: String,
    pub name: String,
}

impl Store {
    /// Quota and bookings per date and session in `[from, to]`. Sessions with bookings but no quota
    /// row (possible after a sync) still appear, with `capacity = None`.
    pub async fn quota_between(
        &self,
        office: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<DayRow>, StoreError> {
        quota_rows(self.pool(), office, from, to).await
    }
}

impl Tx {
    /// [`Store::quota_between`] inside the write transaction: room that stays true until commit.
    pub async fn quota_between(
        &mut self,
        office: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<DayRow>, StoreError> {
        quota_rows(self.conn(), office, from, to).await
    }
}

async fn quota_rows<'e, E: sqlx::SqliteExecutor<'e>>(
    executor: E,
    office: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<DayRow>, StoreError> {
    Ok(sqlx::query_as(
            "WITH booked AS (
                 SELECT b.date, b.session, COUNT(a.id) AS n,
                        SUM(b.channel = 'online') AS n_online,
                        SUM(b.channel = 'loket' AND b.category = 'reguler') AS n_counter,
                        SUM(b.channel = 'loket' AND b.category = 'prioritas') AS n_priority
                 FROM bookings b JOIN applicants a ON a.booking_id = b.id
                 WHERE b.office_slug = ?1 AND b.date BETWEEN ?2 AND ?3
                   AND b.status = 'active' AND a.status <> 'cancelled'
                 GROUP BY b.date, b.session)
             SELECT q.date, q.session, q.capacity, COALESCE(bk.n, 0) AS booked, q.opens_utc,
                    q.online, q.counter, q.priority, COALESCE(bk.n_online, 0) AS booked_online,
                    COALESCE(bk.n_counter, 0) AS booked_counter, COALESCE(bk.n_priority, 0) AS booked_priority
             FROM quota q LEFT JOIN booked bk ON bk.date = q.date AND bk.session = q.session
             WHERE q.office_slug = ?1 AND q.date BETWEEN ?2 AND ?3
             UNION ALL
             SELECT bk.date, bk.session, NULL, bk.n, NULL, NULL, NULL, NULL, bk.n_online, bk.n_counter, bk.n_priority
             FROM booked bk
             WHERE NOT EXISTS (SELECT 1 FROM quota q WHERE q.office_slug = ?1 AND q.date = bk.date AND q.session = bk.session)
             ORDER BY 1, 2",
        )
        .bind(office)
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(executor)
        .await?)
}

impl Store {
    pub async fn holidays_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<HolidayRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT date, kind, name FROM holidays WHERE date BETWEEN ? AND ?
             ORDER BY date, CASE kind WHEN 'libur_nasional' THEN 0 ELSE 1 END, name",
        )
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn closures_between(
        &self,
        office: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(String, String)>, StoreError> {
        Ok(sqlx::query_as("SELECT date, reason FROM closures WHERE office_slug = ? AND date BETWEEN ? AND ? ORDER BY date")
            .bind(office)
            .bind(from.to_string())
            .bind(to.to_string())
            .fetch_all(self.pool())
            .await?)
    }
}

impl Tx {
    /// Why the office is closed on `date` (its own closure, or a national holiday), if it is: read
    /// inside the write transaction, so a closure another officer just committed counts.
    pub async fn closed_on(
        &mut self,
        office: &str,
        date: NaiveDate,
    ) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT reason FROM closures WHERE office_slug = ?1 AND date = ?2
             UNION ALL SELECT name FROM holidays WHERE date = ?2 LIMIT 1",
        )
        .bind(office)
        .bind(date.to_string())
        .fetch_optional(self.conn())
        .await?)
    }

    pub async fn upsert_quota(
        &mut self,
        office: &str,
        date: NaiveDate,
        session: loket_domain::SessionKind,
        capacity: u32,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO quota (office_slug, date, session, capacity) VALUES (?, ?, ?, ?)
             ON CONFLICT (office_slug, date, session) DO UPDATE SET capacity = excluded.capacity",
        )
        .bind(office)
        .bind(date.to_string())
        .bind(session.as_str())
        .bind(i64::from(capacity))
        .execute(self.conn())
        .await?;
        Ok(())
    }
}

/// A session's quota as stored, for the audit log's "before".
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct QuotaState {
    pub capacity: i64,
    pub online: Option<i64>,
    pub counter: Option<i64>,
    pub priority: Option<i64>,
    pub opens_utc: Option<String>,
}

impl Tx {
    pub async fn quota_state(
        &mut self,
        office: &str,
        date: &str,
        session: loket_domain::SessionKind,
    ) -> Result<Option<QuotaState>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT capacity, online, counter, priority, opens_utc FROM quota
             WHERE office_slug = ? AND date = ? AND session = ?",
        )
        .bind(office)
        .bind(date)
        .bind(session.as_str())
        .fetch_optional(self.conn())
        .await?)
    }
}
