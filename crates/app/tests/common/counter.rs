//! Shared set-up of the counter's tests: the demo office, its officers, and bookings in it.

use loket_app::{Actor, BookingView, WalkInApplicant, WalkInRequest};
use loket_domain::ApplicantStatus;
use loket_domain::{Relation, SessionKind};

use super::{Office, login, monday_morning, office_at};

pub async fn demo() -> Office {
    let o = office_at(monday_morning()).await;
    o.loket
        .seed_demo(
            loket_app::demo::DEMO_SEED,
            &loket_domain::CounterCode::first(),
        )
        .await
        .unwrap();
    o
}

pub async fn petugas(o: &Office) -> Actor {
    o.loket
        .login(&login("petugas", "demo-petugas-123"))
        .await
        .unwrap()
        .0
}

pub async fn kepala(o: &Office) -> Actor {
    o.loket
        .login(&login("kepala", "demo-kepala-123"))
        .await
        .unwrap()
        .0
}

pub async fn proof_of(o: &Office, code: &str) -> String {
    o.loket
        .store()
        .booking_by_code("jakartaselatan", code)
        .await
        .unwrap()[0]
        .proof_qr
        .clone()
        .unwrap()
}

/// A booking of `date` and `session` with at least `size` applicants, all still expected.
pub async fn waiting_family(
    o: &Office,
    who: &Actor,
    date: &str,
    session: SessionKind,
    size: usize,
) -> BookingView {
    let day = o.loket.day_lists(who, date).await.unwrap();
    day.sessions
        .into_iter()
        .find(|s| s.session == session)
        .unwrap()
        .bookings
        .into_iter()
        .find(|b| {
            b.applicants.len() >= size
                && b.applicants
                    .iter()
                    .all(|a| a.status == ApplicantStatus::Expected)
        })
        .expect("the demo has such a family")
}

/// The first session after today with room for a family at the counter.
pub async fn roomy(o: &Office, who: &Actor) -> (String, SessionKind) {
    let month = o.loket.calendar_month(who, 2026, 12).await.unwrap();
    for d in &month.days {
        for (s, q) in [(SessionKind::Pagi, &d.pagi), (SessionKind::Siang, &d.siang)] {
            if d.reason.is_none() && q.as_ref().is_some_and(|q| q.capacity >= q.booked + 5) {
                return (d.date.clone(), s);
            }
        }
    }
    panic!("no December session with room in the demo");
}

pub async fn outbox_len(o: &Office) -> usize {
    o.loket.store().outbox_latest(100_000).await.unwrap().len()
}

pub fn applicant(
    nik: &str,
    name: &str,
    relation: Option<Relation>,
    sex: &str,
    birth: &str,
) -> WalkInApplicant {
    WalkInApplicant {
        nik: nik.into(),
        full_name: name.into(),
        relation,
        sex: sex.into(),
        birth_date: birth.into(),
        application_type: "baru".into(),
        old_passport: String::new(),
        old_passport_expiry: String::new(),
        scanned_passport: None,
    }
}

pub fn walk_in(
    date: &str,
    session: SessionKind,
    applicants: Vec<WalkInApplicant>,
) -> WalkInRequest {
    WalkInRequest {
        date: date.into(),
        session,
        kk_number: "3174010101250001".into(),
        kecamatan_code: "317401".into(),
        address_line: "Jl. Wijaya II No. 12".into(),
        applicants,
        priority: None,
        acknowledged: vec![],
        override_reason: None,
    }
}

pub fn issue<'a>(
    check: &'a loket_app::WalkInCheck,
    field: &str,
) -> Option<&'a loket_app::FieldIssue> {
    check.issues.iter().find(|i| i.field == field)
}
