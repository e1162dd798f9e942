//! What crosses the network between a PC and the central: any bytes either decode into a push
//! request, a push response or a pull response (and every entry's operation decodes or is
//! refused), or are refused by serde. Never a panic; a decoded message encodes and decodes again
//! to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use loket_domain::Op;
use loket_sync::{PullResponse, PushRequest, PushResponse};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
    v: &T,
) {
    let bytes = serde_json::to_vec(v).expect("encodes");
    let back: T = serde_json::from_slice(&bytes).expect("decodes what it encoded");
    assert_eq!(&back, v);
}

fuzz_target!(|data: &[u8]| {
    if let Ok(push) = serde_json::from_slice::<PushRequest>(data) {
        for entry in &push.entries {
            let _ = entry.computed_hash();
            if let Err(e) = Op::decode(&entry.op_type, &entry.payload) {
                assert!(!e.to_string().is_empty());
            }
        }
        round_trip(&push);
    }
    if let Ok(answer) = serde_json::from_slice::<PushResponse>(data) {
        round_trip(&answer);
    }
    if let Ok(pull) = serde_json::from_slice::<PullResponse>(data) {
        round_trip(&pull);
    }
});
