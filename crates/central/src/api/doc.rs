//! The OpenAPI document, generated from the handlers' and types' annotations (utoipa) and
//! committed as `crates/central/openapi.json`; a test fails when the two differ.

use utoipa::OpenApi;

#[derive(Debug, OpenApi)]
#[openapi(
    info(
        title = "Loket Central",
        description = "The reference central service of Loket: the citizens' passport queue booking (APAPO / M-Paspor) and the offices' sync (push of the counters' outbox, pull of what changed by cursor). Errors are `{code, message, messageEn}` with the message in Bahasa Indonesia."
    ),
    paths(
        super::health::healthz,
        super::health::readyz,
        super::citizens::offices,
        super::citizens::availability,
        super::citizens::join_queue,
        super::citizens::queue_status,
        super::citizens::book,
        super::citizens::lookup,
        super::citizens::proof_pdf,
        super::citizens::proof_svg,
        super::citizens::cancel,
        super::offices::enrol,
        super::offices::calendar,
        super::offices::push,
        super::offices::pull,
    ),
    modifiers(&DeviceAuth),
    tags(
        (name = "citizens", description = "The seeds' online booking flow"),
        (name = "offices", description = "Counter PCs: enrolment, their office's calendar, and the sync"),
        (name = "operations", description = "Liveness and readiness")
    )
)]
pub struct ApiDoc;

/// The device credential: `Authorization: Bearer office.device.secret`.
#[derive(Debug)]
struct DeviceAuth;

impl utoipa::Modify for DeviceAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "device",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The document as committed: pretty JSON with a final newline.
pub fn document() -> String {
    let mut text = ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
