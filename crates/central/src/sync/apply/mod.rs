//! What a pushed entry does to the office at the central, inside the push's transaction.
//!
//! The counter's facts are kept: a walk-in is stored even when it collides with something the
//! central knows (a NIK booked elsewhere within 30 days, a session without a quota row), and the
//! collision becomes a conflict every PC of the office shows ("Perlu perhatian"). An arrival is
//! never undone; a cancellation is final. A quota change is compare-and-set per session against
//! the split the approving PC saw, and never goes below what is sold online.
//!
//! Each entry runs in its own savepoint: if PostgreSQL refuses one (a booking code another PC of
//! the office already used), that entry alone is refused as an outcome and the batch goes on, so
//! one bad entry can never wedge the queue behind it.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use loket_domain::booking::FREEZE_DAYS;
use loket_domain::op::{
    Arrival, ArrivalsFromProof, ArrivalsRecorded, BookingCancelled, ConflictRead, OfficeClosed,
    WalkInBooked,
};
use loket_domain::pii::mask_nik;
use loket_domain::seats::share_of_category;
use loket_domain::{Author, Bilingual, Category, Op, Text, text};
use loket_sync::{Entry, EntryResult, Outcome};
use sqlx::{Acquire, PgConnection};
use uuid::Uuid;

use crate::devices::Device;
use crate::error::ApiError;

mod quota;

/// What applying an entry touched, for the caches to forget after the commit.
#[derive(Debug, Default)]
pub(super) struct Touched {
    pub(super) quota: bool,
}

/// One conflict to raise for the office.
struct Raised {
    suffix: String,
    kind: &'static str,
    code: Option<String>,
    message: Text,
}

struct Ctx<'a> {
    device: &'a Device,
    entry: &'a Entry,
    by: Author,
    at: DateTime<Utc>,
    raised: Vec<Raised>,
    touched: &'a mut Touched,
}

fn applied(seq: i64) -> EntryResult {
    EntryResult {
        seq,
        outcome: Outcome::Applied,
        code: None,
        message: None,
    }
}

fn refused(seq: i64, code: &str, message: Text) -> EntryResult {
    EntryResult {
        seq,
        outcome: Outcome::Refused,
        code: Some(code.to_owned()),
        message: Some(message),
    }
}

/// The booking code an entry is about, for the "Perlu perhatian" list.
fn code_of(entry: &Entry) -> Option<String> {
    serde_json::from_str::<serde_json::Value>(&entry.payload)
        .ok()?
        .get("code")?
        .as_str()
        .map(str::to_owned)
}

/// A database error that says "try again" (the batch is answered 503 and nothing is stored),
/// rather than "this entry cannot be applied".
fn transient(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => matches!(d.code().as_deref(), Some("40001" | "40P01")),
        _ => true,
    }
}

/// Applies a new entry and answers its outcome; refusals and conflicts are raised for the office.
pub(super) async fn entry(
    conn: &mut PgConnection,
    device: &Device,
    entry: &Entry,
    now: DateTime<Utc>,
    touched: &mut Touched,
) -> Result<EntryResult, ApiError> {
    let seq = entry.seq;
    let (by, op) = match Op::decode(&entry.op_type, &entry.payload) {
        Ok(decoded) => decoded,
        Err(e) => {
            let (why, why_en) = (e.to_string(), e.en());
            let r = refused(
                seq,
                "op.unreadable",
                text!(
                    "Entri no. {seq} tidak dapat dibaca pusat: {why}",
                    "The central cannot read entry no. {seq}: {why_en}"
                ),
            );
            raise_refusal(conn, device, entry, &r, now).await?;
            return Ok(r);
        }
    };
    let at = DateTime::parse_from_rfc3339(&entry.occurred_utc)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(now);
    let mut sp = conn.begin().await?;
    let mut ctx = Ctx {
        device,
        entry,
        by,
        at,
        raised: Vec::new(),
        touched,
    };
    match effects(&mut sp, &mut ctx, op).await {
        Ok(None) => {
            for r in std::mem::take(&mut ctx.raised) {
                raise(&mut sp, &ctx, r).await?;
            }
            sp.commit().await?;
            Ok(applied(seq))
        }
        Ok(Some(r)) => {
            sp.rollback().await?;
            raise_refusal(conn, device, entry, &r, now).await?;
            Ok(r)
        }
        Err(e) if transient(&e) => Err(e.into()),
        Err(e) => {
            sp.rollback().await?;
            let what = match &e {
                sqlx::Error::Database(d) if d.code().as_deref() == Some("23505") => {
                    "kode atau nomor yang sama sudah dipakai di kantor ini"
                }
                _ => "data entri tidak sesuai dengan yang tersimpan di pusat",
            };
            tracing::warn!(seq, op = %entry.op_type, error = %e, "pushed entry not applicable");
            let r = refused(
                seq,
                "op.not_applicable",
                text!(
                    "Pusat tidak dapat menerapkan entri no. {seq}: {what}.",
                    "The central cannot apply entry no. {seq}: it clashes with what the central holds."
                ),
            );
            raise_refusal(conn, device, entry, &r, now).await?;
            Ok(r)
        }
    }
}

async fn raise_refusal(
    conn: &mut PgConnection,
    device: &Device,
    entry: &Entry,
    r: &EntryResult,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let Some(message) = &r.message else {
        return Ok(());
    };
    insert_conflict(
        conn,
        device,
        &format!("{}:{}", entry.device_id, entry.seq),
        "refused",
        code_of(entry).as_deref(),
        message,
        now,
    )
    .await
}

async fn raise(conn: &mut PgConnection, ctx: &Ctx<'_>, r: Raised) -> Result<(), ApiError> {
    let key = format!("{}:{}:{}", ctx.entry.device_id, ctx.entry.seq, r.suffix);
    insert_conflict(
        conn,
        ctx.device,
        &key,
        r.kind,
        r.code.as_deref(),
        &r.message,
        ctx.at,
    )
    .await
}

async fn insert_conflict(
    conn: &mut PgConnection,
    device: &Device,
    key: &str,
    kind: &str,
    code: Option<&str>,
    message: &Text,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO conflicts (office_id, conflict_key, kind, booking_code, counter_code,
             message_id, message_en, raised_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
    )
    .bind(&device.office)
    .bind(key)
    .bind(kind)
    .bind(code)
    .bind(&device.counter_code)
    .bind(&message.id)
    .bind(&message.en)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The entry's effects; `Some` refuses it (nothing of it is kept but the log row).
async fn effects(
    conn: &mut PgConnection,
    ctx: &mut Ctx<'_>,
    op: Op,
) -> Result<Option<EntryResult>, sqlx::Error> {
    match op {
        Op::WalkInBooked(w) => walk_in(conn, ctx, w).await.map(|()| None),
        Op::ArrivalsRecorded(a) => arrivals(conn, ctx, a).await.map(|()| None),
        Op::ArrivalsFromProof(p) => from_proof(conn, ctx, p).await.map(|()| None),
        Op::BookingCancelled(c) => cancelled(conn, ctx, &c).await.map(|()| None),
        Op::OfficeClosed(c) => closed(conn, ctx, &c, "closure").await.map(|()| None),
        Op::HolidayAdded(h) => {
            let c = OfficeClosed {
                date: h.date,
                reason: h.name,
                cancelled: h.cancelled,
            };
            closed(conn, ctx, &c, "holiday").await.map(|()| None)
        }
        Op::HolidayRemoved(h) => {
            sqlx::query(
                "DELETE FROM closures WHERE office_id = $1 AND day = $2 AND kind = 'holiday'",
            )
            .bind(&ctx.device.office)
            .bind(h.date)
            .execute(&mut *conn)
            .await?;
            Ok(None)
        }
        Op::QuotaApproved(d) => quota::approved(conn, ctx, &d).await.map(|()| None),
        // A PC's own key, for the office's other PCs; a PC's note that it trusts the central's
        // key tells the central nothing.
        Op::KeyTrusted(k) if k.origin == loket_domain::KeyOrigin::Device => {
            sqlx::query(
                "INSERT INTO office_keys (office_id, key_id, public_key, counter_code, added_at)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (office_id, key_id) DO NOTHING",
            )
            .bind(&ctx.device.office)
            .bind(&k.key_id)
            .bind(&k.public_key)
            .bind(&ctx.device.counter_code)
            .bind(ctx.at)
            .execute(&mut *conn)
            .await?;
            Ok(None)
        }
        Op::SeatsReturned(r) => {
            let (office, counter) = (ctx.device.office.clone(), ctx.device.counter_code.clone());
            super::seats::returned(conn, &office, &counter, &r)
                .await
                .map(|()| None)
        }
        Op::ConflictRead(ConflictRead { key }) => {
            sqlx::query(
                "UPDATE conflicts SET acknowledged_by = $3, acknowledged_at = $4
                 WHERE office_id = $1 AND conflict_key = $2 AND acknowledged_at IS NULL",
            )
            .bind(&ctx.device.office)
            .bind(&key)
            .bind(&ctx.by.name)
            .bind(ctx.at)
            .execute(&mut *conn)
            .await?;
            Ok(None)
        }
        // The rest is the office's audit trail: stored in the log, nothing else to change.
        _ => Ok(None),
    }
}

async fn walk_in(
    conn: &mut PgConnection,
    ctx: &mut Ctx<'_>,
    w: WalkInBooked,
) -> Result<(), sqlx::Error> {
    let office = ctx.device.office.clone();
    let holder = w
        .applicants
        .first()
        .map(|a| a.nik.clone())
        .unwrap_or_default();
    let inserted = sqlx::query(
        "INSERT INTO bookings (office_id, booking_id, code, day, session, kk_number, holder_nik,
             status, channel, proof, created_at, category, counter_code, priority_reason,
             override_reason, kecamatan_code, address_line)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', 'loket', $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (office_id, booking_id) DO NOTHING",
    )
    .bind(&office)
    .bind(w.booking_id)
    .bind(&w.code)
    .bind(w.date)
    .bind(w.session.as_str())
    .bind(&w.kk_number)
    .bind(&holder)
    .bind(&w.proof_qr)
    .bind(ctx.at)
    .bind(w.category.as_str())
    .bind(w.counter.as_str())
    .bind(w.priority_reason.map(|r| r.as_str()))
    .bind(&w.override_reason)
    .bind(&w.kecamatan_code)
    .bind(&w.address_line)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Ok(());
    }
    for a in &w.applicants {
        sqlx::query(
            "INSERT INTO applicants (office_id, booking_id, applicant_id, position, nik,
                 full_name, relation, application_type, old_passport, old_passport_expiry, sex,
                 birth_date)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(&office)
        .bind(w.booking_id)
        .bind(a.id)
        .bind(i16::from(a.position.saturating_sub(1)))
        .bind(&a.nik)
        .bind(&a.full_name)
        .bind(a.relation.as_str())
        .bind(a.application_type.as_str())
        .bind(&a.old_passport)
        .bind(a.old_passport_expiry)
        .bind(a.sex.as_str())
        .bind(a.birth_date)
        .execute(&mut *conn)
        .await?;
    }
    if w.override_reason.is_none() {
        overflow(conn, ctx, &w).await?;
    }
    // A date the office closed meanwhile (on another PC): the walk-in is kept as a record,
    // cancelled by the closure, and raised so the office contacts the family.
    let closed: Option<String> =
        sqlx::query_scalar("SELECT reason FROM closures WHERE office_id = $1 AND day = $2")
            .bind(&office)
            .bind(w.date)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some(reason) = closed {
        cancel_booking(conn, &office, w.booking_id, ctx.at).await?;
        let (code, when) = (w.code.clone(), w.date.format("%d/%m/%Y").to_string());
        ctx.raised.push(Raised {
            suffix: "closed".to_owned(),
            kind: "closed_cancelled",
            code: Some(w.code.clone()),
            message: text!(
                "Walk-in {code} dicatat untuk {when}, padahal kantor tutup pada tanggal itu ({reason}); pemesanan dibatalkan, hubungi pemohonnya.",
                "Walk-in {code} was booked for {when}, but the office is closed that day ({reason}); the booking is cancelled, contact its applicants."
            ),
        });
    }
    // The 30-day freeze cannot be reserved ahead across offices: the walk-in is kept (the
    // citizen is at the counter) and an overlap is raised for the office head to decide.
    let booked_on = NaiveDate::parse_from_str(
        ctx.entry.occurred_local.get(..10).unwrap_or_default(),
        "%Y-%m-%d",
    )
    .unwrap_or(w.date);
    for a in &w.applicants {
        let last: Option<(NaiveDate, String)> =
            sqlx::query_as("SELECT last_booked, office_id FROM nik_freeze WHERE nik = $1")
                .bind(&a.nik)
                .fetch_optional(&mut *conn)
                .await?;
        if let Some((day, at)) = last
            && day > booked_on - Duration::days(FREEZE_DAYS)
        {
            let (nik, code) = (mask_nik(&a.nik), w.code.clone());
            let when = day.format("%d/%m/%Y").to_string();
            ctx.raised.push(Raised {
                suffix: format!("nik:{}", a.position),
                kind: "nik_freeze",
                code: Some(w.code.clone()),
                message: text!(
                    "NIK {nik} sudah memilih jadwal pada {when} (kantor {at}), kurang dari 30 hari sebelum walk-in {code}. Walk-in tetap dicatat; kepala kantor memutuskan.",
                    "NIK {nik} already chose a date on {when} (office {at}), less than 30 days before walk-in {code}. The walk-in is kept; the office head decides."
                ),
            });
        }
        sqlx::query(
            "INSERT INTO nik_freeze (nik, last_booked, office_id) VALUES ($1, $2, $3)
             ON CONFLICT (nik) DO UPDATE SET last_booked = GREATEST(nik_freeze.last_booked, EXCLUDED.last_booked),
                 office_id = CASE WHEN EXCLUDED.last_booked >= nik_freeze.last_booked
                                  THEN EXCLUDED.office_id ELSE nik_freeze.office_id END",
        )
        .bind(&a.nik)
        .bind(booked_on)
        .bind(&office)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A walk-in booked beyond the seats its counter held, with no free seat left in the share to
/// charge it to: kept (the citizen was served), and raised as overflow nobody approved. A PC that
/// books only within the seats it holds never causes one.
async fn overflow(
    conn: &mut PgConnection,
    ctx: &mut Ctx<'_>,
    w: &WalkInBooked,
) -> Result<(), sqlx::Error> {
    let office = ctx.device.office.clone();
    let share = share_of_category(w.category == Category::Prioritas);
    let limit: Option<i32> = sqlx::query_scalar(
        "SELECT CASE WHEN $4 = 'prioritas' THEN priority ELSE counter END FROM quota
         WHERE office_id = $1 AND day = $2 AND session = $3",
    )
    .bind(&office)
    .bind(w.date)
    .bind(w.session.as_str())
    .bind(share.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(limit) = limit else { return Ok(()) };
    let counter = ctx.device.counter_code.clone();
    let used =
        super::seats::booked(conn, &office, Some(&counter), w.date, w.session, share).await?;
    let allotted =
        super::seats::allotted_to(conn, &office, &counter, w.date, w.session, share).await?;
    if used <= i64::from(allotted) {
        return Ok(());
    }
    let held = super::seats::held(conn, &office, w.date, w.session, share).await?;
    if held <= i64::from(limit) {
        return Ok(());
    }
    let (code, over) = (w.code.clone(), held - i64::from(limit));
    let when = w.date.format("%d/%m/%Y").to_string();
    let (sid, sen) = (w.session.to_string(), w.session.en());
    ctx.raised.push(Raised {
        suffix: "overflow".to_owned(),
        kind: "overflow_unapproved",
        code: Some(w.code.clone()),
        message: text!(
            "Walk-in {code} dari loket {counter} melebihi kursi yang dipegang loket itu, dan kuota sesi {sid} {when} sudah habis: lebih {over} kursi tanpa persetujuan kepala kantor.",
            "Walk-in {code} from counter {counter} goes beyond the seats that counter held, and the {sen} session on {when} has no seat left: {over} over without the office head's approval."
        ),
    });
    Ok(())
}

/// Arrivals a PC recorded from a proof before it had the booking: found by code, the applicants
/// by their place on it, then applied as any arrival (never undone, first number kept).
async fn from_proof(
    conn: &mut PgConnection,
    ctx: &mut Ctx<'_>,
    p: ArrivalsFromProof,
) -> Result<(), sqlx::Error> {
    let office = ctx.device.office.clone();
    let rows: Vec<(Uuid, Uuid, i16)> = sqlx::query_as(
        "SELECT b.booking_id, a.applicant_id, a.position FROM bookings b
         JOIN applicants a ON a.office_id = b.office_id AND a.booking_id = b.booking_id
         WHERE b.office_id = $1 AND b.code = $2 ORDER BY a.position",
    )
    .bind(&office)
    .bind(&p.code)
    .fetch_all(&mut *conn)
    .await?;
    let booking_id = rows.first().map_or(Uuid::nil(), |r| r.0);
    let found: Vec<Arrival> = p
        .arrivals
        .iter()
        .filter_map(|x| {
            let at = i16::from(x.position.saturating_sub(1));
            rows.iter().find(|r| r.2 == at).map(|r| Arrival {
                applicant_id: r.1,
                queue_number: x.queue_number.clone(),
                arrived_utc: x.arrived_utc,
            })
        })
        .collect();
    arrivals(
        conn,
        ctx,
        ArrivalsRecorded {
            booking_id,
            code: p.code,
            arrivals: found,
        },
    )
    .await
}

async fn arrivals(
    conn: &mut PgConnection,
    ctx: &mut Ctx<'_>,
    a: ArrivalsRecorded,
) -> Result<(), sqlx::Error> {
    let office = ctx.device.office.clone();
    let status: Option<String> = sqlx::query_scalar(
        "SELECT status FROM bookings WHERE office_id = $1 AND booking_id = $2 FOR UPDATE",
    )
    .bind(&office)
    .bind(a.booking_id)
    .fetch_optional(&mut *conn)
    .await?;
    let code = a.code.clone();
    match status.as_deref() {
        None => {
            ctx.raised.push(Raised {
                suffix: "arrival".to_owned(),
                kind: "arrival_unknown",
                code: Some(a.code.clone()),
                message: text!(
                    "Kedatangan untuk pemesanan {code} dicatat di loket, tetapi pemesanan itu tidak ada di pusat.",
                    "An arrival for booking {code} was recorded at the counter, but the central has no such booking."
                ),
            });
            return Ok(());
        }
        Some("cancelled") => ctx.raised.push(Raised {
            suffix: "arrival".to_owned(),
            kind: "arrived_after_cancel",
            code: Some(a.code.clone()),
            message: text!(
                "Pemohon pada pemesanan {code} dicatat datang, padahal pemesanan itu sudah dibatalkan. Kedatangan tetap dicatat; periksa pemesanannya.",
                "Applicants of booking {code} were recorded as arrived although the booking was cancelled. The arrival is kept; check the booking."
            ),
        }),
        Some(_) => {}
    }
    for arrival in &a.arrivals {
        // The lattice: whoever records an arrival first keeps their queue number and time.
        sqlx::query(
            "UPDATE applicants SET status = 'arrived', queue_number = $4, arrived_at = $5
             WHERE office_id = $1 AND booking_id = $2 AND applicant_id = $3 AND status <> 'arrived'",
        )
        .bind(&office)
        .bind(a.booking_id)
        .bind(arrival.applicant_id)
        .bind(arrival.queue_number.to_string())
        .bind(arrival.arrived_utc)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Cancels an active booking: expected applicants with it, and its online seats back to the
/// online share. Arrived applicants stay arrived.
async fn cancel_booking(
    conn: &mut PgConnection,
    office: &str,
    booking_id: Uuid,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let row: Option<(String, NaiveDate, String)> = sqlx::query_as(
        "UPDATE bookings SET status = 'cancelled', cancelled_at = $3
         WHERE office_id = $1 AND booking_id = $2 AND status = 'active'
         RETURNING channel, day, session",
    )
    .bind(office)
    .bind(booking_id)
    .bind(at)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((channel, day, session)) = row else {
        return Ok(false);
    };
    sqlx::query(
        "UPDATE applicants SET status = 'cancelled'
         WHERE office_id = $1 AND booking_id = $2 AND status = 'expected'",
    )
    .bind(office)
    .bind(booking_id)
    .execute(&mut *conn)
    .await?;
    if channel == "online" {
        sqlx::query(
            "UPDATE quota SET online_booked = online_booked -
                 (SELECT count(*) FROM applicants WHERE office_id = $1 AND booking_id = $4)::int
             WHERE office_id = $1 AND day = $2 AND session = $3",
        )
        .bind(office)
        .bind(day)
        .bind(&session)
        .bind(booking_id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(true)
}

async fn cancelled(
    conn: &mut PgConnection,
    ctx: &mut Ctx<'_>,
    c: &BookingCancelled,
) -> Result<(), sqlx::Error> {
    let office = ctx.device.office.clone();
    if cancel_booking(conn, &office, c.booking_id, ctx.at).await? {
        ctx.touched.quota = true;
    }
    Ok(())
}

/// The office is closed on a date: the office's fact wins over everything on it. Every active
/// booking of the date is cancelled, online ones and other PCs' walk-ins too, and no online
/// booking can be made for it any more. Bookings the closing PC did not know of are raised, so
/// the office contacts those citizens as well.
async fn closed(
    conn: &mut PgConnection,
    ctx: &mut Ctx<'_>,
    c: &OfficeClosed,
    kind: &str,
) -> Result<(), sqlx::Error> {
    let office = ctx.device.office.clone();
    sqlx::query(
        "INSERT INTO closures (office_id, day, reason, kind) VALUES ($1, $2, $3, $4)
         ON CONFLICT (office_id, day) DO UPDATE SET reason = EXCLUDED.reason, kind = EXCLUDED.kind",
    )
    .bind(&office)
    .bind(c.date)
    .bind(&c.reason)
    .bind(kind)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE quota SET closes_at = $3
         WHERE office_id = $1 AND day = $2 AND (closes_at IS NULL OR closes_at > $3)",
    )
    .bind(&office)
    .bind(c.date)
    .bind(ctx.at)
    .execute(&mut *conn)
    .await?;
    let active: Vec<(Uuid, String)> = sqlx::query_as(
        "SELECT booking_id, code FROM bookings
         WHERE office_id = $1 AND day = $2 AND status = 'active' ORDER BY code",
    )
    .bind(&office)
    .bind(c.date)
    .fetch_all(&mut *conn)
    .await?;
    let when = c.date.format("%d/%m/%Y").to_string();
    for (id, code) in active {
        cancel_booking(conn, &office, id, ctx.at).await?;
        if !c.cancelled.contains(&id) {
            let shown = code.clone();
            ctx.raised.push(Raised {
                suffix: format!("closure:{shown}"),
                kind: "closed_cancelled",
                code: Some(code),
                message: text!(
                    "Pemesanan {shown} ikut dibatalkan karena kantor tutup pada {when}; hubungi pemohonnya.",
                    "Booking {shown} was cancelled too because the office is closed on {when}; contact its applicants."
                ),
            });
        }
    }
    ctx.touched.quota = true;
    Ok(())
}
