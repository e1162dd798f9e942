//! The TypeScript bindings committed in ui/ must be exactly what the Rust commands generate, so the
//! UI cannot call a command with the wrong arguments or read a field that is not there.
//! Regenerate with `UPDATE_BINDINGS=1 cargo test -p loket --test bindings`.

use std::path::Path;

#[test]
fn committed_typescript_bindings_match_the_rust_commands() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/ipc/bindings.ts");
    let fresh = std::env::temp_dir().join(format!("loket-bindings-{}.ts", std::process::id()));
    loket_lib::specta_builder()
        .export(loket_lib::typescript(), &fresh)
        .expect("bindings export");
    let generated = std::fs::read_to_string(&fresh).unwrap();
    let _ = std::fs::remove_file(&fresh);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&committed, &generated).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        on_disk == generated,
        "ui/src/lib/ipc/bindings.ts is out of date with the Rust commands; run \
         UPDATE_BINDINGS=1 cargo test -p loket --test bindings and commit the result"
    );
}
