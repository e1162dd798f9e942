use std::sync::Arc;

use chrono::NaiveTime;
use loket_domain::{Office, OfficeCatalog, OfficeSchedule, RegionCatalog, SessionHours};
use loket_store::{OutboxRecord, Store, Tx};

use crate::clock::Clock;
use crate::error::AppError;
use crate::keys::KeyVault;

/// The application: the store, the clock and the reference catalogues, passed explicitly to
/// whoever needs them (no global state).
#[derive(Debug, Clone)]
pub struct Loket {
    pub(crate) store: Store,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) offices: Arc<OfficeCatalog>,
    pub(crate) regions: Arc<RegionCatalog>,
    pub(crate) vault: Arc<dyn KeyVault>,
}

impl Loket {
    pub fn new(
        store: Store,
        clock: Arc<dyn Clock>,
        vault: Arc<dyn KeyVault>,
    ) -> Result<Self, AppError> {
        let offices = OfficeCatalog::embedded().map_err(|e| AppError::Internal(e.to_string()))?;
        let regions = RegionCatalog::embedded().map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(Self {
            store,
            clock,
            offices: Arc::new(offices),
            regions: Arc::new(regions),
            vault,
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn offices(&self) -> &OfficeCatalog {
        &self.offices
    }

    pub fn regions(&self) -> &RegionCatalog {
        &self.regions
    }

    /// The office this PC belongs to.
    pub async fn office(&self) -> Result<Office, AppError> {
        let slug = self
            .store
            .device()
            .await?
            .office_slug
            .ok_or(AppError::SetupRequired)?;
        Ok(self.offices.get(&slug)?.clone())
    }

    pub(crate) async fn schedule(&self, office: &Office) -> Result<OfficeSchedule, AppError> {
        let Some(row) = self.store.office_settings(office.slug.as_str()).await? else {
            return Ok(OfficeSchedule::default());
        };
        let corrupt =
            |what: &str| AppError::Internal(format!("pengaturan jam layanan rusak ({what})"));
        let time = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").map_err(|_| corrupt(s));
        let hours = |a: &str, b: &str| -> Result<SessionHours, AppError> {
            SessionHours::parse(time(a)?, time(b)?).map_err(|e| AppError::Internal(e.to_string()))
        };
        let mut days = [false; 7];
        for (i, c) in row.working_days.chars().take(7).enumerate() {
            days[i] = c == '1';
        }
        OfficeSchedule::parse(
            hours(&row.pagi_start, &row.pagi_end)?,
            hours(&row.siang_start, &row.siang_end)?,
            days,
        )
        .map_err(|e| AppError::Internal(e.to_string()))
    }

    /// Appends the outbox entry of a change, stamped with UTC and the office's local time.
    pub(crate) async fn record(
        &self,
        tx: &mut Tx,
        office: &Office,
        actor: &str,
        op_type: &str,
        payload: serde_json::Value,
    ) -> Result<OutboxRecord, AppError> {
        let now = self.clock.now();
        Ok(tx
            .record(actor, now, office.local_time(now), op_type, &payload)
            .await?)
    }
}
