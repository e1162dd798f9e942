//! The checker of the week: after healing and quiescing, the sync study's invariants over the
//! whole system, each assertion naming the invariant it checks.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::Pc;

type Applicants = Vec<(i64, String)>;

/// `code -> (status, [(position, status)])` of an office's bookings at the central.
async fn central_bookings(
    c: &loket_central::Central,
    office: &str,
) -> BTreeMap<String, (String, Applicants)> {
    let rows: Vec<(String, String, i16, String)> = sqlx::query_as(
        "SELECT b.code, b.status, a.position, a.status FROM bookings b
         JOIN applicants a USING (office_id, booking_id) WHERE b.office_id = $1
         ORDER BY b.code, a.position",
    )
    .bind(office)
    .fetch_all(&c.pool)
    .await
    .unwrap();
    let mut out: BTreeMap<String, (String, Applicants)> = BTreeMap::new();
    for (code, status, pos, a) in rows {
        out.entry(code)
            .or_insert_with(|| (status, Vec::new()))
            .1
            .push((i64::from(pos) + 1, a));
    }
    out
}

async fn pc_bookings(p: &Pc) -> BTreeMap<String, (String, Applicants)> {
    let rows: Vec<(String, String, i64, String)> = sqlx::query_as(
        "SELECT b.code, b.status, a.position, a.status FROM bookings b
         JOIN applicants a ON a.booking_id = b.id ORDER BY b.code, a.position",
    )
    .fetch_all(p.loket.store().pool())
    .await
    .unwrap();
    let mut out: BTreeMap<String, (String, Applicants)> = BTreeMap::new();
    for (code, status, pos, a) in rows {
        out.entry(code)
            .or_insert_with(|| (status, Vec::new()))
            .1
            .push((pos, a));
    }
    out
}

/// Asserts the invariants; panics naming the first one broken.
pub(super) async fn check(
    central: &loket_central::Central,
    pcs: &[Pc],
    arrived: &BTreeSet<(&'static str, String)>,
    closed: &[(&'static str, NaiveDate)],
    last_day: NaiveDate,
    seed: u64,
) {
    let c = &central.pool;
    for p in pcs {
        let at = format!("seed {seed}, {}/{}", p.office, p.counter);
        // I1, I2: the PC's outbox is at the central, entry for entry, chained to its head.
        let device: String = sqlx::query_scalar("SELECT device_id FROM device WHERE id = 1")
            .fetch_one(p.loket.store().pool())
            .await
            .unwrap();
        let mine: Vec<(i64, String, String, String)> =
            sqlx::query_as("SELECT seq, id, payload, hash FROM outbox ORDER BY seq")
                .fetch_all(p.loket.store().pool())
                .await
                .unwrap();
        let theirs: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT seq, entry_id, payload, hash FROM device_log WHERE pc_device_id = $1 ORDER BY seq",
        )
        .bind(&device)
        .fetch_all(c)
        .await
        .unwrap();
        assert_eq!(theirs, mine, "{at}: I1");
        let links: Vec<(String, String)> = sqlx::query_as(
            "SELECT prev_hash, hash FROM device_log WHERE pc_device_id = $1 ORDER BY seq",
        )
        .bind(&device)
        .fetch_all(c)
        .await
        .unwrap();
        let mut prev = loket_domain::chain::GENESIS.to_owned();
        for (link, hash) in links {
            assert_eq!(link, prev, "{at}: I2, the central's copy of the chain");
            prev = hash;
        }
        assert_eq!(
            p.loket.store().push_state().await.unwrap().waiting,
            0,
            "{at}: I16"
        );
        // I3: every outcome the PC holds is the central's.
        let outcomes: Vec<(i64, String)> =
            sqlx::query_as("SELECT seq, outcome FROM sync_outcomes ORDER BY seq")
                .fetch_all(p.loket.store().pool())
                .await
                .unwrap();
        let stored: Vec<(i64, String)> = sqlx::query_as(
            "SELECT seq, outcome FROM device_log WHERE pc_device_id = $1 ORDER BY seq",
        )
        .bind(&device)
        .fetch_all(c)
        .await
        .unwrap();
        assert_eq!(outcomes, stored, "{at}: I3");
        // I8 convergence, I7 (every walk-in of the PC is at the central), I10 (arrivals).
        let here = pc_bookings(p).await;
        let there = central_bookings(central, p.office).await;
        assert_eq!(here, there, "{at}: I8");
        for (_, code) in arrived.iter().filter(|(o, _)| *o == p.office) {
            if let Some((_, applicants)) = there.get(code) {
                assert!(
                    applicants.iter().all(|(_, s)| s == "arrived"),
                    "{at}: I10 {code} {applicants:?}"
                );
            }
        }
        let proofs: i64 = sqlx::query_scalar("SELECT count(*) FROM proof_bookings")
            .fetch_one(p.loket.store().pool())
            .await
            .unwrap();
        assert_eq!(
            proofs, 0,
            "{at}: every proof check-in merged into its booking"
        );
        // I7: every conflict of the office is on the PC.
        let keys: BTreeSet<String> = sqlx::query_scalar("SELECT conflict_key FROM sync_conflicts")
            .fetch_all(p.loket.store().pool())
            .await
            .unwrap()
            .into_iter()
            .collect();
        let raised: BTreeSet<String> =
            sqlx::query_scalar("SELECT conflict_key FROM conflicts WHERE office_id = $1")
                .bind(p.office)
                .fetch_all(c)
                .await
                .unwrap()
                .into_iter()
                .collect();
        assert_eq!(keys, raised, "{at}: I7 conflicts");
        // I6: the PC holds what the central says, and uses no more than it holds.
        // From the week's last day on (a PC that first synced mid-week never got the days past).
        let held: Vec<(String, String, String, i64)> = sqlx::query_as(
            "SELECT date, session, share, allotted FROM seat_allotments WHERE date >= ?
             ORDER BY 1, 2, 3",
        )
        .bind(last_day.to_string())
        .fetch_all(p.loket.store().pool())
        .await
        .unwrap();
        let lent: Vec<(String, String, String, i64)> = sqlx::query_as(
            "SELECT day::text, session, share, allotted::int8 FROM seat_allotments
             WHERE office_id = $1 AND counter_code = $2 AND day >= $3 ORDER BY 1, 2, 3",
        )
        .bind(p.office)
        .bind(p.counter)
        .bind(last_day)
        .fetch_all(c)
        .await
        .unwrap();
        let nonzero = |v: Vec<(String, String, String, i64)>| -> Vec<_> {
            v.into_iter().filter(|r| r.3 > 0).collect()
        };
        assert_eq!(nonzero(held), nonzero(lent), "{at}: I6 holdings");
    }
    // I4, I5, I6 per session and share, at the central.
    let sessions: Vec<(String, NaiveDate, String, i32, i32, i32, i32)> = sqlx::query_as(
        "SELECT office_id, day, session, online, counter, priority, online_booked FROM quota",
    )
    .fetch_all(c)
    .await
    .unwrap();
    for (office, day, session, online, counter, priority, online_booked) in sessions {
        let at = format!("seed {seed}, {office} {day} {session}");
        let recount = |sql: &'static str| {
            let (office, session) = (office.clone(), session.clone());
            async move {
                sqlx::query_scalar::<_, i64>(sql)
                    .bind(office)
                    .bind(day)
                    .bind(session)
                    .fetch_one(c)
                    .await
                    .unwrap()
            }
        };
        let sold = recount(
            "SELECT count(*) FROM bookings b JOIN applicants a USING (office_id, booking_id)
             WHERE b.office_id = $1 AND b.day = $2 AND b.session = $3 AND b.channel = 'online'
               AND b.status = 'active'",
        )
        .await;
        assert!(
            sold <= i64::from(online),
            "{at}: I5 online {sold} > {online}"
        );
        assert!(i64::from(online_booked) <= i64::from(online), "{at}: I5");
        assert_eq!(i64::from(online_booked), sold, "{at}: I4 online count");
        for (share, limit) in [("reguler", counter), ("prioritas", priority)] {
            let sql: &'static str = if share == "reguler" {
                "SELECT count(*) FROM bookings b JOIN applicants a USING (office_id, booking_id)
                 WHERE b.office_id = $1 AND b.day = $2 AND b.session = $3 AND b.channel = 'loket'
                   AND b.category = 'reguler' AND b.status = 'active' AND a.status <> 'cancelled'
                   AND b.override_reason IS NULL"
            } else {
                "SELECT count(*) FROM bookings b JOIN applicants a USING (office_id, booking_id)
                 WHERE b.office_id = $1 AND b.day = $2 AND b.session = $3 AND b.channel = 'loket'
                   AND b.category = 'prioritas' AND b.status = 'active' AND a.status <> 'cancelled'
                   AND b.override_reason IS NULL"
            };
            let used = recount(sql).await;
            assert!(
                used <= i64::from(limit),
                "{at}: I5 {share} {used} > {limit}"
            );
            let lent: i64 = sqlx::query_scalar(
                "SELECT COALESCE(sum(allotted), 0)::int8 FROM seat_allotments
                 WHERE office_id = $1 AND day = $2 AND session = $3 AND share = $4",
            )
            .bind(&office)
            .bind(day)
            .bind(&session)
            .bind(if share == "reguler" {
                "loket"
            } else {
                "prioritas"
            })
            .fetch_one(c)
            .await
            .unwrap();
            assert!(
                lent <= i64::from(limit).max(used),
                "{at}: I6 {share} lent {lent} > {limit}"
            );
        }
    }
    let unapproved: i64 =
        sqlx::query_scalar("SELECT count(*) FROM conflicts WHERE kind = 'overflow_unapproved'")
            .fetch_one(c)
            .await
            .unwrap();
    assert_eq!(unapproved, 0, "seed {seed}: I5 overflow nobody approved");
    let beyond: i64 = sqlx::query_scalar(
        "WITH used AS (
             SELECT b.office_id, b.counter_code, b.day, b.session,
                    CASE WHEN b.category = 'prioritas' THEN 'prioritas' ELSE 'loket' END AS share,
                    count(*) AS n
             FROM bookings b JOIN applicants a USING (office_id, booking_id)
             WHERE b.channel = 'loket' AND b.status = 'active' AND a.status <> 'cancelled'
               AND b.override_reason IS NULL
             GROUP BY 1, 2, 3, 4, 5)
         SELECT count(*) FROM used u LEFT JOIN seat_allotments s
             ON s.office_id = u.office_id AND s.counter_code = u.counter_code AND s.day = u.day
            AND s.session = u.session AND s.share = u.share
         WHERE u.n > COALESCE(s.allotted, 0)",
    )
    .fetch_one(c)
    .await
    .unwrap();
    assert_eq!(
        beyond, 0,
        "seed {seed}: I6 a counter used more than it held"
    );
    // I11: no NIK in two active online bookings (the whole week is inside 30 days).
    let twice: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM (SELECT a.nik FROM applicants a JOIN bookings b USING (office_id, booking_id)
             WHERE b.channel = 'online' AND b.status = 'active' GROUP BY a.nik HAVING count(*) > 1) x",
    )
    .fetch_one(c)
    .await
    .unwrap();
    assert_eq!(
        twice, 0,
        "seed {seed}: I11 a NIK booked online twice within 30 days"
    );
    // I12: a booking code names one booking of an office.
    let clashes: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM (SELECT office_id, code FROM bookings GROUP BY 1, 2 HAVING count(*) > 1) x",
    )
    .fetch_one(c)
    .await
    .unwrap();
    assert_eq!(clashes, 0, "seed {seed}: I12");
    // I9: nothing active on a closed date.
    for (office, date) in closed {
        let active: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM bookings WHERE office_id = $1 AND day = $2 AND status = 'active'",
        )
        .bind(office)
        .bind(date)
        .fetch_one(c)
        .await
        .unwrap();
        assert_eq!(active, 0, "seed {seed}: I9 {office} {date}");
    }
}
