//! Saving a walk-in: what depends on shared state is decided under the write lock, where what
//! another counter saved a moment ago (or a closure the kepala kantor just committed) counts.

use loket_domain::BookingError;
use loket_domain::booking::check_freeze;
use loket_domain::counter::{walk_in_code, walk_in_prefix};
use loket_domain::op::{WalkInApplicant, WalkInBooked};
use loket_domain::proof::ProofClaim;
use loket_domain::seats::free_seats;
use loket_domain::walkin::{Reason, Share, room_for};
use loket_domain::{
    ApplicantStatus, Category, Channel, Office, Op, PassportNumber, Permission, SessionKind,
    Severity,
};
use loket_store::{DayRow, NewApplicant, NewBooking, Tx};

use super::WALK_IN_DRAFT;
use crate::auth::Actor;
use crate::error::AppError;
use crate::input::parse_utc;
use crate::loket::Loket;
use crate::view::{BookingView, WalkInRequest};
use crate::wording::shown;
use loket_domain::{Bilingual, Text};

/// Room left for `share` in one session, read inside the write transaction.
async fn room_in_tx(
    tx: &mut Tx,
    office: &Office,
    date: chrono::NaiveDate,
    session: SessionKind,
    share: Share,
) -> Result<u32, AppError> {
    let rows = tx.quota_between(office.slug.as_str(), date, date).await?;
    let n = |v: i64| u32::try_from(v).unwrap_or(0);
    Ok(rows
        .iter()
        .find(|r: &&DayRow| r.session == session.as_str())
        .map_or(0, |r| {
            let Some(capacity) = r.capacity else {
                return 0;
            };
            let split = match (r.counter, r.priority) {
                (Some(c), Some(p)) => Some((n(c), n(p))),
                _ => None,
            };
            room_for(
                share,
                n(capacity),
                split,
                n(r.booked),
                n(r.booked_counter),
                n(r.booked_priority),
            )
        }))
}

/// This PC holds too few seats for the family, and could not get more.
fn no_seats(
    date: chrono::NaiveDate,
    session: SessionKind,
    room: u32,
    needed: u32,
    asked: bool,
) -> AppError {
    let (date, name) = (shown(date), session.text());
    let (id, en) = (&name.id, &name.en);
    AppError::rejected(
        "walkin.no_seats",
        if asked {
            loket_domain::text!(
                "Kursi PC loket ini untuk sesi {id} {date} tersisa {room}, perlu {needed}; pusat belum dapat meminjamkan kursi lagi (loket lain belum mengembalikan kursi yang belum terpakai, atau kuota sesi habis). Coba lagi sebentar; kepala kantor dapat menambah melebihi kuota.",
                "This counter PC holds {room} seats for the {en} session on {date}, {needed} needed; the central cannot lend more yet (other counters have not given back unused seats, or the session is full). Try again shortly; the office head can add beyond the quota."
            )
        } else {
            loket_domain::text!(
                "Kursi PC loket ini untuk sesi {id} {date} tersisa {room}, perlu {needed}. Jaringan ke pusat terputus, jadi kursi tidak dapat diminta dari loket lain; kepala kantor dapat menambah melebihi kuota.",
                "This counter PC holds {room} seats for the {en} session on {date}, {needed} needed. The central cannot be reached, so no seats can be asked from other counters; the office head can add beyond the quota."
            )
        },
    )
}

impl Loket {
    /// Saves a walk-in booking with its signed proof, and drops the officer's draft.
    pub async fn create_walk_in(
        &self,
        actor: &Actor,
        req: &WalkInRequest,
    ) -> Result<BookingView, AppError> {
        actor.require(
            Permission::ServeCounter,
            ("mendaftarkan walk-in", "register walk-ins"),
        )?;
        if req.override_reason.is_some() {
            actor.require(
                Permission::OverrideCounter,
                (
                    "menambah walk-in melebihi kuota",
                    "add walk-ins beyond the quota",
                ),
            )?;
        }
        let office = self.office().await?;
        let counter = self.store.device().await?.counter_code;
        let (check, parsed) = self.judge(&office, req).await?;
        let Some(p) = parsed else {
            let first = check
                .issues
                .iter()
                .find(|i| i.severity == Severity::Error)
                .map_or_else(|| Text::same(""), |i| i.message.clone());
            let full = check
                .issues
                .iter()
                .any(|i| i.field == "session" && i.severity == Severity::Error);
            return Err(AppError::rejected(
                if full {
                    "walkin.full"
                } else {
                    "walkin.invalid"
                },
                first,
            ));
        };
        if !check.ready {
            return Err(AppError::rejected(
                "walkin.unacknowledged",
                loket_domain::text!(
                    "Ada peringatan NIK atau paspor lama yang belum dikonfirmasi petugas.",
                    "A NIK or old-passport warning has not been acknowledged by the officer yet."
                ),
            ));
        }
        let now = self.clock.now();
        let today = office.local_date(now);
        let priority = req.priority.or(check.suggested_priority);
        let share = if priority.is_some() {
            Share::Priority
        } else {
            Share::Counter
        };
        let needed = u32::try_from(p.family.members().len()).unwrap_or(5);
        let reason = match &req.override_reason {
            Some(r) => Some(Reason::parse(r).map_err(AppError::invalid)?),
            None => None,
        };

        let lends = self.lends_seats().await?;
        let mut asked = false;
        let (mut tx, room) = loop {
            let mut tx = self.store.begin().await?;
            // Decided under the write lock: what another counter saved a moment ago counts here,
            // and so does a closure the kepala kantor committed while the form was being filled.
            if let Some(reason) = tx.closed_on(office.slug.as_str(), p.date).await? {
                return Err(AppError::rejected(
                    "walkin.invalid",
                    BookingError::OfficeClosed {
                        date: p.date,
                        reason: Text::same(reason),
                    },
                ));
            }
            if !lends {
                let room = room_in_tx(&mut tx, &office, p.date, req.session, share).await?;
                break (tx, room);
            }
            // Enrolled with a central: only the seats this PC holds, so the office's PCs never
            // book beyond the share between them, online or not.
            let (allotted, used) = tx
                .own_seats(p.date, req.session, share, counter.as_str())
                .await?;
            let room = free_seats(allotted, used);
            if room >= needed || reason.is_some() {
                break (tx, room);
            }
            if asked || !self.central_reachable().await? {
                return Err(no_seats(p.date, req.session, room, needed, asked));
            }
            // Ask the central (other counters give back idle seats) and try once more.
            drop(tx);
            asked = true;
            self.ask_for_seats(p.date, req.session, share, needed)
                .await?;
        };
        let override_reason = if room < needed {
            match reason {
                Some(r) => Some(r),
                None => {
                    return Err(AppError::rejected("walkin.full", {
                        let (date, name) = (shown(p.date), req.session.text());
                        let (id, en) = (&name.id, &name.en);
                        loket_domain::text!(
                            "Kuota penuh: sesi {id} tanggal {date} tersisa {room}, perlu {needed}. Kursi terakhir baru saja dipakai loket lain.",
                            "Quota full: the {en} session on {date} has {room} left, {needed} needed. The last seat was just taken by another counter."
                        )
                    }));
                }
            }
        } else {
            None
        };
        for (i, (nik, _)) in p.family.members().iter().enumerate() {
            let last = tx
                .last_booking_of(nik.as_str())
                .await?
                .as_deref()
                .and_then(parse_utc)
                .map(|t| office.local_date(t));
            if let Err(e) = check_freeze(last, today) {
                return Err(AppError::rejected("walkin.invalid", {
                    let (n, en) = (i + 1, e.en());
                    loket_domain::text!("Pemohon ke-{n}: {e}", "Applicant {n}: {en}")
                }));
            }
        }
        let prefix = walk_in_prefix(p.date, req.session, &counter);
        let number = tx.last_walk_in_number(&prefix).await? + 1;
        let code = walk_in_code(p.date, req.session, &counter, number)
            .map_err(|e| AppError::Conflict(e.text()))?;
        let signer = self.signer_in(&mut tx, &office).await?;
        let claim = ProofClaim {
            office: office.slug.as_str().to_owned(),
            code: code.clone(),
            date: p.date,
            session: req.session,
            applicants: u8::try_from(needed).unwrap_or(5),
        };
        let proof = claim
            .sign(&signer.key_id, &signer.key)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let booking_id = uuid::Uuid::now_v7();
        let ids: Vec<uuid::Uuid> = p
            .family
            .members()
            .iter()
            .map(|_| uuid::Uuid::now_v7())
            .collect();
        let id_texts: Vec<String> = ids.iter().map(uuid::Uuid::to_string).collect();
        let booking_text = booking_id.to_string();
        let applicants: Vec<NewApplicant> = p
            .family
            .members()
            .iter()
            .enumerate()
            .zip(&p.applicants)
            .map(|((i, (nik, relation)), a)| NewApplicant {
                id: &id_texts[i],
                position: u8::try_from(i + 1).unwrap_or(5),
                nik: nik.as_str(),
                full_name: &a.name,
                relation: *relation,
                sex: a.sex,
                birth_date: a.birth,
                application_type: a.kind,
                status: ApplicantStatus::Expected,
                queue: None,
                arrived_utc: None,
                old_passport: a.passport.as_ref().map(PassportNumber::as_str),
                old_passport_expiry: a.expiry,
            })
            .collect();
        let address_line = req.address_line.trim();
        let category = if priority.is_some() {
            Category::Prioritas
        } else {
            Category::Reguler
        };
        let booking = NewBooking {
            id: &booking_text,
            code: &code,
            office_slug: office.slug.as_str(),
            date: p.date,
            session: req.session,
            channel: Channel::Loket,
            category,
            kk_number: p.family.kk().as_str(),
            created_utc: now,
            proof_qr: Some(&proof),
            kecamatan_code: Some(req.kecamatan_code.trim()),
            address_line: (!address_line.is_empty()).then_some(address_line),
            priority_reason: priority,
            override_reason: override_reason.as_ref().map(Reason::as_str),
        };
        tx.insert_booking(&booking, &applicants).await?;
        tx.discard_draft(WALK_IN_DRAFT, &actor.username).await?;
        if lends {
            tx.drop_seat_want(p.date, req.session, share).await?;
        }
        // The outbox carries the whole booking: it is what the central service needs to know.
        let op = Op::WalkInBooked(WalkInBooked {
            booking_id,
            code: code.clone(),
            counter: counter.clone(),
            date: p.date,
            session: req.session,
            category,
            priority_reason: priority,
            override_reason: override_reason.as_ref().map(|r| r.as_str().to_owned()),
            kk_number: p.family.kk().as_str().to_owned(),
            kecamatan_code: req.kecamatan_code.trim().to_owned(),
            address_line: booking.address_line.map(str::to_owned),
            proof_qr: proof.clone(),
            applicants: applicants
                .iter()
                .zip(&ids)
                .map(|(a, id)| WalkInApplicant {
                    id: *id,
                    position: a.position,
                    nik: a.nik.to_owned(),
                    full_name: a.full_name.to_owned(),
                    relation: a.relation,
                    sex: a.sex,
                    birth_date: a.birth_date,
                    application_type: a.application_type,
                    old_passport: a.old_passport.map(str::to_owned),
                    old_passport_expiry: a.old_passport_expiry,
                })
                .collect(),
        });
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        let view = crate::counter::booking_in(&mut tx, &office, &code).await?;
        tx.commit().await?;
        tracing::info!(code, applicants = view.applicants.len(), "walk-in booked");
        Ok(view)
    }
}
