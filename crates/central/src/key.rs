//! The central service's Ed25519 key, which signs every online booking's proof in the same QR
//! format the counter verifies.

use std::path::Path;

use ed25519_dalek::SigningKey;
use loket_domain::proof::{DEMO_CENTRAL_KEY_ID, demo_central_key, public_key, signing_key};

pub struct CentralKey {
    pub key_id: String,
    pub key: SigningKey,
}

impl std::fmt::Debug for CentralKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret half.
        f.debug_struct("CentralKey")
            .field("key_id", &self.key_id)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("kunci tanda tangan {path} tidak dapat dibaca: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("kunci tanda tangan {path} harus 64 digit heksadesimal (32 byte)")]
    Format { path: String },
    #[error("kunci tanda tangan {path} tidak dapat ditulis: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

impl CentralKey {
    /// The demo central's key, which demo PCs trust (its seed is public: never for a real office).
    pub fn demo() -> Self {
        Self {
            key_id: DEMO_CENTRAL_KEY_ID.to_owned(),
            key: demo_central_key(),
        }
    }

    /// The key in `path` (64 hex digits); a missing file is created with a fresh key, readable by
    /// its owner only.
    pub fn load_or_create(path: &Path) -> Result<Self, KeyError> {
        let shown = path.display().to_string();
        let secret = match std::fs::read_to_string(path) {
            Ok(text) => {
                let bytes = hex::decode(text.trim()).map_err(|_| KeyError::Format {
                    path: shown.clone(),
                })?;
                <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| KeyError::Format {
                    path: shown.clone(),
                })?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut secret = [0u8; 32];
                rand::RngCore::fill_bytes(&mut rand::rng(), &mut secret);
                write_private(path, &hex::encode(secret)).map_err(|source| KeyError::Write {
                    path: shown.clone(),
                    source,
                })?;
                secret
            }
            Err(source) => {
                return Err(KeyError::Read {
                    path: shown,
                    source,
                });
            }
        };
        Ok(Self::from_secret(&secret))
    }

    fn from_secret(secret: &[u8; 32]) -> Self {
        let key = signing_key(secret);
        // Named after the public key, like a counter PC's: a new key is a new id.
        let key_id = format!("PUSAT-{}", hex::encode_upper(&public_key(&key)[..5]));
        Self { key_id, key }
    }

    pub fn public_key(&self) -> [u8; 32] {
        public_key(&self.key)
    }
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    file.sync_all()
}
