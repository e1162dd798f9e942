//! The outbox's operations: every change a counter PC makes, as the central service and the
//! office's other PCs will replay it.
//!
//! One enum, one payload struct per operation, serialised in one place ([`Op::encode`] /
//! [`Op::decode`]). A stored payload is a JSON object with the operation's fields plus `v` (the
//! payload's version, so a reader can refuse a newer shape instead of misreading it) and `by` (who
//! did it: the user's id, which is the same on every PC once synced, and the name shown in logs).
//! Payloads carry ids, never positions or counts alone: a replay must be able to find every row
//! it touches.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::account::Role;
use crate::counter::{CounterCode, QueueNumber};
use crate::holiday::HolidayKind;
use crate::nik::Sex;
use crate::session::SessionKind;
use crate::state::{ApplicationType, Category, KeyOrigin};
use crate::walkin::{PriorityReason, Share};

/// Who made a change. `user_id` is `None` for what the system does by itself (no-shows after the
/// grace time, first-run setup, the demo seed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub user_id: Option<Uuid>,
    pub name: String,
}

impl Author {
    pub fn user(user_id: Uuid, name: &str) -> Self {
        Self {
            user_id: Some(user_id),
            name: name.to_owned(),
        }
    }

    pub fn system() -> Self {
        Self {
            user_id: None,
            name: "sistem".to_owned(),
        }
    }
}

crate::text_enum! {
    /// The outbox's `op_type` column: which [`Op`] an entry holds.
    pub enum OpType ("jenis operasi", "operation type") {
        SetupDone = "setup.selesai",
        SignedIn = "auth.masuk",
        SignInFailed = "auth.gagal_masuk",
        AccountLocked = "auth.akun_terkunci",
        UserCreated = "pengguna.dibuat",
        UserDisabled = "pengguna.dinonaktifkan",
        UserEnabled = "pengguna.diaktifkan",
        PasswordReset = "pengguna.sandi_direset",
        DemoSeeded = "demo.dibuat",
        KeyTrusted = "kunci.dipercaya",
        EpochStarted = "perangkat.epoch_baru",
        OfficeClosed = "kantor.ditutup",
        HolidayAdded = "libur.ditambah",
        HolidayRemoved = "libur.dihapus",
        ReleaseChanged = "rilis.diubah",
        GraceChanged = "pengaturan.tidak_hadir",
        LockIdleChanged = "pengaturan.kunci_layar",
        BackupRestored = "cadangan.dipulihkan",
        ProposalDrafted = "kuota.diusulkan",
        DraftEdited = "kuota.draf_diubah",
        ProposalSubmitted = "kuota.diajukan",
        QuotaApproved = "kuota.disetujui",
        QuotaRejected = "kuota.ditolak",
        WalkInBooked = "walkin.dibuat",
        ArrivalsRecorded = "kedatangan.dicatat",
        NoShowsMarked = "tidak_hadir.ditandai",
        NoShowReversed = "tidak_hadir.dibatalkan",
        OldPassportRecorded = "paspor_lama.dicatat",
        BookingCancelled = "pemesanan.dibatalkan",
        ConflictRead = "sinkron.konflik_dibaca",
        SeatsReturned = "kursi.dikembalikan",
        ArrivalsFromProof = "kedatangan.dari_bukti",
    }
}

/// One change, with exactly the data a replay needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "payload")]
pub enum Op {
    #[serde(rename = "setup.selesai")]
    SetupDone(SetupDone),
    #[serde(rename = "auth.masuk")]
    SignedIn(UserRef),
    #[serde(rename = "auth.gagal_masuk")]
    SignInFailed(SignInFailed),
    #[serde(rename = "auth.akun_terkunci")]
    AccountLocked(AccountLocked),
    #[serde(rename = "pengguna.dibuat")]
    UserCreated(UserCreated),
    #[serde(rename = "pengguna.dinonaktifkan")]
    UserDisabled(UserRef),
    #[serde(rename = "pengguna.diaktifkan")]
    UserEnabled(UserRef),
    #[serde(rename = "pengguna.sandi_direset")]
    PasswordReset(UserRef),
    #[serde(rename = "demo.dibuat")]
    DemoSeeded(DemoSeeded),
    #[serde(rename = "kunci.dipercaya")]
    KeyTrusted(KeyTrusted),
    #[serde(rename = "perangkat.epoch_baru")]
    EpochStarted(EpochStarted),
    #[serde(rename = "kantor.ditutup")]
    OfficeClosed(OfficeClosed),
    #[serde(rename = "libur.ditambah")]
    HolidayAdded(HolidayAdded),
    #[serde(rename = "libur.dihapus")]
    HolidayRemoved(HolidayRemoved),
    #[serde(rename = "rilis.diubah")]
    ReleaseChanged(ReleaseChanged),
    #[serde(rename = "pengaturan.tidak_hadir")]
    GraceChanged(GraceChanged),
    #[serde(rename = "pengaturan.kunci_layar")]
    LockIdleChanged(LockIdleChanged),
    #[serde(rename = "cadangan.dipulihkan")]
    BackupRestored(BackupRestored),
    #[serde(rename = "kuota.diusulkan")]
    ProposalDrafted(ProposalDays),
    #[serde(rename = "kuota.draf_diubah")]
    DraftEdited(ProposalDays),
    #[serde(rename = "kuota.diajukan")]
    ProposalSubmitted(ProposalRef),
    #[serde(rename = "kuota.disetujui")]
    QuotaApproved(ProposalDecided),
    #[serde(rename = "kuota.ditolak")]
    QuotaRejected(ProposalDecided),
    #[serde(rename = "walkin.dibuat")]
    WalkInBooked(WalkInBooked),
    #[serde(rename = "kedatangan.dicatat")]
    ArrivalsRecorded(ArrivalsRecorded),
    #[serde(rename = "tidak_hadir.ditandai")]
    NoShowsMarked(NoShowsMarked),
    #[serde(rename = "tidak_hadir.dibatalkan")]
    NoShowReversed(NoShowReversed),
    #[serde(rename = "paspor_lama.dicatat")]
    OldPassportRecorded(OldPassportRecorded),
    #[serde(rename = "pemesanan.dibatalkan")]
    BookingCancelled(BookingCancelled),
    #[serde(rename = "sinkron.konflik_dibaca")]
    ConflictRead(ConflictRead),
    #[serde(rename = "kursi.dikembalikan")]
    SeatsReturned(SeatsReturned),
    #[serde(rename = "kedatangan.dari_bukti")]
    ArrivalsFromProof(ArrivalsFromProof),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupDone {
    pub office: String,
    pub counter: CounterCode,
    pub admin_user_id: Uuid,
    pub admin_username: String,
    pub demo: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRef {
    pub user_id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInFailed {
    pub user_id: Uuid,
    pub attempt: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountLocked {
    pub user_id: Uuid,
    pub attempt: u32,
    pub until_utc: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserCreated {
    pub user_id: Uuid,
    pub username: String,
    pub full_name: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoSeeded {
    pub bookings: u32,
    pub applicants: u32,
    pub seed: u64,
}

/// A proof-signing public key this PC trusts from now on (its own, when it makes one), so the
/// central service and the office's other PCs can verify the proofs it signs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyTrusted {
    pub key_id: String,
    /// The Ed25519 public key, base64 (standard alphabet, padded).
    pub public_key: String,
    pub origin: KeyOrigin,
}

/// The database was restored from a copy older than what this PC had already written: what
/// follows is a new epoch whose sequence numbers continue after the last one the PC had written,
/// so no sequence number is ever reused with other content. This entry is the first of the epoch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpochStarted {
    pub epoch: u32,
    /// The last sequence number in the restored file.
    pub restored_seq: i64,
    /// The last sequence number this PC is known to have written before the restore.
    pub known_seq: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeClosed {
    pub date: NaiveDate,
    pub reason: String,
    /// The bookings the closure cancelled.
    pub cancelled: Vec<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayAdded {
    pub date: NaiveDate,
    pub kind: HolidayKind,
    pub name: String,
    pub decree: String,
    pub cancelled: Vec<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayRemoved {
    pub date: NaiveDate,
    pub name: String,
}

/// An office's release schedule as the outbox records it (office-local times `HH:MM`, Monday = 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseSettingsOp {
    pub kind: String,
    pub open_day: u32,
    pub open_time: String,
    pub close_day: u32,
    pub close_time: String,
    pub monthly_time: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseChanged {
    pub before: ReleaseSettingsOp,
    pub after: ReleaseSettingsOp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraceChanged {
    pub before: u32,
    pub after: u32,
}

/// Minutes an idle counter screen waits before it locks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockIdleChanged {
    pub before: u32,
    pub after: u32,
}

/// The admin restored this PC's database from a backup; recorded in the admin's name right after
/// the [`EpochStarted`] entry that the restore began.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupRestored {
    /// The backup's file name.
    pub backup: String,
    pub taken_utc: DateTime<Utc>,
    /// The last sequence number in the backup.
    pub restored_seq: i64,
}

/// One date and session of a proposal, with its split.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedSplit {
    pub date: NaiveDate,
    pub session: SessionKind,
    pub online: u32,
    pub counter: u32,
    pub priority: u32,
    /// Why a weekend, holiday or closure was included.
    pub include_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalDays {
    pub proposal_id: Uuid,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: Vec<ProposedSplit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalRef {
    pub proposal_id: Uuid,
}

/// A session's released quota.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleasedSplit {
    pub capacity: u32,
    pub online: Option<u32>,
    pub counter: Option<u32>,
    pub priority: Option<u32>,
    pub opens_utc: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecidedDay {
    pub date: NaiveDate,
    pub session: SessionKind,
    /// The quota before an approval (None: not provided yet); None for a rejection.
    pub before: Option<ReleasedSplit>,
    /// The quota an approval released; None for a rejection.
    pub after: Option<ReleasedSplit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalDecided {
    pub proposal_id: Uuid,
    pub reason: Option<String>,
    /// Every date and session decided by this decision.
    pub days: Vec<DecidedDay>,
    /// Whether no date of the proposal is left pending.
    pub proposal_decided: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalkInApplicant {
    pub id: Uuid,
    pub position: u8,
    pub nik: String,
    pub full_name: String,
    pub relation: crate::booking::Relation,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    pub application_type: ApplicationType,
    pub old_passport: Option<String>,
    pub old_passport_expiry: Option<NaiveDate>,
}

/// A walk-in booking, whole: it is what the central service must store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalkInBooked {
    pub booking_id: Uuid,
    pub code: String,
    pub counter: CounterCode,
    pub date: NaiveDate,
    pub session: SessionKind,
    pub category: Category,
    pub priority_reason: Option<PriorityReason>,
    pub override_reason: Option<String>,
    pub kk_number: String,
    pub kecamatan_code: String,
    pub address_line: Option<String>,
    pub proof_qr: String,
    pub applicants: Vec<WalkInApplicant>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arrival {
    pub applicant_id: Uuid,
    pub queue_number: QueueNumber,
    pub arrived_utc: DateTime<Utc>,
}

/// The applicants a check-in marked arrived: only those who were still expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArrivalsRecorded {
    pub booking_id: Uuid,
    pub code: String,
    pub arrivals: Vec<Arrival>,
}

/// Arrivals checked in from the central-signed proof of an online booking this PC had not pulled
/// yet (it was offline): the booking is named by its code and the applicants by their place on
/// the proof, since the PC knows nothing else of them. The central finds the booking by code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArrivalsFromProof {
    pub code: String,
    pub date: NaiveDate,
    pub session: SessionKind,
    pub arrivals: Vec<ProofArrival>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProofArrival {
    /// 1 to 5, as on the proof (the account holder first).
    pub position: u8,
    pub queue_number: QueueNumber,
    pub arrived_utc: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoShow {
    pub applicant_id: Uuid,
    pub booking_id: Uuid,
    pub date: NaiveDate,
    pub session: SessionKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoShowsMarked {
    pub grace_minutes: u32,
    pub applicants: Vec<NoShow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoShowReversed {
    pub applicant_id: Uuid,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OldPassportRecorded {
    pub booking_id: Uuid,
    pub code: String,
    pub applicant_id: Uuid,
    pub number: String,
    pub expiry: NaiveDate,
    /// The renewal flags the officer acknowledged (`birth_date_differs`, `expired`, …).
    pub flags: Vec<String>,
}

/// An officer acknowledged a "Perlu perhatian" item the central raised for the office, so every
/// PC of the office stops showing it and the central knows a person saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictRead {
    pub key: String,
}

/// Free seats of a session's share this PC gives back to the office's pool at the central, which
/// asked for them (another counter needs them, or the kepala lowered the share). Only the PC gives
/// seats back: it alone knows which it promised while offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatsReturned {
    pub date: NaiveDate,
    pub session: SessionKind,
    pub share: Share,
    pub seats: u32,
}

crate::text_enum! {
    /// Who asked for a cancellation.
    pub enum CancelOrigin ("asal pembatalan", "cancellation origin") {
        /// The applicant, until H-2.
        Pemohon = "pemohon",
        /// The office, any time, with a reason.
        Kantor = "kantor",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingCancelled {
    pub booking_id: Uuid,
    pub code: String,
    pub origin: CancelOrigin,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpError {
    Malformed(String),
    NewerVersion {
        op_type: &'static str,
        found: u64,
        known: u16,
    },
}

crate::bilingual!(OpError {
    Self::Malformed(detail) => ["Entri outbox tidak dapat dibaca: {detail}"]
        ["An outbox entry cannot be read: {detail}"],
    Self::NewerVersion { op_type, found, known } =>
        ["Entri outbox {op_type} versi {found} lebih baru dari yang dikenal aplikasi ini (versi {known})."]
        ["Outbox entry {op_type} version {found} is newer than this app knows (version {known})."],
});

impl Op {
    pub fn op_type(&self) -> OpType {
        match self {
            Op::SetupDone(_) => OpType::SetupDone,
            Op::SignedIn(_) => OpType::SignedIn,
            Op::SignInFailed(_) => OpType::SignInFailed,
            Op::AccountLocked(_) => OpType::AccountLocked,
            Op::UserCreated(_) => OpType::UserCreated,
            Op::UserDisabled(_) => OpType::UserDisabled,
            Op::UserEnabled(_) => OpType::UserEnabled,
            Op::PasswordReset(_) => OpType::PasswordReset,
            Op::DemoSeeded(_) => OpType::DemoSeeded,
            Op::KeyTrusted(_) => OpType::KeyTrusted,
            Op::EpochStarted(_) => OpType::EpochStarted,
            Op::OfficeClosed(_) => OpType::OfficeClosed,
            Op::HolidayAdded(_) => OpType::HolidayAdded,
            Op::HolidayRemoved(_) => OpType::HolidayRemoved,
            Op::ReleaseChanged(_) => OpType::ReleaseChanged,
            Op::GraceChanged(_) => OpType::GraceChanged,
            Op::LockIdleChanged(_) => OpType::LockIdleChanged,
            Op::BackupRestored(_) => OpType::BackupRestored,
            Op::ProposalDrafted(_) => OpType::ProposalDrafted,
            Op::DraftEdited(_) => OpType::DraftEdited,
            Op::ProposalSubmitted(_) => OpType::ProposalSubmitted,
            Op::QuotaApproved(_) => OpType::QuotaApproved,
            Op::QuotaRejected(_) => OpType::QuotaRejected,
            Op::WalkInBooked(_) => OpType::WalkInBooked,
            Op::ArrivalsRecorded(_) => OpType::ArrivalsRecorded,
            Op::NoShowsMarked(_) => OpType::NoShowsMarked,
            Op::NoShowReversed(_) => OpType::NoShowReversed,
            Op::OldPassportRecorded(_) => OpType::OldPassportRecorded,
            Op::BookingCancelled(_) => OpType::BookingCancelled,
            Op::ConflictRead(_) => OpType::ConflictRead,
            Op::SeatsReturned(_) => OpType::SeatsReturned,
            Op::ArrivalsFromProof(_) => OpType::ArrivalsFromProof,
        }
    }

    /// The payload version this build writes. Raise it for an operation whose payload changes
    /// shape, and keep reading the older shapes.
    pub fn version(op_type: OpType) -> u16 {
        // Every payload is at its first typed version (before it, payloads were untyped JSON).
        let _ = op_type;
        1
    }

    /// The `op_type` and the payload text to store: the operation's fields plus `v` and `by`.
    pub fn encode(&self, by: &Author) -> (OpType, String) {
        let op_type = self.op_type();
        // Serialising these plain structs cannot fail: no maps with non-string keys, no floats.
        let mut payload = match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(mut tagged)) => tagged
                .remove("payload")
                .and_then(|p| match p {
                    serde_json::Value::Object(m) => Some(m),
                    _ => None,
                })
                .unwrap_or_default(),
            _ => serde_json::Map::new(),
        };
        payload.insert("v".into(), Self::version(op_type).into());
        payload.insert(
            "by".into(),
            serde_json::to_value(by).unwrap_or(serde_json::Value::Null),
        );
        (op_type, serde_json::Value::Object(payload).to_string())
    }

    /// Reads a stored entry back: who did it and what.
    pub fn decode(op_type: &str, payload: &str) -> Result<(Author, Op), OpError> {
        let kind = OpType::try_from(op_type).map_err(|e| OpError::Malformed(e.to_string()))?;
        let mut fields: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(payload).map_err(|e| OpError::Malformed(e.to_string()))?;
        let found = fields
            .remove("v")
            .and_then(|v| v.as_u64())
            .ok_or_else(|| OpError::Malformed("tanpa versi (v)".into()))?;
        let known = Self::version(kind);
        if found > u64::from(known) {
            return Err(OpError::NewerVersion {
                op_type: kind.as_str(),
                found,
                known,
            });
        }
        let by: Author = fields
            .remove("by")
            .map(serde_json::from_value)
            .transpose()
            .map_err(|e| OpError::Malformed(e.to_string()))?
            .ok_or_else(|| OpError::Malformed("tanpa pelaku (by)".into()))?;
        let tagged = serde_json::json!({ "type": kind.as_str(), "payload": fields });
        let op = serde_json::from_value(tagged).map_err(|e| OpError::Malformed(e.to_string()))?;
        Ok((by, op))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn an_operation_reads_back_with_its_author_and_version() {
        let op = Op::NoShowReversed(NoShowReversed {
            applicant_id: id(7),
            reason: "Datang terlambat karena banjir".into(),
        });
        let by = Author::user(id(1), "kepala");
        let (kind, payload) = op.encode(&by);
        assert_eq!(kind.as_str(), "tidak_hadir.dibatalkan");
        let v: serde_json::Value = serde_json::from_str(&payload).unwrap_or_default();
        assert_eq!(v["v"], 1);
        assert_eq!(v["by"]["name"], "kepala");
        assert_eq!(Op::decode(kind.as_str(), &payload), Ok((by, op)));
    }

    #[test]
    fn the_tag_of_every_operation_is_its_op_type() {
        let op = Op::SignedIn(UserRef { user_id: id(3) });
        let tagged = serde_json::to_value(&op).unwrap_or_default();
        assert_eq!(tagged["type"], op.op_type().as_str());
        // Every OpType text names an Op variant: decoding an empty payload of it fails on a
        // missing field, not on an unknown type.
        for t in OpType::ALL {
            let r = Op::decode(
                t.as_str(),
                r#"{"v":1,"by":{"user_id":null,"name":"sistem"}}"#,
            );
            assert!(
                matches!(&r, Err(OpError::Malformed(m)) if !m.contains("unknown variant")),
                "{t}: {r:?}"
            );
        }
    }

    #[test]
    fn a_newer_payload_is_refused_rather_than_misread() {
        let r = Op::decode(
            "auth.masuk",
            r#"{"v":9,"by":{"user_id":null,"name":"x"},"user_id":"00000000-0000-0000-0000-000000000003"}"#,
        );
        assert!(matches!(r, Err(OpError::NewerVersion { found: 9, .. })));
        assert!(Op::decode("auth.masuk", "not json").is_err());
        assert!(Op::decode("tidak.ada", "{}").is_err());
    }

    #[test]
    fn arrivals_carry_the_queue_number_as_shown() {
        let q = CounterCode::parse("B")
            .and_then(|c| QueueNumber::new(c, 12))
            .ok();
        let Some(queue_number) = q else {
            panic!("queue number")
        };
        let op = Op::ArrivalsRecorded(ArrivalsRecorded {
            booking_id: id(5),
            code: "261123-P-B07".into(),
            arrivals: vec![Arrival {
                applicant_id: id(6),
                queue_number,
                arrived_utc: DateTime::<Utc>::from_timestamp(1_795_000_000, 0).unwrap_or_default(),
            }],
        });
        let (_, payload) = op.encode(&Author::system());
        assert!(payload.contains(r#""queue_number":"B-012""#), "{payload}");
    }
}
