//! The cookie dialog, the cookie settings, embedded videos and the cookie table.

/// The cookie dialog, the cookie settings, embedded videos and the cookie table.
#[derive(Debug)]
pub struct ConsentStrings {
    /// Heading of the cookie dialog.
    pub consent_title: &'static str,
    /// Dialog text in all-or-nothing mode.
    pub consent_text_all_or_nothing: &'static str,
    /// Dialog text in granular mode.
    pub consent_text_granular: &'static str,
    /// Link to the cookie policy from the dialog.
    pub consent_read_policy: &'static str,
    /// Button that accepts every category.
    pub accept_all: &'static str,
    /// "Accept all" when Global Privacy Control keeps marketing out.
    pub accept_all_but_marketing: &'static str,
    /// Dialog note when the browser sends Global Privacy Control.
    pub consent_gpc: &'static str,
    /// Button that rejects every optional category.
    pub reject_all: &'static str,
    /// Closes the dialog without an answer.
    pub not_now: &'static str,
    /// Opens the per-category choices.
    pub choose: &'static str,
    /// Saves the per-category choices.
    pub save_choices: &'static str,
    /// Withdraws consent.
    pub withdraw: &'static str,
    /// Marks the necessary category.
    pub always_on: &'static str,
    /// Footer link that reopens the dialog.
    pub cookie_settings: &'static str,
    /// Announced when a choice is saved.
    pub consent_saved: &'static str,
    /// Dialog line naming what is granted now.
    pub consent_current: &'static str,
    /// Shown when nothing optional is granted.
    pub consent_nothing: &'static str,
    /// Name of the necessary category.
    pub category_necessary: &'static str,
    /// Name of the external media category.
    pub category_external_media: &'static str,
    /// Name of the marketing category.
    pub category_marketing: &'static str,
    /// Name of the statistics category.
    pub category_statistics: &'static str,
    /// Label of the link to a service's privacy policy.
    pub privacy_policy: &'static str,
    /// What a service keeps in the browser's storage (the cookie table's row for it).
    pub browser_storage: &'static str,
    /// How long a storage key lives.
    pub until_removed: &'static str,
    /// More than one minute.
    pub minute_many: &'static str,
    /// The consent log took as many decisions from the visitor's network as it takes in an
    /// hour.
    pub consent_too_many: &'static str,
    /// Error page text for a choice that could not be read.
    pub consent_bad_request: &'static str,
    /// Text of a video placeholder.
    pub video_notice: &'static str,
    /// Loads one video this once.
    pub load_video: &'static str,
    /// Grants external media for good.
    pub allow_external_media: &'static str,
    /// Link to the video on YouTube.
    pub watch_on_youtube: &'static str,
    /// Accessible name of an embedded video.
    pub video_title: &'static str,
    /// Error page text when a choice could not be stored.
    pub consent_unavailable: &'static str,
    /// Heading of the cookie table.
    pub cookie_table_heading: &'static str,
    /// Under the cookie table's heading in all-or-nothing mode.
    pub cookie_table_all_or_nothing: &'static str,
    /// Under the cookie table's heading in granular mode.
    pub cookie_table_granular: &'static str,
    /// Column: the cookie's name.
    pub col_cookie: &'static str,
    /// Column: who sets it.
    pub col_provider: &'static str,
    /// Column: what it is for.
    pub col_purpose: &'static str,
    /// Column: how long it lives.
    pub col_lifetime: &'static str,
    /// Column: first or third party.
    pub col_party: &'static str,
    /// A first-party cookie.
    pub first_party: &'static str,
    /// A third-party cookie.
    pub third_party: &'static str,
    /// A category that needs no consent.
    pub no_consent_needed: &'static str,
    /// A category that needs consent.
    pub consent_needed: &'static str,
    /// A session cookie's lifetime.
    pub session_lifetime: &'static str,
    /// One day, and more days (the number goes before).
    pub day_one: &'static str,
    /// More than one day.
    pub day_many: &'static str,
}

/// English.
pub(super) const EN: ConsentStrings = ConsentStrings {
    consent_title: "Cookies on this site",
    consent_text_all_or_nothing: "We would like to use cookies for logging in, to remember your choice, for embedded videos (YouTube) and for advertising (Google). Nothing is stored without your consent. You can withdraw your consent at any time under Cookie settings at the bottom of every page.",
    consent_text_granular: "Necessary cookies (login, your choice, security) keep the site working. With your consent we also use cookies for embedded videos (YouTube) and advertising (Google). You can change or withdraw your choice at any time under Cookie settings at the bottom of every page.",
    consent_read_policy: "Read the cookie policy",
    accept_all: "Accept all cookies",
    accept_all_but_marketing: "Accept all but marketing",
    consent_gpc: "Your browser sends Global Privacy Control, so we take it as a no to marketing. You can still switch it on under Choose.",
    reject_all: "Reject all",
    not_now: "Not now",
    choose: "Choose",
    save_choices: "Save choices",
    withdraw: "Withdraw consent",
    always_on: "Always on",
    cookie_settings: "Cookie settings",
    consent_saved: "Your choice has been saved.",
    consent_current: "You have accepted:",
    consent_nothing: "Only necessary cookies",
    category_necessary: "Necessary",
    category_external_media: "External media (YouTube)",
    category_marketing: "Marketing (Google)",
    category_statistics: "Statistics",
    privacy_policy: "Privacy policy",
    browser_storage: "Browser storage",
    until_removed: "Until removed",
    minute_many: "minutes",
    consent_too_many: "Too many choices came from your network just now. Please try again later.",
    consent_bad_request: "The choice could not be read. Go back and try again.",
    video_notice: "This video is shown from YouTube. If you play it, YouTube can store cookies and see your IP address.",
    load_video: "Load video",
    allow_external_media: "Always allow external media",
    watch_on_youtube: "Watch on YouTube",
    video_title: "Video from YouTube",
    consent_unavailable: "Your choice could not be saved just now. Please try again in a moment.",
    cookie_table_heading: "Cookies on this site",
    cookie_table_all_or_nothing: "The site stores none of these cookies until you have accepted cookies.",
    cookie_table_granular: "Strictly necessary cookies are stored without consent. The others are stored only once you have allowed their category.",
    col_cookie: "Cookie",
    col_provider: "Set by",
    col_purpose: "Purpose",
    col_lifetime: "Lifetime",
    col_party: "Party",
    first_party: "First party",
    third_party: "Third party",
    no_consent_needed: "no consent needed",
    consent_needed: "needs your consent",
    session_lifetime: "Until the browser closes",
    day_one: "day",
    day_many: "days",
};

/// Swedish.
pub(super) const SV: ConsentStrings = ConsentStrings {
    consent_title: "Kakor på den här webbplatsen",
    consent_text_all_or_nothing: "Vi vill använda kakor för inloggning, för att komma ihåg ditt val, för inbäddade filmer (YouTube) och för annonsering (Google). Inget sparas utan ditt samtycke. Du kan återkalla samtycket när som helst under Kakinställningar längst ned på varje sida.",
    consent_text_granular: "Nödvändiga kakor (inloggning, ditt val, säkerhet) behövs för att webbplatsen ska fungera. Med ditt samtycke använder vi också kakor för inbäddade filmer (YouTube) och annonsering (Google). Du kan ändra eller återkalla ditt val när som helst under Kakinställningar längst ned på varje sida.",
    consent_read_policy: "Läs kakpolicyn",
    accept_all: "Godkänn alla kakor",
    accept_all_but_marketing: "Godkänn alla utom marknadsföring",
    consent_gpc: "Din webbläsare skickar Global Privacy Control, så vi räknar det som ett nej till marknadsföring. Du kan ändå välja den under Välj själv.",
    reject_all: "Neka alla",
    not_now: "Inte nu",
    choose: "Välj själv",
    save_choices: "Spara val",
    withdraw: "Återkalla samtycke",
    always_on: "Alltid på",
    cookie_settings: "Kakinställningar",
    consent_saved: "Ditt val är sparat.",
    consent_current: "Du har godkänt:",
    consent_nothing: "Bara nödvändiga kakor",
    category_necessary: "Nödvändiga",
    category_external_media: "Externa medier (YouTube)",
    category_marketing: "Marknadsföring (Google)",
    category_statistics: "Statistik",
    privacy_policy: "Integritetspolicy",
    browser_storage: "Webbläsarens lagring",
    until_removed: "Tills den tas bort",
    minute_many: "minuter",
    consent_too_many: "För många val har kommit från ditt nätverk just nu. Försök igen senare.",
    consent_bad_request: "Valet kunde inte läsas. Gå tillbaka och försök igen.",
    video_notice: "Filmen visas från YouTube. Om du spelar den kan YouTube spara kakor och se din IP-adress.",
    load_video: "Visa filmen",
    allow_external_media: "Tillåt alltid externa medier",
    watch_on_youtube: "Se filmen på YouTube",
    video_title: "Film från YouTube",
    consent_unavailable: "Ditt val kunde inte sparas just nu. Försök igen om en stund.",
    cookie_table_heading: "Kakor på webbplatsen",
    cookie_table_all_or_nothing: "Webbplatsen lagrar ingen av de här kakorna förrän du har godkänt kakor.",
    cookie_table_granular: "Nödvändiga kakor lagras utan samtycke. Övriga lagras bara när du har tillåtit deras kategori.",
    col_cookie: "Kaka",
    col_provider: "Sätts av",
    col_purpose: "Syfte",
    col_lifetime: "Livslängd",
    col_party: "Part",
    first_party: "Förstapart",
    third_party: "Tredjepart",
    no_consent_needed: "kräver inte samtycke",
    consent_needed: "kräver ditt samtycke",
    session_lifetime: "Tills webbläsaren stängs",
    day_one: "dag",
    day_many: "dagar",
};
