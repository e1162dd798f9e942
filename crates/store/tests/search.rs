//! The counter's search box against real SQLite files: a name finds the newest bookings first, of
//! this office only, a family counted once, and an upgraded database finds what it held before.
#![allow(clippy::unwrap_used)] // test set-up: a failure here is a failed test

use chrono::{Duration, NaiveDate, Utc};
use loket_domain::{
    ApplicantStatus, ApplicationType, Category, Channel, Relation, SessionKind, Sex,
};
use loket_store::{NewApplicant, NewBooking, Store};

const OFFICE: &str = "jakartaselatan";

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// One booking of `names.len()` applicants on `date`; its code is `code`.
async fn book(store: &Store, office: &str, code: &str, date: NaiveDate, names: &[&str]) {
    let id = format!("b-{code}");
    let ids: Vec<String> = (0..names.len()).map(|i| format!("a-{code}-{i}")).collect();
    let niks: Vec<String> = (0..names.len())
        .map(|i| {
            format!(
                "3174{:012}",
                code.bytes().map(u64::from).sum::<u64>() * 10 + i as u64
            )
        })
        .collect();
    let applicants: Vec<NewApplicant> = names
        .iter()
        .enumerate()
        .map(|(i, name)| NewApplicant {
            id: &ids[i],
            position: u8::try_from(i + 1).unwrap(),
            nik: &niks[i],
            full_name: name,
            relation: if i == 0 {
                Relation::Pemohon
            } else {
                Relation::Anak
            },
            sex: Sex::L,
            birth_date: day("1990-01-01"),
            application_type: ApplicationType::Baru,
            status: ApplicantStatus::Expected,
            queue: None,
            arrived_utc: None,
            old_passport: None,
            old_passport_expiry: None,
        })
        .collect();
    let mut tx = store.begin().await.unwrap();
    tx.insert_booking(
        &NewBooking {
            id: &id,
            code,
            office_slug: office,
            date,
            session: SessionKind::Pagi,
            channel: Channel::Online,
            category: Category::Reguler,
            kk_number: "3174010101010001",
            created_utc: Utc::now(),
            proof_qr: None,
            kecamatan_code: None,
            address_line: None,
            priority_reason: None,
            override_reason: None,
        },
        &applicants,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn codes(store: &Store, q: &str, limit: u32) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for row in store.search_bookings(OFFICE, q, limit).await.unwrap() {
        if codes.last() != Some(&row.code) {
            codes.push(row.code);
        }
    }
    codes
}

#[tokio::test]
async fn a_common_surname_shows_the_newest_bookings_of_this_office_each_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loket.db")).await.unwrap();
    // Entered out of date order, as a counter does (bookings for later dates, a pull of older ones).
    let start = day("2026-01-05");
    for (i, offset) in [40, 3, 25, 0, 31, 12, 7, 19].iter().enumerate() {
        let date = start + Duration::days(*offset);
        book(
            &store,
            OFFICE,
            &format!("K{i}"),
            date,
            &[&format!("Andi Hidayat {i}")],
        )
        .await;
    }
    // A family of five who all carry the name: one booking, shown once.
    book(
        &store,
        OFFICE,
        "KELUARGA",
        start + Duration::days(35),
        &[
            "Budi Hidayat",
            "Sri Hidayat",
            "Ani Hidayat",
            "Tono Hidayat",
            "Rina Hidayat",
        ],
    )
    .await;
    // The newest of all, but at another office: never shown here.
    book(
        &store,
        "denpasar",
        "BALI",
        start + Duration::days(90),
        &["Made Hidayat"],
    )
    .await;
    book(
        &store,
        OFFICE,
        "LAIN",
        start + Duration::days(50),
        &["Citra Wijaya"],
    )
    .await;

    // Newest first: 40 (K0), 35 (KELUARGA), 31 (K4), 25 (K2).
    assert_eq!(
        codes(&store, "hidayat", 4).await,
        ["K0", "KELUARGA", "K4", "K2"]
    );
    let all = codes(&store, "HIDAYAT", 50).await;
    assert_eq!(
        all.len(),
        9,
        "every matching booking of the office: {all:?}"
    );
    assert_eq!(
        all.last().map(String::as_str),
        Some("K3"),
        "the oldest last"
    );
    // The family's five applicants all come back with their booking.
    let family = store.search_bookings(OFFICE, "hidayat", 50).await.unwrap();
    assert_eq!(family.iter().filter(|r| r.code == "KELUARGA").count(), 5);
    // Two words narrow it; a prefix and diacritics still match.
    assert_eq!(codes(&store, "sri hidayat", 50).await, ["KELUARGA"]);
    assert_eq!(codes(&store, "hiday", 2).await, ["K0", "KELUARGA"]);
    assert_eq!(codes(&store, "Cítra", 50).await, ["LAIN"]);
    assert!(codes(&store, "made", 50).await.is_empty());
    store.close().await;
}

#[tokio::test]
async fn a_database_from_before_the_newer_name_index_finds_its_old_bookings() {
    use sqlx::{ConnectOptions, Connection};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    // The schema as the previous release left it, with one booking in it.
    {
        let mut migrator = sqlx::migrate!("../../migrations");
        let old: Vec<_> = migrator
            .migrations
            .iter()
            .filter(|m| m.version < 20261204000002)
            .cloned()
            .collect();
        migrator.migrations = old.into();
        let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .connect()
            .await
            .unwrap();
        migrator.run(&mut conn).await.unwrap();
        for sql in [
            "INSERT INTO offices (slug, name, kelas, city, province, kabkota_code, zone, iana_tz)
             VALUES ('jakartaselatan', 'Kantor Imigrasi Jakarta Selatan', 'I TPI', 'Jakarta Selatan',
                     'DKI Jakarta', '31.74', 'WIB', 'Asia/Jakarta')",
            "INSERT INTO bookings (id, code, office_slug, date, session, channel, category, kk_number, created_utc)
             VALUES ('b-lama', 'LAMA', 'jakartaselatan', '2026-06-01', 'pagi', 'online', 'reguler',
                     '3174010101010001', '2026-05-20T01:00:00Z')",
            "INSERT INTO applicants (id, booking_id, position, nik, full_name, relation, sex, birth_date,
                                     application_type)
             VALUES ('a-lama', 'b-lama', 1, '3174010101900001', 'Siti Rahmawati', 'pemohon', 'P',
                     '1990-01-01', 'baru')",
        ] {
            sqlx::query(sql).execute(&mut conn).await.unwrap();
        }
        conn.close().await.unwrap();
    }

    // This open runs the held-back migration, which fills the new index from the old rows.
    let store = Store::open(&path).await.unwrap();
    assert_eq!(codes(&store, "rahma", 50).await, ["LAMA"]);
    book(
        &store,
        OFFICE,
        "BARU",
        day("2026-07-01"),
        &["Dewi Rahmawati"],
    )
    .await;
    assert_eq!(codes(&store, "rahmawati", 50).await, ["BARU", "LAMA"]);
    store.close().await;
}
