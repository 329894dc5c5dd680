//! The site's frame: header, navigation, footer, sections, news, the home page, the 404 page.

/// The site's frame: header, navigation, footer, sections, news, the home page, the 404 page.
#[derive(Debug)]
pub struct SiteStrings {
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
    /// Title of the page when something the site needs does not answer.
    pub unavailable_title: &'static str,
    /// Accessible name of the breadcrumb trail.
    pub breadcrumbs: &'static str,
    /// Accessible name of the section sidebar (before the section's title).
    pub in_this_section: &'static str,
    /// Link to newer articles.
    pub newer: &'static str,
    /// Link to older articles.
    pub older: &'static str,
    /// Before "n of m" in a list's pagination.
    pub page_label: &'static str,
    /// Between two numbers: "2 of 5".
    pub of: &'static str,
    /// Label before an article's date.
    pub published: &'static str,
    /// Title of the news feed link.
    pub news_feed: &'static str,
    /// A news list without articles.
    pub no_news: &'static str,
    /// Footer: the words before the publisher's name.
    pub published_by: &'static str,
    /// Footer: the publisher's name as the cookie policy gives it.
    pub publisher_name: &'static str,
    /// Footer: the publisher's organisation number, with its label.
    pub publisher_org_number: &'static str,
    /// Footer: the publisher's postal address.
    pub publisher_address: &'static str,
    /// Footer link to the accessibility statement.
    pub accessibility: &'static str,
    /// Footer link to the contact page.
    pub contact: &'static str,
    /// Home hero: the label over the developers' call to action.
    pub hero_developers: &'static str,
    /// Home hero: the developers' call to action.
    pub hero_developers_cta: &'static str,
    /// Home hero: the label over the companies' call to action.
    pub hero_companies: &'static str,
    /// Home hero: the companies' call to action.
    pub hero_companies_cta: &'static str,
    /// Home: the heading over the cards for the main sections.
    pub home_sections: &'static str,
    /// Month names, January first.
    pub months: [&'static str; 12],
}

/// English.
pub(super) const EN: SiteStrings = SiteStrings {
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
    unavailable_title: "Temporarily unavailable",
    breadcrumbs: "Breadcrumbs",
    in_this_section: "Pages in",
    newer: "Newer articles",
    older: "Older articles",
    page_label: "Page",
    of: "of",
    published: "Published",
    news_feed: "News feed (Atom)",
    no_news: "No news yet.",
    published_by: "Published by",
    publisher_name: "Arbetsförmedlingen, the Swedish Public Employment Service",
    publisher_org_number: "Organisation number 202100-2114",
    publisher_address: "Hälsingegatan 38, 113 99 Stockholm",
    accessibility: "Accessibility",
    contact: "Contact",
    hero_developers: "For developers",
    hero_developers_cta: "Get started with the APIs",
    hero_companies: "For companies",
    hero_companies_cta: "Join the showcase",
    home_sections: "Explore the portal",
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

/// Swedish.
pub(super) const SV: SiteStrings = SiteStrings {
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
    unavailable_title: "Tillfälligt otillgängligt",
    breadcrumbs: "Du är här",
    in_this_section: "Sidor i",
    newer: "Nyare artiklar",
    older: "Äldre artiklar",
    page_label: "Sida",
    of: "av",
    published: "Publicerad",
    news_feed: "Nyhetsflöde (Atom)",
    no_news: "Inga nyheter ännu.",
    published_by: "Utgivare",
    publisher_name: "Arbetsförmedlingen",
    publisher_org_number: "Organisationsnummer 202100-2114",
    publisher_address: "Hälsingegatan 38, 113 99 Stockholm",
    accessibility: "Tillgänglighet",
    contact: "Kontakt",
    hero_developers: "För utvecklare",
    hero_developers_cta: "Kom i gång med API:erna",
    hero_companies: "För företag",
    hero_companies_cta: "Visa ert företag i galleriet",
    home_sections: "Utforska portalen",
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
