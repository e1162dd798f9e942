use loket_app::{AppStatus, OfficeView, SetupRequest};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn app_status(state: State<'_, AppState>) -> IpcResult<AppStatus> {
    let loket = state.loket()?;
    let user = match state.signed_in().await {
        Ok((_, actor)) => loket.current_user(&actor).await.ok(),
        Err(_) => None,
    };
    Ok(loket.status(user).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_offices(state: State<'_, AppState>) -> IpcResult<Vec<OfficeView>> {
    Ok(state.loket()?.list_offices())
}

#[tauri::command]
#[specta::specta]
pub async fn complete_setup(state: State<'_, AppState>, req: SetupRequest) -> IpcResult<()> {
    Ok(state.loket()?.complete_setup(&req).await?)
}
