use std::sync::Mutex;

use loket_app::{Actor, Loket};

use crate::error::IpcError;

/// Managed Tauri state. `loket` is an error when the database could not be opened: the window still
/// comes up and shows that message instead of going blank.
#[derive(Debug)]
pub struct AppState {
    pub loket: Result<Loket, IpcError>,
    pub actor: Mutex<Option<Actor>>,
}

impl AppState {
    pub fn loket(&self) -> Result<&Loket, IpcError> {
        self.loket.as_ref().map_err(Clone::clone)
    }

    pub fn actor(&self) -> Option<Actor> {
        self.actor.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn set_actor(&self, actor: Option<Actor>) {
        *self.actor.lock().unwrap_or_else(|p| p.into_inner()) = actor;
    }

    /// The signed-in user, re-read from the database so a disabled account stops at once.
    pub async fn signed_in(&self) -> Result<(&Loket, Actor), IpcError> {
        let loket = self.loket()?;
        let actor = self
            .actor()
            .ok_or_else(|| IpcError::from(loket_app::AppError::AuthRequired))?;
        match loket.refresh_actor(&actor).await {
            Ok(fresh) => Ok((loket, fresh)),
            Err(e) => {
                self.set_actor(None);
                Err(e.into())
            }
        }
    }
}
