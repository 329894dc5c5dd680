//! The translation layer: every UI string (not page content, which is markdown per language)
//! lives here once per language. A new string is a new field, so the compiler refuses a
//! language that lacks it.

use super::lang::Lang;

/// The UI strings of one language.
#[derive(Debug)]
pub struct Strings {
    /// Label of the button that opens and closes the navigation on narrow screens.
    pub menu: &'static str,
    /// Accessible name of the main navigation.
    pub main_navigation: &'static str,
    /// Link that skips to the main content.
    pub skip_to_content: &'static str,
    /// Accessible name of the language switcher.
    pub language: &'static str,
    /// Accessible name of the link to the home page.
    pub home: &'static str,
    /// Heading of the table of contents.
    pub on_this_page: &'static str,
    /// Label before a page's date.
    pub last_updated: &'static str,
    /// Footer link to the cookie policy.
    pub cookie_policy: &'static str,
    /// Accessible name of the footer navigation.
    pub footer_navigation: &'static str,
    /// Title of the 404 page.
    pub not_found_title: &'static str,
    /// Text of the 404 page.
    pub not_found_text: &'static str,
    /// Link from the 404 page to the home page.
    pub not_found_home: &'static str,
    /// Month names, January first.
    pub months: [&'static str; 12],
}

const SV: Strings = Strings {
    menu: "Meny",
    main_navigation: "Huvudmeny",
    skip_to_content: "Hoppa till innehållet",
    language: "Språk",
    home: "Startsida",
    on_this_page: "På den här sidan",
    last_updated: "Senast uppdaterad",
    cookie_policy: "Kakpolicy",
    footer_navigation: "Sidfot",
    not_found_title: "Sidan finns inte",
    not_found_text: "Vi hittar ingen sida på den adressen. Den kan ha flyttats eller tagits bort.",
    not_found_home: "Gå till startsidan",
    months: [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
};

const EN: Strings = Strings {
    menu: "Menu",
    main_navigation: "Main navigation",
    skip_to_content: "Skip to content",
    language: "Language",
    home: "Home",
    on_this_page: "On this page",
    last_updated: "Last updated",
    cookie_policy: "Cookie Policy",
    footer_navigation: "Footer",
    not_found_title: "Page not found",
    not_found_text: "There is no page at this address. It may have been moved or removed.",
    not_found_home: "Go to the home page",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
};

/// The UI strings for `lang`.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_differ_where_they_should() {
        let (sv, en) = (strings(Lang::Sv), strings(Lang::En));
        assert_eq!(en.menu, "Menu");
        assert_eq!(sv.menu, "Meny");
        assert_ne!(sv.not_found_title, en.not_found_title);
        assert!(
            sv.months
                .iter()
                .chain(en.months.iter())
                .all(|m| !m.is_empty())
        );
    }
}
