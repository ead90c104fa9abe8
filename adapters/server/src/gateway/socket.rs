//! One gateway connection's WebSocket: small buffers, reads only when the socket has
//! something to read, and writes that many messages share.
//!
//! An idle connection should cost little, and a busy one as few system calls as it can:
//!
//! - The read buffer is small: clients send small frames (IDENTIFY and RESUME with a
//!   token, heartbeats, presence) a few times a minute; a larger one grows it as needed.
//! - Messages are encoded here, as text frames, into a buffer of the socket's own that
//!   is written once more than [`WRITE_BUFFER`] bytes wait or when [`Socket::flush`]
//!   asks, so that messages fed one after another leave in one write. The buffer is
//!   released after each write: an idle connection holds none, however large its READY
//!   (31 KiB in a guild of 100, 300 KiB in a big one) or its last burst was.
//!   tungstenite's own write buffer would keep the size of the largest frame ever
//!   written, for the connection's life; it now carries only the control frames
//!   tungstenite answers by itself (pongs, the reply to a close).
//! - Reads pass through a [`ReadGate`], so the deliveries that wake the task do not
//!   poll the read side too.
//!
//! It knows frames and bytes; the gateway protocol is the connection's business.

use std::future::poll_fn;
use std::task::{Context, Poll};

use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::protocol::frame::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_tungstenite::tungstenite::{self, Message};

use super::read_gate::ReadGate;

/// The read buffer's size, and the most read from the socket at a time. Clients send
/// little (a heartbeat is a few dozen bytes, IDENTIFY a few hundred) and every idle
/// connection keeps its buffer, so it is small; a larger frame is read in more steps.
const READ_BUFFER: usize = 128;
/// Messages wait in the write buffer until more than this many bytes do.
const WRITE_BUFFER: usize = 8 * 1024;
/// The most tungstenite's write buffer may hold: it only ever holds a pong or a close
/// frame (125 bytes of payload at most each), written at once.
const CONTROL_BUFFER: usize = 1024;

/// Why the socket can no longer be used: the client went away, or broke the protocol.
/// Boxed, as tungstenite's error is large and every read and write returns it.
#[derive(Debug, thiserror::Error)]
#[error("gateway socket: {0}")]
pub struct SocketError(Box<tungstenite::Error>);

impl From<tungstenite::Error> for SocketError {
    fn from(error: tungstenite::Error) -> Self {
        Self(Box::new(error))
    }
}

impl From<std::io::Error> for SocketError {
    fn from(error: std::io::Error) -> Self {
        tungstenite::Error::Io(error).into()
    }
}

/// A gateway connection's WebSocket, server side.
pub struct Socket<S> {
    ws: WebSocketStream<S>,
    gate: ReadGate,
    /// Encoded frames not yet written.
    out: Vec<u8>,
    /// How much of `out` is written already: a write interrupted (by the session being
    /// ended) resumes there, so that frames are never cut short or interleaved.
    written: usize,
    /// Whether something was read since tungstenite's buffer was last flushed: reading a
    /// ping or a close makes it queue an answer, which must go out before our frames.
    read_since_flush: bool,
}

impl<S: AsyncRead + AsyncWrite + Unpin> Socket<S> {
    /// Speaks WebSocket, as the server, over an upgraded connection.
    pub async fn new(io: S, max_client_message: usize) -> Self {
        let config = WebSocketConfig::default()
            .read_buffer_size(READ_BUFFER)
            .write_buffer_size(0)
            .max_write_buffer_size(CONTROL_BUFFER)
            .max_message_size(Some(max_client_message))
            .max_frame_size(Some(max_client_message));
        Self {
            ws: WebSocketStream::from_raw_socket(io, Role::Server, Some(config)).await,
            gate: ReadGate::new(),
            out: Vec::new(),
            written: 0,
            read_since_flush: false,
        }
    }

    /// The next message from the client; `None` once the connection has ended.
    pub async fn next_message(&mut self) -> Option<Result<Message, SocketError>> {
        poll_fn(|cx| self.poll_message(cx)).await
    }

    fn poll_message(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Message, SocketError>>> {
        let ws = &mut self.ws;
        let polled = self.gate.poll(cx, |cx| ws.poll_next_unpin(cx));
        if polled.is_ready() {
            self.read_since_flush = true;
        }
        polled.map(|message| message.map(|message| message.map_err(SocketError::from)))
    }

    /// Queues a text message, writing what is buffered once it passes the write buffer's
    /// size. Waits while earlier writes are blocked.
    pub async fn feed(&mut self, text: String) -> Result<(), SocketError> {
        if self.out.is_empty() {
            // Most batches hold one message: allocate for it exactly.
            self.out.reserve_exact(MAX_HEADER + text.len());
        }
        encode_text(&mut self.out, &text);
        if self.out.len() > WRITE_BUFFER {
            self.flush().await?;
        }
        Ok(())
    }

    /// Writes everything queued, then releases the buffer.
    pub async fn flush(&mut self) -> Result<(), SocketError> {
        if self.out.is_empty() {
            return Ok(());
        }
        if self.read_since_flush {
            // A pong tungstenite could not write whole yet goes first, whole.
            self.ws.flush().await?;
            self.read_since_flush = false;
        }
        // The upgraded connection has no buffer of its own in front of the socket: what
        // `write` accepted is the kernel's, so there is nothing to flush after.
        let io = self.ws.get_mut();
        while self.written < self.out.len() {
            match io.write(&self.out[self.written..]).await? {
                0 => return Err(std::io::Error::from(std::io::ErrorKind::WriteZero).into()),
                count => self.written += count,
            }
        }
        self.out = Vec::new();
        self.written = 0;
        Ok(())
    }

    /// Writes a text message and everything queued before it.
    pub async fn send(&mut self, text: String) -> Result<(), SocketError> {
        self.feed(text).await?;
        self.flush().await
    }

    /// Starts the closing handshake with `code` and `reason`, after what is queued.
    pub async fn send_close(&mut self, code: u16, reason: &str) -> Result<(), SocketError> {
        self.flush().await?;
        let frame = CloseFrame {
            code: code.into(),
            reason: reason.into(),
        };
        Ok(self.ws.send(Message::Close(Some(frame))).await?)
    }

    /// Finishes closing: writes what is left and ends the connection.
    pub async fn finish(&mut self) {
        if self.flush().await.is_ok() {
            let _ = self.ws.close(None).await;
        }
    }
}

/// The longest header of a frame the server sends: two bytes and a 64-bit length.
const MAX_HEADER: usize = 10;

/// Appends `text` as one final, unmasked text frame (RFC 6455, section 5.2).
fn encode_text(out: &mut Vec<u8>, text: &str) {
    const FIN_TEXT: u8 = 0x81;
    let len = text.len();
    if len < 126 {
        out.extend_from_slice(&[FIN_TEXT, len as u8]);
    } else if let Ok(len) = u16::try_from(len) {
        out.extend_from_slice(&[FIN_TEXT, 126]);
        out.extend_from_slice(&len.to_be_bytes());
    } else {
        out.extend_from_slice(&[FIN_TEXT, 127]);
        out.extend_from_slice(&(len as u64).to_be_bytes());
    }
    out.extend_from_slice(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use std::io;
    use std::pin::Pin;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use tokio::io::{DuplexStream, ReadBuf, duplex};

    use super::*;

    /// One end of an in-memory connection that records each write's size.
    struct Recorded {
        inner: DuplexStream,
        writes: Arc<Mutex<Vec<usize>>>,
    }

    impl AsyncRead for Recorded {
        fn poll_read(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            Pin::new(&mut self.inner).poll_read(cx, buf)
        }
    }

    impl AsyncWrite for Recorded {
        fn poll_write(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &[u8],
        ) -> Poll<io::Result<usize>> {
            let written = Pin::new(&mut self.inner).poll_write(cx, buf);
            if let Poll::Ready(Ok(count)) = written {
                self.writes.lock().unwrap().push(count);
            }
            written
        }

        fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            Pin::new(&mut self.inner).poll_flush(cx)
        }

        fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            Pin::new(&mut self.inner).poll_shutdown(cx)
        }
    }

    type Client = WebSocketStream<DuplexStream>;

    async fn connected() -> (Socket<Recorded>, Client, Arc<Mutex<Vec<usize>>>) {
        let (server, client) = duplex(1024 * 1024);
        let writes = Arc::default();
        let server = Recorded {
            inner: server,
            writes: Arc::clone(&writes),
        };
        let socket = Socket::new(server, 16 * 1024).await;
        let client = WebSocketStream::from_raw_socket(client, Role::Client, None).await;
        (socket, client, writes)
    }

    async fn read_text(client: &mut Client) -> String {
        match client.next().await {
            Some(Ok(Message::Text(text))) => text.as_str().to_owned(),
            other => panic!("expected a text message, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn messages_fed_together_leave_in_one_write_whole_and_in_order() {
        let (mut socket, mut client, writes) = connected().await;
        let texts: Vec<String> = (0..20).map(|n| format!(r#"{{"op":0,"s":{n}}}"#)).collect();
        for text in &texts {
            socket.feed(text.clone()).await.unwrap();
        }
        assert!(
            writes.lock().unwrap().is_empty(),
            "nothing written before the flush"
        );
        socket.flush().await.unwrap();

        assert_eq!(writes.lock().unwrap().len(), 1);
        for text in &texts {
            assert_eq!(&read_text(&mut client).await, text);
        }
    }

    #[tokio::test]
    async fn past_the_write_buffer_queued_messages_are_written_without_a_flush() {
        let (mut socket, _client, writes) = connected().await;
        let text = "x".repeat(1000);
        for _ in 0..9 {
            socket.feed(text.clone()).await.unwrap();
        }
        let written = writes.lock().unwrap().clone();
        assert_eq!(
            written.len(),
            1,
            "one write once the buffer filled: {written:?}"
        );
        assert!(written[0] > WRITE_BUFFER);
    }

    #[tokio::test]
    async fn a_large_message_arrives_whole_and_leaves_no_buffer_behind() {
        let (mut socket, mut client, _) = connected().await;
        let large = format!("a{}!", "é".repeat(50_000));
        socket.send(large.clone()).await.unwrap();
        socket.send("after".to_owned()).await.unwrap();

        assert_eq!(read_text(&mut client).await, large);
        assert_eq!(read_text(&mut client).await, "after");
        assert_eq!(socket.out.capacity(), 0);
    }

    #[tokio::test]
    async fn a_write_cut_short_resumes_where_it_stopped() {
        // A connection that takes 64 bytes at a time, read by nobody yet.
        let (server, client) = duplex(64);
        let mut socket = Socket::new(server, 1024).await;
        let mut client = WebSocketStream::from_raw_socket(client, Role::Client, None).await;
        let text = "x".repeat(4000);
        socket.feed(text.clone()).await.unwrap();
        let cut = tokio::time::timeout(Duration::from_millis(20), socket.flush()).await;
        assert!(cut.is_err(), "the write waits for a reader");
        assert!(socket.written > 0 && socket.written < socket.out.len());

        let reader = tokio::spawn(async move {
            let first = read_text(&mut client).await;
            let close = client.next().await;
            (first, close)
        });
        socket.send_close(4000, "too slow").await.unwrap();
        let (first, close) = reader.await.unwrap();
        assert_eq!(first, text, "the frame was finished before anything else");
        assert!(matches!(close, Some(Ok(Message::Close(Some(_))))));
    }

    #[tokio::test]
    async fn client_messages_are_read_and_close_frames_carry_code_and_reason() {
        let (mut socket, mut client, _) = connected().await;
        client.send(Message::text("hello")).await.unwrap();
        match socket.next_message().await {
            Some(Ok(Message::Text(text))) => assert_eq!(text.as_str(), "hello"),
            other => panic!("expected hello, got {other:?}"),
        }

        socket.send_close(4009, "session timed out").await.unwrap();
        match client.next().await {
            Some(Ok(Message::Close(Some(frame)))) => {
                assert_eq!(u16::from(frame.code), 4009);
                assert_eq!(frame.reason.as_str(), "session timed out");
            }
            other => panic!("expected a close frame, got {other:?}"),
        }
        // The client's reply completes the handshake.
        client.flush().await.unwrap();
        assert!(matches!(
            socket.next_message().await,
            Some(Ok(Message::Close(_)))
        ));
        assert!(socket.next_message().await.is_none());
    }

    #[tokio::test]
    async fn pings_are_answered_before_the_messages_written_after_them() {
        let (mut socket, mut client, _) = connected().await;
        client.send(Message::Ping("p".into())).await.unwrap();
        assert!(matches!(
            socket.next_message().await,
            Some(Ok(Message::Ping(_)))
        ));
        socket.send("after".to_owned()).await.unwrap();

        assert!(matches!(client.next().await, Some(Ok(Message::Pong(_)))));
        assert_eq!(read_text(&mut client).await, "after");
    }

    #[test]
    fn frame_headers_carry_the_length_in_the_shortest_form() {
        for (len, header) in [
            (0, vec![0x81, 0]),
            (125, vec![0x81, 125]),
            (126, vec![0x81, 126, 0, 126]),
            (65_535, vec![0x81, 126, 0xff, 0xff]),
            (65_536, vec![0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0]),
        ] {
            let mut out = Vec::new();
            encode_text(&mut out, &"a".repeat(len));
            assert_eq!(out[..header.len()], header[..], "length {len}");
            assert_eq!(out.len(), header.len() + len);
        }
    }
}
