//! Check-in of an online booking this PC has not pulled yet (it was offline when the citizen
//! booked): the central-signed proof is enough to know the booking exists, for this office, today,
//! in this session, for so many applicants. The arrivals are recorded against the code and the
//! applicants' places on the proof, pushed to the central (which finds the booking by code), and
//! moved onto the booking's applicants when the booking itself is pulled.

use chrono::Duration;
use loket_domain::op::{ArrivalsFromProof, ProofArrival};
use loket_domain::proof::ProofClaim;
use loket_domain::{
    ApplicantStatus, ApplicationType, BookingStatus, Category, Channel, KeyOrigin, Office, Op,
    QueueNumber, Relation, Sex,
};
use loket_store::ProofBooking;

use crate::auth::Actor;
use crate::error::{AppError, Missing};
use crate::loket::Loket;
use crate::view::{ApplicantView, BookingView, CheckInRequest, CheckInResult, ScanOutcome};
use loket_domain::proof::DEMO_CENTRAL_KEY_ID;

/// The booking a proof stands for, until the booking itself is pulled.
fn proof_view(office: &Office, p: &ProofBooking) -> BookingView {
    let applicants = (1..=p.applicants)
        .map(|position| {
            let arrived = p
                .arrivals
                .iter()
                .find(|a| a.position == i64::from(position));
            ApplicantView {
                id: format!("bukti:{}:{position}", p.code),
                position,
                full_name: format!("Pemohon ke-{position} (data menyusul dari pusat)"),
                nik: String::new(),
                nik_masked: "—".into(),
                relation: if position == 1 {
                    Relation::Pemohon
                } else {
                    Relation::Anak
                },
                sex: Sex::L,
                birth_date: String::new(),
                application_type: ApplicationType::Baru,
                old_passport: None,
                old_passport_expiry: None,
                status: if arrived.is_some() {
                    ApplicantStatus::Arrived
                } else {
                    ApplicantStatus::Expected
                },
                queue_number: arrived.and_then(|a| {
                    let n = u32::try_from(a.queue_number).ok()?;
                    let counter = loket_domain::CounterCode::parse(&a.queue_counter).ok()?;
                    Some(QueueNumber::new(counter, n).ok()?.to_string())
                }),
                arrived_at: arrived.and_then(|a| {
                    let t = chrono::DateTime::parse_from_rfc3339(&a.arrived_utc).ok()?;
                    Some(
                        office
                            .local_time(t.with_timezone(&chrono::Utc))
                            .format("%H:%M")
                            .to_string(),
                    )
                }),
                no_show_reversal: None,
            }
        })
        .collect();
    BookingView {
        id: format!("bukti:{}", p.code),
        code: p.code.clone(),
        date: p.date.to_string(),
        session: p.session,
        channel: Channel::Online,
        category: Category::Reguler,
        priority_reason: None,
        status: BookingStatus::Active,
        cancel_reason: None,
        kk_number: String::new(),
        applicants,
        cancel_deadline: (p.date - Duration::days(2)).to_string(),
        has_proof: false,
    }
}

fn unknown(code: &str) -> AppError {
    AppError::rejected(
        "checkin.unknown_booking",
        loket_domain::text!(
            "Pemesanan {code} belum ada di data kantor ini. Jika jaringan baru pulih, tunggu sinkronisasi lalu pindai ulang.",
            "Booking {code} is not in this office's data yet. If the network has just come back, wait for the sync and scan again."
        ),
    )
}

impl Loket {
    /// A verified proof of a booking this PC does not have: signed by the central, it opens the
    /// booking as the proof describes it; signed by a counter PC (a walk-in not pulled yet), it
    /// does not, since that booking may not have reached the central either.
    pub(super) async fn scan_unpulled(
        &self,
        office: &Office,
        key_id: &str,
        claim: &ProofClaim,
        scanned: &str,
    ) -> Result<ScanOutcome, AppError> {
        let demo = self.store.device().await?.demo;
        let central = self
            .store
            .signing_keys()
            .await?
            .iter()
            .any(|k| k.key_id == key_id && k.origin == KeyOrigin::Central)
            || (demo && key_id == DEMO_CENTRAL_KEY_ID);
        if !central {
            return Err(unknown(&claim.code));
        }
        let p = self
            .store
            .remember_proof(
                office.slug.as_str(),
                claim,
                scanned.trim(),
                self.clock.now(),
            )
            .await?;
        tracing::info!(code = %claim.code, "proof of a booking not pulled yet scanned");
        Ok(ScanOutcome {
            already_done: p.arrivals.len() >= usize::from(p.applicants),
            booking: proof_view(office, &p),
        })
    }

    /// Records arrivals against a proof scanned before its booking was pulled.
    pub(super) async fn check_in_from_proof(
        &self,
        actor: &Actor,
        req: &CheckInRequest,
    ) -> Result<CheckInResult, AppError> {
        let office = self.office().await?;
        let now = self.clock.now();
        let today = office.local_date(now);
        let counter = self.store.device().await?.counter_code;
        let code = req.code.trim();
        let mut tx = self.store.begin().await?;
        let Some(p) = tx.proof_booking(code).await? else {
            return Err(AppError::NotFound(Missing::Booking));
        };
        if p.date != today {
            return Err(AppError::rejected("checkin.wrong_date", {
                let date = p.date.to_string();
                loket_domain::text!(
                    "Pemesanan {code} untuk tanggal {date}, bukan hari ini; kedatangan hanya dicatat pada harinya.",
                    "Booking {code} is for {date}, not today; arrivals are recorded on the day only."
                )
            }));
        }
        let prefix = format!("bukti:{code}:");
        let mut arrivals = Vec::new();
        for id in &req.applicant_ids {
            let position = id
                .strip_prefix(&prefix)
                .and_then(|n| n.parse::<u8>().ok())
                .filter(|n| (1..=p.applicants).contains(n))
                .ok_or(AppError::NotFound(Missing::Applicant))?;
            if p.arrivals.iter().any(|a| a.position == i64::from(position)) {
                continue;
            }
            let n = tx
                .next_queue_number(
                    office.slug.as_str(),
                    &p.date.to_string(),
                    p.session,
                    &counter,
                )
                .await?;
            if tx
                .record_proof_arrival(code, position, counter.as_str(), n, now)
                .await?
            {
                arrivals.push(ProofArrival {
                    position,
                    queue_number: super::checkin::queue_number(&counter, n)?,
                    arrived_utc: now,
                });
            }
        }
        let numbers: Vec<String> = arrivals
            .iter()
            .map(|a| a.queue_number.to_string())
            .collect();
        if !arrivals.is_empty() {
            let op = Op::ArrivalsFromProof(ArrivalsFromProof {
                code: code.to_owned(),
                date: p.date,
                session: p.session,
                arrivals,
            });
            self.record(&mut tx, &office, &actor.author()?, op).await?;
        }
        let p = tx
            .proof_booking(code)
            .await?
            .ok_or(AppError::NotFound(Missing::Booking))?;
        tx.commit().await?;
        tracing::info!(code, arrived = numbers.len(), "check-in from a proof");
        Ok(CheckInResult {
            booking: proof_view(&office, &p),
            new_queue_numbers: numbers,
        })
    }
}
