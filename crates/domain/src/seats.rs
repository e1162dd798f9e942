//! Seats of a session's counter and priority shares lent to the office's counter PCs (escrow).
//!
//! The online share belongs to the central; the counter and priority shares belong to the office,
//! and the central lends them to the office's PCs seat by seat. A PC books a walk-in only within
//! the seats it holds, so several PCs cut off from the central and from each other can never
//! book more than the share between them: each spends only what it holds, and what one holds no
//! other holds. Only the PC gives seats back (it alone knows what it promised while offline); the
//! central may only ask it to ("recall"). A kepala's override is overflow, never a lent seat.
//!
//! [`rebalance`] is the central's whole lending rule for one share of one session. It is pure and
//! deterministic, so the central can run it on every pull and push and the fault checker can run
//! it again to check the central did.

use crate::walkin::Share;

/// Sessions of today and of the next `LEND_DAYS` days are lent to every PC without asking, so a
/// PC that loses its link in the morning still has seats for today and tomorrow.
pub const LEND_DAYS: i64 = 2;

/// A family card holds at most five applicants: a PC with fewer free seats than that (or than it
/// asked for) is short, and seats idle on other PCs are recalled for it.
pub const FAMILY: u32 = 5;

/// What one PC holds of one share of one session, as the central last knew it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Holding {
    /// Seats lent to the PC, used or not.
    pub allotted: u32,
    /// Seats its active, non-override walk-ins take.
    pub used: u32,
    /// Free seats it asked for (a family at its counter it could not seat); 0 when none.
    pub wanted: u32,
}

impl Holding {
    /// Seats the PC may still book.
    pub fn free(&self) -> u32 {
        self.allotted.saturating_sub(self.used)
    }
}

/// What the central tells a PC about one share of one session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lending {
    pub allotted: u32,
    /// Free seats the PC is asked to give back.
    pub recall: u32,
}

/// Seats a PC may book in a share: what it holds and has not used.
pub fn free_seats(allotted: u32, used: u32) -> u32 {
    allotted.saturating_sub(used)
}

/// The share a walk-in draws on, as stored (`loket` or `prioritas`).
pub fn share_of_category(priority: bool) -> Share {
    if priority {
        Share::Priority
    } else {
        Share::Counter
    }
}

/// The lending of one share of one session: `limit` seats, `holders` every enrolled PC of the
/// office (in a stable order), `lent_ahead` whether the session is among those lent without
/// asking ([`LEND_DAYS`]). Returns each holder's new allotment and recall, in the same order.
///
/// - A PC never holds less than it used: a walk-in the central learns of beyond what the PC held
///   (booked before seats existed) is charged to it.
/// - Seats are only lent from the pool (`limit` minus everything held), so the seats held never
///   exceed the share unless the walk-ins already booked do.
/// - The pool goes first to PCs short of seats (fewer than they asked for, or than a family),
///   then tops every PC up to an even part of the share (sessions lent ahead only).
/// - Seats are recalled only when someone needs them: everything free from the others while a PC
///   waits for seats it asked for; down to an even part of what is free while a PC is short; all
///   free seats while the share is below what is held (the kepala lowered it); and free seats of
///   a session not lent ahead that nobody asked for any more.
pub fn rebalance(limit: u32, holders: &[Holding], lent_ahead: bool) -> Vec<Lending> {
    let k = u32::try_from(holders.len()).unwrap_or(u32::MAX);
    if k == 0 {
        return Vec::new();
    }
    let even = limit.div_ceil(k);
    let mut allotted: Vec<u32> = holders.iter().map(|h| h.allotted.max(h.used)).collect();
    let held: i64 = allotted.iter().map(|a| i64::from(*a)).sum();
    let mut pool = i64::from(limit) - held;
    let free = |i: usize, allotted: &[u32]| allotted[i].saturating_sub(holders[i].used);
    let target = |h: &Holding| {
        if lent_ahead {
            even.max(h.wanted)
        } else {
            h.wanted
        }
    };
    let need = |h: &Holding| {
        if h.wanted > 0 {
            h.wanted
        } else if lent_ahead {
            even.min(FAMILY)
        } else {
            0
        }
    };
    let short = |i: usize, allotted: &[u32]| free(i, allotted) < need(&holders[i]);

    // Lend from the pool: first what PCs asked for (a family waits at the counter), then to the
    // PCs short of seats, then up to the target. In this order, seats recalled for a PC that
    // asked go to it, not back to the PC that just gave them.
    for pass in 0..3 {
        for i in 0..holders.len() {
            if pool <= 0 {
                break;
            }
            let h = &holders[i];
            let have = free(i, &allotted);
            let want = match pass {
                0 => h.wanted.saturating_sub(have),
                1 if short(i, &allotted) => target(h).saturating_sub(have),
                2 => target(h).saturating_sub(have),
                _ => 0,
            };
            let give = u32::try_from(pool.min(i64::from(want))).unwrap_or(0);
            allotted[i] += give;
            pool -= i64::from(give);
        }
    }

    let frees: Vec<u32> = (0..holders.len()).map(|i| free(i, &allotted)).collect();
    let waiting = (0..holders.len()).any(|i| holders[i].wanted > frees[i]);
    let any_short = (0..holders.len()).any(|i| short(i, &allotted));
    let total_free: u32 = frees.iter().sum();
    let fair = total_free.div_ceil(k);
    (0..holders.len())
        .map(|i| {
            let h = &holders[i];
            let recall = if pool < 0 || (!lent_ahead && h.wanted == 0) {
                frees[i]
            } else if waiting && h.wanted <= frees[i] {
                // Another PC waits for seats it asked for: give back what is free here.
                if h.wanted > 0 {
                    frees[i] - h.wanted
                } else {
                    frees[i]
                }
            } else if any_short && !short(i, &allotted) && pool == 0 && h.wanted == 0 {
                // Not from a PC that asked: its family is still at the counter.
                frees[i].saturating_sub(fair.max(need(h)))
            } else {
                0
            };
            Lending {
                allotted: allotted[i],
                recall,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(allotted: u32, used: u32, wanted: u32) -> Holding {
        Holding {
            allotted,
            used,
            wanted,
        }
    }

    fn allotted(l: &[Lending]) -> Vec<u32> {
        l.iter().map(|x| x.allotted).collect()
    }

    fn recalls(l: &[Lending]) -> Vec<u32> {
        l.iter().map(|x| x.recall).collect()
    }

    #[test]
    fn todays_share_is_lent_evenly_to_every_pc() {
        // The study's worked example: counter share 30, three counters.
        let l = rebalance(30, &[h(0, 0, 0); 3], true);
        assert_eq!(allotted(&l), [10, 10, 10]);
        assert_eq!(recalls(&l), [0, 0, 0]);
        // Priority share 10: 4 + 4 + 2, never more than the share.
        let l = rebalance(10, &[h(0, 0, 0); 3], true);
        assert_eq!(allotted(&l), [4, 4, 2]);
    }

    #[test]
    fn a_pc_that_used_its_seats_gets_idle_seats_of_the_others() {
        // A booked all 10; B and C are idle: they are asked to give back down to an even part.
        let l = rebalance(30, &[h(10, 10, 0), h(10, 0, 0), h(10, 0, 0)], true);
        assert_eq!(allotted(&l), [10, 10, 10]);
        assert_eq!(recalls(&l), [0, 3, 3]);
        // Once they have, the pool goes to A.
        let l = rebalance(30, &[h(10, 10, 0), h(7, 0, 0), h(7, 0, 0)], true);
        assert_eq!(allotted(&l), [16, 7, 7]);
        assert_eq!(recalls(&l), [0, 0, 0]);
    }

    #[test]
    fn a_family_waiting_at_a_counter_takes_every_idle_seat_it_needs() {
        // 30 seats, 27 booked by A and B; C holds 3 free and A asks for 5.
        let l = rebalance(30, &[h(15, 15, 5), h(12, 12, 0), h(3, 0, 0)], true);
        assert_eq!(recalls(&l), [0, 0, 3]);
        // A family of 5 cannot be seated out of 3: nothing is lent that does not exist.
        let l = rebalance(30, &[h(15, 15, 5), h(12, 12, 0), h(3, 0, 0)], true);
        assert_eq!(allotted(&l).iter().sum::<u32>(), 30);
    }

    #[test]
    fn seats_recalled_for_a_pc_that_asked_go_to_it_not_back() {
        // C asks for one seat; A gives back its two; they must reach C, not return to A (which
        // is short of a family now, but did not ask).
        let l = rebalance(6, &[h(0, 0, 0), h(4, 1, 3), h(0, 0, 1)], true);
        assert_eq!(allotted(&l), [1, 4, 1]);
        assert_eq!(recalls(&l), [0, 0, 0]);
    }

    #[test]
    fn a_session_further_ahead_is_lent_only_when_asked_and_returned_when_not_needed() {
        let l = rebalance(20, &[h(0, 0, 0), h(0, 0, 4)], false);
        assert_eq!(allotted(&l), [0, 4]);
        // Booked: the want is gone and nothing is left to give back.
        let l = rebalance(20, &[h(0, 0, 0), h(4, 4, 0)], false);
        assert_eq!(recalls(&l), [0, 0]);
        // Asked but the family left: the seats go back to the pool.
        let l = rebalance(20, &[h(0, 0, 0), h(4, 0, 0)], false);
        assert_eq!(recalls(&l), [0, 4]);
    }

    #[test]
    fn a_lowered_share_recalls_every_free_seat_and_lends_none() {
        let l = rebalance(12, &[h(10, 6, 0), h(10, 2, 0)], true);
        assert_eq!(allotted(&l), [10, 10]);
        assert_eq!(recalls(&l), [4, 8]);
    }

    #[test]
    fn walk_ins_booked_beyond_a_holding_are_charged_to_it() {
        let l = rebalance(10, &[h(2, 4, 0), h(0, 0, 0)], true);
        // A is charged the 2 it booked beyond its seats and topped up to 5 free; B gets the rest.
        assert_eq!(allotted(&l), [9, 1]);
    }

    #[test]
    fn lending_never_exceeds_the_share() {
        // Every mix of small holdings, over rounds in which recalled seats are given back: no
        // seat is lent beyond the share, no PC is asked for a seat it used, and the lending
        // settles (a seat going back and forth would keep PCs syncing forever).
        for limit in 0..14u32 {
            for a in 0..6u32 {
                for used in 0..=a {
                    for (wanted, other) in [(0, 0), (3, 0), (0, 2), (3, 2), (5, 5)] {
                        let hs = vec![h(a, used, wanted), h(0, 0, other), h(1, 1, 0), h(2, 0, 0)];
                        for lent in [true, false] {
                            let mut hs = hs.clone();
                            for _round in 0..8 {
                                let l = rebalance(limit, &hs, lent);
                                let held: u32 = hs.iter().map(|x| x.allotted.max(x.used)).sum();
                                let now: u32 = allotted(&l).iter().sum();
                                assert!(now <= limit.max(held), "{limit} {hs:?} -> {l:?}");
                                for (x, n) in hs.iter_mut().zip(&l) {
                                    assert!(n.recall <= n.allotted.saturating_sub(x.used));
                                    x.allotted = n.allotted - n.recall;
                                }
                            }
                            // And it settles: no seat keeps going back and forth.
                            let l = rebalance(limit, &hs, lent);
                            assert!(
                                l.iter()
                                    .zip(&hs)
                                    .all(|(n, x)| n.recall == 0 && n.allotted == x.allotted),
                                "never settles: {limit} {hs:?} -> {l:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}
