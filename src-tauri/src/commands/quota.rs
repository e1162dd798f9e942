use loket_app::{DecisionInput, ProposalInput, ProposalSummary, ProposalView};
use tauri::State;

use crate::error::IpcResult;
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
