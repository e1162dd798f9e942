use loket_app::{LockSettings, LoginRequest, UserView};
use tauri::State;

use crate::error::{IpcError, IpcResult};
use crate::state::AppState;

/// Signs in; on a locked screen this is "sign in as another officer", which closes the first
/// officer's session (their drafts stay theirs, in the database).
#[tauri::command]
#[specta::specta]
pub async fn login(state: State<'_, AppState>, req: LoginRequest) -> IpcResult<UserView> {
    let (actor, user) = state.loket()?.login(&req).await?;
    if state.actor().is_some_and(|a| a.user_id != actor.user_id) {
        state.set_camera(None);
    }
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

/// Locks the screen (the window's idle timer, or the officer's own button): the camera stops
/// and its last read goes with it; the session stays, for the same officer to unlock.
#[tauri::command]
#[specta::specta]
pub async fn lock_screen(state: State<'_, AppState>) -> IpcResult<()> {
    state.signed_in().await?;
    state.set_camera(None);
    state.set_locked(true);
    tracing::info!("screen locked");
    Ok(())
}

/// The officer whose screen is locked unlocks it with their password, back where they were.
#[tauri::command]
#[specta::specta]
pub async fn unlock_screen(state: State<'_, AppState>, password: String) -> IpcResult<UserView> {
    let loket = state.loket()?;
    let locked = state
        .actor()
        .ok_or_else(|| IpcError::from(loket_app::AppError::AuthRequired))?;
    let actor = loket.unlock(&locked, password).await?;
    let user = loket.current_user(&actor).await?;
    *state.actor.lock().unwrap_or_else(|p| p.into_inner()) = Some(actor);
    state.set_locked(false);
    tracing::info!("screen unlocked");
    Ok(user)
}

/// How many idle minutes before the screen locks, for every PC of the office (kepala, admin).
#[tauri::command]
#[specta::specta]
pub async fn set_lock_idle(state: State<'_, AppState>, minutes: u32) -> IpcResult<LockSettings> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.set_lock_idle(&actor, minutes).await?)
}
