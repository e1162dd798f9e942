//! Walk-in bookings made at the counter. `check_walk_in` judges the form as it is being filled (every
//! problem next to its field, warnings to acknowledge, the room left and the next session with room);
//! `create_walk_in` judges it again, then decides what depends on shared state (room left in the
//! session, the 30-day freeze, the walk-in code) inside the write transaction, and saves, signs and
//! records it there (`save.rs`): of two counters saving for the last seat, the second is told the
//! session is full.

mod save;

use chrono::{Duration, NaiveDate};
use loket_domain::booking::check_freeze;
use loket_domain::checkin::open_session;
use loket_domain::walkin::{Reason, Share, check_session_open, room_for};
use loket_domain::{
    ApplicationType, Family, KkNumber, Nik, Office, PassportNumber, Permission, PriorityReason,
    Relation, SessionKind, Severity, Sex,
};

use super::issues::Issues;
use super::renewal::walk_in_old_passport;
use crate::auth::Actor;
use crate::error::AppError;
use crate::input::parse_utc;
use crate::loket::Loket;
use crate::view::{
    ApplicantHint, CalendarDay, RegionOption, SessionSlot, WalkInCheck, WalkInRequest,
};
use crate::wording::{shown, shown_iso};
use loket_domain::{Bilingual, BookingError, Text, text};

/// How far ahead the form looks for a session with room when the chosen one is full.
const LOOKAHEAD_DAYS: i64 = 14;
pub(crate) const WALK_IN_DRAFT: &str = "walk_in";

/// What the form says once parsed; present only when the form has no errors.
pub(super) struct Parsed {
    pub(super) date: NaiveDate,
    pub(super) family: Family,
    /// In the family's order.
    pub(super) applicants: Vec<Judged>,
}

/// One applicant whose sex, birth date and application type were read (the name is empty only
/// when it has an error, and then nothing is parsed).
pub(super) struct Judged {
    pub(super) name: String,
    pub(super) sex: Sex,
    pub(super) birth: NaiveDate,
    pub(super) kind: ApplicationType,
    pub(super) passport: Option<PassportNumber>,
    pub(super) expiry: Option<NaiveDate>,
}

/// An applicant's name as on the e-KTP: letters, spaces and the punctuation names carry.
fn check_name(name: &str) -> Result<String, Text> {
    let n = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if n.is_empty() {
        return Err(text!(
            "Nama lengkap wajib diisi, sesuai e-KTP.",
            "Enter the full name as the e-KTP gives it."
        ));
    }
    if n.chars().count() > 100 {
        return Err(text!(
            "Nama lengkap paling panjang 100 huruf.",
            "A full name has at most 100 letters."
        ));
    }
    if !n
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '\'' | '.' | ',' | '-'))
    {
        return Err(text!(
            "Nama hanya boleh berisi huruf, spasi, titik, koma, tanda petik dan tanda hubung.",
            "A name may hold letters, spaces, full stops, commas, apostrophes and hyphens only."
        ));
    }
    Ok(n)
}

fn room_in(day: &CalendarDay, session: SessionKind, share: Share) -> u32 {
    if day.reason.is_some() {
        return 0;
    }
    let quota = match session {
        SessionKind::Pagi => day.pagi.as_ref(),
        SessionKind::Siang => day.siang.as_ref(),
    };
    quota.map_or(0, |q| {
        room_for(
            share,
            q.capacity,
            q.shares.as_ref().map(|s| (s.counter, s.priority)),
            q.booked,
            q.booked_shares.counter,
            q.booked_shares.priority,
        )
    })
}

/// The chosen session has too few seats left in the share the walk-in draws on; names the next
/// session that has enough.
fn no_room(
    share: Share,
    kind: SessionKind,
    on: NaiveDate,
    room: u32,
    needed: u32,
    next: Option<&SessionSlot>,
) -> Text {
    let (share_id, share_en) = if share == Share::Priority {
        ("prioritas", "priority")
    } else {
        ("loket (walk-in)", "counter (walk-in)")
    };
    let (date, name) = (shown(on), kind.text());
    let (session_id, session_en) = (&name.id, &name.en);
    let then = match next {
        Some(n) => {
            let (date, name) = (shown_iso(&n.date), n.session.text());
            let (id, en) = (&name.id, &name.en);
            text!(
                "Sesi berikutnya yang masih ada kuota: {id} {date}.",
                "The next session with room: {en}, {date}."
            )
        }
        None => text!(
            "Tidak ada sesi dengan kuota dalam 14 hari ke depan.",
            "No session has room in the next 14 days."
        ),
    };
    let (then_id, then_en) = (&then.id, &then.en);
    text!(
        "Kuota {share_id} sesi {session_id} tanggal {date} tersisa {room}, perlu {needed}. {then_id}",
        "The {share_en} quota of the {session_en} session on {date} has {room} left, {needed} needed. {then_en}"
    )
}

impl Loket {
    pub(super) async fn judge(
        &self,
        office: &Office,
        req: &WalkInRequest,
    ) -> Result<(WalkInCheck, Option<Parsed>), AppError> {
        let now = self.clock.now();
        let local = office.local_time(now);
        let today = local.date();
        let schedule = self.schedule(office).await?;
        let mut issues = Issues(Vec::new());
        let mut hints = Vec::new();

        let date = NaiveDate::parse_from_str(req.date.trim(), "%Y-%m-%d").ok();
        match date {
            None => issues.error(
                "date",
                text!(
                    "Tanggal kedatangan wajib diisi (HH/BB/TTTT).",
                    "Enter the date of the visit (DD/MM/YYYY)."
                ),
            ),
            Some(d) => {
                if let Err(e) = check_session_open(&schedule, d, req.session, local) {
                    issues.error("date", e);
                }
            }
        }
        let on = date.unwrap_or(today);
        let kk = KkNumber::parse(&req.kk_number);
        if let Err(e) = &kk {
            issues.error("kk", e);
        }
        if self
            .regions
            .kecamatan_name(req.kecamatan_code.trim())
            .is_none()
        {
            issues.error(
                "address",
                text!(
                    "Pilih provinsi, kabupaten/kota dan kecamatan alamat pemohon utama.",
                    "Choose the province, regency/city and district of the main applicant's address."
                ),
            );
        }
        if req.applicants.is_empty() || req.applicants.len() > 5 {
            issues.error("applicants", BookingError::FamilySize(req.applicants.len()));
        }

        let mut members = Vec::new();
        let mut judged = Vec::new();
        for (i, a) in req.applicants.iter().enumerate() {
            let f = |name: &str| format!("applicants.{i}.{name}");
            let mut hint = ApplicantHint {
                nik_birth_date: None,
                nik_sex: None,
                age: None,
            };
            let name = check_name(&a.full_name).unwrap_or_else(|m| {
                issues.error(f("fullName"), m);
                String::new()
            });
            let relation = match (i, a.relation) {
                (0, Some(Relation::Pemohon) | None) => Some(Relation::Pemohon),
                (0, Some(_)) => {
                    issues.error(
                        f("relation"),
                        text!(
                            "Pemohon pertama harus pemohon utama (pemilik akun).",
                            "The first applicant must be the main applicant (the account holder)."
                        ),
                    );
                    None
                }
                (_, None) => {
                    issues.error(f("relation"), BookingError::RelationMissing);
                    None
                }
                (_, Some(Relation::Pemohon)) => {
                    issues.error(
                        f("relation"),
                        text!(
                            "Hanya pemohon pertama yang menjadi pemohon utama.",
                            "Only the first applicant is the main applicant."
                        ),
                    );
                    None
                }
                (_, Some(r)) => Some(r),
            };
            let sex = Sex::try_from(a.sex.trim()).ok();
            if sex.is_none() {
                issues.error(
                    f("sex"),
                    text!(
                        "Pilih jenis kelamin sesuai dokumen.",
                        "Choose the sex as the documents give it."
                    ),
                );
            }
            let birth = NaiveDate::parse_from_str(a.birth_date.trim(), "%Y-%m-%d").ok();
            match birth {
                None => issues.error(
                    f("birthDate"),
                    text!(
                        "Tanggal lahir wajib diisi, sesuai dokumen.",
                        "Enter the birth date as the documents give it."
                    ),
                ),
                Some(b) if b > today => issues.error(
                    f("birthDate"),
                    text!(
                        "Tanggal lahir tidak boleh setelah hari ini.",
                        "The birth date cannot be after today."
                    ),
                ),
                Some(b) => hint.age = on.years_since(b),
            }
            let mut nik = None;
            match Nik::parse(&a.nik, &self.regions) {
                Err(e) => issues.error(f("nik"), e),
                Ok(check) => {
                    nik = Some(check.nik.clone());
                    hint.nik_birth_date = check.nik.birth_date(today, birth).map(|d| d.to_string());
                    hint.nik_sex = Some(check.nik.sex().as_str().into());
                    let check = check.compare_with_documents(today, birth, sex);
                    for w in &check.warnings {
                        let kind = match w {
                            loket_domain::NikWarning::HistoricRegion { .. } => "historic_region",
                            loket_domain::NikWarning::UnknownRegion { .. } => "unknown_region",
                            loket_domain::NikWarning::PlaceholderBirthDate => "placeholder_date",
                            loket_domain::NikWarning::BirthDateDiffers { .. } => {
                                "birth_date_differs"
                            }
                            loket_domain::NikWarning::SexDiffers { .. } => "sex_differs",
                        };
                        issues.warning(f("nik"), kind, w);
                    }
                    // The seeds' 30-day rule, judged by the office-local date the last booking was made.
                    let last = self
                        .store
                        .last_booking_of(check.nik.as_str())
                        .await?
                        .as_deref()
                        .and_then(parse_utc)
                        .map(|t| office.local_date(t));
                    if let Err(e) = check_freeze(last, today) {
                        issues.error(f("nik"), e);
                    }
                    if let Some(r) = relation {
                        members.push((check.nik, r));
                    }
                }
            }
            let kind = ApplicationType::try_from(a.application_type.as_str()).ok();
            if kind.is_none() {
                issues.error(
                    f("applicationType"),
                    text!(
                        "Pilih jenis permohonan: baru atau penggantian.",
                        "Choose the application type: new or renewal."
                    ),
                );
            }
            let renewal = kind == Some(ApplicationType::Penggantian);
            let passport = if renewal {
                match PassportNumber::parse(&a.old_passport) {
                    Ok(p) => Some(p),
                    Err(e) => {
                        issues.error(f("oldPassport"), e);
                        None
                    }
                }
            } else {
                None
            };
            let expiry = if renewal {
                walk_in_old_passport(&mut issues, i, a, nik.as_ref(), (birth, sex), today)
            } else {
                None
            };
            if let (Some(sex), Some(birth), Some(kind)) = (sex, birth, kind) {
                judged.push(Judged {
                    name,
                    sex,
                    birth,
                    kind,
                    passport,
                    expiry,
                });
            }
            hints.push(hint);
        }

        let family = match &kk {
            Ok(kk) if members.len() == req.applicants.len() => {
                match Family::parse(kk.clone(), members) {
                    Ok(f) => Some(f),
                    Err(e) => {
                        let field = match e {
                            loket_domain::BookingError::DuplicateNik { second, .. } => {
                                format!("applicants.{}.nik", second - 1)
                            }
                            _ => "applicants".into(),
                        };
                        issues.error(field, e);
                        None
                    }
                }
            }
            _ => None,
        };

        let births: Vec<NaiveDate> = judged.iter().map(|j| j.birth).collect();
        let suggested_priority = PriorityReason::suggested(&births, on);
        let priority = req.priority.or(suggested_priority);
        let share = if priority.is_some() {
            Share::Priority
        } else {
            Share::Counter
        };
        // Room in the chosen session, and the next one with room when it is full.
        let horizon = self
            .days_between(office, on, on + Duration::days(LOOKAHEAD_DAYS))
            .await?;
        let needed = u32::try_from(req.applicants.len().max(1)).unwrap_or(5);
        let office_room = horizon
            .first()
            .map_or(0, |d| room_in(d, req.session, share));
        // Cut off from the central, this PC books only within the seats it holds (the form shows
        // those, and saving says why when they are too few); online it can ask for more, so the
        // office's room is the estimate.
        let mut room = office_room;
        if let Some(d) = date
            && self.lends_seats().await?
            && !self.central_reachable().await?
        {
            room = room.min(self.free_seats(d, req.session, share).await?);
        }
        let mut next_with_room = None;
        // A closed date (holiday, weekend, the office's own closure) is a problem of the date, not
        // of a full session: say why it is closed.
        let closed = date
            .and_then(|_| horizon.first())
            .and_then(|d| d.reason.clone());
        if let (Some(reason), Some(d)) = (&closed, date) {
            issues.error(
                "date",
                BookingError::OfficeClosed {
                    date: d,
                    reason: reason.clone(),
                },
            );
        }
        if office_room < needed {
            'search: for day in &horizon {
                let Ok(d) = NaiveDate::parse_from_str(&day.date, "%Y-%m-%d") else {
                    continue;
                };
                for s in SessionKind::ALL {
                    if (d == on && s <= req.session)
                        || check_session_open(&schedule, d, s, local).is_err()
                    {
                        continue;
                    }
                    let r = room_in(day, s, share);
                    if r >= needed {
                        next_with_room = Some(SessionSlot {
                            date: day.date.clone(),
                            session: s,
                            room: r,
                        });
                        break 'search;
                    }
                }
            }
            let override_ok = req
                .override_reason
                .as_deref()
                .is_some_and(|r| Reason::parse(r).is_ok());
            if !override_ok && closed.is_none() {
                issues.error(
                    "session",
                    no_room(
                        share,
                        req.session,
                        on,
                        office_room,
                        needed,
                        next_with_room.as_ref(),
                    ),
                );
            }
        }

        let unacknowledged = issues
            .0
            .iter()
            .any(|i| i.severity == Severity::Warning && !req.acknowledged.contains(&i.key));
        let has_error = issues.0.iter().any(|i| i.severity == Severity::Error);
        let parsed = match (date, family, has_error) {
            (Some(date), Some(family), false) => Some(Parsed {
                date,
                family,
                applicants: judged,
            }),
            _ => None,
        };
        Ok((
            WalkInCheck {
                ready: parsed.is_some() && !unacknowledged,
                issues: issues.0,
                hints,
                suggested_priority,
                room,
                next_with_room,
            },
            parsed,
        ))
    }

    /// Judges the walk-in form as it stands; changes nothing.
    pub async fn check_walk_in(
        &self,
        actor: &Actor,
        req: &WalkInRequest,
    ) -> Result<WalkInCheck, AppError> {
        actor.require(
            Permission::ServeCounter,
            ("mendaftarkan walk-in", "register walk-ins"),
        )?;
        let office = self.office().await?;
        Ok(self.judge(&office, req).await?.0)
    }

    /// The session a walk-in form starts on: the one being served, or tomorrow's pagi after hours.
    pub async fn walk_in_default_slot(&self, actor: &Actor) -> Result<SessionSlot, AppError> {
        actor.require(
            Permission::ServeCounter,
            ("mendaftarkan walk-in", "register walk-ins"),
        )?;
        let office = self.office().await?;
        let local = office.local_time(self.clock.now());
        let schedule = self.schedule(&office).await?;
        let session = open_session(&schedule, local);
        let (date, session) = if check_session_open(&schedule, local.date(), session, local).is_ok()
        {
            (local.date(), session)
        } else {
            (local.date() + Duration::days(1), SessionKind::Pagi)
        };
        Ok(SessionSlot {
            date: date.to_string(),
            session,
            room: 0,
        })
    }

    /// Provinces, or the kabupaten/kota of a province (2 digits), or the kecamatan of a kab/kota
    /// (4 digits), for the address pickers.
    pub fn regions_under(&self, parent: Option<&str>) -> Vec<RegionOption> {
        let to = |r: loket_domain::region::Region| RegionOption {
            code: r.code,
            name: r.name,
        };
        match parent.map(str::trim) {
            None | Some("") => self.regions.provinces().map(to).collect(),
            Some(p) if p.len() == 2 => self.regions.kabkota_of(p).map(to).collect(),
            Some(p) => self.regions.kecamatan_of(p).map(to).collect(),
        }
    }
}
