//! The seats of the office's counter and priority shares this PC holds (lent by the central),
//! what its own walk-ins use of them, and the seats it asks for.
//!
//! The central's word on what is lent (`allotted`) is taken from a pull, except while a return of
//! this PC is still on its way: then the PC's own, lower count stands (see `apply_pull`).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use loket_domain::SessionKind;
use loket_domain::walkin::Share;
use loket_sync::{SeatState, SeatWant};
use sqlx::SqliteConnection;

use crate::error::StoreError;
use crate::open::Store;
use crate::tx::Tx;

/// One share of one session as this PC holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeatHolding {
    pub date: NaiveDate,
    pub session: SessionKind,
    pub share: Share,
    pub allotted: u32,
    pub used: u32,
    pub recall: u32,
}

fn category(share: Share) -> &'static str {
    match share {
        Share::Counter => "reguler",
        Share::Priority => "prioritas",
    }
}

/// Seats lent to this PC and used by its own non-override walk-ins (`counter`; walk-ins booked
/// here before sync existed have no counter and are this PC's).
async fn own(
    conn: &mut SqliteConnection,
    date: NaiveDate,
    session: SessionKind,
    share: Share,
    counter: &str,
) -> Result<(u32, u32), StoreError> {
    let allotted: Option<i64> = sqlx::query_scalar(
        "SELECT allotted FROM seat_allotments WHERE date = ? AND session = ? AND share = ?",
    )
    .bind(date.to_string())
    .bind(session.as_str())
    .bind(share.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    let used: i64 = sqlx::query_scalar(
        "SELECT COUNT(a.id) FROM bookings b JOIN applicants a ON a.booking_id = b.id
         WHERE b.date = ? AND b.session = ? AND b.channel = 'loket' AND b.category = ?
           AND b.status = 'active' AND a.status <> 'cancelled' AND b.override_reason IS NULL
           AND (b.origin_counter IS NULL OR b.origin_counter = ?)",
    )
    .bind(date.to_string())
    .bind(session.as_str())
    .bind(category(share))
    .bind(counter)
    .fetch_one(&mut *conn)
    .await?;
    let n = |v: i64| u32::try_from(v).unwrap_or(0);
    Ok((n(allotted.unwrap_or(0)), n(used)))
}

impl Tx {
    /// `(allotted, used)` for one share of one session, read under the write lock.
    pub async fn own_seats(
        &mut self,
        date: NaiveDate,
        session: SessionKind,
        share: Share,
        counter: &str,
    ) -> Result<(u32, u32), StoreError> {
        own(self.conn(), date, session, share, counter).await
    }

    /// Gives `seats` back (the return itself is an outbox entry the caller records in the same
    /// transaction) and forgets the recall it answers.
    pub async fn give_back_seats(
        &mut self,
        date: NaiveDate,
        session: SessionKind,
        share: Share,
        seats: u32,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE seat_allotments SET allotted = MAX(allotted - ?, 0), recall = 0
             WHERE date = ? AND session = ? AND share = ?",
        )
        .bind(i64::from(seats))
        .bind(date.to_string())
        .bind(session.as_str())
        .bind(share.as_str())
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// The ask for this session and share is answered (the walk-in is booked).
    pub async fn drop_seat_want(
        &mut self,
        date: NaiveDate,
        session: SessionKind,
        share: Share,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM seat_wants WHERE date = ? AND session = ? AND share = ?")
            .bind(date.to_string())
            .bind(session.as_str())
            .bind(share.as_str())
            .execute(self.conn())
            .await?;
        Ok(())
    }
}

impl Store {
    /// `(allotted, used)` outside a write (the walk-in form's estimate).
    pub async fn own_seats(
        &self,
        date: NaiveDate,
        session: SessionKind,
        share: Share,
        counter: &str,
    ) -> Result<(u32, u32), StoreError> {
        let mut conn = self.pool().acquire().await?;
        own(&mut conn, date, session, share, counter).await
    }

    /// Asks for `seats` free seats (sent with the next pull).
    pub async fn want_seats(&self, want: &SeatWant, at: DateTime<Utc>) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO seat_wants (date, session, share, seats, asked_utc) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (date, session, share) DO UPDATE SET seats = excluded.seats,
                 asked_utc = excluded.asked_utc",
        )
        .bind(want.date.to_string())
        .bind(want.session.as_str())
        .bind(want.share.as_str())
        .bind(i64::from(want.seats.clamp(1, 5)))
        .bind(at.to_rfc3339())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The asks to send with a pull; asks older than `max_age` or for a past date are dropped
    /// (the family was served another way, or left).
    pub async fn seat_wants(
        &self,
        now: DateTime<Utc>,
        today: NaiveDate,
        max_age: Duration,
    ) -> Result<Vec<SeatWant>, StoreError> {
        sqlx::query("DELETE FROM seat_wants WHERE asked_utc < ? OR date < ?")
            .bind((now - max_age).to_rfc3339())
            .bind(today.to_string())
            .execute(self.pool())
            .await?;
        let rows: Vec<(String, String, String, i64)> =
            sqlx::query_as("SELECT date, session, share, seats FROM seat_wants ORDER BY 1, 2, 3")
                .fetch_all(self.pool())
                .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(d, s, sh, n)| {
                Some(SeatWant {
                    date: NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()?,
                    session: SessionKind::try_from(s.as_str()).ok()?,
                    share: Share::try_from(sh.as_str()).ok()?,
                    seats: u32::try_from(n).ok()?,
                })
            })
            .collect())
    }

    /// Every holding from `from` on, with what this PC's walk-ins use of it.
    pub async fn seat_holdings(
        &self,
        from: NaiveDate,
        counter: &str,
    ) -> Result<Vec<SeatHolding>, StoreError> {
        let rows: Vec<(String, String, String, i64, i64)> = sqlx::query_as(
            "SELECT date, session, share, allotted, recall FROM seat_allotments
             WHERE date >= ? ORDER BY date, session, share",
        )
        .bind(from.to_string())
        .fetch_all(self.pool())
        .await?;
        let mut conn = self.pool().acquire().await?;
        let mut out = Vec::with_capacity(rows.len());
        for (d, s, sh, allotted, recall) in rows {
            let (Ok(date), Ok(session), Ok(share)) = (
                NaiveDate::parse_from_str(&d, "%Y-%m-%d"),
                SessionKind::try_from(s.as_str()),
                Share::try_from(sh.as_str()),
            ) else {
                continue;
            };
            let (_, used) = own(&mut conn, date, session, share, counter).await?;
            out.push(SeatHolding {
                date,
                session,
                share,
                allotted: u32::try_from(allotted).unwrap_or(0),
                used,
                recall: u32::try_from(recall).unwrap_or(0),
            });
        }
        Ok(out)
    }
}

/// A holding as the central says it is now.
pub(crate) async fn pulled(conn: &mut SqliteConnection, s: &SeatState) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO seat_allotments (date, session, share, allotted, recall) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (date, session, share) DO UPDATE SET allotted = excluded.allotted,
             recall = excluded.recall",
    )
    .bind(s.date.to_string())
    .bind(s.session.as_str())
    .bind(s.share.as_str())
    .bind(i64::from(s.allotted))
    .bind(i64::from(s.recall))
    .execute(&mut *conn)
    .await?;
    Ok(())
}
