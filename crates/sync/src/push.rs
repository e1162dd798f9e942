//! Pushing a PC's outbox to the central, exactly once.

use chrono::{DateTime, Utc};
use loket_domain::Text;
use loket_domain::chain::EntryFields;
use serde::{Deserialize, Serialize};

/// One outbox entry as the PC stored it; the central keeps it byte for byte.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Entry {
    pub seq: i64,
    pub id: String,
    pub device_id: String,
    pub actor: String,
    pub occurred_utc: String,
    pub occurred_local: String,
    pub op_type: String,
    /// The payload as stored: JSON text, hashed as it is.
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

impl Entry {
    /// The hash its fields and `prev_hash` give; an entry whose `hash` differs was altered.
    pub fn computed_hash(&self) -> String {
        EntryFields {
            seq: self.seq,
            id: &self.id,
            device_id: &self.device_id,
            actor: &self.actor,
            occurred_utc: &self.occurred_utc,
            occurred_local: &self.occurred_local,
            op_type: &self.op_type,
            payload: &self.payload,
        }
        .hash(&self.prev_hash)
    }
}

/// `POST /v1/sync/push`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PushRequest {
    /// [`crate::PROTOCOL`].
    pub protocol: u32,
    /// Entries in sequence order, at most [`crate::MAX_BATCH`].
    pub entries: Vec<Entry>,
}

/// What became of one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Stored and its effects applied.
    Applied,
    /// Stored, and refused as a business matter (`code` and `message` say why); the office's
    /// officers must see it. Sync goes on with the next entry.
    Refused,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EntryResult {
    pub seq: i64,
    pub outcome: Outcome,
    /// A stable code for a refusal (`op.unreadable`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Text>,
}

/// The central's answer to a push.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PushResponse {
    /// Every entry up to this one is stored at the central (0: none yet).
    pub acked_through: i64,
    /// The central's clock, for the PC's clock-skew warning.
    pub server_time: DateTime<Utc>,
    /// One per entry sent, in order; an entry sent again gets the outcome stored the first time.
    pub results: Vec<EntryResult>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use loket_domain::chain::GENESIS;

    fn entry() -> Entry {
        let mut e = Entry {
            seq: 1,
            id: "01939a7e-0000-7000-8000-000000000001".into(),
            device_id: "pc-a".into(),
            actor: "petugas".into(),
            occurred_utc: "2026-12-07T02:00:00Z".into(),
            occurred_local: "2026-12-07T09:00:00+07:00".into(),
            op_type: "setup.selesai".into(),
            payload: "{\"v\":1}".into(),
            prev_hash: GENESIS.into(),
            hash: String::new(),
        };
        e.hash = e.computed_hash();
        e
    }

    #[test]
    fn the_wire_format_is_camel_case_and_refuses_unknown_fields() {
        let req = PushRequest {
            protocol: 1,
            entries: vec![entry()],
        };
        let json = serde_json::to_value(&req).unwrap();
        assert!(json["entries"][0]["prevHash"].is_string());
        assert_eq!(
            serde_json::from_value::<PushRequest>(json.clone()).unwrap(),
            req
        );
        let mut extra = json;
        extra["entries"][0]["sneaky"] = serde_json::json!(1);
        assert!(serde_json::from_value::<PushRequest>(extra).is_err());
    }

    #[test]
    fn an_altered_payload_no_longer_matches_its_hash() {
        let mut e = entry();
        assert_eq!(e.computed_hash(), e.hash);
        e.payload = "{\"v\":2}".into();
        assert_ne!(e.computed_hash(), e.hash);
    }
}
