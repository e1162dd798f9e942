//! Crash-proof writes, shown: each of five changes — a walk-in saved, a family checked in, a quota
//! proposal approved, the office closed for a day, a pull from the central applied — runs in a
//! child process that is killed with SIGKILL just before its 1st, then its 2nd, … `write`,
//! `pwrite(64)`, `fsync` or `fdatasync` on the files of its data folder (the database, its WAL
//! and shared memory, the chain-head file), one kill per run, until every call of a run to the
//! end was a kill point. A small preloaded library (`crash/kill_at.c`) counts the calls in the
//! order they happen across the process's threads and kills at the chosen one; strace's
//! `-e inject=…:signal=SIGKILL:when=N` counts per thread, and SQLite's connections each have a
//! thread of their own. After each kill the parent opens the folder as the app would and asserts:
//!
//! - the database opens and `PRAGMA integrity_check` is `ok`;
//! - the audit chain verifies, and the crash is not taken for a restore from an older copy;
//! - the change is wholly there or wholly absent: the summary of every table (its row count, and
//!   the rows per value of each state column and per outbox operation) equals the one before the
//!   child ran, after its sign-in, or after its change — never anything in between;
//! - the officer's walk-in draft is still there, unless the walk-in it was for is saved.
//!
//! The children are this test binary started again with `--ignored --exact child_change`. The
//! library is built by `cc` when the test starts.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::{NaiveDate, TimeZone, Utc};
use common::counter::{applicant, kepala, petugas, roomy, waiting_family, walk_in};
use common::{Office, monday_morning, office_in};
use loket_app::{CheckInRequest, DecisionInput, ProposalInput, SplitInput};
use loket_domain::{
    ApplicantStatus, ApplicationType, BookingStatus, Category, Channel, CounterCode, Relation,
    SessionKind, Sex,
};
use loket_sync::pull::{ApplicantState, BookingState, Change, QuotaState};

/// The draft the officer was typing when the PC died.
const DRAFT: &str = r#"{"step":2,"kk":"3174010101250001"}"#;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Work {
    WalkIn,
    CheckIn,
    Approval,
    Closure,
    Pull,
}

impl Work {
    const ALL: [Work; 5] = [
        Self::WalkIn,
        Self::CheckIn,
        Self::Approval,
        Self::Closure,
        Self::Pull,
    ];

    fn name(self) -> &'static str {
        match self {
            Self::WalkIn => "walk-in saved",
            Self::CheckIn => "check-in",
            Self::Approval => "quota approval",
            Self::Closure => "closure",
            Self::Pull => "pull applied",
        }
    }

    fn parse(s: &str) -> Self {
        *Self::ALL.iter().find(|c| c.name() == s).unwrap()
    }
}

/// Every table's row count, and rows per value of each column that holds a state.
type Summary = BTreeMap<String, i64>;

async fn summary(pool: &sqlx::SqlitePool) -> Summary {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table'
           AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut out = Summary::new();
    for t in tables {
        let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM \"{t}\""))
            .fetch_one(pool)
            .await
            .unwrap();
        out.insert(t.clone(), n);
        let columns: Vec<String> =
            sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{t}')"))
                .fetch_all(pool)
                .await
                .unwrap();
        for c in columns.iter().filter(|c| {
            c.ends_with("status")
                || c.ends_with("state")
                || ["decision", "op_type", "pull_cursor"].contains(&c.as_str())
        }) {
            let groups: Vec<(Option<String>, i64)> = sqlx::query_as(&format!(
                "SELECT CAST(\"{c}\" AS TEXT), count(*) FROM \"{t}\" GROUP BY 1"
            ))
            .fetch_all(pool)
            .await
            .unwrap();
            for (value, n) in groups {
                out.insert(format!("{t}.{c}={}", value.unwrap_or_default()), n);
            }
        }
    }
    out
}

/// What the parent finds in a folder after a child ran (or died) in it.
struct Found {
    summary: Summary,
    draft: bool,
    walk_ins: i64,
}

async fn inspect(dir: &Path, what: &str) -> Found {
    let o = office_in(dir, monday_morning()).await;
    let pool = o.loket.store().pool();
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(integrity, "ok", "{what}: integrity_check");
    let chain = o.loket.chain_check().await.unwrap();
    assert!(chain.intact, "{what}: the audit chain: {:?}", chain.message);
    assert!(
        o.loket.store().restored().is_none(),
        "{what}: a crash was taken for a restore from an older copy"
    );
    let draft: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM drafts WHERE kind = 'walk_in' AND username = 'petugas' AND body = ?)",
    )
    .bind(DRAFT)
    .fetch_one(pool)
    .await
    .unwrap();
    let walk_ins: i64 = sqlx::query_scalar("SELECT count(*) FROM bookings WHERE channel = 'loket'")
        .fetch_one(pool)
        .await
        .unwrap();
    let found = Found {
        summary: summary(pool).await,
        draft,
        walk_ins,
    };
    o.loket.store().close().await;
    found
}

/// The demo office on Monday 23 November 2026 with a walk-in draft half typed and a quota
/// proposal for January waiting for the kepala.
async fn prepare(dir: &Path) {
    let o = office_in(dir, monday_morning()).await;
    o.loket
        .seed_demo(loket_app::demo::DEMO_SEED, &CounterCode::first())
        .await
        .unwrap();
    let p = petugas(&o).await;
    o.loket.save_draft(&p, "walk_in", DRAFT).await.unwrap();
    let split = SplitInput {
        online: 80,
        counter: 15,
        priority: 5,
    };
    let input = ProposalInput {
        from: "2027-01-11".into(),
        to: "2027-01-15".into(),
        weekdays: vec![true, true, true, true, true, false, false],
        pagi: Some(split.clone()),
        siang: Some(split),
        include: vec![],
    };
    let proposal = o.loket.propose_quota(&p, &input).await.unwrap();
    o.loket.submit_proposal(&p, &proposal.id).await.unwrap();
    o.loket.store().checkpoint().await.unwrap();
    o.loket.store().close().await;
}

/// One online booking of two and its session's quota, as the central sends them.
fn pulled() -> Vec<Change> {
    let date = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let person = |position: u8, nik: &str, name: &str, relation| ApplicantState {
        applicant_id: uuid::Uuid::from_u128(0x10 + u128::from(position)),
        position,
        nik: nik.into(),
        full_name: name.into(),
        relation,
        sex: Sex::P,
        birth_date: NaiveDate::from_ymd_opt(1990, 5, 17).unwrap(),
        application_type: ApplicationType::Baru,
        old_passport: None,
        old_passport_expiry: None,
        status: ApplicantStatus::Expected,
        queue: None,
        arrived_utc: None,
    };
    vec![
        Change::Booking(BookingState {
            booking_id: uuid::Uuid::from_u128(0x1),
            code: "PULL-CRASH-01".into(),
            date,
            session: SessionKind::Pagi,
            channel: Channel::Online,
            category: Category::Reguler,
            counter: None,
            kk_number: "3174010101259999".into(),
            status: BookingStatus::Active,
            proof_qr: "LOKET1.crash-test".into(),
            created_utc: monday_morning(),
            priority_reason: None,
            override_reason: None,
            kecamatan_code: Some("317401".into()),
            address_line: Some("Jl. Uji No. 1".into()),
            applicants: vec![
                person(1, "3174015705900001", "Sari Pulled", Relation::Pemohon),
                person(2, "3174015705900002", "Dewi Pulled", Relation::SuamiIstri),
            ],
        }),
        Change::Quota(QuotaState {
            date,
            session: SessionKind::Pagi,
            online: 80,
            counter: 15,
            priority: 5,
            online_booked: 61,
            opens_utc: Utc.with_ymd_and_hms(2026, 11, 1, 1, 0, 0).unwrap(),
        }),
    ]
}

/// The child: one change in the folder, as the app makes it. `LOKET_CRASH_CHILD=<dir>|<change>`;
/// `<change>` may also be `sign-in` (the officer signs in and does nothing else).
#[tokio::test]
#[ignore = "started by the crash test as the process it kills"]
async fn child_change() {
    let Ok(spec) = std::env::var("LOKET_CRASH_CHILD") else {
        return;
    };
    let (dir, change) = spec.split_once('|').unwrap();
    let o = office_in(Path::new(dir), monday_morning()).await;
    if change == "sign-in" {
        petugas(&o).await;
    } else if let Some(code) = change.strip_prefix("walk-in refused:") {
        // The disk still refuses: nothing more is written.
        refused(&o, code).await;
        std::fs::write(format!("{dir}.done"), b"").unwrap();
        return;
    } else {
        run(&o, Work::parse(change)).await;
    }
    // The WAL copied into the database file, as SQLite does by itself once the WAL is long (and
    // on closing, which a process that exits may or may not get to): those writes are kill
    // points too.
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(o.loket.store().pool())
        .await
        .unwrap();
    o.loket.store().close().await;
    // Beside the folder, not in it: the parent knows the child ran to its end.
    std::fs::write(format!("{dir}.done"), b"").unwrap();
}

async fn refused(o: &Office, code: &str) {
    let p = petugas(o).await;
    // The disk fills up (or turns read-only) while the officer types.
    std::fs::write(std::env::var("LOKET_FAIL_FLAG").unwrap(), b"").unwrap();
    let (date, session) = roomy(o, &p).await;
    let err = o
        .loket
        .create_walk_in(&p, &walk_in(&date, session, vec![holder()]))
        .await
        .unwrap_err();
    assert_eq!(err.code(), code, "{err}");
    let said = err.to_string();
    assert!(
        said.contains("perubahan ini tidak tersimpan")
            && said.contains("isian formulir tidak hilang"),
        "{said}"
    );
    // The officer carries on from the draft once the disk takes writes again.
    let draft = o.loket.draft(&p, "walk_in").await.unwrap().unwrap();
    assert_eq!(draft.body, DRAFT);
}

fn holder() -> loket_app::WalkInApplicant {
    applicant("3174011203880001", "Andi Wijaya", None, "L", "1988-03-12")
}

async fn run(o: &Office, change: Work) {
    let l = &o.loket;
    match change {
        Work::WalkIn => {
            let p = petugas(o).await;
            let (date, session) = roomy(o, &p).await;
            l.create_walk_in(&p, &walk_in(&date, session, vec![holder()]))
                .await
                .unwrap();
        }
        Work::CheckIn => {
            let p = petugas(o).await;
            let family = waiting_family(o, &p, "2026-11-23", SessionKind::Pagi, 2).await;
            let req = CheckInRequest {
                code: family.code.clone(),
                applicant_ids: family.applicants.iter().map(|a| a.id.clone()).collect(),
            };
            l.check_in(&p, &req).await.unwrap();
        }
        Work::Approval => {
            let k = kepala(o).await;
            let id: String =
                sqlx::query_scalar("SELECT id FROM proposals WHERE status = 'submitted'")
                    .fetch_one(l.store().pool())
                    .await
                    .unwrap();
            let decision = DecisionInput {
                proposal_id: id,
                dates: vec![],
                approve: true,
                reason: None,
            };
            l.decide_proposal(&k, &decision).await.unwrap();
        }
        Work::Closure => {
            let k = kepala(o).await;
            l.close_date(&k, "2026-11-26", "Banjir di sekitar kantor")
                .await
                .unwrap();
        }
        Work::Pull => {
            let now = monday_morning();
            l.store()
                .apply_pull("jakartaselatan", &pulled(), "cursor-after-crash", now, now)
                .await
                .unwrap();
        }
    }
}

/// Copies a closed PC's folder. The database was checkpointed into its main file before closing,
/// so SQLite's side files (`-wal`, `-shm`) hold nothing; the pool removes them behind the close,
/// and one that goes while the folder is read is skipped.
fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for f in std::fs::read_dir(from).unwrap() {
        let f = f.unwrap();
        match std::fs::copy(f.path(), to.join(f.file_name())) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => panic!("copying {}: {e}", f.path().display()),
        }
    }
}

/// How a child run ended, and the calls of each kind it made on the folder's files.
struct Ran {
    finished: bool,
    calls: BTreeMap<String, u32>,
    stderr: String,
}

impl Ran {
    fn total(&self) -> u32 {
        self.calls.values().sum()
    }
}

/// The preloaded library that counts, kills at and fails the child's calls (`crash/kill_at.c`),
/// built once per run of this test binary into `root`.
fn kill_at_library(root: &Path) -> PathBuf {
    let so = root.join("kill_at.so");
    if !so.exists() {
        let source = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/crash/kill_at.c");
        let status = Command::new("cc")
            .args(["-shared", "-fPIC", "-O2", "-Wall", "-Werror", "-o"])
            .arg(&so)
            .arg(source)
            .arg("-ldl")
            .status()
            .expect("a C compiler (the test command installs build-essential)");
        assert!(status.success(), "kill_at.c does not build");
    }
    so
}

/// Runs a child in `dir` with the library preloaded; `env` says what it does to the calls
/// (`LOKET_KILL_AT`, or `LOKET_FAIL_FLAG` and `LOKET_FAIL_ERRNO`), none = count only.
fn child(root: &Path, dir: &Path, change: &str, env: &[(&str, String)]) -> Ran {
    use std::os::unix::process::ExitStatusExt;
    let counts = dir.with_extension("counts");
    let watched = format!("{}/", dir.canonicalize().unwrap().display());
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "child_change", "--nocapture", "-q"])
        .env("LOKET_CRASH_CHILD", format!("{}|{change}", dir.display()))
        .env("LD_PRELOAD", kill_at_library(root))
        .env("LOKET_KILL_DIR", watched)
        .env("LOKET_KILL_COUNT", &counts)
        .env("LOKET_KILL_LOG", dir.with_extension("calls"))
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let killed = out.status.signal() == Some(9);
    let done = dir.with_extension("done").exists();
    assert!(
        killed || !out.status.success() || done,
        "{change}: the child exited without running (is `child_change` still its name?)"
    );
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success() || killed,
        "{change} failed other than by a kill: {stderr}"
    );
    let calls = std::fs::read_to_string(&counts)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let (kind, n) = l.split_once(' ')?;
            Some((kind.to_owned(), n.parse().ok()?))
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    Ran {
        finished: out.status.success(),
        calls,
        stderr,
    }
}

/// A run to the end, untouched: its calls are the kill points of the next runs.
fn reference(root: &Path, dir: &Path, change: &str) -> Ran {
    let ran = child(root, dir, change, &[]);
    assert!(
        ran.finished,
        "{change} did not run to the end: {}",
        ran.stderr
    );
    assert!(ran.total() > 0, "{change}: no call was counted");
    ran
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pc_killed_at_any_write_or_fsync_keeps_each_change_whole_or_absent_and_the_draft() {
    let root = tempfile::tempdir().unwrap();
    // LOKET_CRASH_KEEP=1 keeps the folders and each run's calls (`*.calls`), to look into.
    let root = if std::env::var_os("LOKET_CRASH_KEEP").is_some() {
        root.keep()
    } else {
        root.path().to_owned()
    };
    let root = root.as_path();
    let base = root.join("base");
    std::fs::create_dir_all(&base).unwrap();
    prepare(&base).await;
    let before = inspect(&base, "before").await.summary;
    let signed_in = {
        let dir = root.join("sign-in");
        copy_folder(&base, &dir);
        reference(root, &dir, "sign-in");
        inspect(&dir, "sign-in").await.summary
    };
    assert_ne!(signed_in, before, "a sign-in is recorded");

    let mut report = Vec::new();
    for change in Work::ALL {
        let untouched = root.join(format!("{change:?}"));
        copy_folder(&base, &untouched);
        let ran = reference(root, &untouched, change.name());
        let after = inspect(&untouched, change.name()).await;
        assert_ne!(
            after.summary,
            signed_in,
            "{}: it changed something",
            change.name()
        );
        let (mut killed, mut whole, mut absent) = (0, 0, 0);
        for n in 1..=ran.total() {
            let dir = root.join(format!("{change:?}-{n}"));
            copy_folder(&base, &dir);
            let finished = child(
                root,
                &dir,
                change.name(),
                &[("LOKET_KILL_AT", n.to_string())],
            )
            .finished;
            let what = format!(
                "{} killed before call {n} of {}",
                change.name(),
                ran.total()
            );
            let found = inspect(&dir, &what).await;
            killed += u32::from(!finished);
            if found.summary == after.summary {
                whole += 1;
            } else if found.summary == before || found.summary == signed_in {
                absent += 1;
            } else {
                let differs: Vec<_> = found
                    .summary
                    .iter()
                    .filter(|(k, v)| after.summary.get(*k) != Some(v))
                    .collect();
                panic!("{what}: the change is half there: {differs:?}");
            }
            let saved = change == Work::WalkIn && found.walk_ins == after.walk_ins;
            assert_eq!(found.draft, !saved, "{what}: the walk-in draft");
            if std::env::var_os("LOKET_CRASH_KEEP").is_none() {
                std::fs::remove_dir_all(&dir).unwrap();
            }
        }
        assert_eq!(
            killed,
            ran.total(),
            "{}: every call is a kill point",
            change.name()
        );
        report.push(format!(
            "{}: {killed} kill points ({}); after the kill the change was whole {whole} times, absent {absent}; failures 0",
            change.name(),
            ran.calls
                .iter()
                .map(|(c, n)| format!("{c} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    for line in report {
        println!("{line}");
    }
}

/// A disk that fills up (`ENOSPC`), or a file or disk that turns read-only (`EROFS`), under a
/// walk-in being saved: every write in the folder fails from the save on. The save is refused in
/// Bahasa Indonesia, the draft stays, nothing saved before is touched, and once the disk takes
/// writes again the same walk-in saves.
#[tokio::test]
async fn a_full_or_read_only_disk_refuses_the_walk_in_clearly_and_loses_nothing() {
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    let base = root.join("base");
    std::fs::create_dir_all(&base).unwrap();
    prepare(&base).await;
    let sign_in = root.join("sign-in");
    copy_folder(&base, &sign_in);
    reference(root, &sign_in, "sign-in");
    let signed_in = inspect(&sign_in, "sign-in").await;
    for (errno, code) in [(28, "storage.disk_full"), (30, "storage.not_writable")] {
        let dir = root.join(format!("errno-{errno}"));
        copy_folder(&base, &dir);
        // Outside the watched folder: the child creates it once the officer has signed in.
        let flag = root.join(format!("disk-refuses-{errno}"));
        let fail = [
            ("LOKET_FAIL_FLAG", flag.display().to_string()),
            ("LOKET_FAIL_ERRNO", errno.to_string()),
        ];
        let ran = child(root, &dir, &format!("walk-in refused:{code}"), &fail);
        assert!(ran.finished, "errno {errno}: {}", ran.stderr);
        let found = inspect(&dir, code).await;
        assert_eq!(
            found.summary, signed_in.summary,
            "{code}: nothing half saved"
        );
        assert!(found.draft, "{code}: the draft is kept");
        // The disk has room again: the same walk-in saves, and its draft goes.
        reference(root, &dir, Work::WalkIn.name());
        let saved = inspect(&dir, code).await;
        assert_eq!(
            saved.walk_ins,
            signed_in.walk_ins + 1,
            "{code}: saved after"
        );
        assert!(!saved.draft, "{code}: the saved walk-in's draft is gone");
    }
}
