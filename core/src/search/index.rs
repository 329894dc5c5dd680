//! A small full-text index: words are lower-cased, split on anything but letters and digits,
//! and reduced to their stem (Snowball, Swedish or English). Ranking is BM25 over three fields
//! weighted title > headings > body, times the share of the query's words a document has.
//! A word of five letters or more also matches stems one edit away (at half weight).

use std::collections::HashMap;

use domain::{
    lang::Lang,
    search::{Hit, Piece},
};
use rust_stemmers::{Algorithm, Stemmer};

/// Fields, in the order of [`WEIGHTS`].
const TITLE: usize = 0;
const HEADINGS: usize = 1;
const BODY: usize = 2;
/// How much a match counts in each field.
const WEIGHTS: [f32; 3] = [3.0, 2.0, 1.0];
/// BM25's usual constants.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// A fuzzy match counts half.
const FUZZY: f32 = 0.5;
/// Words of a snippet.
const SNIPPET_WORDS: usize = 24;

/// What is indexed of one document.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Where it is.
    pub url: String,
    /// Its title.
    pub title: String,
    /// The section (or kind) it belongs to, shown with the hit.
    pub section: String,
    /// Its headings, joined.
    pub headings: String,
    /// Its text.
    pub body: String,
}

#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    tf: [u16; 3],
}

/// A stem with its characters, kept for the one-edit comparison.
type Spelled = (String, Box<[char]>);

/// The index of one language's documents.
pub struct Index {
    stemmer: Stemmer,
    docs: Vec<Doc>,
    lengths: Vec<[u16; 3]>,
    average: [f32; 3],
    postings: HashMap<String, Vec<Posting>>,
    /// Stems (and their characters) by length in characters, for fuzzy matching.
    stems_by_len: HashMap<usize, Vec<Spelled>>,
    /// Every word as written (lower-case), with the number of documents it is in.
    words: HashMap<String, u32>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("docs", &self.docs.len())
            .field("stems", &self.postings.len())
            .finish_non_exhaustive()
    }
}

/// The words of a text, lower-case.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn stemmer(lang: Lang) -> Stemmer {
    Stemmer::create(match lang {
        Lang::Sv => Algorithm::Swedish,
        Lang::En => Algorithm::English,
    })
}

/// Whether `a` and `b` are at most one edit (insertion, deletion, substitution) apart.
fn within_one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let start = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        start == short.len() || short[start + 1..] == long[start + 1..]
    } else {
        short[start..] == long[start + 1..]
    }
}

/// Levenshtein distance (for suggestions), giving up past `limit`.
fn distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            current[j + 1] = (previous[j] + cost)
                .min(previous[j + 1] + 1)
                .min(current[j] + 1);
        }
        if current.iter().min().is_some_and(|m| *m > limit) {
            return None;
        }
        previous = current;
    }
    previous.last().copied().filter(|d| *d <= limit)
}

impl Index {
    /// Indexes `docs` in `lang`.
    pub fn build(lang: Lang, docs: Vec<Doc>) -> Index {
        let stemmer = stemmer(lang);
        let mut postings: HashMap<String, Vec<Posting>> = HashMap::new();
        let mut words_seen: HashMap<String, u32> = HashMap::new();
        let mut lengths = Vec::with_capacity(docs.len());
        let mut totals = [0f64; 3];
        for (n, doc) in docs.iter().enumerate() {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            let mut counts: HashMap<String, [u16; 3]> = HashMap::new();
            let mut seen_here: std::collections::HashSet<String> = Default::default();
            let mut length = [0u16; 3];
            for (field, text) in [
                (TITLE, &doc.title),
                (HEADINGS, &doc.headings),
                (BODY, &doc.body),
            ] {
                for word in words(text) {
                    let stem = stemmer.stem(&word).into_owned();
                    let tf = counts.entry(stem).or_default();
                    tf[field] = tf[field].saturating_add(1);
                    length[field] = length[field].saturating_add(1);
                    seen_here.insert(word);
                }
            }
            for word in seen_here {
                *words_seen.entry(word).or_default() += 1;
            }
            for (i, total) in totals.iter_mut().enumerate() {
                *total += f64::from(length[i]);
            }
            lengths.push(length);
            for (stem, tf) in counts {
                postings
                    .entry(stem)
                    .or_default()
                    .push(Posting { doc: n, tf });
            }
        }
        let count = docs.len().max(1) as f64;
        #[allow(clippy::cast_possible_truncation)]
        let average = totals.map(|t| ((t / count) as f32).max(1.0));
        let mut stems_by_len: HashMap<usize, Vec<Spelled>> = HashMap::new();
        for stem in postings.keys() {
            let chars: Box<[char]> = stem.chars().collect();
            stems_by_len
                .entry(chars.len())
                .or_default()
                .push((stem.clone(), chars));
        }
        Index {
            stemmer,
            docs,
            lengths,
            average,
            postings,
            stems_by_len,
            words: words_seen,
        }
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The stems a query word matches, each with its weight: its own stem, and for words of
    /// five letters or more the stems one edit away.
    fn expand(&self, word: &str) -> Vec<(&str, f32)> {
        let stem = self.stemmer.stem(word);
        let mut out = Vec::new();
        if let Some((key, _)) = self.postings.get_key_value(stem.as_ref()) {
            out.push((key.as_str(), 1.0));
        }
        if word.chars().count() >= 5 {
            let chars: Vec<char> = stem.chars().collect();
            for len in chars.len().saturating_sub(1)..=chars.len() + 1 {
                for (candidate, other) in self.stems_by_len.get(&len).into_iter().flatten() {
                    if candidate.as_str() != stem.as_ref() && within_one_edit(&chars, other) {
                        out.push((candidate.as_str(), FUZZY));
                    }
                }
            }
        }
        out
    }

    /// The best `limit` documents for `query_words` (already split and lower-cased), with
    /// their scores.
    pub fn search(&self, query_words: &[String], limit: usize) -> Vec<(f32, Hit)> {
        if self.docs.is_empty() || query_words.is_empty() {
            return Vec::new();
        }
        let n = self.docs.len() as f32;
        let mut scores = vec![0f32; self.docs.len()];
        let mut matched = vec![0u8; self.docs.len()];
        let mut marked: std::collections::HashSet<&str> = Default::default();
        for word in query_words {
            let mut best = vec![0f32; 0];
            let mut touched: Vec<u32> = Vec::new();
            for (stem, weight) in self.expand(word) {
                marked.insert(stem);
                let postings = &self.postings[stem];
                let idf =
                    ((n - postings.len() as f32 + 0.5) / (postings.len() as f32 + 0.5) + 1.0).ln();
                if best.is_empty() {
                    best = vec![0f32; self.docs.len()];
                }
                for p in postings {
                    let d = p.doc as usize;
                    let mut s = 0.0;
                    let fields =
                        p.tf.iter()
                            .zip(self.lengths[d])
                            .zip(self.average)
                            .zip(WEIGHTS);
                    for (((tf, len), average), field_weight) in fields {
                        let tf = f32::from(*tf);
                        if tf > 0.0 {
                            let norm = K1 * (1.0 - B + B * f32::from(len) / average);
                            s += field_weight * idf * tf * (K1 + 1.0) / (tf + norm);
                        }
                    }
                    let s = s * weight;
                    if best[d] == 0.0 {
                        touched.push(p.doc);
                    }
                    // A word counts once per document: its best match (exact or fuzzy).
                    best[d] = best[d].max(s);
                }
            }
            for d in touched {
                scores[d as usize] += best[d as usize];
                matched[d as usize] += 1;
            }
        }
        let total = query_words.len() as f32;
        let mut ranked: Vec<(f32, usize)> = scores
            .iter()
            .enumerate()
            .filter(|(_, s)| **s > 0.0)
            .map(|(d, s)| {
                let share = f32::from(matched[d]) / total;
                (s * share * share, d)
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|(score, d)| {
                let doc = &self.docs[d];
                let hit = Hit {
                    title: doc.title.clone(),
                    url: doc.url.clone(),
                    section: doc.section.clone(),
                    snippet: self.snippet(&doc.body, &marked),
                };
                (score, hit)
            })
            .collect()
    }

    /// About [`SNIPPET_WORDS`] words of `body` around the most matches, matches marked.
    fn snippet(&self, body: &str, marked: &std::collections::HashSet<&str>) -> Vec<Piece> {
        let tokens: Vec<&str> = body.split_whitespace().collect();
        let hits: Vec<bool> = tokens
            .iter()
            .map(|t| words(t).any(|w| marked.contains(self.stemmer.stem(&w).as_ref())))
            .collect();
        let window = SNIPPET_WORDS.min(tokens.len());
        let mut best = (0usize, 0usize);
        let mut count = hits[..window].iter().filter(|h| **h).count();
        best.1 = count;
        for start in 1..=tokens.len().saturating_sub(window) {
            count += usize::from(hits[start + window - 1]);
            count -= usize::from(hits[start - 1]);
            if count > best.1 {
                best = (start, count);
            }
        }
        let (start, end) = (best.0, best.0 + window);
        let mut pieces: Vec<Piece> = Vec::new();
        let mut push = |text: &str, mark: bool| match pieces.last_mut() {
            Some(last) if last.marked == mark => last.text.push_str(text),
            _ => pieces.push(Piece {
                text: text.to_owned(),
                marked: mark,
            }),
        };
        if start > 0 {
            push("… ", false);
        }
        for i in start..end {
            if i > start {
                push(" ", false);
            }
            push(tokens[i], hits[i]);
        }
        if end < tokens.len() {
            push(" …", false);
        }
        pieces
    }

    /// For a query without hits: the same words with each unknown one replaced by the
    /// closest known word (at most two edits; the more common wins a tie), if any changed.
    pub fn suggest(&self, query_words: &[String]) -> Option<String> {
        let mut changed = false;
        let out: Vec<String> = query_words
            .iter()
            .map(|word| {
                if self.words.contains_key(word) {
                    return word.clone();
                }
                let chars: Vec<char> = word.chars().collect();
                let best = self
                    .words
                    .iter()
                    .filter_map(|(known, df)| {
                        let other: Vec<char> = known.chars().collect();
                        distance(&chars, &other, 2).map(|d| (d, std::cmp::Reverse(*df), known))
                    })
                    .min();
                match best {
                    Some((_, _, known)) => {
                        changed = true;
                        known.clone()
                    }
                    None => word.clone(),
                }
            })
            .collect();
        changed.then(|| out.join(" "))
    }
}

#[cfg(test)]
mod tests;
