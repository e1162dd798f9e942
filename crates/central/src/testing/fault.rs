//! A fault proxy for the sync's tests: it sits between a PC and the central on loopback and, for
//! each HTTP request, passes it, delays it, drops it before the central sees it, drops the answer
//! after the central has acted on it, cuts the answer half-way, or sends the request to the
//! central twice. Which fault, is drawn from a seeded generator, so a failing run can be replayed.
//!
//! It understands just enough HTTP/1.1 for the sync client: a request head and a `Content-Length`
//! body, an answer the same way (axum's JSON answers carry their length). Each request goes to
//! the central on a fresh connection.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::{Rng, SeedableRng};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the proxy does to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fault {
    Pass,
    /// Waits up to 300 ms, then passes.
    Delay,
    /// Closes the PC's connection; the central never sees the request.
    DropRequest,
    /// The central acts on the request; the PC never gets the answer.
    DropAnswer,
    /// The PC gets half of the answer, then the connection closes.
    CutAnswer,
    /// The central gets the request twice; the PC gets the second answer.
    Duplicate,
    /// The central gets half of the request's bytes, then the connection closes.
    CutRequest,
    /// Passes, and a copy reaches the central again up to 600 ms later, after what the PC sent
    /// next (a stale retry overtaken by newer requests).
    Reorder,
}

#[derive(Debug)]
struct Dice {
    rng: rand_chacha::ChaCha8Rng,
    /// Chance that a request meets a fault other than `Pass`.
    rate: f64,
    tally: BTreeMap<Fault, u32>,
}

/// A running proxy. Faults are drawn at `rate` until [`FaultProxy::heal`].
#[derive(Debug, Clone)]
pub struct FaultProxy {
    pub addr: SocketAddr,
    dice: Arc<Mutex<Dice>>,
}

impl FaultProxy {
    /// Listens on an ephemeral loopback port and forwards to `upstream`.
    pub async fn start(upstream: SocketAddr, seed: u64, rate: f64) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let proxy = Self {
            addr: listener.local_addr()?,
            dice: Arc::new(Mutex::new(Dice {
                rng: rand_chacha::ChaCha8Rng::seed_from_u64(seed),
                rate,
                tally: BTreeMap::new(),
            })),
        };
        let p = proxy.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let p = p.clone();
                tokio::spawn(async move { p.serve(client, upstream).await });
            }
        });
        Ok(proxy)
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// No more faults from now on.
    pub fn heal(&self) {
        self.lock().rate = 0.0;
    }

    /// How many requests met each fault so far.
    pub fn tally(&self) -> BTreeMap<Fault, u32> {
        self.lock().tally.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Dice> {
        self.dice.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn draw(&self) -> (Fault, Duration) {
        let mut d = self.lock();
        let rate = d.rate.clamp(0.0, 1.0);
        let fault = if d.rng.random_bool(rate) {
            match d.rng.random_range(0..7) {
                0 => Fault::Delay,
                1 => Fault::DropRequest,
                2 => Fault::DropAnswer,
                3 => Fault::CutAnswer,
                4 => Fault::CutRequest,
                5 => Fault::Reorder,
                _ => Fault::Duplicate,
            }
        } else {
            Fault::Pass
        };
        let delay = Duration::from_millis(if fault == Fault::Reorder {
            d.rng.random_range(100..600)
        } else {
            d.rng.random_range(0..300)
        });
        *d.tally.entry(fault).or_insert(0) += 1;
        (fault, delay)
    }

    async fn serve(&self, mut client: TcpStream, upstream: SocketAddr) {
        while let Ok(Some(request)) = read_message(&mut client).await {
            let (fault, delay) = self.draw();
            let answer = match fault {
                Fault::DropRequest => return,
                Fault::Delay => {
                    tokio::time::sleep(delay).await;
                    forward(upstream, &request).await
                }
                Fault::Duplicate => {
                    let _ = forward(upstream, &request).await;
                    forward(upstream, &request).await
                }
                Fault::CutRequest => {
                    if let Ok(mut server) = TcpStream::connect(upstream).await {
                        let _ = server.write_all(&request[..request.len() / 2]).await;
                    }
                    return;
                }
                Fault::Reorder => {
                    let copy = request.clone();
                    tokio::spawn(async move {
                        tokio::time::sleep(delay).await;
                        let _ = forward(upstream, &copy).await;
                    });
                    forward(upstream, &request).await
                }
                Fault::Pass | Fault::DropAnswer | Fault::CutAnswer => {
                    forward(upstream, &request).await
                }
            };
            let Ok(answer) = answer else { return };
            match fault {
                Fault::DropAnswer => return,
                Fault::CutAnswer => {
                    let _ = client.write_all(&answer[..answer.len() / 2]).await;
                    return;
                }
                _ => {
                    if client.write_all(&answer).await.is_err() {
                        return;
                    }
                }
            }
        }
    }
}

/// The request on a fresh connection to the central, and its whole answer.
async fn forward(upstream: SocketAddr, request: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut server = TcpStream::connect(upstream).await?;
    server.write_all(request).await?;
    read_message(&mut server)
        .await?
        .ok_or_else(|| std::io::Error::other("the central closed without answering"))
}

/// One HTTP/1.1 message (head and `Content-Length` body) as raw bytes; `None` at a clean end.
async fn read_message(stream: &mut TcpStream) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = find(&buf, b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return if buf.is_empty() {
                Ok(None)
            } else {
                Err(std::io::Error::other("cut inside a head"))
            };
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::Error::other("cut inside a body"));
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    buf.truncate(head_end + length);
    Ok(Some(buf))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
