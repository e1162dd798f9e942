//! Who signs booking proofs, and whom this PC believes.
//!
//! Walk-in proofs are signed with this PC's own Ed25519 key. Its secret half lives in the operating
//! system's key store (Secret Service on Linux, Credential Manager on Windows) through `keyring`, never
//! in the database, so a copied database file cannot forge proofs. Its public half is in the
//! `signing_keys` table with the central service's keys, which is the list a scan is checked against.

use std::fmt::Debug;
use std::sync::Arc;

use ed25519_dalek::SigningKey;
use loket_domain::TrustedKeys;
use loket_domain::proof::{public_key, signing_key};
use rand::RngCore;

use crate::error::AppError;
use crate::loket::Loket;

/// Where secret key material is kept. The real one is the OS key store; the trait exists so the
/// place is chosen once, at start-up, and passed in (no global).
pub trait KeyVault: Send + Sync + Debug {
    /// The secret stored under `name`, if any.
    fn load(&self, name: &str) -> Result<Option<Vec<u8>>, AppError>;
    fn store(&self, name: &str, secret: &[u8]) -> Result<(), AppError>;
}

/// The operating system's key store, through the `keyring` crate.
#[derive(Debug, Clone)]
pub struct OsKeyVault {
    service: String,
}

impl OsKeyVault {
    /// `service` names the application in the key store ("loket").
    pub fn new(service: &str) -> Self {
        Self {
            service: service.to_owned(),
        }
    }
}

fn vault_error(e: keyring::Error) -> AppError {
    AppError::KeyStore(e.to_string())
}

impl KeyVault for OsKeyVault {
    fn load(&self, name: &str) -> Result<Option<Vec<u8>>, AppError> {
        let entry = keyring::Entry::new(&self.service, name).map_err(vault_error)?;
        match entry.get_secret() {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(vault_error(e)),
        }
    }

    fn store(&self, name: &str, secret: &[u8]) -> Result<(), AppError> {
        keyring::Entry::new(&self.service, name)
            .and_then(|e| e.set_secret(secret))
            .map_err(vault_error)
    }
}

/// Key id of the demo central service. Trusted only on a PC set up as the demo office: its secret
/// half is derived from a public seed so the demo can sign its online bookings.
pub const DEMO_CENTRAL_KEY_ID: &str = "PUSAT-DEMO";

pub(crate) fn demo_central_key() -> SigningKey {
    signing_key(b"loket demo central key, not real")
}

/// The signing key of this PC and its id in the proofs.
#[derive(Debug, Clone)]
pub(crate) struct DeviceSigner {
    pub key_id: String,
    pub key: SigningKey,
}

impl Loket {
    fn key_name(device_id: &str) -> String {
        format!("proof-signing-key:{device_id}")
    }

    /// This PC's proof-signing key: read from the key store, or made and stored on first use, with
    /// its public half added to the trusted keys.
    pub(crate) async fn device_signer(&self) -> Result<DeviceSigner, AppError> {
        let device = self.store.device().await?;
        let vault = Arc::clone(&self.vault);
        let name = Self::key_name(&device.device_id);
        let (key, created) = tokio::task::spawn_blocking(move || -> Result<_, AppError> {
            if let Some(secret) = vault.load(&name)? {
                let bytes: [u8; 32] = secret.try_into().map_err(|_| {
                    AppError::KeyStore("kunci tanda tangan di penyimpanan kunci rusak".into())
                })?;
                return Ok((signing_key(&bytes), false));
            }
            let mut bytes = [0u8; 32];
            rand::rng().fill_bytes(&mut bytes);
            vault.store(&name, &bytes)?;
            Ok((signing_key(&bytes), true))
        })
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
        // Named after the public key itself, so a PC whose key store was reset gets a new id and
        // the proofs signed with its earlier key keep verifying.
        let public = public_key(&key);
        let key_id = format!(
            "PC-{}",
            public[..5]
                .iter()
                .map(|b| format!("{b:02X}"))
                .collect::<String>()
        );
        let trusted = self
            .store
            .signing_keys()
            .await?
            .iter()
            .any(|k| k.key_id == key_id && k.public_key == public_key(&key));
        if created || !trusted {
            let mut tx = self.store.begin().await?;
            tx.trust_key(&key_id, &public_key(&key), "device", self.clock.now())
                .await?;
            tx.commit().await?;
            tracing::info!(key_id, "proof-signing key of this PC trusted");
        }
        Ok(DeviceSigner { key_id, key })
    }

    /// The keys a scanned proof may be signed with.
    pub(crate) async fn trusted_keys(&self) -> Result<TrustedKeys, AppError> {
        let mut trusted = TrustedKeys::new();
        for row in self.store.signing_keys().await? {
            trusted
                .add(&row.key_id, &row.public_key)
                .map_err(|e| AppError::Internal(e.to_string()))?;
        }
        if self.store.device().await?.demo {
            trusted
                .add(DEMO_CENTRAL_KEY_ID, &public_key(&demo_central_key()))
                .map_err(|e| AppError::Internal(e.to_string()))?;
        }
        Ok(trusted)
    }
}
