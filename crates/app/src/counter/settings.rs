//! Counter settings: the no-show grace time (office-wide) and the camera of this PC; and the
//! background worker that settles no-shows.

use std::time::Duration;

use loket_domain::Op;
use loket_domain::op::GraceChanged;
use loket_domain::{GraceMinutes, Permission};

use crate::auth::Actor;
use crate::error::AppError;
use crate::loket::Loket;
use crate::view::CounterSettings;

impl Loket {
    pub async fn counter_settings(&self, actor: &Actor) -> Result<CounterSettings, AppError> {
        actor.require(
            Permission::ViewOperations,
            ("melihat pengaturan loket", "view counter settings"),
        )?;
        let office = self.office().await?;
        Ok(CounterSettings {
            no_show_grace_minutes: self.store.no_show_grace(office.slug.as_str()).await?,
            camera_index: self.store.camera_index().await?,
        })
    }

    /// Minutes after a session's end before the absent become no-shows (kepala kantor or admin).
    pub async fn set_no_show_grace(&self, actor: &Actor, minutes: u32) -> Result<(), AppError> {
        actor.require(
            Permission::ConfigureRelease,
            (
                "mengubah batas waktu tidak hadir",
                "change the no-show grace time",
            ),
        )?;
        let grace = GraceMinutes::parse(minutes).map_err(AppError::invalid)?;
        let office = self.office().await?;
        let before = self.store.no_show_grace(office.slug.as_str()).await?;
        let mut tx = self.store.begin().await?;
        tx.set_no_show_grace(office.slug.as_str(), grace.get())
            .await?;
        let op = Op::GraceChanged(GraceChanged {
            before,
            after: grace.get(),
        });
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The camera this PC scans with; a per-PC choice, not synced.
    pub async fn set_camera(&self, actor: &Actor, index: Option<u32>) -> Result<(), AppError> {
        actor.require(
            Permission::ServeCounter,
            ("memilih kamera", "choose the camera"),
        )?;
        Ok(self.store.set_camera_index(index).await?)
    }

    /// Settles no-shows now and then every `every`, for as long as the app runs. A failed sweep is
    /// logged and retried on the next tick: the rule is idempotent.
    pub async fn run_no_show_worker(self, every: Duration) {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            if let Err(e) = self.sweep_no_shows().await {
                tracing::warn!(error = %e, "no-show sweep failed; retrying next minute");
            }
        }
    }
}
