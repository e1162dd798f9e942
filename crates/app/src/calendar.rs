//! The quota calendar: each date's colour as the seeds define it.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use loket_domain::ProposalStatus;
use loket_domain::{
    Capacity, DateColour, DayFacts, DayQuota, Holiday, HolidayKind, Office, Permission,
    SessionQuota,
};

use crate::auth::Actor;
use crate::error::AppError;
use crate::input::parse_utc;
use crate::loket::Loket;
use crate::view::{CalendarDay, CalendarMonth, SessionQuotaView, ShareView};

impl Loket {
    pub async fn calendar_month(
        &self,
        actor: &Actor,
        year: i32,
        month: u32,
    ) -> Result<CalendarMonth, AppError> {
        actor.require(
            Permission::ViewOperations,
            ("melihat kalender", "view the calendar"),
        )?;
        let first = NaiveDate::from_ymd_opt(year, month, 1)
            .filter(|_| (2000..=2100).contains(&year))
            .ok_or_else(|| {
                AppError::Validation(loket_domain::text!(
                    "Bulan {month}/{year} tidak valid.",
                    "The month {month}/{year} is not valid."
                ))
            })?;
        let last = first
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())
            .ok_or_else(|| {
                AppError::Validation(loket_domain::text!(
                    "Bulan {month}/{year} tidak valid.",
                    "The month {month}/{year} is not valid."
                ))
            })?;
        let office = self.office().await?;
        let days = self.days_between(&office, first, last).await?;
        Ok(CalendarMonth {
            year,
            month,
            today: office.local_date(self.clock.now()).to_string(),
            days,
        })
    }

    /// Every date in `[from, to]` with its colour and quota.
    pub(crate) async fn days_between(
        &self,
        office: &Office,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<CalendarDay>, AppError> {
        let schedule = self.schedule(office).await?;
        let slug = office.slug.as_str();
        let mut quota: BTreeMap<String, DayQuota> = BTreeMap::new();
        // The latest opening instant per date (the sessions of one proposal share it).
        let mut opens: BTreeMap<String, DateTime<Utc>> = BTreeMap::new();
        let rows = self.store.quota_between(slug, from, to).await?;
        let mut shares: BTreeMap<(String, String), (Option<ShareView>, ShareView)> =
            BTreeMap::new();
        for row in &rows {
            let n = |v: i64| u32::try_from(v).unwrap_or(0);
            let split = match (row.online, row.counter, row.priority) {
                (Some(o), Some(c), Some(p)) => Some(ShareView {
                    online: n(o),
                    counter: n(c),
                    priority: n(p),
                }),
                _ => None,
            };
            let booked = ShareView {
                online: n(row.booked_online),
                counter: n(row.booked_counter),
                priority: n(row.booked_priority),
            };
            shares.insert((row.date.clone(), row.session.clone()), (split, booked));
        }
        for row in rows {
            if let Some(t) = row.opens_utc.as_deref().and_then(parse_utc) {
                opens
                    .entry(row.date.clone())
                    .and_modify(|o| *o = (*o).max(t))
                    .or_insert(t);
            }
            let entry = quota.entry(row.date.clone()).or_default();
            let sq = SessionQuota {
                capacity: Capacity::try_from(row.capacity.unwrap_or(0))
                    .map_err(|e| AppError::Internal(e.to_string()))?,
                booked: u32::try_from(row.booked).unwrap_or(u32::MAX),
            };
            match row.session.as_str() {
                "pagi" => entry.pagi = Some(sq),
                _ => entry.siang = Some(sq),
            }
        }
        let mut holidays: BTreeMap<String, Holiday> = BTreeMap::new();
        for h in self.store.holidays_between(from, to).await? {
            let Ok(date) = NaiveDate::parse_from_str(&h.date, "%Y-%m-%d") else {
                continue;
            };
            let kind = HolidayKind::try_from(h.kind.as_str()).unwrap_or(HolidayKind::LiburNasional);
            if let Ok(holiday) = Holiday::parse(date, kind, &h.name, "") {
                // The first row per date wins: the query puts libur nasional before cuti bersama.
                holidays.entry(h.date).or_insert(holiday);
            }
        }
        let closures: BTreeMap<String, String> = self
            .store
            .closures_between(slug, from, to)
            .await?
            .into_iter()
            .collect();

        let mut pending: BTreeMap<String, ProposalStatus> = BTreeMap::new();
        for p in self.store.pending_between(slug, from, to).await? {
            // A submitted proposal outranks a draft for the same date.
            let e = pending.entry(p.date).or_insert(p.status);
            if p.status == ProposalStatus::Submitted {
                *e = p.status;
            }
        }
        let now = self.clock.now();

        let mut out = Vec::new();
        for date in from.iter_days().take_while(|d| *d <= to) {
            let key = date.to_string();
            let q = quota.get(&key).copied().unwrap_or_default();
            let verdict = DayFacts {
                holiday: holidays.get(&key),
                closure: closures.get(&key).map(String::as_str),
                working_day: schedule.is_working_day(date),
                quota: q,
            }
            .verdict();
            let view = |s: Option<SessionQuota>, session: &str| {
                let (split, booked_shares) = shares
                    .get(&(key.clone(), session.to_owned()))
                    .cloned()
                    .unwrap_or((
                        None,
                        ShareView {
                            online: 0,
                            counter: 0,
                            priority: 0,
                        },
                    ));
                s.map(|s| SessionQuotaView {
                    capacity: s.capacity.get(),
                    booked: s.booked,
                    shares: split,
                    booked_shares,
                })
            };
            let (pagi, siang) = (view(q.pagi, "pagi"), view(q.siang, "siang"));
            let opens_at = opens.get(&key).copied();
            let workflow = if verdict.colour == DateColour::Grey {
                "closed"
            } else if let Some(status) = pending.get(&key) {
                status.as_str()
            } else if q.is_provided() {
                if opens_at.is_some_and(|t| t > now) {
                    "approved"
                } else {
                    "open"
                }
            } else {
                "not_set"
            };
            let grey_kind = (verdict.colour == DateColour::Grey).then(|| {
                if holidays.contains_key(&key) {
                    "holiday"
                } else if closures.contains_key(&key) {
                    "closure"
                } else {
                    "weekend"
                }
                .to_owned()
            });
            out.push(CalendarDay {
                grey_kind,
                workflow: workflow.to_owned(),
                opens_local: opens_at
                    .map(|t| office.local_time(t).format("%Y-%m-%d %H:%M").to_string()),
                date: key,
                colour: verdict.colour,
                reason: verdict.reason,
                pagi,
                siang,
            });
        }
        Ok(out)
    }
}
