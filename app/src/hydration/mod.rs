//! Which browser bundle a page loads.
//!
//! The wasm comes in two bundles, built from the same crates:
//!
//! - the **full** bundle has every island;
//! - the **first-visit** bundle has only the islands of a content page
//!   ([`FIRST_VISIT_ISLANDS`]: the navigation's menu, the consent dialog, the footer's cookie
//!   settings, the feedback form and, on a site with scripts that wait for consent, their
//!   loader), so a visitor who reads pages downloads only those.
//!
//! The page's loader ([`Hydration`]) looks at the islands on the page and takes the
//! first-visit bundle when all of them are in it, the full one otherwise. Without a
//! first-visit bundle (a build that made none) every page takes the full one.

use std::sync::Arc;

use leptos::prelude::*;

/// The islands the first-visit bundle carries, by component name. Every other island is
/// built into the full bundle only (the app's `full` feature).
pub const FIRST_VISIT_ISLANDS: [&str; 5] = [
    "NavMenu",
    "ConsentDialog",
    "CookieSettingsLink",
    "FeedbackForm",
    "ScriptLoader",
];

/// One bundle: its JavaScript module and its wasm, as file names under `/pkg/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    /// The wasm-bindgen module (`portal.<hash>.js`).
    pub js: Arc<str>,
    /// The wasm it loads (`portal.<hash>.wasm`).
    pub wasm: Arc<str>,
}

/// The bundles a page can load, and the loader script that chooses between them (written
/// once, when the bundles are known, not for every page rendered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundles {
    /// Every island.
    pub full: Bundle,
    /// Only [`FIRST_VISIT_ISLANDS`], when the build made it.
    pub first_visit: Option<Bundle>,
    loader: Arc<str>,
}

impl Bundles {
    /// The `full` bundle and, when the build made one, the `first_visit` one.
    pub fn new(full: Bundle, first_visit: Option<Bundle>) -> Bundles {
        let quote = |s: &str| format!("{s:?}");
        let first = match &first_visit {
            Some(b) => format!("[{}, {}]", quote(&b.js), quote(&b.wasm)),
            None => "null".to_owned(),
        };
        let islands: Vec<String> = FIRST_VISIT_ISLANDS.iter().map(|i| quote(i)).collect();
        let loader = format!(
            "{}(\"/pkg\", [{}, {}], {first}, [{}]);",
            include_str!("loader.js").trim_end(),
            quote(&full.js),
            quote(&full.wasm),
            islands.join(", "),
        );
        Bundles {
            full,
            first_visit,
            loader: loader.into(),
        }
    }
}

impl Bundle {
    /// The bundle named in `manifest`, lines of `js: <file>`, `wasm: <file>` and `for: <the
    /// full bundle's wasm>` (as the first-visit build writes them); `None` when a name is
    /// missing or not a plain file name, or when it was built with another `full` bundle.
    pub fn from_manifest(manifest: &str, full: &Bundle) -> Option<Bundle> {
        let field = |key: &str| {
            manifest.lines().find_map(|line| {
                let (k, v) = line.split_once(':')?;
                let v = v.trim();
                let plain = !v.is_empty()
                    && v.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
                    && !v.starts_with('.');
                (k.trim() == key && plain).then(|| Arc::<str>::from(v))
            })
        };
        (field("for")? == full.wasm).then_some(())?;
        Some(Bundle {
            js: field("js")?,
            wasm: field("wasm")?,
        })
    }
}

/// The loader: a module script that picks the bundle for this page's islands and hydrates
/// them once the browser is idle.
#[component]
pub fn Hydration(bundles: Bundles) -> impl IntoView {
    // In islands mode only islands hydrate: the rest of the page is rendered without
    // hydration markers (as Leptos' own `HydrationScripts` does).
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let nonce = use_nonce();
    let script = bundles.loader;
    view! {
        <script type="module" nonce=nonce>
            {script}
        </script>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> Bundle {
        Bundle {
            js: "portal.f.js".into(),
            wasm: "portal.f.wasm".into(),
        }
    }

    #[test]
    fn a_manifest_names_both_files() {
        let b = Bundle::from_manifest(
            "js: portal-first.abc.js\nwasm: portal-first.abc.wasm\nfor: portal.f.wasm\n",
            &full(),
        )
        .expect("a bundle");
        assert_eq!(&*b.js, "portal-first.abc.js");
        assert_eq!(&*b.wasm, "portal-first.abc.wasm");
    }

    #[test]
    fn a_manifest_with_a_missing_or_odd_name_is_no_bundle() {
        let with =
            |lines: &str| Bundle::from_manifest(&format!("{lines}\nfor: portal.f.wasm"), &full());
        assert_eq!(with("js: a.js"), None);
        assert_eq!(with("js: ../x.js\nwasm: a.wasm"), None);
        assert_eq!(with("js: a.js\nwasm: a\".wasm"), None);
        assert_eq!(with("js: a.js\nwasm: "), None);
        assert_eq!(with(""), None);
        assert!(with("js: a.js\nwasm: a.wasm").is_some());
    }

    #[test]
    fn a_manifest_built_with_another_full_bundle_is_ignored() {
        let manifest = "js: a.js\nwasm: a.wasm\nfor: portal.old.wasm";
        assert_eq!(Bundle::from_manifest(manifest, &full()), None);
        assert_eq!(
            Bundle::from_manifest("js: a.js\nwasm: a.wasm", &full()),
            None
        );
    }
}
