//! The outline and summary of a page's markdown: heading levels renumbered under the page's
//! title, and the first paragraph's text for a page without a description.

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::{heading_number, shortcodes::EMBED_MARK};

/// Gives the headings the levels of a correct outline under the page's own `h1` (the title):
/// the first is an `h2`, and none is more than one level below the heading it falls under.
/// The text keeps its own relative levels, so a policy written with `###` throughout, or a page
/// that starts at `#`, is outlined `h2`, `h3`, … without changing a word.
pub(super) fn renumber_headings(events: &mut [Event<'_>]) {
    // The open headings: (level as written, level given).
    let mut open: Vec<(u8, u8)> = Vec::new();
    for event in events.iter_mut() {
        let (written, level) = match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let written = heading_number(*level);
                while open.last().is_some_and(|(w, _)| *w >= written) {
                    open.pop();
                }
                let given = open.last().map_or(2, |(_, g)| (g + 1).min(6));
                open.push((written, given));
                (written, level)
            }
            Event::End(TagEnd::Heading(level)) => (heading_number(*level), level),
            _ => continue,
        };
        let given = open
            .last()
            .filter(|(w, _)| *w == written)
            .map_or(written, |(_, g)| *g);
        *level = heading_level(given);
    }
}

/// Longest derived summary, in characters, before it is cut at a word.
const SUMMARY_CHARS: usize = 160;

/// The plain text of the first paragraph with any text (an embed's mark is not text), cut at
/// a word boundary to about [`SUMMARY_CHARS`] characters.
pub(super) fn summary(events: &[Event<'_>]) -> Option<String> {
    let mut text = String::new();
    let mut in_paragraph = false;
    for event in events {
        match event {
            Event::Start(Tag::Paragraph) => {
                in_paragraph = true;
                text.clear();
            }
            Event::End(TagEnd::Paragraph) => {
                in_paragraph = false;
                let trimmed = text.trim();
                if !trimmed.is_empty() && !trimmed.starts_with(EMBED_MARK) {
                    return Some(cut_at_word(trimmed, SUMMARY_CHARS));
                }
            }
            Event::Text(t) | Event::Code(t) if in_paragraph => text.push_str(t),
            Event::SoftBreak | Event::HardBreak if in_paragraph => text.push(' '),
            _ => {}
        }
    }
    None
}

/// `text` with whitespace runs made single, cut to at most `max` characters at a word
/// boundary, with `…` when something was cut.
fn cut_at_word(text: &str, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for word in &words {
        let extra = usize::from(!out.is_empty()) + word.chars().count();
        if out.chars().count() + extra > max {
            if out.is_empty() {
                out.extend(word.chars().take(max));
            }
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn heading_level(number: u8) -> HeadingLevel {
    match number {
        0 | 1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Rendered, render};
    use super::*;

    /// The HTML of a body's text blocks.
    fn html(r: &Rendered) -> String {
        r.body
            .iter()
            .filter_map(|b| match b {
                domain::site::Block::Html(h) => Some(h.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The levels of the headings in a rendered body, in order.
    fn levels(r: &Rendered) -> Vec<u8> {
        let html = html(r);
        html.match_indices("<h")
            .filter_map(|(i, _)| html[i + 2..].chars().next()?.to_digit(10))
            .map(|d| d as u8)
            .collect()
    }

    #[test]
    fn headings_form_an_outline_under_the_title() {
        // Written with `###` only, like the cookie policy: all become h2, text unchanged.
        let r = render("### One\n\ntext\n\n### Two\n");
        assert_eq!(levels(&r), [2, 2]);
        assert!(
            html(&r).contains(r#"<h2 id="one">One</h2>"#),
            "{}",
            html(&r)
        );
        // Starting at `#`: shifted down, relative levels kept.
        let r = render("# Top\n\n## Mid\n\n### Low\n\n# Again\n");
        assert_eq!(levels(&r), [2, 3, 4, 2]);
        // A skipped level is closed up; a deeper heading after a shallower one nests under it.
        let r = render("## A\n\n#### B\n\n### C\n\n###### D\n\n## E\n");
        assert_eq!(levels(&r), [2, 3, 3, 4, 2]);
        let toc: Vec<u8> = r.toc.iter().map(|e| e.level).collect();
        assert_eq!(toc, [2, 3, 3, 4, 2]);
        // Already correct: unchanged.
        let r = render("## A\n\n### B\n\n#### C\n\n## D\n");
        assert_eq!(levels(&r), [2, 3, 4, 2]);
    }

    #[test]
    fn the_summary_is_the_first_paragraph_cut_at_a_word() {
        let r = render("## Title\n\nFirst *paragraph* with `code`\nand a break.\n\nSecond.\n");
        assert_eq!(
            r.summary.as_deref(),
            Some("First paragraph with code and a break.")
        );
        let long = "word ".repeat(60);
        let r = render(&long);
        let summary = r.summary.expect("a summary");
        assert!(summary.ends_with("word…"), "{summary}");
        assert!(summary.chars().count() <= SUMMARY_CHARS + 1, "{summary}");
        // A video is not a paragraph of text; a page with no paragraph has no summary.
        let r = render("{{< youtube dQw4w9WgXcQ >}}\n\nAfter the video.\n");
        assert_eq!(r.summary.as_deref(), Some("After the video."));
        assert_eq!(render("## Only a heading\n").summary, None);
        assert_eq!(
            cut_at_word(&"x".repeat(200), 10),
            format!("{}…", "x".repeat(10))
        );
    }
}
