//! The listening socket's acceptor: poem's TCP acceptor, with Nagle's algorithm turned
//! off on every connection it accepts.
//!
//! Concord writes whole responses and whole batches of gateway dispatches, then flushes.
//! With Nagle's algorithm a small write that follows one the peer has not acknowledged
//! yet is held back until that acknowledgement, which a peer delaying its ACKs may send
//! up to 40 ms later: the tail of gateway latency. poem's acceptor leaves it on.

use std::io;

use poem::http::uri::Scheme;
use poem::listener::{Acceptor, TcpAcceptor};
use poem::web::{LocalAddr, RemoteAddr};
use tokio::net::TcpStream;
use tracing::debug;

/// Accepts TCP connections with `TCP_NODELAY` set.
pub struct NoDelay(pub TcpAcceptor);

impl Acceptor for NoDelay {
    type Io = TcpStream;

    fn local_addr(&self) -> Vec<LocalAddr> {
        self.0.local_addr()
    }

    async fn accept(&mut self) -> io::Result<(TcpStream, LocalAddr, RemoteAddr, Scheme)> {
        let accepted = self.0.accept().await?;
        if let Err(error) = accepted.0.set_nodelay(true) {
            // The connection still works, only with Nagle's algorithm.
            debug!(%error, "could not set TCP_NODELAY");
        }
        Ok(accepted)
    }
}
