//! The key the database is encrypted with. It lives only in the OS key store (the same vault as
//! this PC's signing key); the data folder holds just a random id naming it (`loket.db.kunci`), so
//! a copied folder, a lost laptop or a backup on a USB disk reveals nothing without the PC's key
//! store. Without a key store Loket does not start: it never creates or keeps a plain database.

use std::path::{Path, PathBuf};

use loket_domain::text;
use loket_store::DbKey;
use rand::RngCore;

use crate::error::AppError;
use crate::keys::KeyVault;

fn id_file(db: &Path) -> PathBuf {
    let name = db
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "loket.db".into());
    db.with_file_name(format!("{name}.kunci"))
}

fn vault_name(id: &str) -> String {
    format!("database-{id}")
}

fn unavailable(e: &AppError) -> AppError {
    // The key store's own words, for IT; the sentence around them is the officer's.
    let detail = match e {
        AppError::KeyStore(words) => words.clone(),
        other => other.to_string(),
    };
    AppError::Rejected {
        code: "keystore.unavailable",
        message: text!(
            "Penyimpanan kunci sistem tidak dapat dipakai. Basis data Loket dienkripsi dengan kunci yang hanya disimpan di sana, jadi Loket tidak dimulai: tanpa kunci itu data tidak dapat dibuka, dan Loket tidak membuat basis data tanpa enkripsi. Hubungi admin TI (di Linux: layanan Secret Service seperti gnome-keyring harus berjalan; di Windows: Credential Manager). Keterangan teknis: {detail}",
            "The system key store cannot be used. Loket's database is encrypted with a key kept only there, so Loket does not start: without that key the data cannot be opened, and Loket never creates an unencrypted database. Ask the IT admin (on Linux a Secret Service such as gnome-keyring must be running; on Windows, the Credential Manager). Technical detail: {detail}"
        ),
    }
}

/// The key of the database at `db`: read from the vault, or made and stored there on the first
/// start (before the database exists, so no data is ever written without it).
pub fn database_key(vault: &dyn KeyVault, db: &Path) -> Result<DbKey, AppError> {
    let ids = id_file(db);
    match std::fs::read_to_string(&ids) {
        Ok(id) => {
            let id = id.trim();
            let secret = vault.load(&vault_name(id)).map_err(|e| unavailable(&e))?;
            let Some(secret) = secret else {
                let (file, id) = (db.display().to_string(), id.to_owned());
                return Err(AppError::Rejected {
                    code: "keystore.key_missing",
                    message: text!(
                        "Kunci basis data {file} (kunci {id}) tidak ada di penyimpanan kunci sistem PC ini. Tanpa kunci itu data tidak dapat dibuka; Loket tidak membuat basis data baru agar tidak ada yang tertimpa. Hubungi admin TI: pulihkan penyimpanan kunci PC ini.",
                        "The key of the database {file} (key {id}) is not in this PC's system key store. Without it the data cannot be opened; Loket does not create a new database, so that nothing is overwritten. Ask the IT admin to restore this PC's key store."
                    ),
                });
            };
            DbKey::from_bytes(&secret).ok_or_else(|| {
                AppError::KeyStore(format!("kunci basis data rusak ({} byte)", secret.len()))
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut id = [0u8; 8];
            let mut secret = [0u8; DbKey::LEN];
            rand::rng().fill_bytes(&mut id);
            rand::rng().fill_bytes(&mut secret);
            let id = hex::encode(id);
            vault
                .store(&vault_name(&id), &secret)
                .map_err(|e| unavailable(&e))?;
            // Read back: a vault that accepts and forgets (a key store that is not really
            // running) would otherwise lock the data away at the next start.
            match vault.load(&vault_name(&id)) {
                Ok(Some(back)) if back == secret => {}
                Ok(_) => {
                    return Err(unavailable(&AppError::KeyStore(
                        "kunci yang disimpan tidak terbaca kembali".into(),
                    )));
                }
                Err(e) => return Err(unavailable(&e)),
            }
            let partial = ids.with_extension("kunci.sebagian");
            std::fs::write(&partial, format!("{id}\n"))
                .and_then(|()| std::fs::File::open(&partial)?.sync_all())
                .and_then(|()| std::fs::rename(&partial, &ids))
                .map_err(|e| AppError::Internal(format!("{}: {e}", ids.display())))?;
            tracing::info!("database key created in the system key store");
            DbKey::from_bytes(&secret).ok_or_else(|| AppError::Internal("panjang kunci".into()))
        }
        Err(e) => Err(AppError::Internal(format!("{}: {e}", ids.display()))),
    }
}
