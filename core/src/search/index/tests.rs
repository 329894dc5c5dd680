use super::*;

fn doc(url: &str, title: &str, headings: &str, body: &str) -> Doc {
    Doc {
        url: url.into(),
        title: title.into(),
        section: "S".into(),
        headings: headings.into(),
        body: body.into(),
    }
}

fn q(text: &str) -> Vec<String> {
    words(text).collect()
}

fn urls(index: &Index, query: &str) -> Vec<String> {
    index
        .search(&q(query), 10)
        .into_iter()
        .map(|(_, h)| h.url)
        .collect()
}

#[test]
fn one_edit_is_one_edit() {
    let c = |s: &str| s.chars().collect::<Vec<_>>();
    assert!(
        !within_one_edit(&c("cookie"), &c("cookei")),
        "a swap is two edits"
    );
    assert!(within_one_edit(&c("cookie"), &c("cookie")));
    assert!(within_one_edit(&c("cookie"), &c("cookies")));
    assert!(within_one_edit(&c("cookie"), &c("cokie")));
    assert!(within_one_edit(&c("cookie"), &c("coakie")));
    assert!(!within_one_edit(&c("cookie"), &c("cake")));
    assert!(within_one_edit(&c("a"), &c("b")));
    assert_eq!(distance(&c("kitten"), &c("sitting"), 3), Some(3));
    assert_eq!(distance(&c("kitten"), &c("sitting"), 2), None);
}

#[test]
fn title_beats_headings_beats_body_and_stems_match() {
    let index = Index::build(
        Lang::En,
        vec![
            doc("/body", "Other", "", "We talk about matching here."),
            doc("/title", "Matching jobs", "", "Plain text."),
            doc("/heading", "Else", "How matching works", "Plain text."),
        ],
    );
    assert_eq!(urls(&index, "matches"), ["/title", "/heading", "/body"]);
}

#[test]
fn swedish_words_are_stemmed_and_all_words_rank_first() {
    let index = Index::build(
        Lang::Sv,
        vec![
            doc("/a", "Annonser", "", "Annonser i hela landet."),
            doc("/b", "Yrken", "", "Om yrket och annonsen."),
        ],
    );
    assert_eq!(urls(&index, "annonsen yrken")[0], "/b");
    assert_eq!(
        urls(&index, "annonserna").len(),
        2,
        "{:?}",
        urls(&index, "annonserna")
    );
}

#[test]
fn typos_of_long_words_are_forgiven_and_short_ones_are_not() {
    let index = Index::build(
        Lang::En,
        vec![doc(
            "/c",
            "Cookies",
            "",
            "The cookie policy and the api key.",
        )],
    );
    assert_eq!(urls(&index, "polciy"), Vec::<String>::new(), "two edits");
    assert_eq!(urls(&index, "poliyc"), Vec::<String>::new());
    assert_eq!(urls(&index, "policu"), ["/c"], "one edit, six letters");
    assert_eq!(
        urls(&index, "apu"),
        Vec::<String>::new(),
        "short words must match"
    );
}

#[test]
fn snippets_mark_the_matches_and_suggestions_fix_typos() {
    let long = format!(
        "{} taxonomy concepts here {}",
        "word ".repeat(40),
        "tail ".repeat(40)
    );
    let index = Index::build(Lang::En, vec![doc("/t", "T", "", &long)]);
    let hits = index.search(&q("taxonomy"), 5);
    let snippet = &hits[0].1.snippet;
    assert!(
        snippet.iter().any(|p| p.marked && p.text == "taxonomy"),
        "{snippet:?}"
    );
    assert!(snippet.first().is_some_and(|p| p.text.starts_with('…')));
    assert_eq!(index.suggest(&q("taxnmy")), Some("taxonomy".into()));
    assert_eq!(index.suggest(&q("taxonomy")), None);
    assert_eq!(index.suggest(&q("zzzzzzzz")), None);
}
