//! Enrolling this PC with the central service: the admin enters the central's address and the
//! one-time code the central admin issued. The credential goes to the OS key store only; the
//! address and the central's signing key (now trusted for online bookings' proofs) go to the
//! database, the key's trust as an outbox entry.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use loket_domain::op::KeyTrusted;
use loket_domain::{KeyOrigin, Op, Permission, text};
use loket_sync::SyncClient;
use serde::{Deserialize, Serialize};

use super::TOKEN_NAME;
use crate::auth::Actor;
use crate::error::AppError;
use crate::keys::DEMO_CENTRAL_KEY_ID;
use crate::loket::Loket;

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EnrolRequest {
    /// `https://…` (or `http://127.0.0.1:8080` for the demo central).
    pub central_url: String,
    pub code: String,
}

/// Where this PC stands with the central.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub central_url: Option<String>,
    /// The last entry the central holds.
    pub acked_seq: u32,
    /// Entries written and not yet at the central.
    pub waiting: u32,
    /// When the central last answered a push, office-local (`2026-11-23T10:00:05`).
    pub last_push: Option<String>,
    /// "Perlu perhatian" items no officer has acknowledged yet.
    pub attention: u32,
    /// When this PC last applied a pull, office-local.
    pub last_pull: Option<String>,
    /// This PC's clock minus the central's, in whole minutes, when it is off by more than
    /// [`CLOCK_SKEW_WARN_S`] (the header warns; no rule here depends on it).
    pub clock_skew_minutes: Option<i32>,
    /// Raised each time a pull changed something here: an open list reloads when it moves.
    pub revision: u32,
}

/// How far this PC's clock may be from the central's before the header warns.
pub const CLOCK_SKEW_WARN_S: i64 = 120;

impl Loket {
    /// Connects this PC to the central with the one-time `code`; an admin's task.
    pub async fn enrol(&self, actor: &Actor, req: &EnrolRequest) -> Result<SyncStatus, AppError> {
        actor.require(
            Permission::ManageUsers,
            (
                "menyambungkan PC ini ke layanan pusat",
                "connect this PC to the central service",
            ),
        )?;
        let office = self.office().await?;
        let device = self.store.device().await?;
        let url = req.central_url.trim().trim_end_matches('/').to_owned();
        let client = SyncClient::new(&url, "").map_err(AppError::Sync)?;
        let code = req.code.trim();
        if code.is_empty() {
            return Err(AppError::invalid(text!(
                "Isi kode pendaftaran dari admin pusat.",
                "Enter the enrolment code from the central admin."
            )));
        }
        let got = client
            .enrol(office.slug.as_str(), code)
            .await
            .map_err(AppError::Sync)?;
        if device.demo && got.central_key_id != DEMO_CENTRAL_KEY_ID {
            return Err(AppError::rejected(
                "sync.demo_real_central",
                text!(
                    "PC demo hanya boleh tersambung ke layanan pusat demo (scripts/central.sh), bukan ke layanan pusat sungguhan.",
                    "A demo PC may only connect to the demo central (scripts/central.sh), never to a real central."
                ),
            ));
        }
        let mine = device.counter_code.as_str().to_owned();
        if got.counter_code != mine {
            let theirs = &got.counter_code;
            return Err(AppError::rejected(
                "sync.counter_mismatch",
                text!(
                    "Kode pendaftaran ini untuk loket {theirs}, sedangkan PC ini loket {mine}. Minta kode untuk loket {mine} kepada admin pusat.",
                    "This enrolment code is for counter {theirs}, but this PC is counter {mine}. Ask the central admin for a code for counter {mine}."
                ),
            ));
        }
        let public = hex::decode(&got.central_public_key)
            .map_err(|_| AppError::Internal("kunci publik pusat tidak dapat dibaca".to_owned()))?;
        self.vault.store(TOKEN_NAME, got.token.as_bytes())?;
        let now = self.clock.now();
        let mut tx = self.store.begin().await?;
        tx.trust_key(&got.central_key_id, &public, KeyOrigin::Central, now)
            .await?;
        tx.set_central(&url, now).await?;
        let op = Op::KeyTrusted(KeyTrusted {
            key_id: got.central_key_id.clone(),
            public_key: BASE64.encode(&public),
            origin: KeyOrigin::Central,
        });
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        tx.commit().await?;
        tracing::info!(counter = %mine, key_id = %got.central_key_id, "PC enrolled with the central");
        self.sync_status().await
    }

    /// The client for the central this PC is enrolled with; `None` before enrolment.
    pub async fn sync_client(&self) -> Result<Option<SyncClient>, AppError> {
        // Asked every few seconds by the worker: one row, no counting.
        let Some(url) = self.store.central_url().await? else {
            return Ok(None);
        };
        let Some(token) = self.vault.load(TOKEN_NAME)? else {
            return Ok(None);
        };
        let token = String::from_utf8(token)
            .map_err(|_| AppError::KeyStore("kredensial pusat rusak".to_owned()))?;
        Ok(Some(SyncClient::new(&url, &token).map_err(AppError::Sync)?))
    }

    pub async fn sync_status(&self) -> Result<SyncStatus, AppError> {
        let state = self.store.push_state().await?;
        let pulled = self.store.pull_state().await?;
        let attention = self.store.attention_count().await?;
        let office = self.office().await?;
        let local = |t: chrono::DateTime<chrono::Utc>| {
            office.local_time(t).format("%Y-%m-%dT%H:%M:%S").to_string()
        };
        Ok(SyncStatus {
            central_url: state.central_url,
            acked_seq: u32::try_from(state.acked_seq).unwrap_or(u32::MAX),
            waiting: u32::try_from(state.waiting).unwrap_or(u32::MAX),
            last_push: state.last_push.map(local),
            attention: u32::try_from(attention).unwrap_or(u32::MAX),
            last_pull: pulled.last_pull.map(local),
            clock_skew_minutes: pulled
                .clock_skew_s
                .filter(|s| s.abs() > CLOCK_SKEW_WARN_S)
                .map(|s| i32::try_from(s / 60).unwrap_or(i32::MAX)),
            revision: u32::try_from(pulled.revision).unwrap_or(u32::MAX),
        })
    }
}
