//! Online bookings this PC knows only from their central-signed proof (scanned while it had not
//! pulled them yet), and the arrivals checked in from it until the booking itself arrives.

use chrono::{DateTime, NaiveDate, Utc};
use loket_domain::SessionKind;
use sqlx::SqliteConnection;

use crate::error::StoreError;
use crate::open::Store;
use crate::tx::Tx;

/// What a proof said, with the arrivals recorded from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofBooking {
    pub code: String,
    pub date: NaiveDate,
    pub session: SessionKind,
    pub applicants: u8,
    pub proof_qr: String,
    pub arrivals: Vec<ProofArrivalRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProofArrivalRow {
    pub position: i64,
    pub queue_counter: String,
    pub queue_number: i64,
    pub arrived_utc: String,
}

async fn read(conn: &mut SqliteConnection, code: &str) -> Result<Option<ProofBooking>, StoreError> {
    let row: Option<(String, String, String, i64, String)> = sqlx::query_as(
        "SELECT code, date, session, applicants, proof_qr FROM proof_bookings WHERE code = ?",
    )
    .bind(code)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((code, date, session, applicants, proof_qr)) = row else {
        return Ok(None);
    };
    let arrivals = sqlx::query_as(
        "SELECT position, queue_counter, queue_number, arrived_utc FROM proof_arrivals
         WHERE code = ? ORDER BY position",
    )
    .bind(&code)
    .fetch_all(&mut *conn)
    .await?;
    let (Ok(date), Ok(session), Ok(applicants)) = (
        NaiveDate::parse_from_str(&date, "%Y-%m-%d"),
        SessionKind::try_from(session.as_str()),
        u8::try_from(applicants),
    ) else {
        return Ok(None);
    };
    Ok(Some(ProofBooking {
        code,
        date,
        session,
        applicants,
        proof_qr,
        arrivals,
    }))
}

impl Store {
    /// Keeps what a verified proof says, so the check-in that follows can be recorded against it.
    pub async fn remember_proof(
        &self,
        office: &str,
        claim: &loket_domain::proof::ProofClaim,
        proof_qr: &str,
        at: DateTime<Utc>,
    ) -> Result<ProofBooking, StoreError> {
        sqlx::query(
            "INSERT INTO proof_bookings (code, office_slug, date, session, applicants, proof_qr,
                 scanned_utc) VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (code) DO NOTHING",
        )
        .bind(&claim.code)
        .bind(office)
        .bind(claim.date.to_string())
        .bind(claim.session.as_str())
        .bind(i64::from(claim.applicants))
        .bind(proof_qr)
        .bind(at.to_rfc3339())
        .execute(self.pool())
        .await?;
        let mut conn = self.pool().acquire().await?;
        read(&mut conn, &claim.code)
            .await?
            .ok_or_else(|| StoreError::Corrupt("proof_bookings".into()))
    }
}

impl Tx {
    pub async fn proof_booking(&mut self, code: &str) -> Result<Option<ProofBooking>, StoreError> {
        read(self.conn(), code).await
    }

    /// Records the arrival of the applicant at `position`; false if already recorded.
    pub async fn record_proof_arrival(
        &mut self,
        code: &str,
        position: u8,
        counter: &str,
        number: i64,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "INSERT INTO proof_arrivals (code, position, queue_counter, queue_number, arrived_utc)
             VALUES (?, ?, ?, ?, ?) ON CONFLICT (code, position) DO NOTHING",
        )
        .bind(code)
        .bind(i64::from(position))
        .bind(counter)
        .bind(number)
        .bind(at.to_rfc3339())
        .execute(self.conn())
        .await?
        .rows_affected()
            == 1)
    }
}

/// The pulled booking `code` (id `booking_id`) takes the arrivals recorded from its proof, and the
/// proof's rows go. An applicant the central already knows as arrived keeps the central's.
pub(crate) async fn merge_into(
    conn: &mut SqliteConnection,
    code: &str,
    booking_id: &str,
) -> Result<bool, StoreError> {
    let Some(proof) = read(conn, code).await? else {
        return Ok(false);
    };
    for a in &proof.arrivals {
        sqlx::query(
            "UPDATE applicants SET status = 'arrived', queue_counter = ?, queue_number = ?,
                 arrived_utc = ?
             WHERE booking_id = ? AND position = ? AND status <> 'arrived'",
        )
        .bind(&a.queue_counter)
        .bind(a.queue_number)
        .bind(&a.arrived_utc)
        .bind(booking_id)
        .bind(a.position)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("DELETE FROM proof_arrivals WHERE code = ?")
        .bind(code)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM proof_bookings WHERE code = ?")
        .bind(code)
        .execute(&mut *conn)
        .await?;
    Ok(true)
}
