use loket_app::AuditEntry;
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn audit_log(state: State<'_, AppState>, limit: u32) -> IpcResult<Vec<AuditEntry>> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.audit_log(&actor, limit).await?)
}
