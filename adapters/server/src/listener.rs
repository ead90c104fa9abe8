//! The listening socket's acceptor: poem's TCP acceptor, with Nagle's algorithm turned
//! off on every connection it accepts, and a limit on how long a connection may stay
//! silent.
//!
//! Concord writes whole responses and whole batches of gateway dispatches, then flushes.
//! With Nagle's algorithm a small write that follows one the peer has not acknowledged
//! yet is held back until that acknowledgement, which a peer delaying its ACKs may send
//! up to 40 ms later: the tail of gateway latency. poem's acceptor leaves it on.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use poem::http::uri::Scheme;
use poem::listener::{Acceptor, TcpAcceptor};
use poem::web::{LocalAddr, RemoteAddr};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::{Instant, Sleep};
use tracing::debug;

/// Accepts TCP connections with `TCP_NODELAY` set, each closed once it has been silent
/// in both directions for `silence`.
pub struct NoDelay {
    /// poem's acceptor.
    pub inner: TcpAcceptor,
    /// How long a connection may go without reading or writing a byte.
    pub silence: Duration,
}

impl Acceptor for NoDelay {
    type Io = Quiet;

    fn local_addr(&self) -> Vec<LocalAddr> {
        self.inner.local_addr()
    }

    async fn accept(&mut self) -> io::Result<(Quiet, LocalAddr, RemoteAddr, Scheme)> {
        let (stream, local, remote, scheme) = self.inner.accept().await?;
        if let Err(error) = stream.set_nodelay(true) {
            // The connection still works, only with Nagle's algorithm.
            debug!(%error, "could not set TCP_NODELAY");
        }
        Ok((Quiet::new(stream, self.silence), local, remote, scheme))
    }
}

/// A connection whose reads fail with `TimedOut` once nothing was read or written for
/// `silence`.
///
/// poem's own idle timeout only starts a graceful shutdown, which waits for the request
/// being read: a client that sends half a request and stops would keep its socket
/// forever. An error from the read ends the connection instead. A live gateway client
/// is never silent that long: it heartbeats at an interval well below the limit.
pub struct Quiet {
    inner: TcpStream,
    silence: Duration,
    deadline: Pin<Box<Sleep>>,
}

impl Quiet {
    fn new(inner: TcpStream, silence: Duration) -> Self {
        Self {
            inner,
            silence,
            deadline: Box::pin(tokio::time::sleep(silence)),
        }
    }

    /// Something moved: the silence starts over.
    fn heard(&mut self) {
        let next = Instant::now() + self.silence;
        self.deadline.as_mut().reset(next);
    }
}

impl AsyncRead for Quiet {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(result) => {
                this.heard();
                Poll::Ready(result)
            }
            Poll::Pending => match this.deadline.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "connection silent for too long",
                ))),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

impl AsyncWrite for Quiet {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.inner).poll_write(cx, buf);
        if matches!(written, Poll::Ready(Ok(n)) if n > 0) {
            this.heard();
        }
        written
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
