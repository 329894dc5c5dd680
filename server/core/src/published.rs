//! The published content: the rendered site and its search index, swapped together and at once
//! when the content is reloaded (`SIGHUP`). A request works with the version current when it
//! asked; the next one sees the new version. A content folder with a broken file is refused
//! and the running version stays.

use std::{path::Path, sync::Arc};

use domain::site::Site;

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
}

impl Published {
    /// Renders and indexes the content folder `dir`.
    pub fn load(dir: &Path) -> Result<Published, content::ContentError> {
        let site = content::load(dir)?;
        let search = SearchIndex::build(&site);
        Ok(Published {
            site: Arc::new(site),
            search: Arc::new(search),
        })
    }
}

/// The current version, shared by every request and the reloader.
#[derive(Debug, Clone)]
pub struct Content(Arc<ArcSwap<Published>>);

impl Content {
    /// Starts with `published`.
    pub fn new(published: Published) -> Content {
        Content(Arc::new(ArcSwap::from_pointee(published)))
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
        let published = Published::load(dir)?;
        let pages = published.site.len();
        self.0.store(Arc::new(published));
        Ok(pages)
    }
}
