//! The audit view: the outbox, newest first, readable by the office head and the admin.

use loket_domain::op::CancelOrigin;
use loket_domain::{Bilingual, Op, Permission, Text, text};
use loket_store::ChainReport;

use crate::auth::Actor;
use crate::error::AppError;
use crate::loket::Loket;
use crate::view::{AuditEntry, ChainCheck};
use crate::wording::shown;

impl Loket {
    pub async fn audit_log(&self, actor: &Actor, limit: u32) -> Result<Vec<AuditEntry>, AppError> {
        actor.require(
            Permission::ViewAudit,
            ("melihat log audit", "view the audit log"),
        )?;
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
        actor.require(
            Permission::ViewAudit,
            ("memeriksa log audit", "check the audit log"),
        )?;
        self.chain_check().await
    }

    /// [`Loket::verify_audit_chain`] without a signed-in user: `loket --verify-audit`.
    pub async fn chain_check(&self) -> Result<ChainCheck, AppError> {
        let report = self.store.verify_chain().await?;
        let signature = self.head_signature(&report).await?;
        Ok(chain_check(report, signature))
    }

    /// Whether the head the entries end at is the one this PC signed, with its key.
    async fn head_signature(&self, report: &ChainReport) -> Result<Option<Text>, AppError> {
        let Some(head) = &report.head else {
            return Ok(None);
        };
        let Some(signed) = &report.signed else {
            return Ok(Some(text!(
                "kepala rantai tidak bertanda tangan PC ini (rantai disusun ulang di luar aplikasi)",
                "the chain's head is not signed by this PC (the chain was rebuilt outside the app)"
            )));
        };
        if signed.head != *head {
            let (signed_at, last) = (signed.head.seq, head.seq);
            return Ok(Some(text!(
                "tanda tangan PC ini menutup rantai di entri no. {signed_at}, bukan di entri terakhir no. {last}",
                "this PC's signature closes the chain at entry no. {signed_at}, not at the last entry, no. {last}"
            )));
        }
        let Some(signer) = self.existing_signer().await? else {
            return Ok(Some(text!(
                "kunci PC ini tidak ada di penyimpanan kunci sistem, tanda tangan tidak dapat diperiksa",
                "this PC's key is not in the system key store, so the signature cannot be checked"
            )));
        };
        if signer.key_id != signed.key_id || !signer.verifies_head(head, &signed.signature) {
            return Ok(Some(text!(
                "tanda tangan kepala rantai tidak cocok dengan kunci PC ini (rantai disusun ulang)",
                "the chain head's signature does not match this PC's key (the chain was rebuilt)"
            )));
        }
        Ok(None)
    }
}

/// The report in the officer's words; `signature` names what is wrong with the signed head.
pub fn chain_check(report: ChainReport, signature: Option<Text>) -> ChainCheck {
    let entries = u32::try_from(report.entries).unwrap_or(u32::MAX);
    let broken = report
        .first_broken
        .map(|b| (b.seq, b.reason.text()))
        .or_else(|| signature.map(|why| (report.head.as_ref().map_or(0, |h| h.seq), why)));
    match broken {
        None => ChainCheck {
            entries,
            intact: true,
            broken_seq: None,
            message: text!(
                "Rantai log audit utuh: {entries} entri diperiksa, tidak ada yang diubah atau dihapus.",
                "The audit log's chain is intact: {entries} entries checked, none changed or deleted."
            ),
        },
        Some((seq, reason)) => {
            let (id, en) = (&reason.id, &reason.en);
            ChainCheck {
                entries,
                intact: false,
                broken_seq: u32::try_from(seq).ok(),
                message: text!(
                    "Rantai log audit rusak mulai entri no. {seq}: {id}.",
                    "The audit log's chain is broken from entry no. {seq}: {en}."
                ),
            }
        }
    }
}

/// One readable line per operation, from ids, codes and counts only: a booking's payload also
/// carries its applicants' personal data for the central service, which this view never shows.
fn summarise(op_type: &str, payload: &str) -> Text {
    let Ok((_, op)) = Op::decode(op_type, payload) else {
        // Entries written before payloads were typed (or by a newer Loket): the type says enough.
        return Text::same(op_type);
    };
    match op {
        Op::SetupDone(o) => {
            let (office, counter, admin) = (&o.office, &o.counter, &o.admin_username);
            text!(
                "PC diatur untuk kantor {office} sebagai loket {counter}; admin {admin}",
                "PC set up for office {office} as counter {counter}; admin {admin}"
            )
        }
        Op::SignedIn(_) => Text::new("Berhasil masuk", "Signed in"),
        Op::SignInFailed(o) => {
            let n = o.attempt;
            text!(
                "Gagal masuk (percobaan ke-{n})",
                "Sign-in failed (attempt {n})"
            )
        }
        Op::AccountLocked(_) => Text::new(
            "Akun terkunci 5 menit setelah 5 kali gagal",
            "Account locked for 5 minutes after 5 failures",
        ),
        Op::UserCreated(o) => {
            let (name, role) = (&o.username, o.role.as_str());
            text!(
                "Pengguna {name} dibuat sebagai {role}",
                "User {name} created as {role}"
            )
        }
        Op::UserDisabled(_) => Text::new("Pengguna dinonaktifkan", "User disabled"),
        Op::UserEnabled(_) => Text::new("Pengguna diaktifkan kembali", "User enabled again"),
        Op::PasswordReset(_) => Text::new("Kata sandi pengguna direset", "User's password reset"),
        Op::DemoSeeded(o) => {
            let n = o.bookings;
            text!(
                "Data demo dibuat: {n} pemesanan",
                "Demo data created: {n} bookings"
            )
        }
        Op::KeyTrusted(o) => {
            let key = &o.key_id;
            text!(
                "Kunci tanda tangan {key} dipercaya",
                "Signing key {key} trusted"
            )
        }
        Op::EpochStarted(o) => {
            let (restored, epoch, known) = (o.restored_seq, o.epoch, o.known_seq);
            text!(
                "Basis data dipulihkan dari cadangan (sampai entri no. {restored}); epoch {epoch} dimulai setelah entri no. {known}",
                "Database restored from a backup (up to entry no. {restored}); epoch {epoch} starts after entry no. {known}"
            )
        }
        Op::OfficeClosed(o) => {
            let (date, n) = (shown(o.date), o.cancelled.len());
            text!(
                "Kantor ditutup {date}: {n} pemesanan dibatalkan",
                "Office closed on {date}: {n} bookings cancelled"
            )
        }
        Op::HolidayAdded(o) => {
            let (date, name, n) = (shown(o.date), &o.name, o.cancelled.len());
            text!(
                "Hari libur {date} ditambahkan ({name}): {n} pemesanan dibatalkan",
                "Holiday on {date} added ({name}): {n} bookings cancelled"
            )
        }
        Op::HolidayRemoved(o) => {
            let (date, name) = (shown(o.date), &o.name);
            text!(
                "Hari libur {date} dihapus ({name})",
                "Holiday on {date} removed ({name})"
            )
        }
        Op::ReleaseChanged(_) => Text::new(
            "Jadwal rilis kuota diubah",
            "Quota release schedule changed",
        ),
        Op::GraceChanged(o) => {
            let (before, after) = (o.before, o.after);
            text!(
                "Batas waktu tidak hadir diubah dari {before} menjadi {after} menit",
                "No-show grace time changed from {before} to {after} minutes"
            )
        }
        Op::LockIdleChanged(o) => {
            let (before, after) = (o.before, o.after);
            text!(
                "Layar terkunci sendiri setelah diam {after} menit (sebelumnya {before} menit)",
                "The screen locks itself after {after} idle minutes (was {before} minutes)"
            )
        }
        Op::BackupRestored(o) => {
            let (name, seq) = (&o.backup, o.restored_seq);
            text!(
                "Basis data dipulihkan dari cadangan {name} (sampai entri no. {seq})",
                "Database restored from backup {name} (up to entry no. {seq})"
            )
        }
        Op::ProposalDrafted(o) => {
            let n = o.days.len();
            text!(
                "Usulan kuota disusun: {n} sesi",
                "Quota proposal drafted: {n} sessions"
            )
        }
        Op::DraftEdited(o) => {
            let n = o.days.len();
            text!(
                "Draf usulan kuota diubah: {n} sesi",
                "Quota proposal draft changed: {n} sessions"
            )
        }
        Op::ProposalSubmitted(_) => Text::new(
            "Usulan kuota diajukan ke kepala kantor",
            "Quota proposal sent to the office head",
        ),
        Op::QuotaApproved(o) => {
            let n = o.days.len();
            text!("Kuota disetujui: {n} sesi", "Quota approved: {n} sessions")
        }
        Op::QuotaRejected(o) => {
            let n = o.days.len();
            text!(
                "Usulan kuota ditolak: {n} sesi",
                "Quota proposal rejected: {n} sessions"
            )
        }
        Op::WalkInBooked(o) => {
            let (code, n) = (&o.code, o.applicants.len());
            text!(
                "Walk-in {code} dibuat: {n} pemohon",
                "Walk-in {code} booked: {n} applicants"
            )
        }
        Op::ArrivalsRecorded(o) => {
            let code = &o.code;
            let numbers = o
                .arrivals
                .iter()
                .map(|a| a.queue_number.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            text!(
                "Kedatangan {code} dicatat: {numbers}",
                "Arrivals for {code} recorded: {numbers}"
            )
        }
        Op::NoShowsMarked(o) => {
            let n = o.applicants.len();
            text!(
                "{n} pemohon ditandai tidak hadir",
                "{n} applicants marked as no-shows"
            )
        }
        Op::NoShowReversed(_) => Text::new(
            "Tanda tidak hadir dibatalkan oleh kepala kantor",
            "No-show mark undone by the office head",
        ),
        Op::OldPassportRecorded(o) => {
            let code = &o.code;
            text!(
                "Paspor lama dicatat untuk pemesanan {code}",
                "Old passport recorded for booking {code}"
            )
        }
        Op::BookingCancelled(o) => {
            let code = &o.code;
            match o.origin {
                CancelOrigin::Pemohon => text!(
                    "Pemesanan {code} dibatalkan (atas permintaan pemohon)",
                    "Booking {code} cancelled (at the applicant's request)"
                ),
                CancelOrigin::Kantor => text!(
                    "Pemesanan {code} dibatalkan (oleh kantor)",
                    "Booking {code} cancelled (by the office)"
                ),
            }
        }
        Op::ConflictRead(_) => Text::new(
            "Catatan \"Perlu perhatian\" dari pusat ditandai sudah dibaca",
            "A \"Needs attention\" item from the central marked as read",
        ),
        Op::ArrivalsFromProof(p) => {
            let (code, n) = (&p.code, p.arrivals.len());
            text!(
                "{n} pemohon pemesanan {code} dicatat datang dari bukti bertanda tangan pusat (data pemesanan menyusul)",
                "{n} applicants of booking {code} checked in from the central-signed proof (the booking's data follows)"
            )
        }
        Op::SeatsReturned(r) => {
            let (n, date, sid, sen) = (
                r.seats,
                r.date.format("%d/%m/%Y").to_string(),
                r.session.to_string(),
                r.session.en(),
            );
            let (share_id, share_en) = match r.share {
                loket_domain::walkin::Share::Counter => ("loket", "counter"),
                loket_domain::walkin::Share::Priority => ("prioritas", "priority"),
            };
            text!(
                "{n} kursi {share_id} sesi {sid} {date} dikembalikan ke pusat untuk loket lain",
                "{n} {share_en} seats of the {sen} session on {date} given back to the central for other counters"
            )
        }
    }
}
