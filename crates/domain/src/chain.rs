//! The outbox chain's arithmetic, shared by the PC that writes it (`loket-store`) and the central
//! that verifies what it receives (`loket-central`): every entry's SHA-256 covers its fields and
//! the hash of the entry before it, and the chain's head is what the PC's key signs.

use sha2::{Digest, Sha256};

/// The `prev_hash` of the very first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields an entry's hash covers, in their fixed order.
#[derive(Debug, Clone, Copy)]
pub struct EntryFields<'a> {
    pub seq: i64,
    pub id: &'a str,
    pub device_id: &'a str,
    pub actor: &'a str,
    pub occurred_utc: &'a str,
    pub occurred_local: &'a str,
    pub op_type: &'a str,
    pub payload: &'a str,
}

impl EntryFields<'_> {
    /// The entry's hash given the previous entry's (`GENESIS` for the first), as lowercase hex.
    pub fn hash(&self, prev: &str) -> String {
        let mut h = Sha256::new();
        let seq = self.seq.to_string();
        // A separator that cannot appear in the fields keeps "ab"+"c" apart from "a"+"bc".
        for field in [
            prev,
            &seq,
            self.id,
            self.device_id,
            self.actor,
            self.occurred_utc,
            self.occurred_local,
            self.op_type,
            self.payload,
        ] {
            h.update(field.as_bytes());
            h.update([0x1f]);
        }
        hex(&h.finalize())
    }
}

/// The bytes a PC's key signs for the head of its chain: a fixed label and the head's fields.
pub fn head_message(device_id: &str, epoch: i64, seq: i64, hash: &str) -> Vec<u8> {
    format!("loket-chain-head\u{1f}{device_id}\u{1f}{epoch}\u{1f}{seq}\u{1f}{hash}").into_bytes()
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(payload: &str) -> EntryFields<'_> {
        EntryFields {
            seq: 1,
            id: "0193",
            device_id: "pc",
            actor: "petugas",
            occurred_utc: "2026-12-07T02:00:00Z",
            occurred_local: "2026-12-07T09:00:00+07:00",
            op_type: "walkin.dibuat",
            payload,
        }
    }

    #[test]
    fn the_hash_is_hex_sha256_and_changes_with_any_field_or_link() {
        let h = entry("{}").hash(GENESIS);
        // Pinned: every PC's stored chain and the central's copies were hashed this way; a change
        // here would make every existing chain look altered.
        assert_eq!(
            h,
            "c3b2aae76adc6ce1569639dc3e893059abf080db549e9119b0e85d19f1496d2a"
        );
        assert!(
            h.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_ne!(h, entry("{ }").hash(GENESIS));
        assert_ne!(h, entry("{}").hash(&h));
        // Fields are separated: moving a character from one field to the next changes the hash.
        let a = EntryFields {
            actor: "petugasw",
            op_type: "alkin.dibuat",
            ..entry("{}")
        };
        let b = EntryFields {
            actor: "petugas",
            op_type: "walkin.dibuat",
            ..entry("{}")
        };
        assert_ne!(a.hash(GENESIS), b.hash(GENESIS));
    }
}
