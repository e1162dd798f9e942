//! A scanned booking proof's QR text: parsed, then verified against the demo central's key. Any
//! text is refused with a sentence (foreign, damaged, unknown key, bad signature) or, for a real
//! proof from the seed corpus, accepted. Never a panic; nothing unsigned is ever accepted.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use loket_domain::Bilingual;
use loket_domain::proof::{SignedProof, TrustedKeys, demo_central_key, public_key};

static TRUSTED: OnceLock<TrustedKeys> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let trusted = TRUSTED.get_or_init(|| {
        let mut keys = TrustedKeys::new();
        keys.add(
            loket_domain::proof::DEMO_CENTRAL_KEY_ID,
            &public_key(&demo_central_key()),
        )
        .expect("the demo key");
        keys
    });
    match SignedProof::parse(text) {
        Ok(proof) => {
            assert!(!proof.key_id().is_empty());
            if let Err(e) = proof.verify(trusted) {
                assert!(!e.to_string().is_empty() && !e.en().is_empty());
            }
        }
        Err(e) => assert!(!e.to_string().is_empty() && !e.en().is_empty()),
    }
});
