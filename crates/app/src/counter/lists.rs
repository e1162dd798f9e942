//! "Sesi Hari Ini" and any other date: the pagi and siang lists, and search across all dates.

use loket_domain::checkin::open_session;
use loket_domain::{Permission, SessionKind};

use super::group;
use crate::auth::Actor;
use crate::error::{AppError, Missing};
use crate::input::iso_date;
use crate::loket::Loket;
use crate::view::{BookingView, DayLists, SearchResults, SessionList, StatusCounts};

/// Search results shown at most; the officer narrows the query beyond that.
const SEARCH_LIMIT: u32 = 50;

fn counts(bookings: &[BookingView]) -> StatusCounts {
    let mut c = StatusCounts {
        applicants: 0,
        expected: 0,
        arrived: 0,
        no_show: 0,
        cancelled: 0,
    };
    for a in bookings.iter().flat_map(|b| &b.applicants) {
        c.applicants += 1;
        match a.status.as_str() {
            "expected" => c.expected += 1,
            "arrived" => c.arrived += 1,
            "no_show" => c.no_show += 1,
            _ => c.cancelled += 1,
        }
    }
    c
}

impl Loket {
    /// Both sessions of one office-local date with every booking and applicant.
    pub async fn day_lists(&self, actor: &Actor, date: &str) -> Result<DayLists, AppError> {
        actor.require(
            Permission::ViewOperations,
            ("melihat daftar sesi", "view session lists"),
        )?;
        let date = iso_date(date)?;
        let office = self.office().await?;
        let now = self.clock.now();
        let today = office.local_date(now);
        let schedule = self.schedule(&office).await?;
        let day = self
            .days_between(&office, date, date)
            .await?
            .pop()
            .ok_or_else(|| AppError::Internal("tanggal tidak ada di kalender".into()))?;
        let bookings = super::group(
            &office,
            self.store.applicants_on(office.slug.as_str(), date).await?,
        )?;
        let mut sessions = Vec::new();
        for kind in SessionKind::ALL {
            let in_session: Vec<BookingView> = bookings
                .iter()
                .filter(|b| b.session == kind)
                .cloned()
                .collect();
            let hours = schedule.hours(kind);
            let quota = match kind {
                SessionKind::Pagi => day.pagi.as_ref(),
                SessionKind::Siang => day.siang.as_ref(),
            };
            sessions.push(SessionList {
                session: kind,
                starts_at: hours.start().format("%H:%M").to_string(),
                ends_at: hours.end().format("%H:%M").to_string(),
                capacity: quota.map(|q| q.capacity),
                counts: counts(&in_session),
                last_queue: in_session
                    .iter()
                    .flat_map(|b| &b.applicants)
                    .filter(|a| a.queue_number.is_some())
                    .max_by(|x, y| x.arrived_at.cmp(&y.arrived_at))
                    .and_then(|a| a.queue_number.clone()),
                bookings: in_session,
            });
        }
        Ok(DayLists {
            date: date.to_string(),
            today: today.to_string(),
            open_session: (date == today).then(|| open_session(&schedule, office.local_time(now))),
            closed_reason: day.reason,
            sessions,
        })
    }

    /// Bookings on any date by code, NIK or name.
    pub async fn search_bookings(
        &self,
        actor: &Actor,
        query: &str,
    ) -> Result<SearchResults, AppError> {
        actor.require(
            Permission::ViewOperations,
            ("mencari pemesanan", "search bookings"),
        )?;
        let q = query.trim();
        if q.chars().count() < 3 {
            return Err(AppError::Validation(loket_domain::text!(
                "Ketik paling sedikit 3 huruf atau angka: kode pemesanan, NIK atau nama.",
                "Type at least 3 letters or digits: a booking code, a NIK or a name."
            )));
        }
        let office = self.office().await?;
        let rows = self
            .store
            .search_bookings(office.slug.as_str(), q, SEARCH_LIMIT + 1)
            .await?;
        let mut bookings = group(&office, rows)?;
        let truncated = bookings.len() > SEARCH_LIMIT as usize;
        bookings.truncate(SEARCH_LIMIT as usize);
        Ok(SearchResults {
            query: q.to_owned(),
            bookings,
            truncated,
        })
    }

    /// One booking by its code (typed when a proof is lost or unreadable).
    pub async fn booking(&self, actor: &Actor, code: &str) -> Result<BookingView, AppError> {
        actor.require(
            Permission::ViewOperations,
            ("melihat pemesanan", "view bookings"),
        )?;
        let office = self.office().await?;
        let code = code.trim().to_uppercase();
        group(
            &office,
            self.store
                .booking_by_code(office.slug.as_str(), &code)
                .await?,
        )?
        .pop()
        .ok_or(AppError::NotFound(Missing::Booking))
    }
}
