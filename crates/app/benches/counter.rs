//! The counter's reads on a year of data: searching 100,000 bookings by code, NIK and name, and
//! building a 400-booking day's session lists. `cargo bench -p loket-app --bench counter`.
//! Side by side, the search a quick implementation would write: one `LIKE '%…%'` over every column;
//! each on the plain file and on the same file encrypted (SQLCipher), then the admin's backup,
//! its check and the restore, beside a plain file copy.
#![allow(clippy::print_stdout, clippy::unwrap_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Duration as Days, NaiveDate, TimeZone, Utc};
use loket_app::{FixedClock, LoginRequest, Loket};
use loket_domain::{
    ApplicantStatus, ApplicationType, Category, Channel, Relation, SessionKind, Sex,
};
use loket_store::{NewApplicant, NewBooking};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const BOOKINGS: usize = 100_000;
const BUSY_DAY: &str = "2026-11-25";

fn stats(mut v: Vec<Duration>) -> String {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "median {:.2} ms, p95 {:.2} ms (n={})",
        ms(v[v.len() / 2]),
        ms(v[v.len() * 95 / 100]),
        v.len()
    )
}

const FIRST: [&str; 12] = [
    "Andi", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gilang", "Hendra", "Indah", "Joko",
    "Kartika", "Lestari",
];
const LAST: [&str; 10] = [
    "Wijaya",
    "Santoso",
    "Saputra",
    "Lestari",
    "Hidayat",
    "Nugroho",
    "Pratama",
    "Siregar",
    "Simanjuntak",
    "Wulandari",
];

/// Writes `n` bookings of 1–5 applicants spread over the 365 days before 23 November 2026, plus
/// 400 bookings on the busy day, in one transaction.
async fn fill(loket: &Loket, rng: &mut ChaCha8Rng) {
    let mut tx = loket.store().begin().await.unwrap();
    let end = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let busy = NaiveDate::parse_from_str(BUSY_DAY, "%Y-%m-%d").unwrap();
    for i in 0..BOOKINGS + 400 {
        let date = if i < BOOKINGS {
            end - Days::days(rng.random_range(0..365))
        } else {
            busy
        };
        let session = if rng.random_bool(0.5) {
            "pagi"
        } else {
            "siang"
        };
        let code = format!(
            "{}-{}-B{i:06}",
            date.format("%y%m%d"),
            &session[..1].to_uppercase()
        );
        let id = format!("bench-{i}");
        let size = rng.random_range(1..=5usize);
        let people: Vec<(String, String, String)> = (0..size)
            .map(|j| {
                let nik = format!(
                    "3174{:02}{:06}{:04}",
                    rng.random_range(1..10),
                    rng.random_range(10_101..=311_299),
                    rng.random_range(1..9999)
                );
                let name = format!(
                    "{} {}",
                    FIRST[rng.random_range(0..FIRST.len())],
                    LAST[rng.random_range(0..LAST.len())]
                );
                (format!("{id}-{j}"), nik, name)
            })
            .collect();
        let applicants: Vec<NewApplicant> = people
            .iter()
            .enumerate()
            .map(|(j, (aid, nik, name))| NewApplicant {
                id: aid,
                position: (j + 1) as u8,
                nik,
                full_name: name,
                relation: if j == 0 {
                    Relation::Pemohon
                } else {
                    Relation::Anak
                },
                sex: Sex::L,
                birth_date: NaiveDate::from_ymd_opt(1990, 1, 1).unwrap(),
                application_type: ApplicationType::Baru,
                status: ApplicantStatus::Expected,
                queue: None,
                arrived_utc: None,
                old_passport: None,
                old_passport_expiry: None,
            })
            .collect();
        let b = NewBooking {
            id: &id,
            code: &code,
            office_slug: "jakartaselatan",
            date,
            session: SessionKind::try_from(session).unwrap(),
            channel: Channel::Online,
            category: Category::Reguler,
            kk_number: "3174010101010001",
            created_utc: Utc::now(),
            proof_qr: None,
            kecamatan_code: None,
            address_line: None,
            priority_reason: None,
            override_reason: None,
        };
        tx.insert_booking(&b, &applicants).await.unwrap();
    }
    tx.commit().await.unwrap();
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let store = loket_store::Store::open(&path).await.unwrap();
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap(),
    ));
    let vault = Arc::new(loket_app::MemoryKeyVault::default());
    let loket = Loket::new(store, clock.clone(), vault.clone()).unwrap();
    loket
        .seed_demo(
            loket_app::demo::DEMO_SEED,
            &loket_domain::CounterCode::first(),
        )
        .await
        .unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let started = Instant::now();
    fill(&loket, &mut rng).await;
    let total = loket.store().booking_count("jakartaselatan").await.unwrap();
    println!(
        "database: {total} bookings ({} generated in {:.1} s) + the demo office",
        BOOKINGS + 400,
        started.elapsed().as_secs_f64()
    );
    // The same year's database, first as a plain file, then encrypted (SQLCipher, as the app
    // keeps it), each query side by side with the naive scan.
    reads(&loket, &path, None, "plain").await;
    loket.store().checkpoint().await.unwrap();
    loket.store().close().await;
    let key = loket_store::DbKey::from_bytes(&[0x5a; 32]).unwrap();
    let t = Instant::now();
    loket_store::encrypt_in_place(&path, &key).await.unwrap();
    println!(
        "converting the year's plain database to an encrypted one: {:.1} s (n=1)",
        t.elapsed().as_secs_f64()
    );
    let store = loket_store::Store::open_with(&path, Some(&key))
        .await
        .unwrap();
    let loket = Loket::new(store, clock, vault).unwrap();
    reads(&loket, &path, Some(&key), "encrypted").await;
    back_up_and_restore(&loket, &path, &key).await;
}

/// An officer's searches and the busy day's lists, 30 runs each; `key` opens the naive pool too.
async fn reads(
    loket: &Loket,
    path: &std::path::Path,
    key: Option<&loket_store::DbKey>,
    file: &str,
) {
    let (petugas, _) = loket
        .login(&LoginRequest {
            username: "petugas".into(),
            password: "demo-petugas-123".into(),
        })
        .await
        .unwrap();

    // Queries an officer types: a code, a full NIK, part of a name.
    let rows = loket
        .store()
        .search_bookings("jakartaselatan", "2611", 1)
        .await
        .unwrap();
    let code = rows[0].code.clone();
    let nik = rows[0].nik.clone();
    let queries = [
        ("code", code[..9].to_owned()),
        ("nik", nik),
        ("name", "hidayat".to_owned()),
    ];
    let naive =
        sqlx::SqlitePool::connect_with(loket_store::file_options(path, key).read_only(true))
            .await
            .unwrap();
    for (what, q) in &queries {
        let mut ours = Vec::new();
        let mut scan = Vec::new();
        for _ in 0..30 {
            let t = Instant::now();
            let r = loket.search_bookings(&petugas, q).await.unwrap();
            ours.push(t.elapsed());
            assert!(!r.bookings.is_empty(), "{what}");
            let t = Instant::now();
            let n: Vec<(String,)> = sqlx::query_as(
                "SELECT DISTINCT b.code FROM bookings b JOIN applicants a ON a.booking_id = b.id
                 WHERE b.code LIKE ?1 OR a.nik LIKE ?1 OR a.full_name LIKE ?1
                 ORDER BY b.date DESC LIMIT 51",
            )
            .bind(format!("%{q}%"))
            .fetch_all(&naive)
            .await
            .unwrap();
            scan.push(t.elapsed());
            assert!(!n.is_empty());
        }
        println!(
            "[{file}] search by {what:<5} Loket (indexed, use case, ≤50 bookings): {}",
            stats(ours)
        );
        println!(
            "[{file}] search by {what:<5} naive LIKE '%…%' over all columns:       {}",
            stats(scan)
        );
    }
    naive.close().await;

    let mut day = Vec::new();
    let mut bookings = 0;
    for _ in 0..30 {
        let t = Instant::now();
        let lists = loket.day_lists(&petugas, BUSY_DAY).await.unwrap();
        day.push(t.elapsed());
        bookings = lists
            .sessions
            .iter()
            .map(|s| s.bookings.len())
            .sum::<usize>();
    }
    println!(
        "[{file}] day lists of {BUSY_DAY} ({bookings} bookings, use case): {}",
        stats(day)
    );
}

/// The admin's backup and restore on this year's database: a backup taken (`VACUUM INTO`), checked
/// (copied, opened, `integrity_check`, the chain and its signature) and swapped in at the next
/// open; beside them, the plain file copy an IT person would otherwise make (which misses what is
/// still in the WAL, and can copy a page half-written).
async fn back_up_and_restore(loket: &Loket, path: &std::path::Path, key: &loket_store::DbKey) {
    let (admin, _) = loket
        .login(&LoginRequest {
            username: "admin".into(),
            password: "demo-admin-123".into(),
        })
        .await
        .unwrap();
    let mut taken = Vec::new();
    let mut copied = Vec::new();
    let mut size = 0;
    for i in 0..5 {
        let t = Instant::now();
        let view = loket.back_up_now(&admin).await.unwrap();
        taken.push(t.elapsed());
        size = view.files[0].kib;
        let t = Instant::now();
        std::fs::copy(path, path.with_extension(format!("salinan-{i}"))).unwrap();
        copied.push(t.elapsed());
    }
    let name = loket.backups(&admin).await.unwrap().files[0].name.clone();
    println!(
        "backup of the year's encrypted database ({:.0} MB), Loket (export, synced, rotated): {}",
        f64::from(size) / 1024.0,
        stats(taken)
    );
    println!(
        "backup by plain file copy (not consistent under WAL):              {}",
        stats(copied)
    );
    let mut checked = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let check = loket.check_backup(&admin, &name).await.unwrap();
        checked.push(t.elapsed());
        assert!(check.restorable, "{:?}", check.message);
    }
    println!(
        "restore check (copy, open, integrity_check, chain of {} entries): {}",
        loket.store().last_seq().await.unwrap(),
        stats(checked)
    );
    loket.restore_backup(&admin, &name).await.unwrap();
    loket.store().close().await;
    let t = Instant::now();
    let reopened = loket_store::Store::open_with(path, Some(key))
        .await
        .unwrap();
    let swap = t.elapsed();
    assert!(reopened.staged_restore().is_some());
    println!(
        "restore swapped in at the next start (Store::open): {:.0} ms (n=1)",
        swap.as_secs_f64() * 1000.0
    );
}
