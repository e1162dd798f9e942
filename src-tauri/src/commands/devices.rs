//! Printing, saving PDFs, the camera and the counter settings: the commands that touch this PC.

use std::path::PathBuf;

use loket_app::camera::{CameraScan, CameraSource, cameras};
use loket_app::{CameraSnapshot, CameraView, CounterSettings, PdfFile, ScanKind};
use tauri::State;
use tauri_plugin_opener::OpenerExt;

use crate::error::{IpcError, IpcResult};
use crate::state::AppState;

/// What was printed: where the PDF is and whether the system viewer opened it.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Printed {
    pub path: String,
    pub opened: bool,
}

/// `kind`: `proof` (key = booking code) or `session_list` (key = `YYYY-MM-DD`).
async fn pdf(state: &AppState, kind: &str, key: &str) -> IpcResult<PdfFile> {
    let (loket, actor) = state.signed_in().await?;
    Ok(match kind {
        "proof" => loket.proof_pdf(&actor, key).await?,
        "session_list" => loket.session_list_pdf(&actor, key).await?,
        _ => {
            return Err(IpcError::new(
                "validation",
                loket_domain::text!(
                    "Jenis dokumen '{kind}' tidak dikenal.",
                    "The document kind '{kind}' is not known."
                ),
            ));
        }
    })
}

fn write(path: &std::path::Path, bytes: &[u8]) -> IpcResult<()> {
    std::fs::write(path, bytes).map_err(|e| {
        let path = path.display();
        IpcError::new(
            "io",
            loket_domain::text!(
                "PDF tidak dapat disimpan di {path}: {e}",
                "The PDF cannot be saved in {path}: {e}"
            ),
        )
    })
}

/// "Cetak": writes the PDF to the print folder and opens it in the system viewer, which prints.
#[tauri::command]
#[specta::specta]
pub async fn print_pdf<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    kind: String,
    key: String,
) -> IpcResult<Printed> {
    let file = pdf(&state, &kind, &key).await?;
    let dir = crate::printouts::folder(&state.data_dir);
    std::fs::create_dir_all(&dir).map_err(|e| {
        IpcError::new(
            "io",
            loket_domain::text!(
                "Folder cetak tidak dapat dibuat: {e}",
                "The print folder cannot be created: {e}"
            ),
        )
    })?;
    let path = dir.join(&file.file_name);
    write(&path, &file.bytes)?;
    let opened = app
        .opener()
        .open_path(path.display().to_string(), None::<&str>)
        .is_ok();
    if !opened {
        tracing::warn!("no PDF viewer opened the printout");
    }
    Ok(Printed {
        path: path.display().to_string(),
        opened,
    })
}

/// "Simpan PDF": writes it where the officer chose in the save dialog.
#[tauri::command]
#[specta::specta]
pub async fn save_pdf(
    state: State<'_, AppState>,
    kind: String,
    key: String,
    path: String,
) -> IpcResult<String> {
    let file = pdf(&state, &kind, &key).await?;
    let mut path = PathBuf::from(path);
    if path.extension().is_none() {
        path.set_extension("pdf");
    }
    write(&path, &file.bytes)?;
    Ok(path.display().to_string())
}

/// The file name a PDF will get, for the save dialog's suggestion.
#[tauri::command]
#[specta::specta]
pub async fn pdf_file_name(
    state: State<'_, AppState>,
    kind: String,
    key: String,
) -> IpcResult<String> {
    Ok(pdf(&state, &kind, &key).await?.file_name)
}

#[tauri::command]
#[specta::specta]
pub async fn list_cameras(state: State<'_, AppState>) -> IpcResult<Vec<CameraView>> {
    let (loket, actor) = state.signed_in().await?;
    loket.may_use_camera(&actor)?;
    Ok(tokio::task::spawn_blocking(cameras)
        .await
        .map_err(IpcError::internal)??)
}

/// Opens the chosen camera (or the image files standing in for it) and starts reading QR codes
/// (`qr`) or a passport's machine-readable zone (`passport`).
#[tauri::command]
#[specta::specta]
pub async fn start_camera(state: State<'_, AppState>, kind: ScanKind) -> IpcResult<CameraSnapshot> {
    let (loket, actor) = state.signed_in().await?;
    loket.may_use_camera(&actor)?;
    let index = loket.counter_settings(&actor).await?.camera_index;
    let mode = loket.scan_mode(&actor, kind).await?;
    let source = match &state.camera_files {
        Some(files) => CameraSource::Files(files.clone()),
        None => CameraSource::Webcam(index.unwrap_or(0)),
    };
    state.set_camera(None); // release the previous one first: a webcam opens only once
    let scan = tokio::task::spawn_blocking(move || CameraScan::start(&source, mode))
        .await
        .map_err(IpcError::internal)??;
    let snapshot = scan.snapshot();
    state.set_camera(Some(scan));
    Ok(snapshot)
}

#[tauri::command]
#[specta::specta]
pub async fn camera_snapshot(state: State<'_, AppState>) -> IpcResult<Option<CameraSnapshot>> {
    // A frame and the last read show a passport's name, number and birth date.
    let (loket, actor) = state.signed_in().await?;
    loket.may_use_camera(&actor)?;
    Ok(state.camera_snapshot())
}

#[tauri::command]
#[specta::specta]
pub async fn stop_camera(state: State<'_, AppState>) -> IpcResult<()> {
    state.signed_in().await?;
    state.set_camera(None);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn counter_settings(state: State<'_, AppState>) -> IpcResult<CounterSettings> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.counter_settings(&actor).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_camera(state: State<'_, AppState>, index: Option<u32>) -> IpcResult<()> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.set_camera(&actor, index).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_no_show_grace(state: State<'_, AppState>, minutes: u32) -> IpcResult<()> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.set_no_show_grace(&actor, minutes).await?)
}
