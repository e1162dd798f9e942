//! Configuration by flags, each with an environment variable, so the same binary runs from
//! `scripts/central.sh`, a test or a service manager.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "loket-central",
    version,
    about = "Layanan pusat Loket (referensi)"
)]
pub struct Cli {
    /// PostgreSQL, e.g. postgres://loket@127.0.0.1:55432/loket
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Runs the service (migrates first).
    Serve(ServeArgs),
    /// Applies the migrations and exits.
    Migrate,
    /// Imports the offices and the national holidays 2025–2027 (idempotent).
    Import,
    /// Seeds the demo: released quota for Jakarta Selatan and a few WITA and WIT offices, with
    /// online bookings (idempotent; the desktop's demo office is the same Jakarta Selatan).
    SeedDemo(SeedArgs),
    /// Issues a one-time code that enrols a counter PC of an office (printed once).
    EnrolCode(EnrolCodeArgs),
    /// Adds a holiday or cuti bersama from a new decree.
    AddHoliday(HolidayArgs),
}

#[derive(Debug, Args)]
pub struct EnrolCodeArgs {
    /// Office slug, e.g. jakartaselatan.
    #[arg(long)]
    pub office: String,
    /// The counter the PC will be (A, B, …).
    #[arg(long)]
    pub counter: String,
    /// Hours the code stays valid.
    #[arg(long, default_value_t = 24)]
    pub hours: i64,
}

#[derive(Debug, Args)]
pub struct HolidayArgs {
    #[arg(long)]
    pub date: chrono::NaiveDate,
    /// libur_nasional or cuti_bersama.
    #[arg(long)]
    pub kind: String,
    #[arg(long)]
    pub name: String,
    /// The decree (SKB) that sets it.
    #[arg(long, default_value = "")]
    pub decree: String,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[arg(long, env = "LOKET_CENTRAL_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// File with the service's Ed25519 signing key (64 hex digits); created when missing.
    #[arg(long, env = "LOKET_CENTRAL_KEY", conflicts_with = "demo_key")]
    pub signing_key: Option<PathBuf>,
    /// Signs with the demo key demo PCs trust (never for a real office).
    #[arg(long)]
    pub demo_key: bool,
    /// Most connections to PostgreSQL at once; requests beyond wait at most `acquire_ms`.
    #[arg(long, env = "LOKET_CENTRAL_DB_CONNECTIONS", default_value_t = 16)]
    pub db_connections: u32,
    #[arg(long, env = "LOKET_CENTRAL_ACQUIRE_MS", default_value_t = 2000)]
    pub acquire_ms: u64,
    /// Puts bookings behind a waiting room admitting this many citizens a second (0: none).
    #[arg(long, env = "LOKET_CENTRAL_ADMISSION_RATE", default_value_t = 0.0)]
    pub admission_rate: f64,
    /// Citizens admitted at once when the room opens.
    #[arg(long, env = "LOKET_CENTRAL_ADMISSION_BURST", default_value_t = 100)]
    pub admission_burst: u64,
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// The first date with quota (office-local); default: the next Monday.
    #[arg(long)]
    pub from: Option<chrono::NaiveDate>,
    /// How many days of quota from `from`.
    #[arg(long, default_value_t = 28)]
    pub days: u32,
}
