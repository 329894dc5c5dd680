//! Hugo shortcodes on a line of their own (`{{< youtube ID >}}`, `{{< cookie-table >}}`,
//! `{{< showcase >}}`): replaced by a plain-text mark before the markdown is rendered, and cut
//! out of the sanitised HTML as blocks of their own afterwards.

use crate::domain::site::Block;

/// A paragraph that stands for an embed between markdown and the final blocks; it survives
/// rendering and sanitising unchanged because it is plain text.
const EMBED_MARK: &str = "PORTAL-EMBED-";
/// The embed mark's suffix for a cookie table (a video's is its id, which has no `:`).
const COOKIE_TABLE_MARK: &str = ":cookie-table";
/// The embed mark's suffix for the company showcase.
const SHOWCASE_MARK: &str = ":showcase";

/// Replaces each line that is only a known shortcode with an embed mark paragraph.
pub(super) fn replace_shortcodes(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.split_inclusive('\n') {
        let line_trimmed = line.trim();
        let mark = youtube_id(line_trimmed)
            .or_else(|| is_shortcode(line_trimmed, "cookie-table").then_some(COOKIE_TABLE_MARK))
            .or_else(|| is_shortcode(line_trimmed, "showcase").then_some(SHOWCASE_MARK));
        match mark {
            Some(mark) => {
                out.push('\n');
                out.push_str(EMBED_MARK);
                out.push_str(mark);
                out.push_str("\n\n");
            }
            None => out.push_str(line),
        }
    }
    out
}

/// Whether the line is `{{< name >}}`.
fn is_shortcode(line: &str, name: &str) -> bool {
    line.strip_prefix("{{<")
        .and_then(|l| l.strip_suffix(">}}"))
        .is_some_and(|inner| inner.trim() == name)
}

/// The video id of `{{< youtube ID >}}` or `{{< youtube id="ID" >}}`, when it is a valid id.
pub fn youtube_id(line: &str) -> Option<&str> {
    let inner = line.strip_prefix("{{<")?.strip_suffix(">}}")?.trim();
    let arg = inner.strip_prefix("youtube")?.trim();
    let arg = arg
        .strip_prefix("id=")
        .map(|a| a.trim_matches('"'))
        .unwrap_or(arg);
    is_video_id(arg).then_some(arg)
}

fn is_video_id(id: &str) -> bool {
    (6..=20).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Cuts the HTML at the embed marks. A mark paragraph an author typed by hand that names no
/// valid embed stays text.
pub(super) fn split_embeds(html: &str) -> Vec<Block> {
    let open = format!("<p>{EMBED_MARK}");
    let mut blocks = Vec::new();
    let mut pending = String::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let Some(end) = after.find("</p>") else { break };
        let mark = &after[..end];
        let block = if mark == COOKIE_TABLE_MARK {
            Some(Block::CookieTable)
        } else if mark == SHOWCASE_MARK {
            Some(Block::Showcase)
        } else {
            is_video_id(mark).then(|| Block::YouTube(mark.to_owned()))
        };
        let consumed = start + open.len() + end + 4;
        match block {
            Some(block) => {
                pending.push_str(&rest[..start]);
                if !pending.trim().is_empty() {
                    blocks.push(Block::Html(std::mem::take(&mut pending)));
                }
                pending.clear();
                blocks.push(block);
                rest = rest[consumed..].trim_start_matches('\n');
            }
            None => {
                pending.push_str(&rest[..consumed]);
                rest = &rest[consumed..];
            }
        }
    }
    pending.push_str(rest);
    if !pending.trim().is_empty() {
        blocks.push(Block::Html(pending));
    }
    blocks
}
