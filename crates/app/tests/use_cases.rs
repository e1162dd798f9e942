//! The use cases against a real SQLite file, with a clock the test controls.
#![allow(clippy::unwrap_used)] // test set-up: a failure here is a failed test

mod common;

use std::collections::BTreeSet;

use chrono::{Duration, TimeZone, Utc};
use common::{login, login_error, monday_morning, office_at, set_up, setup_req};
use loket_app::{AppError, NewUserRequest, SetupRequest};
use loket_domain::{DateColour, Nik, RegionCatalog, Role};

#[tokio::test]
async fn first_run_binds_the_office_and_creates_an_admin_who_can_sign_in() {
    let o = office_at(monday_morning()).await;
    let before = o.loket.status(None).await.unwrap();
    assert!(!before.setup_done);
    assert!(matches!(
        o.loket.login(&login("admin", "x")).await,
        Err(AppError::SetupRequired)
    ));

    o.loket.complete_setup(&setup_req("ambon")).await.unwrap();
    let after = o.loket.status(None).await.unwrap();
    assert!(after.setup_done);
    assert_eq!(after.office.unwrap().zone, loket_domain::Zone::WIT);

    let (actor, user) = o
        .loket
        .login(&login("ADMIN", "kata-sandi-kuat"))
        .await
        .unwrap();
    assert_eq!(actor.role, Role::Admin);
    assert_eq!(user.full_name, "Budi Santoso");
    assert!(matches!(
        o.loket.complete_setup(&setup_req("agam")).await,
        Err(AppError::SetupDone)
    ));
}

#[tokio::test]
async fn bad_setup_input_is_refused_in_indonesian_and_nothing_is_saved() {
    let o = office_at(monday_morning()).await;
    let err = o
        .loket
        .complete_setup(&setup_req("atlantis"))
        .await
        .unwrap_err();
    assert_eq!(
        (err.code(), err.to_string().as_str()),
        ("validation", "Kantor imigrasi 'atlantis' tidak dikenal.")
    );
    let short = SetupRequest {
        admin_password: "pendek".into(),
        ..setup_req("agam")
    };
    assert_eq!(
        o.loket
            .complete_setup(&short)
            .await
            .unwrap_err()
            .to_string(),
        "Kata sandi minimal 10 karakter."
    );
    let empty = SetupRequest {
        admin_username: " ".into(),
        ..setup_req("agam")
    };
    assert_eq!(
        o.loket
            .complete_setup(&empty)
            .await
            .unwrap_err()
            .to_string(),
        "Nama pengguna wajib diisi."
    );
    assert!(!o.loket.status(None).await.unwrap().setup_done);
    assert_eq!(o.loket.store().user_count().await.unwrap(), 0);
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_for_five_minutes() {
    let o = set_up("agam").await;
    for attempt in 1..=4u32 {
        let err = o
            .loket
            .login(&login("admin", "salah-sandi-123"))
            .await
            .unwrap_err();
        assert_eq!(err.code(), "auth.invalid_credentials");
        assert!(
            err.to_string().contains(&format!(
                "Sisa percobaan sebelum akun terkunci: {}.",
                5 - attempt
            )),
            "{err}"
        );
    }
    let locked = o
        .loket
        .login(&login("admin", "salah-sandi-123"))
        .await
        .unwrap_err();
    // 10:00 WIB + 5 minutes, shown in the office's time.
    assert_eq!(
        locked.to_string(),
        "Akun terkunci karena 5 kali salah kata sandi. Coba lagi pukul 10:05."
    );
    // The right password does not open a locked account…
    assert_eq!(
        login_error(&o, "admin", "kata-sandi-kuat").await,
        "auth.locked"
    );
    // …until the five minutes are over.
    o.clock.advance(Duration::minutes(5));
    assert!(
        o.loket
            .login(&login("admin", "kata-sandi-kuat"))
            .await
            .is_ok()
    );
    let ops: Vec<String> = o
        .loket
        .store()
        .outbox_latest(20)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.op_type)
        .collect();
    assert_eq!(ops.iter().filter(|op| *op == "auth.gagal_masuk").count(), 4);
    assert!(ops.contains(&"auth.akun_terkunci".to_owned()));
}

#[tokio::test]
async fn an_unknown_username_gets_the_same_answer_as_a_wrong_password() {
    let o = set_up("agam").await;
    let err = o
        .loket
        .login(&login("tidak.ada", "apa-saja-123"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "auth.invalid_credentials");
    assert_eq!(err.to_string(), "Nama pengguna atau kata sandi salah.");
    let empty = o.loket.login(&login("", "")).await.unwrap_err();
    assert_eq!(
        empty.to_string(),
        "Nama pengguna dan kata sandi wajib diisi."
    );
}

#[tokio::test]
async fn roles_are_enforced_by_the_use_cases_not_only_the_menu() {
    let o = set_up("agam").await;
    let (admin, _) = o
        .loket
        .login(&login("admin", "kata-sandi-kuat"))
        .await
        .unwrap();
    for (username, role) in [("petugas1", Role::Petugas), ("kepala", Role::Kepala)] {
        let req = NewUserRequest {
            username: username.into(),
            full_name: "Nama Lengkap".into(),
            nip: Some("198507122010121001".into()),
            role,
            password: "sandi-awal-123".into(),
        };
        o.loket.create_user(&admin, &req).await.unwrap();
    }
    let (petugas, _) = o
        .loket
        .login(&login("petugas1", "sandi-awal-123"))
        .await
        .unwrap();
    let (kepala, _) = o
        .loket
        .login(&login("kepala", "sandi-awal-123"))
        .await
        .unwrap();

    let denied = o.loket.list_users(&petugas).await.unwrap_err();
    assert_eq!(
        (denied.code(), denied.to_string().as_str()),
        (
            "forbidden",
            "Peran Anda (Petugas Loket) tidak boleh mengelola pengguna."
        )
    );
    assert_eq!(
        o.loket.list_users(&kepala).await.unwrap_err().code(),
        "forbidden"
    );
    assert_eq!(
        o.loket.audit_log(&petugas, 10).await.unwrap_err().code(),
        "forbidden"
    );
    assert!(!o.loket.audit_log(&kepala, 10).await.unwrap().is_empty());
    assert_eq!(o.loket.list_users(&admin).await.unwrap().len(), 3);
}

#[tokio::test]
async fn admin_disables_and_resets_officers() {
    let o = set_up("agam").await;
    let (admin, _) = o
        .loket
        .login(&login("admin", "kata-sandi-kuat"))
        .await
        .unwrap();
    let req = NewUserRequest {
        username: "siti".into(),
        full_name: "Siti".into(),
        nip: None,
        role: Role::Petugas,
        password: "sandi-awal-123".into(),
    };
    let siti = o.loket.create_user(&admin, &req).await.unwrap();
    assert_eq!(
        o.loket
            .create_user(&admin, &req)
            .await
            .unwrap_err()
            .to_string(),
        "Nama pengguna sudah dipakai."
    );
    let bad_nip = NewUserRequest {
        nip: Some("123".into()),
        username: "lain".into(),
        ..req.clone()
    };
    assert_eq!(
        o.loket
            .create_user(&admin, &bad_nip)
            .await
            .unwrap_err()
            .to_string(),
        "NIP harus 18 digit angka."
    );

    o.loket
        .set_user_disabled(&admin, &siti.id, true)
        .await
        .unwrap();
    assert_eq!(
        login_error(&o, "siti", "sandi-awal-123").await,
        "auth.disabled"
    );
    assert_eq!(
        o.loket
            .set_user_disabled(&admin, &admin.user_id, true)
            .await
            .unwrap_err()
            .code(),
        "conflict"
    );
    o.loket
        .set_user_disabled(&admin, &siti.id, false)
        .await
        .unwrap();

    o.loket
        .reset_password(&admin, &siti.id, "sandi-baru-456")
        .await
        .unwrap();
    assert_eq!(
        login_error(&o, "siti", "sandi-awal-123").await,
        "auth.invalid_credentials"
    );
    assert!(
        o.loket
            .login(&login("siti", "sandi-baru-456"))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn today_is_the_office_local_date_not_the_machines() {
    // 16:30 UTC on Sunday 22 Nov is already Monday 01:30 in Ambon (WIT).
    let o = office_at(Utc.with_ymd_and_hms(2026, 11, 22, 16, 30, 0).unwrap()).await;
    o.loket.complete_setup(&setup_req("ambon")).await.unwrap();
    let (admin, _) = o
        .loket
        .login(&login("admin", "kata-sandi-kuat"))
        .await
        .unwrap();
    let home = o.loket.home_today(&admin).await.unwrap();
    assert_eq!(
        (home.date.as_str(), home.now_local.as_str()),
        ("2026-11-23", "01:30")
    );
    assert_eq!(
        home.colour,
        DateColour::Yellow,
        "a working day with no quota yet"
    );
    assert!(
        home.sessions
            .iter()
            .all(|s| s.capacity == 0 && s.booked == 0)
    );
}

#[tokio::test]
async fn the_calendar_greys_weekends_and_the_real_holidays() {
    let o = set_up("agam").await;
    let (admin, _) = o
        .loket
        .login(&login("admin", "kata-sandi-kuat"))
        .await
        .unwrap();
    let dec = o.loket.calendar_month(&admin, 2026, 12).await.unwrap();
    assert_eq!(dec.days.len(), 31);
    let christmas = &dec.days[24];
    assert_eq!(
        (
            christmas.colour,
            christmas.reason.as_ref().map(|r| r.id.as_str())
        ),
        (DateColour::Grey, Some("Kelahiran Yesus Kristus"))
    );
    // Sunday 6 December, in both languages.
    assert_eq!(
        dec.days[5].reason,
        Some(loket_domain::Text::new("Akhir pekan", "Weekend"))
    );
    assert_eq!(dec.days[1].colour, DateColour::Yellow); // Wednesday 2 December, no quota yet
    assert_eq!(
        o.loket
            .calendar_month(&admin, 2026, 13)
            .await
            .unwrap_err()
            .code(),
        "validation"
    );
}

#[tokio::test]
async fn the_demo_office_is_deterministic_realistic_and_valid() {
    let a = office_at(monday_morning()).await;
    let b = office_at(monday_morning()).await;
    let sa = a
        .loket
        .seed_demo(
            loket_app::demo::DEMO_SEED,
            &loket_domain::CounterCode::first(),
        )
        .await
        .unwrap()
        .unwrap();
    let sb = b
        .loket
        .seed_demo(
            loket_app::demo::DEMO_SEED,
            &loket_domain::CounterCode::first(),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sa, sb);
    assert!(
        a.loket
            .seed_demo(1, &loket_domain::CounterCode::first())
            .await
            .unwrap()
            .is_none(),
        "seeding twice does nothing"
    );

    let digest = "SELECT group_concat(b.code || a.nik || a.full_name || a.status, ',') FROM bookings b JOIN applicants a ON a.booking_id = b.id ORDER BY b.code, a.position";
    let da: String = sqlx::query_scalar(digest)
        .fetch_one(a.loket.store().pool())
        .await
        .unwrap();
    let db: String = sqlx::query_scalar(digest)
        .fetch_one(b.loket.store().pool())
        .await
        .unwrap();
    assert_eq!(da, db);

    // Every NIK passes the hard checks and carries a known region.
    let regions = RegionCatalog::embedded().unwrap();
    let niks: Vec<String> = sqlx::query_scalar("SELECT nik FROM applicants")
        .fetch_all(a.loket.store().pool())
        .await
        .unwrap();
    assert_eq!(
        niks.iter().collect::<BTreeSet<_>>().len(),
        niks.len(),
        "NIKs are unique"
    );
    for nik in &niks {
        let check = Nik::parse(nik, &regions).unwrap_or_else(|e| panic!("{nik}: {e}"));
        assert!(
            !check
                .warnings
                .iter()
                .any(|w| matches!(w, loket_domain::NikWarning::UnknownRegion { .. }))
        );
    }

    // Past working days carry 150–200 applicants with arrivals and no-shows; families are 1–5.
    let per_day: Vec<(String, i64, i64, i64)> = sqlx::query_as(
        "SELECT b.date, COUNT(*), SUM(a.status = 'arrived'), SUM(a.status = 'no_show') FROM bookings b
         JOIN applicants a ON a.booking_id = b.id WHERE b.date < '2026-11-23' GROUP BY b.date",
    )
    .fetch_all(a.loket.store().pool())
    .await
    .unwrap();
    assert!(
        per_day.len() >= 18,
        "about four weeks of working days: {}",
        per_day.len()
    );
    for (date, n, arrived, no_show) in &per_day {
        assert!((150..=200).contains(n), "{date}: {n}");
        assert!(
            *arrived > 0 && *no_show > 0 && arrived + no_show == *n,
            "{date}"
        );
    }
    let sizes: Vec<i64> = sqlx::query_scalar("SELECT COUNT(*) FROM applicants GROUP BY booking_id")
        .fetch_all(a.loket.store().pool())
        .await
        .unwrap();
    assert!(sizes.iter().all(|s| (1..=5).contains(s)) && sizes.contains(&5));

    // Home shows real numbers and the next two months show all four colours.
    let (petugas, _) = a
        .loket
        .login(&login("petugas", "demo-petugas-123"))
        .await
        .unwrap();
    let home = a.loket.home_today(&petugas).await.unwrap();
    let pagi = &home.sessions[0];
    assert_eq!(pagi.capacity, 100);
    assert!(
        pagi.booked >= 75 && pagi.arrived > 0 && pagi.expected > 0,
        "{pagi:?}"
    );
    assert_eq!(pagi.booked, pagi.arrived + pagi.expected + pagi.no_show);
    // Every booked applicant counts in exactly one share: online, regular walk-in or priority walk-in.
    let nov = a.loket.calendar_month(&petugas, 2026, 11).await.unwrap();
    for q in nov.days.iter().filter_map(|d| d.pagi.as_ref()) {
        let b = &q.booked_shares;
        assert_eq!(b.online + b.counter + b.priority, q.booked);
    }
    assert!(
        nov.days
            .iter()
            .filter_map(|d| d.pagi.as_ref())
            .any(|q| q.booked_shares.counter > 0)
    );
    let mut colours = BTreeSet::new();
    for (y, m) in [(2026, 11), (2026, 12), (2027, 1)] {
        for d in a.loket.calendar_month(&petugas, y, m).await.unwrap().days {
            colours.insert(format!("{:?}", d.colour));
        }
    }
    assert_eq!(colours.len(), 4, "{colours:?}");
}
