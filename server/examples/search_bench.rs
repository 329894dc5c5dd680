//! Times the site search: building the index and answering two-word queries, on the real
//! content and on 10,000 generated pages; against a baseline measured in the same run (a
//! plain scan of every page's text for the same words). Run with `bench/search.sh`.

use std::time::{Duration, Instant};

use domain::lang::Lang;
use server::search::{Doc, Index, SearchIndex, query_words};

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at].as_secs_f64() * 1000.0
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

/// p50 and p99 in milliseconds of running `f` on every query.
fn latencies(queries: &[Vec<String>], mut f: impl FnMut(&[String]) -> usize) -> (f64, f64, usize) {
    let mut runs = Vec::with_capacity(queries.len());
    let mut found = 0;
    for q in queries {
        let start = Instant::now();
        found += f(q);
        runs.push(start.elapsed());
    }
    runs.sort();
    (percentile(&runs, 0.5), percentile(&runs, 0.99), found)
}

/// The baseline: every document's text scanned for every word (no index).
fn scan(docs: &[Doc], words: &[String]) -> usize {
    docs.iter()
        .filter(|d| {
            let text = format!("{} {} {}", d.title, d.headings, d.body).to_lowercase();
            words.iter().any(|w| text.contains(w.as_str()))
        })
        .count()
}

fn report(name: &str, docs: Vec<Doc>, queries: &[Vec<String>], build: Option<Duration>) {
    let copy = docs.clone();
    let (index, took) = timed(|| Index::build(Lang::En, docs));
    let build = build.unwrap_or(took);
    let (p50, p99, found) = latencies(queries, |q| index.search(q, 20).len());
    let (s50, s99, _) = latencies(queries, |q| scan(&copy, q));
    println!(
        "{name}: {} pages, index built in {:.1} ms; two-word query p50 {p50:.3} ms, p99 {p99:.3} ms \
         ({found} hits over {} queries); plain scan p50 {s50:.3} ms, p99 {s99:.3} ms; \
         index/scan p99 ratio {:.3}",
        index.len(),
        build.as_secs_f64() * 1000.0,
        queries.len(),
        p99 / s99
    );
}

fn main() {
    let content = std::env::args().nth(1).unwrap_or_else(|| "content".into());
    let site = portal_core::content::load(std::path::Path::new(&content)).expect("content");
    let (_, build) = timed(|| SearchIndex::build(&site));
    // The real content (English pages) with queries made of its own words.
    let docs: Vec<Doc> = site
        .pages()
        .filter(|p| p.lang == Lang::En)
        .map(|p| Doc {
            url: p.url.clone(),
            title: p.title.clone(),
            section: String::new(),
            headings: p.headings.join(" "),
            body: p
                .body
                .iter()
                .filter_map(|b| match b {
                    domain::site::Block::Html(h) => Some(server::search::plain_text(h)),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(" "),
        })
        .collect();
    let vocabulary: Vec<String> = {
        let mut words: Vec<String> = docs
            .iter()
            .flat_map(|d| server::search::words(&d.body).collect::<Vec<_>>())
            .filter(|w| w.len() > 3)
            .collect();
        words.sort();
        words.dedup();
        words
    };
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let two_words = |vocabulary: &[String], rng: &mut Rng| {
        let text = format!(
            "{} {}",
            vocabulary[rng.below(vocabulary.len())],
            vocabulary[rng.below(vocabulary.len())]
        );
        query_words(&text).0
    };
    let queries: Vec<Vec<String>> = (0..1000)
        .map(|_| two_words(&vocabulary, &mut rng))
        .collect();
    println!(
        "real content: both languages indexed in {:.1} ms",
        build.as_secs_f64() * 1000.0
    );
    report("real content (en)", docs, &queries, None);

    // 10,000 generated pages over a vocabulary of 30,000 made-up words.
    let letters = b"abcdefghijklmnopqrstuvwxyz";
    let words: Vec<String> = (0..30_000)
        .map(|_| {
            let len = 4 + rng.below(8);
            (0..len).map(|_| letters[rng.below(26)] as char).collect()
        })
        .collect();
    // Zipf-like: low indexes are common.
    let pick = |rng: &mut Rng| {
        let a = rng.below(words.len());
        let b = rng.below(a + 1);
        words[b].clone()
    };
    let sentence =
        |n: usize, rng: &mut Rng| (0..n).map(|_| pick(rng)).collect::<Vec<_>>().join(" ");
    let generated: Vec<Doc> = (0..10_000)
        .map(|i| Doc {
            url: format!("/en/generated/{i}"),
            title: sentence(4, &mut rng),
            section: "Generated".into(),
            headings: sentence(8, &mut rng),
            body: sentence(300, &mut rng),
        })
        .collect();
    let queries: Vec<Vec<String>> = (0..1000).map(|_| two_words(&words, &mut rng)).collect();
    report("10,000 generated pages", generated, &queries, None);
}
