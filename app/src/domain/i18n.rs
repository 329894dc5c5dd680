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
    /// Error page text for a choice that could not be read.
    pub consent_bad_request: &'static str,
    /// Error page text for a cross-site consent request.
    pub consent_forbidden: &'static str,
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
    /// Link and button that log in.
    pub log_in: &'static str,
    /// Button that logs out.
    pub log_out: &'static str,
    /// Link and button that register.
    pub register: &'static str,
    /// Link to the account page.
    pub account: &'static str,
    /// Accessible name of the header's account links.
    pub account_navigation: &'static str,
    /// Title of the registration page.
    pub register_title: &'static str,
    /// Text on the registration page.
    pub register_intro: &'static str,
    /// Title of the login page.
    pub login_title: &'static str,
    /// Title of the account page.
    pub account_title: &'static str,
    /// Label of the company name.
    pub company_label: &'static str,
    /// Label of the e-mail address.
    pub email_label: &'static str,
    /// Label of the password.
    pub password_label: &'static str,
    /// Hint under a new password.
    pub password_hint: &'static str,
    /// Label of the current password.
    pub current_password_label: &'static str,
    /// Label of the new password.
    pub new_password_label: &'static str,
    /// Label of the description.
    pub description_label: &'static str,
    /// Label of the website.
    pub website_label: &'static str,
    /// Label of the social-media links.
    pub social_label: &'static str,
    /// Hint under URL fields.
    pub url_hint: &'static str,
    /// Link from login to registration.
    pub no_account: &'static str,
    /// Link from registration to login.
    pub have_account: &'static str,
    /// Heading of the profile form.
    pub profile_heading: &'static str,
    /// Saves the profile.
    pub save_profile: &'static str,
    /// Heading of the password form.
    pub password_heading: &'static str,
    /// Changes the password.
    pub change_password: &'static str,
    /// Heading of the data export.
    pub export_heading: &'static str,
    /// Text of the data export.
    pub export_text: &'static str,
    /// Downloads the data.
    pub export_button: &'static str,
    /// Heading of account deletion.
    pub delete_heading: &'static str,
    /// Text of account deletion.
    pub delete_text: &'static str,
    /// Deletes the account.
    pub delete_button: &'static str,
    /// Before the company name in the header.
    pub logged_in_as: &'static str,
    /// On login and registration pages in all-or-nothing mode before consent.
    pub login_needs_consent: &'static str,
    /// Field problem: empty.
    pub p_required: &'static str,
    /// Field problem: too long (the limit follows).
    pub p_too_long: &'static str,
    /// Field problem: password too short.
    pub p_too_short: &'static str,
    /// Field problem: not an e-mail address.
    pub p_email: &'static str,
    /// Field problem: not a web address.
    pub p_url: &'static str,
    /// Field problem: control characters.
    pub p_characters: &'static str,
    /// Field problem: too many links.
    pub p_too_many_links: &'static str,
    /// Field problem: common password.
    pub p_common: &'static str,
    /// Field problem: e-mail registered.
    pub p_taken: &'static str,
    /// Field problem: wrong password.
    pub p_wrong_password: &'static str,
    /// Field problem: new equals current.
    pub p_same_password: &'static str,
    /// Any failed login.
    pub n_login_failed: &'static str,
    /// Rate limited (minutes follow).
    pub n_too_many: &'static str,
    /// Login worked, cookie never came back.
    pub n_cookies_blocked: &'static str,
    /// Session over.
    pub n_session_ended: &'static str,
    /// Logged out.
    pub n_logged_out: &'static str,
    /// Account deleted.
    pub n_deleted: &'static str,
    /// Profile saved.
    pub n_saved: &'static str,
    /// Password changed.
    pub n_password_changed: &'static str,
    /// Form has errors.
    pub n_fix_fields: &'static str,
    /// Server could not store.
    pub n_unavailable: &'static str,
    /// Title of the page refusing a cross-site form post.
    pub site_forbidden_title: &'static str,
    /// Cross-site form post.
    pub form_forbidden: &'static str,
    /// Heading of the logo section.
    pub logo_heading: &'static str,
    /// When no logo is uploaded.
    pub logo_none: &'static str,
    /// Label of the logo file input.
    pub logo_label: &'static str,
    /// Hint under the logo input.
    pub logo_hint: &'static str,
    /// Drop zone text.
    pub logo_drop: &'static str,
    /// Accessible name of the preview.
    pub logo_preview: &'static str,
    /// Uploads the logo.
    pub upload_logo: &'static str,
    /// Removes the logo.
    pub remove_logo: &'static str,
    /// Label of the upload progress bar.
    pub logo_progress: &'static str,
    /// Alt text of a logo (company name follows).
    pub logo_alt: &'static str,
    /// Showcase toggle.
    pub published_label: &'static str,
    /// Title of the page shown when the showcase cannot be read.
    pub showcase_unavailable_title: &'static str,
    /// Showcase without companies.
    pub showcase_empty: &'static str,
    /// Link text of a company website.
    pub showcase_website: &'static str,
    /// Heading of a company's social links.
    pub showcase_social: &'static str,
    /// A logo cannot be read from the storage.
    pub logo_unavailable: &'static str,
    /// Logo stored.
    pub n_logo_saved: &'static str,
    /// Logo removed.
    pub n_logo_removed: &'static str,
    /// Upload without a file.
    pub l_no_file: &'static str,
    /// Empty file.
    pub l_empty: &'static str,
    /// Too large (limit in MB follows).
    pub l_too_large: &'static str,
    /// Unsupported type.
    pub l_unsupported: &'static str,
    /// Damaged image.
    pub l_broken: &'static str,
    /// Pixel limit.
    pub l_too_many_pixels: &'static str,
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
    consent_unavailable: "Ditt val kunde inte sparas just nu. Försök igen om en stund.",
    video_notice: "Filmen visas från YouTube. Om du spelar den kan YouTube spara kakor och se din IP-adress.",
    load_video: "Visa filmen",
    allow_external_media: "Tillåt alltid externa medier",
    watch_on_youtube: "Se filmen på YouTube",
    video_title: "Film från YouTube",
    consent_title: "Kakor på den här webbplatsen",
    consent_text_all_or_nothing: "Vi vill använda kakor för inloggning, för att komma ihåg ditt val, för inbäddade filmer (YouTube) och för annonsering (Google). Inget sparas utan ditt samtycke. Du kan återkalla samtycket när som helst under Kakinställningar längst ned på varje sida.",
    consent_text_granular: "Nödvändiga kakor (inloggning, ditt val, säkerhet) behövs för att webbplatsen ska fungera. Med ditt samtycke använder vi också kakor för inbäddade filmer (YouTube) och annonsering (Google). Du kan ändra eller återkalla ditt val när som helst under Kakinställningar längst ned på varje sida.",
    consent_read_policy: "Läs kakpolicyn",
    accept_all: "Godkänn alla kakor",
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
    consent_bad_request: "Valet kunde inte läsas. Gå tillbaka och försök igen.",
    consent_forbidden: "Ändringar av samtycke måste göras på den här webbplatsen.",
    accept_all_but_marketing: "Godkänn alla utom marknadsföring",
    consent_gpc: "Din webbläsare skickar Global Privacy Control, så vi räknar det som ett nej till marknadsföring. Du kan ändå välja den under Välj själv.",
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
    log_in: "Logga in",
    log_out: "Logga ut",
    register: "Registrera",
    account: "Konto",
    account_navigation: "Konto",
    register_title: "Registrera ditt företag",
    register_intro: "Registrerade företag kan presentera sin tjänst och publicera sin logotyp på webbplatsen.",
    login_title: "Logga in",
    account_title: "Ditt konto",
    company_label: "Företagets namn",
    email_label: "Kontaktadress (e-post)",
    password_label: "Lösenord",
    password_hint: "Minst 12 och högst 128 tecken. Vanliga lösenord godtas inte.",
    current_password_label: "Nuvarande lösenord",
    new_password_label: "Nytt lösenord",
    description_label: "Beskrivning",
    website_label: "Webbplats",
    social_label: "Länkar till sociala medier (en per rad)",
    url_hint: "Adresser som börjar med https:// eller http://.",
    no_account: "Inget konto ännu? Registrera ditt företag",
    have_account: "Redan registrerad? Logga in",
    profile_heading: "Företagsprofil",
    save_profile: "Spara profilen",
    password_heading: "Byt lösenord",
    change_password: "Byt lösenord",
    export_heading: "Dina uppgifter",
    export_text: "Ladda ned allt webbplatsen har sparat om ditt företag som en JSON-fil.",
    export_button: "Ladda ned uppgifterna (JSON)",
    delete_heading: "Radera kontot",
    delete_text: "Kontot, profilen och alla inloggningar raderas direkt och kan inte återställas. Bekräfta med ditt lösenord.",
    delete_button: "Radera kontot för gott",
    logged_in_as: "Inloggad som",
    login_needs_consent: "Inloggning kräver kakor. Godkänn kakor för att logga in eller registrera dig.",
    p_required: "Fyll i fältet.",
    p_too_long: "Högst så här många tecken:",
    p_too_short: "Lösenordet måste ha minst 12 tecken.",
    p_email: "Skriv en e-postadress, till exempel namn@foretag.se.",
    p_url: "Skriv en fullständig adress som börjar med https:// eller http://.",
    p_characters: "Fältet innehåller tecken som inte är tillåtna.",
    p_too_many_links: "Högst fem länkar.",
    p_common: "Lösenordet är för vanligt. Välj ett annat, gärna en lång fras.",
    p_taken: "Det finns redan ett konto med den här adressen. Logga in i stället.",
    p_wrong_password: "Fel lösenord.",
    p_same_password: "Det nya lösenordet måste skilja sig från det nuvarande.",
    n_login_failed: "Fel e-postadress eller lösenord.",
    n_too_many: "För många försök. Försök igen om så här många minuter:",
    n_cookies_blocked: "Inloggningen lyckades, men din webbläsare skickade inte tillbaka inloggningskakan. Inloggning kräver att webbläsaren tillåter kakor från den här webbplatsen.",
    n_session_ended: "Du är inte inloggad längre. Logga in igen.",
    n_logged_out: "Du är utloggad.",
    n_deleted: "Kontot är raderat.",
    n_saved: "Profilen är sparad.",
    n_password_changed: "Lösenordet är bytt. Andra inloggningar har avslutats.",
    n_fix_fields: "Rätta fälten som är markerade.",
    n_unavailable: "Tjänsten kan inte spara just nu. Inget har ändrats; försök igen om en stund.",
    site_forbidden_title: "Formuläret avvisades",
    form_forbidden: "Formuläret måste skickas från den här webbplatsen.",
    logo_heading: "Logotyp",
    logo_none: "Ingen logotyp uppladdad ännu.",
    logo_label: "Logotypfil (PNG, JPEG, WebP eller SVG)",
    logo_hint: "Bilden sparas som PNG inom 512 × 512 bildpunkter; bildens metadata tas bort. Största filstorlek i MB:",
    logo_drop: "eller släpp en fil här",
    logo_preview: "Förhandsvisning",
    upload_logo: "Ladda upp logotypen",
    remove_logo: "Ta bort logotypen",
    logo_progress: "Uppladdning",
    logo_alt: "Logotyp för",
    published_label: "Visa företaget i företagsgalleriet",
    showcase_unavailable_title: "Företagsgalleriet är inte tillgängligt",
    showcase_empty: "Inga företag visas här ännu.",
    showcase_website: "Webbplats",
    showcase_social: "Sociala medier",
    logo_unavailable: "Logotypen kan inte visas just nu. Försök igen om en stund.",
    n_logo_saved: "Logotypen är sparad.",
    n_logo_removed: "Logotypen är borttagen.",
    l_no_file: "Välj en bildfil först.",
    l_empty: "Filen är tom.",
    l_too_large: "Filen är för stor. Största tillåtna storlek är",
    l_unsupported: "Filen är inte en PNG-, JPEG-, WebP- eller SVG-bild.",
    l_broken: "Bilden är skadad eller går inte att läsa.",
    l_too_many_pixels: "Bilden är för stor: högst 4096 × 4096 bildpunkter.",
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
    consent_unavailable: "Your choice could not be saved just now. Please try again in a moment.",
    video_notice: "This video is shown from YouTube. If you play it, YouTube can store cookies and see your IP address.",
    load_video: "Load video",
    allow_external_media: "Always allow external media",
    watch_on_youtube: "Watch on YouTube",
    video_title: "Video from YouTube",
    consent_title: "Cookies on this site",
    consent_text_all_or_nothing: "We would like to use cookies for logging in, to remember your choice, for embedded videos (YouTube) and for advertising (Google). Nothing is stored without your consent. You can withdraw your consent at any time under Cookie settings at the bottom of every page.",
    consent_text_granular: "Necessary cookies (login, your choice, security) keep the site working. With your consent we also use cookies for embedded videos (YouTube) and advertising (Google). You can change or withdraw your choice at any time under Cookie settings at the bottom of every page.",
    consent_read_policy: "Read the cookie policy",
    accept_all: "Accept all cookies",
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
    consent_bad_request: "The choice could not be read. Go back and try again.",
    consent_forbidden: "Consent can only be changed on this site.",
    accept_all_but_marketing: "Accept all but marketing",
    consent_gpc: "Your browser sends Global Privacy Control, so we take it as a no to marketing. You can still switch it on under Choose.",
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
    log_in: "Log in",
    log_out: "Log out",
    register: "Register",
    account: "Account",
    account_navigation: "Account",
    register_title: "Register your company",
    register_intro: "Registered companies can present their service and publish their logo on the site.",
    login_title: "Log in",
    account_title: "Your account",
    company_label: "Company name",
    email_label: "Contact e-mail",
    password_label: "Password",
    password_hint: "At least 12 and at most 128 characters. Common passwords are refused.",
    current_password_label: "Current password",
    new_password_label: "New password",
    description_label: "Description",
    website_label: "Website",
    social_label: "Social media links (one per line)",
    url_hint: "Addresses starting with https:// or http://.",
    no_account: "No account yet? Register your company",
    have_account: "Already registered? Log in",
    profile_heading: "Company profile",
    save_profile: "Save profile",
    password_heading: "Change password",
    change_password: "Change password",
    export_heading: "Your data",
    export_text: "Download everything the site holds about your company as a JSON file.",
    export_button: "Download the data (JSON)",
    delete_heading: "Delete the account",
    delete_text: "The account, its profile and every login session are deleted at once and cannot be restored. Confirm with your password.",
    delete_button: "Delete the account for good",
    logged_in_as: "Logged in as",
    login_needs_consent: "Logging in needs cookies. Accept cookies to log in or register.",
    p_required: "Fill in this field.",
    p_too_long: "At most this many characters:",
    p_too_short: "The password needs at least 12 characters.",
    p_email: "Enter an e-mail address, such as name@company.se.",
    p_url: "Enter a full address starting with https:// or http://.",
    p_characters: "The field contains characters that are not allowed.",
    p_too_many_links: "At most five links.",
    p_common: "This password is too common. Choose another, a long phrase works well.",
    p_taken: "An account with this address exists. Log in instead.",
    p_wrong_password: "Wrong password.",
    p_same_password: "The new password must differ from the current one.",
    n_login_failed: "Wrong e-mail address or password.",
    n_too_many: "Too many attempts. Try again in this many minutes:",
    n_cookies_blocked: "The login worked, but your browser did not send the login cookie back. Logging in needs your browser to allow cookies from this site.",
    n_session_ended: "You are no longer logged in. Log in again.",
    n_logged_out: "You are logged out.",
    n_deleted: "The account is deleted.",
    n_saved: "The profile is saved.",
    n_password_changed: "The password is changed. Other logins were ended.",
    n_fix_fields: "Correct the marked fields.",
    n_unavailable: "The service cannot save right now. Nothing was changed; try again in a while.",
    site_forbidden_title: "The form was refused",
    form_forbidden: "The form must be sent from this site.",
    logo_heading: "Logo",
    logo_none: "No logo uploaded yet.",
    logo_label: "Logo file (PNG, JPEG, WebP or SVG)",
    logo_hint: "The image is stored as a PNG within 512 × 512 pixels; its metadata is removed. Largest file size in MB:",
    logo_drop: "or drop a file here",
    logo_preview: "Preview",
    upload_logo: "Upload the logo",
    remove_logo: "Remove the logo",
    logo_progress: "Upload",
    logo_alt: "Logo of",
    published_label: "Show the company on the showcase",
    showcase_unavailable_title: "The showcase is unavailable",
    showcase_empty: "No companies are shown here yet.",
    showcase_website: "Website",
    showcase_social: "Social media",
    logo_unavailable: "The logo cannot be shown right now. Try again in a while.",
    n_logo_saved: "The logo is saved.",
    n_logo_removed: "The logo is removed.",
    l_no_file: "Choose an image file first.",
    l_empty: "The file is empty.",
    l_too_large: "The file is too large. The largest size allowed is",
    l_unsupported: "The file is not a PNG, JPEG, WebP or SVG image.",
    l_broken: "The image is damaged or cannot be read.",
    l_too_many_pixels: "The image is too large: at most 4096 × 4096 pixels.",
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

impl Strings {
    /// The message for a field's problem.
    pub fn problem(&self, problem: super::account::Problem) -> String {
        use super::account::Problem;
        match problem {
            Problem::Required => self.p_required.into(),
            Problem::TooLong(n) => format!("{} {n}.", self.p_too_long),
            Problem::TooShort => self.p_too_short.into(),
            Problem::Email => self.p_email.into(),
            Problem::Url => self.p_url.into(),
            Problem::Characters => self.p_characters.into(),
            Problem::TooManyLinks => self.p_too_many_links.into(),
            Problem::CommonPassword => self.p_common.into(),
            Problem::EmailTaken => self.p_taken.into(),
            Problem::WrongPassword => self.p_wrong_password.into(),
            Problem::SamePassword => self.p_same_password.into(),
        }
    }

    /// The text of a form notice.
    pub fn notice(&self, notice: super::account::Notice) -> String {
        use super::account::Notice;
        match notice {
            Notice::LoginFailed => self.n_login_failed.into(),
            Notice::TooManyAttempts(secs) => {
                format!("{} {}.", self.n_too_many, secs.div_ceil(60).max(1))
            }
            Notice::NeedsConsent => self.login_needs_consent.into(),
            Notice::CookiesBlocked => self.n_cookies_blocked.into(),
            Notice::SessionEnded => self.n_session_ended.into(),
            Notice::LoggedOut => self.n_logged_out.into(),
            Notice::Deleted => self.n_deleted.into(),
            Notice::Saved => self.n_saved.into(),
            Notice::PasswordChanged => self.n_password_changed.into(),
            Notice::FixFields => self.n_fix_fields.into(),
            Notice::Unavailable => self.n_unavailable.into(),
            Notice::LogoSaved => self.n_logo_saved.into(),
            Notice::LogoRemoved => self.n_logo_removed.into(),
            Notice::Logo(problem) => self.logo_problem(problem),
        }
    }

    /// The message for a refused upload.
    pub fn logo_problem(&self, problem: super::logo::LogoProblem) -> String {
        use super::logo::LogoProblem;
        match problem {
            LogoProblem::NoFile => self.l_no_file.into(),
            LogoProblem::Empty => self.l_empty.into(),
            LogoProblem::TooLarge(bytes) => {
                format!("{} {} MB.", self.l_too_large, megabytes(bytes))
            }
            LogoProblem::Unsupported => self.l_unsupported.into(),
            LogoProblem::Broken => self.l_broken.into(),
            LogoProblem::TooManyPixels => self.l_too_many_pixels.into(),
        }
    }

    /// A cookie's lifetime: a number of days, or until the browser closes.
    pub fn lifetime(&self, days: Option<u32>) -> String {
        match days {
            None => self.session_lifetime.to_owned(),
            Some(1) => format!("1 {}", self.day_one),
            Some(n) => format!("{n} {}", self.day_many),
        }
    }

    /// The name of a consent category.
    pub fn category(&self, category: super::consent::Category) -> &'static str {
        use super::consent::Category;
        match category {
            Category::Necessary => self.category_necessary,
            Category::ExternalMedia => self.category_external_media,
            Category::Marketing => self.category_marketing,
        }
    }
}

/// Bytes as megabytes with at most one decimal (`2`, `0.5`).
pub fn megabytes(bytes: u64) -> String {
    let tenths = (bytes as f64 / (1024.0 * 1024.0) * 10.0).round() / 10.0;
    format!("{tenths}")
}

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
        assert_eq!(en.lifetime(Some(1)), "1 day");
        assert_eq!(sv.lifetime(Some(182)), "182 dagar");
        assert_eq!(en.lifetime(None), "Until the browser closes");
        assert_eq!(
            en.logo_problem(super::super::logo::LogoProblem::TooLarge(2 * 1024 * 1024)),
            "The file is too large. The largest size allowed is 2 MB."
        );
        assert_eq!(megabytes(512 * 1024), "0.5");
        assert!(
            sv.months
                .iter()
                .chain(en.months.iter())
                .all(|m| !m.is_empty())
        );
    }
}
