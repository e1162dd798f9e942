//! "Perlu perhatian": what the central refused or applied with a conflict, on every PC of the
//! office, until an officer on any of them says it was read.

use loket_domain::op::ConflictRead;
use loket_domain::{Op, Permission, Text};
use serde::Serialize;

use crate::auth::Actor;
use crate::error::{AppError, Missing};
use crate::loket::Loket;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AttentionItem {
    pub key: String,
    /// `refused`, `nik_freeze`, `arrived_after_cancel`, `closed_cancelled`, …
    pub kind: String,
    pub booking_code: Option<String>,
    /// The counter whose entry raised it.
    pub counter: String,
    pub message: Text,
    /// Office-local, `2026-12-02T10:15:00`.
    pub raised: String,
}

impl Loket {
    pub async fn attention(&self, actor: &Actor) -> Result<Vec<AttentionItem>, AppError> {
        actor.require(
            Permission::ViewOperations,
            (
                "melihat daftar perlu perhatian",
                "view the needs-attention list",
            ),
        )?;
        let office = self.office().await?;
        Ok(self
            .store
            .open_conflicts()
            .await?
            .into_iter()
            .map(|c| AttentionItem {
                raised: chrono::DateTime::parse_from_rfc3339(&c.raised_utc)
                    .map(|t| {
                        office
                            .local_time(t.with_timezone(&chrono::Utc))
                            .format("%Y-%m-%dT%H:%M:%S")
                            .to_string()
                    })
                    .unwrap_or(c.raised_utc),
                key: c.conflict_key,
                kind: c.kind,
                booking_code: c.booking_code,
                counter: c.counter_code,
                message: Text::new(c.message_id, c.message_en),
            })
            .collect())
    }

    /// Marks an item read here and, through the outbox, on the central and every other PC.
    pub async fn acknowledge_attention(&self, actor: &Actor, key: &str) -> Result<(), AppError> {
        actor.require(
            Permission::ViewOperations,
            ("menandai catatan sudah dibaca", "mark an item as read"),
        )?;
        let office = self.office().await?;
        let mut tx = self.store.begin().await?;
        let now = self.clock.now();
        if !tx.acknowledge_conflict(key, &actor.username, now).await? {
            return Err(AppError::NotFound(Missing::Attention));
        }
        let op = Op::ConflictRead(ConflictRead {
            key: key.to_owned(),
        });
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        tx.commit().await?;
        Ok(())
    }
}
