//! The months citizens look at, kept in memory between requests.
//!
//! At the release rush nearly every request reads a month of the same few offices; each read from
//! PostgreSQL is three queries. The facts of a month (its holidays, closures and quota rows) are
//! kept here and judged again at every request, with that request's "now" (so a release time
//! passing turns yellow into green without a refill) and with the sold-out set laid over them (so
//! a session sold out is red at once).
//!
//! Never stale about "full" in this process: every booking and cancellation this process makes
//! moves the cached seats by the same count after its commit, and the sold-out set, which a
//! booking that takes the last seat marks, is consulted at every read. Quota approved or holidays
//! added through this process drop the office's months (or all). What other processes write (a
//! second central process, the admin commands) is seen within [`FRESH_FOR`]; a session another
//! process sold out may show green for that long, and a booking on it is then answered "penuh" by
//! the conditional update, which is the only judge of seats.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use loket_domain::{Holiday, SessionKind};

use super::Seats;

/// How long a month's facts are trusted without reading them again.
pub const FRESH_FOR: Duration = Duration::from_secs(2);

/// What is stored about one office's month.
#[derive(Debug, Clone, Default)]
pub(crate) struct MonthFacts {
    pub holidays: HashMap<NaiveDate, Holiday>,
    pub closures: HashMap<NaiveDate, String>,
    pub quota: HashMap<(NaiveDate, SessionKind), Seats>,
}

type Key = (String, NaiveDate);

#[derive(Debug, Default)]
pub struct MonthCache(Mutex<HashMap<Key, (Instant, Arc<MonthFacts>)>>);

impl MonthCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, (Instant, Arc<MonthFacts>)>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The month starting `first` at `office`, if read less than [`FRESH_FOR`] ago.
    pub(crate) fn get(&self, office: &str, first: NaiveDate) -> Option<Arc<MonthFacts>> {
        let map = self.lock();
        let (at, facts) = map.get(&(office.to_owned(), first))?;
        (at.elapsed() < FRESH_FOR).then(|| facts.clone())
    }

    pub(crate) fn put(&self, office: &str, first: NaiveDate, facts: Arc<MonthFacts>) {
        let mut map = self.lock();
        // A month nobody asked for lately goes; the map stays the size of what is looked at.
        map.retain(|_, (at, _)| at.elapsed() < FRESH_FOR * 30);
        map.insert((office.to_owned(), first), (Instant::now(), facts));
    }

    /// A booking (`seats` > 0) or a cancellation (< 0) this process committed.
    pub(crate) fn booked(&self, office: &str, day: NaiveDate, session: SessionKind, seats: i32) {
        let mut map = self.lock();
        for ((o, first), (_, facts)) in map.iter_mut() {
            if o != office || day < *first || day >= first_of_next(*first) {
                continue;
            }
            if let Some(q) = Arc::make_mut(facts).quota.get_mut(&(day, session)) {
                q.online_booked += seats;
            }
        }
    }

    /// Quota or closures of `office` changed: its months are read again.
    pub(crate) fn forget_office(&self, office: &str) {
        self.lock().retain(|(o, _), _| o != office);
    }

    /// A national holiday changed: every month is read again.
    pub(crate) fn forget_all(&self) {
        self.lock().clear();
    }
}

fn first_of_next(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(NaiveDate::MAX)
}
