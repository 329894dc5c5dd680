//! Hugo shortcodes on a line of their own (`{{< youtube ID >}}` with an optional `title`, `{{< cookie-table >}}`,
//! `{{< showcase >}}`): replaced by a plain-text mark before the markdown is rendered, and cut
//! out of the sanitised HTML as blocks of their own afterwards.

use domain::site::Block;

/// A paragraph that stands for an embed between markdown and the final blocks; it survives
/// rendering and sanitising unchanged because it is plain text.
pub(super) const EMBED_MARK: &str = "PORTAL-EMBED-";
/// The embed mark's suffix for a cookie table (a video's is its id, which has no `:`, and
/// its title in hex).
const COOKIE_TABLE_MARK: &str = ":cookie-table";
/// The embed mark's suffix for the company showcase.
const SHOWCASE_MARK: &str = ":showcase";

/// Replaces each line that is only a known shortcode with an embed mark paragraph.
pub(super) fn replace_shortcodes(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.split_inclusive('\n') {
        let line_trimmed = line.trim();
        let mark = youtube(line_trimmed)
            .map(|video| video.mark())
            .or_else(|| {
                is_shortcode(line_trimmed, "cookie-table").then(|| COOKIE_TABLE_MARK.to_owned())
            })
            .or_else(|| is_shortcode(line_trimmed, "showcase").then(|| SHOWCASE_MARK.to_owned()));
        match mark {
            Some(mark) => {
                out.push('\n');
                out.push_str(EMBED_MARK);
                out.push_str(&mark);
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

/// A video named by a `youtube` shortcode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Video {
    /// The YouTube id.
    pub id: String,
    /// The `title` parameter, shown on the placeholder and given to the frame.
    pub title: Option<String>,
}

/// The longest video title taken, in characters.
const MAX_TITLE_CHARS: usize = 200;

impl Video {
    /// The embed mark's text: the id, then `.` and the title in hex when there is one (hex
    /// passes through markdown and the sanitiser untouched, whatever the title holds).
    fn mark(&self) -> String {
        match &self.title {
            None => self.id.clone(),
            Some(title) => {
                let hex: String = title.bytes().map(|b| format!("{b:02x}")).collect();
                format!("{}.{hex}", self.id)
            }
        }
    }

    /// The video a mark stands for, when it names a valid one.
    fn from_mark(mark: &str) -> Option<Video> {
        let (id, hex) = match mark.split_once('.') {
            Some((id, hex)) => (id, Some(hex)),
            None => (mark, None),
        };
        let title = match hex {
            None => None,
            Some(hex) => {
                if hex.len() % 2 != 0 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                let bytes = (0..hex.len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok())
                    .collect::<Option<Vec<u8>>>()?;
                Some(valid_title(&String::from_utf8(bytes).ok()?)?)
            }
        };
        is_video_id(id).then(|| Video {
            id: id.to_owned(),
            title,
        })
    }
}

/// A title an author may give: not blank, one line, at most [`MAX_TITLE_CHARS`] characters.
fn valid_title(title: &str) -> Option<String> {
    let title = title.trim();
    (!title.is_empty()
        && title.chars().count() <= MAX_TITLE_CHARS
        && !title.chars().any(char::is_control))
    .then(|| title.to_owned())
}

/// The video of `{{< youtube ID >}}` or `{{< youtube id="ID" title="…" >}}` (Hugo's forms),
/// when the id is valid and no other parameter is given.
pub fn youtube(line: &str) -> Option<Video> {
    let inner = line.strip_prefix("{{<")?.strip_suffix(">}}")?.trim();
    let args = inner.strip_prefix("youtube")?;
    if !args.is_empty() && !args.starts_with(char::is_whitespace) {
        return None;
    }
    let (mut id, mut title) = (None, None);
    for (key, value) in parameters(args)? {
        let slot = match key {
            None | Some("id") => &mut id,
            Some("title") => &mut title,
            Some(_) => return None,
        };
        if slot.replace(value).is_some() {
            return None;
        }
    }
    let id = id.filter(|id| is_video_id(id))?;
    let title = match title {
        Some(t) => Some(valid_title(t)?),
        None => None,
    };
    Some(Video {
        id: id.to_owned(),
        title,
    })
}

/// A shortcode's parameters: `value`, `"quoted value"`, `key=value` or `key="quoted value"`,
/// separated by spaces. `None` when a quote is left open.
fn parameters(args: &str) -> Option<Vec<(Option<&str>, &str)>> {
    let mut out = Vec::new();
    let mut rest = args.trim_start();
    while !rest.is_empty() {
        let (key, after) = match rest.find(|c: char| c == '=' || c == '"' || c.is_whitespace()) {
            Some(i) if rest[i..].starts_with('=') => (Some(&rest[..i]), &rest[i + 1..]),
            _ => (None, rest),
        };
        let (value, after) = match after.strip_prefix('"') {
            Some(quoted) => {
                let end = quoted.find('"')?;
                (&quoted[..end], &quoted[end + 1..])
            }
            None => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        out.push((key, value));
        rest = after.trim_start();
    }
    Some(out)
}

/// The video id of a `youtube` shortcode line, when it is a valid one.
pub fn youtube_id(line: &str) -> Option<String> {
    youtube(line).map(|v| v.id)
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
            Video::from_mark(mark).map(|v| Block::YouTube {
                id: v.id,
                title: v.title,
            })
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
