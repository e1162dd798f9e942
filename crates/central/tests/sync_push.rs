//! A counter PC's push, stored exactly once and in chain order, against a real PostgreSQL.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::Duration;
use common::*;
use loket_central::devices::issue_code;
use loket_domain::chain::GENESIS;
use loket_domain::op::{Author, Op, UserRef};
use loket_sync::{Entry, Outcome, PushRequest, PushResponse};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PC: &str = "0193a000-0000-7000-8000-00000000000a";

/// `n` entries of `device` after `(seq, hash)`, chained as the PC's store chains them. Entry
/// numbers in `unreadable` carry a payload version no central knows.
fn chain(device: &str, after: (i64, &str), n: i64, unreadable: &[i64]) -> Vec<Entry> {
    let by = Author::user(uuid::Uuid::now_v7(), "Petugas Demo");
    let mut prev = after.1.to_owned();
    (after.0 + 1..=after.0 + n)
        .map(|seq| {
            let op = Op::SignedIn(UserRef {
                user_id: uuid::Uuid::now_v7(),
            });
            let (op_type, mut payload) = op.encode(&by);
            if unreadable.contains(&seq) {
                payload = payload.replacen("\"v\":1", "\"v\":99", 1);
            }
            let mut e = Entry {
                seq,
                id: uuid::Uuid::now_v7().to_string(),
                device_id: device.to_owned(),
                actor: "petugas".into(),
                occurred_utc: "2026-12-07T02:00:00Z".into(),
                occurred_local: "2026-12-07T09:00:00+07:00".into(),
                op_type: op_type.as_str().to_owned(),
                payload,
                prev_hash: prev.clone(),
                hash: String::new(),
            };
            e.hash = e.computed_hash();
            prev.clone_from(&e.hash);
            e
        })
        .collect()
}

/// An enrolled counter B of Jakarta Selatan: its bearer token.
async fn enrolled(central: &loket_central::Central, base: &str) -> String {
    let code = issue_code(central, "jakartaselatan", "B", Duration::hours(24))
        .await
        .unwrap();
    let (status, v) = post(
        &reqwest::Client::new(),
        &format!("{base}/v1/devices/enrol"),
        None,
        &json!({ "office": "jakartaselatan", "code": code }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    v["token"].as_str().unwrap().to_owned()
}

async fn push(base: &str, token: &str, body: &Value) -> (StatusCode, Value) {
    let res = reqwest::Client::new()
        .post(format!("{base}/v1/sync/push"))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap())
}

fn request(entries: &[Entry]) -> Value {
    serde_json::to_value(PushRequest {
        protocol: 1,
        entries: entries.to_vec(),
    })
    .unwrap()
}

async fn stored(central: &loket_central::Central) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM device_log")
        .fetch_one(&central.pool)
        .await
        .unwrap()
}

fn outcomes(v: &Value) -> Vec<(i64, Outcome)> {
    let r: PushResponse = serde_json::from_value(v.clone()).unwrap();
    r.results.iter().map(|r| (r.seq, r.outcome)).collect()
}

#[tokio::test]
async fn a_push_is_stored_once_and_a_retry_gets_the_outcomes_stored_the_first_time() {
    let (central, _clock) = central_at(utc(2026, 12, 7, 2, 0)).await;
    let base = serve(&central).await;
    let token = enrolled(&central, &base).await;
    let first = chain(PC, (0, GENESIS), 5, &[4]);

    let (status, v) = push(&base, &token, &request(&first)).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["ackedThrough"], 5);
    use Outcome::{Applied, Refused};
    let expected = vec![
        (1, Applied),
        (2, Applied),
        (3, Applied),
        (4, Refused),
        (5, Applied),
    ];
    assert_eq!(outcomes(&v), expected);
    // The refusal is an outcome with its reason, and the queue moved past it.
    assert_eq!(v["results"][3]["code"], "op.unreadable");
    assert!(
        v["results"][3]["message"]["id"]
            .as_str()
            .unwrap()
            .starts_with("Entri no. 4 tidak dapat dibaca pusat"),
        "{v}"
    );

    // The very same batch again (the answer was lost): the same outcomes, nothing stored twice.
    let (status, again) = push(&base, &token, &request(&first)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["results"], v["results"]);
    assert_eq!(stored(&central).await, 5);

    // A batch overlapping what is stored: the old entries replayed, the new ones stored.
    let mut next = first[2..].to_vec();
    next.extend(chain(PC, (5, &first[4].hash), 2, &[]));
    let (status, v) = push(&base, &token, &request(&next)).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(
        outcomes(&v),
        vec![
            (3, Applied),
            (4, Refused),
            (5, Applied),
            (6, Applied),
            (7, Applied)
        ]
    );
    assert_eq!(v["ackedThrough"], 7);
    assert_eq!(stored(&central).await, 7);

    // What is stored is what the PC sent, byte for byte.
    let payload: String = sqlx::query_scalar("SELECT payload FROM device_log WHERE seq = 4")
        .fetch_one(&central.pool)
        .await
        .unwrap();
    assert_eq!(payload, first[3].payload);
}

#[tokio::test]
async fn a_gap_a_broken_chain_or_a_foreign_entry_is_refused_and_changes_nothing() {
    let (central, _clock) = central_at(utc(2026, 12, 7, 2, 0)).await;
    let base = serve(&central).await;
    let token = enrolled(&central, &base).await;
    let entries = chain(PC, (0, GENESIS), 3, &[]);
    let code = |v: &Value| v["code"].as_str().unwrap_or_default().to_owned();

    // Starting at no. 2: the central waits for no. 1.
    let (status, v) = push(&base, &token, &request(&entries[1..])).await;
    assert_eq!(
        (status, code(&v)),
        (StatusCode::CONFLICT, "sync.gap".into())
    );
    assert!(
        v["message"].as_str().unwrap().contains("entri no. 1"),
        "{v}"
    );

    // An altered payload, then a link that names another entry.
    let mut altered = entries.clone();
    altered[1].payload = altered[1].payload.replace("Petugas Demo", "Orang Lain");
    let (status, v) = push(&base, &token, &request(&altered)).await;
    assert_eq!(
        (status, code(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, "sync.chain_broken".into())
    );
    assert!(v["message"].as_str().unwrap().contains("no. 2"), "{v}");
    let mut relinked = entries.clone();
    relinked[2].prev_hash = entries[0].hash.clone();
    relinked[2].hash = relinked[2].computed_hash();
    let (status, v) = push(&base, &token, &request(&relinked)).await;
    assert_eq!(
        (status, code(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, "sync.chain_broken".into())
    );
    assert_eq!(
        stored(&central).await,
        0,
        "a refused batch stores nothing, not even its good start"
    );

    // The real chain goes in; then the same numbers with other contents are refused.
    let (status, _) = push(&base, &token, &request(&entries)).await;
    assert_eq!(status, StatusCode::OK);
    let other = chain(PC, (0, GENESIS), 3, &[]);
    let (status, v) = push(&base, &token, &request(&other)).await;
    assert_eq!(
        (status, code(&v)),
        (StatusCode::CONFLICT, "sync.diverged".into())
    );

    // Entries of another PC under this PC's credential.
    let foreign = chain(
        "0193a000-0000-7000-8000-0000000000ff",
        (3, &entries[2].hash),
        1,
        &[],
    );
    let (status, v) = push(&base, &token, &request(&foreign)).await;
    assert_eq!(
        (status, code(&v)),
        (StatusCode::FORBIDDEN, "sync.device_mismatch".into())
    );

    // A protocol this central does not speak, too many entries, an unknown field, no credential.
    let mut v2 = request(&chain(PC, (3, &entries[2].hash), 1, &[]));
    v2["protocol"] = json!(2);
    let (status, v) = push(&base, &token, &v2).await;
    assert_eq!(
        (status, code(&v)),
        (StatusCode::BAD_REQUEST, "sync.protocol".into())
    );
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("Perbarui aplikasi Loket"),
        "{v}"
    );
    let many = chain(PC, (3, &entries[2].hash), 201, &[]);
    let (status, v) = push(&base, &token, &request(&many)).await;
    assert_eq!(
        (status, code(&v)),
        (StatusCode::PAYLOAD_TOO_LARGE, "sync.batch_too_large".into())
    );
    let mut sneaky = request(&chain(PC, (3, &entries[2].hash), 1, &[]));
    sneaky["entries"][0]["extra"] = json!(true);
    let (status, v) = push(&base, &token, &sneaky).await;
    assert_eq!(
        (status, code(&v)),
        (StatusCode::BAD_REQUEST, "body.invalid".into())
    );
    let (status, _) = push(&base, "jakartaselatan.nobody.secret", &request(&entries)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    assert_eq!(stored(&central).await, 3);
    let acked: i64 = sqlx::query_scalar("SELECT acked_seq FROM devices")
        .fetch_one(&central.pool)
        .await
        .unwrap();
    assert_eq!(acked, 3);
}
