use loket_app::{AuditEntry, ChainCheck};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn audit_log(state: State<'_, AppState>, limit: u32) -> IpcResult<Vec<AuditEntry>> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.audit_log(&actor, limit).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn verify_audit_chain(state: State<'_, AppState>) -> IpcResult<ChainCheck> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.verify_audit_chain(&actor).await?)
}
