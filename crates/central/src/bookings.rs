//! A citizen's booking, lookup and cancellation, with the seeds' rules from `loket-domain`.
//!
//! A booking is one short transaction: claim the idempotency key, freeze each NIK (a conditional
//! upsert that refuses a NIK booked in the last 30 days, at any office), then take the seats with
//! one conditional `UPDATE` of the session's online share. PostgreSQL serialises the two updates on
//! their rows, so two citizens can never both get the last seat, and the quota row is locked only
//! for the moment between that update and the commit.

use axum::http::StatusCode;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use loket_domain::booking::{FREEZE_DAYS, check_applicant_cancellation};
use loket_domain::proof::ProofClaim;
use loket_domain::walkin::PassportNumber;
use loket_domain::{
    ApplicationType, Bilingual, BookingError, BookingStatus, Family, KkNumber, Nik, Office,
    OfficeSchedule, Relation, SessionKind, Text, text,
};
use serde::{Deserialize, Serialize};
use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use crate::Central;
use crate::availability::Seats;
use crate::error::ApiError;
use crate::idempotency::{self, Claim};

/// `POST /v1/bookings`: 1–5 applicants of one family card, the account holder first.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BookingRequest {
    pub office: String,
    pub date: NaiveDate,
    pub session: SessionKind,
    pub kk_number: String,
    pub applicants: Vec<ApplicantRequest>,
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApplicantRequest {
    pub nik: String,
    pub full_name: String,
    pub relation: Relation,
    pub application_type: ApplicationType,
    /// Required for a renewal (penggantian).
    #[serde(default)]
    pub old_passport: Option<String>,
}

/// `POST /v1/offices/{office}/bookings/{code}/cancel`: the account holder's NIK.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CancelRequest {
    pub nik: String,
}

/// A booking as its citizen sees it (NIKs masked).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BookingView {
    pub code: String,
    pub office: String,
    pub office_name: String,
    pub date: NaiveDate,
    pub session: SessionKind,
    pub status: BookingStatus,
    pub applicants: Vec<ApplicantView>,
    /// The signed QR text, the same format the counter verifies.
    pub proof: String,
    /// The last office-local date a citizen may cancel (H-2).
    pub cancel_until: NaiveDate,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApplicantView {
    pub nik_masked: String,
    pub full_name: String,
    pub relation: Relation,
    pub application_type: ApplicationType,
}

/// A request whose every field has been judged by the domain's rules.
struct Parsed {
    family: Family,
    applicants: Vec<(String, Relation, ApplicationType, Option<PassportNumber>)>,
}

/// "Pemohon ke-2: <the problem>", in both languages.
fn numbered_text(i: usize, e: impl Bilingual) -> Text {
    let (n, id, en) = (i + 1, e.to_string(), e.en());
    text!("Pemohon ke-{n}: {id}", "Applicant {n}: {en}")
}

fn numbered(i: usize, e: impl Bilingual) -> ApiError {
    ApiError::invalid("booking.invalid", numbered_text(i, e))
}

fn full_name(i: usize, name: &str) -> Result<String, ApiError> {
    let n = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if n.is_empty() || n.chars().count() > 100 {
        return Err(numbered(
            i,
            text!(
                "Nama lengkap wajib diisi sesuai e-KTP (paling panjang 100 huruf).",
                "Enter the full name as the e-KTP gives it (at most 100 letters)."
            ),
        ));
    }
    Ok(n)
}

fn parse(central: &Central, req: &BookingRequest) -> Result<Parsed, ApiError> {
    let invalid = |e: BookingError| ApiError::invalid("booking.invalid", e);
    if req.applicants.is_empty() || req.applicants.len() > 5 {
        return Err(invalid(BookingError::FamilySize(req.applicants.len())));
    }
    let kk = KkNumber::parse(&req.kk_number).map_err(invalid)?;
    let mut members = Vec::new();
    let mut applicants = Vec::new();
    for (i, a) in req.applicants.iter().enumerate() {
        let nik = Nik::parse(&a.nik, &central.regions).map_err(|e| numbered(i, e))?;
        let name = full_name(i, &a.full_name)?;
        let old = match a.application_type {
            ApplicationType::Penggantian => Some(
                PassportNumber::parse(a.old_passport.as_deref().unwrap_or(""))
                    .map_err(|e| numbered(i, e))?,
            ),
            ApplicationType::Baru => None,
        };
        members.push((nik.nik, a.relation));
        applicants.push((name, a.relation, a.application_type, old));
    }
    let family = Family::parse(kk, members).map_err(invalid)?;
    Ok(Parsed { family, applicants })
}

fn office_of<'a>(central: &'a Central, slug: &str) -> Result<&'a Office, ApiError> {
    central
        .offices
        .get(slug)
        .map_err(|e| ApiError::not_found("office.unknown", e))
}

fn code_of(date: NaiveDate, session: SessionKind, number: i32) -> String {
    let s = match session {
        SessionKind::Pagi => 'P',
        SessionKind::Siang => 'S',
    };
    format!("{}-{s}-{number:03}", date.format("%y%m%d"))
}

/// Why the seats could not be taken, read after the conditional update found no row, and whether
/// the session is sold out.
async fn why_no_seats(
    tx: &mut Transaction<'_, Postgres>,
    office: &str,
    date: NaiveDate,
    session: SessionKind,
    needed: i32,
    now: DateTime<Utc>,
) -> Result<(ApiError, bool), ApiError> {
    let row: Option<Seats> = sqlx::query_as(
        "SELECT online, online_booked, opens_at, closes_at FROM quota
         WHERE office_id = $1 AND day = $2 AND session = $3",
    )
    .bind(office)
    .bind(date)
    .bind(session.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    let (day, name) = (date.format("%d/%m/%Y").to_string(), session);
    let (sid, sen) = (name.to_string(), name.en());
    let mut sold_out = false;
    let refusal = match row {
        None => ApiError::conflict(
            "quota.not_provided",
            text!(
                "Kuota sesi {sid} tanggal {day} belum disediakan kantor imigrasi.",
                "The office has not provided quota for the {sen} session on {day} yet."
            ),
        ),
        Some(Seats { opens_at, .. }) if now < opens_at => {
            let at = opens_at.format("%d/%m/%Y %H:%M UTC").to_string();
            ApiError::conflict(
                "quota.not_released",
                text!(
                    "Kuota sesi {sid} tanggal {day} belum dibuka; dibuka {at}.",
                    "The quota of the {sen} session on {day} is not released yet; it opens {at}."
                ),
            )
        }
        Some(Seats {
            closes_at: Some(closes),
            ..
        }) if now >= closes => ApiError::conflict(
            "quota.closed",
            text!(
                "Pendaftaran sesi {sid} tanggal {day} sudah ditutup.",
                "Booking for the {sen} session on {day} has closed."
            ),
        ),
        Some(Seats {
            online,
            online_booked,
            ..
        }) => {
            let left = (online - online_booked).max(0);
            sold_out = left == 0;
            full(date, session, left, needed)
        }
    };
    Ok((refusal, sold_out))
}

/// "Kuota penuh": `left` seats, `needed` wanted.
fn full(date: NaiveDate, session: SessionKind, left: i32, needed: i32) -> ApiError {
    let (day, sid, sen) = (
        date.format("%d/%m/%Y").to_string(),
        session.to_string(),
        session.en(),
    );
    ApiError::conflict(
        "quota.full",
        text!(
            "Kuota penuh: sesi {sid} tanggal {day} tersisa {left} kursi, perlu {needed}. Pilih sesi atau tanggal lain.",
            "Quota full: the {sen} session on {day} has {left} seats left, {needed} needed. Choose another session or date."
        ),
    )
}

/// The sessions this process has seen sold out. A request for one is answered "penuh" without
/// touching the database: at the release rush most requests are for sessions already gone. Only
/// a cancellation (which this process makes) gives seats back, and it takes its session out of
/// the set in the same request, so the set is never stale about "full".
#[derive(Debug, Default)]
pub struct SoldOut(std::sync::Mutex<std::collections::HashSet<(String, NaiveDate, SessionKind)>>);

impl SoldOut {
    fn contains(&self, office: &str, date: NaiveDate, session: SessionKind) -> bool {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).contains(&(
            office.to_owned(),
            date,
            session,
        ))
    }

    fn mark(&self, office: &str, date: NaiveDate, session: SessionKind) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert((office.to_owned(), date, session));
    }

    fn release(&self, office: &str, date: NaiveDate, session: SessionKind) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).remove(&(
            office.to_owned(),
            date,
            session,
        ));
    }
}

/// Refuses a date the office does not serve, or one already past.
async fn check_date(
    tx: &mut Transaction<'_, Postgres>,
    office: &Office,
    date: NaiveDate,
    session: SessionKind,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let local = office.local_time(now);
    let schedule = OfficeSchedule::default();
    let day = date.format("%d/%m/%Y").to_string();
    if date < local.date()
        || (date == local.date() && local.time() >= schedule.hours(session).start())
    {
        return Err(ApiError::invalid(
            "booking.past",
            text!(
                "Tanggal {day} sesi ini sudah lewat atau sedang berjalan; pilih tanggal berikutnya.",
                "{day} (this session) has passed or is under way; choose a later date."
            ),
        ));
    }
    let closed: Option<String> = sqlx::query_scalar(
        "SELECT name FROM holidays WHERE day = $1
         UNION ALL SELECT reason FROM closures WHERE office_id = $2 AND day = $1 LIMIT 1",
    )
    .bind(date)
    .bind(office.slug.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(reason) = closed {
        return Err(ApiError::conflict(
            "booking.closed",
            text!(
                "Kantor tutup pada {day} ({reason}); pilih tanggal lain.",
                "The office is closed on {day} ({reason}); choose another date."
            ),
        ));
    }
    Ok(())
}

/// Books, or replays the stored answer of an earlier request with the same key and body.
pub(crate) async fn create(
    central: &Central,
    key: &str,
    body: &[u8],
) -> Result<(StatusCode, serde_json::Value), ApiError> {
    let req: BookingRequest = crate::api::json(body)?;
    let office = office_of(central, &req.office)?;
    let parsed = parse(central, &req)?;
    let now = central.clock.now();
    let today = office.local_date(now);
    let slug = office.slug.as_str();
    let needed = i32::try_from(parsed.applicants.len()).unwrap_or(5);
    if central.sold_out.contains(slug, req.date, req.session) {
        return Err(full(req.date, req.session, 0, needed));
    }

    let mut tx = central.pool.begin().await?;
    if let Claim::Replay(status, body) =
        idempotency::claim(&mut tx, slug, key, &idempotency::hash(body), now).await?
    {
        return Ok((status, body));
    }
    check_date(&mut tx, office, req.date, req.session, now).await?;
    // In NIK order, so two families that share members lock their freeze rows in the same order
    // and never deadlock; the message still names the applicant by their place in the form.
    let mut members: Vec<(usize, &Nik)> = parsed
        .family
        .members()
        .iter()
        .enumerate()
        .map(|(i, (nik, _))| (i, nik))
        .collect();
    members.sort_by(|a, b| a.1.as_str().cmp(b.1.as_str()));
    for (i, nik) in members {
        // Takes the NIK's freeze unless it booked less than 30 days ago (anywhere); a concurrent
        // booking of the same NIK waits on its row and then sees this one.
        let took: Option<String> = sqlx::query_scalar(
            "INSERT INTO nik_freeze (nik, last_booked, office_id) VALUES ($1, $2, $3)
             ON CONFLICT (nik) DO UPDATE SET last_booked = EXCLUDED.last_booked,
                 office_id = EXCLUDED.office_id
             WHERE nik_freeze.last_booked <= EXCLUDED.last_booked - $4::integer
             RETURNING nik",
        )
        .bind(nik.as_str())
        .bind(today)
        .bind(slug)
        .bind(i32::try_from(FREEZE_DAYS).unwrap_or(30))
        .fetch_optional(&mut *tx)
        .await?;
        if took.is_none() {
            let last: NaiveDate =
                sqlx::query_scalar("SELECT last_booked FROM nik_freeze WHERE nik = $1")
                    .bind(nik.as_str())
                    .fetch_one(&mut *tx)
                    .await?;
            let frozen = BookingError::Frozen {
                last,
                from: last + Duration::days(FREEZE_DAYS),
            };
            return Err(ApiError::conflict(
                "booking.frozen",
                numbered_text(i, frozen),
            ));
        }
    }
    let taken: Option<(i32, i32)> = sqlx::query_as(
        "UPDATE quota SET online_booked = online_booked + $4, next_number = next_number + 1
         WHERE office_id = $1 AND day = $2 AND session = $3
           AND opens_at <= $5 AND (closes_at IS NULL OR $5 < closes_at)
           AND online_booked + $4 <= online
         RETURNING next_number - 1, online - online_booked",
    )
    .bind(slug)
    .bind(req.date)
    .bind(req.session.as_str())
    .bind(needed)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((number, left)) = taken else {
        let (refusal, sold_out) =
            why_no_seats(&mut tx, slug, req.date, req.session, needed, now).await?;
        if sold_out {
            central.sold_out.mark(slug, req.date, req.session);
        }
        return Err(refusal);
    };
    let code = code_of(req.date, req.session, number);
    let claim = ProofClaim {
        office: slug.to_owned(),
        code: code.clone(),
        date: req.date,
        session: req.session,
        applicants: u8::try_from(needed).unwrap_or(5),
    };
    let proof = claim
        .sign(&central.key.key_id, &central.key.key)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e))?;
    let booking_id = Uuid::now_v7();
    let holder = parsed.family.members()[0].0.as_str().to_owned();
    sqlx::query(
        "INSERT INTO bookings (office_id, booking_id, code, day, session, kk_number, holder_nik,
             status, proof, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8, $9)",
    )
    .bind(slug)
    .bind(booking_id)
    .bind(&code)
    .bind(req.date)
    .bind(req.session.as_str())
    .bind(parsed.family.kk().as_str())
    .bind(&holder)
    .bind(&proof)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    for (i, ((nik, _), (name, relation, kind, old))) in parsed
        .family
        .members()
        .iter()
        .zip(&parsed.applicants)
        .enumerate()
    {
        sqlx::query(
            "INSERT INTO applicants (office_id, booking_id, position, nik, full_name, relation,
                 application_type, old_passport)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(slug)
        .bind(booking_id)
        .bind(i16::try_from(i).unwrap_or(0))
        .bind(nik.as_str())
        .bind(name)
        .bind(relation.as_str())
        .bind(kind.as_str())
        .bind(old.as_ref().map(PassportNumber::as_str))
        .execute(&mut *tx)
        .await?;
    }
    let view = view_in(&mut tx, office, &code).await?;
    let body = serde_json::to_value(&view).unwrap_or_default();
    idempotency::store(&mut tx, slug, key, StatusCode::CREATED, &body).await?;
    tx.commit().await?;
    if left == 0 {
        central.sold_out.mark(slug, req.date, req.session);
    }
    tracing::info!(office = slug, code = %code, applicants = needed, "online booking");
    Ok((StatusCode::CREATED, body))
}

#[derive(Debug, sqlx::FromRow)]
struct BookingRow {
    booking_id: Uuid,
    code: String,
    day: NaiveDate,
    session: String,
    status: String,
    holder_nik: String,
    proof: String,
    created_at: DateTime<Utc>,
}

#[derive(Debug, sqlx::FromRow)]
struct ApplicantRow {
    nik: String,
    full_name: String,
    relation: String,
    application_type: String,
}

fn corrupt(what: &str) -> ApiError {
    tracing::error!(what, "stored row does not parse");
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        text!(
            "Data pemesanan tersimpan rusak; hubungi kantor imigrasi.",
            "The stored booking is damaged; contact the immigration office."
        ),
    )
}

fn no_booking() -> ApiError {
    ApiError::not_found(
        "booking.not_found",
        text!(
            "Pemesanan dengan kode itu dan NIK itu tidak ditemukan.",
            "No booking has that code and that NIK."
        ),
    )
}

async fn row_in(
    tx: &mut Transaction<'_, Postgres>,
    office: &str,
    code: &str,
    lock: bool,
) -> Result<Option<BookingRow>, ApiError> {
    let sql = if lock {
        "SELECT booking_id, code, day, session, status, holder_nik, proof, created_at
         FROM bookings WHERE office_id = $1 AND code = $2 FOR UPDATE"
    } else {
        "SELECT booking_id, code, day, session, status, holder_nik, proof, created_at
         FROM bookings WHERE office_id = $1 AND code = $2"
    };
    Ok(sqlx::query_as(sql)
        .bind(office)
        .bind(code)
        .fetch_optional(&mut **tx)
        .await?)
}

async fn view_of(
    tx: &mut Transaction<'_, Postgres>,
    office: &Office,
    b: BookingRow,
) -> Result<BookingView, ApiError> {
    let rows: Vec<ApplicantRow> = sqlx::query_as(
        "SELECT nik, full_name, relation, application_type FROM applicants
         WHERE office_id = $1 AND booking_id = $2 ORDER BY position",
    )
    .bind(office.slug.as_str())
    .bind(b.booking_id)
    .fetch_all(&mut **tx)
    .await?;
    let applicants = rows
        .into_iter()
        .map(|a| {
            Ok(ApplicantView {
                nik_masked: loket_domain::pii::mask_nik(&a.nik),
                full_name: a.full_name,
                relation: Relation::try_from(a.relation.as_str())
                    .map_err(|_| corrupt("relation"))?,
                application_type: ApplicationType::try_from(a.application_type.as_str())
                    .map_err(|_| corrupt("application_type"))?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(BookingView {
        code: b.code,
        office: office.slug.as_str().to_owned(),
        office_name: office.name.clone(),
        date: b.day,
        session: SessionKind::try_from(b.session.as_str()).map_err(|_| corrupt("session"))?,
        status: BookingStatus::try_from(b.status.as_str()).map_err(|_| corrupt("status"))?,
        applicants,
        proof: b.proof,
        cancel_until: b.day - Duration::days(2),
        created_at: b.created_at,
    })
}

async fn view_in(
    tx: &mut Transaction<'_, Postgres>,
    office: &Office,
    code: &str,
) -> Result<BookingView, ApiError> {
    let b = row_in(tx, office.slug.as_str(), code, false)
        .await?
        .ok_or_else(no_booking)?;
    view_of(tx, office, b).await
}

/// The booking `code` at `office`, for the citizen whose NIK is on it.
pub(crate) async fn lookup(
    central: &Central,
    office: &str,
    code: &str,
    nik: &str,
) -> Result<BookingView, ApiError> {
    let office = office_of(central, office)?;
    let mut tx = central.pool.begin().await?;
    let b = row_in(&mut tx, office.slug.as_str(), code.trim(), false)
        .await?
        .ok_or_else(no_booking)?;
    let on_it: Option<i16> = sqlx::query_scalar(
        "SELECT position FROM applicants WHERE office_id = $1 AND booking_id = $2 AND nik = $3",
    )
    .bind(office.slug.as_str())
    .bind(b.booking_id)
    .bind(nik.trim())
    .fetch_optional(&mut *tx)
    .await?;
    if on_it.is_none() {
        return Err(no_booking());
    }
    let view = view_of(&mut tx, office, b).await?;
    tx.commit().await?;
    Ok(view)
}

/// Cancels a booking for its account holder until H-2 in the office's zone, and gives its seats
/// back to the online share. The freeze stays (the seeds: a date chosen, used or cancelled).
pub(crate) async fn cancel(
    central: &Central,
    office: &str,
    code: &str,
    key: &str,
    body: &[u8],
) -> Result<(StatusCode, serde_json::Value), ApiError> {
    let req: CancelRequest = crate::api::json(body)?;
    let office = office_of(central, office)?;
    let slug = office.slug.as_str();
    let now = central.clock.now();
    let mut tx = central.pool.begin().await?;
    // The key covers the code as well as the body: one key, one booking.
    let scope = format!("{}|{}", code.trim(), idempotency::hash(body));
    if let Claim::Replay(status, body) = idempotency::claim(
        &mut tx,
        slug,
        key,
        &idempotency::hash(scope.as_bytes()),
        now,
    )
    .await?
    {
        return Ok((status, body));
    }
    let b = row_in(&mut tx, slug, code.trim(), true)
        .await?
        .ok_or_else(no_booking)?;
    if b.holder_nik != req.nik.trim() {
        return Err(no_booking());
    }
    if b.status != BookingStatus::Active.as_str() {
        let code = &b.code;
        return Err(ApiError::conflict(
            "booking.cancelled",
            text!(
                "Pemesanan {code} sudah dibatalkan sebelumnya.",
                "Booking {code} was already cancelled."
            ),
        ));
    }
    check_applicant_cancellation(office, b.day, now)
        .map_err(|e| ApiError::conflict("cancel.too_late", e))?;
    let seats: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM applicants WHERE office_id = $1 AND booking_id = $2",
    )
    .bind(slug)
    .bind(b.booking_id)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE bookings SET status = 'cancelled', cancelled_at = $3
         WHERE office_id = $1 AND booking_id = $2",
    )
    .bind(slug)
    .bind(b.booking_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE quota SET online_booked = online_booked - $4
         WHERE office_id = $1 AND day = $2 AND session = $3",
    )
    .bind(slug)
    .bind(b.day)
    .bind(&b.session)
    .bind(i32::try_from(seats).unwrap_or(0))
    .execute(&mut *tx)
    .await?;
    let code = b.code.clone();
    let view = view_in(&mut tx, office, &code).await?;
    let body = serde_json::to_value(&view).unwrap_or_default();
    idempotency::store(&mut tx, slug, key, StatusCode::OK, &body).await?;
    tx.commit().await?;
    if let Ok(session) = SessionKind::try_from(b.session.as_str()) {
        central.sold_out.release(slug, b.day, session);
    }
    tracing::info!(office = slug, code = %code, "online booking cancelled");
    Ok((StatusCode::OK, body))
}

/// The proof as a PDF ("Simpan PDF"), the same document the counter prints, for a citizen whose NIK
/// is on the booking.
pub(crate) async fn proof_pdf(
    central: &Central,
    office: &str,
    code: &str,
    nik: &str,
) -> Result<(String, Vec<u8>), ApiError> {
    let view = lookup(central, office, code, nik).await?;
    let office = office_of(central, &view.office)?;
    let facts = loket_pdf::office::ProofFacts {
        office,
        code: &view.code,
        date: view.date,
        session: view.session,
        hours: OfficeSchedule::default().hours(view.session),
        category: loket_domain::Category::Reguler,
        channel: loket_domain::Channel::Online,
        applicants: view
            .applicants
            .iter()
            .map(|a| loket_pdf::office::ProofPerson {
                name: a.full_name.clone(),
                nik_masked: a.nik_masked.clone(),
                relation: a.relation,
                application_type: a.application_type,
            })
            .collect(),
        qr: view.proof.clone(),
        printed_at: central.clock.now(),
    };
    let bytes = loket_pdf::booking_proof(&loket_pdf::office::proof(facts)).map_err(|e| {
        tracing::error!(error = %e, "proof PDF failed");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e)
    })?;
    Ok((format!("bukti-{}.pdf", view.code), bytes))
}
