use std::sync::{Arc, Mutex};

use chrono::NaiveTime;
use loket_domain::{
    Author, Office, OfficeCatalog, OfficeSchedule, Op, RegionCatalog, SessionHours, Text,
};
use loket_store::{OutboxRecord, Store, Tx};

use crate::clock::Clock;
use crate::error::AppError;
use crate::keys::{DeviceSigner, KeyVault};

/// The application: the store, the clock and the reference catalogues, passed explicitly to
/// whoever needs them (no global state).
#[derive(Debug, Clone)]
pub struct Loket {
    pub(crate) store: Store,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) offices: Arc<OfficeCatalog>,
    pub(crate) regions: Arc<RegionCatalog>,
    pub(crate) vault: Arc<dyn KeyVault>,
    /// This PC's signing key once read from the key store (it signs proofs and the chain head).
    pub(crate) signer: Arc<Mutex<Option<DeviceSigner>>>,
    /// Set when this start found the database restored from an older copy and began a new epoch;
    /// the window tells the officer.
    pub(crate) restore_notice: Arc<Mutex<Option<Text>>>,
    /// Why the last backup failed, until one succeeds (shown to the admin).
    pub(crate) backup_problem: Arc<Mutex<Option<Text>>>,
    /// How long saving a walk-in waits for seats it asked the central for.
    pub(crate) seat_wait: std::time::Duration,
}

impl Loket {
    pub fn new(
        store: Store,
        clock: Arc<dyn Clock>,
        vault: Arc<dyn KeyVault>,
    ) -> Result<Self, AppError> {
        let offices = OfficeCatalog::embedded().map_err(|e| AppError::Internal(e.to_string()))?;
        let regions = RegionCatalog::embedded().map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(Self {
            store,
            clock,
            offices: Arc::new(offices),
            regions: Arc::new(regions),
            vault,
            signer: Arc::new(Mutex::new(None)),
            restore_notice: Arc::new(Mutex::new(None)),
            backup_problem: Arc::new(Mutex::new(None)),
            seat_wait: crate::sync::SEAT_WAIT,
        })
    }

    /// Waits at most `wait` for seats asked for while saving a walk-in (a simulation that drives
    /// every PC's sync itself sets 0: the ask goes out with the next sync it runs).
    pub fn with_seat_wait(mut self, wait: std::time::Duration) -> Self {
        self.seat_wait = wait;
        self
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn offices(&self) -> &OfficeCatalog {
        &self.offices
    }

    pub fn regions(&self) -> &RegionCatalog {
        &self.regions
    }

    /// The office this PC belongs to.
    pub async fn office(&self) -> Result<Office, AppError> {
        let slug = self
            .store
            .device()
            .await?
            .office_slug
            .ok_or(AppError::SetupRequired)?;
        Ok(self.offices.get(&slug)?.clone())
    }

    pub(crate) async fn schedule(&self, office: &Office) -> Result<OfficeSchedule, AppError> {
        let Some(row) = self.store.office_settings(office.slug.as_str()).await? else {
            return Ok(OfficeSchedule::default());
        };
        let corrupt =
            |what: &str| AppError::Internal(format!("pengaturan jam layanan rusak ({what})"));
        let time = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").map_err(|_| corrupt(s));
        let hours = |a: &str, b: &str| -> Result<SessionHours, AppError> {
            SessionHours::parse(time(a)?, time(b)?).map_err(|e| AppError::Internal(e.to_string()))
        };
        let mut days = [false; 7];
        for (i, c) in row.working_days.chars().take(7).enumerate() {
            days[i] = c == '1';
        }
        OfficeSchedule::parse(
            hours(&row.pagi_start, &row.pagi_end)?,
            hours(&row.siang_start, &row.siang_end)?,
            days,
        )
        .map_err(|e| AppError::Internal(e.to_string()))
    }

    /// A database written before chain heads were signed gets its head signed once, at the first
    /// start after the upgrade (the store remembers that it was done, so nulling a signature later
    /// never gets it signed again).
    pub async fn adopt_unsigned_chain_head(&self) -> Result<(), AppError> {
        let mut tx = self.store.begin().await?;
        if tx.take_head_adoption().await?
            && let (Some(head), Ok(office)) = (tx.chain_tail().await?, self.office().await)
        {
            let signer = self.signer_in(&mut tx, &office).await?;
            // Trusting a new key appends (and signs) an entry itself; sign the tail as it is now.
            let head = tx.chain_tail().await?.unwrap_or(head);
            tx.sign_head(&head, &signer.key_id, &signer.sign_head(&head))
                .await?;
            tracing::info!(
                seq = head.seq,
                "audit chain from before signed heads: head signed"
            );
        }
        tx.commit().await?;
        Ok(())
    }

    /// When the store found the file restored from an older copy: starts a new epoch whose
    /// sequence numbers continue after the last one this PC had written, records it, and keeps a
    /// notice for the window. Does nothing on a PC not set up yet (nothing to number).
    pub async fn start_epoch_if_restored(&self) -> Result<Option<Text>, AppError> {
        let Some(restored) = self.store.restored().cloned() else {
            return Ok(None);
        };
        let Ok(office) = self.office().await else {
            return Ok(None);
        };
        let mut tx = self.store.begin().await?;
        let epoch = tx.start_epoch(restored.known.seq).await?;
        let op = Op::EpochStarted(loket_domain::op::EpochStarted {
            epoch: u32::try_from(epoch).unwrap_or(u32::MAX),
            restored_seq: restored.restored_seq,
            known_seq: restored.known.seq,
        });
        self.record(&mut tx, &office, &Author::system(), op).await?;
        tx.commit().await?;
        self.record_restore(&office).await?;
        let lost = restored.known.seq - restored.restored_seq;
        let (first, last, next) = (
            restored.restored_seq + 1,
            restored.known.seq,
            restored.known.seq + 1,
        );
        let notice = if let (Some(staged), 0) = (self.store.staged_restore(), lost) {
            let (name, by) = (&staged.backup, &staged.by.name);
            loket_domain::text!(
                "Cadangan {name} dipulihkan atas permintaan {by}. Cadangan ini memuat semua entri PC \
                 ini, jadi tidak ada yang hilang. Loket memulai epoch {epoch}; nomor entri berikutnya \
                 no. {next}.",
                "Backup {name} was restored at the request of {by}. It holds all of this PC's \
                 entries, so nothing is missing. Loket starts epoch {epoch}; the next entry is \
                 no. {next}."
            )
        } else {
            let source = match self.store.staged_restore() {
                Some(s) => {
                    let (name, by) = (&s.backup, &s.by.name);
                    loket_domain::text!(
                        "dari cadangan {name} atas permintaan {by}",
                        "from backup {name} at the request of {by}"
                    )
                }
                None => loket_domain::text!("dari salinan yang lebih lama", "from an older copy"),
            };
            let (src_id, src_en) = (&source.id, &source.en);
            loket_domain::text!(
                "Basis data ini dipulihkan {src_id}: {lost} entri terakhir PC ini \
                 (no. {first} sampai {last}) tidak ada di dalamnya. Loket memulai epoch {epoch}; nomor entri \
                 berikutnya melanjutkan dari no. {next}, jadi tidak ada nomor yang dipakai dua kali. \
                 Periksa kembali pemesanan dan kedatangan hari ini.",
                "This database was restored {src_en}: this PC's last {lost} entries \
                 (no. {first} to {last}) are not in it. Loket starts epoch {epoch}; the next entry \
                 number continues from no. {next}, so no number is used twice. \
                 Check today's bookings and arrivals again."
            )
        };
        tracing::warn!(
            epoch,
            lost,
            "database restored from an older copy: new epoch"
        );
        *self
            .restore_notice
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(notice.clone());
        Ok(Some(notice))
    }

    /// Appends the outbox entry of a change, stamped with UTC and the office's local time, and
    /// signs the chain's new head with this PC's key.
    pub(crate) async fn record(
        &self,
        tx: &mut Tx,
        office: &Office,
        by: &Author,
        op: Op,
    ) -> Result<OutboxRecord, AppError> {
        let signer = self.signer_in(tx, office).await?;
        self.append(tx, office, by, &op, &signer).await
    }

    /// The entry and its signed head, with a signer already in hand.
    pub(crate) async fn append(
        &self,
        tx: &mut Tx,
        office: &Office,
        by: &Author,
        op: &Op,
        signer: &DeviceSigner,
    ) -> Result<OutboxRecord, AppError> {
        let now = self.clock.now();
        let record = tx.record(by, now, office.local_time(now), op).await?;
        let signature = signer.sign_head(&record.head);
        tx.sign_head(&record.head, &signer.key_id, &signature)
            .await?;
        Ok(record)
    }
}
