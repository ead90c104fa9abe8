//! The HTTP side of the gateway: checks a WebSocket upgrade request, answers
//! `101 Switching Protocols` and serves the upgraded connection on a task of its own.
//!
//! poem's WebSocket extractor does the same, but the stream it hands over sends only
//! whole messages, while the gateway writes large ones in fragments (see
//! [`super::socket`]); so the upgrade is done here and the connection handed to
//! tokio-tungstenite directly. It knows nothing of the gateway protocol.

use std::future::Future;

use poem::http::header::{self, HeaderValue};
use poem::http::{HeaderMap, StatusCode};
use poem::{Request, Response, Upgraded};
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;

use super::socket::Socket;

/// Answers an upgrade request with 101 and runs `serve` on the WebSocket once the
/// connection has switched; a request that is not a WebSocket upgrade gets 400.
pub fn upgrade<F, Fut>(
    request: &Request,
    max_client_message: usize,
    serve: F,
) -> poem::Result<Response>
where
    F: FnOnce(Socket<Upgraded>) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(key) = websocket_key(request.headers()) else {
        return Err(poem::Error::from_string(
            "not a websocket upgrade",
            StatusCode::BAD_REQUEST,
        ));
    };
    let accept = derive_accept_key(key.as_bytes());
    let switching = request.take_upgrade()?;

    tokio::spawn(async move {
        let Ok(upgraded) = switching.await else {
            return;
        };
        serve(Socket::new(upgraded, max_client_message).await).await;
    });
    Ok(Response::builder()
        .status(StatusCode::SWITCHING_PROTOCOLS)
        .header(header::CONNECTION, "upgrade")
        .header(header::UPGRADE, "websocket")
        .header(header::SEC_WEBSOCKET_ACCEPT, accept)
        .finish())
}

/// The `Sec-WebSocket-Key` of a valid WebSocket version 13 upgrade request.
fn websocket_key(headers: &HeaderMap) -> Option<&HeaderValue> {
    let has_token = |name, token: &str| {
        headers.get_all(name).iter().any(|value| {
            value.to_str().is_ok_and(|value| {
                value
                    .split(',')
                    .any(|part| part.trim().eq_ignore_ascii_case(token))
            })
        })
    };
    let version_13 = headers
        .get(header::SEC_WEBSOCKET_VERSION)
        .map(HeaderValue::as_bytes);
    let upgrade = has_token(header::UPGRADE, "websocket")
        && has_token(header::CONNECTION, "upgrade")
        && version_13 == Some(b"13".as_slice());
    if !upgrade {
        return None;
    }
    headers.get(header::SEC_WEBSOCKET_KEY)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| {
                (
                    header::HeaderName::from_static(name),
                    HeaderValue::from_static(value),
                )
            })
            .collect()
    }

    const UPGRADE: [(&str, &str); 4] = [
        ("upgrade", "websocket"),
        ("connection", "keep-alive, Upgrade"),
        ("sec-websocket-version", "13"),
        ("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ=="),
    ];

    #[test]
    fn a_websocket_upgrade_yields_its_key() {
        let headers = headers(&UPGRADE);
        let key = websocket_key(&headers).unwrap();
        // The example of RFC 6455, section 1.3.
        assert_eq!(
            derive_accept_key(key.as_bytes()),
            "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        );
    }

    #[test]
    fn other_requests_are_not_upgrades() {
        for missing in 0..UPGRADE.len() {
            let mut pairs = UPGRADE.to_vec();
            pairs.remove(missing);
            assert!(websocket_key(&headers(&pairs)).is_none(), "{pairs:?}");
        }
        let mut old = UPGRADE.to_vec();
        old[2] = ("sec-websocket-version", "8");
        assert!(websocket_key(&headers(&old)).is_none());
    }
}
