//! The published content: the rendered site and its search index, swapped together and at once
//! when the content is reloaded (`SIGHUP`). A request works with the version current when it
//! asked; the next one sees the new version. A content folder with a broken file is refused
//! and the running version stays.

use std::{
    path::Path,
    sync::{Arc, Mutex},
};

use domain::site::Site;
use sha2::{Digest, Sha256};

use crate::clock::{Clock, SystemClock};

use crate::content;
use arc_swap::ArcSwap;

use crate::search::SearchIndex;

/// One version of the content.
#[derive(Debug)]
pub struct Published {
    /// The pages.
    pub site: Arc<Site>,
    /// Their search index.
    pub search: Arc<SearchIndex>,
    /// The version: a hash of every page as rendered (12 hex digits).
    pub version: String,
    /// When it was loaded (Unix seconds).
    pub loaded_at: i64,
}

impl Published {
    /// Renders and indexes the content folder `dir`.
    pub fn load(dir: &Path) -> Result<Published, content::ContentError> {
        let site = content::load(dir)?;
        let search = SearchIndex::build(&site);
        Ok(Published {
            version: version(&site),
            loaded_at: SystemClock.now(),
            site: Arc::new(site),
            search: Arc::new(search),
        })
    }
}

/// A hash of every page as rendered, in URL order: equal content, equal version.
fn version(site: &Site) -> String {
    let mut pages: Vec<_> = site.pages().collect();
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    let mut hash = Sha256::new();
    for page in pages {
        hash.update(page.url.as_bytes());
        hash.update([0]);
        hash.update(page.title.as_bytes());
        hash.update([0]);
        hash.update(format!("{:?}", page.body).as_bytes());
        hash.update([0]);
    }
    hash.finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// How the last reload went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LastReload {
    /// When (Unix seconds); 0 when there was none since start-up.
    pub at: i64,
    /// Its problems, one line per file, when it was refused.
    pub problems: Option<String>,
}

/// The current version, shared by every request and the reloader, and how the last reload
/// went.
#[derive(Debug, Clone)]
pub struct Content(Arc<ArcSwap<Published>>, Arc<Mutex<LastReload>>);

impl Content {
    /// Starts with `published`.
    pub fn new(published: Published) -> Content {
        Content(Arc::new(ArcSwap::from_pointee(published)), Arc::default())
    }

    /// How the last reload went.
    pub fn last_reload(&self) -> LastReload {
        self.1.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// The version current now.
    pub fn current(&self) -> Arc<Published> {
        self.0.load_full()
    }

    /// The current site.
    pub fn site(&self) -> Arc<Site> {
        self.0.load().site.clone()
    }

    /// Loads `dir` again and, when every file is fine, makes it current; otherwise the running
    /// version stays and the problems (one line per file) are returned.
    pub fn reload(&self, dir: &Path) -> Result<usize, content::ContentError> {
        let result = Published::load(dir);
        if let Ok(mut last) = self.1.lock() {
            *last = LastReload {
                at: SystemClock.now(),
                problems: result.as_ref().err().map(ToString::to_string),
            };
        }
        let published = result?;
        let pages = published.site.len();
        self.0.store(Arc::new(published));
        Ok(pages)
    }
}

/// "Publish everywhere" through the database: a counter every instance watches; when it
/// rises, each reads its content folder again.
impl crate::db::Db {
    /// Raises the content's generation (at `now`); the new generation.
    pub async fn request_publish(&self, now: i64) -> Result<i64, sqlx::Error> {
        crate::db::on_pool!(self.pool(), p => sqlx::query_scalar::<_, i64>(
            "UPDATE content_generation SET generation = generation + 1, requested_at = $1
             WHERE id = 1 RETURNING generation",
        )
        .bind(now)
        .fetch_one(p)
        .await)
    }

    /// The content's generation now.
    pub async fn content_generation(&self) -> Result<i64, sqlx::Error> {
        crate::db::on_pool!(self.pool(), p => sqlx::query_scalar::<_, i64>(
            "SELECT generation FROM content_generation WHERE id = 1",
        )
        .fetch_one(p)
        .await)
    }
}
