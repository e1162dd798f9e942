//! The OS key store (Secret Service on Linux, Credential Manager on Windows) through `keyring`: the
//! one place the use cases' key vault touches the real thing. The other tests use `MemoryKeyVault`.
//! `scripts/test.sh` runs this inside a private gnome-keyring (`scripts/with-keyring.sh`).

use loket_app::{KeyVault, OsKeyVault};

#[test]
fn a_secret_stored_in_the_os_key_store_reads_back_and_an_unknown_name_is_none() {
    let vault = OsKeyVault::new("loket-test");
    let name = format!("proof-signing-key:test-{}", std::process::id());
    assert_eq!(vault.load(&name).unwrap(), None);
    let secret: Vec<u8> = (0u8..32).collect();
    vault.store(&name, &secret).unwrap();
    assert_eq!(vault.load(&name).unwrap(), Some(secret));
    // Leave nothing behind in whoever's key store this ran against.
    keyring::Entry::new("loket-test", &name)
        .and_then(|e| e.delete_credential())
        .unwrap();
    assert_eq!(vault.load(&name).unwrap(), None);
}
