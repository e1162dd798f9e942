//! The seats this PC holds of the office's counter and priority shares (escrow), app side: giving
//! back what the central recalls, asking for seats for a family at the counter, and waiting a
//! moment for them while the central is reachable.

use std::time::Duration as StdDuration;

use chrono::{Duration, NaiveDate};
use loket_domain::op::SeatsReturned;
use loket_domain::seats::free_seats;
use loket_domain::walkin::Share;
use loket_domain::{Author, Op, SessionKind};
use loket_sync::SeatWant;

use crate::error::AppError;
use crate::loket::Loket;
use crate::view::SeatView;

/// A PC whose last pull is at most this old counts as reachable: asking for seats is worth a wait.
pub const ONLINE_WITHIN: Duration = Duration::seconds(30);
/// How long saving a walk-in waits for seats it asked for (other counters give theirs back
/// within a second or two while they are online).
pub const SEAT_WAIT: StdDuration = StdDuration::from_secs(6);
/// An ask older than this is dropped: the family was served another way, or left.
pub const WANT_MAX_AGE: Duration = Duration::minutes(3);

impl Loket {
    /// Whether this PC is enrolled with a central, so its walk-ins are booked within the seats it
    /// holds.
    pub(crate) async fn lends_seats(&self) -> Result<bool, AppError> {
        Ok(self.store.central_url().await?.is_some())
    }

    /// Whether the central answered a pull lately.
    pub(crate) async fn central_reachable(&self) -> Result<bool, AppError> {
        let last = self.store.pull_state().await?.last_pull;
        Ok(last.is_some_and(|t| self.clock.now() - t <= ONLINE_WITHIN))
    }

    /// The asks to send with the next pull.
    pub(crate) async fn seat_wants(&self) -> Result<Vec<SeatWant>, AppError> {
        let office = self.office().await?;
        let now = self.clock.now();
        Ok(self
            .store
            .seat_wants(now, office.local_date(now), WANT_MAX_AGE)
            .await?)
    }

    /// Free seats this PC holds in one share of one session.
    pub(crate) async fn free_seats(
        &self,
        date: NaiveDate,
        session: SessionKind,
        share: Share,
    ) -> Result<u32, AppError> {
        let counter = self.store.device().await?.counter_code;
        let (allotted, used) = self
            .store
            .own_seats(date, session, share, counter.as_str())
            .await?;
        Ok(free_seats(allotted, used))
    }

    /// Asks the central for `needed` free seats and waits up to [`SEAT_WAIT`] (or the wait this
    /// `Loket` was built with) for them. True when they are here.
    pub(crate) async fn ask_for_seats(
        &self,
        date: NaiveDate,
        session: SessionKind,
        share: Share,
        needed: u32,
    ) -> Result<bool, AppError> {
        let want = SeatWant {
            date,
            session,
            share,
            seats: needed,
        };
        self.store.want_seats(&want, self.clock.now()).await?;
        // Cut the worker's long poll short, so the ask goes out now.
        self.store.written().notify_one();
        let deadline = tokio::time::Instant::now() + self.seat_wait;
        loop {
            if self.free_seats(date, session, share).await? >= needed {
                return Ok(true);
            }
            if tokio::time::Instant::now() >= deadline {
                return Ok(false);
            }
            tokio::time::sleep(StdDuration::from_millis(150)).await;
        }
    }

    /// Gives back the free seats the central recalled (another counter needs them, or the kepala
    /// lowered the share): each return is an outbox entry, so it reaches the central exactly
    /// once and after every walk-in booked before it. Never more than is free here.
    pub(crate) async fn give_back_recalled(&self) -> Result<u32, AppError> {
        let office = self.office().await?;
        let counter = self.store.device().await?.counter_code;
        let today = office.local_date(self.clock.now());
        let recalled: Vec<_> = self
            .store
            .seat_holdings(today, counter.as_str())
            .await?
            .into_iter()
            .filter(|h| h.recall > 0)
            .collect();
        let mut given = 0;
        for h in recalled {
            let mut tx = self.store.begin().await?;
            // Read again under the write lock: a walk-in saved a moment ago keeps its seats.
            let (allotted, used) = tx
                .own_seats(h.date, h.session, h.share, counter.as_str())
                .await?;
            let seats = h.recall.min(free_seats(allotted, used));
            tx.give_back_seats(h.date, h.session, h.share, seats)
                .await?;
            if seats > 0 {
                let op = Op::SeatsReturned(SeatsReturned {
                    date: h.date,
                    session: h.session,
                    share: h.share,
                    seats,
                });
                self.record(&mut tx, &office, &Author::system(), op).await?;
                given += seats;
            }
            tx.commit().await?;
        }
        if given > 0 {
            tracing::info!(seats = given, "recalled seats given back");
        }
        Ok(given)
    }

    /// The seats this PC holds for today and the days lent ahead (none when not enrolled).
    pub async fn held_seats(&self) -> Result<Vec<SeatView>, AppError> {
        if !self.lends_seats().await? {
            return Ok(Vec::new());
        }
        let office = self.office().await?;
        let counter = self.store.device().await?.counter_code;
        let today = office.local_date(self.clock.now());
        let last = today + Duration::days(loket_domain::seats::LEND_DAYS);
        Ok(self
            .store
            .seat_holdings(today, counter.as_str())
            .await?
            .into_iter()
            .filter(|h| h.date <= last && (h.allotted > 0 || h.used > 0 || h.recall > 0))
            .map(|h| SeatView {
                date: h.date.to_string(),
                session: h.session,
                share: h.share,
                allotted: h.allotted,
                used: h.used,
                free: free_seats(h.allotted, h.used),
                recall: h.recall,
            })
            .collect())
    }
}
