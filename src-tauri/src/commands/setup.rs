use loket_app::{AppStatus, OfficeView, SetupRequest};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn app_status(state: State<'_, AppState>) -> IpcResult<AppStatus> {
    let loket = state.loket()?;
    let locked = state.is_locked();
    let user = match (locked, state.actor()) {
        // A locked screen still names its officer, for the lock to say whose it is.
        (true, Some(actor)) => loket.current_user(&actor).await.ok(),
        _ => match state.signed_in().await {
            Ok((_, actor)) => loket.current_user(&actor).await.ok(),
            Err(_) => None,
        },
    };
    let mut status = loket.status(user).await?;
    status.screen_locked = locked && status.user.is_some();
    Ok(status)
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
