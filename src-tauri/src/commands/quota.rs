use loket_app::{
    AffectedBookingView, ClosureResult, DecisionInput, HolidayInput, ProposalInput,
    ProposalSummary, ProposalView, ReleaseSettings,
};
use tauri::{Manager, State};

use crate::error::{IpcError, IpcResult};
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_proposals(state: State<'_, AppState>) -> IpcResult<Vec<ProposalSummary>> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.list_proposals(&actor).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn propose_quota(
    state: State<'_, AppState>,
    input: ProposalInput,
) -> IpcResult<ProposalView> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.propose_quota(&actor, &input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn submit_proposal(
    state: State<'_, AppState>,
    proposal_id: String,
) -> IpcResult<ProposalView> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.submit_proposal(&actor, &proposal_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn decide_proposal(
    state: State<'_, AppState>,
    input: DecisionInput,
) -> IpcResult<ProposalView> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.decide_proposal(&actor, &input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn closure_preview(
    state: State<'_, AppState>,
    date: String,
) -> IpcResult<Vec<AffectedBookingView>> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.closure_preview(&actor, &date).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn close_date(
    state: State<'_, AppState>,
    date: String,
    reason: String,
) -> IpcResult<ClosureResult> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.close_date(&actor, &date, &reason).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_holiday(
    state: State<'_, AppState>,
    input: HolidayInput,
) -> IpcResult<ClosureResult> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.add_holiday(&actor, &input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_holiday(
    state: State<'_, AppState>,
    date: String,
    name: String,
) -> IpcResult<()> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.remove_holiday(&actor, &date, &name).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn release_settings(state: State<'_, AppState>) -> IpcResult<ReleaseSettings> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.release_settings(&actor).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_release_settings(
    state: State<'_, AppState>,
    input: ReleaseSettings,
) -> IpcResult<ReleaseSettings> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.set_release_settings(&actor, &input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_draft(
    state: State<'_, AppState>,
    proposal_id: String,
    input: ProposalInput,
) -> IpcResult<ProposalView> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.update_draft(&actor, &proposal_id, &input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn proposal(state: State<'_, AppState>, proposal_id: String) -> IpcResult<ProposalView> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.proposal_view(&actor, &proposal_id).await?)
}

/// Writes the cancelled list as CSV to the user's Downloads folder (or `~/Downloads` where the
/// desktop names none) and returns the file's path.
#[tauri::command]
#[specta::specta]
pub async fn export_cancelled<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    date: String,
) -> IpcResult<String> {
    let (loket, actor) = state.signed_in().await?;
    let dir = app
        .path()
        .download_dir()
        .or_else(|_| app.path().home_dir().map(|h| h.join("Downloads")))
        .map_err(|e| {
            IpcError::new(
                "io",
                loket_domain::text!(
                    "Folder unduhan tidak ditemukan: {e}",
                    "The downloads folder was not found: {e}"
                ),
            )
        })?;
    let path = loket.export_cancelled_csv(&actor, &date, &dir).await?;
    Ok(path.display().to_string())
}
