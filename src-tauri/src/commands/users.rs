use loket_app::{NewUserRequest, UserView};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_users(state: State<'_, AppState>) -> IpcResult<Vec<UserView>> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.list_users(&actor).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn create_user(state: State<'_, AppState>, req: NewUserRequest) -> IpcResult<UserView> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.create_user(&actor, &req).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_user_disabled(
    state: State<'_, AppState>,
    user_id: String,
    disabled: bool,
) -> IpcResult<UserView> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.set_user_disabled(&actor, &user_id, disabled).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn reset_password(
    state: State<'_, AppState>,
    user_id: String,
    new_password: String,
) -> IpcResult<()> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket
        .reset_password(&actor, &user_id, &new_password)
        .await?)
}
