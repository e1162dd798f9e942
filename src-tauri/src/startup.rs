use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use loket_app::{Clock, Loket, OffsetClock, SystemClock};
use loket_store::Store;
use tauri::Manager;

use crate::error::IpcError;
use crate::state::AppState;

/// A data folder chosen at launch: `--data-dir <path>` or `LOKET_DATA_DIR` (tests give every run
/// its own folder). Without one, the platform's app data folder is used.
fn chosen_data_dir() -> Option<PathBuf> {
    arg_value("--data-dir")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("LOKET_DATA_DIR").map(PathBuf::from))
}

/// The value after `--name` on the command line.
fn arg_value(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// `--clock 2026-11-23T03:00:00Z` starts the app's clock at that instant (it then runs normally), so
/// a demonstration or an end-to-end test sees the same weekday every time. Only a debug build or a
/// demo PC accepts it: on a real counter PC, recorded times cannot be shifted by a launch flag.
fn clock(allowed: bool) -> Result<Arc<dyn Clock>, IpcError> {
    match arg_value("--clock") {
        None => Ok(Arc::new(SystemClock)),
        Some(_) if !allowed => Err(IpcError::new(
            "validation",
            loket_domain::text!(
                "--clock hanya dapat dipakai pada PC demo atau build pengembangan; PC loket selalu memakai jam sistem.",
                "--clock works on a demo PC or a development build only; a counter PC always uses the system clock."
            ),
        )),
        Some(text) => DateTime::parse_from_rfc3339(&text)
            .map(|t| Arc::new(OffsetClock::starting_at(t.with_timezone(&Utc))) as Arc<dyn Clock>)
            .map_err(|_| {
                IpcError::new(
                    "validation",
                    loket_domain::text!(
                        "Nilai --clock '{text}' bukan waktu RFC 3339.",
                        "The --clock value '{text}' is not an RFC 3339 time."
                    ),
                )
            }),
    }
}

/// `LOKET_CAMERA_FILES=a.png:b.png`: image files played as the webcam (PCs without a camera, tests).
fn camera_files() -> Option<Vec<PathBuf>> {
    let v = std::env::var_os("LOKET_CAMERA_FILES")?;
    let files: Vec<PathBuf> = std::env::split_paths(&v).collect();
    (!files.is_empty()).then_some(files)
}

/// `--demo` or `LOKET_DEMO=1`: a PC that is not set up yet becomes the demo office.
fn demo_requested() -> bool {
    std::env::args().any(|a| a == "--demo") || std::env::var("LOKET_DEMO").is_ok_and(|v| v == "1")
}

/// `--counter B` or `LOKET_COUNTER=B`: which counter a new demo PC is (A by default), so two demo
/// PCs of the same office can run side by side.
fn demo_counter() -> Result<loket_domain::CounterCode, IpcError> {
    match arg_value("--counter").or_else(|| std::env::var("LOKET_COUNTER").ok()) {
        None => Ok(loket_domain::CounterCode::first()),
        Some(c) => loket_domain::CounterCode::parse(&c).map_err(|e| IpcError::new("validation", e)),
    }
}

pub fn start(app: &mut tauri::App) -> Result<(), Box<dyn std::error::Error>> {
    let chosen = chosen_data_dir();
    let data = match &chosen {
        Some(dir) => dir.clone(),
        None => app.path().app_data_dir()?,
    };
    std::fs::create_dir_all(&data)?;
    let log_dir = match chosen {
        Some(_) => data.join("logs"),
        None => app.path().app_log_dir()?,
    };
    let guard = crate::logging::init(&log_dir)?;
    app.manage(guard);
    tracing::info!(data = %data.display(), version = env!("CARGO_PKG_VERSION"), "Loket starting");

    // Printouts of an earlier run carry applicants' data and are not needed any more.
    crate::printouts::purge(&crate::printouts::folder(&data), std::time::Duration::ZERO);
    tauri::async_runtime::spawn(crate::printouts::run(crate::printouts::folder(&data)));
    let loket = tauri::async_runtime::block_on(open(data.join("loket.db")));
    if let Err(e) = &loket {
        tracing::error!(error = %e.message, "database not available");
    }
    let sync = loket_app::SyncWorker::default();
    if let Ok(l) = &loket {
        // Settles no-shows at start-up and every minute after.
        tauri::async_runtime::spawn(
            l.clone()
                .run_no_show_worker(std::time::Duration::from_secs(60)),
        );
        // The day's backup at the first start of the day, and hourly checks for a PC left
        // running overnight.
        tauri::async_runtime::spawn(
            l.clone()
                .run_backup_worker(std::time::Duration::from_secs(3600)),
        );
        // Pushes the outbox to the central once this PC is enrolled (a demo PC stays alone
        // unless its admin connects it to the demo central).
        tauri::async_runtime::spawn(sync.clone().run(l.clone()));
    }
    app.manage(AppState {
        loket,
        sync,
        actor: Mutex::new(None),
        screen_locked: Default::default(),
        data_dir: data,
        camera_files: camera_files(),
        camera: Mutex::new(None),
    });
    Ok(())
}

/// Written next to the database once this PC is set up. If the marker is there and the database is
/// not, the file was lost: the app says so instead of quietly starting a new, empty office.
const MARKER: &str = "perangkat.txt";

async fn open(path: PathBuf) -> Result<Loket, IpcError> {
    let marker = path.with_file_name(MARKER);
    if marker.exists() && !path.exists() {
        let office = std::fs::read_to_string(&marker).unwrap_or_default();
        return Err(IpcError::new("storage", {
            let (file, office) = (path.display(), office.trim());
            loket_domain::text!(
                "File basis data {file} tidak ditemukan, padahal PC ini sudah terdaftar ({office}). Pulihkan \
                     file dari cadangan (folder cadangan di sebelahnya, atau loket.db.*.bak) atau hubungi admin. Loket \
                     tidak membuat basis data kosong baru agar tidak ada data yang tertimpa.",
                "The database file {file} is missing, yet this PC is registered ({office}). Restore \
                     the file from a backup (the cadangan folder beside it, or loket.db.*.bak) or ask the admin. Loket \
                     does not create a new empty database, so that nothing is overwritten."
            )
        }));
    }
    let vault = std::sync::Arc::new(loket_app::OsKeyVault::new("loket"));
    // The database is encrypted with a key kept in the OS key store; without one Loket stops here,
    // before any file is created.
    let key = loket_app::database_key(vault.as_ref(), &path).map_err(IpcError::from)?;
    let store = Store::open_with(&path, Some(&key))
        .await
        .map_err(|e| IpcError::from(loket_app::AppError::from(e)))?;
    let demo = demo_requested()
        || store
            .device()
            .await
            .map_err(|e| IpcError::new("storage", e))?
            .demo;
    let loket =
        Loket::new(store, clock(cfg!(debug_assertions) || demo)?, vault).map_err(IpcError::from)?;
    if demo_requested() {
        loket
            .seed_demo(loket_app::demo::DEMO_SEED, &demo_counter()?)
            .await
            .map_err(IpcError::from)?;
    }
    loket
        .adopt_unsigned_chain_head()
        .await
        .map_err(IpcError::from)?;
    loket
        .start_epoch_if_restored()
        .await
        .map_err(IpcError::from)?;
    loket.finish_encryption().await.map_err(IpcError::from)?;
    if let Ok(office) = loket.office().await {
        let note = format!("kantor {} ({})\n", office.slug.as_str(), office.name);
        if let Err(e) = std::fs::write(&marker, note) {
            tracing::warn!(error = %e, "could not write the device marker");
        }
    }
    Ok(loket)
}
