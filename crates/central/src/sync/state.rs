//! The current state of the entities a pull delivers, read in batches by key.

use chrono::{DateTime, NaiveDate, Utc};
use loket_domain::{
    ApplicantStatus, ApplicationType, BookingStatus, Category, Channel, CounterCode, HolidayKind,
    Nik, PriorityReason, QueueNumber, Relation, SessionKind, Sex, Text,
};
use loket_sync::{
    ApplicantState, BookingState, ClosureState, ConflictState, HolidayState, KeyState, QuotaState,
};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::Central;
use crate::error::ApiError;

#[derive(Debug, sqlx::FromRow)]
struct BookingRow {
    booking_id: Uuid,
    code: String,
    day: NaiveDate,
    session: String,
    channel: String,
    category: String,
    counter_code: Option<String>,
    kk_number: String,
    status: String,
    proof: String,
    created_at: DateTime<Utc>,
    priority_reason: Option<String>,
    override_reason: Option<String>,
    kecamatan_code: Option<String>,
    address_line: Option<String>,
}

#[derive(Debug, sqlx::FromRow)]
struct ApplicantRow {
    booking_id: Uuid,
    applicant_id: Uuid,
    position: i16,
    nik: String,
    full_name: String,
    relation: String,
    sex: Option<String>,
    birth_date: Option<NaiveDate>,
    application_type: String,
    old_passport: Option<String>,
    old_passport_expiry: Option<NaiveDate>,
    status: String,
    queue_number: Option<String>,
    arrived_at: Option<DateTime<Utc>>,
}

/// A stored value that does not parse: the row is left out of the answer and logged, so one
/// damaged row cannot stall every pull of its office.
#[derive(Debug)]
struct Damaged(&'static str);

fn parse<T: for<'a> TryFrom<&'a str>>(what: &'static str, s: &str) -> Result<T, Damaged> {
    T::try_from(s).map_err(|_| Damaged(what))
}

fn applicant(
    central: &Central,
    a: ApplicantRow,
    today: NaiveDate,
) -> Result<ApplicantState, Damaged> {
    // Rows booked before the central kept sex and birth date: the NIK says both.
    let nik = Nik::parse(&a.nik, &central.regions)
        .map_err(|_| Damaged("nik"))?
        .nik;
    let sex = match a.sex.as_deref() {
        Some(s) => parse::<Sex>("sex", s)?,
        None => nik.sex(),
    };
    let birth_date = a
        .birth_date
        .or_else(|| nik.birth_date(today, None))
        .ok_or(Damaged("birth_date"))?;
    Ok(ApplicantState {
        applicant_id: a.applicant_id,
        position: u8::try_from(a.position + 1).map_err(|_| Damaged("position"))?,
        nik: a.nik,
        full_name: a.full_name,
        relation: parse::<Relation>("relation", &a.relation)?,
        sex,
        birth_date,
        application_type: parse::<ApplicationType>("application_type", &a.application_type)?,
        old_passport: a.old_passport,
        old_passport_expiry: a.old_passport_expiry,
        status: parse::<ApplicantStatus>("status", &a.status)?,
        queue: a
            .queue_number
            .map(|q| QueueNumber::parse(&q).map_err(|_| Damaged("queue_number")))
            .transpose()?,
        arrived_utc: a.arrived_at,
    })
}

fn booking(b: BookingRow, applicants: Vec<ApplicantState>) -> Result<BookingState, Damaged> {
    Ok(BookingState {
        booking_id: b.booking_id,
        code: b.code,
        date: b.day,
        session: parse::<SessionKind>("session", &b.session)?,
        channel: parse::<Channel>("channel", &b.channel)?,
        category: parse::<Category>("category", &b.category)?,
        counter: b
            .counter_code
            .map(|c| CounterCode::parse(&c).map_err(|_| Damaged("counter_code")))
            .transpose()?,
        kk_number: b.kk_number,
        status: parse::<BookingStatus>("status", &b.status)?,
        proof_qr: b.proof,
        created_utc: b.created_at,
        priority_reason: b
            .priority_reason
            .map(|r| parse::<PriorityReason>("priority_reason", &r))
            .transpose()?,
        override_reason: b.override_reason,
        kecamatan_code: b.kecamatan_code,
        address_line: b.address_line,
        applicants,
    })
}

fn damaged(office: &str, what: &str, key: &str) {
    tracing::error!(
        office,
        what,
        key,
        "stored row does not parse; left out of the pull"
    );
}

/// The bookings of `office` with these ids, whole, in the order asked.
pub(super) async fn bookings(
    central: &Central,
    conn: &mut PgConnection,
    office: &str,
    ids: &[Uuid],
    today: NaiveDate,
) -> Result<Vec<BookingState>, ApiError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<BookingRow> = sqlx::query_as(
        "SELECT booking_id, code, day, session, channel, category, counter_code, kk_number,
                status, proof, created_at, priority_reason, override_reason, kecamatan_code,
                address_line
         FROM bookings WHERE office_id = $1 AND booking_id = ANY($2)
         ORDER BY day, session, code",
    )
    .bind(office)
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?;
    let people: Vec<ApplicantRow> = sqlx::query_as(
        "SELECT booking_id, applicant_id, position, nik, full_name, relation, sex, birth_date,
                application_type, old_passport, old_passport_expiry, status, queue_number,
                arrived_at
         FROM applicants WHERE office_id = $1 AND booking_id = ANY($2)
         ORDER BY booking_id, position",
    )
    .bind(office)
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_booking: std::collections::HashMap<Uuid, Vec<ApplicantState>> =
        std::collections::HashMap::new();
    for a in people {
        let id = a.booking_id;
        match applicant(central, a, today) {
            Ok(s) => by_booking.entry(id).or_default().push(s),
            Err(Damaged(what)) => damaged(office, what, &id.to_string()),
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    for b in rows {
        let id = b.booking_id;
        match booking(b, by_booking.remove(&id).unwrap_or_default()) {
            Ok(s) => out.push(s),
            Err(Damaged(what)) => damaged(office, what, &id.to_string()),
        }
    }
    Ok(out)
}

#[derive(Debug, sqlx::FromRow)]
struct QuotaRow {
    day: NaiveDate,
    session: String,
    online: i32,
    counter: i32,
    priority: i32,
    online_booked: i32,
    opens_at: DateTime<Utc>,
}

/// Quota rows by `(day, session)`.
pub(super) async fn quota(
    conn: &mut PgConnection,
    office: &str,
    keys: &[(NaiveDate, String)],
) -> Result<Vec<QuotaState>, ApiError> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let days: Vec<NaiveDate> = keys.iter().map(|k| k.0).collect();
    let sessions: Vec<&str> = keys.iter().map(|k| k.1.as_str()).collect();
    let rows: Vec<QuotaRow> = sqlx::query_as(
        "SELECT q.day, q.session, q.online, q.counter, q.priority, q.online_booked, q.opens_at
         FROM quota q JOIN unnest($2::date[], $3::text[]) AS k(day, session)
           ON q.day = k.day AND q.session = k.session
         WHERE q.office_id = $1 ORDER BY q.day, q.session",
    )
    .bind(office)
    .bind(&days)
    .bind(&sessions)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|q| quota_state(office, q))
        .collect())
}

/// Every quota row of `office` from `from` to `to`.
pub(super) async fn quota_window(
    conn: &mut PgConnection,
    office: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<QuotaState>, ApiError> {
    let rows: Vec<QuotaRow> = sqlx::query_as(
        "SELECT day, session, online, counter, priority, online_booked, opens_at FROM quota
         WHERE office_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day, session",
    )
    .bind(office)
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|q| quota_state(office, q))
        .collect())
}

fn quota_state(office: &str, q: QuotaRow) -> Option<QuotaState> {
    let n = |v: i32| u32::try_from(v).ok();
    let state = (|| {
        Some(QuotaState {
            date: q.day,
            session: SessionKind::try_from(q.session.as_str()).ok()?,
            online: n(q.online)?,
            counter: n(q.counter)?,
            priority: n(q.priority)?,
            online_booked: n(q.online_booked)?,
            opens_utc: q.opens_at,
        })
    })();
    if state.is_none() {
        damaged(office, "quota", &q.day.to_string());
    }
    state
}

/// Closures on these days (a day without a row: the closure was lifted).
pub(super) async fn closures(
    conn: &mut PgConnection,
    office: &str,
    days: &[NaiveDate],
) -> Result<Vec<ClosureState>, ApiError> {
    if days.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(NaiveDate, Option<String>)> = sqlx::query_as(
        "SELECT k.day, c.reason FROM unnest($2::date[]) AS k(day)
         LEFT JOIN closures c ON c.office_id = $1 AND c.day = k.day ORDER BY k.day",
    )
    .bind(office)
    .bind(days)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(date, reason)| ClosureState { date, reason })
        .collect())
}

/// Closures of `office` from `from` to `to`.
pub(super) async fn closure_window(
    conn: &mut PgConnection,
    office: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<ClosureState>, ApiError> {
    let rows: Vec<(NaiveDate, String)> = sqlx::query_as(
        "SELECT day, reason FROM closures WHERE office_id = $1 AND day BETWEEN $2 AND $3
         ORDER BY day",
    )
    .bind(office)
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(date, reason)| ClosureState {
            date,
            reason: Some(reason),
        })
        .collect())
}

/// National holidays by `(day, name)`, or from `from` on when `keys` is none.
pub(super) async fn holidays(
    conn: &mut PgConnection,
    keys: Option<&[(NaiveDate, String)]>,
    from: NaiveDate,
) -> Result<Vec<HolidayState>, ApiError> {
    let (days, names): (Vec<NaiveDate>, Vec<String>) =
        keys.map(|k| k.iter().cloned().unzip()).unwrap_or_default();
    let rows: Vec<(NaiveDate, String, Option<String>, Option<String>)> = match keys {
        Some(_) if days.is_empty() => Vec::new(),
        Some(_) => {
            sqlx::query_as(
                "SELECT k.day, k.name, h.kind, h.decree FROM unnest($1::date[], $2::text[])
                     AS k(day, name)
                 LEFT JOIN holidays h ON h.day = k.day AND h.name = k.name ORDER BY k.day",
            )
            .bind(&days)
            .bind(&names)
            .fetch_all(&mut *conn)
            .await?
        }
        None => {
            sqlx::query_as(
                "SELECT day, name, kind, decree FROM holidays WHERE day >= $1 ORDER BY day",
            )
            .bind(from)
            .fetch_all(&mut *conn)
            .await?
        }
    };
    Ok(rows
        .into_iter()
        .map(|(date, name, kind, decree)| HolidayState {
            date,
            name,
            kind: kind.and_then(|k| HolidayKind::try_from(k.as_str()).ok()),
            decree: decree.unwrap_or_default(),
        })
        .collect())
}

#[derive(Debug, sqlx::FromRow)]
struct ConflictRow {
    conflict_key: String,
    kind: String,
    booking_code: Option<String>,
    counter_code: String,
    message_id: String,
    message_en: String,
    raised_at: DateTime<Utc>,
    acknowledged_by: Option<String>,
    acknowledged_at: Option<DateTime<Utc>>,
}

/// Conflicts by key, or every open one when `keys` is none.
pub(super) async fn conflicts(
    conn: &mut PgConnection,
    office: &str,
    keys: Option<&[String]>,
) -> Result<Vec<ConflictState>, ApiError> {
    if keys.is_some_and(<[String]>::is_empty) {
        return Ok(Vec::new());
    }
    let rows: Vec<ConflictRow> = sqlx::query_as(
        "SELECT conflict_key, kind, booking_code, counter_code, message_id, message_en,
                raised_at, acknowledged_by, acknowledged_at
         FROM conflicts WHERE office_id = $1
           AND CASE WHEN $2::text[] IS NULL THEN acknowledged_at IS NULL
                    ELSE conflict_key = ANY($2) END
         ORDER BY raised_at",
    )
    .bind(office)
    .bind(keys)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|c| {
            let counter = CounterCode::parse(&c.counter_code).ok();
            if counter.is_none() {
                damaged(office, "conflict", &c.conflict_key);
            }
            Some(ConflictState {
                key: c.conflict_key,
                kind: c.kind,
                booking_code: c.booking_code,
                message: Text::new(c.message_id, c.message_en),
                counter: counter?,
                raised_utc: c.raised_at,
                acknowledged_by: c.acknowledged_by,
                acknowledged_utc: c.acknowledged_at,
            })
        })
        .collect())
}

/// The office's PC keys: those named (`Some`), or all of them (a first sync).
pub(super) async fn keys(
    conn: &mut PgConnection,
    office: &str,
    ids: Option<&[String]>,
) -> Result<Vec<KeyState>, ApiError> {
    if ids.is_some_and(<[String]>::is_empty) {
        return Ok(Vec::new());
    }
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT key_id, public_key, counter_code FROM office_keys
         WHERE office_id = $1 AND ($2::text[] IS NULL OR key_id = ANY($2)) ORDER BY key_id",
    )
    .bind(office)
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(key_id, public_key, counter)| KeyState {
            key_id,
            public_key,
            counter,
        })
        .collect())
}
