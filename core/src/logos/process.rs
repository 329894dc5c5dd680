//! Turning an uploaded file into a clean logo: the type comes from the bytes (PNG, JPEG, WebP,
//! SVG), never from the name or the claimed content type; raster images are decoded within
//! pixel and memory limits and re-encoded as PNG inside a 512×512 box (which drops EXIF and
//! anything else the file carried); SVG is parsed without external resources and rasterised.
//! Only the PNG that comes out is ever stored or served.

use std::io::Cursor;

use domain::logo::{LOGO_BOX, LogoProblem};
use image::{DynamicImage, ImageFormat, ImageReader, Limits, imageops::FilterType};
use sha2::{Digest, Sha256};

/// Largest width or height of a raster image that is decoded at all.
pub const MAX_SIDE: u32 = 4096;
/// Most memory the decoder may allocate.
pub const MAX_ALLOC: u64 = 64 * 1024 * 1024;

/// A logo ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanLogo {
    /// The PNG bytes.
    pub png: Vec<u8>,
    /// Width in pixels (at most 512).
    pub width: u32,
    /// Height in pixels (at most 512).
    pub height: u32,
    /// SHA-256 of the PNG, hex: the object's name.
    pub hash: String,
}

/// What the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A raster format the decoder takes.
    Raster(ImageFormat),
    /// SVG text.
    Svg,
}

/// The type from the first bytes; `None` for anything else (GIF, HTML, PDF, text…).
pub fn sniff(bytes: &[u8]) -> Option<Sniffed> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(Sniffed::Raster(ImageFormat::Png));
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(Sniffed::Raster(ImageFormat::Jpeg));
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some(Sniffed::Raster(ImageFormat::WebP));
    }
    looks_like_svg(bytes).then_some(Sniffed::Svg)
}

/// SVG: UTF-8 text whose first element (after an XML declaration, comments or a doctype) is
/// `<svg`.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let text: &str = &head;
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            let Some(end) = after.find("?>") else {
                return false;
            };
            rest = after[end + 2..].trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            let Some(end) = after.find("-->") else {
                return false;
            };
            rest = after[end + 3..].trim_start();
        } else if rest.starts_with("<!DOCTYPE") || rest.starts_with("<!doctype") {
            // Skip to the end of the doctype, internal subset included.
            let end = match (rest.find('['), rest.find('>')) {
                (Some(open), Some(gt)) if open < gt => rest.find("]>").map(|e| e + 2),
                (_, Some(gt)) => Some(gt + 1),
                _ => None,
            };
            let Some(end) = end else { return false };
            rest = rest[end..].trim_start();
        } else {
            return rest.starts_with("<svg")
                && rest[4..].starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/');
        }
    }
}

/// Validates and re-encodes an upload.
pub fn clean(bytes: &[u8]) -> Result<CleanLogo, LogoProblem> {
    if bytes.is_empty() {
        return Err(LogoProblem::Empty);
    }
    let image = match sniff(bytes).ok_or(LogoProblem::Unsupported)? {
        Sniffed::Raster(format) => decode_raster(bytes, format)?,
        Sniffed::Svg => rasterise_svg(bytes)?,
    };
    encode(image)
}

fn decode_raster(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, LogoProblem> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let (width, height) = reader.into_dimensions().map_err(problem_of)?;
    if width > MAX_SIDE || height > MAX_SIDE || width == 0 || height == 0 {
        return Err(LogoProblem::TooManyPixels);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits({
        let mut limits = Limits::default();
        limits.max_image_width = Some(MAX_SIDE);
        limits.max_image_height = Some(MAX_SIDE);
        limits.max_alloc = Some(MAX_ALLOC);
        limits
    });
    reader.decode().map_err(problem_of)
}

fn problem_of(e: image::ImageError) -> LogoProblem {
    match e {
        image::ImageError::Limits(_) => LogoProblem::TooManyPixels,
        _ => LogoProblem::Broken,
    }
}

/// Longest an upload is waited for; past it the answer is "too complex" (the work still
/// finishes in the background, holding its permit).
pub const MAX_TIME: std::time::Duration = std::time::Duration::from_secs(10);

/// Most elements an SVG may have, counted in the file (start tags) and again after parsing
/// (where `<use>` may have copied some many times): drawing time grows with them, and a
/// logo needs far fewer.
pub const MAX_SVG_ELEMENTS: usize = 10_000;

/// Start tags in the file: every `<` not followed by `/`, `!` or `?`.
fn start_tags(bytes: &[u8]) -> usize {
    bytes
        .windows(2)
        .filter(|w| w[0] == b'<' && !matches!(w[1], b'/' | b'!' | b'?'))
        .count()
}

/// Nodes of the parsed tree, stopping once past `limit`.
fn nodes_past(group: &resvg::usvg::Group, limit: usize, seen: &mut usize) -> bool {
    for node in group.children() {
        *seen += 1;
        if *seen > limit {
            return true;
        }
        if let resvg::usvg::Node::Group(g) = node
            && nodes_past(g, limit, seen)
        {
            return true;
        }
    }
    false
}

fn rasterise_svg(bytes: &[u8]) -> Result<DynamicImage, LogoProblem> {
    if start_tags(bytes) > MAX_SVG_ELEMENTS {
        return Err(LogoProblem::TooComplex);
    }
    let options = resvg::usvg::Options {
        // Nothing outside the file is ever read: no files, no URLs, no embedded images.
        resources_dir: None,
        image_href_resolver: resvg::usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..resvg::usvg::Options::default()
    };
    let tree = resvg::usvg::Tree::from_data(bytes, &options).map_err(|_| LogoProblem::Broken)?;
    if nodes_past(tree.root(), MAX_SVG_ELEMENTS * 2, &mut 0) {
        return Err(LogoProblem::TooComplex);
    }
    let size = tree.size();
    let (w, h) = (size.width(), size.height());
    if !(w.is_finite() && h.is_finite()) || w <= 0.0 || h <= 0.0 {
        return Err(LogoProblem::Broken);
    }
    let scale = (LOGO_BOX as f32 / w).min(LOGO_BOX as f32 / h);
    let width = ((w * scale).round() as u32).clamp(1, LOGO_BOX);
    let height = ((h * scale).round() as u32).clamp(1, LOGO_BOX);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height).ok_or(LogoProblem::Broken)?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    // tiny-skia keeps premultiplied alpha; the image crate wants it straight.
    let mut rgba = Vec::with_capacity((width * height * 4) as usize);
    for pixel in pixmap.pixels() {
        let c = pixel.demultiply();
        rgba.extend_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
    }
    image::RgbaImage::from_raw(width, height, rgba)
        .map(DynamicImage::ImageRgba8)
        .ok_or(LogoProblem::Broken)
}

fn encode(image: DynamicImage) -> Result<CleanLogo, LogoProblem> {
    let image = if image.width() > LOGO_BOX || image.height() > LOGO_BOX {
        image.resize(LOGO_BOX, LOGO_BOX, FilterType::Triangle)
    } else {
        image
    };
    let image = DynamicImage::ImageRgba8(image.to_rgba8());
    let mut png = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
        .map_err(|_| LogoProblem::Broken)?;
    let hash: String = Sha256::digest(&png)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(CleanLogo {
        width: image.width(),
        height: image.height(),
        png,
        hash,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_bytes() {
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\nrest"),
            Some(Sniffed::Raster(ImageFormat::Png))
        );
        assert_eq!(sniff(b"GIF89a...."), None);
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), None);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<!-- x --><svg width=\"1\"/>"),
            Some(Sniffed::Svg)
        );
        assert_eq!(
            sniff(b"<!DOCTYPE svg [<!ENTITY x \"y\">]><svg>"),
            Some(Sniffed::Svg)
        );
        assert_eq!(sniff(b"<svgx>"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn large_images_fit_the_box_and_keep_their_shape() {
        let image = DynamicImage::new_rgb8(2000, 1000);
        let logo = encode(image).expect("encodes");
        assert_eq!((logo.width, logo.height), (512, 256));
        assert!(logo.png.starts_with(b"\x89PNG"));
        assert_eq!(logo.hash.len(), 64);
        let small = encode(DynamicImage::new_rgb8(40, 30)).expect("encodes");
        assert_eq!(
            (small.width, small.height),
            (40, 30),
            "small raster images stay"
        );
    }

    #[test]
    fn drawings_with_too_many_elements_are_refused() {
        let many = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">{}</svg>",
            "<rect width=\"1\" height=\"1\"/>".repeat(MAX_SVG_ELEMENTS + 1)
        );
        assert_eq!(clean(many.as_bytes()).err(), Some(LogoProblem::TooComplex));
        // Few tags, but `<use>` copies each level ten times: 10^5 shapes once parsed.
        let mut defs = String::from("<g id=\"l0\"><rect width=\"1\" height=\"1\"/></g>");
        for level in 1..=5 {
            defs.push_str(&format!("<g id=\"l{level}\">"));
            for _ in 0..10 {
                defs.push_str(&format!("<use href=\"#l{}\"/>", level - 1));
            }
            defs.push_str("</g>");
        }
        let nested = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><defs>{defs}</defs><use href=\"#l5\"/></svg>"
        );
        assert!(start_tags(nested.as_bytes()) < 100);
        assert_eq!(
            clean(nested.as_bytes()).err(),
            Some(LogoProblem::TooComplex)
        );
        let simple = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"10\"><rect width=\"20\" height=\"10\" fill=\"red\"/></svg>";
        assert!(clean(simple.as_bytes()).is_ok());
    }
}
