//! The committed OpenAPI document is the one the code generates. `UPDATE_OPENAPI=1 cargo test -p
//! loket-central --test openapi` rewrites it after a deliberate change of the API.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

#[test]
fn committed_openapi_document_matches_the_code() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("openapi.json");
    let generated = loket_central::api::doc::document();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "crates/central/openapi.json is stale: run UPDATE_OPENAPI=1 cargo test -p loket-central --test openapi"
    );
    // Every citizen route is documented, with its errors.
    let doc: serde_json::Value = serde_json::from_str(&generated).unwrap();
    for path in [
        "/v1/offices",
        "/v1/offices/{office}/availability",
        "/v1/bookings",
        "/v1/offices/{office}/bookings/{code}",
        "/v1/offices/{office}/bookings/{code}/cancel",
        "/v1/offices/{office}/bookings/{code}/proof.pdf",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is missing");
    }
    assert!(doc["paths"]["/v1/bookings"]["post"]["responses"]["409"].is_object());
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
}
