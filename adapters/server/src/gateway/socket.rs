//! One gateway connection's WebSocket: small buffers, reads only when the socket has
//! something to read, writes that many messages share, and large messages in fragments.
//!
//! An idle connection should cost little, and a busy one as few system calls as it can:
//!
//! - The read buffer is small: clients send small frames (IDENTIFY and RESUME with a
//!   token, heartbeats, presence) a few times a minute; a larger one grows it as needed.
//! - Messages are buffered until [`WRITE_BUFFER`] bytes wait, and [`Socket::flush`]
//!   writes the rest, so messages fed one after another leave in one write.
//! - tungstenite copies each frame into a write buffer that grows to the largest frame
//!   written and never shrinks. A message longer than [`WRITE_BUFFER`] (READY is 31 KiB
//!   in a guild of 100 and 300 KiB in a big one) is therefore written as a fragmented
//!   message in pieces of [`FRAGMENT`] bytes, each flushed before the next; clients
//!   receive it whole. Shorter ones, every ordinary dispatch, go out as one frame.
//! - Reads pass through a [`ReadGate`], so the deliveries that wake the task do not
//!   poll the read side too.
//!
//! It knows frames and bytes; the gateway protocol is the connection's business.

use std::future::poll_fn;
use std::task::{Context, Poll};

use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{Data, OpCode};
use tokio_tungstenite::tungstenite::protocol::frame::{CloseFrame, Frame};
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_tungstenite::tungstenite::{self, Bytes, Message};

use super::read_gate::ReadGate;

/// The read buffer's size, and the most read from the socket at a time.
const READ_BUFFER: usize = 512;
/// Messages wait in the write buffer until more than this many bytes do.
const WRITE_BUFFER: usize = 8 * 1024;
/// The size of the fragments of a message longer than the write buffer: the write buffer
/// of a connection that only ever received READY and small dispatches stays this small.
const FRAGMENT: usize = 1024;
/// The most the write buffer may hold: a buffer's worth, then one more frame (a message
/// no longer than the buffer, or a fragment) and the control frames tungstenite adds.
/// Feeding waits for the buffer to be written before it would hold more, so reaching
/// this limit would be a bug, reported as an error rather than as growing memory.
const MAX_WRITE_BUFFER: usize = 2 * WRITE_BUFFER + 1024;

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

/// A gateway connection's WebSocket, server side.
pub struct Socket<S> {
    ws: WebSocketStream<S>,
    gate: ReadGate,
}

impl<S: AsyncRead + AsyncWrite + Unpin> Socket<S> {
    /// Speaks WebSocket, as the server, over an upgraded connection.
    pub async fn new(io: S, max_client_message: usize) -> Self {
        let config = WebSocketConfig::default()
            .read_buffer_size(READ_BUFFER)
            .write_buffer_size(WRITE_BUFFER)
            .max_write_buffer_size(MAX_WRITE_BUFFER)
            .max_message_size(Some(max_client_message))
            .max_frame_size(Some(max_client_message));
        Self {
            ws: WebSocketStream::from_raw_socket(io, Role::Server, Some(config)).await,
            gate: ReadGate::new(),
        }
    }

    /// The next message from the client; `None` once the connection has ended.
    pub async fn next_message(&mut self) -> Option<Result<Message, SocketError>> {
        poll_fn(|cx| self.poll_message(cx)).await
    }

    fn poll_message(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Message, SocketError>>> {
        let ws = &mut self.ws;
        self.gate
            .poll(cx, |cx| ws.poll_next_unpin(cx))
            .map(|message| message.map(|message| message.map_err(SocketError::from)))
    }

    /// Queues a text message, writing what is buffered once it passes the write buffer's
    /// size. Waits while earlier writes are blocked.
    pub async fn feed(&mut self, text: String) -> Result<(), SocketError> {
        if text.len() <= WRITE_BUFFER {
            return Ok(self.ws.feed(Message::text(text)).await?);
        }
        let mut rest = Bytes::from(text);
        let mut opcode = OpCode::Data(Data::Text);
        while !rest.is_empty() {
            let fragment = rest.split_to(fragment_end(&rest));
            let last = rest.is_empty();
            let frame = Frame::message(fragment, opcode, last);
            self.ws.feed(Message::Frame(frame)).await?;
            // Written now, so that the write buffer never holds more than a fragment.
            self.ws.flush().await?;
            opcode = OpCode::Data(Data::Continue);
        }
        Ok(())
    }

    /// Writes everything queued.
    pub async fn flush(&mut self) -> Result<(), SocketError> {
        Ok(self.ws.flush().await?)
    }

    /// Writes a text message and everything queued before it.
    pub async fn send(&mut self, text: String) -> Result<(), SocketError> {
        self.feed(text).await?;
        self.flush().await
    }

    /// Starts the closing handshake with `code` and `reason`.
    pub async fn send_close(&mut self, code: u16, reason: &str) -> Result<(), SocketError> {
        let frame = CloseFrame {
            code: code.into(),
            reason: reason.into(),
        };
        Ok(self.ws.send(Message::Close(Some(frame))).await?)
    }

    /// Finishes closing: writes what is left and ends the connection.
    pub async fn finish(&mut self) {
        let _ = self.ws.close(None).await;
    }
}

/// Where the first fragment of `text` ends: at most [`FRAGMENT`] bytes, and never inside
/// a character, so that every fragment is valid UTF-8 on its own.
fn fragment_end(text: &[u8]) -> usize {
    let mut end = FRAGMENT.min(text.len());
    // UTF-8 continuation bytes are 0b10xx_xxxx.
    while end < text.len() && end > 0 && text[end] & 0b1100_0000 == 0b1000_0000 {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use std::io;
    use std::pin::Pin;
    use std::sync::{Arc, Mutex};

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
    async fn a_large_message_arrives_whole_though_written_in_fragments() {
        let (mut socket, mut client, writes) = connected().await;
        // Two-byte characters after one of one byte: fragment sizes fall inside them.
        let large = format!("a{}!", "é".repeat(50_000));
        socket.send(large.clone()).await.unwrap();
        socket.send("after".to_owned()).await.unwrap();

        assert_eq!(read_text(&mut client).await, large);
        assert_eq!(read_text(&mut client).await, "after");
        let written = writes.lock().unwrap().clone();
        assert!(written.len() >= large.len() / FRAGMENT);
        assert!(
            written.iter().all(|&size| size <= FRAGMENT + 14),
            "{written:?}"
        );
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

    #[test]
    fn fragments_end_on_character_boundaries() {
        let text = "a".repeat(FRAGMENT - 1) + "é";
        assert_eq!(fragment_end(text.as_bytes()), FRAGMENT - 1);
        assert_eq!(fragment_end(b"short"), 5);
        assert_eq!(fragment_end("a".repeat(FRAGMENT + 5).as_bytes()), FRAGMENT);
    }
}
