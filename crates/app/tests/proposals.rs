//! Quota proposals and the four-eyes approval, against a real SQLite file.
#![allow(clippy::unwrap_used)] // test set-up: a failure here is a failed test

mod common;

use chrono::{TimeZone, Utc};
use common::{Office, login, set_up};
use loket_app::{Actor, DecisionInput, IncludedDate, NewUserRequest, ProposalInput, SplitInput};
use loket_domain::{DateColour, Role};

async fn staff(o: &Office) -> (Actor, Actor, Actor) {
    let (admin, _) = o
        .loket
        .login(&login("admin", "kata-sandi-kuat"))
        .await
        .unwrap();
    for (username, role) in [
        ("petugas", Role::Petugas),
        ("kepala", Role::Kepala),
        ("kepala2", Role::Kepala),
    ] {
        let req = NewUserRequest {
            username: username.into(),
            full_name: "Nama".into(),
            nip: None,
            role,
            password: "sandi-awal-123".into(),
        };
        o.loket.create_user(&admin, &req).await.unwrap();
    }
    let who = |u: &'static str| async move {
        o.loket.login(&login(u, "sandi-awal-123")).await.unwrap().0
    };
    (
        who("petugas").await,
        who("kepala").await,
        who("kepala2").await,
    )
}

fn december(from: &str, to: &str) -> ProposalInput {
    let split = SplitInput {
        online: 80,
        counter: 15,
        priority: 5,
    };
    ProposalInput {
        from: from.into(),
        to: to.into(),
        weekdays: vec![true, true, true, true, true, false, false],
        pagi: Some(split.clone()),
        siang: Some(split),
        include: vec![],
    }
}

/// The demo office (Monday 23 November 2026, bookings in place), its counter officer, and a second
/// office head who did not propose anything.
async fn demo_with_second_head() -> (Office, Actor, Actor) {
    let o = common::office_at(common::monday_morning()).await;
    o.loket.seed_demo(loket_app::demo::DEMO_SEED).await.unwrap();
    let (admin, _) = o
        .loket
        .login(&login("admin", "demo-admin-123"))
        .await
        .unwrap();
    let req = NewUserRequest {
        username: "kepala2".into(),
        full_name: "Nama".into(),
        nip: None,
        role: Role::Kepala,
        password: "sandi-awal-123".into(),
    };
    o.loket.create_user(&admin, &req).await.unwrap();
    let (petugas, _) = o
        .loket
        .login(&login("petugas", "demo-petugas-123"))
        .await
        .unwrap();
    let (kepala2, _) = o
        .loket
        .login(&login("kepala2", "sandi-awal-123"))
        .await
        .unwrap();
    (o, petugas, kepala2)
}

/// The workflow badge and release time of Wednesday 2 December 2026.
async fn workflow(o: &Office, who: &Actor) -> (String, Option<String>) {
    let d = o.loket.calendar_month(who, 2026, 12).await.unwrap().days[1].clone();
    (d.workflow, d.opens_local)
}

fn decide(id: &str, approve: bool, reason: Option<&str>) -> DecisionInput {
    DecisionInput {
        proposal_id: id.into(),
        dates: vec![],
        approve,
        reason: reason.map(Into::into),
    }
}

#[tokio::test]
async fn an_officer_proposes_the_head_approves_and_the_dates_turn_green_after_release() {
    let o = set_up("agam").await;
    let (petugas, kepala, _) = staff(&o).await;
    let draft = o
        .loket
        .propose_quota(&petugas, &december("2026-12-01", "2026-12-31"))
        .await
        .unwrap();
    // 23 weekdays in December 2026 less cuti bersama (24th) and Christmas (25th), two sessions each.
    assert_eq!(draft.days.len(), 21 * 2);
    assert!(
        draft
            .days
            .iter()
            .all(|d| d.capacity == 100 && d.date != "2026-12-25")
    );
    assert_eq!(workflow(&o, &kepala).await, ("draft".into(), None));
    let submitted = o.loket.submit_proposal(&petugas, &draft.id).await.unwrap();
    assert_eq!(workflow(&o, &kepala).await.0, "submitted");
    assert_eq!(submitted.status, "submitted");

    let decided = o
        .loket
        .decide_proposal(&kepala, &decide(&draft.id, true, None))
        .await
        .unwrap();
    assert_eq!(decided.status, "decided");
    assert!(decided.days.iter().all(|d| d.decision == "approved"));
    // Approved, waiting for the release on Friday 27 November at 14:00 WIB; open after it.
    assert_eq!(
        workflow(&o, &kepala).await,
        ("approved".into(), Some("2026-11-27 14:00".into()))
    );
    o.clock
        .set(Utc.with_ymd_and_hms(2026, 11, 27, 7, 0, 0).unwrap());
    assert_eq!(workflow(&o, &kepala).await.0, "open");
    let month = o.loket.calendar_month(&kepala, 2026, 12).await.unwrap();
    assert_eq!(month.days[0].colour, DateColour::Green);
    assert_eq!(month.days[24].workflow, "closed");
    // The audit entry of the approval holds each session's quota before and after.
    let approval = o
        .loket
        .store()
        .outbox_latest(50)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.op_type == "kuota.disetujui")
        .unwrap();
    let payload: serde_json::Value = serde_json::from_str(&approval.payload).unwrap();
    let first = &payload["changes"][0];
    assert_eq!(
        (
            first["before"].is_null(),
            first["after"]["capacity"].as_u64()
        ),
        (true, Some(100))
    );
    let pagi = month.days[1].pagi.clone().unwrap();
    let split = pagi.shares.unwrap();
    assert_eq!(
        (pagi.capacity, split.online, split.counter, split.priority),
        (100, 80, 15, 5)
    );
    assert_eq!(month.days[24].colour, DateColour::Grey);

    let opens: String = sqlx::query_scalar(
        "SELECT opens_utc FROM quota WHERE date = '2026-12-02' AND session = 'pagi'",
    )
    .fetch_one(o.loket.store().pool())
    .await
    .unwrap();
    // The week of Monday 30 November opens on Friday 27 November, 14:00 WIB = 07:00 UTC.
    assert!(opens.starts_with("2026-11-27T07:00:00"), "{opens}");
}

#[tokio::test]
async fn nobody_approves_their_own_proposal() {
    let o = set_up("agam").await;
    let (petugas, kepala, kepala2) = staff(&o).await;
    let own = o
        .loket
        .propose_quota(&kepala, &december("2026-12-01", "2026-12-04"))
        .await
        .unwrap();
    o.loket.submit_proposal(&kepala, &own.id).await.unwrap();
    let err = o
        .loket
        .decide_proposal(&kepala, &decide(&own.id, true, None))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    assert_eq!(
        err.to_string(),
        "Peran Anda (Kepala Kantor) tidak boleh menyetujui atau menolak usulan kuota yang Anda ajukan sendiri."
    );
    // A counter officer may not decide at all; another office head may.
    assert_eq!(
        o.loket
            .decide_proposal(&petugas, &decide(&own.id, true, None))
            .await
            .unwrap_err()
            .code(),
        "forbidden"
    );
    assert!(
        o.loket
            .decide_proposal(&kepala2, &decide(&own.id, true, None))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_rejection_needs_a_reason_and_leaves_the_dates_yellow() {
    let o = set_up("agam").await;
    let (petugas, kepala, _) = staff(&o).await;
    let p = o
        .loket
        .propose_quota(&petugas, &december("2026-12-01", "2026-12-04"))
        .await
        .unwrap();
    o.loket.submit_proposal(&petugas, &p.id).await.unwrap();
    let err = o
        .loket
        .decide_proposal(&kepala, &decide(&p.id, false, Some("  ")))
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "Alasan penolakan wajib diisi.");
    o.loket
        .decide_proposal(&kepala, &decide(&p.id, false, Some("Petugas cuti massal")))
        .await
        .unwrap();
    let month = o.loket.calendar_month(&kepala, 2026, 12).await.unwrap();
    assert_eq!(month.days[0].colour, DateColour::Yellow);
}

#[tokio::test]
async fn bad_proposals_are_refused_and_nothing_is_half_saved() {
    let o = set_up("agam").await;
    let (petugas, _, _) = staff(&o).await;
    let past = o
        .loket
        .propose_quota(&petugas, &december("2026-11-20", "2026-11-30"))
        .await
        .unwrap_err();
    assert_eq!(
        past.to_string(),
        "Tanggal 2026-11-20 sudah lewat; usulan hanya untuk hari ini dan seterusnya."
    );
    let mut bad_split = december("2026-12-01", "2026-12-04");
    bad_split.pagi = Some(SplitInput {
        online: 2000,
        counter: 0,
        priority: 0,
    });
    assert_eq!(
        o.loket
            .propose_quota(&petugas, &bad_split)
            .await
            .unwrap_err()
            .code(),
        "validation"
    );
    let mut holiday = december("2026-12-21", "2026-12-31");
    holiday.include = vec![IncludedDate {
        date: "2026-12-25".into(),
        reason: "".into(),
    }];
    assert!(
        o.loket
            .propose_quota(&petugas, &holiday)
            .await
            .unwrap_err()
            .to_string()
            .contains("sertakan alasan")
    );

    o.loket
        .propose_quota(&petugas, &december("2026-12-01", "2026-12-10"))
        .await
        .unwrap();
    let overlap = o
        .loket
        .propose_quota(&petugas, &december("2026-12-07", "2026-12-18"))
        .await
        .unwrap_err();
    assert_eq!(
        overlap.to_string(),
        "Tanggal 2026-12-07 sesi pagi sudah ada dalam usulan lain yang belum diputuskan."
    );
    let proposals: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM proposals")
        .fetch_one(o.loket.store().pool())
        .await
        .unwrap();
    assert_eq!(proposals, 1);
}

#[tokio::test]
async fn capacity_cannot_drop_below_what_is_already_booked() {
    let (o, petugas, kepala2) = demo_with_second_head().await;
    // The demo books tomorrow's sessions well above 10.
    let tomorrow = (Utc.with_ymd_and_hms(2026, 11, 24, 0, 0, 0).unwrap())
        .date_naive()
        .to_string();
    let mut lower = december(&tomorrow, &tomorrow);
    lower.pagi = Some(SplitInput {
        online: 5,
        counter: 3,
        priority: 2,
    });
    lower.siang = None;
    let p = o.loket.propose_quota(&petugas, &lower).await.unwrap();
    o.loket.submit_proposal(&petugas, &p.id).await.unwrap();
    let err = o
        .loket
        .decide_proposal(&kepala2, &decide(&p.id, true, None))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(
        err.to_string().starts_with(
            "Kapasitas 2026-11-24 sesi pagi tidak dapat diturunkan menjadi 10: sudah "
        ),
        "{err}"
    );
    assert!(err.to_string().ends_with(" pemohon terdaftar."), "{err}");
}

#[tokio::test]
async fn raising_capacity_after_release_is_allowed_and_audited_before_and_after() {
    let (o, petugas, kepala2) = demo_with_second_head().await;
    let mut more = december("2026-11-24", "2026-11-24");
    more.pagi = Some(SplitInput {
        online: 100,
        counter: 15,
        priority: 5,
    });
    more.siang = None;
    let p = o.loket.propose_quota(&petugas, &more).await.unwrap();
    o.loket.submit_proposal(&petugas, &p.id).await.unwrap();
    o.loket
        .decide_proposal(&kepala2, &decide(&p.id, true, None))
        .await
        .unwrap();
    let nov = o.loket.calendar_month(&kepala2, 2026, 11).await.unwrap();
    assert_eq!(nov.days[23].pagi.as_ref().unwrap().capacity, 120);
    let entry = o
        .loket
        .store()
        .outbox_latest(5)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.op_type == "kuota.disetujui")
        .unwrap();
    let payload: serde_json::Value = serde_json::from_str(&entry.payload).unwrap();
    let change = &payload["changes"][0];
    assert_eq!(
        (
            change["before"]["capacity"].as_i64(),
            change["after"]["capacity"].as_i64()
        ),
        (Some(100), Some(120))
    );
}

#[tokio::test]
async fn a_monthly_office_opens_january_on_the_last_working_day_of_december_in_its_own_zone() {
    let o = common::office_at(common::monday_morning()).await;
    o.loket
        .complete_setup(&common::setup_req("makassar"))
        .await
        .unwrap();
    let (petugas, kepala, kepala2) = staff(&o).await;
    let mut monthly = o.loket.release_settings(&kepala).await.unwrap();
    assert_eq!(
        (
            monthly.kind.as_str(),
            monthly.open_day,
            monthly.open_time.as_str()
        ),
        ("weekly", 4, "14:00")
    );
    monthly.kind = "monthly".into();
    monthly.monthly_time = "09:00".into();
    assert_eq!(
        o.loket
            .set_release_settings(&petugas, &monthly)
            .await
            .unwrap_err()
            .code(),
        "forbidden"
    );
    let mut broken = monthly.clone();
    broken.monthly_time = "25:00".into();
    assert_eq!(
        o.loket
            .set_release_settings(&kepala, &broken)
            .await
            .unwrap_err()
            .to_string(),
        "Jam '25:00' tidak valid (format JJ:MM)."
    );
    o.loket
        .set_release_settings(&kepala, &monthly)
        .await
        .unwrap();

    let p = o
        .loket
        .propose_quota(&petugas, &december("2027-01-11", "2027-01-15"))
        .await
        .unwrap();
    o.loket.submit_proposal(&petugas, &p.id).await.unwrap();
    o.loket
        .decide_proposal(&kepala2, &decide(&p.id, true, None))
        .await
        .unwrap();
    let jan = o.loket.calendar_month(&kepala, 2027, 1).await.unwrap();
    // Thursday 31 December 2026 is a working day: January opens then, 09:00 WITA.
    assert_eq!(
        jan.days[10].opens_local.as_deref(),
        Some("2026-12-31 09:00")
    );
    assert_eq!(jan.days[10].workflow, "approved");
}

#[tokio::test]
async fn the_head_can_decide_one_date_at_a_time() {
    let o = set_up("agam").await;
    let (petugas, kepala, _) = staff(&o).await;
    let p = o
        .loket
        .propose_quota(&petugas, &december("2026-12-01", "2026-12-02"))
        .await
        .unwrap();
    o.loket.submit_proposal(&petugas, &p.id).await.unwrap();
    let one = DecisionInput {
        proposal_id: p.id.clone(),
        dates: vec!["2026-12-01".into()],
        approve: true,
        reason: None,
    };
    let after_one = o.loket.decide_proposal(&kepala, &one).await.unwrap();
    assert_eq!(after_one.status, "submitted", "2 December is still waiting");
    let decisions: Vec<(&str, &str)> = after_one
        .days
        .iter()
        .map(|d| (d.date.as_str(), d.decision.as_str()))
        .collect();
    assert_eq!(
        decisions,
        [
            ("2026-12-01", "approved"),
            ("2026-12-01", "approved"),
            ("2026-12-02", "pending"),
            ("2026-12-02", "pending")
        ]
    );
    let rest = DecisionInput {
        proposal_id: p.id.clone(),
        dates: vec![],
        approve: false,
        reason: Some("Kuota sudah cukup".into()),
    };
    assert_eq!(
        o.loket
            .decide_proposal(&kepala, &rest)
            .await
            .unwrap()
            .status,
        "decided"
    );
    let dec = o.loket.calendar_month(&kepala, 2026, 12).await.unwrap();
    assert_eq!(
        (dec.days[0].colour, dec.days[1].colour),
        (DateColour::Green, DateColour::Yellow)
    );
}

#[tokio::test]
async fn an_officer_edits_a_draft_before_sending_it_and_not_after() {
    let o = set_up("agam").await;
    let (petugas, kepala, _) = staff(&o).await;
    let draft = o
        .loket
        .propose_quota(&petugas, &december("2026-12-01", "2026-12-04"))
        .await
        .unwrap();
    // Editing a draft does not clash with itself; the Saturday is included with a reason.
    let mut edited = december("2026-12-01", "2026-12-05");
    edited.include = vec![IncludedDate {
        date: "2026-12-05".into(),
        reason: "Layanan Sabtu musim libur".into(),
    }];
    let after = o
        .loket
        .update_draft(&petugas, &draft.id, &edited)
        .await
        .unwrap();
    assert_eq!(after.days.len(), 5 * 2);
    assert_eq!(
        after.days.last().unwrap().include_reason.as_deref(),
        Some("Layanan Sabtu musim libur")
    );
    assert_eq!(
        o.loket
            .update_draft(&kepala, &draft.id, &edited)
            .await
            .unwrap_err()
            .code(),
        "conflict"
    );
    o.loket.submit_proposal(&petugas, &draft.id).await.unwrap();
    let late = o
        .loket
        .update_draft(&petugas, &draft.id, &edited)
        .await
        .unwrap_err();
    assert_eq!(
        late.to_string(),
        "Usulan yang sudah diajukan tidak dapat diubah lagi."
    );
}
