//! Backups and their restore (the admin's settings screen).

use loket_app::{BackupCheck, BackupsView};
use tauri::State;

use crate::error::{IpcError, IpcResult};
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn backups(state: State<'_, AppState>) -> IpcResult<BackupsView> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.backups(&actor).await?)
}

/// `None` (or an empty text) sends backups back to the data folder's `cadangan`.
#[tauri::command]
#[specta::specta]
pub async fn set_backup_folder(
    state: State<'_, AppState>,
    folder: Option<String>,
) -> IpcResult<BackupsView> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.set_backup_folder(&actor, folder).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn back_up_now(state: State<'_, AppState>) -> IpcResult<BackupsView> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.back_up_now(&actor).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn check_backup(state: State<'_, AppState>, name: String) -> IpcResult<BackupCheck> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.check_backup(&actor, &name).await?)
}

/// Confirms the restore of a backup that checks out; the next start swaps it in.
#[tauri::command]
#[specta::specta]
pub async fn restore_backup(state: State<'_, AppState>, name: String) -> IpcResult<BackupCheck> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.restore_backup(&actor, &name).await?)
}

/// Restarts Loket to finish a confirmed restore. Refused when none is waiting, so the button
/// cannot be used to throw counters out of their work.
#[tauri::command]
#[specta::specta]
pub async fn restart_for_restore<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> IpcResult<()> {
    let (loket, actor) = state.signed_in().await?;
    if !loket.restore_waiting(&actor)? {
        return Err(IpcError::new(
            "validation",
            loket_domain::Text::new(
                "Tidak ada pemulihan cadangan yang menunggu; Loket tidak dimulai ulang.",
                "No backup restore is waiting; Loket was not restarted.",
            ),
        ));
    }
    tracing::warn!("restarting to finish a restore");
    loket.store().close().await;
    app.restart()
}
