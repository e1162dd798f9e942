//! A process-wide memory of sessions sold out.

use chrono::NaiveDate;
use loket_domain::SessionKind;

/// The sessions this process has seen sold out. A request for one is answered "penuh" without
/// touching the database: at the release rush most requests are for sessions already gone. Only
/// a cancellation or a quota change (which this process makes: a citizen's, or one an office's
/// push brings) gives seats back, and it takes its sessions out of the set in the same request,
/// so the set is never stale about "full".
#[derive(Debug, Default)]
pub struct SoldOut(std::sync::Mutex<std::collections::HashSet<(String, NaiveDate, SessionKind)>>);

impl SoldOut {
    pub(crate) fn contains(&self, office: &str, date: NaiveDate, session: SessionKind) -> bool {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).contains(&(
            office.to_owned(),
            date,
            session,
        ))
    }

    pub(crate) fn mark(&self, office: &str, date: NaiveDate, session: SessionKind) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert((office.to_owned(), date, session));
    }

    pub(crate) fn release(&self, office: &str, date: NaiveDate, session: SessionKind) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).remove(&(
            office.to_owned(),
            date,
            session,
        ));
    }

    /// Forgets every session of `office` (after its push changed quota or cancelled bookings).
    pub(crate) fn forget_office(&self, office: &str) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|(o, _, _)| o != office);
    }
}
