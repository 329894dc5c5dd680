//! Makes the rendered HTML valid (per the Nu HTML Checker) without changing the document the
//! browser builds from it, so hydration sees the same nodes:
//!
//! - Leptos' empty-comment markers `<!>` (a parse error, though browsers read them as empty
//!   comments) are written `<!---->`, the valid spelling of the same empty comment.
//! - The resource scripts the renderer appends after `</html>` (browsers move them into the
//!   body) are put at the end of the body, where the browser would have put them.
//! - The preload links' `crossorigin`, which the framework fills with the page's nonce (not a
//!   valid value), is given its valid empty form (`anonymous`, what it meant).
//!
//! Text, attribute values and the contents of `script`, `style`, `textarea` and `title` are
//! copied as they are: a `<!>` inside a company's description stays text. Inline scripts are
//! not changed, so their hashes in the Content-Security-Policy stay right.

/// The tidied page; `html` unchanged when it has nothing to tidy.
pub fn tidy(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len() + 256);
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &html[i..]) {
        let start = i + offset;
        out.extend_from_slice(&html[i..start]);
        let rest = &html[start..];
        i = start
            + if rest.starts_with(b"<!>") {
                out.extend_from_slice(b"<!---->");
                3
            } else if rest.starts_with(b"<!--") {
                let end = find(&rest[4..], b"-->").map_or(rest.len(), |e| e + 7);
                out.extend_from_slice(&rest[..end]);
                end
            } else if rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
                start_tag(rest, &mut out)
            } else {
                // `</…>`, `<!DOCTYPE …>` or a stray `<`: nothing inside needs care.
                out.push(b'<');
                1
            };
    }
    out.extend_from_slice(&html[i..]);
    move_trailing_scripts(out)
}

/// Copies the start tag at the head of `rest` (and, for a raw-text element, its contents up
/// to its end tag) to `out`; returns the bytes consumed.
fn start_tag(rest: &[u8], out: &mut Vec<u8>) -> usize {
    let name_len = rest[1..]
        .iter()
        .position(|b| !b.is_ascii_alphanumeric() && *b != b'-')
        .unwrap_or(rest.len() - 1);
    let name = rest[1..=name_len].to_ascii_lowercase();
    // The tag ends at the first `>` outside a quoted attribute value.
    let mut quote = None;
    let mut end = rest.len();
    for (j, &b) in rest.iter().enumerate().skip(1 + name_len) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => {
                end = j + 1;
                break;
            }
            None => {}
        }
    }
    let tag = &rest[..end];
    if name == b"link" {
        out.extend_from_slice(&anonymous_crossorigin(tag));
    } else {
        out.extend_from_slice(tag);
    }
    if matches!(
        name.as_slice(),
        b"script" | b"style" | b"textarea" | b"title"
    ) {
        let mut close = b"</".to_vec();
        close.extend_from_slice(&name);
        let body = &rest[end..];
        let body_end = find_ignore_case(body, &close).unwrap_or(body.len());
        out.extend_from_slice(&body[..body_end]);
        return end + body_end;
    }
    end
}

/// A `<link>` tag whose `crossorigin` holds anything but a valid value gets `crossorigin`.
fn anonymous_crossorigin(tag: &[u8]) -> Vec<u8> {
    const ATTRIBUTE: &[u8] = b" crossorigin=\"";
    let Some(at) = find(tag, ATTRIBUTE) else {
        return tag.to_vec();
    };
    let value_start = at + ATTRIBUTE.len();
    let Some(value_len) = memchr::memchr(b'"', &tag[value_start..]) else {
        return tag.to_vec();
    };
    let value = &tag[value_start..value_start + value_len];
    if value.is_empty()
        || value.eq_ignore_ascii_case(b"anonymous")
        || value.eq_ignore_ascii_case(b"use-credentials")
    {
        return tag.to_vec();
    }
    let mut fixed = tag[..at].to_vec();
    fixed.extend_from_slice(b" crossorigin");
    fixed.extend_from_slice(&tag[value_start + value_len + 1..]);
    fixed
}

/// Moves whatever follows `</html>` (the renderer's resource scripts) to just before `</body>`.
fn move_trailing_scripts(mut html: Vec<u8>) -> Vec<u8> {
    let Some(html_end) = rfind(&html, b"</html>") else {
        return html;
    };
    let tail_start = html_end + b"</html>".len();
    if html[tail_start..].iter().all(u8::is_ascii_whitespace) {
        return html;
    }
    let Some(body_end) = rfind(&html[..html_end], b"</body>") else {
        return html;
    };
    let tail = html.split_off(tail_start);
    html.splice(body_end..body_end, tail);
    html
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::rfind(haystack, needle)
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tidied(html: &str) -> String {
        String::from_utf8(tidy(html.as_bytes())).expect("utf-8")
    }

    #[test]
    fn empty_comment_markers_get_their_valid_spelling() {
        assert_eq!(
            tidied("<p>a<!>b</p><!><!-- kept --><!---->"),
            "<p>a<!---->b</p><!----><!-- kept --><!---->"
        );
    }

    #[test]
    fn markers_in_text_attributes_and_raw_text_stay() {
        let html = concat!(
            r#"<div data-props="{&quot;d&quot;:&quot;<!>&quot;}" title='a<!>b'>x</div>"#,
            "<script>let a = '<!>';</script><SCRIPT>'<!>'</SCRIPT>",
            "<textarea><!></textarea><style>a::after{content:'<!>'}</style>",
            "<title>A <!> title</title>&lt;!&gt;",
        );
        assert_eq!(tidied(html), html);
    }

    #[test]
    fn scripts_after_the_document_move_into_the_body() {
        assert_eq!(
            tidied("<html><body><p>x</p></body></html><script>a()</script><script>b()</script>"),
            "<html><body><p>x</p><script>a()</script><script>b()</script></body></html>"
        );
        let fine = "<html><body><p>x</p></body></html>\n";
        assert_eq!(tidied(fine), fine);
        // A `</html>` in a script's text is not the document's end.
        let html = "<html><body><script>'</html><script>'</script></body></html>";
        assert_eq!(tidied(html), html);
    }

    #[test]
    fn preload_links_get_a_valid_crossorigin() {
        assert_eq!(
            tidied(
                r#"<link rel="modulepreload" href="/a.js" crossorigin="Zm9v-bmFy"><link rel="preload" href="/b.wasm" as="fetch" crossorigin="Zm9v">"#
            ),
            r#"<link rel="modulepreload" href="/a.js" crossorigin><link rel="preload" href="/b.wasm" as="fetch" crossorigin>"#
        );
        for kept in [
            r#"<link rel="preload" href="/x" crossorigin="anonymous">"#,
            r#"<link rel="preload" href="/x" crossorigin="">"#,
            r#"<link rel="stylesheet" href="/x.css">"#,
            r#"<a crossorigin="nonce">x</a>"#,
        ] {
            assert_eq!(tidied(kept), kept);
        }
    }

    #[test]
    fn broken_html_is_copied_without_panicking() {
        for html in [
            "<",
            "<!",
            "<!-",
            "<!--",
            "<a",
            "<a href=\"",
            "<script>",
            "</html>x",
            "<link crossorigin=\"",
        ] {
            assert_eq!(tidied(html), html, "{html}");
        }
    }
}
