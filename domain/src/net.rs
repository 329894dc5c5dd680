//! IP address masking: the one place a visitor's address is reduced before anything keeps it.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Keeps the network part only: IPv4 /24 (the last octet zeroed), IPv6 /48. IPv6 addresses
/// that carry a whole IPv4 address are masked as that IPv4 address: IPv4-mapped
/// (`::ffff:a.b.c.d`) and 6to4 (`2002:AABB:CCDD::/16`, whose /48 would otherwise keep all
/// 32 bits of the IPv4 host).
pub fn mask_ip(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(mask_v4(v4)),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped().or_else(|| six_to_four(v6)) {
            Some(v4) => IpAddr::V4(mask_v4(v4)),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], 0, 0, 0, 0, 0))
            }
        },
    }
}

/// The IPv4 address inside a 6to4 address (`2002::/16`).
fn six_to_four(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    (s[0] == 0x2002).then(|| {
        let [a, b] = s[1].to_be_bytes();
        let [c, d] = s[2].to_be_bytes();
        Ipv4Addr::new(a, b, c, d)
    })
}

fn mask_v4(ip: Ipv4Addr) -> Ipv4Addr {
    let [a, b, c, _] = ip.octets();
    Ipv4Addr::new(a, b, c, 0)
}

/// The address a request comes from, as the server's client-address middleware decided it
/// (trusted proxies considered).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl ClientAddr {
    /// The address masked for keeping (IPv4 /24, IPv6 /48), as text.
    pub fn masked(self) -> String {
        mask_ip(self.0).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(ip: &str) -> String {
        mask_ip(ip.parse().expect("ip")).to_string()
    }

    #[test]
    fn masks_ipv4_to_24_bits() {
        assert_eq!(masked("192.168.12.34"), "192.168.12.0");
        assert_eq!(masked("8.8.8.8"), "8.8.8.0");
        assert_eq!(masked("127.0.0.1"), "127.0.0.0");
    }

    #[test]
    fn masks_ipv6_to_48_bits_and_mapped_ipv4_as_ipv4() {
        assert_eq!(
            masked("2001:db8:abcd:1234:5678:9abc:def0:1234"),
            "2001:db8:abcd::"
        );
        assert_eq!(masked("::1"), "::");
        assert_eq!(masked("::ffff:10.1.2.3"), "10.1.2.0");
    }

    #[test]
    fn six_to_four_is_masked_as_the_ipv4_it_carries() {
        // 2002:c000:0221:: carries 192.0.2.33; its /48 would have kept the whole address.
        assert_eq!(masked("2002:c000:0221:1:2:3:4:5"), "192.0.2.0");
        assert_eq!(masked("2002:0808:0808::1"), "8.8.8.0");
        assert_eq!(masked("2003:c000:0221::1"), "2003:c000:221::", "not 6to4");
    }

    #[test]
    fn masking_is_idempotent_and_never_keeps_the_host_part() {
        for ip in [
            "1.2.3.4",
            "255.255.255.255",
            "fe80::1:2:3:4",
            "2a00:1450:4001:82b::200e",
        ] {
            let once = mask_ip(ip.parse().expect("ip"));
            assert_eq!(mask_ip(once), once, "{ip}");
            match once {
                IpAddr::V4(v4) => assert_eq!(v4.octets()[3], 0),
                IpAddr::V6(v6) => assert!(v6.segments()[3..].iter().all(|s| *s == 0)),
            }
        }
    }
}
