//! Enrolment: a counter PC exchanges the one-time code a central admin issued for its device
//! credential (`POST /v1/devices/enrol`, no credential yet).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnrolRequest {
    pub office: String,
    /// The one-time code the office's admin received.
    pub code: String,
}

/// What an enrolled PC keeps: its identity and credential (in the OS key store) and the key the
/// central signs with.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Enrolment {
    pub office: String,
    pub device_id: Uuid,
    pub counter_code: String,
    /// `Bearer` credential for every office request; shown once.
    pub token: String,
    pub central_key_id: String,
    /// The central's Ed25519 public key, hex.
    pub central_public_key: String,
}
