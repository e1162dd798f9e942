//! Reference data and the demo: the 150 offices and the national holidays 2025–2027 (both
//! embedded in `loket-domain`, the same files the counter ships), and demo quota with online
//! bookings for the desktop demo's Jakarta Selatan office and a few WITA and WIT offices.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use loket_domain::{
    ApplicationType, Holiday, Office, OfficeSchedule, Relation, ReleaseSchedule, SessionKind,
};

use crate::Central;
use crate::bookings::{ApplicantRequest, BookingRequest};
use crate::error::ApiError;

/// Upserts every office and inserts the embedded holidays; running it again changes nothing.
pub async fn import(central: &Central) -> Result<(), ApiError> {
    let mut tx = central.pool.begin().await?;
    for o in central.offices.all() {
        sqlx::query(
            "INSERT INTO offices (office_id, name, zone, iana_tz) VALUES ($1, $2, $3, $4)
             ON CONFLICT (office_id) DO UPDATE SET name = EXCLUDED.name, zone = EXCLUDED.zone,
                 iana_tz = EXCLUDED.iana_tz",
        )
        .bind(o.slug.as_str())
        .bind(&o.name)
        .bind(o.zone.as_str())
        .bind(o.tz.name())
        .execute(&mut *tx)
        .await?;
    }
    let holidays = Holiday::embedded().map_err(|e| {
        tracing::error!(error = %e, "embedded holidays do not parse");
        ApiError::busy()
    })?;
    for h in holidays {
        sqlx::query(
            "INSERT INTO holidays (day, kind, name, decree) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING",
        )
        .bind(h.date)
        .bind(h.kind.as_str())
        .bind(&h.name)
        .bind(&h.decree)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    central.months.forget_all();
    Ok(())
}

/// A holiday or cuti bersama a new decree adds (a central admin's command): every office's date
/// turns grey. Adding it again changes nothing.
pub async fn add_holiday(central: &Central, holiday: &Holiday) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO holidays (day, kind, name, decree) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(holiday.date)
    .bind(holiday.kind.as_str())
    .bind(&holiday.name)
    .bind(&holiday.decree)
    .execute(&central.pool)
    .await?;
    central.months.forget_all();
    Ok(())
}

/// The demo's offices: the desktop demo's, plus two in WITA and one in WIT.
pub const DEMO_OFFICES: [&str; 4] = ["jakartaselatan", "denpasar", "makassar", "jayapura"];

/// The seeds' split of about 100 per session: 80 online, 15 at the counter, 5 for priority.
const SPLIT: (i32, i32, i32) = (80, 15, 5);

/// Approved quota for `office` on `day`, released at `opens` (the schedule's moment, or earlier).
pub async fn approve(
    central: &Central,
    office: &str,
    day: NaiveDate,
    (online, counter, priority): (i32, i32, i32),
    opens: DateTime<Utc>,
    closes: Option<DateTime<Utc>>,
) -> Result<(), ApiError> {
    for s in SessionKind::ALL {
        sqlx::query(
            "INSERT INTO quota (office_id, day, session, online, counter, priority, opens_at, closes_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (office_id, day, session) DO NOTHING",
        )
        .bind(office)
        .bind(day)
        .bind(s.as_str())
        .bind(online)
        .bind(counter)
        .bind(priority)
        .bind(opens)
        .bind(closes)
        .execute(&central.pool)
        .await?;
    }
    central.months.forget_office(office);
    Ok(())
}

/// What `demo` made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSummary {
    pub sessions: u32,
    pub bookings: u32,
}

fn next_monday(d: NaiveDate) -> NaiveDate {
    let ahead = (7 - d.weekday().num_days_from_monday()) % 7;
    d + Duration::days(i64::from(if ahead == 0 { 7 } else { ahead }))
}

/// Quota on every working day of `days` from `from` (default: the next Monday) at the demo offices.
/// The first two weeks are released already (open until the date) so citizens can book at once;
/// later weeks open at the seeds' Friday 14:00 in each office's own zone. A few families book
/// online at Jakarta Selatan. Running it again adds nothing.
pub async fn demo(
    central: &Central,
    from: Option<NaiveDate>,
    days: u32,
) -> Result<DemoSummary, ApiError> {
    let now = central.clock.now();
    let schedule = OfficeSchedule::default();
    let release = ReleaseSchedule::seeds_default();
    let mut sessions = 0;
    for slug in DEMO_OFFICES {
        let office: &Office = central
            .offices
            .get(slug)
            .map_err(|e| ApiError::not_found("office.unknown", e))?;
        let start = from.unwrap_or_else(|| next_monday(office.local_date(now)));
        for n in 0..days {
            let day = start + Duration::days(i64::from(n));
            if !schedule.is_working_day(day) || is_holiday(central, day).await? {
                continue;
            }
            let window = release
                .window(day, office.tz, |d| schedule.is_working_day(d))
                .map_err(|e| ApiError::invalid("release.invalid", e))?;
            let opens = if n < 14 {
                window.opens.min(now - Duration::hours(1))
            } else {
                window.opens
            };
            approve(central, slug, day, SPLIT, opens, None).await?;
            sessions += 2;
        }
    }
    let start = from.unwrap_or_else(|| {
        next_monday(
            central
                .offices
                .get(DEMO_OFFICES[0])
                .map_or(now.date_naive(), |o| o.local_date(now)),
        )
    });
    let mut bookings = 0;
    for (i, family) in demo_families().into_iter().enumerate() {
        let mut day = start + Duration::days(i64::try_from(i % 5).unwrap_or(0));
        while day.weekday() == Weekday::Sat || day.weekday() == Weekday::Sun {
            day += Duration::days(1);
        }
        let req = BookingRequest {
            office: DEMO_OFFICES[0].to_owned(),
            date: day,
            session: if i % 2 == 0 {
                SessionKind::Pagi
            } else {
                SessionKind::Siang
            },
            kk_number: format!("31740101012{:05}", 5000 + i),
            applicants: family,
        };
        let body = serde_json::to_vec(&req).unwrap_or_default();
        match crate::bookings::create(central, &format!("demo-{i}"), &body).await {
            Ok(_) => bookings += 1,
            Err(e) => tracing::warn!(code = e.code, "demo booking refused"),
        }
    }
    Ok(DemoSummary { sessions, bookings })
}

async fn is_holiday(central: &Central, day: NaiveDate) -> Result<bool, ApiError> {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM holidays WHERE day = $1")
        .bind(day)
        .fetch_one(&central.pool)
        .await?;
    Ok(n > 0)
}

/// Six demo families of Tebet (kecamatan 317401), with valid NIKs: principal first.
fn demo_families() -> Vec<Vec<ApplicantRequest>> {
    let person = |serial: u32, birth: &str, name: &str, relation: Relation| ApplicantRequest {
        nik: format!("317401{birth}{serial:04}"),
        full_name: name.to_owned(),
        relation,
        application_type: ApplicationType::Baru,
        old_passport: None,
    };
    vec![
        vec![
            person(101, "120388", "Budi Santoso", Relation::Pemohon),
            person(102, "450590", "Sri Wahyuni", Relation::SuamiIstri),
            person(103, "030715", "Adi Santoso", Relation::Anak),
        ],
        vec![person(104, "210782", "Rina Kartika", Relation::Pemohon)],
        vec![
            person(105, "091179", "Hendra Gunawan", Relation::Pemohon),
            person(106, "521081", "Maya Sari", Relation::SuamiIstri),
        ],
        vec![person(107, "170295", "Dewi Lestari", Relation::Pemohon)],
        vec![
            person(108, "050570", "Slamet Riyadi", Relation::Pemohon),
            person(109, "440872", "Tuti Handayani", Relation::SuamiIstri),
            person(110, "220600", "Bayu Riyadi", Relation::Anak),
            person(111, "610503", "Putri Riyadi", Relation::Anak),
        ],
        vec![person(112, "301186", "Agus Salim", Relation::Pemohon)],
    ]
}
