//! The PC's side of the protocol: HTTP calls to the central with the device's credential.
//!
//! Every failure is one of three kinds the worker treats differently: the central could not be
//! reached (wait and try again, everything stays in the outbox), the central refused the request
//! (show its Indonesian sentence; a gap or a broken chain stops sync until someone looks), or the
//! answer could not be understood (a central of another version: stop and say so).

use std::time::Duration;

use loket_domain::{Text, text};
use serde::de::DeserializeOwned;

use crate::{
    EnrolRequest, Enrolment, ErrorBody, PullRequest, PullResponse, PushRequest, PushResponse,
};

/// How long one request may take before the PC counts the central as unreachable.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncError {
    /// No answer: no network, the central down, a timeout, the connection cut mid-answer.
    Unreachable(String),
    /// The central answered with a refusal: its status, code and sentence.
    Refused {
        status: u16,
        code: String,
        message: Text,
    },
    /// An answer this PC does not understand.
    Unreadable(String),
}

loket_domain::bilingual!(SyncError {
    Self::Unreachable(why) => ["Layanan pusat tidak dapat dihubungi ({why}); semua entri tetap tersimpan di PC ini dan dikirim saat tersambung lagi."]
        ["The central service cannot be reached ({why}); every entry stays on this PC and is sent once connected again."],
    Self::Refused { message, .. } => ["{}", message.id] ["{}", message.en],
    Self::Unreadable(why) => ["Jawaban layanan pusat tidak dapat dibaca ({why}); perbarui aplikasi Loket atau hubungi admin TI."]
        ["The central service's answer cannot be read ({why}); update Loket or call IT."],
});

impl SyncError {
    /// A refusal with this code (`sync.gap`, `sync.chain_broken`, …).
    pub fn is(&self, wanted: &str) -> bool {
        matches!(self, SyncError::Refused { code, .. } if code == wanted)
    }
}

/// A counter PC's connection to its central.
#[derive(Debug, Clone)]
pub struct SyncClient {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl SyncClient {
    /// The central at `base` (e.g. `https://pusat.example`), with the device credential `token`.
    pub fn new(base: &str, token: &str) -> Result<Self, SyncError> {
        let base = base.trim().trim_end_matches('/');
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(SyncError::Unreadable(
                text!(
                    "alamat pusat harus diawali http:// atau https://",
                    "the central's address must start with http:// or https://"
                )
                .id,
            ));
        }
        let http = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .connect_timeout(Duration::from_secs(5))
            .build()
            .map_err(|e| SyncError::Unreachable(e.to_string()))?;
        Ok(Self {
            http,
            base: base.to_owned(),
            token: token.to_owned(),
        })
    }

    /// Exchanges the one-time `code` for this PC's credential at `office` (the token this client
    /// was made with is not used).
    pub async fn enrol(&self, office: &str, code: &str) -> Result<Enrolment, SyncError> {
        let res = self
            .http
            .post(format!("{}/v1/devices/enrol", self.base))
            .json(&EnrolRequest {
                office: office.to_owned(),
                code: code.to_owned(),
            })
            .send()
            .await
            .map_err(|e| SyncError::Unreachable(short(&e)))?;
        answer(res).await
    }

    /// The same central with the credential an enrolment returned.
    pub fn with_token(&self, token: &str) -> Self {
        Self {
            token: token.to_owned(),
            ..self.clone()
        }
    }

    /// Pushes one batch (see [`crate::push`]).
    pub async fn push(&self, req: &PushRequest) -> Result<PushResponse, SyncError> {
        let res = self
            .http
            .post(format!("{}/v1/sync/push", self.base))
            .bearer_auth(&self.token)
            .json(req)
            .send()
            .await
            .map_err(|e| SyncError::Unreachable(short(&e)))?;
        answer(res).await
    }
}

impl SyncClient {
    /// Pulls what changed since `req.cursor` (see [`crate::pull`]); a long poll may take up to
    /// its `wait_ms` on top of the usual time.
    pub async fn pull(&self, req: &PullRequest) -> Result<PullResponse, SyncError> {
        let res = self
            .http
            .post(format!("{}/v1/sync/pull", self.base))
            .bearer_auth(&self.token)
            .timeout(REQUEST_TIMEOUT + Duration::from_millis(u64::from(req.wait_ms)))
            .json(req)
            .send()
            .await
            .map_err(|e| SyncError::Unreachable(short(&e)))?;
        answer(res).await
    }
}

fn short(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "waktu habis".to_owned()
    } else if e.is_connect() {
        "sambungan ditolak atau jaringan terputus".to_owned()
    } else {
        "sambungan terputus".to_owned()
    }
}

async fn answer<T: DeserializeOwned>(res: reqwest::Response) -> Result<T, SyncError> {
    let status = res.status();
    // A body cut mid-way is a lost answer, not a refusal: the request may have been applied, and
    // pushing again is safe (the central replays stored outcomes).
    let bytes = res
        .bytes()
        .await
        .map_err(|e| SyncError::Unreachable(short(&e)))?;
    if status.is_success() {
        return serde_json::from_slice(&bytes).map_err(|e| SyncError::Unreadable(e.to_string()));
    }
    if status.is_server_error() && serde_json::from_slice::<ErrorBody>(&bytes).is_err() {
        // A proxy's or a crashed server's page: the central was not really reached.
        return Err(SyncError::Unreachable(format!("HTTP {}", status.as_u16())));
    }
    match serde_json::from_slice::<ErrorBody>(&bytes) {
        Ok(body) => Err(SyncError::Refused {
            status: status.as_u16(),
            code: body.code,
            message: Text::new(body.message, body.message_en),
        }),
        Err(_) => Err(SyncError::Unreadable(format!("HTTP {}", status.as_u16()))),
    }
}
