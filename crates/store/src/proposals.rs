use chrono::{DateTime, NaiveDate, Utc};
use loket_domain::{Decision, ProposalStatus, SessionKind};

use crate::error::StoreError;
use crate::open::Store;
use crate::tx::Tx;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProposalRow {
    pub id: String,
    pub office_slug: String,
    pub proposer_id: String,
    #[sqlx(try_from = "String")]
    pub status: ProposalStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProposalDayRow {
    pub date: String,
    #[sqlx(try_from = "String")]
    pub session: SessionKind,
    pub online: i64,
    pub counter: i64,
    pub priority: i64,
    pub include_reason: Option<String>,
    #[sqlx(try_from = "String")]
    pub decision: Decision,
}

/// A proposed session still waiting for a decision, in another proposal.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PendingClash {
    pub proposal_id: String,
    pub date: String,
    #[sqlx(try_from = "String")]
    pub session: SessionKind,
    #[sqlx(try_from = "String")]
    pub status: ProposalStatus,
}

async fn proposal_row<'e, E: sqlx::SqliteExecutor<'e>>(
    executor: E,
    id: &str,
) -> Result<Option<ProposalRow>, StoreError> {
    Ok(
        sqlx::query_as("SELECT id, office_slug, proposer_id, status FROM proposals WHERE id = ?")
            .bind(id)
            .fetch_optional(executor)
            .await?,
    )
}

async fn day_rows<'e, E: sqlx::SqliteExecutor<'e>>(
    executor: E,
    id: &str,
) -> Result<Vec<ProposalDayRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT date, session, online, counter, priority, include_reason, decision
         FROM proposal_days WHERE proposal_id = ? ORDER BY date, session",
    )
    .bind(id)
    .fetch_all(executor)
    .await?)
}

impl Store {
    pub async fn proposal(&self, id: &str) -> Result<Option<ProposalRow>, StoreError> {
        proposal_row(self.pool(), id).await
    }

    pub async fn proposal_days(&self, id: &str) -> Result<Vec<ProposalDayRow>, StoreError> {
        day_rows(self.pool(), id).await
    }
}

impl Tx {
    /// The proposal as it stands inside the write transaction: a decision is taken on this.
    pub async fn proposal(&mut self, id: &str) -> Result<Option<ProposalRow>, StoreError> {
        proposal_row(self.conn(), id).await
    }

    pub async fn proposal_days(&mut self, id: &str) -> Result<Vec<ProposalDayRow>, StoreError> {
        day_rows(self.conn(), id).await
    }
}

impl Store {
    /// Sessions in `[from, to]` that another proposal of the office already covers, undecided.
    pub async fn pending_between(
        &self,
        office: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<PendingClash>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT d.proposal_id, d.date, d.session, p.status FROM proposal_days d JOIN proposals p ON p.id = d.proposal_id
             WHERE p.office_slug = ? AND d.date BETWEEN ? AND ? AND d.decision = 'pending'
             ORDER BY d.date, d.session",
        )
        .bind(office)
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(self.pool())
        .await?)
    }
}

/// One session of a proposal, as written.
#[derive(Debug, Clone, Copy)]
pub struct NewProposalDay<'a> {
    pub date: NaiveDate,
    pub session: SessionKind,
    pub online: u32,
    pub counter: u32,
    pub priority: u32,
    pub include_reason: Option<&'a str>,
}

impl Tx {
    pub async fn insert_proposal(
        &mut self,
        id: &str,
        office: &str,
        proposer_id: &str,
        at: DateTime<Utc>,
        days: &[NewProposalDay<'_>],
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO proposals (id, office_slug, proposer_id, created_utc) VALUES (?, ?, ?, ?)",
        )
        .bind(id)
        .bind(office)
        .bind(proposer_id)
        .bind(at)
        .execute(self.conn())
        .await?;
        self.insert_days(id, days).await
    }

    /// Replaces the sessions of a draft (the officer edited it before sending).
    pub async fn replace_draft_days(
        &mut self,
        id: &str,
        days: &[NewProposalDay<'_>],
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM proposal_days WHERE proposal_id = ?")
            .bind(id)
            .execute(self.conn())
            .await?;
        self.insert_days(id, days).await
    }

    async fn insert_days(
        &mut self,
        id: &str,
        days: &[NewProposalDay<'_>],
    ) -> Result<(), StoreError> {
        for d in days {
            sqlx::query(
                "INSERT INTO proposal_days (proposal_id, date, session, online, counter, priority, include_reason)
                 VALUES (?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(d.date.to_string())
            .bind(d.session.as_str())
            .bind(i64::from(d.online))
            .bind(i64::from(d.counter))
            .bind(i64::from(d.priority))
            .bind(d.include_reason)
            .execute(self.conn())
            .await?;
        }
        Ok(())
    }

    pub async fn set_proposal_status(
        &mut self,
        id: &str,
        status: ProposalStatus,
        at: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE proposals SET status = ?, submitted_utc = COALESCE(?, submitted_utc) WHERE id = ?")
            .bind(status.as_str())
            .bind(at)
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Records the decision on one pending session of a proposal; false if it was no longer
    /// pending (someone decided it first).
    pub async fn decide_proposal_day(
        &mut self,
        id: &str,
        date: &str,
        session: SessionKind,
        d: &DayDecision<'_>,
    ) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE proposal_days SET decision = ?, decided_by = ?, decided_utc = ?, decision_reason = ?
             WHERE proposal_id = ? AND date = ? AND session = ? AND decision = 'pending'",
        )
        .bind(d.decision.as_str())
        .bind(d.by)
        .bind(d.at)
        .bind(d.reason)
        .bind(id)
        .bind(date)
        .bind(session.as_str())
        .execute(self.conn())
        .await?
        .rows_affected()
            == 1)
    }

    /// Approved capacity with its split, opening to the public at `q.opens`.
    pub async fn set_released_quota(
        &mut self,
        office: &str,
        q: &ReleasedQuota<'_>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO quota (office_slug, date, session, capacity, online, counter, priority, opens_utc)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (office_slug, date, session) DO UPDATE SET capacity = excluded.capacity,
               online = excluded.online, counter = excluded.counter, priority = excluded.priority,
               opens_utc = excluded.opens_utc",
        )
        .bind(office)
        .bind(q.date)
        .bind(q.session.as_str())
        .bind(i64::from(q.online + q.counter + q.priority))
        .bind(i64::from(q.online))
        .bind(i64::from(q.counter))
        .bind(i64::from(q.priority))
        .bind(q.opens)
        .execute(self.conn())
        .await?;
        Ok(())
    }
}

/// The office head's decision on one session of a proposal.
#[derive(Debug, Clone, Copy)]
pub struct DayDecision<'a> {
    pub decision: Decision,
    pub by: &'a str,
    pub at: DateTime<Utc>,
    pub reason: Option<&'a str>,
}

/// Capacity released for one date and session.
#[derive(Debug, Clone, Copy)]
pub struct ReleasedQuota<'a> {
    pub date: &'a str,
    pub session: SessionKind,
    pub online: u32,
    pub counter: u32,
    pub priority: u32,
    pub opens: DateTime<Utc>,
}

/// A proposal with what a list needs to show.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProposalSummaryRow {
    pub id: String,
    #[sqlx(try_from = "String")]
    pub status: ProposalStatus,
    pub proposer_id: String,
    pub proposer_name: String,
    pub created_utc: String,
    pub first_date: String,
    pub last_date: String,
    pub sessions: i64,
    pub pending: i64,
    pub approved: i64,
    pub rejected: i64,
}

impl Store {
    /// The office's proposals, newest first.
    pub async fn proposals(
        &self,
        office: &str,
        limit: u32,
    ) -> Result<Vec<ProposalSummaryRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT p.id, p.status, p.proposer_id, u.full_name AS proposer_name, p.created_utc,
                    MIN(d.date) AS first_date, MAX(d.date) AS last_date, COUNT(*) AS sessions,
                    SUM(d.decision = 'pending') AS pending, SUM(d.decision = 'approved') AS approved,
                    SUM(d.decision = 'rejected') AS rejected
             FROM proposals p JOIN users u ON u.id = p.proposer_id JOIN proposal_days d ON d.proposal_id = p.id
             WHERE p.office_slug = ? GROUP BY p.id ORDER BY p.created_utc DESC, p.id DESC LIMIT ?",
        )
        .bind(office)
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?)
    }
}
