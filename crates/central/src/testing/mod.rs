//! A real PostgreSQL for tests: one private cluster per test process (Debian's PostgreSQL 15,
//! started from a temporary folder, as the `postgres` user when run as root), and a fresh
//! database per test, migrated and with the offices and holidays imported. Used by this crate's
//! tests and by the browser tests in `tests/` (feature `testing`); and a fault proxy for the
//! sync's tests ([`FaultProxy`]).
//!
//! `LOKET_TEST_PG=postgres://user@host:port` uses a running server instead. Otherwise the cluster
//! is started here and stops when the test process ends: the server runs under a shell that waits
//! on this process's pipe and stops the server when the pipe closes, so no server outlives its
//! tests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use crate::{Central, CentralKey, ManualClock};

mod crash;
mod fault;
mod gate;

pub use crash::CrashableCluster;
pub use fault::{Fault, FaultProxy};
pub use gate::Gate;

struct Cluster {
    url: String,
    _dir: Option<tempfile::TempDir>,
    _server: Option<Child>,
}

static CLUSTER: OnceLock<Cluster> = OnceLock::new();

fn pg_bin() -> PathBuf {
    if let Ok(dir) = std::env::var("PG_BIN") {
        return PathBuf::from(dir);
    }
    for v in ["15", "16", "17"] {
        let p = PathBuf::from(format!("/usr/lib/postgresql/{v}/bin"));
        if p.join("postgres").exists() {
            return p;
        }
    }
    panic!("PostgreSQL 15 is needed (apt install postgresql-15), or set LOKET_TEST_PG")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// `cmd args…`, as the `postgres` user when this process is root (initdb refuses root).
fn as_pg(program: &str, args: &[&str]) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--", program]).args(args);
        c
    } else {
        let mut c = Command::new(program);
        c.args(args);
        c
    }
}

/// A new cluster's folder, owned by the user the server runs as, with `initdb` done in `data`
/// (`--no-sync` when the test does not crash it: faster, and nothing to recover).
fn init_cluster(prefix: &str, durable: bool) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new().prefix(prefix).tempdir().unwrap();
    if is_root() {
        let ok = Command::new("chown")
            .args(["-R", "postgres:", &dir.path().display().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "chown to postgres failed");
    }
    let data = dir.path().join("data");
    let data_arg = data.display().to_string();
    let mut args = vec!["-D", data_arg.as_str(), "-A", "trust", "-U", "loket"];
    if !durable {
        args.push("--no-sync");
    }
    let initdb = as_pg(&pg_bin().join("initdb").display().to_string(), &args)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(initdb.success(), "initdb failed");
    (dir, data)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

fn start() -> Cluster {
    if let Ok(url) = std::env::var("LOKET_TEST_PG") {
        return Cluster {
            url,
            _dir: None,
            _server: None,
        };
    }
    let bin = pg_bin();
    let (dir, data) = init_cluster("loket-central-pg", false);
    let port = free_port();
    let postgres = format!(
        "{} -D {} -p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300",
        bin.join("postgres").display(),
        data.display(),
        dir.path().display()
    );
    let prefix = if is_root() {
        "runuser -u postgres -- "
    } else {
        ""
    };
    // The server stops when this process's end of the pipe closes (the test binary exits).
    let script = format!(
        "{prefix}{postgres} >{log} 2>&1 & cat >/dev/null; {prefix}{pg_ctl} -D {data} -m fast stop",
        log = dir.path().join("log").display(),
        pg_ctl = bin.join("pg_ctl").display(),
        data = data.display(),
    );
    let server = Command::new("sh")
        .args(["-c", &script])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "PostgreSQL did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Cluster {
        url: format!("postgres://loket@127.0.0.1:{port}"),
        _dir: Some(dir),
        _server: Some(server),
    }
}

/// A migrated database of its own, with the offices and holidays imported, and a service over it
/// whose clock stands at `now`.
pub async fn central_at(now: DateTime<Utc>) -> (Central, Arc<ManualClock>) {
    let cluster = CLUSTER.get_or_init(start);
    let admin = PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(Duration::from_secs(30))
        .connect(&format!("{}/postgres", cluster.url))
        .await
        .unwrap();
    let name = format!("t_{}", uuid::Uuid::now_v7().simple());
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    let pool: PgPool = PgPoolOptions::new()
        .max_connections(20)
        .acquire_timeout(Duration::from_secs(30))
        .connect(&format!("{}/{name}", cluster.url))
        .await
        .unwrap();
    crate::db::migrate(&pool).await.unwrap();
    let clock = Arc::new(ManualClock::at(now));
    let central = Central::new(pool, CentralKey::demo(), clock.clone()).unwrap();
    crate::seed::import(&central).await.unwrap();
    (central, clock)
}

/// The service on an ephemeral port; returns its base URL.
pub async fn serve(central: &Central) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let central = central.clone();
    tokio::spawn(async move {
        let _ = axum::serve(listener, crate::api::router(central)).await;
    });
    format!("http://{addr}")
}

/// The service on `port` of the loopback, until the process ends (a central run as a child
/// process, for a test to kill and start again on the same address).
pub async fn serve_on(central: &Central, port: u16) {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap();
    let _ = axum::serve(listener, crate::api::router(central.clone())).await;
}
