//! Quota proposals and the four-eyes approval: an officer proposes capacity for a range of dates,
//! the kepala kantor approves or rejects it, and approved capacity opens to the public at the
//! office's release time. Nobody decides on their own proposal.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use loket_domain::op::{
    DecidedDay, ProposalDays, ProposalDecided, ProposalRef, ProposedSplit, ReleasedSplit,
};
use loket_domain::proposal::ProposalError;
use loket_domain::{
    Decision, Office, Op, Permission, ProposalRequest, ProposalStatus, ProposedDay, QuotaSplit,
    SessionKind,
};
use loket_store::{DayDecision, NewProposalDay, ProposalRow, ReleasedQuota};

use crate::auth::Actor;
use crate::error::{AppError, Missing};
use crate::input::iso_date;
use crate::loket::Loket;
use crate::view::{
    DecisionInput, ProposalDayView, ProposalInput, ProposalSummary, ProposalView, SplitInput,
};
use crate::wording::{shown, shown_iso};
use loket_domain::{Bilingual, text};

impl From<ProposalError> for AppError {
    fn from(e: ProposalError) -> Self {
        AppError::invalid(e)
    }
}

fn split(s: &SplitInput) -> Result<QuotaSplit, AppError> {
    let total = s
        .online
        .saturating_add(s.counter)
        .saturating_add(s.priority);
    Ok(QuotaSplit::parse(total, s.online, s.counter, s.priority)?)
}

fn rows_of(days: &[ProposedDay]) -> Vec<NewProposalDay<'_>> {
    days.iter()
        .flat_map(|d| {
            d.sessions.iter().map(|(s, q)| NewProposalDay {
                date: d.date,
                session: *s,
                online: q.online(),
                counter: q.counter(),
                priority: q.priority(),
                include_reason: d.reason.as_deref(),
            })
        })
        .collect()
}

/// What the outbox records of a proposal's dates: each session with its split.
fn recorded(
    id: &str,
    from: NaiveDate,
    to: NaiveDate,
    rows: &[NewProposalDay<'_>],
) -> Result<ProposalDays, AppError> {
    Ok(ProposalDays {
        proposal_id: crate::auth::id(id)?,
        from,
        to,
        days: rows
            .iter()
            .map(|r| ProposedSplit {
                date: r.date,
                session: r.session,
                online: r.online,
                counter: r.counter,
                priority: r.priority,
                include_reason: r.include_reason.map(str::to_owned),
            })
            .collect(),
    })
}

/// The four-eyes rule: only a kepala kantor decides, and never on a proposal of their own.
pub(crate) fn may_decide(actor: &Actor, proposal: &ProposalRow) -> Result<(), AppError> {
    actor.require(
        Permission::ApproveQuota,
        ("menyetujui kuota", "approve quota"),
    )?;
    if proposal.proposer_id == actor.user_id {
        return Err(AppError::Forbidden {
            role: actor.role,
            action: (
                "menyetujui atau menolak usulan kuota yang Anda ajukan sendiri",
                "approve or reject a quota proposal you submitted yourself",
            ),
        });
    }
    Ok(())
}

impl Loket {
    /// Creates a draft proposal. Weekends and holidays are skipped unless included with a reason;
    /// sessions another undecided proposal already covers are refused, naming the first clash.
    pub async fn propose_quota(
        &self,
        actor: &Actor,
        input: &ProposalInput,
    ) -> Result<ProposalView, AppError> {
        actor.require(
            Permission::ProposeQuota,
            ("mengusulkan kuota", "propose quota"),
        )?;
        let office = self.office().await?;
        let (from, to, days) = self.plan(&office, input, None).await?;
        let rows = rows_of(&days);
        let id = uuid::Uuid::now_v7().to_string();
        let mut tx = self.store.begin().await?;
        tx.insert_proposal(
            &id,
            office.slug.as_str(),
            &actor.user_id,
            self.clock.now(),
            &rows,
        )
        .await?;
        let op = Op::ProposalDrafted(recorded(&id, from, to, &rows)?);
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        tx.commit().await?;
        self.proposal_view(actor, &id).await
    }

    /// Replaces what a draft proposes. Only its proposer edits it, and only before sending it.
    pub async fn update_draft(
        &self,
        actor: &Actor,
        id: &str,
        input: &ProposalInput,
    ) -> Result<ProposalView, AppError> {
        actor.require(
            Permission::ProposeQuota,
            ("mengubah usulan kuota", "change quota proposals"),
        )?;
        let office = self.office().await?;
        self.own_draft(actor, id).await?;
        let (from, to, days) = self.plan(&office, input, Some(id)).await?;
        let rows = rows_of(&days);
        let mut tx = self.store.begin().await?;
        tx.replace_draft_days(id, &rows).await?;
        let op = Op::DraftEdited(recorded(id, from, to, &rows)?);
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        tx.commit().await?;
        self.proposal_view(actor, id).await
    }

    /// The dates and sessions a proposal input covers, refusing sessions another undecided proposal
    /// (other than `editing`) already covers.
    async fn plan(
        &self,
        office: &Office,
        input: &ProposalInput,
        editing: Option<&str>,
    ) -> Result<(NaiveDate, NaiveDate, Vec<ProposedDay>), AppError> {
        let today = office.local_date(self.clock.now());
        let (from, to) = (iso_date(&input.from)?, iso_date(&input.to)?);
        let mut weekdays = [false; 7];
        for (i, on) in input.weekdays.iter().take(7).enumerate() {
            weekdays[i] = *on;
        }
        let mut sessions = BTreeMap::new();
        if let Some(s) = &input.pagi {
            sessions.insert(SessionKind::Pagi, split(s)?);
        }
        if let Some(s) = &input.siang {
            sessions.insert(SessionKind::Siang, split(s)?);
        }
        if sessions.is_empty() {
            return Err(AppError::Validation(text!(
                "Pilih minimal satu sesi (pagi atau siang).",
                "Choose at least one session (morning or afternoon)."
            )));
        }
        let mut include = BTreeMap::new();
        for d in &input.include {
            include.insert(iso_date(&d.date)?, d.reason.clone());
        }
        let request = ProposalRequest {
            from,
            to,
            weekdays,
            sessions,
            include,
        };
        let closed = self.closed_days(office, from, to).await?;
        let days = request.expand(today, |d| closed.contains(&d))?;

        let wanted: BTreeSet<(String, SessionKind)> = days
            .iter()
            .flat_map(|d| {
                d.sessions
                    .iter()
                    .map(move |(s, _)| (d.date.to_string(), *s))
            })
            .collect();
        if let Some(clash) = self
            .store
            .pending_between(office.slug.as_str(), from, to)
            .await?
            .into_iter()
            .filter(|c| Some(c.proposal_id.as_str()) != editing)
            .find(|c| wanted.contains(&(c.date.clone(), c.session)))
        {
            return Err({
                let (date, name) = (shown_iso(&clash.date), clash.session.text());
                let (id, en) = (&name.id, &name.en);
                AppError::Conflict(text!(
                    "Tanggal {date} sesi {id} sudah ada dalam usulan lain yang belum diputuskan.",
                    "The {en} session of {date} is already in another proposal awaiting a decision."
                ))
            });
        }
        Ok((from, to, days))
    }

    /// A draft of the actor's own, still unsent: the only kind its proposer may edit or send.
    async fn own_draft(&self, actor: &Actor, id: &str) -> Result<ProposalRow, AppError> {
        let p = self
            .store
            .proposal(id)
            .await?
            .ok_or(AppError::NotFound(Missing::Proposal))?;
        if p.proposer_id != actor.user_id {
            return Err(AppError::Conflict(text!(
                "Hanya pengusul yang dapat mengubah atau mengajukan draf ini.",
                "Only its proposer can change or submit this draft."
            )));
        }
        if p.status != ProposalStatus::Draft {
            return Err(AppError::Conflict(text!(
                "Usulan yang sudah diajukan tidak dapat diubah lagi.",
                "A submitted proposal can no longer be changed."
            )));
        }
        Ok(p)
    }

    /// Sends a draft to the office head. Only the proposer submits their own draft.
    pub async fn submit_proposal(&self, actor: &Actor, id: &str) -> Result<ProposalView, AppError> {
        actor.require(
            Permission::ProposeQuota,
            ("mengajukan usulan kuota", "submit quota proposals"),
        )?;
        let office = self.office().await?;
        self.own_draft(actor, id).await?;
        let mut tx = self.store.begin().await?;
        tx.set_proposal_status(id, ProposalStatus::Submitted, Some(self.clock.now()))
            .await?;
        let op = Op::ProposalSubmitted(ProposalRef {
            proposal_id: crate::auth::id(id)?,
        });
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        tx.commit().await?;
        self.proposal_view(actor, id).await
    }

    /// Approves or rejects a submitted proposal, whole or for some dates. Approved capacity goes
    /// into the quota with the instant it opens to the public; it may not drop below what is booked.
    ///
    /// Everything the decision depends on (the proposal's status, which dates are still pending,
    /// what is booked) is read inside the write transaction, so a second kepala deciding the same
    /// dates at the same moment finds them decided, never decides them twice.
    pub async fn decide_proposal(
        &self,
        actor: &Actor,
        input: &DecisionInput,
    ) -> Result<ProposalView, AppError> {
        actor.require(
            Permission::ApproveQuota,
            ("menyetujui kuota", "approve quota"),
        )?;
        let reason = input
            .reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        if !input.approve && reason.is_none() {
            return Err(AppError::Validation(text!(
                "Alasan penolakan wajib diisi.",
                "Give the reason for the rejection."
            )));
        }
        let office = self.office().await?;
        let schedule = self.schedule(&office).await?;
        let release = self.release_schedule(&office).await?;
        let now = self.clock.now();
        let chosen: BTreeSet<&str> = input.dates.iter().map(String::as_str).collect();

        let mut tx = self.store.begin().await?;
        let p = tx
            .proposal(&input.proposal_id)
            .await?
            .ok_or(AppError::NotFound(Missing::Proposal))?;
        may_decide(actor, &p)?;
        if p.status != ProposalStatus::Submitted {
            return Err(AppError::Conflict(text!(
                "Hanya usulan yang sudah diajukan yang dapat diputuskan.",
                "Only a submitted proposal can be decided."
            )));
        }
        let all = tx.proposal_days(&p.id).await?;
        let days: Vec<_> = all
            .iter()
            .filter(|d| {
                d.decision == Decision::Pending
                    && (chosen.is_empty() || chosen.contains(d.date.as_str()))
            })
            .collect();
        if days.is_empty() {
            return Err(AppError::Validation(text!(
                "Tidak ada tanggal yang menunggu keputusan pada usulan ini.",
                "No date of this proposal is waiting for a decision."
            )));
        }
        let mut decided_days = Vec::new();
        for d in &days {
            let day = iso_date(&d.date)?;
            let mut decided = DecidedDay {
                date: day,
                session: d.session,
                before: None,
                after: None,
            };
            if input.approve {
                let capacity = u32::try_from(d.online + d.counter + d.priority).unwrap_or(u32::MAX);
                let booked = tx
                    .quota_between(office.slug.as_str(), day, day)
                    .await?
                    .iter()
                    .find(|r| r.session == d.session.as_str())
                    .map_or(0, |r| u32::try_from(r.booked).unwrap_or(u32::MAX));
                if booked > capacity {
                    return Err({
                        let (date, name) = (shown(day), d.session.text());
                        let (id, en) = (&name.id, &name.en);
                        AppError::Conflict(text!(
                            "Kapasitas {date} sesi {id} tidak dapat diturunkan menjadi {capacity}: sudah {booked} pemohon terdaftar.",
                            "The capacity of the {en} session of {date} cannot go down to {capacity}: {booked} applicants are already booked."
                        ))
                    });
                }
                let opens = release
                    .window(day, office.tz, |x| schedule.is_working_day(x))
                    .map_err(AppError::invalid)?
                    .opens;
                let n = |v: i64| u32::try_from(v).unwrap_or(0);
                let released = ReleasedQuota {
                    date: &d.date,
                    session: d.session,
                    online: n(d.online),
                    counter: n(d.counter),
                    priority: n(d.priority),
                    opens,
                };
                decided.before = tx
                    .quota_state(office.slug.as_str(), &d.date, d.session)
                    .await?
                    .map(split_of);
                tx.set_released_quota(office.slug.as_str(), &released)
                    .await?;
                decided.after = Some(ReleasedSplit {
                    capacity: released.online + released.counter + released.priority,
                    online: Some(released.online),
                    counter: Some(released.counter),
                    priority: Some(released.priority),
                    opens_utc: Some(opens),
                });
            }
            let decision = DayDecision {
                decision: if input.approve {
                    Decision::Approved
                } else {
                    Decision::Rejected
                },
                by: &actor.user_id,
                at: now,
                reason,
            };
            if !tx
                .decide_proposal_day(&p.id, &d.date, d.session, &decision)
                .await?
            {
                // Cannot happen under the write lock; refuse rather than record a decision that
                // did not land.
                return Err(AppError::Conflict(text!(
                    "Tanggal ini baru saja diputuskan oleh orang lain. Muat ulang usulan.",
                    "Someone else has just decided this date. Reload the proposal."
                )));
            }
            decided_days.push(decided);
        }
        let pending_left = all
            .iter()
            .filter(|d| d.decision == Decision::Pending)
            .count()
            - days.len();
        if pending_left == 0 {
            tx.set_proposal_status(&p.id, ProposalStatus::Decided, None)
                .await?;
        }
        // Who, when (the outbox stamps both zones) and each session's quota before and after.
        let decided = ProposalDecided {
            proposal_id: crate::auth::id(&p.id)?,
            reason: reason.map(str::to_owned),
            days: decided_days,
            proposal_decided: pending_left == 0,
        };
        let op = if input.approve {
            Op::QuotaApproved(decided)
        } else {
            Op::QuotaRejected(decided)
        };
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        tx.commit().await?;
        self.proposal_view(actor, &p.id).await
    }

    /// The office's proposals, newest first, for officers and the office head.
    pub async fn list_proposals(&self, actor: &Actor) -> Result<Vec<ProposalSummary>, AppError> {
        may_see_proposals(actor)?;
        let office = self.office().await?;
        let n = |v: i64| u32::try_from(v).unwrap_or(0);
        Ok(self
            .store
            .proposals(office.slug.as_str(), 100)
            .await?
            .into_iter()
            .map(|r| ProposalSummary {
                mine: r.proposer_id == actor.user_id,
                id: r.id,
                status: r.status,
                proposer_name: r.proposer_name,
                first_date: r.first_date,
                last_date: r.last_date,
                sessions: n(r.sessions),
                pending: n(r.pending),
                approved: n(r.approved),
                rejected: n(r.rejected),
            })
            .collect())
    }

    pub async fn proposal_view(&self, actor: &Actor, id: &str) -> Result<ProposalView, AppError> {
        may_see_proposals(actor)?;
        let p = self
            .store
            .proposal(id)
            .await?
            .ok_or(AppError::NotFound(Missing::Proposal))?;
        let days = self
            .store
            .proposal_days(id)
            .await?
            .into_iter()
            .map(|d| {
                let n = |v: i64| u32::try_from(v).unwrap_or(0);
                Ok(ProposalDayView {
                    session: d.session,
                    capacity: n(d.online + d.counter + d.priority),
                    online: n(d.online),
                    counter: n(d.counter),
                    priority: n(d.priority),
                    include_reason: d.include_reason,
                    decision: d.decision,
                    date: d.date,
                })
            })
            .collect::<Result<_, AppError>>()?;
        Ok(ProposalView {
            id: p.id,
            status: p.status,
            proposer_id: p.proposer_id,
            days,
        })
    }

    /// The dates in the range that are normally closed: a holiday, a closure or a weekend.
    async fn closed_days(
        &self,
        office: &Office,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<BTreeSet<NaiveDate>, AppError> {
        let mut closed = BTreeSet::new();
        for day in self.days_between(office, from, to).await? {
            if day.reason.is_some() {
                closed.insert(iso_date(&day.date)?);
            }
        }
        Ok(closed)
    }
}

fn split_of(q: loket_store::QuotaState) -> ReleasedSplit {
    let n = |v: i64| u32::try_from(v).unwrap_or(0);
    ReleasedSplit {
        capacity: n(q.capacity),
        online: q.online.map(n),
        counter: q.counter.map(n),
        priority: q.priority.map(n),
        opens_utc: q.opens_utc.as_deref().and_then(crate::input::parse_utc),
    }
}

/// Officers who propose and the head who decides see proposals; the admin does not.
fn may_see_proposals(actor: &Actor) -> Result<(), AppError> {
    if actor.role.can(Permission::ProposeQuota) || actor.role.can(Permission::ApproveQuota) {
        Ok(())
    } else {
        Err(AppError::Forbidden {
            role: actor.role,
            action: ("melihat usulan kuota", "view quota proposals"),
        })
    }
}
