//! The home screen: today's pagi and siang at a glance, in the office's own time zone.

use loket_domain::{Permission, SessionKind};

use crate::auth::Actor;
use crate::error::AppError;
use crate::loket::Loket;
use crate::view::{HomeToday, OfficeView, SessionSummary};

impl Loket {
    pub async fn home_today(&self, actor: &Actor) -> Result<HomeToday, AppError> {
        actor.require(
            Permission::ViewOperations,
            ("melihat beranda", "view the home screen"),
        )?;
        let office = self.office().await?;
        let now = self.clock.now();
        let today = office.local_date(now);
        let schedule = self.schedule(&office).await?;
        let day = self
            .days_between(&office, today, today)
            .await?
            .pop()
            .ok_or_else(|| AppError::Internal("hari ini tidak ada di kalender".into()))?;
        let mut sessions = Vec::new();
        for kind in SessionKind::ALL {
            let counts = self
                .store
                .session_counts(office.slug.as_str(), today, kind)
                .await?;
            let quota = match kind {
                SessionKind::Pagi => day.pagi.as_ref(),
                SessionKind::Siang => day.siang.as_ref(),
            };
            let hours = schedule.hours(kind);
            let n = |v: i64| u32::try_from(v).unwrap_or(0);
            sessions.push(SessionSummary {
                session: kind,
                starts_at: hours.start().format("%H:%M").to_string(),
                ends_at: hours.end().format("%H:%M").to_string(),
                capacity: quota.map_or(0, |q| q.capacity),
                booked: n(counts.booked),
                arrived: n(counts.arrived),
                no_show: n(counts.no_show),
                expected: n(counts.expected),
            });
        }
        Ok(HomeToday {
            date: today.to_string(),
            now_local: office.local_time(now).format("%H:%M").to_string(),
            office: OfficeView::from(&office),
            colour: day.colour,
            holiday_name: day.reason,
            sessions,
        })
    }
}
