use std::sync::Mutex;

use std::path::PathBuf;

use loket_app::camera::CameraScan;
use loket_app::{Actor, CameraSnapshot, Loket};

use crate::error::IpcError;

/// Managed Tauri state. `loket` is an error when the database could not be opened: the window still
/// comes up and shows that message instead of going blank.
#[derive(Debug)]
pub struct AppState {
    pub loket: Result<Loket, IpcError>,
    pub actor: Mutex<Option<Actor>>,
    /// The data folder (database, logs, printouts).
    pub data_dir: PathBuf,
    /// Image files that stand in for the webcam (`LOKET_CAMERA_FILES`), on PCs without one and in
    /// the end-to-end tests.
    pub camera_files: Option<Vec<PathBuf>>,
    pub camera: Mutex<Option<CameraScan>>,
    /// The background push to the central; its state is the header's.
    pub sync: loket_app::SyncWorker,
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

    /// Replaces the running camera loop; `None` stops it and releases the camera.
    pub fn set_camera(&self, scan: Option<CameraScan>) {
        let old = std::mem::replace(
            &mut *self.camera.lock().unwrap_or_else(|p| p.into_inner()),
            scan,
        );
        drop(old);
    }

    pub fn camera_snapshot(&self) -> Option<CameraSnapshot> {
        self.camera
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map(CameraScan::snapshot)
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
