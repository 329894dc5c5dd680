//! Markdown to safe HTML: CommonMark with tables, heading ids and a table of contents; raw HTML
//! passes an allowlist sanitiser; external links get `rel="noopener noreferrer"`.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use domain::site::{Block, TocEntry};

mod outline;
mod shortcodes;

use outline::{renumber_headings, summary};
pub use shortcodes::youtube_id;
use shortcodes::{replace_shortcodes, split_embeds};

/// A rendered page body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Sanitised HTML and embeds, in order.
    pub body: Vec<Block>,
    /// Headings of levels 2–4, in order.
    pub toc: Vec<TocEntry>,
    /// The text of the first paragraph, cut to about 160 characters (Hugo's summary), for a
    /// page whose front matter has no `description`.
    pub summary: Option<String>,
}

/// Renders markdown to sanitised HTML and collects its headings. A `{{< youtube ID >}}` line
/// becomes a [`Block::YouTube`], a `{{< cookie-table >}}` line a [`Block::CookieTable`], a
/// `{{< showcase >}}` line a [`Block::Showcase`]; other shortcodes are left as text.
pub fn render(markdown: &str) -> Rendered {
    let (html, toc, summary) = render_html(&replace_shortcodes(markdown));
    Rendered {
        body: split_embeds(&html),
        toc,
        summary,
    }
}

fn render_html(markdown: &str) -> (String, Vec<TocEntry>, Option<String>) {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_STRIKETHROUGH;
    let mut events: Vec<Event<'_>> = Parser::new_ext(markdown, options).collect();
    renumber_headings(&mut events);
    let summary = summary(&events);
    let (events, toc) = assign_heading_ids(events);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    (
        mark_external_links(&sanitizer().clean(&html).to_string()),
        toc,
        summary,
    )
}

/// Gives every heading an id (its explicit `{#id}` or a slug of its text, made unique) and
/// returns the headings for the table of contents.
fn assign_heading_ids(mut events: Vec<Event<'_>>) -> (Vec<Event<'_>>, Vec<TocEntry>) {
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut toc = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let (level, explicit) = (*level, id.clone());
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = explicit
                .map(|s| s.to_string())
                .unwrap_or_else(|| slugify(&text));
            let base = if base.is_empty() {
                "section".to_owned()
            } else {
                base
            };
            let count = used.entry(base.clone()).or_insert(0);
            let unique = if *count == 0 {
                base.clone()
            } else {
                format!("{base}-{count}")
            };
            *count += 1;
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(unique.clone()));
            }
            let level = heading_number(level);
            if (2..=4).contains(&level) {
                toc.push(TocEntry {
                    level,
                    id: unique,
                    text: text.trim().to_owned(),
                });
            }
            i = j;
        }
        i += 1;
    }
    (events, toc)
}

pub(super) fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Hugo-style anchor: lower case, letters and digits kept, spaces to `-`, the rest dropped.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            slug.push('-');
        }
    }
    slug
}

/// The allowlist: ammonia's defaults (no scripts, styles, event handlers, or `javascript:`
/// URLs), plus `id` on headings so the table of contents can link to them.
fn sanitizer() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    let headings = ["h1", "h2", "h3", "h4", "h5", "h6"];
    for h in headings {
        builder.add_tag_attributes(h, &["id"]);
    }
    // Table cell alignment arrives as `style="text-align: …"`; no other style is kept.
    builder
        .link_rel(None)
        .add_tag_attributes("th", &["style"])
        .add_tag_attributes("td", &["style"])
        .add_tag_attributes("ol", &["start"])
        .attribute_filter(|_element, attribute, value| match attribute {
            "style" => ALIGNMENTS.contains(&value).then_some(value.into()),
            _ => Some(value.into()),
        });
    builder
}

/// The only `style` values kept (table cell alignment); the server's Content-Security-Policy
/// allows exactly these as style attributes.
pub const ALIGNMENTS: [&str; 3] = [
    "text-align: left",
    "text-align: center",
    "text-align: right",
];

/// Whether a link leaves the site: an absolute or protocol-relative URL.
fn is_external(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// Adds `rel="noopener noreferrer"` to links that leave the site.
fn mark_external_links(html: &str) -> String {
    let rewritten = lol_html::rewrite_str(
        html,
        lol_html::RewriteStrSettings {
            element_content_handlers: vec![lol_html::element!("a[href]", |el| {
                if el.get_attribute("href").is_some_and(|h| is_external(&h)) {
                    el.set_attribute("rel", "noopener noreferrer")?;
                }
                Ok(())
            })],
            ..lol_html::RewriteStrSettings::new()
        },
    );
    // The input is ammonia's own serialisation, which lol_html always accepts; should it ever
    // refuse, the sanitised HTML without the rel hints is still safe to serve.
    rewritten.unwrap_or_else(|_| html.to_owned())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    /// The HTML of a body without embeds.
    fn html(r: &Rendered) -> String {
        r.body
            .iter()
            .map(|b| match b {
                Block::Html(h) => h.clone(),
                Block::YouTube { id, .. } => format!("[video {id}]"),
                Block::CookieTable => "[cookie table]".to_owned(),
                Block::Showcase => "[showcase]".to_owned(),
                Block::Children | Block::NewsList(_) => "[list]".to_owned(),
                Block::ApiReference(_) => "[api]".to_owned(),
                Block::ApiStatus => "[status]".to_owned(),
            })
            .collect()
    }

    fn duplicate_ids(toc: &[TocEntry]) -> Vec<&str> {
        let mut seen = HashSet::new();
        toc.iter()
            .map(|e| e.id.as_str())
            .filter(|id| !seen.insert(*id))
            .collect()
    }

    #[test]
    fn headings_get_ids_and_a_toc() {
        let r =
            render("## What is it?\n\ntext\n\n### Ä & Ö\n\n## What is it?\n\n## Custom {#mine}\n");
        assert!(
            html(&r).contains(r#"<h2 id="what-is-it">What is it?</h2>"#),
            "{}",
            html(&r)
        );
        assert!(
            html(&r).contains(r#"<h2 id="what-is-it-1">"#),
            "{}",
            html(&r)
        );
        assert!(html(&r).contains(r#"<h3 id="ä--ö">"#), "{}", html(&r));
        assert!(
            html(&r).contains(r#"<h2 id="mine">Custom</h2>"#),
            "{}",
            html(&r)
        );
        let ids: Vec<_> = r.toc.iter().map(|e| (e.level, e.id.as_str())).collect();
        assert_eq!(
            ids,
            [
                (2, "what-is-it"),
                (3, "ä--ö"),
                (2, "what-is-it-1"),
                (2, "mine")
            ]
        );
        assert!(duplicate_ids(&r.toc).is_empty());
    }

    #[test]
    fn tables_render() {
        let r = render("| a | b |\n|---|--:|\n| 1 | 2 |\n");
        assert!(html(&r).contains("<table>"), "{}", html(&r));
        assert!(
            html(&r).contains(r#"<td style="text-align: right">2</td>"#),
            "{}",
            html(&r)
        );
        let r = render(
            "<table><tr><td style=\"text-align: right; background: url(x)\">x</td></tr></table>",
        );
        assert!(!html(&r).contains("style"), "{}", html(&r));
    }

    #[test]
    fn raw_html_is_sanitised() {
        let r = render(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<a href=\"javascript:alert(1)\">x</a>\n\n<iframe src=\"https://evil\"></iframe>\n\n<p style=\"color:red\" onclick=\"x()\">kept</p>\n\n<b>bold</b>",
        );
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "<iframe",
            "onclick",
            "style=",
        ] {
            assert!(!html(&r).contains(bad), "{bad} survived: {}", html(&r));
        }
        assert!(
            html(&r).contains("kept") && html(&r).contains("<b>bold</b>"),
            "{}",
            html(&r)
        );
    }

    #[test]
    fn only_external_links_get_rel() {
        let r = render(
            "[pts](http://www.pts.se) [home](/en/) [x](HTTPS://Example.org/a) [anchor](#top) <a href=\"//cdn.example\">c</a>",
        );
        assert_eq!(
            html(&r).matches(r#"rel="noopener noreferrer""#).count(),
            3,
            "{}",
            html(&r)
        );
        assert!(
            html(&r).contains(r#"<a href="/en/">home</a>"#),
            "{}",
            html(&r)
        );
        assert!(
            html(&r).contains(r##"<a href="#top">anchor</a>"##),
            "{}",
            html(&r)
        );
    }

    #[test]
    fn youtube_shortcodes_become_embeds() {
        let r = render(
            "Intro\n\n{{< youtube dQw4w9WgXcQ >}}\n\nAfter\n\n{{< youtube id=\"abc_DEF-12\" >}}",
        );
        assert_eq!(
            r.body,
            [
                Block::Html("<p>Intro</p>\n".into()),
                Block::YouTube {
                    id: "dQw4w9WgXcQ".into(),
                    title: None,
                },
                Block::Html("<p>After</p>\n".into()),
                Block::YouTube {
                    id: "abc_DEF-12".into(),
                    title: None,
                },
            ]
        );
        for bad in [
            "{{< youtube \"><script> >}}",
            "{{< youtube x >}}",
            "{{< vimeo 12345678 >}}",
            "text {{< youtube dQw4w9WgXcQ >}}",
        ] {
            let r = render(bad);
            assert!(r.body.iter().all(|b| matches!(b, Block::Html(_))), "{bad}");
            assert!(!html(&r).contains("<script"), "{bad}");
        }
    }

    #[test]
    fn a_youtube_title_survives_markdown_whatever_it_holds() {
        for title in [
            "JobTech on film",
            "Å <b>*bold*</b> & \\`x` [l](u) _e_",
            "\u{1F600} 100 %",
        ] {
            let r = render(&format!(
                "{{{{< youtube id=\"abc_DEF-12\" title=\"{title}\" >}}}}"
            ));
            assert_eq!(
                r.body,
                [Block::YouTube {
                    id: "abc_DEF-12".into(),
                    title: Some(title.trim().into()),
                }],
                "{title}"
            );
        }
        let r = render("{{< youtube dQw4w9WgXcQ title=\"Two words\" >}}");
        assert!(
            matches!(&r.body[0], Block::YouTube { title: Some(t), .. } if t == "Two words"),
            "{:?}",
            r.body
        );
    }

    #[test]
    fn a_youtube_shortcode_with_a_bad_parameter_stays_text() {
        for bad in [
            "{{< youtube id=\"dQw4w9WgXcQ\" title=\"open >}}",
            "{{< youtube id=\"dQw4w9WgXcQ\" title=\"\" >}}",
            "{{< youtube id=\"dQw4w9WgXcQ\" autoplay=\"true\" >}}",
            "{{< youtube dQw4w9WgXcQ id=\"abc_DEF-12\" >}}",
            "{{< youtubedQw4w9WgXcQ >}}",
            "{{< youtube title=\"No id\" >}}",
        ] {
            let r = render(bad);
            assert!(
                r.body.iter().all(|b| matches!(b, Block::Html(_))),
                "{bad}: {:?}",
                r.body
            );
        }
        let long = "x".repeat(201);
        let r = render(&format!("{{{{< youtube dQw4w9WgXcQ title=\"{long}\" >}}}}"));
        assert!(r.body.iter().all(|b| matches!(b, Block::Html(_))));
    }

    #[test]
    fn a_hand_typed_mark_with_a_broken_title_stays_text() {
        for typed in [
            "PORTAL-EMBED-dQw4w9WgXcQ.6",
            "PORTAL-EMBED-dQw4w9WgXcQ.zz",
            "PORTAL-EMBED-dQw4w9WgXcQ.ff",
            "PORTAL-EMBED-dQw4w9WgXcQ.0a",
        ] {
            let r = render(&format!("Before\n\n{typed}\n\nAfter"));
            assert!(
                r.body.iter().all(|b| matches!(b, Block::Html(_))),
                "{typed}: {:?}",
                r.body
            );
        }
    }

    #[test]
    fn cookie_table_shortcode_becomes_a_block() {
        let r = render("# Cookies\n\n{{< cookie-table >}}\n\nEnd");
        assert_eq!(r.body.len(), 3, "{:?}", r.body);
        assert_eq!(r.body[1], Block::CookieTable);
        let r = render("{{< showcase >}}");
        assert_eq!(r.body, [Block::Showcase]);
        let r = render("{{< cookie-table extra >}}\n\n{{<cookie-table>}}");
        assert_eq!(
            r.body.iter().filter(|b| **b == Block::CookieTable).count(),
            1,
            "only the exact shortcode: {:?}",
            r.body
        );
    }

    #[test]
    fn a_hand_typed_embed_mark_stays_text() {
        for typed in ["PORTAL-EMBED-x\"y", "PORTAL-EMBED-", "PORTAL-EMBED-:other"] {
            let r = render(&format!("Before\n\n{typed}\n\nAfter"));
            assert!(
                r.body.iter().all(|b| matches!(b, Block::Html(_))),
                "{typed}: {:?}",
                r.body
            );
            assert!(html(&r).contains("After"), "{typed}");
        }
        let r = render("PORTAL-EMBED-bad id\n\n{{< youtube dQw4w9WgXcQ >}}");
        assert_eq!(
            r.body[1],
            Block::YouTube {
                id: "dQw4w9WgXcQ".into(),
                title: None,
            },
            "{:?}",
            r.body
        );
    }

    #[test]
    fn copes_with_trailing_spaces_and_no_newline() {
        let r = render("Last line.   ");
        assert_eq!(html(&r).trim(), "<p>Last line.</p>");
    }
}
