use chrono::{DateTime, NaiveDate, Utc};
use loket_domain::{
    ApplicantStatus, ApplicationType, Category, Channel, PriorityReason, Relation, SessionKind, Sex,
};

use crate::error::StoreError;
use crate::open::Store;
use crate::tx::Tx;

/// Applicant counts of one session by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionCounts {
    pub booked: i64,
    pub arrived: i64,
    pub no_show: i64,
    pub expected: i64,
}

#[derive(Debug, Clone)]
pub struct NewBooking<'a> {
    pub id: &'a str,
    pub code: &'a str,
    pub office_slug: &'a str,
    pub date: NaiveDate,
    pub session: SessionKind,
    pub channel: Channel,
    pub category: Category,
    pub kk_number: &'a str,
    pub created_utc: DateTime<Utc>,
    /// The signed QR text of the proof.
    pub proof_qr: Option<&'a str>,
    pub kecamatan_code: Option<&'a str>,
    pub address_line: Option<&'a str>,
    pub priority_reason: Option<PriorityReason>,
    pub override_reason: Option<&'a str>,
}

#[derive(Debug, Clone)]
pub struct NewApplicant<'a> {
    pub id: &'a str,
    pub position: u8,
    pub nik: &'a str,
    pub full_name: &'a str,
    pub relation: Relation,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    pub application_type: ApplicationType,
    pub status: ApplicantStatus,
    /// Counter code and number, for applicants who already arrived (the demo's history).
    pub queue: Option<(&'a str, u32)>,
    pub arrived_utc: Option<DateTime<Utc>>,
    pub old_passport: Option<&'a str>,
    pub old_passport_expiry: Option<NaiveDate>,
}

impl Store {
    pub async fn session_counts(
        &self,
        office: &str,
        date: NaiveDate,
        session: SessionKind,
    ) -> Result<SessionCounts, StoreError> {
        Ok(sqlx::query_as(
            "SELECT COUNT(*) AS booked,
                    COALESCE(SUM(a.status = 'arrived'), 0) AS arrived,
                    COALESCE(SUM(a.status = 'no_show'), 0) AS no_show,
                    COALESCE(SUM(a.status = 'expected'), 0) AS expected
             FROM bookings b JOIN applicants a ON a.booking_id = b.id
             WHERE b.office_slug = ? AND b.date = ? AND b.session = ?
               AND b.status = 'active' AND a.status <> 'cancelled'",
        )
        .bind(office)
        .bind(date.to_string())
        .bind(session.as_str())
        .fetch_one(self.pool())
        .await?)
    }

    pub async fn booking_count(&self, office: &str) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM bookings WHERE office_slug = ?")
                .bind(office)
                .fetch_one(self.pool())
                .await?,
        )
    }
}

impl Tx {
    pub async fn insert_booking(
        &mut self,
        b: &NewBooking<'_>,
        applicants: &[NewApplicant<'_>],
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO bookings (id, code, office_slug, date, session, channel, category, kk_number, created_utc,
                                   proof_qr, kecamatan_code, address_line, priority_reason, override_reason)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(b.id)
        .bind(b.code)
        .bind(b.office_slug)
        .bind(b.date.to_string())
        .bind(b.session.as_str())
        .bind(b.channel.as_str())
        .bind(b.category.as_str())
        .bind(b.kk_number)
        .bind(b.created_utc)
        .bind(b.proof_qr)
        .bind(b.kecamatan_code)
        .bind(b.address_line)
        .bind(b.priority_reason.map(PriorityReason::as_str))
        .bind(b.override_reason)
        .execute(self.conn())
        .await?;
        for a in applicants {
            sqlx::query(
                "INSERT INTO applicants (id, booking_id, position, nik, full_name, relation, sex, birth_date,
                                         application_type, status, queue_counter, queue_number, arrived_utc,
                                         old_passport, old_passport_expiry)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(a.id)
            .bind(b.id)
            .bind(i64::from(a.position))
            .bind(a.nik)
            .bind(a.full_name)
            .bind(a.relation.as_str())
            .bind(a.sex.as_str())
            .bind(a.birth_date.to_string())
            .bind(a.application_type.as_str())
            .bind(a.status.as_str())
            .bind(a.queue.map(|(c, _)| c))
            .bind(a.queue.map(|(_, n)| i64::from(n)))
            .bind(a.arrived_utc)
            .bind(a.old_passport)
            .bind(a.old_passport_expiry.map(|d| d.to_string()))
            .execute(self.conn())
            .await?;
        }
        Ok(())
    }

    /// Records a renewal applicant's old passport (number and expiry); false if there is no such
    /// applicant on that booking.
    pub async fn record_old_passport(
        &mut self,
        booking_id: &str,
        applicant_id: &str,
        number: &str,
        expiry: NaiveDate,
    ) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE applicants SET old_passport = ?, old_passport_expiry = ?
             WHERE id = ? AND booking_id = ?",
        )
        .bind(number)
        .bind(expiry.to_string())
        .bind(applicant_id)
        .bind(booking_id)
        .execute(self.conn())
        .await?
        .rows_affected()
            == 1)
    }
}
