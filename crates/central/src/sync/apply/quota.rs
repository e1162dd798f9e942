//! A quota approved on a PC, applied at the central session by session: compare-and-set against
//! the split the approving PC saw, never below what is sold online or booked at the counters, and
//! a share lowered below what the PCs hold stored with the goal it comes down to.

use chrono::NaiveDate;
use loket_domain::op::ProposalDecided;
use loket_domain::walkin::Share;
use loket_domain::{Bilingual, Text, text};
use sqlx::PgConnection;

use super::{Ctx, Raised};

#[derive(Debug, sqlx::FromRow)]
struct Split {
    online: i32,
    counter: i32,
    priority: i32,
    online_booked: i32,
}

/// An approved quota, session by session, compare-and-set against what the approving PC saw.
pub(super) async fn approved(
    conn: &mut PgConnection,
    ctx: &mut Ctx<'_>,
    d: &ProposalDecided,
) -> Result<(), sqlx::Error> {
    let office = ctx.device.office.clone();
    for day in &d.days {
        let Some(after) = &day.after else { continue };
        let current: Option<Split> = sqlx::query_as(
            "SELECT online, counter, priority, online_booked FROM quota
             WHERE office_id = $1 AND day = $2 AND session = $3 FOR UPDATE",
        )
        .bind(&office)
        .bind(day.date)
        .bind(day.session.as_str())
        .fetch_optional(&mut *conn)
        .await?;
        let n = |v: Option<u32>, or: u32| i32::try_from(v.unwrap_or(or)).unwrap_or(i32::MAX);
        let (online, counter, priority) = (
            n(after.online, after.capacity),
            n(after.counter, 0),
            n(after.priority, 0),
        );
        let (when, sid, sen) = (
            day.date.format("%d/%m/%Y").to_string(),
            day.session.to_string(),
            day.session.en(),
        );
        if let Some(cur) = &current {
            let seen = day
                .before
                .as_ref()
                .map(|b| (n(b.online, b.capacity), n(b.counter, 0), n(b.priority, 0)));
            if seen != Some((cur.online, cur.counter, cur.priority)) {
                let (o, c, p) = (cur.online, cur.counter, cur.priority);
                ctx.raised.push(Raised {
                    suffix: format!("quota:{}:{}", day.date, day.session.as_str()),
                    kind: "quota_base_mismatch",
                    code: None,
                    message: text!(
                        "Kuota sesi {sid} {when} tidak diubah: di pusat sudah {o} daring / {c} loket / {p} prioritas, bukan yang dilihat saat disetujui. Tinjau lalu setujui lagi.",
                        "The quota of the {sen} session on {when} was not changed: the central already has {o} online / {c} counter / {p} priority, not what was seen when approving. Review and approve again."
                    ),
                });
                touch_quota(conn, &office, day.date, day.session).await?;
                continue;
            }
            if let Some(r) =
                below_booked(conn, &office, day.date, day.session, counter, priority).await?
            {
                touch_quota(conn, &office, day.date, day.session).await?;
                ctx.raised.push(Raised {
                    suffix: format!("quota:{}:{}", day.date, day.session.as_str()),
                    kind: "quota_below_booked",
                    code: None,
                    message: r,
                });
                continue;
            }
            if online < cur.online_booked {
                let booked = cur.online_booked;
                ctx.raised.push(Raised {
                    suffix: format!("quota:{}:{}", day.date, day.session.as_str()),
                    kind: "quota_below_booked",
                    code: None,
                    message: text!(
                        "Kuota daring sesi {sid} {when} tidak dapat diturunkan ke {online}: {booked} sudah terdaftar daring.",
                        "The online quota of the {sen} session on {when} cannot go down to {online}: {booked} are booked online already."
                    ),
                });
                touch_quota(conn, &office, day.date, day.session).await?;
                continue;
            }
        }
        // A share lowered below the seats its PCs hold goes down as they give the free ones
        // back: until then it stays at what is held, and the lending recalls every free seat.
        let (counter, counter_goal) = lowered(conn, &office, day, Share::Counter, counter).await?;
        let (priority, priority_goal) =
            lowered(conn, &office, day, Share::Priority, priority).await?;
        sqlx::query(
            "INSERT INTO quota (office_id, day, session, online, counter, priority, opens_at,
                 counter_goal, priority_goal)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (office_id, day, session) DO UPDATE SET online = EXCLUDED.online,
                 counter = EXCLUDED.counter, priority = EXCLUDED.priority,
                 counter_goal = EXCLUDED.counter_goal, priority_goal = EXCLUDED.priority_goal",
        )
        .bind(&office)
        .bind(day.date)
        .bind(day.session.as_str())
        .bind(online)
        .bind(counter)
        .bind(priority)
        .bind(after.opens_utc.unwrap_or(ctx.at))
        .bind(counter_goal)
        .bind(priority_goal)
        .execute(&mut *conn)
        .await?;
        ctx.touched.quota = true;
    }
    Ok(())
}

/// Logs the quota row as changed without changing it: the approving PC kept its own split while
/// its entry was on the way, and learns the central's again from its next pull.
async fn touch_quota(
    conn: &mut PgConnection,
    office: &str,
    day: NaiveDate,
    session: loket_domain::SessionKind,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE quota SET online = online WHERE office_id = $1 AND day = $2 AND session = $3",
    )
    .bind(office)
    .bind(day)
    .bind(session.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The share to store for an approved `limit`, and the goal it goes down to as the PCs give
/// their free seats back (none: it is there already).
async fn lowered(
    conn: &mut PgConnection,
    office: &str,
    day: &loket_domain::op::DecidedDay,
    share: Share,
    limit: i32,
) -> Result<(i32, Option<i32>), sqlx::Error> {
    let held = crate::sync::seats::held(conn, office, day.date, day.session, share).await?;
    let held = i32::try_from(held).unwrap_or(i32::MAX);
    Ok(if limit < held {
        (held, Some(limit))
    } else {
        (limit, None)
    })
}

/// A counter or priority share may not go below the seats its walk-ins already take.
async fn below_booked(
    conn: &mut PgConnection,
    office: &str,
    day: NaiveDate,
    session: loket_domain::SessionKind,
    counter: i32,
    priority: i32,
) -> Result<Option<Text>, sqlx::Error> {
    for (share, limit, id, en) in [
        (Share::Counter, counter, "loket", "counter"),
        (Share::Priority, priority, "prioritas", "priority"),
    ] {
        let booked = crate::sync::seats::booked(conn, office, None, day, session, share).await?;
        if i64::from(limit) < booked {
            let (when, sid, sen) = (
                day.format("%d/%m/%Y").to_string(),
                session.to_string(),
                session.en(),
            );
            return Ok(Some(text!(
                "Kuota {id} sesi {sid} {when} tidak dapat diturunkan ke {limit}: {booked} kursi sudah dipakai walk-in.",
                "The {en} quota of the {sen} session on {when} cannot go down to {limit}: walk-ins take {booked} seats already."
            )));
        }
    }
    Ok(None)
}
