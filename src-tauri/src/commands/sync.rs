//! The central service: connecting this PC to it, and the link's state for the header.

use loket_app::{AttentionItem, EnrolRequest, LinkState, SyncStatus};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

/// The header's view of the sync: what waits, what was refused, and whether the central answers.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncView {
    pub status: SyncStatus,
    pub link: LinkState,
    /// The walk-in seats this PC holds (enrolled PCs only).
    pub seats: Vec<loket_app::SeatView>,
}

async fn view(state: &AppState) -> IpcResult<SyncView> {
    let (loket, _) = state.signed_in().await?;
    Ok(SyncView {
        status: loket.sync_status().await?,
        link: state.sync.state(),
        seats: loket.held_seats().await?,
    })
}

#[tauri::command]
#[specta::specta]
pub async fn sync_view(state: State<'_, AppState>) -> IpcResult<SyncView> {
    view(&state).await
}

/// Connects this PC to the central with the one-time code (the admin).
#[tauri::command]
#[specta::specta]
pub async fn enrol_central(
    state: State<'_, AppState>,
    request: EnrolRequest,
) -> IpcResult<SyncView> {
    let (loket, actor) = state.signed_in().await?;
    loket.enrol(&actor, &request).await?;
    state.sync.wake();
    view(&state).await
}

/// Pushes now instead of at the next tick.
#[tauri::command]
#[specta::specta]
pub async fn sync_now(state: State<'_, AppState>) -> IpcResult<SyncView> {
    state.sync.wake();
    view(&state).await
}

/// "Perlu perhatian": what the central refused or applied with a conflict, on any PC of the
/// office, not yet marked read.
#[tauri::command]
#[specta::specta]
pub async fn attention_list(state: State<'_, AppState>) -> IpcResult<Vec<AttentionItem>> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.attention(&actor).await?)
}

/// Marks an item read on this PC and, once pushed, on every PC of the office.
#[tauri::command]
#[specta::specta]
pub async fn acknowledge_attention(
    state: State<'_, AppState>,
    key: String,
) -> IpcResult<Vec<AttentionItem>> {
    let (loket, actor) = state.signed_in().await?;
    loket.acknowledge_attention(&actor, &key).await?;
    Ok(loket.attention(&actor).await?)
}
