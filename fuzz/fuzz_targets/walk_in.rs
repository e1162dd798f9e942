//! The walk-in form exactly as the window sends it (the JSON of `create_walk_in`), judged and,
//! when the judgement says it is ready, saved, on a demo office's database. Any bytes are refused
//! by serde or by a sentence about the form; a form judged ready saves (or is refused for a reason
//! an officer can act on, such as the session filling up). Never a panic, and never an internal
//! error: that would be a bug, not a wrong input.
#![no_main]

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use loket_app::{Actor, AppError, FixedClock, LoginRequest, Loket, MemoryKeyVault, WalkInRequest};

struct Counter {
    runtime: tokio::runtime::Runtime,
    loket: Loket,
    petugas: Actor,
    _dir: tempfile::TempDir,
}

static COUNTER: OnceLock<Counter> = OnceLock::new();

fn counter() -> &'static Counter {
    COUNTER.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        // In memory where the machine has it: every save is a committed transaction.
        let dir = tempfile::Builder::new()
            .prefix("loket-fuzz-")
            .tempdir_in(if std::path::Path::new("/dev/shm").is_dir() {
                "/dev/shm"
            } else {
                "/tmp"
            })
            .expect("temp dir");
        let (loket, petugas) = runtime.block_on(async {
            let store = loket_store::Store::open(&dir.path().join("loket.db"))
                .await
                .expect("store");
            let clock = Arc::new(FixedClock::new(
                chrono::DateTime::parse_from_rfc3339("2026-11-23T03:00:00Z")
                    .expect("instant")
                    .to_utc(),
            ));
            let loket = Loket::new(store, clock, Arc::new(MemoryKeyVault::default()))
                .expect("loket")
                .with_seat_wait(std::time::Duration::ZERO);
            loket
                .seed_demo(
                    loket_app::demo::DEMO_SEED,
                    &loket_domain::CounterCode::first(),
                )
                .await
                .expect("demo office");
            let (petugas, _) = loket
                .login(&LoginRequest {
                    username: "petugas".into(),
                    password: "demo-petugas-123".into(),
                })
                .await
                .expect("sign-in");
            (loket, petugas)
        });
        Counter {
            runtime,
            loket,
            petugas,
            _dir: dir,
        }
    })
}

fn acceptable(e: &AppError) {
    assert!(
        !matches!(e, AppError::Internal(_) | AppError::Storage(_)),
        "an input made the app fail inside: {e:?}"
    );
    assert!(!e.to_string().is_empty());
}

fuzz_target!(|data: &[u8]| {
    let Ok(req) = serde_json::from_slice::<WalkInRequest>(data) else {
        return;
    };
    let c = counter();
    c.runtime.block_on(async {
        match c.loket.check_walk_in(&c.petugas, &req).await {
            Err(e) => acceptable(&e),
            Ok(check) if check.ready => {
                if let Err(e) = c.loket.create_walk_in(&c.petugas, &req).await {
                    acceptable(&e);
                }
            }
            Ok(_) => {}
        }
    });
});
