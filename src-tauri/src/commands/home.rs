use loket_app::{CalendarMonth, HomeToday};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn home_today(state: State<'_, AppState>) -> IpcResult<HomeToday> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.home_today(&actor).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn calendar_month(
    state: State<'_, AppState>,
    year: i32,
    month: u32,
) -> IpcResult<CalendarMonth> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.calendar_month(&actor, year, month).await?)
}
