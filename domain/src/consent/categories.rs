//! The purposes cookies and third-party services serve, and sets of them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A purpose a cookie or a third-party service serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Session, consent record, security. Described, never asked for in granular mode.
    Necessary,
    /// The site's own visitor statistics (Matomo).
    Statistics,
    /// Embedded videos (YouTube) and other content from other sites.
    ExternalMedia,
    /// Advertising (Google).
    Marketing,
}

impl Category {
    /// Every category, in the order the dialog lists them.
    pub const ALL: [Category; 4] = [
        Category::Necessary,
        Category::Statistics,
        Category::ExternalMedia,
        Category::Marketing,
    ];

    /// The categories a visitor can switch on or off (all but `necessary`).
    pub const OPTIONAL: [Category; 3] = [
        Category::Statistics,
        Category::ExternalMedia,
        Category::Marketing,
    ];

    /// The identifier used in config, forms, the cookie and the log.
    pub fn id(self) -> &'static str {
        match self {
            Category::Necessary => "necessary",
            Category::Statistics => "statistics",
            Category::ExternalMedia => "external_media",
            Category::Marketing => "marketing",
        }
    }

    /// Parses an identifier.
    pub fn from_id(id: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.id() == id)
    }

    fn bit(self) -> u8 {
        match self {
            Category::Necessary => 1,
            Category::ExternalMedia => 2,
            Category::Marketing => 4,
            Category::Statistics => 8,
        }
    }
}

/// A set of categories. Serialised as its bits; bits of no category do not deserialise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct CategorySet(u8);

impl TryFrom<u8> for CategorySet {
    type Error = &'static str;

    fn try_from(bits: u8) -> Result<Self, Self::Error> {
        CategorySet::from_bits(bits).ok_or("no such consent categories")
    }
}

impl From<CategorySet> for u8 {
    fn from(set: CategorySet) -> u8 {
        set.0
    }
}

impl CategorySet {
    /// No category.
    pub const NONE: CategorySet = CategorySet(0);
    /// Every category.
    pub const ALL: CategorySet = CategorySet(15);

    /// Only the strictly necessary category.
    pub fn necessary() -> CategorySet {
        CategorySet::NONE.with(Category::Necessary)
    }

    /// This set plus `category`.
    pub fn with(self, category: Category) -> CategorySet {
        CategorySet(self.0 | category.bit())
    }

    /// This set without `category`.
    pub fn without(self, category: Category) -> CategorySet {
        CategorySet(self.0 & !category.bit())
    }

    /// Whether `category` is in the set.
    pub fn contains(self, category: Category) -> bool {
        self.0 & category.bit() != 0
    }

    /// The categories in the set, in dialog order.
    pub fn iter(self) -> impl Iterator<Item = Category> {
        Category::ALL.into_iter().filter(move |c| self.contains(*c))
    }

    /// The categories in both sets.
    pub fn and(self, other: CategorySet) -> CategorySet {
        CategorySet(self.0 & other.0)
    }

    /// The categories not in the set.
    pub fn complement(self) -> CategorySet {
        CategorySet(!self.0 & CategorySet::ALL.0)
    }

    /// The compact form used in the cookie.
    pub fn bits(self) -> u8 {
        self.0
    }

    /// Reads the compact form; `None` for bits that name no category.
    pub fn from_bits(bits: u8) -> Option<CategorySet> {
        (bits & !CategorySet::ALL.0 == 0).then_some(CategorySet(bits))
    }
}

impl fmt::Display for CategorySet {
    /// Comma-separated ids, as in the consent log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = self.iter().map(Category::id).collect();
        f.write_str(&ids.join(","))
    }
}
