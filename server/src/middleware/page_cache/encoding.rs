//! The encodings of a stored page: which one a client takes, and the gzip and brotli forms
//! made once when the page is stored.

use std::io::Write;

use bytes::Bytes;
use http::{HeaderMap, header};

/// A stored page's forms, in the order its bodies and headers are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::middleware) enum Encoding {
    Identity = 0,
    Gzip = 1,
    Brotli = 2,
}

/// Brotli when the client takes it, else gzip, else none. A `q=0` refuses an encoding.
pub(in crate::middleware) fn preferred_encoding(headers: &HeaderMap) -> Encoding {
    let Some(accept) = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
    else {
        return Encoding::Identity;
    };
    let accepts = |name: &str| {
        accept.split(',').any(|item| {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or_default().trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            coding.eq_ignore_ascii_case(name) && !refused
        })
    };
    if accepts("br") {
        Encoding::Brotli
    } else if accepts("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

/// The smallest brotli window (log2 of its bytes, 10 to 24) that holds `len` bytes. A window
/// larger than the page compresses it no better, while quality 11's match finder takes memory
/// in proportion to the window: 22 (4 MiB) cost tens of MiB per page compressed, which the
/// allocator then kept.
fn brotli_window(len: usize) -> i32 {
    let bits = usize::BITS - len.max(1).saturating_sub(1).leading_zeros();
    i32::try_from(bits).unwrap_or(24).clamp(10, 24)
}

pub(super) fn gzip(data: &[u8]) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().map(Bytes::from).unwrap_or_default()
}

pub(super) fn brotli(data: &[u8]) -> Bytes {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: brotli_window(data.len()),
        size_hint: data.len(),
        ..Default::default()
    };
    match brotli::BrotliCompress(&mut &data[..], &mut out, &params) {
        Ok(_) => Bytes::from(out),
        Err(_) => Bytes::new(),
    }
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;

    use super::*;

    fn accept(value: &str) -> Encoding {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).expect("header"),
        );
        preferred_encoding(&headers)
    }

    #[test]
    fn negotiates_the_encoding() {
        assert_eq!(preferred_encoding(&HeaderMap::new()), Encoding::Identity);
        assert_eq!(accept("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(accept("gzip"), Encoding::Gzip);
        assert_eq!(accept("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(accept("identity"), Encoding::Identity);
        assert_eq!(accept("BR"), Encoding::Brotli);
    }

    #[test]
    fn compressed_forms_round_trip() {
        let text = "<p>hello hello hello</p>".repeat(100);
        let mut plain = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(&gzip(text.as_bytes())[..]),
            &mut plain,
        )
        .expect("gunzip");
        assert_eq!(plain, text.as_bytes());
        let mut plain = Vec::new();
        brotli::BrotliDecompress(&mut &brotli(text.as_bytes())[..], &mut plain).expect("unbrotli");
        assert_eq!(plain, text.as_bytes());
    }

    #[test]
    fn the_brotli_window_fits_the_page() {
        assert_eq!(brotli_window(0), 10);
        assert_eq!(brotli_window(1024), 10);
        assert_eq!(brotli_window(1025), 11);
        assert_eq!(brotli_window(14_216), 14);
        assert_eq!(brotli_window(1 << 20), 20);
        assert_eq!(brotli_window(usize::MAX), 24);
        // A page bigger than its window would still round-trip; one that fits compresses as
        // well as with the largest window.
        let page = "<p>cookie policy text, more or less repeated</p>\n".repeat(300);
        let small = brotli(page.as_bytes());
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            ..Default::default()
        };
        let mut large = Vec::new();
        brotli::BrotliCompress(&mut page.as_bytes(), &mut large, &params).expect("brotli");
        assert!(
            small.len() <= large.len() + 16,
            "{} vs {}",
            small.len(),
            large.len()
        );
    }
}
