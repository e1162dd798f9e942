//! The screen that locks itself: how long it waits (office-wide, set by the office head or the
//! admin), and unlocking it. Whether the screen is locked right now is the window's session state
//! (`src-tauri`), which refuses every other command while it is.

use loket_domain::op::LockIdleChanged;
use loket_domain::{IdleMinutes, Op, Permission};

use crate::auth::Actor;
use crate::error::AppError;
use crate::loket::Loket;
use crate::view::{LockSettings, LoginRequest};

impl Loket {
    /// Minutes an idle screen waits before it locks (the default on a PC not set up yet).
    pub async fn lock_idle_minutes(&self) -> Result<u32, AppError> {
        match self.office().await {
            Ok(office) => Ok(self.store.lock_idle_minutes(office.slug.as_str()).await?),
            Err(AppError::SetupRequired) => Ok(IdleMinutes::DEFAULT.get()),
            Err(e) => Err(e),
        }
    }

    pub async fn set_lock_idle(
        &self,
        actor: &Actor,
        minutes: u32,
    ) -> Result<LockSettings, AppError> {
        actor.require(
            Permission::ConfigureLock,
            ("mengubah waktu kunci layar", "change when the screen locks"),
        )?;
        let idle = IdleMinutes::parse(minutes)?;
        let office = self.office().await?;
        let before = self.store.lock_idle_minutes(office.slug.as_str()).await?;
        let mut tx = self.store.begin().await?;
        tx.set_lock_idle_minutes(office.slug.as_str(), idle.get())
            .await?;
        let op = Op::LockIdleChanged(LockIdleChanged {
            before,
            after: idle.get(),
        });
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        tx.commit().await?;
        Ok(LockSettings {
            idle_minutes: idle.get(),
        })
    }

    /// The officer whose screen locked signs back in with their password. It counts as a sign-in:
    /// wrong passwords count towards the account's lock, and the audit log records it.
    pub async fn unlock(&self, locked: &Actor, password: String) -> Result<Actor, AppError> {
        let (actor, _) = self
            .login(&LoginRequest {
                username: locked.username.clone(),
                password,
            })
            .await?;
        if actor.user_id != locked.user_id {
            return Err(AppError::AuthRequired);
        }
        Ok(actor)
    }
}
