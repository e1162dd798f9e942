//! The audit view: the outbox, newest first, readable by the office head and the admin.

use loket_domain::op::CancelOrigin;
use loket_domain::{Op, Permission};
use loket_store::ChainReport;

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
    /// Recomputes the hash chain over the whole audit log, checks that it ends where this PC's
    /// sequence says and that its head carries this PC's signature, and names the first entry
    /// that breaks it.
    pub async fn verify_audit_chain(&self, actor: &Actor) -> Result<ChainCheck, AppError> {
        actor.require(Permission::ViewAudit, "memeriksa log audit")?;
        self.chain_check().await
    }

    /// [`Loket::verify_audit_chain`] without a signed-in user: `loket --verify-audit`.
    pub async fn chain_check(&self) -> Result<ChainCheck, AppError> {
        let report = self.store.verify_chain().await?;
        let signature = self.head_signature(&report).await?;
        Ok(chain_check(report, signature))
    }

    /// Whether the head the entries end at is the one this PC signed, with its key.
    async fn head_signature(&self, report: &ChainReport) -> Result<Option<String>, AppError> {
        let Some(head) = &report.head else {
            return Ok(None);
        };
        let Some(signed) = &report.signed else {
            return Ok(Some(
                "kepala rantai tidak bertanda tangan PC ini (rantai disusun ulang di luar aplikasi)".into(),
            ));
        };
        if signed.head != *head {
            return Ok(Some(format!(
                "tanda tangan PC ini menutup rantai di entri no. {}, bukan di entri terakhir no. {}",
                signed.head.seq, head.seq
            )));
        }
        let Some(signer) = self.existing_signer().await? else {
            return Ok(Some(
                "kunci PC ini tidak ada di penyimpanan kunci sistem, tanda tangan tidak dapat diperiksa".into(),
            ));
        };
        if signer.key_id != signed.key_id || !signer.verifies_head(head, &signed.signature) {
            return Ok(Some(
                "tanda tangan kepala rantai tidak cocok dengan kunci PC ini (rantai disusun ulang)"
                    .into(),
            ));
        }
        Ok(None)
    }
}

/// The report in the officer's words; `signature` names what is wrong with the signed head.
pub fn chain_check(report: ChainReport, signature: Option<String>) -> ChainCheck {
    let entries = u32::try_from(report.entries).unwrap_or(u32::MAX);
    let broken = report
        .first_broken
        .map(|b| (b.seq, b.reason))
        .or_else(|| signature.map(|why| (report.head.as_ref().map_or(0, |h| h.seq), why)));
    match broken {
        None => ChainCheck {
            entries,
            intact: true,
            broken_seq: None,
            message: format!(
                "Rantai log audit utuh: {entries} entri diperiksa, tidak ada yang diubah atau dihapus."
            ),
        },
        Some((seq, reason)) => ChainCheck {
            entries,
            intact: false,
            broken_seq: u32::try_from(seq).ok(),
            message: format!("Rantai log audit rusak mulai entri no. {seq}: {reason}."),
        },
    }
}

/// One readable line per operation, from ids, codes and counts only: a booking's payload also
/// carries its applicants' personal data for the central service, which this view never shows.
fn summarise(op_type: &str, payload: &str) -> String {
    let Ok((_, op)) = Op::decode(op_type, payload) else {
        // Entries written before payloads were typed (or by a newer Loket): the type says enough.
        return op_type.to_owned();
    };
    let date = |d: &chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    match op {
        Op::SetupDone(o) => format!(
            "PC diatur untuk kantor {} sebagai loket {}; admin {}",
            o.office, o.counter, o.admin_username
        ),
        Op::SignedIn(_) => "Berhasil masuk".into(),
        Op::SignInFailed(o) => format!("Gagal masuk (percobaan ke-{})", o.attempt),
        Op::AccountLocked(_) => "Akun terkunci 5 menit setelah 5 kali gagal".into(),
        Op::UserCreated(o) => format!("Pengguna {} dibuat sebagai {}", o.username, o.role.as_str()),
        Op::UserDisabled(_) => "Pengguna dinonaktifkan".into(),
        Op::UserEnabled(_) => "Pengguna diaktifkan kembali".into(),
        Op::PasswordReset(_) => "Kata sandi pengguna direset".into(),
        Op::DemoSeeded(o) => format!("Data demo dibuat: {} pemesanan", o.bookings),
        Op::KeyTrusted(o) => format!("Kunci tanda tangan {} dipercaya", o.key_id),
        Op::EpochStarted(o) => format!(
            "Basis data dipulihkan dari cadangan (sampai entri no. {}); epoch {} dimulai setelah entri no. {}",
            o.restored_seq, o.epoch, o.known_seq
        ),
        Op::OfficeClosed(o) => format!(
            "Kantor ditutup {}: {} pemesanan dibatalkan",
            date(&o.date),
            o.cancelled.len()
        ),
        Op::HolidayAdded(o) => format!(
            "Hari libur {} ditambahkan ({}): {} pemesanan dibatalkan",
            date(&o.date),
            o.name,
            o.cancelled.len()
        ),
        Op::HolidayRemoved(o) => format!("Hari libur {} dihapus ({})", date(&o.date), o.name),
        Op::ReleaseChanged(_) => "Jadwal rilis kuota diubah".into(),
        Op::GraceChanged(o) => format!(
            "Batas waktu tidak hadir diubah dari {} menjadi {} menit",
            o.before, o.after
        ),
        Op::ProposalDrafted(o) => format!("Usulan kuota disusun: {} sesi", o.days.len()),
        Op::DraftEdited(o) => format!("Draf usulan kuota diubah: {} sesi", o.days.len()),
        Op::ProposalSubmitted(_) => "Usulan kuota diajukan ke kepala kantor".into(),
        Op::QuotaApproved(o) => format!("Kuota disetujui: {} sesi", o.days.len()),
        Op::QuotaRejected(o) => format!("Usulan kuota ditolak: {} sesi", o.days.len()),
        Op::WalkInBooked(o) => format!("Walk-in {} dibuat: {} pemohon", o.code, o.applicants.len()),
        Op::ArrivalsRecorded(o) => format!(
            "Kedatangan {} dicatat: {}",
            o.code,
            o.arrivals
                .iter()
                .map(|a| a.queue_number.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Op::NoShowsMarked(o) => format!("{} pemohon ditandai tidak hadir", o.applicants.len()),
        Op::NoShowReversed(_) => "Tanda tidak hadir dibatalkan oleh kepala kantor".into(),
        Op::OldPassportRecorded(o) => format!("Paspor lama dicatat untuk pemesanan {}", o.code),
        Op::BookingCancelled(o) => format!(
            "Pemesanan {} dibatalkan ({})",
            o.code,
            match o.origin {
                CancelOrigin::Pemohon => "atas permintaan pemohon",
                CancelOrigin::Kantor => "oleh kantor",
            }
        ),
    }
}
