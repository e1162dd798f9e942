use std::sync::Mutex;

use std::path::PathBuf;

use loket_app::camera::CameraScan;
use loket_app::{Actor, CameraSnapshot, Loket};

use crate::error::IpcError;

fn locked() -> loket_domain::Text {
    loket_domain::Text::new(
        "Layar terkunci. Buka kunci dengan kata sandi Anda, atau masuk sebagai petugas lain.",
        "The screen is locked. Unlock it with your password, or sign in as another officer.",
    )
}

/// Managed Tauri state. `loket` is an error when the database could not be opened: the window still
/// comes up and shows that message instead of going blank.
#[derive(Debug)]
pub struct AppState {
    pub loket: Result<Loket, IpcError>,
    pub actor: Mutex<Option<Actor>>,
    /// The signed-in officer's screen locked itself (idle) or was locked: every command but
    /// unlocking, signing in as someone else and the status is refused until it is unlocked.
    pub screen_locked: std::sync::atomic::AtomicBool,
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

    /// A new session (or none): whoever signs in starts unlocked.
    pub fn set_actor(&self, actor: Option<Actor>) {
        *self.actor.lock().unwrap_or_else(|p| p.into_inner()) = actor;
        self.set_locked(false);
    }

    pub fn is_locked(&self) -> bool {
        self.screen_locked.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub fn set_locked(&self, locked: bool) {
        self.screen_locked
            .store(locked, std::sync::atomic::Ordering::SeqCst);
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

    /// The signed-in user, re-read from the database so a disabled account stops at once. Refused
    /// while the screen is locked: what the window shows is hidden, and so is what it could ask.
    pub async fn signed_in(&self) -> Result<(&Loket, Actor), IpcError> {
        let loket = self.loket()?;
        let actor = self
            .actor()
            .ok_or_else(|| IpcError::from(loket_app::AppError::AuthRequired))?;
        if self.is_locked() {
            return Err(IpcError::new("auth.screen_locked", locked()));
        }
        match loket.refresh_actor(&actor).await {
            Ok(fresh) => Ok((loket, fresh)),
            Err(e) => {
                self.set_actor(None);
                Err(e.into())
            }
        }
    }
}
