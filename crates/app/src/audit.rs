//! The audit view: the outbox, newest first, readable by the office head and the admin.

use loket_domain::Permission;

use crate::auth::Actor;
use crate::error::AppError;
use crate::loket::Loket;
use crate::view::{AuditEntry, ChainCheck};

impl Loket {
    pub async fn audit_log(&self, actor: &Actor, limit: u32) -> Result<Vec<AuditEntry>, AppError> {
        actor.require(Permission::ViewAudit, "melihat log audit")?;
        let entries = self.store.outbox_latest(limit.clamp(1, 1000)).await?;
        Ok(entries
            .into_iter()
            .map(|e| AuditEntry {
                seq: u32::try_from(e.seq).unwrap_or(u32::MAX),
                summary: summarise(&e.op_type, &e.payload),
                id: e.id,
                actor: e.actor,
                occurred_local: e.occurred_local,
                occurred_utc: e.occurred_utc,
                op_type: e.op_type,
            })
            .collect())
    }
}

impl Loket {
    /// Recomputes the hash chain over the whole audit log and names the first entry that breaks it.
    pub async fn verify_audit_chain(&self, actor: &Actor) -> Result<ChainCheck, AppError> {
        actor.require(Permission::ViewAudit, "memeriksa log audit")?;
        Ok(chain_check(self.store.verify_chain().await?))
    }
}

/// The report in the officer's words.
pub fn chain_check(report: loket_store::ChainReport) -> ChainCheck {
    let entries = u32::try_from(report.entries).unwrap_or(u32::MAX);
    match report.first_broken {
        None => ChainCheck {
            entries,
            intact: true,
            broken_seq: None,
            message: format!(
                "Rantai log audit utuh: {entries} entri diperiksa, tidak ada yang diubah atau dihapus."
            ),
        },
        Some(b) => ChainCheck {
            entries,
            intact: false,
            broken_seq: u32::try_from(b.seq).ok(),
            message: format!(
                "Rantai log audit rusak mulai entri no. {}: {}.",
                b.seq, b.reason
            ),
        },
    }
}

/// One readable line per operation, from ids, codes and counts only: a booking's payload also
/// carries its applicants' personal data for the central service, which this view never shows.
fn summarise(op_type: &str, payload: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(payload).unwrap_or_default();
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("?").to_owned();
    match op_type {
        "setup.selesai" => format!(
            "PC diatur untuk kantor {}; admin {}",
            s("office"),
            s("admin")
        ),
        "auth.masuk" => "Berhasil masuk".into(),
        "auth.gagal_masuk" => format!(
            "Gagal masuk (percobaan ke-{})",
            v.get("percobaan").unwrap_or(&serde_json::Value::Null)
        ),
        "auth.akun_terkunci" => "Akun terkunci 5 menit setelah 5 kali gagal".into(),
        "pengguna.dibuat" => format!("Pengguna {} dibuat sebagai {}", s("username"), s("role")),
        "pengguna.dinonaktifkan" => "Pengguna dinonaktifkan".into(),
        "pengguna.diaktifkan" => "Pengguna diaktifkan kembali".into(),
        "pengguna.sandi_direset" => "Kata sandi pengguna direset".into(),
        "demo.dibuat" => format!(
            "Data demo dibuat: {} pemesanan",
            v.get("bookings").unwrap_or(&serde_json::Value::Null)
        ),
        "paspor_lama.dicatat" => format!("Paspor lama dicatat untuk pemesanan {}", s("code")),
        other => other.to_owned(),
    }
}
