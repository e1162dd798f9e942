//! A counter PC's push, stored exactly once and applied once.
//!
//! A batch is one transaction that locks the PC's device row first, so two pushes of the same PC
//! (a retry racing the original) are serialised: the second sees the first's entries and replays
//! their stored outcomes. Entries already stored are compared by hash and answered from the log;
//! new ones must continue the chain exactly (the next number, the last hash, a hash that matches
//! the fields), or the whole batch is refused and nothing changes.

use axum::http::StatusCode;
use loket_domain::chain::GENESIS;
use loket_domain::{Text, text};
use loket_sync::{Entry, EntryResult, MAX_BATCH, Outcome, PROTOCOL, PushRequest, PushResponse};
use sqlx::{Postgres, Transaction};

use super::apply::{self, Touched};
use super::seats;
use crate::Central;
use crate::devices::Device;
use crate::error::ApiError;

fn refuse(status: StatusCode, code: &'static str, message: Text) -> ApiError {
    ApiError::new(status, code, message)
}

/// Refuses a protocol version this central does not speak (push and pull alike).
pub(super) fn check_protocol(v: u32) -> Result<(), ApiError> {
    if v == PROTOCOL {
        return Ok(());
    }
    Err(refuse(
        StatusCode::BAD_REQUEST,
        "sync.protocol",
        text!(
            "Versi protokol sinkron {v} tidak dikenal pusat (pusat memakai versi {PROTOCOL}). Perbarui aplikasi Loket.",
            "The central does not know sync protocol version {v} (it speaks version {PROTOCOL}). Update Loket."
        ),
    ))
}

/// Checks the batch's shape before any database work.
fn check_shape(req: &PushRequest) -> Result<(), ApiError> {
    check_protocol(req.protocol)?;
    if req.entries.len() > MAX_BATCH {
        let n = req.entries.len();
        return Err(refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "sync.batch_too_large",
            text!(
                "Satu kiriman berisi {n} entri; paling banyak {MAX_BATCH}.",
                "One push carries {n} entries; at most {MAX_BATCH}."
            ),
        ));
    }
    for pair in req.entries.windows(2) {
        if pair[1].seq != pair[0].seq + 1 {
            let (a, b) = (pair[0].seq, pair[1].seq);
            return Err(refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                "sync.order",
                text!(
                    "Entri harus dikirim berurutan tanpa lompatan (no. {a} lalu {b}).",
                    "Entries must be sent in order without gaps (no. {a}, then {b})."
                ),
            ));
        }
    }
    Ok(())
}

#[derive(Debug, sqlx::FromRow)]
struct Stored {
    seq: i64,
    hash: String,
    outcome: String,
    reason_code: Option<String>,
    message_id: Option<String>,
    message_en: Option<String>,
}

impl Stored {
    fn result(self) -> EntryResult {
        EntryResult {
            seq: self.seq,
            outcome: if self.outcome == "refused" {
                Outcome::Refused
            } else {
                Outcome::Applied
            },
            code: self.reason_code,
            message: match (self.message_id, self.message_en) {
                (Some(id), Some(en)) => Some(Text::new(id, en)),
                _ => None,
            },
        }
    }
}

/// Stores a PC's batch exactly once and answers every entry's outcome.
pub async fn push(
    central: &Central,
    device: &Device,
    req: &PushRequest,
) -> Result<PushResponse, ApiError> {
    check_shape(req)?;
    let now = central.clock.now();
    let mut tx = central.pool.begin().await?;
    let row: Option<(Option<String>, i64, String)> = sqlx::query_as(
        "SELECT pc_device_id, acked_seq, last_hash FROM devices
         WHERE office_id = $1 AND device_id = $2 FOR UPDATE",
    )
    .bind(&device.office)
    .bind(device.device_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((bound, mut acked, mut last_hash)) = row else {
        return Err(crate::devices::retired());
    };
    let pc = bound.or_else(|| req.entries.first().map(|e| e.device_id.clone()));
    if let Some(e) = req
        .entries
        .iter()
        .find(|e| Some(&e.device_id) != pc.as_ref())
    {
        let seq = e.seq;
        return Err(refuse(
            StatusCode::FORBIDDEN,
            "sync.device_mismatch",
            text!(
                "Entri no. {seq} berasal dari perangkat lain, bukan PC yang terdaftar dengan kredensial ini.",
                "Entry no. {seq} comes from another device, not the PC enrolled with this credential."
            ),
        ));
    }
    let mut results = replays(&mut tx, device, &req.entries, acked).await?;
    let fresh: Vec<&Entry> = req.entries.iter().filter(|e| e.seq > acked).collect();
    let mut judged = Vec::with_capacity(fresh.len());
    let mut touched = Touched::default();
    let lending = !fresh.is_empty();
    if lending {
        // Walk-ins, returns and quota change what the office's PCs may hold.
        seats::lock(&mut tx, &device.office).await?;
    }
    for e in fresh {
        check_link(e, acked, &last_hash)?;
        let result = apply::entry(&mut tx, device, e, now, &mut touched).await?;
        judged.push((e, result));
        acked = e.seq;
        last_hash.clone_from(&e.hash);
    }
    if lending {
        let today = central
            .offices
            .get(&device.office)
            .map_or(now.date_naive(), |o| o.local_date(now));
        seats::rebalance_office(&mut tx, &device.office, today).await?;
    }
    store(&mut tx, device, &judged, now).await?;
    sqlx::query(
        "UPDATE devices SET pc_device_id = $3, acked_seq = $4, last_hash = $5, last_push_at = $6
         WHERE office_id = $1 AND device_id = $2",
    )
    .bind(&device.office)
    .bind(device.device_id)
    .bind(&pc)
    .bind(acked)
    .bind(&last_hash)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    if !judged.is_empty() {
        central.changes.ring(&device.office);
    }
    if touched.quota {
        central.months.forget_office(&device.office);
        central.sold_out.forget_office(&device.office);
    }
    if !judged.is_empty() {
        tracing::info!(office = %device.office, counter = %device.counter_code,
            entries = judged.len(), acked, "sync push stored");
    }
    results.extend(judged.into_iter().map(|(_, r)| r));
    Ok(PushResponse {
        acked_through: acked,
        server_time: now,
        results,
    })
}

/// The stored outcomes of entries the central already has, after checking they are the same.
async fn replays(
    tx: &mut Transaction<'_, Postgres>,
    device: &Device,
    entries: &[Entry],
    acked: i64,
) -> Result<Vec<EntryResult>, ApiError> {
    let seen: Vec<i64> = entries
        .iter()
        .map(|e| e.seq)
        .filter(|s| *s <= acked)
        .collect();
    if seen.is_empty() {
        return Ok(Vec::new());
    }
    let stored: Vec<Stored> = sqlx::query_as(
        "SELECT seq, hash, outcome, reason_code, message_id, message_en FROM device_log
         WHERE office_id = $1 AND device_id = $2 AND seq = ANY($3) ORDER BY seq",
    )
    .bind(&device.office)
    .bind(device.device_id)
    .bind(&seen)
    .fetch_all(&mut **tx)
    .await?;
    let mut out = Vec::with_capacity(stored.len());
    for (e, s) in entries.iter().zip(stored) {
        if s.seq != e.seq || s.hash != e.hash {
            let seq = e.seq;
            return Err(refuse(
                StatusCode::CONFLICT,
                "sync.diverged",
                text!(
                    "Entri no. {seq} berbeda dari yang sudah diterima pusat. Sinkron dihentikan; hubungi admin TI kantor.",
                    "Entry no. {seq} differs from the one the central already received. Sync is stopped; call the office's IT admin."
                ),
            ));
        }
        out.push(s.result());
    }
    Ok(out)
}

/// A new entry must be the next number, link to the last hash and match its own hash.
fn check_link(e: &Entry, acked: i64, last_hash: &str) -> Result<(), ApiError> {
    let seq = e.seq;
    if seq != acked + 1 {
        let expected = acked + 1;
        return Err(refuse(
            StatusCode::CONFLICT,
            "sync.gap",
            text!(
                "Pusat menunggu entri no. {expected}, bukan no. {seq}. Kirim ulang mulai no. {expected}.",
                "The central expects entry no. {expected}, not no. {seq}. Push again from no. {expected}."
            ),
        ));
    }
    let link = if acked == 0 { GENESIS } else { last_hash };
    if e.prev_hash != link || e.computed_hash() != e.hash {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "sync.chain_broken",
            text!(
                "Rantai log audit putus di entri no. {seq}: isinya tidak cocok dengan hash-nya atau dengan entri sebelumnya. Sinkron dihentikan, tidak ada yang dilewati; hubungi admin TI kantor.",
                "The audit log's chain breaks at entry no. {seq}: it does not match its hash or the entry before it. Sync is stopped and nothing is skipped; call the office's IT admin."
            ),
        ));
    }
    Ok(())
}

/// The new entries and their outcomes, in one statement.
async fn store(
    tx: &mut Transaction<'_, Postgres>,
    device: &Device,
    judged: &[(&Entry, EntryResult)],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ApiError> {
    if judged.is_empty() {
        return Ok(());
    }
    let col = |f: fn(&Entry) -> &str| -> Vec<&str> { judged.iter().map(|(e, _)| f(e)).collect() };
    let seqs: Vec<i64> = judged.iter().map(|(e, _)| e.seq).collect();
    let outcomes: Vec<&str> = judged
        .iter()
        .map(|(_, r)| match r.outcome {
            Outcome::Applied => "applied",
            Outcome::Refused => "refused",
        })
        .collect();
    let codes: Vec<Option<&str>> = judged.iter().map(|(_, r)| r.code.as_deref()).collect();
    let ids: Vec<Option<&str>> = judged
        .iter()
        .map(|(_, r)| r.message.as_ref().map(|m| m.id.as_str()))
        .collect();
    let ens: Vec<Option<&str>> = judged
        .iter()
        .map(|(_, r)| r.message.as_ref().map(|m| m.en.as_str()))
        .collect();
    sqlx::query(
        "INSERT INTO device_log (office_id, device_id, seq, entry_id, pc_device_id, actor,
             occurred_utc, occurred_local, op_type, payload, prev_hash, hash, received_at,
             outcome, reason_code, message_id, message_en)
         SELECT $1, $2, seq, id, pc, actor, utc, local, op, payload, prev, hash, $13, o, c, mi, me
         FROM unnest($3::int8[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
             $9::text[], $10::text[], $11::text[], $12::text[], $14::text[], $15::text[],
             $16::text[], $17::text[])
             AS x(seq, id, pc, actor, utc, local, op, payload, prev, hash, o, c, mi, me)",
    )
    .bind(&device.office)
    .bind(device.device_id)
    .bind(&seqs)
    .bind(col(|e| e.id.as_str()))
    .bind(col(|e| e.device_id.as_str()))
    .bind(col(|e| e.actor.as_str()))
    .bind(col(|e| e.occurred_utc.as_str()))
    .bind(col(|e| e.occurred_local.as_str()))
    .bind(col(|e| e.op_type.as_str()))
    .bind(col(|e| e.payload.as_str()))
    .bind(col(|e| e.prev_hash.as_str()))
    .bind(col(|e| e.hash.as_str()))
    .bind(now)
    .bind(&outcomes)
    .bind(&codes)
    .bind(&ids)
    .bind(&ens)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
