//! Booking: judging the request by the domain's rules, then one short transaction that claims the key, freezes the NIKs and takes the seats.

use axum::http::StatusCode;
use chrono::{DateTime, Duration, NaiveDate, SubsecRound, Utc};
use loket_domain::booking::FREEZE_DAYS;
use loket_domain::counter::online_code;
use loket_domain::proof::ProofClaim;
use loket_domain::walkin::PassportNumber;
use loket_domain::{
    ApplicationType, Bilingual, BookingError, BookingStatus, Family, KkNumber, Nik, Office,
    OfficeSchedule, Relation, SessionKind, Text, text,
};
use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use super::read::{ApplicantRow, BookingRow, assemble};
use super::{BookingRequest, office_of};
use crate::Central;
use crate::availability::Seats;
use crate::error::ApiError;
use crate::idempotency::{self, Claim};

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
pub(super) fn full(date: NaiveDate, session: SessionKind, left: i32, needed: i32) -> ApiError {
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
            BookingError::OfficeClosed {
                date,
                reason: Text::same(reason),
            },
        ));
    }
    Ok(())
}

/// Takes every NIK's freeze in one statement unless one of them booked less than 30 days ago
/// (anywhere). Rows are taken in NIK order, so two families that share members lock them in the
/// same order and never deadlock; a concurrent booking of the same NIK waits on its row and then
/// sees this one. The refusal names the applicant by their place in the form.
async fn freeze(
    tx: &mut Transaction<'_, Postgres>,
    family: &Family,
    office: &str,
    today: NaiveDate,
) -> Result<(), ApiError> {
    let niks: Vec<&str> = family.members().iter().map(|(n, _)| n.as_str()).collect();
    let took: Vec<String> = sqlx::query_scalar(
        "INSERT INTO nik_freeze (nik, last_booked, office_id)
         SELECT n, $2, $3 FROM unnest($1::text[]) AS t(n) ORDER BY n
         ON CONFLICT (nik) DO UPDATE SET last_booked = EXCLUDED.last_booked,
             office_id = EXCLUDED.office_id
         WHERE nik_freeze.last_booked <= EXCLUDED.last_booked - $4::integer
         RETURNING nik",
    )
    .bind(&niks)
    .bind(today)
    .bind(office)
    .bind(i32::try_from(FREEZE_DAYS).unwrap_or(30))
    .fetch_all(&mut **tx)
    .await?;
    let Some((i, nik)) = niks
        .iter()
        .enumerate()
        .find(|(_, n)| !took.iter().any(|t| t == *n))
    else {
        return Ok(());
    };
    let last: NaiveDate = sqlx::query_scalar("SELECT last_booked FROM nik_freeze WHERE nik = $1")
        .bind(nik)
        .fetch_one(&mut **tx)
        .await?;
    let frozen = BookingError::Frozen {
        last,
        from: last + Duration::days(FREEZE_DAYS),
    };
    Err(ApiError::conflict(
        "booking.frozen",
        numbered_text(i, frozen),
    ))
}

/// The booking, its applicants and the key's stored answer, in one statement: one round trip
/// (the foreign keys are checked at the statement's end, when both rows exist).
async fn write(
    tx: &mut Transaction<'_, Postgres>,
    office: &str,
    b: &BookingRow,
    people: &[ApplicantRow],
    // The family card, and each applicant's sex and birth date as the NIK gives them.
    (kk, born): (&str, &[(&'static str, Option<NaiveDate>)]),
    key: &str,
    answer: &serde_json::Value,
) -> Result<(), ApiError> {
    let positions: Vec<i16> = (0..people.len())
        .map(|i| i16::try_from(i).unwrap_or(0))
        .collect();
    let col = |f: fn(&ApplicantRow) -> Option<&str>| -> Vec<Option<String>> {
        people.iter().map(|p| f(p).map(str::to_owned)).collect()
    };
    sqlx::query(
        "WITH b AS (
             INSERT INTO bookings (office_id, booking_id, code, day, session, kk_number,
                 holder_nik, status, proof, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)),
         a AS (
             INSERT INTO applicants (office_id, booking_id, position, nik, full_name, relation,
                 application_type, old_passport, sex, birth_date)
             SELECT $1, $2, p, n, f, r, t, o, s, d
             FROM unnest($11::int2[], $12::text[], $13::text[], $14::text[], $15::text[],
                 $16::text[], $19::text[], $20::date[]) AS x(p, n, f, r, t, o, s, d))
         UPDATE idempotency SET status = 201, body = $17 WHERE office_id = $1 AND idem_key = $18",
    )
    .bind(office)
    .bind(b.booking_id)
    .bind(&b.code)
    .bind(b.day)
    .bind(&b.session)
    .bind(kk)
    .bind(&b.holder_nik)
    .bind(&b.status)
    .bind(&b.proof)
    .bind(b.created_at)
    .bind(&positions)
    .bind(col(|p| Some(&p.nik)))
    .bind(col(|p| Some(&p.full_name)))
    .bind(col(|p| Some(&p.relation)))
    .bind(col(|p| Some(&p.application_type)))
    .bind(col(|p| p.old_passport.as_deref()))
    .bind(answer)
    .bind(key)
    .bind(born.iter().map(|(s, _)| *s).collect::<Vec<_>>())
    .bind(born.iter().map(|(_, d)| *d).collect::<Vec<_>>())
    .execute(&mut **tx)
    .await?;
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
    // Microseconds, as PostgreSQL keeps them: the answer now and a lookup later say the same.
    let now = central.clock.now().trunc_subsecs(6);
    let today = office.local_date(now);
    let slug = office.slug.as_str();
    let needed = i32::try_from(parsed.applicants.len()).unwrap_or(5);
    if central.sold_out.contains(slug, req.date, req.session) {
        // A retry of the booking that took the last seat gets that booking, not "full".
        if let Some(replay) =
            idempotency::stored(&central.pool, slug, key, &idempotency::hash(body)).await?
        {
            return Ok(replay);
        }
        return Err(full(req.date, req.session, 0, needed));
    }

    let mut tx = central.pool.begin().await?;
    if let Claim::Replay(status, body) =
        idempotency::claim(&mut tx, slug, key, &idempotency::hash(body), now).await?
    {
        return Ok((status, body));
    }
    check_date(&mut tx, office, req.date, req.session, now).await?;
    freeze(&mut tx, &parsed.family, slug, today).await?;
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
    let code = online_code(req.date, req.session, u32::try_from(number).unwrap_or(0));
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
    let booking = BookingRow {
        booking_id: Uuid::now_v7(),
        code: code.clone(),
        day: req.date,
        session: req.session.as_str().to_owned(),
        status: BookingStatus::Active.as_str().to_owned(),
        holder_nik: parsed.family.members()[0].0.as_str().to_owned(),
        proof,
        created_at: now,
    };
    let people: Vec<ApplicantRow> = parsed
        .family
        .members()
        .iter()
        .zip(parsed.applicants)
        .map(|((nik, _), (name, relation, kind, old))| ApplicantRow {
            nik: nik.as_str().to_owned(),
            full_name: name,
            relation: relation.as_str().to_owned(),
            application_type: kind.as_str().to_owned(),
            old_passport: old.map(|o| o.as_str().to_owned()),
        })
        .collect();
    // What the counter PCs need of each applicant and the NIK says: sex and date of birth.
    let born: Vec<(&'static str, Option<NaiveDate>)> = parsed
        .family
        .members()
        .iter()
        .map(|(nik, _)| (nik.sex().as_str(), nik.birth_date(today, None)))
        .collect();
    // The answer is built from what is written, not read back: the citizen sees these rows.
    let view = assemble(office, &booking, &people, now)?;
    let body = serde_json::to_value(&view).unwrap_or_default();
    write(
        &mut tx,
        slug,
        &booking,
        &people,
        (parsed.family.kk().as_str(), &born),
        key,
        &body,
    )
    .await?;
    tx.commit().await?;
    central.changes.ring(slug);
    central.months.booked(slug, req.date, req.session, needed);
    if left == 0 {
        central.sold_out.mark(slug, req.date, req.session);
    }
    tracing::info!(office = slug, code = %code, applicants = needed, "online booking");
    Ok((StatusCode::CREATED, body))
}
