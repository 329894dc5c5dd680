//! The documentation names only what exists: every repository path written in backticks in
//! `README.md`, `SECURITY.md` and `docs/*.md` (a file or folder under one of the project's
//! top-level folders), and every server function URL (`/api/…`).

use std::path::{Path, PathBuf};

/// The project's top-level folders a path in the docs may start with.
const TOPS: [&str; 16] = [
    "app/",
    "core/",
    "domain/",
    "server/",
    "frontend/",
    "style/",
    "end2end/",
    "scripts/",
    "bench/",
    "fuzz/",
    "deploy/",
    "scale/",
    "content/",
    "docs/",
    "public/",
    ".ci/",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn documents() -> Vec<PathBuf> {
    let root = root();
    let mut docs = vec![root.join("README.md"), root.join("SECURITY.md")];
    if let Ok(entries) = std::fs::read_dir(root.join("docs")) {
        docs.extend(
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "md")),
        );
    }
    docs
}

/// The first word of every `code span` of `text`.
fn code_spans(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|span| !span.contains('\n'))
        .filter_map(|span| span.split_whitespace().next())
        .map(|word| word.trim_end_matches([':', ',', '.', ')']).to_owned())
        .collect()
}

#[test]
fn every_path_the_docs_name_exists() {
    let root = root();
    let mut missing = Vec::new();
    let mut checked = 0;
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).expect("doc");
        for word in code_spans(&text) {
            let is_path = TOPS.iter().any(|top| word.starts_with(top));
            // Patterns (`fuzz/seeds/<target>/`, `content/*/apis/`) name no one file.
            let pattern = word.contains(['<', '*', '…', '{', '[', '$']);
            if !is_path || pattern {
                continue;
            }
            checked += 1;
            if !root.join(&word).exists() {
                missing.push(format!("{}: {word}", doc.display()));
            }
        }
    }
    assert!(
        checked > 30,
        "only {checked} paths found: is the pattern right?"
    );
    assert!(missing.is_empty(), "named but missing: {missing:#?}");
}

#[test]
fn every_server_function_the_docs_name_exists() {
    let known: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    let mut missing = Vec::new();
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).expect("doc");
        for word in code_spans(&text) {
            let names_one = word.len() > "/api/".len() && !word.contains(['<', '*', '…', '{']);
            if word.starts_with("/api/") && names_one && !known.contains(&word) {
                missing.push(format!("{}: {word}", doc.display()));
            }
        }
    }
    assert!(missing.is_empty(), "named but missing: {missing:#?}");
}

#[test]
fn the_docs_list_every_server_function_and_script() {
    let text: String = documents()
        .iter()
        .map(|doc| std::fs::read_to_string(doc).expect("doc"))
        .collect();
    let spans = code_spans(&text);
    let mut unlisted: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .filter(|path| !spans.contains(path))
        .collect();
    for entry in std::fs::read_dir(root().join("scripts")).expect("scripts") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        let path = format!("scripts/{name}");
        if !spans.contains(&path) {
            unlisted.push(path);
        }
    }
    assert!(unlisted.is_empty(), "not in the docs: {unlisted:#?}");
}

/// GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[test]
fn every_link_between_the_docs_leads_somewhere() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).expect("doc");
        let folder = doc.parent().expect("folder").to_owned();
        for (at, _) in text.match_indices("](") {
            let rest = &text[at + 2..];
            let Some(end) = rest.find(')') else { continue };
            let target = rest[..end].replace('\n', "");
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            checked += 1;
            let (file, fragment) = target.split_once('#').unwrap_or((&target, ""));
            let file = if file.is_empty() {
                doc.clone()
            } else {
                folder.join(file)
            };
            if !file.exists() {
                broken.push(format!("{}: {target}", doc.display()));
                continue;
            }
            if !fragment.is_empty() {
                let linked = std::fs::read_to_string(&file).unwrap_or_default();
                let found = linked
                    .lines()
                    .filter_map(|l| {
                        l.trim_start_matches('#')
                            .strip_prefix(' ')
                            .filter(|_| l.starts_with('#'))
                    })
                    .any(|h| anchor(h) == fragment);
                if !found {
                    broken.push(format!("{}: {target}", doc.display()));
                }
            }
        }
    }
    assert!(checked > 10, "only {checked} links found");
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

/// The Rust files of a package's sources, as paths from the repository's root (test modules
/// aside).
fn modules(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("dir").filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            modules(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().is_some_and(|n| n != "tests.rs")
        {
            let relative = path.strip_prefix(root()).expect("under the root");
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn the_architecture_names_every_module() {
    let text = std::fs::read_to_string(root().join("docs/architecture.md")).expect("doc");
    let spans = code_spans(&text);
    let mut all = Vec::new();
    for package in [
        "domain/src",
        "app/src",
        "core/src",
        "server/src",
        "frontend/src",
    ] {
        modules(&root().join(package), &mut all);
    }
    assert!(all.len() > 100, "only {} modules found", all.len());
    let unnamed: Vec<&String> = all.iter().filter(|m| !spans.contains(m)).collect();
    assert!(
        unnamed.is_empty(),
        "not in docs/architecture.md: {unnamed:#?}"
    );
}
