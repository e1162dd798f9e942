//! Who signs booking proofs, and whom this PC believes.
//!
//! Walk-in proofs are signed with this PC's own Ed25519 key. Its secret half lives in the operating
//! system's key store (Secret Service on Linux, Credential Manager on Windows) through `keyring`, never
//! in the database, so a copied database file cannot forge proofs. Its public half is in the
//! `signing_keys` table with the central service's keys, which is the list a scan is checked against.

use std::collections::HashMap;
use std::fmt::Debug;
use std::sync::{Arc, Mutex};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::SigningKey;
use loket_domain::op::KeyTrusted;
use loket_domain::proof::{public_key, signing_key};
use loket_domain::{Author, KeyOrigin, Office, Op, TrustedKeys};
use loket_store::{ChainHead, Tx};
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

pub use loket_domain::proof::{DEMO_CENTRAL_KEY_ID, demo_central_key};

/// The signing key of this PC and its id in the proofs.
#[derive(Clone)]
pub(crate) struct DeviceSigner {
    pub key_id: String,
    pub key: SigningKey,
}

impl std::fmt::Debug for DeviceSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret half.
        f.debug_struct("DeviceSigner")
            .field("key_id", &self.key_id)
            .finish_non_exhaustive()
    }
}

impl DeviceSigner {
    fn from_secret(bytes: &[u8; 32]) -> Self {
        let key = signing_key(bytes);
        // Named after the public key itself, so a PC whose key store was reset gets a new id and
        // the proofs signed with its earlier key keep verifying.
        let key_id = format!(
            "PC-{}",
            public_key(&key)[..5]
                .iter()
                .map(|b| format!("{b:02X}"))
                .collect::<String>()
        );
        Self { key_id, key }
    }

    /// The chain head's signature, base64.
    pub(crate) fn sign_head(&self, head: &ChainHead) -> String {
        use ed25519_dalek::Signer;
        BASE64.encode(self.key.sign(&head.signed_message()).to_bytes())
    }

    pub(crate) fn verifies_head(&self, head: &ChainHead, signature: &str) -> bool {
        use ed25519_dalek::Verifier;
        let Ok(bytes) = BASE64.decode(signature.trim()) else {
            return false;
        };
        let Ok(sig) = ed25519_dalek::Signature::from_slice(&bytes) else {
            return false;
        };
        self.key
            .verifying_key()
            .verify(&head.signed_message(), &sig)
            .is_ok()
    }
}

/// A key store held in memory, for the use-case tests and benchmarks: hermetic, no Secret Service
/// needed, nothing written into a developer's login keyring. The real store has its own tests.
#[derive(Debug, Default)]
pub struct MemoryKeyVault {
    secrets: Mutex<HashMap<String, Vec<u8>>>,
}

impl KeyVault for MemoryKeyVault {
    fn load(&self, name: &str) -> Result<Option<Vec<u8>>, AppError> {
        Ok(self
            .secrets
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(name)
            .cloned())
    }

    fn store(&self, name: &str, secret: &[u8]) -> Result<(), AppError> {
        self.secrets
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(name.to_owned(), secret.to_vec());
        Ok(())
    }
}

impl Loket {
    fn key_name(device_id: &str) -> String {
        format!("proof-signing-key:{device_id}")
    }

    /// Reads this PC's key from the key store; `create` makes and stores one when there is none.
    async fn load_signer(&self, create: bool) -> Result<Option<DeviceSigner>, AppError> {
        let device = self.store.device().await?;
        let vault = Arc::clone(&self.vault);
        let name = Self::key_name(&device.device_id);
        tokio::task::spawn_blocking(move || -> Result<_, AppError> {
            if let Some(secret) = vault.load(&name)? {
                let bytes: [u8; 32] = secret.try_into().map_err(|_| {
                    AppError::KeyStore("kunci tanda tangan di penyimpanan kunci rusak".into())
                })?;
                return Ok(Some(DeviceSigner::from_secret(&bytes)));
            }
            if !create {
                return Ok(None);
            }
            let mut bytes = [0u8; 32];
            rand::rng().fill_bytes(&mut bytes);
            vault.store(&name, &bytes)?;
            Ok(Some(DeviceSigner::from_secret(&bytes)))
        })
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
    }

    /// This PC's signing key, inside a write transaction: read from the key store (or made and
    /// stored on first use), and trusted with a `kunci.dipercaya` entry the first time, so the
    /// central service and the office's other PCs learn to verify what it signs.
    pub(crate) async fn signer_in(
        &self,
        tx: &mut Tx,
        office: &Office,
    ) -> Result<DeviceSigner, AppError> {
        if let Some(s) = self
            .signer
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
        {
            return Ok(s);
        }
        let signer = self
            .load_signer(true)
            .await?
            .ok_or_else(|| AppError::KeyStore("kunci tidak dapat dibuat".into()))?;
        let public = public_key(&signer.key);
        if !tx.is_trusted(&signer.key_id, &public).await? {
            tx.trust_key(&signer.key_id, &public, KeyOrigin::Device, self.clock.now())
                .await?;
            let op = Op::KeyTrusted(KeyTrusted {
                key_id: signer.key_id.clone(),
                public_key: BASE64.encode(public),
                origin: KeyOrigin::Device,
            });
            self.append(tx, office, &Author::system(), &op, &signer)
                .await?;
            tracing::info!(
                key_id = signer.key_id,
                "proof-signing key of this PC trusted"
            );
        }
        *self.signer.lock().unwrap_or_else(|p| p.into_inner()) = Some(signer.clone());
        Ok(signer)
    }

    /// This PC's key as it stands in the key store, without making one: for checking the chain.
    pub(crate) async fn existing_signer(&self) -> Result<Option<DeviceSigner>, AppError> {
        if let Some(s) = self
            .signer
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
        {
            return Ok(Some(s));
        }
        self.load_signer(false).await
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
