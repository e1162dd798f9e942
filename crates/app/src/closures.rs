//! Closing a date: an office closure (the kepala kantor) or a holiday added by decree (the admin).
//! Bookings already on that date are cancelled by the office, with the reason, and listed so the
//! office can tell the applicants; nothing is closed without a reason.

use chrono::NaiveDate;
use loket_domain::Op;
use loket_domain::op::{HolidayAdded, HolidayRemoved, OfficeClosed};
use loket_domain::{Holiday, HolidayKind, Office, Permission, SessionKind};
use loket_store::{AffectedBooking, StoreError};

use crate::auth::Actor;
use crate::error::{AppError, Missing};
use crate::input::iso_date;
use crate::loket::Loket;
use crate::view::{AffectedBookingView, ClosureResult, HolidayInput};

fn required_reason(reason: &str) -> Result<&str, AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::Validation(loket_domain::text!(
            "Alasan penutupan wajib diisi.",
            "Give the reason for the closure."
        )));
    }
    Ok(reason)
}

fn booking_ids(cancelled: &[loket_store::AffectedBooking]) -> Result<Vec<uuid::Uuid>, AppError> {
    cancelled.iter().map(|b| crate::auth::id(&b.id)).collect()
}

impl Loket {
    /// The bookings a closure of `date` would cancel, to show before the head confirms.
    pub async fn closure_preview(
        &self,
        actor: &Actor,
        date: &str,
    ) -> Result<Vec<AffectedBookingView>, AppError> {
        actor.require(
            Permission::CloseOffice,
            ("menutup layanan kantor", "close the office's service"),
        )?;
        let office = self.office().await?;
        self.affected(&office, iso_date(date)?).await
    }

    pub async fn close_date(
        &self,
        actor: &Actor,
        date: &str,
        reason: &str,
    ) -> Result<ClosureResult, AppError> {
        actor.require(
            Permission::CloseOffice,
            ("menutup layanan kantor", "close the office's service"),
        )?;
        let reason = required_reason(reason)?;
        let office = self.office().await?;
        let day = self.future_date(&office, date)?;
        let mut tx = self.store.begin().await?;
        tx.insert_closure(office.slug.as_str(), day, reason)
            .await
            .map_err(|e| match e {
                StoreError::AlreadyExists => {
                    let day = crate::wording::shown(day);
                    AppError::Conflict(loket_domain::text!(
                        "Tanggal {day} sudah ditutup.",
                        "{day} is already closed."
                    ))
                }
                e => e.into(),
            })?;
        let cancelled = tx
            .cancel_bookings_on(office.slug.as_str(), day, &actor.username, reason)
            .await?;
        let op = Op::OfficeClosed(OfficeClosed {
            date: day,
            reason: reason.to_owned(),
            cancelled: booking_ids(&cancelled)?,
        });
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        tx.commit().await?;
        Ok(ClosureResult {
            date: day.to_string(),
            cancelled: views(cancelled)?,
        })
    }

    /// Adds a national holiday or cuti bersama (a decree was amended); bookings on it are cancelled.
    pub async fn add_holiday(
        &self,
        actor: &Actor,
        input: &HolidayInput,
    ) -> Result<ClosureResult, AppError> {
        actor.require(
            Permission::ManageHolidays,
            ("mengubah hari libur", "change holidays"),
        )?;
        let office = self.office().await?;
        let day = self.future_date(&office, &input.date)?;
        let kind = HolidayKind::try_from(input.kind.as_str()).map_err(AppError::invalid)?;
        let holiday =
            Holiday::parse(day, kind, &input.name, &input.decree).map_err(AppError::invalid)?;
        let reason = format!("{} ({})", holiday.name, kind_label(kind));
        let mut tx = self.store.begin().await?;
        tx.insert_holiday(day, kind.as_str(), &holiday.name, &holiday.decree)
            .await
            .map_err(|e| match e {
                StoreError::AlreadyExists => {
                    let (name, day) = (&holiday.name, crate::wording::shown(day));
                    AppError::Conflict(loket_domain::text!(
                        "Hari libur '{name}' pada {day} sudah ada.",
                        "The holiday '{name}' on {day} already exists."
                    ))
                }
                e => e.into(),
            })?;
        let cancelled = tx
            .cancel_bookings_on(office.slug.as_str(), day, &actor.username, &reason)
            .await?;
        let op = Op::HolidayAdded(HolidayAdded {
            date: day,
            kind,
            name: holiday.name.clone(),
            decree: holiday.decree.clone(),
            cancelled: booking_ids(&cancelled)?,
        });
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        tx.commit().await?;
        Ok(ClosureResult {
            date: day.to_string(),
            cancelled: views(cancelled)?,
        })
    }

    /// Removes a holiday (a decree moved it); the date becomes a working day again.
    pub async fn remove_holiday(
        &self,
        actor: &Actor,
        date: &str,
        name: &str,
    ) -> Result<(), AppError> {
        actor.require(
            Permission::ManageHolidays,
            ("mengubah hari libur", "change holidays"),
        )?;
        let office = self.office().await?;
        let day = iso_date(date)?;
        let mut tx = self.store.begin().await?;
        if !tx.delete_holiday(day, name).await? {
            return Err(AppError::NotFound(Missing::Holiday));
        }
        let op = Op::HolidayRemoved(HolidayRemoved {
            date: day,
            name: name.to_owned(),
        });
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        tx.commit().await?;
        Ok(())
    }

    fn future_date(&self, office: &Office, text: &str) -> Result<NaiveDate, AppError> {
        let day = iso_date(text)?;
        if day < office.local_date(self.clock.now()) {
            return Err({
                let day = crate::wording::shown(day);
                AppError::Validation(loket_domain::text!(
                    "Tanggal {day} sudah lewat.",
                    "{day} has already passed."
                ))
            });
        }
        Ok(day)
    }

    async fn affected(
        &self,
        office: &Office,
        day: NaiveDate,
    ) -> Result<Vec<AffectedBookingView>, AppError> {
        views(
            self.store
                .active_bookings_on(office.slug.as_str(), day)
                .await?,
        )
    }
}

fn views(rows: Vec<AffectedBooking>) -> Result<Vec<AffectedBookingView>, AppError> {
    rows.into_iter()
        .map(|b| {
            Ok(AffectedBookingView {
                session: SessionKind::try_from(b.session.as_str())
                    .map_err(|e| AppError::Internal(e.to_string()))?,
                code: b.code,
                channel: b.channel,
                applicants: u32::try_from(b.applicants).unwrap_or(0),
            })
        })
        .collect()
}

fn kind_label(kind: HolidayKind) -> &'static str {
    match kind {
        HolidayKind::LiburNasional => "libur nasional",
        HolidayKind::CutiBersama => "cuti bersama",
    }
}

impl Loket {
    /// Writes the bookings the office cancelled on `date` to a CSV file in `dir` (UTF-8 with BOM and
    /// `;` separators, so a double-click opens it correctly in a spreadsheet with Indonesian
    /// settings) and returns its path. The file holds names for calling applicants: it is office
    /// work, not a log.
    pub async fn export_cancelled_csv(
        &self,
        actor: &Actor,
        date: &str,
        dir: &std::path::Path,
    ) -> Result<std::path::PathBuf, AppError> {
        actor.require(
            Permission::CloseOffice,
            (
                "mengekspor daftar pembatalan",
                "export the cancellation list",
            ),
        )?;
        let office = self.office().await?;
        let day = iso_date(date)?;
        let rows = self
            .store
            .cancelled_by_office_on(office.slug.as_str(), day)
            .await?;
        if rows.is_empty() {
            return Err(AppError::NotFound(Missing::CancelledOnDate));
        }
        let field = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let mut csv =
            String::from("\u{feff}kode;tanggal;sesi;kanal;jumlah_pemohon;pemohon_utama;alasan\r\n");
        for r in &rows {
            let line = [
                field(&r.code),
                field(&r.date),
                field(&r.session),
                field(&r.channel),
                r.applicants.to_string(),
                field(&r.principal),
                field(&r.reason),
            ]
            .join(";");
            csv.push_str(&line);
            csv.push_str("\r\n");
        }
        std::fs::create_dir_all(dir)
            .map_err(|e| AppError::Internal(format!("folder ekspor: {e}")))?;
        let path = dir.join(format!("pembatalan-{}-{day}.csv", office.slug.as_str()));
        std::fs::write(&path, csv)
            .map_err(|e| AppError::Internal(format!("menulis {}: {e}", path.display())))?;
        Ok(path)
    }
}
