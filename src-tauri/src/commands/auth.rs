use loket_app::{LoginRequest, UserView};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn login(state: State<'_, AppState>, req: LoginRequest) -> IpcResult<UserView> {
    let (actor, user) = state.loket()?.login(&req).await?;
    state.set_actor(Some(actor));
    Ok(user)
}

#[tauri::command]
#[specta::specta]
pub async fn logout(state: State<'_, AppState>) -> IpcResult<()> {
    state.set_actor(None);
    // The camera stops, and its last read (a passport's name and number) goes with it.
    state.set_camera(None);
    Ok(())
}
