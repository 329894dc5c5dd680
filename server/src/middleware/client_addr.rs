//! The client's address: the one place that decides who a request comes from.
//!
//! Behind a load balancer the TCP peer is the proxy, so every visitor would share its address
//! (one rate-limit bucket for the whole site, the proxy's address in the consent log). The
//! proxies an operator lists in `trusted_proxies` are believed about `X-Forwarded-For`; nobody
//! else is. Walking the header from the right, past every trusted proxy, gives the first
//! address that a trusted hop saw connect to it: everything left of that was written by the
//! client and proves nothing. The result goes into the request's extensions as [`ClientAddr`]
//! and is what every limit, the consent log and the request log use.

use std::{
    fmt,
    net::{IpAddr, SocketAddr},
    str::FromStr,
    sync::Arc,
};

use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::Response,
};
use http::HeaderMap;

pub use domain::net::ClientAddr;

/// A network in CIDR notation (`10.0.0.0/8`, `fd00::/8`, or a single address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl FromStr for Cidr {
    type Err = String;

    fn from_str(text: &str) -> Result<Cidr, String> {
        let text = text.trim();
        let (addr, prefix) = match text.split_once('/') {
            Some((addr, prefix)) => (addr, Some(prefix)),
            None => (text, None),
        };
        let network: IpAddr = addr
            .parse()
            .map_err(|_| format!("{text:?} is not an address or CIDR network"))?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{text:?} has a prefix length outside 0–{max}"))?,
        };
        Ok(Cidr {
            network: truncate(network, prefix),
            prefix,
        })
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

impl Cidr {
    /// Whether `ip` is in this network. An IPv4 address mapped into IPv6 (`::ffff:a.b.c.d`,
    /// what a dual-stack socket reports) counts as that IPv4 address.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        ip.is_ipv4() == self.network.is_ipv4() && truncate(ip, self.prefix) == self.network
    }
}

/// Keeps the first `prefix` bits of an address.
fn truncate(ip: IpAddr, prefix: u8) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => {
            let bits = u32::from(v4);
            let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V4((bits & mask).into())
        }
        IpAddr::V6(v6) => {
            let bits = u128::from(v6);
            let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V6((bits & mask).into())
        }
    }
}

fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Arc<[Cidr]>);

impl TrustedProxies {
    /// Parses the `trusted_proxies` setting.
    pub fn parse<S: AsRef<str>>(list: &[S]) -> Result<TrustedProxies, String> {
        list.iter()
            .map(|s| s.as_ref().parse())
            .collect::<Result<Vec<Cidr>, String>>()
            .map(|v| TrustedProxies(v.into()))
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(ip))
    }

    /// The client of a request that arrived from `peer` with these headers: `peer` itself
    /// unless it is a trusted proxy; then the right-most `X-Forwarded-For` entry that is not a
    /// trusted proxy. When every entry is trusted, the left-most one; when the header is
    /// missing or unreadable, the peer.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return peer;
        }
        let mut hops = forwarded_for(headers);
        let mut last = peer;
        while let Some(hop) = hops.pop() {
            let Some(hop) = hop else {
                // A hop we cannot read: whatever is left of it is not to be believed either.
                return last;
            };
            if !self.trusts(hop) {
                return hop;
            }
            last = hop;
        }
        last
    }
}

/// At most this many `X-Forwarded-For` entries are read, counted from the right: the entries
/// the trusted proxies appended are the right-most ones, and a client may write any number of
/// its own to the left of them.
pub const MAX_HOPS: usize = 64;

/// The right-most [`MAX_HOPS`] addresses of the `X-Forwarded-For` headers (several headers
/// count as one list), in order; `None` for an entry that is not an address (ports and IPv6
/// brackets are accepted, as some proxies write them). Entries further left are never looked
/// at, so the work is bounded however long the header is.
pub fn forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let mut hops: Vec<Option<IpAddr>> = headers
        .get_all("x-forwarded-for")
        .iter()
        .rev()
        .flat_map(|value| match value.to_str() {
            Ok(text) => Box::new(text.rsplit(',').map(parse_hop))
                as Box<dyn Iterator<Item = Option<IpAddr>>>,
            Err(_) => Box::new(std::iter::once(None)),
        })
        .take(MAX_HOPS)
        .collect();
    hops.reverse();
    hops
}

fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    if let Ok(ip) = hop.parse::<IpAddr>() {
        return Some(canonical(ip));
    }
    // `[2001:db8::1]:443` or `192.0.2.1:443`
    hop.parse::<SocketAddr>().ok().map(|s| canonical(s.ip()))
}

/// The middleware: puts the request's [`ClientAddr`] into its extensions.
pub async fn client_addr(
    State(trusted): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |c| c.0.ip());
    let client = trusted.client(peer, request.headers());
    request.extensions_mut().insert(ClientAddr(client));
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    fn xff(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append("x-forwarded-for", HeaderValue::from_str(v).expect("value"));
        }
        headers
    }

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies::parse(list).expect("parses")
    }

    #[test]
    fn parses_networks_and_refuses_nonsense() {
        assert_eq!(
            "10.1.2.3/8".parse::<Cidr>().expect("cidr").to_string(),
            "10.0.0.0/8"
        );
        assert_eq!(
            "fd00::1".parse::<Cidr>().expect("cidr").to_string(),
            "fd00::1/128"
        );
        assert!("0.0.0.0/0".parse::<Cidr>().is_ok());
        for bad in [
            "",
            "10.0.0.0/33",
            "::/129",
            "10.0.0/8",
            "x",
            "10.0.0.0/-1",
            "/8",
        ] {
            assert!(bad.parse::<Cidr>().is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn containment_covers_mapped_addresses() {
        let net: Cidr = "10.0.0.0/8".parse().expect("cidr");
        assert!(net.contains(ip("10.200.1.1")));
        assert!(net.contains(ip("::ffff:10.9.9.9")));
        assert!(!net.contains(ip("11.0.0.1")));
        assert!(!net.contains(ip("::1")));
        let all: Cidr = "0.0.0.0/0".parse().expect("cidr");
        assert!(all.contains(ip("203.0.113.9")));
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let none = TrustedProxies::default();
        assert_eq!(
            none.client(ip("203.0.113.5"), &xff(&["198.51.100.1"])),
            ip("203.0.113.5")
        );
        let some = proxies(&["10.0.0.0/8"]);
        assert_eq!(
            some.client(ip("203.0.113.5"), &xff(&["198.51.100.1"])),
            ip("203.0.113.5")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_rightmost_untrusted_hop_is_the_client() {
        let p = proxies(&["10.0.0.0/8", "127.0.0.1"]);
        // The client forged the first entry; the edge proxy appended the real address.
        let h = xff(&["1.1.1.1, 198.51.100.7, 10.0.0.2"]);
        assert_eq!(p.client(ip("127.0.0.1"), &h), ip("198.51.100.7"));
        // Several headers count as one list.
        let h = xff(&["1.1.1.1", "198.51.100.7"]);
        assert_eq!(p.client(ip("10.0.0.3"), &h), ip("198.51.100.7"));
        // Ports and brackets, as some proxies write them.
        let h = xff(&["[2001:db8::5]:4711"]);
        assert_eq!(p.client(ip("10.0.0.3"), &h), ip("2001:db8::5"));
    }

    #[test]
    fn missing_garbled_or_all_trusted_headers_fall_back_safely() {
        let p = proxies(&["10.0.0.0/8"]);
        assert_eq!(p.client(ip("10.0.0.1"), &HeaderMap::new()), ip("10.0.0.1"));
        // Garbage right of the real client: stop at the last trusted hop.
        let h = xff(&["198.51.100.7, not-an-ip"]);
        assert_eq!(p.client(ip("10.0.0.1"), &h), ip("10.0.0.1"));
        let h = xff(&["10.0.0.9, 10.0.0.8"]);
        assert_eq!(p.client(ip("10.0.0.1"), &h), ip("10.0.0.9"));
    }

    #[test]
    fn a_long_forged_chain_never_hides_the_address_the_proxy_appended() {
        let p = proxies(&["127.0.0.1/32"]);
        // 98 entries the client wrote, then the address the proxy saw.
        let mut chain: Vec<String> = (0..98).map(|i| format!("203.0.113.{i}")).collect();
        chain.push("203.0.113.9".into());
        chain.push("192.0.2.77".into());
        assert_eq!(chain.len(), 100);
        let h = xff(&[&chain.join(", ")]);
        assert_eq!(p.client(ip("127.0.0.1"), &h), ip("192.0.2.77"));
        let hops = forwarded_for(&h);
        assert_eq!(hops.len(), MAX_HOPS);
        assert_eq!(
            hops.last(),
            Some(&Some(ip("192.0.2.77"))),
            "the right end is kept"
        );
        // The same spread over 100 headers, and behind 70 trusted hops the left-most kept
        // entry is a trusted one: never an address from beyond the bound.
        let many: Vec<&str> = chain.iter().map(String::as_str).collect();
        assert_eq!(p.client(ip("127.0.0.1"), &xff(&many)), ip("192.0.2.77"));
        let mut trusted_chain = vec!["198.51.100.1"; 30];
        trusted_chain.extend(vec!["127.0.0.1"; 70]);
        let h = xff(&[&trusted_chain.join(",")]);
        assert_eq!(p.client(ip("127.0.0.1"), &h), ip("127.0.0.1"));
    }
}
