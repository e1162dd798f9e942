//! Applying what the central says changed, and the "Perlu perhatian" list.
//!
//! One pull is one transaction with its cursor: a crash in between leaves the old cursor, and the
//! same changes are pulled and applied again, which changes nothing (each change is an entity's
//! whole state, merged monotonically). A pulled booking never erases a local change the central
//! has not acknowledged yet, because nothing it says can move a row backwards: an arrival stays
//! an arrival, a cancellation stays a cancellation, an absence recorded here stays until an
//! arrival replaces it. Quota and closures, which the office itself changes, are not taken from
//! a pull while an entry of this PC changing them still waits for the central.

use chrono::{DateTime, Utc};
use loket_domain::{ApplicantStatus, BookingStatus};
use loket_sync::{BookingState, Change, ClosureState, ConflictState, HolidayState, QuotaState};
use sqlx::SqliteConnection;

use crate::error::StoreError;
use crate::open::Store;

/// What one pull changed here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PullApplied {
    /// Bookings this PC did not have.
    pub new_bookings: u32,
    /// Bookings it had and that moved on (an arrival or a cancellation elsewhere).
    pub merged_bookings: u32,
    /// Quota rows, closures, holidays and conflicts written.
    pub other: u32,
    /// Changes left for later: a pulled booking whose code another booking here already has.
    pub skipped: u32,
}

impl PullApplied {
    pub fn changed(&self) -> bool {
        self.new_bookings + self.merged_bookings + self.other > 0
    }
}

/// A "Perlu perhatian" item as the screens list it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ConflictRow {
    pub conflict_key: String,
    pub kind: String,
    pub booking_code: Option<String>,
    pub counter_code: String,
    pub message_id: String,
    pub message_en: String,
    pub raised_utc: String,
    pub acknowledged_by: Option<String>,
    pub acknowledged_utc: Option<String>,
}

/// Where the pull stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullState {
    pub cursor: Option<String>,
    pub last_pull: Option<DateTime<Utc>>,
    /// This PC's clock minus the central's, in seconds.
    pub clock_skew_s: Option<i64>,
    /// Raised by each pull that changed something.
    pub revision: i64,
}

/// Whether an entry of this PC about the same row still waits for the central: then the pulled
/// state of that row (older than the entry, or not) is left for later. Only that row: a change of
/// another date or session goes through, or it would be skipped for good.
async fn waiting(conn: &mut SqliteConnection, change: &Change) -> Result<bool, StoreError> {
    const UNACKED: &str = "seq > (SELECT acked_seq FROM sync_state WHERE id = 1)";
    let n: i64 = match change {
        Change::Quota(q) => {
            sqlx::query_scalar(&format!(
                "SELECT count(*) FROM outbox WHERE {UNACKED} AND op_type = 'kuota.disetujui'
                   AND EXISTS (SELECT 1 FROM json_each(payload, '$.days')
                               WHERE json_extract(value, '$.date') = ?
                                 AND json_extract(value, '$.session') = ?)"
            ))
            .bind(q.date.to_string())
            .bind(q.session.as_str())
            .fetch_one(&mut *conn)
            .await?
        }
        Change::Closure(c) => {
            sqlx::query_scalar(&format!(
                "SELECT count(*) FROM outbox WHERE {UNACKED}
                   AND op_type IN ('kantor.ditutup', 'libur.ditambah', 'libur.dihapus')
                   AND json_extract(payload, '$.date') = ?"
            ))
            .bind(c.date.to_string())
            .fetch_one(&mut *conn)
            .await?
        }
        Change::Seats(seat) => {
            sqlx::query_scalar(&format!(
                "SELECT count(*) FROM outbox WHERE {UNACKED} AND op_type = 'kursi.dikembalikan'
                   AND json_extract(payload, '$.date') = ?
                   AND json_extract(payload, '$.session') = ?
                   AND json_extract(payload, '$.share') = ?"
            ))
            .bind(seat.date.to_string())
            .bind(seat.session.as_str())
            .bind(seat.share.as_str())
            .fetch_one(&mut *conn)
            .await?
        }
        Change::Booking(_) | Change::Holiday(_) | Change::Conflict(_) | Change::Key(_) => 0,
    };
    Ok(n > 0)
}

impl Store {
    /// Applies one pull's changes and stores its cursor, in one transaction.
    pub async fn apply_pull(
        &self,
        office: &str,
        changes: &[Change],
        cursor: &str,
        server_time: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<PullApplied, StoreError> {
        let mut tx = self.pool().begin_with("BEGIN IMMEDIATE").await?;
        let mut done = PullApplied::default();
        for change in changes {
            if waiting(&mut tx, change).await? {
                done.skipped += 1;
                continue;
            }
            match change {
                Change::Booking(b) => booking(&mut tx, office, b, &mut done).await?,
                Change::Quota(q) => {
                    quota(&mut tx, office, q).await?;
                    done.other += 1;
                }
                Change::Closure(c) => {
                    closure(&mut tx, office, c).await?;
                    done.other += 1;
                }
                Change::Holiday(h) => {
                    holiday(&mut tx, h).await?;
                    done.other += 1;
                }
                Change::Conflict(c) => {
                    conflict(&mut tx, c).await?;
                    done.other += 1;
                }
                Change::Seats(seat) => {
                    crate::seats::pulled(&mut tx, seat).await?;
                    done.other += 1;
                }
                Change::Key(k) => {
                    key(&mut tx, k, now).await?;
                    done.other += 1;
                }
            }
        }
        let skew = (now - server_time).num_seconds();
        sqlx::query(
            "UPDATE sync_state SET pull_cursor = ?, last_pull_utc = ?, clock_skew_s = ?,
                 last_server_utc = ?, pulled_revision = pulled_revision + ? WHERE id = 1",
        )
        .bind(cursor)
        .bind(now.to_rfc3339())
        .bind(skew)
        .bind(server_time.to_rfc3339())
        .bind(i64::from(done.changed()))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done)
    }

    pub async fn pull_state(&self) -> Result<PullState, StoreError> {
        let (cursor, last, skew, revision): (Option<String>, Option<String>, Option<i64>, i64) =
            sqlx::query_as(
                "SELECT pull_cursor, last_pull_utc, clock_skew_s, pulled_revision FROM sync_state
                 WHERE id = 1",
            )
            .fetch_one(self.pool())
            .await?;
        Ok(PullState {
            cursor,
            last_pull: last
                .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
                .map(|t| t.with_timezone(&Utc)),
            clock_skew_s: skew,
            revision,
        })
    }

    /// Forgets the cursor: the next pull takes a fresh snapshot (after the central said it did
    /// not know the cursor).
    pub async fn reset_pull(&self) -> Result<(), StoreError> {
        sqlx::query("UPDATE sync_state SET pull_cursor = NULL WHERE id = 1")
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The items no officer has acknowledged yet, oldest first.
    pub async fn open_conflicts(&self) -> Result<Vec<ConflictRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT conflict_key, kind, booking_code, counter_code, message_id, message_en,
                    raised_utc, acknowledged_by, acknowledged_utc
             FROM sync_conflicts WHERE acknowledged_utc IS NULL ORDER BY raised_utc, conflict_key",
        )
        .fetch_all(self.pool())
        .await?)
    }
}

impl crate::tx::Tx {
    /// Marks an item read by `by`; false if there is no such open item.
    pub async fn acknowledge_conflict(
        &mut self,
        key: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE sync_conflicts SET acknowledged_by = ?, acknowledged_utc = ?
             WHERE conflict_key = ? AND acknowledged_utc IS NULL",
        )
        .bind(by)
        .bind(at.to_rfc3339())
        .bind(key)
        .execute(self.conn())
        .await?
        .rows_affected()
            == 1)
    }
}

async fn booking(
    conn: &mut SqliteConnection,
    office: &str,
    b: &BookingState,
    done: &mut PullApplied,
) -> Result<(), StoreError> {
    let id = b.booking_id.to_string();
    let local: Option<String> = sqlx::query_scalar("SELECT status FROM bookings WHERE id = ?")
        .bind(&id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(local) = local else {
        let clash: Option<String> = sqlx::query_scalar("SELECT id FROM bookings WHERE code = ?")
            .bind(&b.code)
            .fetch_optional(&mut *conn)
            .await?;
        if clash.is_some() {
            tracing::error!(code = %b.code, "a pulled booking's code is taken here; not applied");
            done.skipped += 1;
            return Ok(());
        }
        insert(conn, office, b).await?;
        // Checked in here from its proof before it was pulled: the arrivals move onto it.
        crate::proofs::merge_into(conn, &b.code, &id).await?;
        done.new_bookings += 1;
        return Ok(());
    };
    let mut moved = false;
    if b.status == BookingStatus::Cancelled && local == BookingStatus::Active.as_str() {
        sqlx::query(
            "UPDATE bookings SET status = 'cancelled',
                 cancel_reason = COALESCE(cancel_reason, 'Dibatalkan (tercatat di pusat)')
             WHERE id = ?",
        )
        .bind(&id)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "UPDATE applicants SET status = 'cancelled' WHERE booking_id = ? AND status = 'expected'",
        )
        .bind(&id)
        .execute(&mut *conn)
        .await?;
        moved = true;
    }
    for a in &b.applicants {
        if a.status != ApplicantStatus::Arrived {
            continue;
        }
        let n = sqlx::query(
            "UPDATE applicants SET status = 'arrived', queue_counter = ?, queue_number = ?,
                 arrived_utc = ?
             WHERE id = ? AND booking_id = ? AND status <> 'arrived'",
        )
        .bind(a.queue.as_ref().map(|q| q.counter().as_str().to_owned()))
        .bind(a.queue.as_ref().map(|q| i64::from(q.number())))
        .bind(a.arrived_utc)
        .bind(a.applicant_id.to_string())
        .bind(&id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        moved |= n > 0;
    }
    sqlx::query("UPDATE bookings SET origin_counter = COALESCE(origin_counter, ?) WHERE id = ?")
        .bind(b.counter.as_ref().map(|c| c.as_str().to_owned()))
        .bind(&id)
        .execute(&mut *conn)
        .await?;
    if moved {
        done.merged_bookings += 1;
    }
    Ok(())
}

async fn insert(
    conn: &mut SqliteConnection,
    office: &str,
    b: &BookingState,
) -> Result<(), StoreError> {
    let id = b.booking_id.to_string();
    sqlx::query(
        "INSERT INTO bookings (id, code, office_slug, date, session, channel, category, kk_number,
             status, created_utc, proof_qr, kecamatan_code, address_line, priority_reason,
             override_reason, origin_counter)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(&b.code)
    .bind(office)
    .bind(b.date.to_string())
    .bind(b.session.as_str())
    .bind(b.channel.as_str())
    .bind(b.category.as_str())
    .bind(&b.kk_number)
    .bind(b.status.as_str())
    .bind(b.created_utc)
    .bind(&b.proof_qr)
    .bind(&b.kecamatan_code)
    .bind(&b.address_line)
    .bind(b.priority_reason.map(|r| r.as_str()))
    .bind(&b.override_reason)
    .bind(b.counter.as_ref().map(|c| c.as_str().to_owned()))
    .execute(&mut *conn)
    .await?;
    for a in &b.applicants {
        sqlx::query(
            "INSERT INTO applicants (id, booking_id, position, nik, full_name, relation, sex,
                 birth_date, application_type, status, queue_counter, queue_number, arrived_utc,
                 old_passport, old_passport_expiry)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(a.applicant_id.to_string())
        .bind(&id)
        .bind(i64::from(a.position))
        .bind(&a.nik)
        .bind(&a.full_name)
        .bind(a.relation.as_str())
        .bind(a.sex.as_str())
        .bind(a.birth_date.to_string())
        .bind(a.application_type.as_str())
        .bind(a.status.as_str())
        .bind(a.queue.as_ref().map(|q| q.counter().as_str().to_owned()))
        .bind(a.queue.as_ref().map(|q| i64::from(q.number())))
        .bind(a.arrived_utc)
        .bind(&a.old_passport)
        .bind(a.old_passport_expiry.map(|d| d.to_string()))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn quota(
    conn: &mut SqliteConnection,
    office: &str,
    q: &QuotaState,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO quota (office_slug, date, session, capacity, online, counter, priority, opens_utc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (office_slug, date, session) DO UPDATE SET capacity = excluded.capacity,
             online = excluded.online, counter = excluded.counter, priority = excluded.priority,
             opens_utc = excluded.opens_utc",
    )
    .bind(office)
    .bind(q.date.to_string())
    .bind(q.session.as_str())
    .bind(i64::from(q.online) + i64::from(q.counter) + i64::from(q.priority))
    .bind(i64::from(q.online))
    .bind(i64::from(q.counter))
    .bind(i64::from(q.priority))
    .bind(q.opens_utc.to_rfc3339())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn closure(
    conn: &mut SqliteConnection,
    office: &str,
    c: &ClosureState,
) -> Result<(), StoreError> {
    match &c.reason {
        Some(reason) => {
            sqlx::query(
                "INSERT INTO closures (office_slug, date, reason) VALUES (?, ?, ?)
                 ON CONFLICT (office_slug, date) DO UPDATE SET reason = excluded.reason",
            )
            .bind(office)
            .bind(c.date.to_string())
            .bind(reason)
            .execute(&mut *conn)
            .await?;
        }
        None => {
            sqlx::query("DELETE FROM closures WHERE office_slug = ? AND date = ?")
                .bind(office)
                .bind(c.date.to_string())
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(())
}

async fn holiday(conn: &mut SqliteConnection, h: &HolidayState) -> Result<(), StoreError> {
    match h.kind {
        Some(kind) => {
            sqlx::query(
                "INSERT INTO holidays (date, kind, name, decree) VALUES (?, ?, ?, ?)
                 ON CONFLICT (date, name) DO UPDATE SET kind = excluded.kind, decree = excluded.decree",
            )
            .bind(h.date.to_string())
            .bind(kind.as_str())
            .bind(&h.name)
            .bind(&h.decree)
            .execute(&mut *conn)
            .await?;
        }
        None => {
            sqlx::query("DELETE FROM holidays WHERE date = ? AND name = ?")
                .bind(h.date.to_string())
                .bind(&h.name)
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(())
}

async fn conflict(conn: &mut SqliteConnection, c: &ConflictState) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO sync_conflicts (conflict_key, kind, booking_code, counter_code, message_id,
             message_en, raised_utc, acknowledged_by, acknowledged_utc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (conflict_key) DO UPDATE SET
             acknowledged_by = COALESCE(sync_conflicts.acknowledged_by, excluded.acknowledged_by),
             acknowledged_utc = COALESCE(sync_conflicts.acknowledged_utc, excluded.acknowledged_utc)",
    )
    .bind(&c.key)
    .bind(&c.kind)
    .bind(&c.booking_code)
    .bind(c.counter.as_str())
    .bind(&c.message.id)
    .bind(&c.message.en)
    .bind(c.raised_utc.to_rfc3339())
    .bind(&c.acknowledged_by)
    .bind(c.acknowledged_utc.map(|t| t.to_rfc3339()))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Another counter PC's proof-signing key of the office. A key id already trusted here keeps its
/// key (this PC's own above all); a key that does not decode to 32 bytes is left out and logged.
async fn key(
    conn: &mut SqliteConnection,
    k: &loket_sync::KeyState,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    use base64::Engine as _;
    let Some(bytes) = base64::engine::general_purpose::STANDARD
        .decode(&k.public_key)
        .ok()
        .filter(|b| b.len() == 32)
    else {
        tracing::error!(key_id = %k.key_id, "a pulled key does not decode; not trusted");
        return Ok(());
    };
    sqlx::query(
        "INSERT INTO signing_keys (key_id, public_key, origin, added_utc) VALUES (?, ?, 'device', ?)
         ON CONFLICT (key_id) DO NOTHING",
    )
    .bind(&k.key_id)
    .bind(bytes)
    .bind(now.to_rfc3339())
    .execute(&mut *conn)
    .await?;
    Ok(())
}
