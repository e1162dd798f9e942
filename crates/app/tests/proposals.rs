//! Quota proposals and the four-eyes approval, against a real SQLite file.
#![allow(clippy::unwrap_used)] // test set-up: a failure here is a failed test

mod common;

use chrono::{TimeZone, Utc};
use common::{Office, login, set_up};
use loket_app::{Actor, DecisionInput, IncludedDate, NewUserRequest, ProposalInput, SplitInput};
use loket_domain::{DateColour, Role};
use loket_domain::{Decision, Op, OpType, ProposalStatus};

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
    let o = common::counter::demo().await;
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
    assert_eq!(submitted.status, ProposalStatus::Submitted);

    let decided = o
        .loket
        .decide_proposal(&kepala, &decide(&draft.id, true, None))
        .await
        .unwrap();
    assert_eq!(decided.status, ProposalStatus::Decided);
    assert!(
        decided
            .days
            .iter()
            .all(|d| d.decision == Decision::Approved)
    );
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
    let (by, op) = common::last_op(&o, OpType::QuotaApproved).await;
    let Op::QuotaApproved(approval) = op else {
        panic!("{op:?}")
    };
    assert_eq!(
        by.user_id.map(|u| u.to_string()),
        Some(kepala.user_id.clone())
    );
    let first = &approval.days[0];
    assert_eq!(
        (
            first.date.to_string(),
            first.before.is_none(),
            first
                .after
                .as_ref()
                .map(|a| (a.capacity, a.online, a.counter, a.priority))
        ),
        (
            "2026-12-01".to_owned(),
            true,
            Some((100, Some(80), Some(15), Some(5)))
        )
    );
    assert!(first.after.as_ref().is_some_and(|a| a.opens_utc.is_some()));
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
    let (by, sent) = crate::last!(&o, QuotaRejected);
    assert_eq!(by.name, kepala.username);
    assert_eq!(sent.reason.as_deref(), Some("Petugas cuti massal"));
    assert_eq!(sent.days.len(), 8, "four dates, two sessions each");
    assert!(
        sent.days
            .iter()
            .all(|d| d.before.is_none() && d.after.is_none())
    );
    assert!(sent.proposal_decided);
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
        "Tanggal 20/11/2026 sudah lewat; usulan hanya untuk hari ini dan seterusnya."
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
        "Tanggal 07/12/2026 sesi pagi sudah ada dalam usulan lain yang belum diputuskan."
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
            "Kapasitas 24/11/2026 sesi pagi tidak dapat diturunkan menjadi 10: sudah "
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
    let (_, op) = common::last_op(&o, OpType::QuotaApproved).await;
    let Op::QuotaApproved(approval) = op else {
        panic!("{op:?}")
    };
    let change = &approval.days[0];
    assert_eq!(
        (
            change.before.as_ref().map(|b| b.capacity),
            change.after.as_ref().map(|a| a.capacity)
        ),
        (Some(100), Some(120))
    );
    assert!(approval.proposal_decided);
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
    let before = o.loket.release_settings(&kepala).await.unwrap();
    o.loket
        .set_release_settings(&kepala, &monthly)
        .await
        .unwrap();
    let (_, sent) = crate::last!(&o, ReleaseChanged);
    assert_eq!(
        (sent.before.kind.as_str(), sent.after.kind.as_str()),
        (before.kind.as_str(), "monthly")
    );
    assert_eq!(sent.after.monthly_time, monthly.monthly_time);

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
    assert_eq!(
        after_one.status,
        ProposalStatus::Submitted,
        "2 December is still waiting"
    );
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
        ProposalStatus::Decided
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
    // The outbox carries the split of every session, as the draft now stands.
    let (by, sent) = crate::last!(&o, DraftEdited);
    assert_eq!(
        by.user_id.map(|u| u.to_string()),
        Some(petugas.user_id.clone())
    );
    assert_eq!(sent.proposal_id.to_string(), draft.id);
    assert_eq!(sent.days.len(), 10);
    let saturday = sent.days.last().unwrap();
    assert_eq!(
        (
            saturday.date.to_string(),
            saturday.include_reason.as_deref()
        ),
        ("2026-12-05".to_owned(), Some("Layanan Sabtu musim libur"))
    );
    let (_, first) = crate::last!(&o, ProposalDrafted);
    assert_eq!(
        (first.proposal_id.to_string(), first.days.len()),
        (draft.id.clone(), 8)
    );
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
    let (_, submitted) = crate::last!(&o, ProposalSubmitted);
    assert_eq!(submitted.proposal_id.to_string(), draft.id);
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_heads_deciding_the_same_proposal_at_once_decide_it_once() {
    let o = set_up("agam").await;
    let (petugas, kepala, kepala2) = staff(&o).await;
    for (from, to) in [
        ("2026-12-01", "2026-12-02"),
        ("2026-12-07", "2026-12-08"),
        ("2026-12-14", "2026-12-15"),
    ] {
        let p = o
            .loket
            .propose_quota(&petugas, &december(from, to))
            .await
            .unwrap();
        o.loket.submit_proposal(&petugas, &p.id).await.unwrap();
        let (l1, l2, k1, k2) = (
            o.loket.clone(),
            o.loket.clone(),
            kepala.clone(),
            kepala2.clone(),
        );
        let (approve, reject) = (
            decide(&p.id, true, None),
            decide(&p.id, false, Some("Kurang petugas")),
        );
        let (x, y) = tokio::join!(
            tokio::spawn(async move { l1.decide_proposal(&k1, &approve).await }),
            tokio::spawn(async move { l2.decide_proposal(&k2, &reject).await }),
        );
        let results = [x.unwrap(), y.unwrap()];
        assert_eq!(
            results.iter().filter(|r| r.is_ok()).count(),
            1,
            "{from}: one decision wins"
        );
        let lost = results.iter().find_map(|r| r.as_ref().err()).unwrap();
        assert_eq!(lost.code(), "conflict", "{from}: {lost}");
        let won = results.iter().find_map(|r| r.as_ref().ok()).unwrap();
        assert_eq!(won.status, ProposalStatus::Decided);
        // One decision in the outbox, and every date carries that one.
        let decisions = o
            .loket
            .store()
            .outbox_latest(100)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.op_type == "kuota.disetujui" || e.op_type == "kuota.ditolak")
            .filter(|e| e.payload.contains(&p.id))
            .count();
        assert_eq!(decisions, 1, "{from}");
        let decided: std::collections::BTreeSet<Decision> =
            won.days.iter().map(|d| d.decision).collect();
        assert_eq!(decided.len(), 1, "{from}: {decided:?}");
    }
}
