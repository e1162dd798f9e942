//! What the outbox records of accounts, sign-ins, setup, the demo and settings, read back as typed
//! operations: the central service replays these, so every payload carries ids and who did it.
//! (The counter's, quota's and closures' operations are checked in their own test files.)

#![allow(clippy::unwrap_used)] // test set-up: a failure here is a failed test

mod common;

use common::{login, login_error, set_up};
use loket_app::NewUserRequest;
use loket_domain::Role;

#[tokio::test]
async fn setup_sign_ins_and_accounts_are_recorded_with_ids_and_who_did_them() {
    let o = set_up("agam").await;
    let (by, setup) = crate::last!(&o, SetupDone);
    assert_eq!((by.user_id, by.name.as_str()), (None, "sistem"));
    assert_eq!(
        (
            setup.office.as_str(),
            setup.counter.as_str(),
            setup.admin_username.as_str(),
            setup.demo
        ),
        ("agam", "A", "admin", false)
    );

    let (admin, _) = o
        .loket
        .login(&login("admin", "kata-sandi-kuat"))
        .await
        .unwrap();
    let (by, signed_in) = crate::last!(&o, SignedIn);
    assert_eq!(signed_in.user_id.to_string(), admin.user_id);
    assert_eq!(
        by.user_id.map(|u| u.to_string()),
        Some(admin.user_id.clone())
    );
    assert_eq!(setup.admin_user_id.to_string(), admin.user_id);

    let req = NewUserRequest {
        username: "siti".into(),
        full_name: "Siti Rahma".into(),
        nip: None,
        role: Role::Petugas,
        password: "sandi-awal-123".into(),
    };
    let siti = o.loket.create_user(&admin, &req).await.unwrap();
    let (by, created) = crate::last!(&o, UserCreated);
    assert_eq!(by.name, "admin");
    assert_eq!(
        (
            created.user_id.to_string(),
            created.username.as_str(),
            created.full_name.as_str(),
            created.role
        ),
        (siti.id.clone(), "siti", "Siti Rahma", Role::Petugas)
    );

    o.loket
        .set_user_disabled(&admin, &siti.id, true)
        .await
        .unwrap();
    assert_eq!(
        crate::last!(&o, UserDisabled).1.user_id.to_string(),
        siti.id
    );
    o.loket
        .set_user_disabled(&admin, &siti.id, false)
        .await
        .unwrap();
    assert_eq!(crate::last!(&o, UserEnabled).1.user_id.to_string(), siti.id);
    o.loket
        .reset_password(&admin, &siti.id, "sandi-baru-456")
        .await
        .unwrap();
    assert_eq!(
        crate::last!(&o, PasswordReset).1.user_id.to_string(),
        siti.id
    );

    // Four failures are counted; the fifth locks the account until a recorded instant.
    for attempt in 1..=4 {
        login_error(&o, "siti", "salah-salah").await;
        let (by, failed) = crate::last!(&o, SignInFailed);
        assert_eq!(
            (failed.user_id.to_string(), failed.attempt),
            (siti.id.clone(), attempt)
        );
        assert_eq!(by.name, "siti");
    }
    assert_eq!(login_error(&o, "siti", "salah-salah").await, "auth.locked");
    let (_, locked) = crate::last!(&o, AccountLocked);
    assert_eq!(
        (locked.user_id.to_string(), locked.attempt),
        (siti.id.clone(), 5)
    );
    assert_eq!(
        locked.until_utc,
        common::monday_morning() + chrono::Duration::minutes(5)
    );
}

#[tokio::test]
async fn the_demo_seed_and_the_grace_time_are_recorded() {
    let o = common::counter::demo().await;
    let (by, seeded) = crate::last!(&o, DemoSeeded);
    assert_eq!(by.user_id, None);
    assert_eq!(seeded.seed, loket_app::demo::DEMO_SEED);
    let bookings: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bookings")
        .fetch_one(o.loket.store().pool())
        .await
        .unwrap();
    assert_eq!(i64::from(seeded.bookings), bookings);
    assert!(crate::last!(&o, SetupDone).1.demo);

    let k = common::counter::kepala(&o).await;
    o.loket.set_no_show_grace(&k, 90).await.unwrap();
    let (by, grace) = crate::last!(&o, GraceChanged);
    assert_eq!(by.name, k.username);
    assert_eq!((grace.before, grace.after), (60, 90));
}
