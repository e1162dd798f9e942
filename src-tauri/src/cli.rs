//! `loket --verify-audit [--data-dir DIR]`: checks the audit chain without opening a window, for
//! an admin or an auditor at a terminal. Exit status 0 = intact, 1 = broken, 2 = could not check.

use std::path::PathBuf;

/// Runs the check if it was asked for; `None` means start the app as usual.
pub fn run_if_requested() -> Option<i32> {
    let args: Vec<String> = std::env::args().collect();
    if !args.iter().any(|a| a == "--verify-audit") {
        return None;
    }
    let dir = args
        .iter()
        .position(|a| a == "--data-dir")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("LOKET_DATA_DIR").map(PathBuf::from));
    let Some(dir) = dir else {
        eprintln!("Sebutkan folder data: loket --verify-audit --data-dir <folder>");
        return Some(2);
    };
    let db = dir.join("loket.db");
    if !db.exists() {
        eprintln!("Basis data {} tidak ditemukan.", db.display());
        return Some(2);
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("Tidak dapat memulai: {e}");
            return Some(2);
        }
    };
    // A plain file (from before encryption) is checked as it is, not converted by a check.
    let key = if loket_store::is_plain(&db).unwrap_or(false) {
        None
    } else {
        match loket_app::database_key(&loket_app::OsKeyVault::new("loket"), &db) {
            Ok(k) => Some(k),
            Err(e) => {
                eprintln!("{e}");
                return Some(2);
            }
        }
    };
    runtime.block_on(async {
        match loket_store::Store::open_with(&db, key.as_ref()).await {
            Err(e) => {
                eprintln!("{e}");
                Some(2)
            }
            Ok(store) => match loket_app::Loket::new(
                store,
                std::sync::Arc::new(loket_app::SystemClock),
                std::sync::Arc::new(loket_app::OsKeyVault::new("loket")),
            ) {
                Err(e) => {
                    eprintln!("{e}");
                    Some(2)
                }
                Ok(loket) => match loket.chain_check().await {
                    Err(e) => {
                        eprintln!("{e}");
                        Some(2)
                    }
                    Ok(check) => {
                        #[allow(clippy::print_stdout)] // this mode's whole output is its report
                        {
                            println!("{}", check.message);
                        }
                        Some(if check.intact { 0 } else { 1 })
                    }
                },
            },
        }
    })
}
