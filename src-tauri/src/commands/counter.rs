//! The counter's day: lists, search, scans, check-in, walk-ins, cancellation, drafts.

use loket_app::{
    BookingView, CancelRequest, CheckInRequest, CheckInResult, DayLists, Draft, OldPassportCheck,
    OldPassportRequest, RegionOption, ReverseNoShowRequest, ScanOutcome, SearchResults,
    SessionSlot, WalkInCheck, WalkInRequest,
};
use loket_domain::SessionKind;
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn day_lists(state: State<'_, AppState>, date: String) -> IpcResult<DayLists> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.day_lists(&actor, &date).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn search_bookings(
    state: State<'_, AppState>,
    query: String,
) -> IpcResult<SearchResults> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.search_bookings(&actor, &query).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn booking(state: State<'_, AppState>, code: String) -> IpcResult<BookingView> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.booking(&actor, &code).await?)
}

/// `session`: the session the officer is serving; none = the one the clock says.
#[tauri::command]
#[specta::specta]
pub async fn scan_proof(
    state: State<'_, AppState>,
    text: String,
    session: Option<SessionKind>,
) -> IpcResult<ScanOutcome> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.scan_proof(&actor, &text, session).await?)
}

/// A renewal applicant's scanned old passport: its flags, nothing recorded.
#[tauri::command]
#[specta::specta]
pub async fn check_old_passport(
    state: State<'_, AppState>,
    input: OldPassportRequest,
) -> IpcResult<OldPassportCheck> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.check_old_passport(&actor, &input).await?)
}

/// Records a renewal applicant's scanned old passport (number and expiry).
#[tauri::command]
#[specta::specta]
pub async fn record_old_passport(
    state: State<'_, AppState>,
    input: OldPassportRequest,
) -> IpcResult<BookingView> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.record_old_passport(&actor, &input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn check_in(
    state: State<'_, AppState>,
    input: CheckInRequest,
) -> IpcResult<CheckInResult> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.check_in(&actor, &input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn reverse_no_show(
    state: State<'_, AppState>,
    input: ReverseNoShowRequest,
) -> IpcResult<()> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.reverse_no_show(&actor, &input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn cancel_booking(
    state: State<'_, AppState>,
    input: CancelRequest,
) -> IpcResult<BookingView> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.cancel_booking(&actor, &input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn check_walk_in(
    state: State<'_, AppState>,
    input: WalkInRequest,
) -> IpcResult<WalkInCheck> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.check_walk_in(&actor, &input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn create_walk_in(
    state: State<'_, AppState>,
    input: WalkInRequest,
) -> IpcResult<BookingView> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.create_walk_in(&actor, &input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn walk_in_default_slot(state: State<'_, AppState>) -> IpcResult<SessionSlot> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.walk_in_default_slot(&actor).await?)
}

/// Provinces (no parent), kabupaten/kota of a province, or kecamatan of a kabupaten/kota.
#[tauri::command]
#[specta::specta]
pub async fn regions(
    state: State<'_, AppState>,
    parent: Option<String>,
) -> IpcResult<Vec<RegionOption>> {
    let (loket, _) = state.signed_in().await?;
    Ok(loket.regions_under(parent.as_deref()))
}

#[tauri::command]
#[specta::specta]
pub async fn load_draft(state: State<'_, AppState>, kind: String) -> IpcResult<Option<Draft>> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.draft(&actor, &kind).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn save_draft(state: State<'_, AppState>, kind: String, body: String) -> IpcResult<()> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.save_draft(&actor, &kind, &body).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn discard_draft(state: State<'_, AppState>, kind: String) -> IpcResult<()> {
    let (loket, actor) = state.signed_in().await?;
    Ok(loket.discard_draft(&actor, &kind).await?)
}
