//! The demo office: generated, deterministic data so a newcomer sees a real-looking day.
//!
//! Everything comes from a ChaCha8 stream with a fixed seed and is laid out around the office-local
//! "today" of the injected clock, so the same day always gives the same office.

mod names;
mod people;

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use loket_domain::op::DemoSeeded;
use loket_domain::{
    ApplicantStatus, ApplicationType, Author, Category, Channel, CounterCode, Op, PriorityReason,
    Sex,
};
use loket_domain::{Nip, Office, Role, SessionKind};
use loket_store::{NewApplicant, NewBooking, NewUser, Tx};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::auth::hash_password;
use crate::error::AppError;
use crate::keys::{DEMO_CENTRAL_KEY_ID, demo_central_key};
use crate::loket::Loket;
use crate::view::{DemoAccount, SetupRequest};
use loket_domain::proof::ProofClaim;

use people::{Person, Registry};

/// Kantor Imigrasi Kelas I Khusus Non TPI Jakarta Selatan.
pub const DEMO_OFFICE: &str = "jakartaselatan";
pub const DEMO_SEED: u64 = 20_190_121; // APAPO 2.0's launch day.
const CAPACITY: u32 = 100;

/// The demo's accounts, shown on its login screen. Demo only: a real office sets its own.
pub fn accounts() -> Vec<DemoAccount> {
    [
        ("admin", "demo-admin-123", Role::Admin),
        ("kepala", "demo-kepala-123", Role::Kepala),
        ("petugas", "demo-petugas-123", Role::Petugas),
    ]
    .into_iter()
    .map(|(u, p, role)| DemoAccount {
        username: u.into(),
        password: p.into(),
        role,
    })
    .collect()
}

/// What the generator wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub quota_days: u32,
    pub bookings: u32,
    pub applicants: u32,
}

impl Loket {
    /// Sets this PC up as the demo office, once, as counter `counter` (a second demo PC of the
    /// same office is counter B). Returns `None` if the PC is already set up.
    pub async fn seed_demo(
        &self,
        seed: u64,
        counter: &CounterCode,
    ) -> Result<Option<DemoSummary>, AppError> {
        if self.store.device().await?.office_slug.is_some() {
            return Ok(None);
        }
        let [admin, kepala, petugas] = <[DemoAccount; 3]>::try_from(accounts())
            .map_err(|_| AppError::Internal("akun demo".into()))?;
        let req = SetupRequest {
            office_slug: DEMO_OFFICE.into(),
            admin_username: admin.username,
            admin_full_name: "Admin Demo".into(),
            admin_password: admin.password,
            counter_code: counter.as_str().to_owned(),
        };
        self.setup_office(&req, true).await?;
        let office = self.office().await?;
        let staff = [
            (kepala, "Dra. Ratna Sari Dewi, M.Si.", "197203151998032001"),
            (petugas, "Rizky Pratama", "199108222015031002"),
        ];
        let mut hashed = Vec::new();
        for (acct, name, nip) in staff {
            let pw = loket_domain::Password::parse(&acct.password)?;
            hashed.push((acct, name, Nip::parse(nip)?, hash_password(pw).await?));
        }

        let mut tx = self.store.begin().await?;
        for (acct, name, nip, hash) in &hashed {
            tx.insert_user(&NewUser {
                id: &uuid::Uuid::now_v7().to_string(),
                username: &acct.username,
                full_name: name,
                nip: Some(nip.as_str()),
                role: acct.role.as_str(),
                password_hash: hash,
                created_utc: self.clock.now(),
            })
            .await?;
        }
        let summary = self.generate(&mut tx, &office, seed).await?;
        let op = Op::DemoSeeded(DemoSeeded {
            bookings: summary.bookings,
            applicants: summary.applicants,
            seed,
        });
        self.record(&mut tx, &office, &Author::system(), op).await?;
        tx.commit().await?;
        tracing::info!(
            bookings = summary.bookings,
            applicants = summary.applicants,
            "demo office generated"
        );
        Ok(Some(summary))
    }

    async fn generate(
        &self,
        tx: &mut Tx,
        office: &Office,
        seed: u64,
    ) -> Result<DemoSummary, AppError> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let now = self.clock.now();
        let today = office.local_date(now);
        let schedule = self.schedule(office).await?;
        let home: Vec<String> = self
            .regions
            .kecamatan_of(&office.kabkota_code)
            .map(|r| r.code)
            .collect();
        let province: Vec<String> = self
            .regions
            .kecamatan_codes()
            .filter(|c| c.starts_with(&office.kabkota_code[..2]))
            .map(str::to_owned)
            .collect();
        let mut registry = Registry::new(home, province);
        let days = self
            .days_between(
                office,
                today - Duration::days(30),
                today + Duration::days(60),
            )
            .await?;
        let mut summary = DemoSummary::default();
        let central = demo_central_key();

        for day in days.iter().filter(|d| d.reason.is_none()) {
            let date = NaiveDate::parse_from_str(&day.date, "%Y-%m-%d")
                .map_err(|e| AppError::Internal(e.to_string()))?;
            let ahead = (date - today).num_days();
            // Beyond six weeks the office has not provided quota yet, and a few nearer dates are
            // still waiting too: those stay yellow.
            if ahead > 45 || (ahead > 7 && rng.random_bool(0.06)) {
                continue;
            }
            summary.quota_days += 1;
            let full_day = (1..=21).contains(&ahead) && rng.random_bool(0.2);
            for session in SessionKind::ALL {
                tx.upsert_quota(office.slug.as_str(), date, session, CAPACITY)
                    .await?;
                let target = match ahead {
                    _ if full_day => CAPACITY,
                    a if a <= 0 => rng.random_range(75..=CAPACITY),
                    a if a <= 14 => rng.random_range(60..=95),
                    _ => rng.random_range(10..=60),
                };
                let hours = schedule.hours(session);
                let mut filled = 0u32;
                // The demo's invented online bookings are numbered from 801, above anything the
                // demo central numbers (from 001, one per booking of an 80-seat share), so a demo
                // PC connected to it never holds two bookings under one code.
                let mut number = 800u32;
                let mut queue = 0u32;
                while filled < target {
                    let size = family_size(&mut rng).min((target - filled) as usize);
                    let family = registry.family(&mut rng, size, date);
                    number += 1;
                    let code = loket_domain::counter::online_code(date, session, number);
                    let arrival = |rng: &mut ChaCha8Rng| {
                        let span = (hours.end() - hours.start()).num_minutes().max(1);
                        let t = hours.start() + Duration::minutes(rng.random_range(-30..span));
                        office
                            .tz
                            .from_local_datetime(&date.and_time(t))
                            .single()
                            .map(|l| l.with_timezone(&Utc))
                    };
                    // Past sessions are settled; today's arrivals follow the clock.
                    let session_start = office
                        .tz
                        .from_local_datetime(&date.and_time(hours.start()))
                        .single();
                    let settled = date < today;
                    let started = session_start.is_some_and(|s| s <= now);
                    let mut rows: Vec<Generated> = Vec::new();
                    let family_arrives = rng.random_bool(0.9);
                    for p in family {
                        let (status, at) = if settled {
                            if family_arrives {
                                (ApplicantStatus::Arrived, arrival(&mut rng))
                            } else {
                                (ApplicantStatus::NoShow, None)
                            }
                        } else if date == today && started && family_arrives && rng.random_bool(0.6)
                        {
                            (
                                ApplicantStatus::Arrived,
                                arrival(&mut rng).filter(|t| *t <= now).or(Some(now)),
                            )
                        } else {
                            (ApplicantStatus::Expected, None)
                        };
                        let q = (status == ApplicantStatus::Arrived).then(|| {
                            queue += 1;
                            queue
                        });
                        let kind = if p.age_on(date) >= 17 && rng.random_bool(0.45) {
                            ApplicationType::Penggantian
                        } else {
                            ApplicationType::Baru
                        };
                        // Derived from the NIK, not drawn from the stream, so adding it kept the
                        // rest of the demo office exactly as it was.
                        let old_passport = (kind == ApplicationType::Penggantian).then(|| {
                            let n: u64 = p
                                .nik
                                .bytes()
                                .fold(7, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
                            format!(
                                "{}{:07}",
                                ['A', 'B', 'C', 'X'][(n % 4) as usize],
                                n % 10_000_000
                            )
                        });
                        rows.push(Generated {
                            old_passport,
                            person: p,
                            status,
                            queue: q,
                            arrived: at,
                            kind,
                        });
                    }
                    let prioritas = rows
                        .iter()
                        .any(|r| r.person.age_on(date) >= 60 || r.person.age_on(date) < 5);
                    let channel = if ahead <= 0 && rng.random_bool(0.08) {
                        Channel::Loket
                    } else {
                        Channel::Online
                    };
                    let issued = date - Duration::days(rng.random_range(400..4000));
                    let kk = registry.kk_number(&mut rng, issued);
                    let booking_id = uuid_from(&mut rng);
                    let created = office
                        .tz
                        .from_local_datetime(
                            &(date - Duration::days(rng.random_range(3..40)))
                                .and_time(NaiveTime::MIN),
                        )
                        .single()
                        .map_or(now, |t| t.with_timezone(&Utc));
                    let ids: Vec<String> = rows.iter().map(|_| uuid_from(&mut rng)).collect();
                    let applicants: Vec<NewApplicant> = rows
                        .iter()
                        .zip(&ids)
                        .enumerate()
                        .map(|(i, (r, id))| NewApplicant {
                            id,
                            position: (i + 1) as u8,
                            nik: &r.person.nik,
                            full_name: &r.person.name,
                            relation: r.person.relation,
                            sex: if r.person.sex == 'L' { Sex::L } else { Sex::P },
                            birth_date: r.person.birth_date,
                            application_type: r.kind,
                            status: r.status,
                            // The demo's history was served at counter A.
                            queue: r.queue.map(|q| ("A", q)),
                            arrived_utc: r.arrived,
                            old_passport: r.old_passport.as_deref(),
                            old_passport_expiry: None,
                        })
                        .collect();
                    // Online proofs are signed by the (demo) central service; the demo's walk-ins
                    // from before today are signed the same way, as if synced from another PC.
                    let proof = ProofClaim {
                        office: office.slug.as_str().to_owned(),
                        code: code.clone(),
                        date,
                        session,
                        applicants: applicants.len() as u8,
                    }
                    .sign(DEMO_CENTRAL_KEY_ID, &central)
                    .map_err(|e| AppError::Internal(e.to_string()))?;
                    let booking = NewBooking {
                        id: &booking_id,
                        code: &code,
                        office_slug: office.slug.as_str(),
                        date,
                        session,
                        channel,
                        category: if prioritas {
                            Category::Prioritas
                        } else {
                            Category::Reguler
                        },
                        kk_number: &kk,
                        created_utc: created,
                        proof_qr: Some(&proof),
                        kecamatan_code: None,
                        address_line: None,
                        priority_reason: prioritas.then_some(
                            if rows.iter().any(|r| r.person.age_on(date) >= 60) {
                                PriorityReason::Lansia
                            } else {
                                PriorityReason::Balita
                            },
                        ),
                        override_reason: None,
                    };
                    tx.insert_booking(&booking, &applicants).await?;
                    filled += applicants.len() as u32;
                    summary.bookings += 1;
                    summary.applicants += applicants.len() as u32;
                }
            }
        }
        Ok(summary)
    }
}

/// One generated applicant and what happened to them.
#[derive(Debug)]
struct Generated {
    person: Person,
    status: ApplicantStatus,
    queue: Option<u32>,
    arrived: Option<chrono::DateTime<Utc>>,
    kind: ApplicationType,
    old_passport: Option<String>,
}

/// Booking sizes as families book them: mostly one or two, sometimes the whole family of five.
fn family_size(rng: &mut ChaCha8Rng) -> usize {
    match rng.random_range(0..100) {
        0..=44 => 1,
        45..=69 => 2,
        70..=84 => 3,
        85..=94 => 4,
        _ => 5,
    }
}

fn uuid_from(rng: &mut ChaCha8Rng) -> String {
    uuid::Builder::from_random_bytes(rng.random())
        .into_uuid()
        .to_string()
}
