//! A counter PC pushes its outbox to a real central service (on a real PostgreSQL): every entry
//! arrives once, byte for byte, in chain order; a lost answer or a cut network loses nothing and
//! stores nothing twice; an entry edited in the file is refused and stops the push.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::*;
use loket_app::{EnrolRequest, Link, SyncWorker};
use loket_central::devices::issue_code;
use loket_sync::SyncClient;

/// The central service on a private PostgreSQL: the service and its address.
async fn central() -> (loket_central::Central, String) {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap();
    let (central, _clock) = loket_central::testing::central_at(now).await;
    let base = loket_central::testing::serve(&central).await;
    (central, base)
}

/// The PC enrolled by its admin with a code for counter A; its client.
async fn enrolled(o: &Office, central: &loket_central::Central, base: &str) -> SyncClient {
    let code = issue_code(central, "jakartaselatan", "A", Duration::hours(1))
        .await
        .unwrap();
    let (admin, _) = o
        .loket
        .login(&login("admin", "kata-sandi-kuat"))
        .await
        .unwrap();
    let req = EnrolRequest {
        central_url: format!("{base}/"),
        code,
    };
    let status = o.loket.enrol(&admin, &req).await.unwrap();
    assert_eq!(status.central_url.as_deref(), Some(base));
    o.loket.sync_client().await.unwrap().unwrap()
}

/// (seq, payload, hash) of every entry, on the PC and at the central.
async fn pc_entries(o: &Office) -> Vec<(i64, String, String)> {
    sqlx::query_as("SELECT seq, payload, hash FROM outbox ORDER BY seq")
        .fetch_all(o.loket.store().pool())
        .await
        .unwrap()
}

async fn central_entries(c: &loket_central::Central) -> Vec<(i64, String, String)> {
    sqlx::query_as("SELECT seq, payload, hash FROM device_log ORDER BY seq")
        .fetch_all(&c.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_outbox_reaches_the_central_once_byte_for_byte_through_lost_answers_and_outages() {
    let o = set_up("jakartaselatan").await;
    let (central, base) = central().await;
    let client = enrolled(&o, &central, &base).await;

    let done = o.loket.push_outbox(&client).await.unwrap();
    let pc = pc_entries(&o).await;
    assert!(pc.len() >= 2, "setup and sign-in were recorded");
    assert_eq!(done.sent, pc.len());
    assert_eq!(done.acked_seq, pc.last().unwrap().0);
    assert_eq!(
        central_entries(&central).await,
        pc,
        "the same entries, the same bytes"
    );
    assert_eq!(o.loket.store().push_state().await.unwrap().waiting, 0);

    // Nothing new: a push sends nothing.
    assert_eq!(o.loket.push_outbox(&client).await.unwrap().sent, 0);

    // The network is cut: the push fails in Indonesian and the new entries wait.
    let _ = o.loket.login(&login("admin", "salah")).await;
    let cut = SyncClient::new("http://127.0.0.1:9", "jakartaselatan.x.y").unwrap();
    let err = o.loket.push_outbox(&cut).await.unwrap_err();
    assert_eq!(err.code(), "sync.unreachable");
    assert!(
        err.to_string().contains("tetap tersimpan di PC ini"),
        "{err}"
    );
    assert_eq!(o.loket.store().push_state().await.unwrap().waiting, 1);

    // The link is back, but the answer to this push is lost on the way: the PC still thinks
    // nothing was acknowledged past the first push.
    o.loket.push_outbox(&client).await.unwrap();
    sqlx::query("UPDATE sync_state SET acked_seq = ?")
        .bind(done.acked_seq)
        .execute(o.loket.store().pool())
        .await
        .unwrap();
    let again = o.loket.push_outbox(&client).await.unwrap();
    assert_eq!(again.sent, 1, "the entry is sent again");
    let pc = pc_entries(&o).await;
    assert_eq!(central_entries(&central).await, pc, "and stored once");

    // An entry edited in the file after it was written: the central refuses the chain and
    // stores nothing; the PC keeps the entry waiting.
    o.loket
        .login(&login("admin", "kata-sandi-kuat"))
        .await
        .unwrap();
    let last = pc_entries(&o).await.last().unwrap().0;
    sqlx::query("UPDATE outbox SET payload = ' ' || payload WHERE seq = ?")
        .bind(last)
        .execute(o.loket.store().pool())
        .await
        .unwrap();
    let err = o.loket.push_outbox(&client).await.unwrap_err();
    assert_eq!(err.code(), "sync.refused");
    assert!(err.to_string().contains("Rantai log audit putus"), "{err}");
    assert_eq!(central_entries(&central).await, pc);
    assert_eq!(o.loket.store().push_state().await.unwrap().waiting, 1);
}

#[tokio::test]
async fn a_code_for_another_counter_is_refused_and_nothing_is_kept() {
    let o = set_up("jakartaselatan").await;
    let (central, base) = central().await;
    let code = issue_code(&central, "jakartaselatan", "B", Duration::hours(1))
        .await
        .unwrap();
    let (admin, _) = o
        .loket
        .login(&login("admin", "kata-sandi-kuat"))
        .await
        .unwrap();
    let err = o
        .loket
        .enrol(
            &admin,
            &EnrolRequest {
                central_url: base.clone(),
                code,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "sync.counter_mismatch");
    assert!(
        err.to_string()
            .contains("untuk loket B, sedangkan PC ini loket A"),
        "{err}"
    );
    assert!(o.loket.sync_client().await.unwrap().is_none());

    // A code that was never issued: the central's own sentence, in Indonesian.
    let err = o
        .loket
        .enrol(
            &admin,
            &EnrolRequest {
                central_url: base,
                code: "SALAH-KODE".into(),
            },
        )
        .await
        .unwrap_err();
    assert!(
        err.to_string().starts_with("Kode pendaftaran tidak sah"),
        "{err}"
    );

    // The central's key is trusted once enrolled: online proofs it signs check in at this PC.
    let pc_keys: i64 =
        sqlx::query_scalar("SELECT count(*) FROM signing_keys WHERE origin = 'central'")
            .fetch_one(o.loket.store().pool())
            .await
            .unwrap();
    assert_eq!(pc_keys, 0, "a refused enrolment trusts no key");
}

/// Waits until `check` holds, for at most 20 s.
async fn eventually<F, Fut>(what: &str, check: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !check().await {
        assert!(
            std::time::Instant::now() < deadline,
            "{what} did not happen within 20 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_worker_pushes_soon_after_a_change_and_says_when_the_central_is_gone() {
    let o = set_up("jakartaselatan").await;
    let (central, base) = central().await;
    enrolled(&o, &central, &base).await;
    let worker = SyncWorker::spawn(o.loket.clone());
    eventually("the first push", || async {
        central_entries(&central).await == pc_entries(&o).await
    })
    .await;
    assert_eq!(worker.state().link, Link::Online);

    // A change, and the worker is told: it reaches the central without waiting for a timer.
    let _ = o.loket.login(&login("admin", "salah")).await;
    worker.wake();
    eventually("the change at the central", || async {
        central_entries(&central).await == pc_entries(&o).await
    })
    .await;

    // The central's address stops answering: the header's state says offline, in Indonesian,
    // and the entry waits.
    sqlx::query("UPDATE sync_state SET central_url = 'http://127.0.0.1:9'")
        .execute(o.loket.store().pool())
        .await
        .unwrap();
    let _ = o.loket.login(&login("admin", "salah")).await;
    worker.wake();
    eventually("offline", || async { worker.state().link == Link::Offline }).await;
    let problem = worker.state().problem.unwrap();
    assert!(problem.id.contains("tidak dapat dihubungi"), "{problem:?}");
    assert_eq!(o.loket.store().push_state().await.unwrap().waiting, 1);
}
