//! The Tauri shell: window, state, logging and the IPC commands. Everything the app *does* lives in
//! `loket-app`; the commands here only translate between IPC and the use cases.

mod bindings;
mod cli;
mod commands;
mod error;
mod logging;
mod printouts;
mod startup;
mod state;

pub use bindings::{specta_builder, typescript};
pub use error::IpcError;

pub fn run() {
    if let Some(status) = cli::run_if_requested() {
        std::process::exit(status);
    }
    let builder = specta_builder();
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            startup::start(app)?;
            Ok(())
        })
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|_, _| {}),
        Err(e) => {
            // Nothing is on screen yet to show this in; the log and stderr are all there is.
            tracing::error!(error = %e, "the window could not be created");
            eprintln!("Loket tidak dapat dijalankan: {e}");
            std::process::exit(1);
        }
    }
}
