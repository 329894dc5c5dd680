//! The dialog's state as the page carries it (`data-dialog`): what the browser side starts
//! from and the few texts it writes itself.

use crate::domain::consent::{CategorySet, Grant};

/// What the dialog's browser side starts from and the few texts it writes itself. The server
/// writes it into the page ([`DialogState::encode`], the `data-dialog` attribute) and the
/// island reads it back from there: no serialized props, no language table in the browser.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DialogState {
    /// Whether the dialog is open (no current answer, or the settings were asked for).
    pub open: bool,
    /// Whether there is a current answer.
    pub answered: bool,
    /// What it allows.
    pub granted: Grant,
    /// The optional categories offered.
    pub offered: CategorySet,
    /// Every declared service's id, in the configuration's order.
    pub ids: Vec<String>,
    /// "You have allowed:", "nothing" and "Your choice has been saved.".
    pub current: String,
    pub nothing: String,
    pub saved: String,
    /// The names of the offered categories, in their order.
    pub names: Vec<String>,
}

/// Between the fields of [`DialogState::encode`], and between the items of a list: a line
/// break and a tab, which no text here holds (they are replaced by spaces) and which an HTML
/// attribute keeps as they are.
const FIELD: char = '\n';
const ITEM: char = '\t';

impl DialogState {
    /// One string of plain fields, read back by [`DialogState::decode`].
    pub fn encode(&self) -> String {
        let clean = |text: &str| text.replace([FIELD, ITEM], " ");
        let list = |items: &[String]| {
            items
                .iter()
                .map(|i| clean(i))
                .collect::<Vec<_>>()
                .join(&ITEM.to_string())
        };
        let flag = |b: bool| if b { "1" } else { "0" }.to_owned();
        [
            flag(self.open),
            flag(self.answered),
            u64::from(self.granted).to_string(),
            self.offered.bits().to_string(),
            list(&self.ids),
            clean(&self.current),
            clean(&self.nothing),
            clean(&self.saved),
            list(&self.names),
        ]
        .join(&FIELD.to_string())
    }

    /// Reads [`DialogState::encode`]'s string; `None` if it does not read.
    pub fn decode(text: &str) -> Option<DialogState> {
        let fields: Vec<&str> = text.split(FIELD).collect();
        let [
            open,
            answered,
            granted,
            offered,
            ids,
            current,
            nothing,
            saved,
            names,
        ] = fields.as_slice()
        else {
            return None;
        };
        let list = |items: &str| -> Vec<String> {
            if items.is_empty() {
                Vec::new()
            } else {
                items.split(ITEM).map(str::to_owned).collect()
            }
        };
        Some(DialogState {
            open: *open == "1",
            answered: *answered == "1",
            granted: Grant::from(granted.parse::<u64>().ok()?),
            offered: CategorySet::from_bits(offered.parse().ok()?)?,
            ids: list(ids),
            current: (*current).to_owned(),
            nothing: (*nothing).to_owned(),
            saved: (*saved).to_owned(),
            names: list(names),
        })
    }

    /// The names of the granted optional categories, or "nothing": what follows "You have
    /// allowed:".
    pub fn allowed(&self, granted: Grant) -> String {
        let names: Vec<&str> = self
            .offered
            .iter()
            .zip(&self.names)
            .filter(|(c, _)| granted.categories.contains(*c))
            .map(|(_, name)| name.as_str())
            .collect();
        if names.is_empty() {
            self.nothing.clone()
        } else {
            names.join(", ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::consent::Category;

    #[test]
    fn the_dialog_state_reaches_the_browser_unchanged() {
        let state = DialogState {
            open: true,
            answered: true,
            granted: Grant::from(0b1_0110),
            offered: CategorySet::ALL.without(Category::Necessary),
            ids: vec!["youtube".into(), "google-ads".into()],
            current: "Du har tillåtit:".into(),
            nothing: "ingenting".into(),
            saved: "Sparat\n.".into(),
            names: vec![
                "Externa medier".into(),
                "Statistik".into(),
                "Marknadsföring".into(),
            ],
        };
        let back = DialogState::decode(&state.encode()).expect("reads");
        assert_eq!(back.saved, "Sparat .", "a separator in a text is a space");
        assert_eq!(
            DialogState {
                saved: "Sparat .".into(),
                ..state
            },
            back
        );
        assert_eq!(DialogState::decode(""), None);
        assert_eq!(DialogState::decode("1\n1\nx\n0\n\n\n\n\n"), None);
    }

    #[test]
    fn allowed_names_the_granted_optional_categories() {
        let state = DialogState {
            offered: CategorySet::ALL.without(Category::Necessary),
            nothing: "nothing".into(),
            names: vec![
                "External media".into(),
                "Statistics".into(),
                "Marketing".into(),
            ],
            ..DialogState::default()
        };
        let offered: Vec<Category> = state.offered.iter().collect();
        let grant = |cats: &[Category]| Grant {
            categories: cats.iter().fold(CategorySet::NONE, |set, c| set.with(*c)),
            ..Grant::default()
        };
        assert_eq!(state.allowed(Grant::default()), "nothing");
        assert_eq!(state.allowed(grant(&[Category::Necessary])), "nothing");
        let all = state.allowed(grant(&offered));
        assert_eq!(all, state.names.join(", "));
    }
}
