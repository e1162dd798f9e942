//! Shared set-up of the sync's tests: a PC's staff, its enrolment with a central, and the
//! knobs of the seeded suites.

use chrono::Duration;
use loket_app::{Actor, EnrolRequest, Loket, NewUserRequest};
use loket_domain::Role;

use super::login;

/// The password the staff made here sign in with.
pub const STAFF_PASSWORD: &str = "sandi-awal-123";

/// A number from the environment (a longer run of a seeded suite), or `default`.
pub fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A petugas and a kepala, made by the admin of a PC set up with `setup_req`.
pub async fn staff(loket: &Loket) {
    let (admin, _) = loket
        .login(&login("admin", "kata-sandi-kuat"))
        .await
        .unwrap();
    for (username, role) in [("petugas", Role::Petugas), ("kepala", Role::Kepala)] {
        let req = NewUserRequest {
            username: username.into(),
            full_name: "Petugas Uji".into(),
            nip: None,
            role,
            password: STAFF_PASSWORD.into(),
        };
        loket.create_user(&admin, &req).await.unwrap();
    }
}

/// One of the staff made by [`staff`], signed in.
pub async fn signed_in(loket: &Loket, username: &str) -> Actor {
    loket
        .login(&login(username, STAFF_PASSWORD))
        .await
        .unwrap()
        .0
}

/// Connects the PC to the central at `base` with a code for `office`/`counter`, as its admin
/// (`admin_password`: the demo's or the set-up's).
pub async fn enrol(
    loket: &Loket,
    central: &loket_central::Central,
    base: &str,
    office: &str,
    counter: &str,
    admin_password: &str,
) {
    let code = loket_central::devices::issue_code(central, office, counter, Duration::hours(1))
        .await
        .unwrap();
    let (admin, _) = loket.login(&login("admin", admin_password)).await.unwrap();
    loket
        .enrol(
            &admin,
            &EnrolRequest {
                central_url: base.to_owned(),
                code,
            },
        )
        .await
        .unwrap();
}
