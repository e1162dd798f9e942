//! Lending an office's counter and priority seats to its PCs (escrow), at the central.
//!
//! Every change to the lending of an office happens under one transaction-scoped advisory lock of
//! that office, taken before any row of it is touched: a push of one PC, the pull of another and
//! the return of a third cannot lend the same free seat twice. The rule itself is
//! [`loket_domain::seats::rebalance`]; this module reads what it needs (the share, what each PC
//! holds, what its walk-ins use, what it asked for) and writes back only the rows it changed, so
//! a pull with nothing to lend writes nothing and wakes no one.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use loket_domain::SessionKind;
use loket_domain::op::SeatsReturned;
use loket_domain::seats::{Holding, LEND_DAYS, rebalance};
use loket_domain::walkin::Share;
use loket_sync::{SeatState, SeatWant};
use sqlx::PgConnection;

use super::pull::WINDOW_AFTER;

/// Serialises every lending change of `office` until the transaction ends.
pub(super) async fn lock(conn: &mut PgConnection, office: &str) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT pg_advisory_xact_lock(hashtext('seats:' || $1))")
        .bind(office)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The asks of one PC, replacing its earlier ones (an ask it no longer sends is withdrawn).
pub(super) async fn record_wants(
    conn: &mut PgConnection,
    office: &str,
    counter: &str,
    wants: &[SeatWant],
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE seat_allotments SET wanted = 0
         WHERE office_id = $1 AND counter_code = $2 AND wanted > 0",
    )
    .bind(office)
    .bind(counter)
    .execute(&mut *conn)
    .await?;
    for w in wants {
        sqlx::query(
            "INSERT INTO seat_allotments (office_id, counter_code, day, session, share, wanted)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (office_id, counter_code, day, session, share)
             DO UPDATE SET wanted = EXCLUDED.wanted",
        )
        .bind(office)
        .bind(counter)
        .bind(w.date)
        .bind(w.session.as_str())
        .bind(w.share.as_str())
        .bind(i32::try_from(w.seats.min(5)).unwrap_or(5))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Seats a PC gives back: never more than it holds free as the central knows it (its earlier
/// walk-ins are applied already, since entries are applied in order). The row is written even
/// when nothing is left to give, so the PC, which kept its own view while the return was on
/// its way, learns the central's view again.
pub(super) async fn returned(
    conn: &mut PgConnection,
    office: &str,
    counter: &str,
    r: &SeatsReturned,
) -> Result<(), sqlx::Error> {
    let used = booked(conn, office, Some(counter), r.date, r.session, r.share).await?;
    let used = i32::try_from(used).unwrap_or(i32::MAX);
    sqlx::query(
        "UPDATE seat_allotments
         SET allotted = allotted - LEAST($6, GREATEST(allotted - $7, 0)),
             recall = GREATEST(recall - $6, 0)
         WHERE office_id = $1 AND counter_code = $2 AND day = $3 AND session = $4 AND share = $5",
    )
    .bind(office)
    .bind(counter)
    .bind(r.date)
    .bind(r.session.as_str())
    .bind(r.share.as_str())
    .bind(i32::try_from(r.seats).unwrap_or(i32::MAX))
    .bind(used)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Seats the active, non-override walk-ins take in one share of one session: of `counter`, or of
/// every counter.
pub(super) async fn booked(
    conn: &mut PgConnection,
    office: &str,
    counter: Option<&str>,
    day: NaiveDate,
    session: SessionKind,
    share: Share,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM bookings b
         JOIN applicants a ON a.office_id = b.office_id AND a.booking_id = b.booking_id
         WHERE b.office_id = $1 AND ($2::text IS NULL OR b.counter_code = $2)
           AND b.day = $3 AND b.session = $4
           AND (b.category = 'prioritas') = ($5 = 'prioritas')
           AND b.status = 'active' AND b.channel = 'loket' AND b.override_reason IS NULL
           AND a.status <> 'cancelled'",
    )
    .bind(office)
    .bind(counter)
    .bind(day)
    .bind(session.as_str())
    .bind(share.as_str())
    .fetch_one(&mut *conn)
    .await
}

/// Seats lent to `counter` in one share of one session.
pub(super) async fn allotted_to(
    conn: &mut PgConnection,
    office: &str,
    counter: &str,
    day: NaiveDate,
    session: SessionKind,
    share: Share,
) -> Result<i32, sqlx::Error> {
    Ok(sqlx::query_scalar(
        "SELECT allotted FROM seat_allotments
         WHERE office_id = $1 AND counter_code = $2 AND day = $3 AND session = $4 AND share = $5",
    )
    .bind(office)
    .bind(counter)
    .bind(day)
    .bind(session.as_str())
    .bind(share.as_str())
    .fetch_optional(&mut *conn)
    .await?
    .unwrap_or(0))
}

/// What the office's PCs hold of one share of one session, used or not (each at least what its
/// walk-ins use): a quota may not go below it.
pub(super) async fn held(
    conn: &mut PgConnection,
    office: &str,
    day: NaiveDate,
    session: SessionKind,
    share: Share,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "WITH used AS (
             SELECT b.counter_code, count(*) AS n FROM bookings b
             JOIN applicants a ON a.office_id = b.office_id AND a.booking_id = b.booking_id
             WHERE b.office_id = $1 AND b.day = $2 AND b.session = $3
               AND (b.category = 'prioritas') = ($4 = 'prioritas')
               AND b.status = 'active' AND b.channel = 'loket' AND b.override_reason IS NULL
               AND a.status <> 'cancelled' AND b.counter_code IS NOT NULL
             GROUP BY b.counter_code),
         lent AS (
             SELECT counter_code, allotted AS n FROM seat_allotments
             WHERE office_id = $1 AND day = $2 AND session = $3 AND share = $4)
         SELECT COALESCE(sum(GREATEST(COALESCE(u.n, 0), COALESCE(l.n, 0))), 0)::int8
         FROM used u FULL JOIN lent l ON l.counter_code = u.counter_code",
    )
    .bind(office)
    .bind(day)
    .bind(session.as_str())
    .bind(share.as_str())
    .fetch_one(&mut *conn)
    .await
}

type Key = (NaiveDate, String, String);

#[derive(Debug, sqlx::FromRow)]
struct Session {
    day: NaiveDate,
    session: String,
    counter: i32,
    priority: i32,
    counter_goal: Option<i32>,
    priority_goal: Option<i32>,
}

/// Lends and recalls the office's seats for every session from today on that is lent ahead or
/// that a PC holds or asked seats of. Answers whether any PC's holding changed.
pub(super) async fn rebalance_office(
    conn: &mut PgConnection,
    office: &str,
    today: NaiveDate,
) -> Result<bool, sqlx::Error> {
    let sessions: Vec<Session> = sqlx::query_as(
        "SELECT q.day, q.session, q.counter, q.priority, q.counter_goal, q.priority_goal
         FROM quota q
         WHERE q.office_id = $1 AND q.day BETWEEN $2 AND $3
           AND NOT EXISTS (SELECT 1 FROM closures c WHERE c.office_id = q.office_id AND c.day = q.day)
           AND (q.day <= $4 OR EXISTS (SELECT 1 FROM seat_allotments s
                WHERE s.office_id = q.office_id AND s.day = q.day AND s.session = q.session))",
    )
    .bind(office)
    .bind(today)
    .bind(today + Duration::days(WINDOW_AFTER))
    .bind(today + Duration::days(LEND_DAYS))
    .fetch_all(&mut *conn)
    .await?;
    if sessions.is_empty() {
        return Ok(false);
    }
    let mut counters: Vec<String> =
        sqlx::query_scalar("SELECT counter_code FROM devices WHERE office_id = $1")
            .bind(office)
            .fetch_all(&mut *conn)
            .await?;
    let rows: Vec<(String, NaiveDate, String, String, i32, i32, i32)> = sqlx::query_as(
        "SELECT counter_code, day, session, share, allotted, wanted, recall FROM seat_allotments
         WHERE office_id = $1 AND day >= $2",
    )
    .bind(office)
    .bind(today)
    .fetch_all(&mut *conn)
    .await?;
    let used: Vec<(String, NaiveDate, String, String, i32)> = sqlx::query_as(
        "SELECT b.counter_code, b.day, b.session,
                CASE WHEN b.category = 'prioritas' THEN 'prioritas' ELSE 'loket' END,
                count(*)::int4
         FROM bookings b
         JOIN applicants a ON a.office_id = b.office_id AND a.booking_id = b.booking_id
         WHERE b.office_id = $1 AND b.day >= $2 AND b.status = 'active' AND b.channel = 'loket'
           AND b.override_reason IS NULL AND a.status <> 'cancelled' AND b.counter_code IS NOT NULL
         GROUP BY 1, 2, 3, 4",
    )
    .bind(office)
    .bind(today)
    .fetch_all(&mut *conn)
    .await?;
    // A counter that holds seats but whose PC was removed still holds them: it is counted, so
    // its seats are never lent twice.
    for (c, ..) in &rows {
        if !counters.contains(c) {
            counters.push(c.clone());
        }
    }
    counters.sort();
    let n = |v: i32| u32::try_from(v).unwrap_or(0);
    let mut current: BTreeMap<(String, Key), (Holding, u32)> = BTreeMap::new();
    for (c, day, session, share, allotted, wanted, recall) in rows {
        let h = Holding {
            allotted: n(allotted),
            used: 0,
            wanted: n(wanted),
        };
        current.insert((c, (day, session, share)), (h, n(recall)));
    }
    for (c, day, session, share, count) in used {
        current
            .entry((c, (day, session, share)))
            .or_default()
            .0
            .used = n(count);
    }

    let mut write: Vec<(String, Key, u32, u32)> = Vec::new();
    let mut lowered: Vec<(NaiveDate, String, Share, i32, Option<i32>)> = Vec::new();
    for q in sessions {
        let (day, session) = (q.day, q.session);
        let ahead = day <= today + Duration::days(LEND_DAYS);
        for (share, stored, goal) in [
            (Share::Counter, q.counter, q.counter_goal),
            (Share::Priority, q.priority, q.priority_goal),
        ] {
            // While a lowering is under way, lend as if the share were at its goal already:
            // nothing is lent and every free seat is recalled.
            let limit = goal.unwrap_or(stored);
            let key: Key = (day, session.clone(), share.as_str().to_owned());
            let holdings: Vec<(Holding, u32)> = counters
                .iter()
                .map(|c| {
                    current
                        .get(&(c.clone(), key.clone()))
                        .copied()
                        .unwrap_or_default()
                })
                .collect();
            let just: Vec<Holding> = holdings.iter().map(|(h, _)| *h).collect();
            let lent = rebalance(n(limit), &just, ahead);
            if let Some(goal) = goal {
                let held: u32 = lent
                    .iter()
                    .zip(&just)
                    .map(|(l, h)| l.allotted.max(h.used))
                    .sum();
                let now = i32::try_from(held).unwrap_or(i32::MAX).max(goal);
                if now != stored {
                    lowered.push((
                        day,
                        session.clone(),
                        share,
                        now,
                        (now > goal).then_some(goal),
                    ));
                }
            }
            for ((c, (was, was_recall)), now) in counters.iter().zip(&holdings).zip(lent) {
                if (now.allotted, now.recall) != (was.allotted, *was_recall) {
                    write.push((c.clone(), key.clone(), now.allotted, now.recall));
                }
            }
        }
    }
    for (day, session, share, now, goal) in &lowered {
        let sql = match share {
            Share::Counter => {
                "UPDATE quota SET counter = $4, counter_goal = $5
                 WHERE office_id = $1 AND day = $2 AND session = $3"
            }
            Share::Priority => {
                "UPDATE quota SET priority = $4, priority_goal = $5
                 WHERE office_id = $1 AND day = $2 AND session = $3"
            }
        };
        sqlx::query(sql)
            .bind(office)
            .bind(day)
            .bind(session)
            .bind(now)
            .bind(goal)
            .execute(&mut *conn)
            .await?;
    }
    if write.is_empty() {
        return Ok(!lowered.is_empty());
    }
    let col = |f: fn(&(String, Key, u32, u32)) -> String| -> Vec<String> {
        write.iter().map(f).collect()
    };
    let days: Vec<NaiveDate> = write.iter().map(|w| w.1.0).collect();
    let allotted: Vec<i32> = write
        .iter()
        .map(|w| i32::try_from(w.2).unwrap_or(i32::MAX))
        .collect();
    let recall: Vec<i32> = write
        .iter()
        .map(|w| i32::try_from(w.3).unwrap_or(i32::MAX))
        .collect();
    sqlx::query(
        "INSERT INTO seat_allotments (office_id, counter_code, day, session, share, allotted, recall)
         SELECT $1, c, d, s, sh, a, r
         FROM unnest($2::text[], $3::date[], $4::text[], $5::text[], $6::int4[], $7::int4[])
             AS x(c, d, s, sh, a, r)
         ON CONFLICT (office_id, counter_code, day, session, share)
         DO UPDATE SET allotted = EXCLUDED.allotted, recall = EXCLUDED.recall",
    )
    .bind(office)
    .bind(col(|w| w.0.clone()))
    .bind(&days)
    .bind(col(|w| w.1.1.clone()))
    .bind(col(|w| w.1.2.clone()))
    .bind(&allotted)
    .bind(&recall)
    .execute(&mut *conn)
    .await?;
    Ok(true)
}

#[derive(Debug, sqlx::FromRow)]
struct SeatRow {
    day: NaiveDate,
    session: String,
    share: String,
    allotted: i32,
    recall: i32,
}

fn seat_state(r: SeatRow) -> Option<SeatState> {
    Some(SeatState {
        date: r.day,
        session: SessionKind::try_from(r.session.as_str()).ok()?,
        share: Share::try_from(r.share.as_str()).ok()?,
        allotted: u32::try_from(r.allotted).ok()?,
        recall: u32::try_from(r.recall).ok()?,
    })
}

/// `counter`'s holdings named by change-log keys (`<counter>|<day>|<session>|<share>`).
pub(super) async fn by_keys(
    conn: &mut PgConnection,
    office: &str,
    counter: &str,
    keys: &[String],
) -> Result<Vec<SeatState>, sqlx::Error> {
    let mut days = Vec::new();
    let mut sessions = Vec::new();
    let mut shares = Vec::new();
    for k in keys {
        let mut p = k.split('|');
        if let (Some(c), Some(d), Some(s), Some(sh)) = (p.next(), p.next(), p.next(), p.next())
            && c == counter
            && let Ok(d) = NaiveDate::parse_from_str(d, "%Y-%m-%d")
        {
            days.push(d);
            sessions.push(s.to_owned());
            shares.push(sh.to_owned());
        }
    }
    if days.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<SeatRow> = sqlx::query_as(
        "SELECT s.day, s.session, s.share, s.allotted, s.recall FROM seat_allotments s
         JOIN unnest($3::date[], $4::text[], $5::text[]) AS k(day, session, share)
           ON s.day = k.day AND s.session = k.session AND s.share = k.share
         WHERE s.office_id = $1 AND s.counter_code = $2",
    )
    .bind(office)
    .bind(counter)
    .bind(&days)
    .bind(&sessions)
    .bind(&shares)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().filter_map(seat_state).collect())
}

/// Everything `counter` holds from `from` on (a first sync).
pub(super) async fn window(
    conn: &mut PgConnection,
    office: &str,
    counter: &str,
    from: NaiveDate,
) -> Result<Vec<SeatState>, sqlx::Error> {
    let rows: Vec<SeatRow> = sqlx::query_as(
        "SELECT day, session, share, allotted, recall FROM seat_allotments
         WHERE office_id = $1 AND counter_code = $2 AND day >= $3 ORDER BY day, session, share",
    )
    .bind(office)
    .bind(counter)
    .bind(from)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().filter_map(seat_state).collect())
}
