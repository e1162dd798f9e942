//! Applying a 60-day quota proposal (propose, submit, approve: 2 sessions × ~40 working days) and
//! reading a month of the calendar, on the demo office's database. `cargo bench -p loket-app`.
//! A plain timing loop (no harness) keeps the build lean; see BENCHMARKS.md.
#![allow(clippy::print_stdout, clippy::unwrap_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use loket_app::{
    DecisionInput, FixedClock, LoginRequest, Loket, NewUserRequest, ProposalInput, SplitInput,
};
use loket_domain::Role;

fn median(mut v: Vec<Duration>) -> String {
    v.sort();
    format!(
        "{:.1} ms (min {:.1}, max {:.1}, n={})",
        ms(v[v.len() / 2]),
        ms(v[0]),
        ms(v[v.len() - 1]),
        v.len()
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn demo_office() -> (tempfile::TempDir, Loket) {
    let dir = tempfile::tempdir().unwrap();
    let store = loket_store::Store::open(&dir.path().join("loket.db"))
        .await
        .unwrap();
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap(),
    ));
    let loket = Loket::new(store, clock, Arc::new(loket_app::MemoryKeyVault::default())).unwrap();
    loket
        .seed_demo(
            loket_app::demo::DEMO_SEED,
            &loket_domain::CounterCode::first(),
        )
        .await
        .unwrap();
    (dir, loket)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let login = |u: &str, p: &str| LoginRequest {
        username: u.into(),
        password: p.into(),
    };
    let mut apply = Vec::new();
    let mut sessions = 0;
    for _ in 0..5 {
        let (_dir, loket) = demo_office().await;
        let (admin, _) = loket
            .login(&login("admin", "demo-admin-123"))
            .await
            .unwrap();
        let req = NewUserRequest {
            username: "kepala2".into(),
            full_name: "K".into(),
            nip: None,
            role: Role::Kepala,
            password: "sandi-awal-123".into(),
        };
        loket.create_user(&admin, &req).await.unwrap();
        let (petugas, _) = loket
            .login(&login("petugas", "demo-petugas-123"))
            .await
            .unwrap();
        let (kepala, _) = loket
            .login(&login("kepala2", "sandi-awal-123"))
            .await
            .unwrap();
        let split = SplitInput {
            online: 80,
            counter: 15,
            priority: 5,
        };
        let input = ProposalInput {
            from: "2027-01-11".into(),
            to: "2027-03-11".into(),
            weekdays: vec![true, true, true, true, true, false, false],
            pagi: Some(split.clone()),
            siang: Some(split),
            include: vec![],
        };
        let started = Instant::now();
        let p = loket.propose_quota(&petugas, &input).await.unwrap();
        loket.submit_proposal(&petugas, &p.id).await.unwrap();
        let decided = loket
            .decide_proposal(
                &kepala,
                &DecisionInput {
                    proposal_id: p.id,
                    dates: vec![],
                    approve: true,
                    reason: None,
                },
            )
            .await
            .unwrap();
        apply.push(started.elapsed());
        sessions = decided.days.len();
        assert!(
            decided
                .days
                .iter()
                .all(|d| d.decision == loket_domain::Decision::Approved)
        );
    }
    let (_dir, loket) = demo_office().await;
    let (petugas, _) = loket
        .login(&login("petugas", "demo-petugas-123"))
        .await
        .unwrap();
    let mut month = Vec::new();
    for i in 0..200 {
        let started = Instant::now();
        let m = loket
            .calendar_month(&petugas, 2026, 11 + (i % 2))
            .await
            .unwrap();
        month.push(started.elapsed());
        assert!(m.days.len() >= 30);
    }
    println!(
        "| apply a 60-day proposal (propose + submit + approve, {} sessions) | {} |",
        sessions,
        median(apply)
    );
    println!(
        "| calendar month read (use case, demo office) | {} |",
        median(month)
    );
}
