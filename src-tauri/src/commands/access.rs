//! Who may call which command: the table below, checked against every command the UI can call
//! (the list in `bindings.rs`), for someone signed out and for each role, through the real command
//! functions and the app state they use.
//!
//! A command is *denied* when it answers `auth.required` or `forbidden`; anything else (a result,
//! or an error about the data such as `not_found`) means it got past the role check.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use loket_app::{FixedClock, Loket, MemoryKeyVault};
use loket_domain::{CounterCode, Role};
use serde::de::DeserializeOwned;
use serde_json::json;
use tauri::Manager;

use crate::commands::*;
use crate::error::IpcResult;
use crate::state::AppState;

/// Who may call a command.
#[derive(Debug, Clone, Copy)]
enum Access {
    /// Anyone, signed in or not (what the login and first-run screens need).
    Public,
    /// Signed-in users of these roles.
    Roles(&'static [Role]),
}

use Access::{Public, Roles};
use Role::{Admin, Kepala, Petugas};

const ALL: &[Role] = &[Petugas, Kepala, Admin];
const COUNTER: &[Role] = &[Petugas, Kepala];
const HEAD: &[Role] = &[Kepala];
const ADMIN: &[Role] = &[Admin];
const HEAD_OR_ADMIN: &[Role] = &[Kepala, Admin];

/// The table. Keep it in step with `bindings.rs`; the test fails on any command missing here.
const TABLE: &[(&str, Access)] = &[
    ("app_status", Public),
    ("list_offices", Public),
    ("complete_setup", Public),
    ("login", Public),
    ("logout", Public),
    ("lock_screen", Roles(ALL)),
    ("unlock_screen", Roles(ALL)),
    ("set_lock_idle", Roles(HEAD_OR_ADMIN)),
    ("home_today", Roles(ALL)),
    ("calendar_month", Roles(ALL)),
    ("list_users", Roles(ADMIN)),
    ("create_user", Roles(ADMIN)),
    ("set_user_disabled", Roles(ADMIN)),
    ("reset_password", Roles(ADMIN)),
    ("audit_log", Roles(HEAD_OR_ADMIN)),
    ("verify_audit_chain", Roles(HEAD_OR_ADMIN)),
    ("list_proposals", Roles(COUNTER)),
    ("propose_quota", Roles(COUNTER)),
    ("submit_proposal", Roles(COUNTER)),
    ("decide_proposal", Roles(HEAD)),
    ("closure_preview", Roles(HEAD)),
    ("close_date", Roles(HEAD)),
    ("add_holiday", Roles(ADMIN)),
    ("remove_holiday", Roles(ADMIN)),
    ("release_settings", Roles(ALL)),
    ("set_release_settings", Roles(HEAD_OR_ADMIN)),
    ("update_draft", Roles(COUNTER)),
    ("proposal", Roles(COUNTER)),
    ("export_cancelled", Roles(HEAD)),
    ("day_lists", Roles(ALL)),
    ("search_bookings", Roles(ALL)),
    ("booking", Roles(ALL)),
    ("scan_proof", Roles(COUNTER)),
    ("check_in", Roles(COUNTER)),
    ("check_old_passport", Roles(COUNTER)),
    ("record_old_passport", Roles(COUNTER)),
    ("reverse_no_show", Roles(HEAD)),
    ("cancel_booking", Roles(COUNTER)),
    ("check_walk_in", Roles(COUNTER)),
    ("create_walk_in", Roles(COUNTER)),
    ("walk_in_default_slot", Roles(COUNTER)),
    ("regions", Roles(ALL)),
    ("load_draft", Roles(COUNTER)),
    ("save_draft", Roles(COUNTER)),
    ("discard_draft", Roles(COUNTER)),
    ("print_pdf", Roles(ALL)),
    ("save_pdf", Roles(ALL)),
    ("pdf_file_name", Roles(ALL)),
    ("list_cameras", Roles(COUNTER)),
    ("start_camera", Roles(COUNTER)),
    ("camera_snapshot", Roles(COUNTER)),
    ("stop_camera", Roles(ALL)),
    ("counter_settings", Roles(ALL)),
    ("set_camera", Roles(COUNTER)),
    ("set_no_show_grace", Roles(HEAD_OR_ADMIN)),
    ("sync_view", Roles(ALL)),
    ("enrol_central", Roles(ADMIN)),
    ("sync_now", Roles(ALL)),
    ("attention_list", Roles(ALL)),
    ("acknowledge_attention", Roles(ALL)),
    ("backups", Roles(ADMIN)),
    ("set_backup_folder", Roles(ADMIN)),
    ("back_up_now", Roles(ADMIN)),
    ("check_backup", Roles(ADMIN)),
    ("restore_backup", Roles(ADMIN)),
    ("restart_for_restore", Roles(ADMIN)),
];

fn arg<T: DeserializeOwned>(v: serde_json::Value) -> T {
    serde_json::from_value(v).expect("a sample argument of the command's type")
}

fn walk_in() -> loket_app::WalkInRequest {
    arg(json!({
        "date": "2026-11-24", "session": "pagi", "kkNumber": "3174010101250001",
        "kecamatanCode": "317401", "addressLine": "", "priority": null, "acknowledged": [],
        "overrideReason": null,
        "applicants": [{ "nik": "3174011203880001", "fullName": "Andi Wijaya", "relation": null,
            "sex": "L", "birthDate": "1988-03-12", "applicationType": "baru", "oldPassport": "",
            "oldPassportExpiry": "", "scannedPassport": null }]
    }))
}

fn old_passport() -> loket_app::OldPassportRequest {
    arg(json!({
        "code": "TIDAK-ADA", "applicantId": "tidak-ada", "acknowledged": [],
        "passport": { "documentCode": "P", "number": "C1234567", "surname": "WIJAYA",
            "givenNames": "ANDI", "fullName": "ANDI WIJAYA", "nationality": "IDN",
            "birthDate": "1988-03-12", "sex": "L", "expiryDate": "2030-01-01" }
    }))
}

fn proposal_input() -> loket_app::ProposalInput {
    arg(json!({
        "from": "2027-03-01", "to": "2027-03-05", "weekdays": [true, true, true, true, true, false, false],
        "pagi": { "online": 10, "counter": 5, "priority": 1 }, "siang": null, "include": []
    }))
}

/// Calls one command as the state's current user, with arguments of the right types.
async fn call<R: tauri::Runtime>(name: &str, app: &tauri::AppHandle<R>) -> IpcResult<()> {
    let s = || app.state::<AppState>();
    let unknown = "00000000-0000-7000-8000-000000000000".to_owned();
    match name {
        "app_status" => setup::app_status(s()).await.map(drop),
        "list_offices" => setup::list_offices(s()).await.map(drop),
        "complete_setup" => setup::complete_setup(
            s(),
            arg(json!({ "officeSlug": "agam", "adminUsername": "x", "adminFullName": "X",
                        "adminPassword": "kata-sandi-kuat", "counterCode": "C" })),
        )
        .await,
        "login" => auth::login(s(), arg(json!({ "username": "tidak-ada", "password": "x" })))
            .await
            .map(drop)
            .or_else(|e| if e.code == "auth.invalid_credentials" { Ok(()) } else { Err(e) }),
        "logout" => auth::logout(s()).await,
        // Locking is undone at once, so the next command of the same round is not refused.
        "lock_screen" => {
            let r = auth::lock_screen(s()).await;
            s().set_locked(false);
            r
        }
        // A wrong password: a permitted role is refused for it, not for the role.
        "unlock_screen" => auth::unlock_screen(s(), "bukan-sandinya".into())
            .await
            .map(drop)
            .or_else(|e| if e.code == "auth.invalid_credentials" { Ok(()) } else { Err(e) }),
        "set_lock_idle" => auth::set_lock_idle(s(), 5).await.map(drop),
        "backups" => safety::backups(s()).await.map(drop),
        // Not a full path: a permitted call is refused for the folder, not for its role.
        "set_backup_folder" => safety::set_backup_folder(s(), Some("cadangan".into()))
            .await
            .map(drop),
        "back_up_now" => safety::back_up_now(s()).await.map(drop),
        "check_backup" => safety::check_backup(s(), "tidak-ada.db".into()).await.map(drop),
        "restore_backup" => safety::restore_backup(s(), "tidak-ada.db".into()).await.map(drop),
        // Nothing is staged: a permitted call is refused for that, and never restarts the test.
        "restart_for_restore" => safety::restart_for_restore(app.clone(), s()).await,
        "home_today" => home::home_today(s()).await.map(drop),
        "calendar_month" => home::calendar_month(s(), 2026, 12).await.map(drop),
        "list_users" => users::list_users(s()).await.map(drop),
        "create_user" => users::create_user(
            s(),
            arg(json!({ "username": "baru", "fullName": "Pengguna Baru", "nip": null,
                        "role": "petugas", "password": "sandi-awal-123" })),
        )
        .await
        .map(drop),
        "set_user_disabled" => users::set_user_disabled(s(), unknown, true).await.map(drop),
        "reset_password" => users::reset_password(s(), unknown, "sandi-baru-456".into()).await,
        "audit_log" => audit::audit_log(s(), 10).await.map(drop),
        "verify_audit_chain" => audit::verify_audit_chain(s()).await.map(drop),
        "list_proposals" => quota::list_proposals(s()).await.map(drop),
        "propose_quota" => quota::propose_quota(s(), proposal_input()).await.map(drop),
        "submit_proposal" => quota::submit_proposal(s(), unknown).await.map(drop),
        "decide_proposal" => quota::decide_proposal(
            s(),
            arg(json!({ "proposalId": unknown, "dates": [], "approve": true, "reason": null })),
        )
        .await
        .map(drop),
        "closure_preview" => quota::closure_preview(s(), "2026-12-10".into()).await.map(drop),
        "close_date" => quota::close_date(s(), "2027-02-10".into(), "Uji hak akses".into())
            .await
            .map(drop),
        "add_holiday" => quota::add_holiday(
            s(),
            arg(json!({ "date": "2027-02-11", "kind": "cuti_bersama", "name": "Uji", "decree": "" })),
        )
        .await
        .map(drop),
        "remove_holiday" => quota::remove_holiday(s(), "2027-02-12".into(), "Tidak ada".into()).await,
        "release_settings" => quota::release_settings(s()).await.map(drop),
        "set_release_settings" => quota::set_release_settings(
            s(),
            arg(json!({ "kind": "weekly", "openDay": 4, "openTime": "14:00", "closeDay": 6,
                        "closeTime": "16:00", "monthlyTime": "09:00" })),
        )
        .await
        .map(drop),
        "update_draft" => quota::update_draft(s(), unknown, proposal_input()).await.map(drop),
        "proposal" => quota::proposal(s(), unknown).await.map(drop),
        "export_cancelled" => quota::export_cancelled(app.clone(), s(), "2026-12-10".into())
            .await
            .map(drop),
        "day_lists" => counter::day_lists(s(), "2026-11-23".into()).await.map(drop),
        "search_bookings" => counter::search_bookings(s(), "andi".into()).await.map(drop),
        "booking" => counter::booking(s(), "TIDAK-ADA".into()).await.map(drop),
        "scan_proof" => counter::scan_proof(s(), "bukan bukti".into(), None).await.map(drop),
        "check_in" => counter::check_in(
            s(),
            arg(json!({ "code": "TIDAK-ADA", "applicantIds": ["x"] })),
        )
        .await
        .map(drop),
        "check_old_passport" => counter::check_old_passport(s(), old_passport()).await.map(drop),
        "record_old_passport" => counter::record_old_passport(s(), old_passport()).await.map(drop),
        "reverse_no_show" => counter::reverse_no_show(
            s(),
            arg(json!({ "applicantId": unknown, "reason": "Uji hak akses" })),
        )
        .await,
        "cancel_booking" => counter::cancel_booking(
            s(),
            arg(json!({ "code": "TIDAK-ADA", "origin": "kantor", "reason": "Uji" })),
        )
        .await
        .map(drop),
        "check_walk_in" => counter::check_walk_in(s(), walk_in()).await.map(drop),
        // A form with an error, so a permitted role is refused for the data, not for its role.
        "create_walk_in" => counter::create_walk_in(s(), {
            let mut r = walk_in();
            r.kk_number = "1".into();
            r
        })
        .await
        .map(drop),
        "walk_in_default_slot" => counter::walk_in_default_slot(s()).await.map(drop),
        "regions" => counter::regions(s(), None).await.map(drop),
        "load_draft" => counter::load_draft(s(), "walk_in".into()).await.map(drop),
        "save_draft" => counter::save_draft(s(), "walk_in".into(), "{}".into()).await,
        "discard_draft" => counter::discard_draft(s(), "walk_in".into()).await,
        "print_pdf" => devices::print_pdf(app.clone(), s(), "proof".into(), "TIDAK-ADA".into())
            .await
            .map(drop),
        "save_pdf" => devices::save_pdf(s(), "proof".into(), "TIDAK-ADA".into(), "/nonexistent/x.pdf".into())
            .await
            .map(drop),
        "pdf_file_name" => devices::pdf_file_name(s(), "proof".into(), "TIDAK-ADA".into())
            .await
            .map(drop),
        "list_cameras" => devices::list_cameras(s()).await.map(drop),
        "start_camera" => devices::start_camera(s(), loket_app::ScanKind::Qr).await.map(drop),
        "camera_snapshot" => devices::camera_snapshot(s()).await.map(drop),
        "stop_camera" => devices::stop_camera(s()).await,
        "sync_view" => sync::sync_view(s()).await.map(drop),
        // Nothing listens there: a permitted call fails on the network, not on its role.
        "enrol_central" => sync::enrol_central(
            s(),
            arg(json!({ "centralUrl": "http://127.0.0.1:9", "code": "TIDAK-ADA" })),
        )
        .await
        .map(drop),
        "sync_now" => sync::sync_now(s()).await.map(drop),
        "attention_list" => sync::attention_list(s()).await.map(drop),
        "acknowledge_attention" => sync::acknowledge_attention(s(), "tidak-ada:1".into())
            .await
            .map(drop),
        "counter_settings" => devices::counter_settings(s()).await.map(drop),
        "set_camera" => devices::set_camera(s(), None).await,
        "set_no_show_grace" => devices::set_no_show_grace(s(), 60).await,
        other => panic!("no sample call for the command {other}: add one to `call`"),
    }
}

/// The commands `bindings.rs` hands to the UI.
fn bound_commands() -> BTreeSet<String> {
    include_str!("../bindings.rs")
        .lines()
        .filter_map(|l| l.trim().strip_prefix("commands::"))
        .filter_map(|l| {
            l.split("::")
                .nth(1)
                .map(|n| n.trim_end_matches(',').to_owned())
        })
        .collect()
}

fn denied(result: &IpcResult<()>) -> bool {
    matches!(result, Err(e) if e.code == "auth.required" || e.code == "forbidden")
}

#[test]
fn the_table_names_every_command_the_ui_can_call() {
    let table: BTreeSet<String> = TABLE.iter().map(|(n, _)| (*n).to_owned()).collect();
    assert_eq!(table.len(), TABLE.len(), "a command is in the table twice");
    assert_eq!(table, bound_commands());
}

/// A demo office in a mock app, and its three demo officers signed in once each.
struct DemoApp {
    _dir: tempfile::TempDir,
    app: tauri::App<tauri::test::MockRuntime>,
    runtime: tokio::runtime::Runtime,
    actors: BTreeMap<&'static str, loket_app::Actor>,
}

fn demo_app() -> DemoApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = tauri::test::mock_app();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let loket = runtime.block_on(async {
        let store = loket_store::Store::open(&dir.path().join("loket.db"))
            .await
            .expect("store");
        let clock = Arc::new(FixedClock::new(
            chrono::DateTime::parse_from_rfc3339("2026-11-23T03:00:00Z")
                .expect("instant")
                .to_utc(),
        ));
        let loket = Loket::new(store, clock, Arc::new(MemoryKeyVault::default())).expect("loket");
        loket
            .seed_demo(loket_app::demo::DEMO_SEED, &CounterCode::first())
            .await
            .expect("demo");
        loket
    });
    let actors: BTreeMap<&str, loket_app::Actor> = runtime.block_on(async {
        let mut m = BTreeMap::new();
        for acct in loket_app::demo::accounts() {
            let req = arg(json!({ "username": acct.username, "password": acct.password }));
            let (actor, _) = loket.login(&req).await.expect("demo sign-in");
            m.insert(acct.role.as_str(), actor);
        }
        m
    });
    app.manage(AppState {
        loket: Ok(loket),
        actor: Mutex::new(None),
        screen_locked: Default::default(),
        data_dir: dir.path().to_owned(),
        // No webcam on a test machine: an image that does not exist stands in, so a permitted
        // call fails on the camera, not on its role.
        camera_files: Some(vec![dir.path().join("tidak-ada.png")]),
        camera: Mutex::new(None),
        sync: loket_app::SyncWorker::default(),
    });
    DemoApp {
        _dir: dir,
        app,
        runtime,
        actors,
    }
}

#[test]
fn every_command_lets_in_exactly_the_roles_of_the_table() {
    let DemoApp {
        _dir,
        app,
        runtime,
        actors,
    } = demo_app();
    let handle = app.handle().clone();

    let mut wrong = Vec::new();
    for (name, access) in TABLE {
        for who in [None, Some(Petugas), Some(Kepala), Some(Admin)] {
            let state = handle.state::<AppState>();
            state.set_actor(who.map(|r| actors[r.as_str()].clone()));
            let result = runtime.block_on(call(name, &handle));
            let may = match (access, who) {
                (Public, _) => true,
                (Roles(_), None) => false,
                (Roles(roles), Some(r)) => roles.contains(&r),
            };
            if denied(&result) == may {
                wrong.push(format!(
                    "{name} as {}: {} ({result:?})",
                    who.map_or("signed out", Role::as_str),
                    if may {
                        "refused but the table allows it"
                    } else {
                        "allowed but the table forbids it"
                    }
                ));
            }
            if !may && who.is_none() {
                assert!(
                    matches!(&result, Err(e) if e.code == "auth.required"),
                    "{name} signed out must ask to sign in: {result:?}"
                );
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_locked_screen_refuses_every_command_until_its_officer_unlocks_or_another_signs_in() {
    let DemoApp {
        _dir,
        app,
        runtime,
        actors,
    } = demo_app();
    let handle = app.handle().clone();
    let state = || handle.state::<AppState>();
    state().set_actor(Some(actors["petugas"].clone()));
    runtime
        .block_on(auth::lock_screen(state()))
        .expect("the officer locks the screen");

    let mut let_through = Vec::new();
    for (name, access) in TABLE {
        if matches!(access, Public) || ["lock_screen", "unlock_screen"].contains(name) {
            continue;
        }
        let result = runtime.block_on(call(name, &handle));
        if !matches!(&result, Err(e) if e.code == "auth.screen_locked") {
            let_through.push(format!("{name}: {result:?}"));
        }
        assert!(state().is_locked(), "{name} unlocked the screen");
    }
    assert!(
        let_through.is_empty(),
        "let through while locked:\n{}",
        let_through.join("\n")
    );

    // The status still names whose screen it is, and says it is locked.
    let status = runtime
        .block_on(setup::app_status(state()))
        .expect("status");
    assert!(status.screen_locked);
    assert_eq!(status.user.map(|u| u.username).as_deref(), Some("petugas"));

    // A wrong password keeps it locked; the officer's own opens it, with the same session.
    let wrong = runtime.block_on(auth::unlock_screen(state(), "bukan-sandinya".into()));
    assert_eq!(
        wrong.map(drop).unwrap_err().code,
        "auth.invalid_credentials"
    );
    assert!(state().is_locked());
    let user = runtime
        .block_on(auth::unlock_screen(state(), "demo-petugas-123".into()))
        .expect("unlocked");
    assert_eq!(user.username, "petugas");
    assert!(!state().is_locked());
    runtime
        .block_on(home::home_today(state()))
        .expect("back at work");

    // Locked again, another officer signs in: the first one's session is closed.
    runtime
        .block_on(auth::lock_screen(state()))
        .expect("locked");
    let kepala = runtime
        .block_on(auth::login(
            state(),
            arg(json!({ "username": "kepala", "password": "demo-kepala-123" })),
        ))
        .expect("another officer signs in");
    assert_eq!(kepala.username, "kepala");
    assert!(!state().is_locked());
    assert_eq!(
        state().actor().map(|a| a.username).as_deref(),
        Some("kepala")
    );
    let not_hers = runtime.block_on(auth::unlock_screen(state(), "demo-petugas-123".into()));
    assert!(
        not_hers.is_err(),
        "the first officer's password no longer opens anything"
    );
}
