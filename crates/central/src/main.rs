//! `loket-central serve | migrate | import | seed-demo`.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use loket_central::config::{Cli, Command};
use loket_central::{Central, CentralKey, SystemClock, api, db, logging, seed};

#[tokio::main]
async fn main() -> ExitCode {
    logging::init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "loket-central stopped");
            ExitCode::FAILURE
        }
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

async fn run(cli: Cli) -> Result<(), BoxError> {
    let url = cli
        .database_url
        .ok_or("DATABASE_URL (atau --database-url) wajib diisi")?;
    match cli.command {
        Command::Migrate => {
            let pool = db::connect(&url, 2, Duration::from_secs(10)).await?;
            db::migrate(&pool).await?;
        }
        Command::Import => {
            let pool = db::connect(&url, 2, Duration::from_secs(10)).await?;
            db::migrate(&pool).await?;
            let central = Central::new(pool, CentralKey::demo(), Arc::new(SystemClock))?;
            seed::import(&central).await?;
        }
        Command::SeedDemo(args) => {
            let pool = db::connect(&url, 2, Duration::from_secs(10)).await?;
            db::migrate(&pool).await?;
            let central = Central::new(pool, CentralKey::demo(), Arc::new(SystemClock))?;
            seed::import(&central).await?;
            let summary = seed::demo(&central, args.from, args.days).await?;
            tracing::info!(?summary, "demo seeded");
        }
        Command::EnrolCode(args) => {
            let pool = db::connect(&url, 2, Duration::from_secs(10)).await?;
            db::migrate(&pool).await?;
            let central = Central::new(pool, CentralKey::demo(), Arc::new(SystemClock))?;
            seed::import(&central).await?;
            let code = loket_central::devices::issue_code(
                &central,
                &args.office,
                &args.counter,
                chrono::Duration::hours(args.hours),
            )
            .await?;
            // The one place the code is shown: to the admin who asked for it.
            #[allow(clippy::print_stdout)]
            {
                println!("{code}");
            }
        }
        Command::AddHoliday(args) => {
            let pool = db::connect(&url, 2, Duration::from_secs(10)).await?;
            db::migrate(&pool).await?;
            let central = Central::new(pool, CentralKey::demo(), Arc::new(SystemClock))?;
            let kind = loket_domain::HolidayKind::try_from(args.kind.as_str())?;
            let holiday = loket_domain::Holiday::parse(args.date, kind, &args.name, &args.decree)?;
            seed::add_holiday(&central, &holiday).await?;
            tracing::info!(date = %holiday.date, "holiday added");
        }
        Command::Serve(args) => {
            let pool = db::connect(
                &url,
                args.db_connections,
                Duration::from_millis(args.acquire_ms),
            )
            .await?;
            db::migrate(&pool).await?;
            let key = match (&args.signing_key, args.demo_key) {
                (_, true) => CentralKey::demo(),
                (Some(path), false) => CentralKey::load_or_create(path)?,
                (None, false) => {
                    return Err("--signing-key (LOKET_CENTRAL_KEY) atau --demo-key wajib".into());
                }
            };
            let mut central = Central::new(pool, key, Arc::new(SystemClock))?;
            if args.admission_rate > 0.0 {
                central = central.with_waiting_room(args.admission_rate, args.admission_burst);
            }
            seed::import(&central).await?;
            let listener = tokio::net::TcpListener::bind(args.listen).await?;
            tracing::info!(listen = %listener.local_addr()?, key = %central.key.key_id, "loket-central serving");
            api::serve(listener, central, shutdown_signal()).await?;
            tracing::info!("loket-central stopped cleanly");
        }
    }
    Ok(())
}

/// Ctrl-C or SIGTERM: stop accepting, finish the requests in flight, close the pool.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
