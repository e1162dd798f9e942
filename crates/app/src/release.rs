//! Each office's release schedule: when approved quota opens to the public, in its own time zone.

use chrono::{NaiveTime, Weekday};
use loket_domain::Op;
use loket_domain::op::{ReleaseChanged, ReleaseSettingsOp};
use loket_domain::{Office, Permission, ReleaseSchedule};
use loket_store::ReleaseRow;

use crate::auth::Actor;
use crate::error::AppError;
use crate::loket::Loket;
use crate::view::ReleaseSettings;

fn time(text: &str) -> Result<NaiveTime, AppError> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| {
        AppError::Validation(loket_domain::text!(
            "Jam '{text}' tidak valid (format JJ:MM).",
            "The time '{text}' is not valid (write HH:MM)."
        ))
    })
}

fn weekday(n: u32) -> Result<Weekday, AppError> {
    u8::try_from(n)
        .ok()
        .and_then(|n| Weekday::try_from(n).ok())
        .ok_or_else(|| {
            AppError::Validation(loket_domain::text!(
                "Hari ke-{n} tidak valid (0 = Senin … 6 = Minggu).",
                "Day {n} is not valid (0 = Monday … 6 = Sunday)."
            ))
        })
}

/// The schedule a stored row describes; a row that no longer parses is refused, never guessed.
fn schedule_of(r: &ReleaseSettings) -> Result<ReleaseSchedule, AppError> {
    match r.kind.as_str() {
        "weekly" => ReleaseSchedule::parse_weekly(
            (weekday(r.open_day)?, time(&r.open_time)?),
            (weekday(r.close_day)?, time(&r.close_time)?),
        )
        .map_err(AppError::invalid),
        "monthly" => Ok(ReleaseSchedule::MonthlyLastWorkingDay {
            at: time(&r.monthly_time)?,
        }),
        other => Err(AppError::Validation(loket_domain::text!(
            "Jenis jadwal rilis '{other}' tidak dikenal (weekly atau monthly).",
            "The release schedule kind '{other}' is not known (weekly or monthly)."
        ))),
    }
}

fn recorded(s: &ReleaseSettings) -> ReleaseSettingsOp {
    ReleaseSettingsOp {
        kind: s.kind.clone(),
        open_day: s.open_day,
        open_time: s.open_time.clone(),
        close_day: s.close_day,
        close_time: s.close_time.clone(),
        monthly_time: s.monthly_time.clone(),
    }
}

fn settings_of(row: ReleaseRow) -> ReleaseSettings {
    let day = |d: i64| u32::try_from(d).unwrap_or(0);
    ReleaseSettings {
        kind: row.release_kind,
        open_day: day(row.release_open_day),
        open_time: row.release_open_time,
        close_day: day(row.release_close_day),
        close_time: row.release_close_time,
        monthly_time: row.release_monthly_time,
    }
}

impl Loket {
    pub async fn release_settings(&self, actor: &Actor) -> Result<ReleaseSettings, AppError> {
        actor.require(
            Permission::ViewOperations,
            ("melihat jadwal rilis", "view the release schedule"),
        )?;
        let office = self.office().await?;
        self.stored_release(&office).await
    }

    pub async fn set_release_settings(
        &self,
        actor: &Actor,
        input: &ReleaseSettings,
    ) -> Result<ReleaseSettings, AppError> {
        actor.require(
            Permission::ConfigureRelease,
            (
                "mengubah jadwal rilis kuota",
                "change the quota release schedule",
            ),
        )?;
        schedule_of(input)?;
        let office = self.office().await?;
        let before = self.stored_release(&office).await?;
        let row = ReleaseRow {
            release_kind: input.kind.clone(),
            release_open_day: i64::from(input.open_day),
            release_open_time: time(&input.open_time)?.format("%H:%M").to_string(),
            release_close_day: i64::from(input.close_day),
            release_close_time: time(&input.close_time)?.format("%H:%M").to_string(),
            release_monthly_time: time(&input.monthly_time)?.format("%H:%M").to_string(),
        };
        let mut tx = self.store.begin().await?;
        tx.set_release_settings(office.slug.as_str(), &row).await?;
        let after = settings_of(row);
        let op = Op::ReleaseChanged(ReleaseChanged {
            before: recorded(&before),
            after: recorded(&after),
        });
        self.record(&mut tx, &office, &actor.author()?, op).await?;
        tx.commit().await?;
        Ok(after)
    }

    /// The office's schedule; the seeds' weekly default until an office sets its own.
    pub(crate) async fn release_schedule(
        &self,
        office: &Office,
    ) -> Result<ReleaseSchedule, AppError> {
        schedule_of(&self.stored_release(office).await?)
    }

    async fn stored_release(&self, office: &Office) -> Result<ReleaseSettings, AppError> {
        Ok(
            match self.store.release_settings(office.slug.as_str()).await? {
                Some(row) => settings_of(row),
                None => ReleaseSettings {
                    kind: "weekly".into(),
                    open_day: 4,
                    open_time: "14:00".into(),
                    close_day: 6,
                    close_time: "16:00".into(),
                    monthly_time: "09:00".into(),
                },
            },
        )
    }
}
