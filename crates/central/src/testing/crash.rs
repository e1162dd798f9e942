//! A PostgreSQL cluster of one test's own, with `fsync` on, that the test crashes
//! (`pg_ctl -m immediate`: no checkpoint, no clean shutdown, as a power cut leaves it) and
//! starts again, so the central's crash recovery is what the test exercises.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::postgres::PgPoolOptions;

use super::{as_pg, free_port, init_cluster, is_root, pg_bin};
use crate::{Central, CentralKey, ManualClock};

#[derive(Debug)]
pub struct CrashableCluster {
    dir: tempfile::TempDir,
    data: PathBuf,
    port: u16,
    /// `postgres://loket@127.0.0.1:<port>`; add `/<database>`.
    pub url: String,
    /// Stops the cluster when the test process ends, however it ends.
    _guard: Child,
}

impl CrashableCluster {
    pub fn start() -> Self {
        let bin = pg_bin();
        let (dir, data) = init_cluster("loket-crash-pg", true);
        let port = free_port();
        let prefix = if is_root() {
            "runuser -u postgres -- "
        } else {
            ""
        };
        let guard = Command::new("sh")
            .args([
                "-c",
                &format!(
                    "cat >/dev/null; {prefix}{} -D {} -m immediate stop",
                    bin.join("pg_ctl").display(),
                    data.display()
                ),
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let cluster = Self {
            url: format!("postgres://loket@127.0.0.1:{port}"),
            dir,
            data,
            port,
            _guard: guard,
        };
        cluster.restart();
        cluster
    }

    fn pg_ctl(&self, args: &[&str]) -> bool {
        let data = self.data.display().to_string();
        let mut all = vec!["-D", &data];
        all.extend_from_slice(args);
        as_pg(&pg_bin().join("pg_ctl").display().to_string(), &all)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap()
            .success()
    }

    /// Starts the server (after [`Self::crash`]: it recovers from its WAL first).
    pub fn restart(&self) {
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c max_connections=100",
            self.port,
            self.dir.path().display()
        );
        let log = self.dir.path().join("log").display().to_string();
        assert!(
            self.pg_ctl(&["-l", &log, "-o", &opts, "-w", "-t", "60", "start"]),
            "PostgreSQL did not start"
        );
    }

    /// Stops the server at once, as a power cut would.
    pub fn crash(&self) {
        assert!(
            self.pg_ctl(&["-m", "immediate", "-w", "stop"]),
            "pg_ctl stop failed"
        );
    }

    fn client(&self, program: &str, args: &[&str]) {
        let port = self.port.to_string();
        let mut all = vec!["-h", "127.0.0.1", "-p", &port, "-U", "loket"];
        all.extend_from_slice(args);
        let out = Command::new(pg_bin().join(program))
            .args(&all)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{program} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// A backup of the central's database, as an admin takes one each night (`pg_dump`).
    pub fn backup(&self) -> PathBuf {
        let file = self
            .dir
            .path()
            .join(format!("backup-{}.dump", uuid::Uuid::now_v7().simple()));
        self.client(
            "pg_dump",
            &["-Fc", "-f", &file.display().to_string(), "loket"],
        );
        file
    }

    /// Replaces the central's database with `backup` (everything written since is gone), as an
    /// admin does after losing the server's disk.
    pub fn restore(&self, backup: &std::path::Path) {
        self.client(
            "psql",
            &[
                "-q",
                "-d",
                "postgres",
                "-c",
                "DROP DATABASE loket WITH (FORCE)",
                "-c",
                "CREATE DATABASE loket",
            ],
        );
        self.client(
            "pg_restore",
            &["-d", "loket", &backup.display().to_string()],
        );
    }

    /// A migrated database with the offices and holidays imported, and a central over it.
    pub async fn central(&self, now: DateTime<Utc>) -> (Central, Arc<ManualClock>) {
        let admin = PgPoolOptions::new()
            .max_connections(1)
            .connect(&format!("{}/postgres", self.url))
            .await
            .unwrap();
        sqlx::query("CREATE DATABASE loket")
            .execute(&admin)
            .await
            .unwrap();
        admin.close().await;
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(Duration::from_secs(5))
            .connect(&format!("{}/loket", self.url))
            .await
            .unwrap();
        crate::db::migrate(&pool).await.unwrap();
        let clock = Arc::new(ManualClock::at(now));
        let central = Central::new(pool, CentralKey::demo(), clock.clone()).unwrap();
        crate::seed::import(&central).await.unwrap();
        (central, clock)
    }
}
