//! A content page: front matter, then markdown with shortcodes, rendered and sanitised.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok((_, body)) = app::domain::front_matter::FrontMatter::split(text) {
        let _ = app::ssr::markdown::render(body);
    }
    // The markdown alone too: pages without front matter are refused before rendering.
    let rendered = app::ssr::markdown::render(text);
    let _ = app::ssr::markdown::slugify(text);
    drop(rendered);
});
