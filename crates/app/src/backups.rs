//! Daily backups of this PC's database, and the admin's restore of one. A restore is checked
//! before it is offered (the file is whole, its audit chain verifies and is signed by this PC,
//! it is this PC's own database), staged, and swapped in by the next start, which begins a new
//! epoch and records the restore in the admin's name.

use std::path::{Path, PathBuf};
use std::time::Duration;

use loket_domain::op::BackupRestored;
use loket_domain::{Author, Office, Op, Permission, Text, text};
use loket_store::{BackupFile, RestoreFiles, StagedRestore, Store};

use crate::auth::Actor;
use crate::error::{AppError, Missing};
use crate::loket::Loket;
use crate::view::{BackupCheck, BackupItem, BackupsView};

impl Loket {
    /// Where backups go: the admin's choice, or `cadangan` beside the database.
    pub async fn backup_folder(&self) -> Result<PathBuf, AppError> {
        Ok(match self.store.backup_dir().await? {
            Some(dir) => PathBuf::from(dir),
            None => loket_store::default_backup_folder(self.store.path()),
        })
    }

    pub async fn backups(&self, actor: &Actor) -> Result<BackupsView, AppError> {
        actor.require(
            Permission::ManageBackups,
            ("melihat cadangan", "view the backups"),
        )?;
        let office = self.office().await?;
        let folder = self.backup_folder().await?;
        let (files, problem) = match loket_store::list_backups(&folder) {
            Ok(files) => (files, self.backup_problem()),
            Err(e) => (Vec::new(), Some(loket_domain::Bilingual::text(&e))),
        };
        Ok(BackupsView {
            folder: folder.display().to_string(),
            chosen: self.store.backup_dir().await?.is_some(),
            kept: loket_store::BACKUPS_KEPT as u32,
            files: files.iter().map(|f| item(&office, f)).collect(),
            problem,
        })
    }

    /// Sends backups to `folder` (`None`: back to the default), after checking that the folder can
    /// be written, and takes the first backup there at once, so the admin sees that it works.
    pub async fn set_backup_folder(
        &self,
        actor: &Actor,
        folder: Option<String>,
    ) -> Result<BackupsView, AppError> {
        actor.require(
            Permission::ManageBackups,
            ("memilih folder cadangan", "choose the backup folder"),
        )?;
        let chosen = folder
            .map(|f| f.trim().to_owned())
            .filter(|f| !f.is_empty());
        if let Some(dir) = &chosen {
            writable_folder(Path::new(dir))?;
        }
        self.store.set_backup_dir(chosen.as_deref()).await?;
        self.take_backup().await?;
        self.backups(actor).await
    }

    pub async fn back_up_now(&self, actor: &Actor) -> Result<BackupsView, AppError> {
        actor.require(
            Permission::ManageBackups,
            ("membuat cadangan", "take a backup"),
        )?;
        self.take_backup().await?;
        self.backups(actor).await
    }

    /// The day's backup, if none was taken yet on this office-local date (first start of the
    /// day, and the hourly worker for a PC left running overnight). Nothing on a PC not set up.
    pub async fn back_up_if_due(&self) -> Result<Option<BackupFile>, AppError> {
        let Ok(office) = self.office().await else {
            return Ok(None);
        };
        let today = office.local_date(self.clock.now());
        let folder = self.backup_folder().await?;
        let taken_today = loket_store::list_backups(&folder)?
            .iter()
            .any(|b| office.local_date(b.taken_utc) == today);
        if taken_today {
            return Ok(None);
        }
        self.take_backup().await.map(Some)
    }

    /// Takes the day's backup now and then every `every` when due, for as long as the app runs. A
    /// failure (a USB disk taken away) is logged and shown to the admin, and tried again.
    pub async fn run_backup_worker(self, every: Duration) {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            if let Err(e) = self.back_up_if_due().await {
                tracing::warn!(error = %e, "daily backup failed; trying again later");
            }
        }
    }

    async fn take_backup(&self) -> Result<BackupFile, AppError> {
        let folder = self.backup_folder().await?;
        let taken = self.store.back_up(&folder, self.clock.now()).await;
        *self
            .backup_problem
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = taken.as_ref().err().map(|e| {
            let (id, en) = (e.to_string(), loket_domain::Bilingual::en(e));
            text!(
                "Cadangan terakhir gagal dibuat: {id}",
                "The last backup could not be taken: {en}"
            )
        });
        Ok(taken?)
    }

    fn backup_problem(&self) -> Option<Text> {
        self.backup_problem
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Checks the backup `name` as a restore would use it: copied beside the database and opened
    /// there (migrated if it is older, refused if a newer Loket wrote it), `PRAGMA
    /// integrity_check`, the audit chain and its signature, and that it is this PC's own file.
    /// The checked copy stays staged until [`Loket::restore_backup`] confirms it.
    pub async fn check_backup(&self, actor: &Actor, name: &str) -> Result<BackupCheck, AppError> {
        self.checked(actor, name).await.map(|(_, check)| check)
    }

    /// The backup's file and what its check found.
    async fn checked(
        &self,
        actor: &Actor,
        name: &str,
    ) -> Result<(BackupFile, BackupCheck), AppError> {
        actor.require(
            Permission::ManageBackups,
            ("memeriksa cadangan", "check a backup"),
        )?;
        let office = self.office().await?;
        let folder = self.backup_folder().await?;
        let file =
            loket_store::find_backup(&folder, name)?.ok_or(AppError::NotFound(Missing::Backup))?;
        let files = RestoreFiles::beside(self.store.path());
        files.copy_in(&file.path)?;
        let checked = self.check_copy(&office, &file, &files.candidate).await;
        if !matches!(&checked, Ok(c) if c.restorable) {
            files.discard();
        }
        Ok((file, checked?))
    }

    async fn check_copy(
        &self,
        office: &Office,
        file: &BackupFile,
        candidate: &Path,
    ) -> Result<BackupCheck, AppError> {
        let copy = self.store.open_sibling(candidate).await?;
        let result = self.check_open_copy(office, file, &copy).await;
        // Flushed into the file itself, so the swap at the next start moves one file.
        let _ = copy.checkpoint().await;
        copy.close().await;
        result
    }

    async fn check_open_copy(
        &self,
        office: &Office,
        file: &BackupFile,
        copy: &Store,
    ) -> Result<BackupCheck, AppError> {
        let facts = copy.facts().await?;
        let integrity_ok = facts.integrity_ok;
        let ours = copy.device().await?.device_id == self.store.device().await?.device_id;
        let chain = Loket {
            store: copy.clone(),
            ..self.clone()
        }
        .chain_check()
        .await?;
        let here = self.store.last_seq().await?;
        let there = facts.last_seq;
        let missing = u32::try_from((here - there).max(0)).unwrap_or(u32::MAX);
        let restorable = integrity_ok && chain.intact && ours;
        let message = if !integrity_ok {
            text!(
                "Cadangan ini rusak (pemeriksaan keutuhan SQLite gagal) dan tidak dapat dipulihkan.",
                "This backup is damaged (SQLite's integrity check failed) and cannot be restored."
            )
        } else if !ours {
            text!(
                "Cadangan ini milik PC lain, bukan basis data PC ini. Memulihkannya akan membuat dua PC dengan identitas yang sama, jadi Loket menolaknya.",
                "This backup belongs to another PC, not to this PC's database. Restoring it would make two PCs with the same identity, so Loket refuses it."
            )
        } else if !chain.intact {
            let (id, en) = (&chain.message.id, &chain.message.en);
            text!(
                "Log audit di cadangan ini tidak utuh, jadi cadangan tidak dapat dipulihkan. {id}",
                "The audit log in this backup is not intact, so the backup cannot be restored. {en}"
            )
        } else if missing > 0 {
            text!(
                "Cadangan utuh. PC ini sudah mencatat {missing} entri sesudah cadangan ini dibuat; entri itu tidak ada di cadangan. Yang sudah terkirim ke pusat tetap ada di pusat dan dikirim kembali ke PC ini; yang belum terkirim hanya tersimpan di file lama, yang disimpan di sebelah basis data.",
                "The backup is whole. This PC has recorded {missing} entries since it was taken; they are not in it. Those already sent to the central stay there and come back to this PC; those not yet sent remain only in the old file, which is kept beside the database."
            )
        } else {
            text!(
                "Cadangan utuh dan memuat semua entri PC ini.",
                "The backup is whole and holds all of this PC's entries."
            )
        };
        let taken = item(office, file);
        Ok(BackupCheck {
            name: file.name.clone(),
            taken_date: taken.taken_date,
            taken_time: taken.taken_time,
            integrity_ok,
            own_device: ours,
            chain,
            entries: u32::try_from(there).unwrap_or(u32::MAX),
            bookings: u32::try_from(facts.bookings).unwrap_or(u32::MAX),
            last_entry_local: facts.last_entry_local,
            entries_missing: missing,
            restorable,
            message,
        })
    }

    /// Checks the backup again and, if it passes, confirms the restore: the next start of Loket
    /// swaps it in. The window then offers to restart now.
    pub async fn restore_backup(&self, actor: &Actor, name: &str) -> Result<BackupCheck, AppError> {
        let (file, check) = self.checked(actor, name).await?;
        if !check.restorable {
            return Err(AppError::rejected("backup.not_restorable", check.message));
        }
        RestoreFiles::beside(self.store.path()).confirm(&StagedRestore {
            backup: check.name.clone(),
            taken_utc: file.taken_utc,
            by: actor.author()?,
        })?;
        tracing::warn!(backup = %check.name, "restore confirmed; swapped in at the next start");
        Ok(check)
    }

    /// After a plain database was converted to an encrypted one: the backups taken before are
    /// encrypted too (a plain backup would hold what the encryption hides), and the officer is
    /// told. Returns how many backups were encrypted.
    pub async fn finish_encryption(&self) -> Result<usize, AppError> {
        if !self.store.encrypted_now() {
            return Ok(0);
        }
        let mut copies: Vec<PathBuf> = loket_store::list_backups(&self.backup_folder().await?)?
            .into_iter()
            .map(|f| f.path)
            .collect();
        // The copies taken before earlier updates, beside the database.
        let db = self.store.path();
        let prefix = format!(
            "{}.sebelum-",
            db.file_name()
                .map(|f| f.to_string_lossy())
                .unwrap_or_default()
        );
        if let Some(Ok(entries)) = db.parent().map(std::fs::read_dir) {
            copies.extend(
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| {
                        p.file_name().is_some_and(|n| {
                            let n = n.to_string_lossy();
                            n.starts_with(&prefix) && n.ends_with(".bak")
                        })
                    }),
            );
        }
        let mut done = 0;
        for copy in copies {
            if self.store.encrypt_copy(&copy).await? {
                done += 1;
            }
        }
        let notice = text!(
            "Basis data PC ini kini dienkripsi (SQLCipher, AES-256); kuncinya hanya ada di penyimpanan kunci sistem PC ini. {done} cadangan lama juga dienkripsi. Tidak ada data yang berubah.",
            "This PC's database is now encrypted (SQLCipher, AES-256); its key is only in this PC's system key store. {done} older backups were encrypted too. No data changed."
        );
        let mut slot = self
            .restore_notice
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        *slot = Some(match slot.take() {
            Some(before) => Text::new(
                format!("{} {}", notice.id, before.id),
                format!("{} {}", notice.en, before.en),
            ),
            None => notice,
        });
        Ok(done)
    }

    /// Whether a confirmed restore waits for the next start (the admin's "restart now").
    pub fn restore_waiting(&self, actor: &Actor) -> Result<bool, AppError> {
        actor.require(
            Permission::ManageBackups,
            ("memulai ulang Loket", "restart Loket"),
        )?;
        Ok(RestoreFiles::beside(self.store.path()).is_confirmed())
    }

    /// Records a restore that this start swapped in, in the name of the admin who confirmed it,
    /// right after the new epoch's entry.
    pub(crate) async fn record_restore(&self, office: &Office) -> Result<(), AppError> {
        let Some(staged) = self.store.staged_restore().cloned() else {
            return Ok(());
        };
        let restored_seq = self.store.restored().map_or(0, |r| r.restored_seq);
        let mut tx = self.store.begin().await?;
        let op = Op::BackupRestored(BackupRestored {
            backup: staged.backup,
            taken_utc: staged.taken_utc,
            restored_seq,
        });
        let by: Author = staged.by;
        self.record(&mut tx, office, &by, op).await?;
        tx.commit().await?;
        Ok(())
    }
}

fn item(office: &Office, file: &BackupFile) -> BackupItem {
    let local = office.local_time(file.taken_utc);
    BackupItem {
        name: file.name.clone(),
        taken_date: local.format("%Y-%m-%d").to_string(),
        taken_time: local.format("%H:%M").to_string(),
        kib: u32::try_from(file.bytes.div_ceil(1024)).unwrap_or(u32::MAX),
    }
}

/// A folder the admin typed: absolute, creatable, and writable (a file is written and removed).
fn writable_folder(dir: &Path) -> Result<(), AppError> {
    let shown = dir.display().to_string();
    if !dir.is_absolute() {
        return Err(AppError::Validation(text!(
            "Folder cadangan harus ditulis lengkap dari akarnya (misalnya /media/usb/cadangan atau E:\\cadangan), bukan '{shown}'.",
            "The backup folder must be a full path from its root (such as /media/usb/cadangan or E:\\cadangan), not '{shown}'."
        )));
    }
    let probe = dir.join(".loket-uji-tulis");
    let tried = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&probe, b"uji"))
        .and_then(|()| std::fs::remove_file(&probe));
    tried.map_err(|e| {
        let e = e.to_string();
        AppError::Validation(text!(
            "Folder cadangan {shown} tidak dapat ditulis ({e}). Periksa bahwa disk USB terpasang dan tidak dikunci, lalu coba lagi.",
            "The backup folder {shown} cannot be written ({e}). Check that the USB disk is plugged in and not write-protected, then try again."
        ))
    })
}
