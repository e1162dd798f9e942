//! A PC's pull: a snapshot of its office's window on the first sync, then changes by cursor.
//!
//! The cursor is `c:<txid>:<change id>`, the last change delivered, or `s:<watermark>:<after>`
//! while a snapshot is paged. Changes are ordered by the writing transaction's id and only those
//! of transactions older than every one still running are delivered (`txid < xmin`): a
//! transaction that started early and commits late would otherwise appear behind a cursor that
//! already moved on, and its change would never reach the PC. A snapshot's watermark is the xmin
//! taken before it is read, so every change the snapshot might have missed comes after it.

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use chrono::{Duration as Days, NaiveDate};
use loket_domain::text;
use loket_sync::{Change, MAX_PULL, MAX_WAIT_MS, PullRequest, PullResponse};
use sqlx::PgConnection;
use uuid::Uuid;

use super::feed::RECHECK;
use super::{seats, state};
use crate::Central;
use crate::devices::Device;
use crate::error::ApiError;

/// The office's window a first sync copies: the last week (today's lists, recent no-shows)
/// to 90 days ahead (everything bookable).
pub const WINDOW_BEFORE: i64 = 7;
pub const WINDOW_AFTER: i64 = 90;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Cursor {
    Snapshot {
        watermark: u64,
        after: Option<(NaiveDate, Uuid)>,
    },
    Changes {
        txid: u64,
        change: i64,
    },
}

impl Cursor {
    fn parse(s: Option<&str>) -> Result<Option<Self>, ApiError> {
        let Some(s) = s else { return Ok(None) };
        let bad = || {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "sync.cursor",
                text!(
                    "Penanda tarikan data dari pusat tidak dikenal; PC akan mengambil salinan baru.",
                    "The pull cursor is not one the central issued; the PC will take a fresh copy."
                ),
            )
        };
        let mut parts = s.splitn(3, ':');
        let (kind, a, b) = (parts.next(), parts.next(), parts.next());
        match (kind, a, b) {
            (Some("c"), Some(t), Some(c)) => Ok(Some(Cursor::Changes {
                txid: t.parse().map_err(|_| bad())?,
                change: c.parse().map_err(|_| bad())?,
            })),
            (Some("s"), Some(w), Some("")) => Ok(Some(Cursor::Snapshot {
                watermark: w.parse().map_err(|_| bad())?,
                after: None,
            })),
            (Some("s"), Some(w), Some(after)) => {
                let (d, id) = after.split_once('|').ok_or_else(bad)?;
                Ok(Some(Cursor::Snapshot {
                    watermark: w.parse().map_err(|_| bad())?,
                    after: Some((
                        NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| bad())?,
                        Uuid::parse_str(id).map_err(|_| bad())?,
                    )),
                }))
            }
            _ => Err(bad()),
        }
    }

    fn text(&self) -> String {
        match self {
            Cursor::Changes { txid, change } => format!("c:{txid}:{change}"),
            Cursor::Snapshot { watermark, after } => match after {
                None => format!("s:{watermark}:"),
                Some((d, id)) => format!("s:{watermark}:{d}|{id}"),
            },
        }
    }
}

/// What the office's PCs must learn since `req.cursor`, waiting up to `req.wait_ms` for it.
pub async fn pull(
    central: &Central,
    device: &Device,
    req: &PullRequest,
) -> Result<PullResponse, ApiError> {
    super::push::check_protocol(req.protocol)?;
    let limit = i64::from(req.limit.clamp(1, MAX_PULL));
    let cursor = Cursor::parse(req.cursor.as_deref())?;
    let office = device.office.as_str();
    let counter = device.counter_code.as_str();
    lend(central, device, &req.wants).await?;
    let acked: i64 =
        sqlx::query_scalar("SELECT acked_seq FROM devices WHERE office_id = $1 AND device_id = $2")
            .bind(office)
            .bind(device.device_id)
            .fetch_one(&central.pool)
            .await?;
    let with_acked = |mut r: PullResponse| {
        r.acked_through = acked;
        r
    };
    let (txid, change) = match cursor {
        None => {
            return snapshot(central, office, counter, None, limit)
                .await
                .map(with_acked);
        }
        Some(Cursor::Snapshot { watermark, after }) => {
            return snapshot(central, office, counter, Some((watermark, after)), limit)
                .await
                .map(with_acked);
        }
        Some(Cursor::Changes { txid, change }) => (txid, change),
    };
    let deadline = Instant::now() + Duration::from_millis(u64::from(req.wait_ms.min(MAX_WAIT_MS)));
    let bell = central.changes.bell(office);
    loop {
        // Listen before looking, so a change committed in between still wakes this pull.
        let rung = bell.notified();
        tokio::pin!(rung);
        rung.as_mut().enable();
        let page = changes(central, office, counter, txid, change, limit).await?;
        let now = Instant::now();
        if !page.0.changes.is_empty() || now >= deadline {
            return Ok(with_acked(page.0));
        }
        // Changes exist but a transaction older than them still runs: look again very soon.
        let nap = if page.1 {
            Duration::from_millis(50)
        } else {
            RECHECK
        };
        tokio::select! {
            () = &mut rung => {}
            () = tokio::time::sleep(nap.min(deadline - now)) => {}
        }
    }
}

/// Records the PC's asks for seats and lends the office's seats again, before the pull reads what
/// changed (so a grant or a recall reaches this PC in this very answer). Another PC's recall
/// wakes that PC's waiting pull.
async fn lend(
    central: &Central,
    device: &Device,
    wants: &[loket_sync::SeatWant],
) -> Result<(), ApiError> {
    let office = device.office.as_str();
    let today = office_today(central, office, central.clock.now());
    let mut tx = central.pool.begin().await?;
    seats::lock(&mut tx, office).await?;
    let wants: Vec<_> = wants
        .iter()
        .filter(|w| w.date >= today && (1..=5).contains(&w.seats))
        .copied()
        .collect();
    seats::record_wants(&mut tx, office, &device.counter_code, &wants).await?;
    let changed = seats::rebalance_office(&mut tx, office, today).await?;
    tx.commit().await?;
    if changed {
        central.changes.ring(office);
    }
    Ok(())
}

async fn xmin(conn: &mut PgConnection) -> Result<u64, ApiError> {
    let x: String = sqlx::query_scalar("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")
        .fetch_one(&mut *conn)
        .await?;
    x.parse()
        .map_err(|_| ApiError::from(sqlx::Error::Protocol("xmin".into())))
}

/// One page of changes after `(txid, change)`, and whether younger ones are held back.
async fn changes(
    central: &Central,
    office: &str,
    counter: &str,
    txid: u64,
    change: i64,
    limit: i64,
) -> Result<(PullResponse, bool), ApiError> {
    let mut conn = central.pool.acquire().await?;
    let now = central.clock.now();
    let x = xmin(&mut conn).await?;
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT entity, entity_key, txid::text, change_id FROM changes
         WHERE office_id IN ($1, '') AND (txid, change_id) > ($2::text::xid8, $3)
           AND txid < $4::text::xid8 AND (entity <> 'seats' OR entity_key LIKE $6 || '|%')
         ORDER BY txid, change_id LIMIT $5",
    )
    .bind(office)
    .bind(txid.to_string())
    .bind(change)
    .bind(x.to_string())
    .bind(limit)
    .bind(counter)
    .fetch_all(&mut *conn)
    .await?;
    let full = i64::try_from(rows.len()).unwrap_or(i64::MAX) >= limit;
    let next = match rows.last() {
        Some((_, _, t, c)) if full => Cursor::Changes {
            txid: t.parse().unwrap_or(txid),
            change: *c,
        },
        // Everything older than the xmin is delivered.
        _ => Cursor::Changes {
            txid: x.max(txid),
            change: 0,
        },
    };
    let held_back = if rows.is_empty() {
        sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM changes WHERE office_id IN ($1, '')
                 AND (txid, change_id) > ($2::text::xid8, $3)
                 AND (entity <> 'seats' OR entity_key LIKE $4 || '|%'))",
        )
        .bind(office)
        .bind(txid.to_string())
        .bind(change)
        .bind(counter)
        .fetch_one(&mut *conn)
        .await?
    } else {
        false
    };
    let today = office_today(central, office, now);
    let changes = load(central, &mut conn, office, counter, &rows, today).await?;
    Ok((
        PullResponse {
            changes,
            cursor: next.text(),
            up_to_date: !full,
            server_time: now,
            acked_through: 0,
        },
        held_back,
    ))
}

fn office_today(central: &Central, office: &str, now: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    central
        .offices
        .get(office)
        .map_or(now.date_naive(), |o| o.local_date(now))
}

/// The current state of every entity named in `rows`, each once.
async fn load(
    central: &Central,
    conn: &mut PgConnection,
    office: &str,
    counter: &str,
    rows: &[(String, String, String, i64)],
    today: NaiveDate,
) -> Result<Vec<Change>, ApiError> {
    let mut bookings = Vec::new();
    let mut quota = Vec::new();
    let mut closures = Vec::new();
    let mut holidays = Vec::new();
    let mut conflicts = Vec::new();
    let mut seat_keys: Vec<String> = Vec::new();
    let mut key_ids: Vec<String> = Vec::new();
    for (entity, key, _, _) in rows {
        match entity.as_str() {
            "booking" => {
                if let Ok(id) = Uuid::parse_str(key)
                    && !bookings.contains(&id)
                {
                    bookings.push(id);
                }
            }
            "quota" => {
                if let Some((d, s)) = key.split_once('|')
                    && let Ok(d) = NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    && !quota.contains(&(d, s.to_owned()))
                {
                    quota.push((d, s.to_owned()));
                }
            }
            "closure" => {
                if let Ok(d) = NaiveDate::parse_from_str(key, "%Y-%m-%d")
                    && !closures.contains(&d)
                {
                    closures.push(d);
                }
            }
            "holiday" => {
                if let Some((d, name)) = key.split_once('|')
                    && let Ok(d) = NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    && !holidays.contains(&(d, name.to_owned()))
                {
                    holidays.push((d, name.to_owned()));
                }
            }
            "conflict" if !conflicts.contains(key) => conflicts.push(key.clone()),
            "seats" if !seat_keys.contains(key) => seat_keys.push(key.clone()),
            "key" if !key_ids.contains(key) => key_ids.push(key.clone()),
            _ => {}
        }
    }
    let mut out: Vec<Change> = Vec::new();
    out.extend(
        state::quota(conn, office, &quota)
            .await?
            .into_iter()
            .map(Change::Quota),
    );
    out.extend(
        state::closures(conn, office, &closures)
            .await?
            .into_iter()
            .map(Change::Closure),
    );
    out.extend(
        state::holidays(conn, Some(&holidays), today)
            .await?
            .into_iter()
            .map(Change::Holiday),
    );
    out.extend(
        state::bookings(central, conn, office, &bookings, today)
            .await?
            .into_iter()
            .map(Change::Booking),
    );
    out.extend(
        state::conflicts(conn, office, Some(&conflicts))
            .await?
            .into_iter()
            .map(Change::Conflict),
    );
    out.extend(
        seats::by_keys(conn, office, counter, &seat_keys)
            .await?
            .into_iter()
            .map(Change::Seats),
    );
    out.extend(
        state::keys(conn, office, Some(&key_ids))
            .await?
            .into_iter()
            .map(Change::Key),
    );
    Ok(out)
}

/// A page of the first sync's snapshot: on the first page the window's quota, closures, the
/// national holidays ahead and the open conflicts; on every page up to `limit` bookings.
async fn snapshot(
    central: &Central,
    office: &str,
    counter: &str,
    at: Option<(u64, Option<(NaiveDate, Uuid)>)>,
    limit: i64,
) -> Result<PullResponse, ApiError> {
    let mut conn = central.pool.acquire().await?;
    let now = central.clock.now();
    let today = office_today(central, office, now);
    let (from, to) = (
        today - Days::days(WINDOW_BEFORE),
        today + Days::days(WINDOW_AFTER),
    );
    let (watermark, after) = match at {
        Some(w) => w,
        None => (xmin(&mut conn).await?, None),
    };
    let mut out = Vec::new();
    if after.is_none() {
        out.extend(
            state::quota_window(&mut conn, office, from, to)
                .await?
                .into_iter()
                .map(Change::Quota),
        );
        out.extend(
            state::closure_window(&mut conn, office, from, to)
                .await?
                .into_iter()
                .map(Change::Closure),
        );
        out.extend(
            state::holidays(&mut conn, None, from)
                .await?
                .into_iter()
                .map(Change::Holiday),
        );
        out.extend(
            state::conflicts(&mut conn, office, None)
                .await?
                .into_iter()
                .map(Change::Conflict),
        );
        out.extend(
            seats::window(&mut conn, office, counter, today)
                .await?
                .into_iter()
                .map(Change::Seats),
        );
        out.extend(
            state::keys(&mut conn, office, None)
                .await?
                .into_iter()
                .map(Change::Key),
        );
    }
    let (after_day, after_id) = after.unwrap_or((from - Days::days(1), Uuid::nil()));
    let ids: Vec<(NaiveDate, Uuid)> = sqlx::query_as(
        "SELECT day, booking_id FROM bookings
         WHERE office_id = $1 AND day BETWEEN $2 AND $3 AND (day, booking_id) > ($4, $5)
         ORDER BY day, booking_id LIMIT $6",
    )
    .bind(office)
    .bind(from)
    .bind(to)
    .bind(after_day)
    .bind(after_id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let full = i64::try_from(ids.len()).unwrap_or(i64::MAX) >= limit;
    let next = match ids.last() {
        Some(last) if full => Cursor::Snapshot {
            watermark,
            after: Some(*last),
        },
        _ => Cursor::Changes {
            txid: watermark,
            change: 0,
        },
    };
    let just_ids: Vec<Uuid> = ids.iter().map(|(_, id)| *id).collect();
    out.extend(
        state::bookings(central, &mut conn, office, &just_ids, today)
            .await?
            .into_iter()
            .map(Change::Booking),
    );
    Ok(PullResponse {
        changes: out,
        cursor: next.text(),
        // The changes since the watermark come next, even after the last snapshot page.
        up_to_date: false,
        server_time: now,
        acked_through: 0,
    })
}
