//! The address of the client behind a request, for per-address limits.
//!
//! Without proxies it is the peer of the TCP connection. Behind a load balancer or an
//! ingress that peer is the proxy, the same for everyone, so per-address limits would
//! lump all users together; the proxies name the client in `X-Forwarded-For` instead,
//! each appending the address it received the request from. Only the entries added by
//! proxies Concord trusts can be believed (a client can send the header itself), so
//! `CONCORD_TRUSTED_PROXY_HOPS` says how many proxies stand in front: with `n`, the
//! client is the `n`-th address from the right end of the header, the one the
//! outermost trusted proxy saw. With 0, the default, the header is ignored.

use poem::http::header::HeaderName;
use poem::{FromRequest, Request, RequestBody};

/// `X-Forwarded-For`.
static FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");

/// How many proxies in front of Concord append to `X-Forwarded-For`; request data.
#[derive(Debug, Clone, Copy, Default)]
pub struct TrustedProxyHops(pub usize);

/// The client's address as text: an IP address, or the peer's description when it has
/// none (a Unix socket).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddress(pub String);

impl<'a> FromRequest<'a> for ClientAddress {
    async fn from_request(request: &'a Request, _body: &mut RequestBody) -> poem::Result<Self> {
        let hops = request
            .data::<TrustedProxyHops>()
            .copied()
            .unwrap_or_default();
        Ok(client_address(request, hops))
    }
}

/// The client behind `request` when `hops` trusted proxies stand in front.
pub fn client_address(request: &Request, hops: TrustedProxyHops) -> ClientAddress {
    if hops.0 > 0 {
        let forwarded: Vec<&str> = request
            .headers()
            .get_all(&FORWARDED_FOR)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .collect();
        if let Some(entry) = forwarded.len().checked_sub(hops.0).map(|i| forwarded[i]) {
            return ClientAddress(entry.to_owned());
        }
    }
    let peer = request.remote_addr();
    match peer.as_socket_addr() {
        Some(address) => ClientAddress(address.ip().to_string()),
        None => ClientAddress(peer.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(forwarded: &[&str]) -> Request {
        let mut builder = Request::builder();
        for value in forwarded {
            builder = builder.header("X-Forwarded-For", *value);
        }
        builder.finish()
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let spoofed = request(&["203.0.113.9"]);
        let address = client_address(&spoofed, TrustedProxyHops(0));
        assert_ne!(address.0, "203.0.113.9");
    }

    #[test]
    fn the_client_is_counted_from_the_right_by_trusted_hops() {
        // The client claimed 1.1.1.1; the ingress saw 198.51.100.7; a second proxy saw
        // the ingress at 10.0.0.2.
        let forwarded = request(&["1.1.1.1, 198.51.100.7", "10.0.0.2"]);
        assert_eq!(
            client_address(&forwarded, TrustedProxyHops(1)).0,
            "10.0.0.2"
        );
        assert_eq!(
            client_address(&forwarded, TrustedProxyHops(2)).0,
            "198.51.100.7"
        );
    }

    #[test]
    fn a_header_shorter_than_the_trusted_hops_falls_back_to_the_peer() {
        let short = request(&["198.51.100.7"]);
        assert_ne!(
            client_address(&short, TrustedProxyHops(2)).0,
            "198.51.100.7"
        );
    }
}
