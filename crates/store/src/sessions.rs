//! Session lists, search, check-in and no-shows: the counter's day.

use chrono::{DateTime, NaiveDate, Utc};
use loket_domain::{
    ApplicantStatus, ApplicationType, BookingStatus, Category, Channel, CounterCode, Relation,
    SessionKind, Sex,
};

use crate::error::StoreError;
use crate::open::Store;
use crate::tx::Tx;

/// One applicant with their booking, as the lists and the check-in screen show them.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ApplicantRow {
    pub booking_id: String,
    pub code: String,
    pub date: String,
    #[sqlx(try_from = "String")]
    pub session: SessionKind,
    #[sqlx(try_from = "String")]
    pub channel: Channel,
    #[sqlx(try_from = "String")]
    pub category: Category,
    #[sqlx(try_from = "String")]
    pub booking_status: BookingStatus,
    pub kk_number: String,
    pub priority_reason: Option<String>,
    pub cancel_reason: Option<String>,
    pub proof_qr: Option<String>,
    pub created_utc: String,
    pub applicant_id: String,
    pub position: i64,
    pub nik: String,
    pub full_name: String,
    #[sqlx(try_from = "String")]
    pub relation: Relation,
    #[sqlx(try_from = "String")]
    pub sex: Sex,
    pub birth_date: String,
    #[sqlx(try_from = "String")]
    pub application_type: ApplicationType,
    #[sqlx(try_from = "String")]
    pub status: ApplicantStatus,
    pub queue_number: Option<i64>,
    pub queue_counter: Option<String>,
    pub arrived_utc: Option<String>,
    pub old_passport: Option<String>,
    pub old_passport_expiry: Option<String>,
    pub no_show_reversal: Option<String>,
}

const SELECT: &str = "SELECT b.id AS booking_id, b.code, b.date, b.session, b.channel, b.category,
        b.status AS booking_status, b.kk_number, b.priority_reason, b.cancel_reason, b.proof_qr,
        b.created_utc, a.id AS applicant_id, a.position, a.nik, a.full_name, a.relation, a.sex,
        a.birth_date, a.application_type, a.status, a.queue_number, a.queue_counter, a.arrived_utc, a.old_passport,
        a.old_passport_expiry, a.no_show_reversal
    FROM bookings b JOIN applicants a ON a.booking_id = b.id";

/// One booking's applicants, on the pool (a read) or inside a write transaction.
async fn by_code<'e, E: sqlx::SqliteExecutor<'e>>(
    executor: E,
    office: &str,
    code: &str,
) -> Result<Vec<ApplicantRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE b.office_slug = ? AND b.code = ? ORDER BY a.position"
    ))
    .bind(office)
    .bind(code)
    .fetch_all(executor)
    .await?)
}

impl Store {
    /// Every applicant of one date (both sessions), bookings in code order, principal first.
    pub async fn applicants_on(
        &self,
        office: &str,
        date: NaiveDate,
    ) -> Result<Vec<ApplicantRow>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "{SELECT} WHERE b.office_slug = ? AND b.date = ? ORDER BY b.session, b.code, a.position"
        ))
        .bind(office)
        .bind(date.to_string())
        .fetch_all(self.pool())
        .await?)
    }

    /// The applicants of one booking, principal first; empty if the code is unknown.
    pub async fn booking_by_code(
        &self,
        office: &str,
        code: &str,
    ) -> Result<Vec<ApplicantRow>, StoreError> {
        by_code(self.pool(), office, code).await
    }

    /// Bookings on any date matching what an officer typed, newest date first, at most `limit`
    /// bookings: digits are a NIK or code prefix, a code (`261123-P-…`) is a code prefix, words are
    /// name prefixes ("hidayat" finds "Andi Hidayat").
    ///
    /// Each kind runs its own statement on its own index (codes: the UNIQUE index, NIKs:
    /// `applicants_by_nik`, names: the FTS5 table `applicant_names`, newest first), so no query scans every
    /// applicant. The office is checked with a unary `+`: on `office_slug` the planner would
    /// otherwise pick `bookings_by_day` and walk every booking of the office (measured: 150 ms on
    /// 100k bookings instead of under 5).
    pub async fn search_bookings(
        &self,
        office: &str,
        q: &str,
        limit: u32,
    ) -> Result<Vec<ApplicantRow>, StoreError> {
        let q = q.trim();
        let upper = q.to_uppercase();
        let end = format!("{upper}\u{10FFFF}");
        let digits = q.chars().all(|c| c.is_ascii_digit());
        let code_like = q.chars().take(6).all(|c| c.is_ascii_digit()) && q.len() >= 6;
        let hits = if digits {
            "SELECT id FROM bookings WHERE code >= ?2 AND code < ?3
             UNION SELECT booking_id FROM applicants WHERE nik >= ?2 AND nik < ?3"
        } else if code_like {
            "SELECT id FROM bookings WHERE code >= ?2 AND code < ?3"
        } else {
            // The index's rowid starts with the booking date, so FTS5 hands the matches over
            // newest first and stops after enough of them: a booking has at most 5 applicants,
            // so 5 × limit applicants hold at least `limit` bookings. Which bookings of the
            // oldest date shown make the cut follows the order they were entered in.
            "SELECT a.booking_id FROM (
                 SELECT applicant_id FROM applicant_names
                 WHERE applicant_names MATCH ?4 AND office_slug = ?1
                 ORDER BY rowid DESC LIMIT ?5 * 5
             ) n JOIN applicants a ON a.id = n.applicant_id"
        };
        // Every word a quoted prefix term, so punctuation typed by the officer is never FTS syntax.
        let fts: String = q
            .split_whitespace()
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
            })
            .filter(|w| !w.is_empty())
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" ");
        if !digits && !code_like && fts.is_empty() {
            return Ok(Vec::new());
        }
        Ok(sqlx::query_as(&format!(
            "WITH hits AS ({hits}),
             picked AS (
                 SELECT b.id FROM bookings b WHERE b.id IN (SELECT * FROM hits) AND +b.office_slug = ?1
                 ORDER BY b.date DESC, b.code LIMIT ?5
             )
             {SELECT} WHERE b.id IN (SELECT id FROM picked) ORDER BY b.date DESC, b.code, a.position"
        ))
        .bind(office)
        .bind(&upper)
        .bind(&end)
        .bind(&fts)
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?)
    }

    /// When each of these NIKs last had a booking made (used or cancelled), for the 30-day rule.
    pub async fn last_booking_of(&self, nik: &str) -> Result<Option<String>, StoreError> {
        last_booking(self.pool(), nik).await
    }

    pub async fn code_exists(&self, code: &str) -> Result<bool, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM bookings WHERE code = ?)")
                .bind(code)
                .fetch_one(self.pool())
                .await?,
        )
    }

    pub async fn no_show_grace(&self, office: &str) -> Result<u32, StoreError> {
        let m: Option<i64> = sqlx::query_scalar(
            "SELECT no_show_grace_minutes FROM office_settings WHERE office_slug = ?",
        )
        .bind(office)
        .fetch_optional(self.pool())
        .await?;
        Ok(m.and_then(|m| u32::try_from(m).ok()).unwrap_or(60))
    }
}

async fn last_booking<'e, E: sqlx::SqliteExecutor<'e>>(
    executor: E,
    nik: &str,
) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT MAX(b.created_utc) FROM applicants a JOIN bookings b ON b.id = a.booking_id WHERE a.nik = ?",
    )
    .bind(nik)
    .fetch_one(executor)
    .await?)
}

/// One applicant the no-show sweep marked.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct NoShowRow {
    pub applicant_id: String,
    pub booking_id: String,
    pub date: String,
    #[sqlx(try_from = "String")]
    pub session: SessionKind,
}

impl Tx {
    /// [`Store::last_booking_of`] inside the write transaction.
    pub async fn last_booking_of(&mut self, nik: &str) -> Result<Option<String>, StoreError> {
        last_booking(self.conn(), nik).await
    }

    /// The highest number among walk-in codes `{prefix}NN` (0 when there is none yet).
    pub async fn last_walk_in_number(&mut self, prefix: &str) -> Result<u32, StoreError> {
        let n: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(CAST(substr(code, length(?1) + 1) AS INTEGER)) FROM bookings
             WHERE code GLOB ?1 || '[0-9][0-9]'",
        )
        .bind(prefix)
        .fetch_one(self.conn())
        .await?;
        Ok(n.and_then(|n| u32::try_from(n).ok()).unwrap_or(0))
    }

    /// Re-reads a booking inside the write transaction, so check-in decisions see committed state.
    pub async fn booking_by_code(
        &mut self,
        office: &str,
        code: &str,
    ) -> Result<Vec<ApplicantRow>, StoreError> {
        by_code(self.conn(), office, code).await
    }

    /// The next queue number this counter calls in the session (1 for its first arrival). Each
    /// counter numbers its own arrivals, so two PCs never call the same number (`A-007`, `B-007`).
    pub async fn next_queue_number(
        &mut self,
        office: &str,
        date: &str,
        session: SessionKind,
        counter: &CounterCode,
    ) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            // Numbers handed out to arrivals checked in from a proof alone count too.
            "SELECT COALESCE(MAX(n), 0) + 1 FROM (
                 SELECT a.queue_number AS n FROM applicants a JOIN bookings b ON b.id = a.booking_id
                 WHERE b.office_slug = ?1 AND b.date = ?2 AND b.session = ?3 AND a.queue_counter = ?4
                 UNION ALL
                 SELECT pa.queue_number FROM proof_arrivals pa JOIN proof_bookings pb ON pb.code = pa.code
                 WHERE pb.office_slug = ?1 AND pb.date = ?2 AND pb.session = ?3 AND pa.queue_counter = ?4)",
        )
        .bind(office)
        .bind(date)
        .bind(session.as_str())
        .bind(counter.as_str())
        .fetch_one(self.conn())
        .await?)
    }

    /// Marks an expected applicant arrived with this counter's queue number; false if they were
    /// not expected.
    pub async fn mark_arrived(
        &mut self,
        applicant_id: &str,
        counter: &CounterCode,
        queue: i64,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE applicants SET status = 'arrived', queue_counter = ?, queue_number = ?, arrived_utc = ?
             WHERE id = ? AND status = 'expected'",
        )
        .bind(counter.as_str())
        .bind(queue)
        .bind(at)
        .bind(applicant_id)
        .execute(self.conn())
        .await?
        .rows_affected()
            == 1)
    }

    /// Turns expected applicants of active bookings into no-shows: every date before `today`, and
    /// today's sessions listed in `today_sessions`.
    pub async fn sweep_no_shows(
        &mut self,
        office: &str,
        today: NaiveDate,
        today_sessions: &[SessionKind],
    ) -> Result<Vec<NoShowRow>, StoreError> {
        let pagi = today_sessions.contains(&SessionKind::Pagi);
        let siang = today_sessions.contains(&SessionKind::Siang);
        let due = "SELECT a.id FROM applicants a JOIN bookings b ON b.id = a.booking_id
                   WHERE b.office_slug = ?1 AND b.status = 'active' AND a.status = 'expected'
                     AND (b.date < ?2 OR (b.date = ?2 AND ((b.session = 'pagi' AND ?3) OR (b.session = 'siang' AND ?4))))";
        let counts: Vec<NoShowRow> = sqlx::query_as(&format!(
            "SELECT a.id AS applicant_id, b.id AS booking_id, b.date, b.session FROM applicants a JOIN bookings b ON b.id = a.booking_id
             WHERE a.id IN ({due}) ORDER BY b.date, b.session, b.code, a.position"
        ))
        .bind(office)
        .bind(today.to_string())
        .bind(pagi)
        .bind(siang)
        .fetch_all(self.conn())
        .await?;
        if !counts.is_empty() {
            sqlx::query(&format!(
                "UPDATE applicants SET status = 'no_show' WHERE id IN ({due})"
            ))
            .bind(office)
            .bind(today.to_string())
            .bind(pagi)
            .bind(siang)
            .execute(self.conn())
            .await?;
        }
        Ok(counts)
    }

    /// Reverses a no-show to arrived, keeping the reason; false if the applicant was not a no-show.
    pub async fn reverse_no_show(
        &mut self,
        applicant_id: &str,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE applicants SET status = 'arrived', arrived_utc = ?, no_show_reversal = ?
             WHERE id = ? AND status = 'no_show'",
        )
        .bind(at)
        .bind(reason)
        .bind(applicant_id)
        .execute(self.conn())
        .await?
        .rows_affected()
            == 1)
    }
}
