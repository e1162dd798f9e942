//! A switch between the PCs and the central: open, it forwards every connection; cut, it closes
//! the connections in flight (a long poll included) and every new one at once, as a cable pulled
//! out of the office's router would. Unlike stopping the server, a PC's kept-alive connection
//! cannot slip past it.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

#[derive(Debug, Clone)]
pub struct Gate {
    pub addr: SocketAddr,
    open: Arc<AtomicBool>,
    cuts: watch::Sender<u64>,
}

impl Gate {
    /// Listens on an ephemeral loopback port and forwards to `upstream`, open.
    pub async fn start(upstream: SocketAddr) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let gate = Self {
            addr: listener.local_addr()?,
            open: Arc::new(AtomicBool::new(true)),
            cuts: watch::channel(0).0,
        };
        let g = gate.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                if !g.open.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let mut cut = g.cuts.subscribe();
                tokio::spawn(async move {
                    let Ok(mut server) = TcpStream::connect(upstream).await else {
                        return;
                    };
                    let mut client = client;
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = cut.changed() => {}
                    }
                });
            }
        });
        Ok(gate)
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The central is unreachable from now on, and every connection open through the gate closes.
    pub fn cut(&self) {
        self.open.store(false, Ordering::SeqCst);
        self.cuts.send_modify(|n| *n += 1);
    }

    /// Reachable again.
    pub fn restore(&self) {
        self.open.store(true, Ordering::SeqCst);
    }
}
