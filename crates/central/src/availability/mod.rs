//! A month of one office as the citizen sees it: per date and per session the seeds' four colours
//! (green available, red full, yellow not provided yet, grey holiday / cuti bersama / closure /
//! weekend) and the online seats left.

mod cache;

use std::sync::Arc;

use cache::MonthFacts;
pub use cache::{FRESH_FOR, MonthCache};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use loket_domain::{
    DateColour, DayFacts, DayQuota, Holiday, HolidayKind, Office, OfficeSchedule, SessionKind,
    Text, text,
};
use serde::Serialize;
use sqlx::PgPool;

use crate::Central;
use crate::error::ApiError;

#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MonthAvailability {
    pub office: String,
    pub zone: String,
    pub year: i32,
    pub month: u32,
    /// The office-local date today.
    pub today: NaiveDate,
    pub days: Vec<DayAvailability>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DayAvailability {
    pub date: NaiveDate,
    pub colour: DateColour,
    /// Why a grey date is grey (the holiday's name, the closure, "Akhir pekan").
    pub reason: Option<Text>,
    pub sessions: Vec<SessionAvailability>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionAvailability {
    pub session: SessionKind,
    pub colour: DateColour,
    /// Online seats left; 0 unless green.
    pub seats_left: u32,
    /// When a session not open yet opens (yellow with a time).
    pub opens_at: Option<DateTime<Utc>>,
    /// The session's hours at the office, office-local: `08:00–12:00`.
    pub hours: String,
}

/// One session's online quota as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
struct QuotaRow {
    day: NaiveDate,
    session: String,
    online: i32,
    online_booked: i32,
    opens_at: DateTime<Utc>,
    closes_at: Option<DateTime<Utc>>,
}

/// A session's online share and its release window.
#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub(crate) struct Seats {
    pub online: i32,
    pub online_booked: i32,
    pub opens_at: DateTime<Utc>,
    pub closes_at: Option<DateTime<Utc>>,
}

pub(crate) fn session_colour(q: Option<Seats>, now: DateTime<Utc>) -> SessionAvailability {
    let (colour, seats_left, opens_at) = match q {
        None => (DateColour::Yellow, 0, None),
        Some(Seats {
            online,
            online_booked: booked,
            opens_at: opens,
            closes_at: closes,
        }) => {
            if online == 0 || now < opens {
                (DateColour::Yellow, 0, (online > 0).then_some(opens))
            } else if closes.is_some_and(|c| now >= c) || booked >= online {
                (DateColour::Red, 0, None)
            } else {
                let left = u32::try_from(online - booked).unwrap_or(0);
                (DateColour::Green, left, None)
            }
        }
    };
    SessionAvailability {
        session: SessionKind::Pagi,
        colour,
        seats_left,
        opens_at,
        hours: String::new(),
    }
}

/// Reads the facts of the month from `first` to `last` at `office`.
async fn read_facts(
    pool: &PgPool,
    slug: &str,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<MonthFacts, ApiError> {
    let holidays: Vec<(NaiveDate, String, String)> = sqlx::query_as(
        "SELECT day, kind, name FROM holidays WHERE day BETWEEN $1 AND $2 ORDER BY day",
    )
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?;
    let closures: Vec<(NaiveDate, String)> = sqlx::query_as(
        "SELECT day, reason FROM closures WHERE office_id = $1 AND day BETWEEN $2 AND $3",
    )
    .bind(slug)
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?;
    let quota: Vec<QuotaRow> = sqlx::query_as(
        "SELECT day, session, online, online_booked, opens_at, closes_at FROM quota
         WHERE office_id = $1 AND day BETWEEN $2 AND $3",
    )
    .bind(slug)
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?;
    Ok(MonthFacts {
        // The first of a date's holidays names it, as on the counter.
        holidays: holidays
            .into_iter()
            .rev()
            .filter_map(|(day, kind, name)| {
                let kind = HolidayKind::try_from(kind.as_str()).ok()?;
                Some((day, Holiday::parse(day, kind, &name, "").ok()?))
            })
            .collect(),
        closures: closures.into_iter().collect(),
        quota: quota
            .into_iter()
            .filter_map(|q| {
                let session = SessionKind::try_from(q.session.as_str()).ok()?;
                let seats = Seats {
                    online: q.online,
                    online_booked: q.online_booked,
                    opens_at: q.opens_at,
                    closes_at: q.closes_at,
                };
                Some(((q.day, session), seats))
            })
            .collect(),
    })
}

/// A month of `office` as citizens see it at `now`: from the cache when it is fresh, with the
/// sessions this process saw sold out red whatever the cache says.
pub(crate) async fn month(
    central: &Central,
    office: &Office,
    year: i32,
    month: u32,
    now: DateTime<Utc>,
) -> Result<MonthAvailability, ApiError> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)
        .filter(|_| (2000..=2100).contains(&year))
        .ok_or_else(|| {
            ApiError::invalid(
                "month.invalid",
                text!(
                    "Bulan {month}/{year} tidak valid.",
                    "The month {month}/{year} is not valid."
                ),
            )
        })?;
    let last = first
        .checked_add_months(chrono::Months::new(1))
        .map_or(first, |d| d - Duration::days(1));
    let slug = office.slug.as_str();
    let facts = match central.months.get(slug, first) {
        Some(facts) => facts,
        None => {
            let facts = Arc::new(read_facts(&central.pool, slug, first, last).await?);
            central.months.put(slug, first, facts.clone());
            facts
        }
    };
    let MonthFacts {
        holidays,
        closures,
        quota,
    } = &*facts;
    let schedule = OfficeSchedule::default();
    let today = office.local_date(now);
    let mut days = Vec::new();
    let mut day = first;
    while day <= last {
        // Holidays, closures and weekends are the domain's verdict, the counter's calendar's too.
        let verdict = DayFacts {
            holiday: holidays.get(&day),
            closure: closures.get(&day).map(String::as_str),
            working_day: schedule.is_working_day(day),
            quota: DayQuota::default(),
        }
        .verdict();
        let grey = if day < today {
            Some(Text::new("Sudah lewat", "Past"))
        } else if verdict.colour == DateColour::Grey {
            verdict.reason
        } else {
            None
        };
        let sessions: Vec<SessionAvailability> = SessionKind::ALL
            .iter()
            .map(|s| {
                let mut q = quota.get(&(day, *s)).copied();
                if let Some(q) = q.as_mut()
                    && central.sold_out.contains(slug, day, *s)
                {
                    q.online_booked = q.online_booked.max(q.online);
                }
                let mut a = session_colour(q, now);
                a.session = *s;
                let h = schedule.hours(*s);
                a.hours = format!("{}–{}", h.start().format("%H:%M"), h.end().format("%H:%M"));
                if grey.is_some() {
                    a.colour = DateColour::Grey;
                    a.seats_left = 0;
                    a.opens_at = None;
                }
                a
            })
            .collect();
        let colour = if grey.is_some() {
            DateColour::Grey
        } else if sessions.iter().any(|s| s.colour == DateColour::Green) {
            DateColour::Green
        } else if sessions.iter().all(|s| s.colour == DateColour::Yellow) {
            DateColour::Yellow
        } else {
            DateColour::Red
        };
        days.push(DayAvailability {
            date: day,
            colour,
            reason: grey,
            sessions,
        });
        day += Duration::days(1);
    }
    Ok(MonthAvailability {
        office: slug.to_owned(),
        zone: office.zone.as_str().to_owned(),
        year: first.year(),
        month: first.month(),
        today,
        days,
    })
}
