//! The operator console's words. Kept apart from the pages' `Strings`: the console is rendered
//! on the server only, so the browser build never carries them.

/// The console's words in one language.
#[derive(Debug)]
pub struct ConsoleStrings {
    /// The console's name, in titles and the header.
    pub console: &'static str,
    /// The skip link.
    pub skip: &'static str,
    /// The navigation's label.
    pub nav_label: &'static str,
    /// "Logged in as", before the address and role.
    pub logged_in_as: &'static str,
    /// The logout button.
    pub log_out: &'static str,
    /// The role names.
    pub role_admin: &'static str,
    /// See `role_admin`.
    pub role_moderator: &'static str,
    /// See `role_admin`.
    pub role_analyst: &'static str,

    /// The login page's heading.
    pub login_title: &'static str,
    /// The address field.
    pub email: &'static str,
    /// The password field.
    pub password: &'static str,
    /// The password again (set-up).
    pub confirm: &'static str,
    /// The second factor's field.
    pub code: &'static str,
    /// Its hint.
    pub code_hint: &'static str,
    /// The login button.
    pub log_in: &'static str,
    /// Any failed login.
    pub login_failed: &'static str,
    /// Too many failures: `{minutes}`.
    pub login_limited: &'static str,
    /// After logout.
    pub logged_out: &'static str,
    /// After a session timed out.
    pub session_ended: &'static str,

    /// The set-up page's heading.
    pub setup_title: &'static str,
    /// What set-up does.
    pub setup_intro: &'static str,
    /// The QR code's text alternative.
    pub setup_qr: &'static str,
    /// Before the key typed by hand.
    pub setup_key: &'static str,
    /// The save button.
    pub setup_save: &'static str,
    /// A link that no longer works.
    pub setup_link_invalid: &'static str,
    /// The passwords differ.
    pub setup_differ: &'static str,
    /// The code does not match.
    pub setup_wrong_code: &'static str,
    /// The recovery codes' heading.
    pub recovery_title: &'static str,
    /// What they are.
    pub recovery_intro: &'static str,
    /// The link to the login page.
    pub recovery_done: &'static str,

    /// The home page's heading.
    pub home_title: &'static str,
    /// A refused part of the console.
    pub forbidden: &'static str,
    /// Something failed; nothing changed.
    pub unavailable: &'static str,
    /// A form that could not be read.
    pub bad_request: &'static str,
    /// A change was made.
    pub done: &'static str,

    /// Each area's name and what it is for.
    pub area_companies: (&'static str, &'static str),
    /// See `area_companies`.
    pub area_statistics: (&'static str, &'static str),
    /// See `area_companies`.
    pub area_audit: (&'static str, &'static str),
    /// See `area_companies`.
    pub area_mail: (&'static str, &'static str),
    /// See `area_companies`.
    pub area_content: (&'static str, &'static str),
    /// See `area_companies`.
    pub area_operators: (&'static str, &'static str),

    /// Companies: the queue's heading.
    pub queue_title: &'static str,
    /// An empty queue.
    pub queue_empty: &'static str,
    /// A first publication in the queue.
    pub queue_new: &'static str,
    /// A change to a shown company in the queue.
    pub queue_changed: &'static str,
    /// The search field.
    pub find: &'static str,
    /// The search button.
    pub find_button: &'static str,
    /// No company found.
    pub none_found: &'static str,
    /// Column: company.
    pub col_company: &'static str,
    /// Column: address.
    pub col_email: &'static str,
    /// Column: waiting for.
    pub col_waiting: &'static str,
    /// Column: state.
    pub col_state: &'static str,
    /// Column: actions.
    pub col_actions: &'static str,
    /// Approve.
    pub approve: &'static str,
    /// Reject.
    pub reject: &'static str,
    /// The reason's field.
    pub reason: &'static str,
    /// A reject without a reason.
    pub reason_required: &'static str,
    /// Hide.
    pub hide: &'static str,
    /// Show.
    pub show: &'static str,
    /// End every session of a company and its mailed links.
    pub log_out_company: &'static str,
    /// `{n}` days.
    pub days: &'static str,
    /// `{n}` hours.
    pub hours: &'static str,
    /// Less than an hour.
    pub under_an_hour: &'static str,
    /// The search results' heading.
    pub results_title: &'static str,

    /// Audit: columns.
    pub col_when: &'static str,
    /// See `col_when`.
    pub col_who: &'static str,
    /// See `col_when`.
    pub col_what: &'static str,
    /// See `col_when`.
    pub col_subject: &'static str,
    /// See `col_when`.
    pub col_from: &'static str,
    /// The command line, as who.
    pub command_line: &'static str,
    /// The filter's fields.
    pub filter_action: &'static str,
    /// See `filter_action`.
    pub filter_from: &'static str,
    /// See `filter_action`.
    pub filter_to: &'static str,
    /// The filter button.
    pub filter: &'static str,
    /// CSV download.
    pub download_csv: &'static str,
    /// JSON download.
    pub download_json: &'static str,
    /// No rows.
    pub nothing: &'static str,
    /// A date that could not be read.
    pub bad_date: &'static str,

    /// Statistics: the chart's and table's caption.
    pub stats_caption: &'static str,
    /// Column: date.
    pub col_date: &'static str,
    /// Decisions: accept all.
    pub accept_all: &'static str,
    /// Decisions: reject all.
    pub reject_all: &'static str,
    /// Decisions: a choice.
    pub custom: &'static str,
    /// Decisions: a withdrawal.
    pub withdrawn: &'static str,
    /// The chart's text alternative: `{from}`, `{to}`.
    pub chart_label: &'static str,
    /// Column: total.
    pub total: &'static str,
    /// Per category granted.
    pub by_category: &'static str,
    /// Per language.
    pub by_lang: &'static str,
    /// Per policy revision.
    pub by_revision: &'static str,
    /// Column: decisions.
    pub col_decisions: &'static str,
    /// Column: share.
    pub col_share: &'static str,
    /// Column: category.
    pub col_category: &'static str,

    /// Mail: columns.
    pub col_kind: &'static str,
    /// See `col_kind`.
    pub col_attempts: &'static str,
    /// See `col_kind`.
    pub col_next: &'static str,
    /// See `col_kind`.
    pub col_error: &'static str,
    /// Retry.
    pub retry: &'static str,
    /// Discard.
    pub discard: &'static str,
    /// The test mail's heading.
    pub test_mail: &'static str,
    /// Its language field.
    pub test_lang: &'static str,
    /// Its button.
    pub send_test: &'static str,
    /// Mail states.
    pub mail_waiting: &'static str,
    /// See `mail_waiting`.
    pub mail_retrying: &'static str,
    /// See `mail_waiting`.
    pub mail_failed: &'static str,
    /// See `mail_waiting`.
    pub mail_sent: &'static str,
    /// A retry or discard that no longer applies (sent, given up, being sent).
    pub mail_not_waiting: &'static str,
    /// A test mail to an address that is not one.
    pub bad_address: &'static str,

    /// Content: the version.
    pub version: &'static str,
    /// When it was loaded.
    pub loaded_at: &'static str,
    /// The last reload's problems.
    pub last_errors: &'static str,
    /// No problems.
    pub no_errors: &'static str,
    /// The publish button.
    pub publish: &'static str,
    /// What publishing does.
    pub publish_hint: &'static str,
    /// Pages in one language only.
    pub one_language: &'static str,
    /// Internal links that lead nowhere.
    pub broken_links: &'static str,
    /// Column: page.
    pub col_page: &'static str,
    /// Column: link.
    pub col_link: &'static str,
    /// After "publish everywhere".
    pub publish_requested: &'static str,
    /// Before the report's counts when all is well.
    pub nothing_to_fix: &'static str,

    /// Operators: sessions column.
    pub col_sessions: &'static str,
    /// Column: role.
    pub col_role: &'static str,
    /// Disable.
    pub disable: &'static str,
    /// End sessions.
    pub end_sessions: &'static str,
    /// States.
    pub state_active: &'static str,
    /// See `state_active`.
    pub state_pending: &'static str,
    /// See `state_active`.
    pub state_disabled: &'static str,
    /// Send a new set-up link.
    pub send_link: &'static str,
    /// An admin cannot disable themselves.
    pub not_yourself: &'static str,
    /// How operators are added.
    pub operators_hint: &'static str,
}

/// English.
const EN: ConsoleStrings = ConsoleStrings {
    console: "Operator console",
    skip: "Skip to the content",
    nav_label: "Console",
    logged_in_as: "Logged in as",
    log_out: "Log out",
    role_admin: "administrator",
    role_moderator: "moderator",
    role_analyst: "analyst",
    login_title: "Operator login",
    email: "E-mail address",
    password: "Password",
    confirm: "Password again",
    code: "Code",
    code_hint: "The six digits your authenticator app shows, or one of your recovery codes.",
    log_in: "Log in",
    login_failed: "The address, the password or the code is wrong.",
    login_limited: "Too many failed attempts. Try again in {minutes} minutes.",
    logged_out: "You are logged out.",
    session_ended: "Your session ended. Log in again.",
    setup_title: "Set up your operator account",
    setup_intro: "Choose a password, then add the key below to an authenticator app (scan the \
                  QR code or type the key) and enter the code it shows.",
    setup_qr: "QR code with the key for your authenticator app",
    setup_key: "Or type this key:",
    setup_save: "Save",
    setup_link_invalid: "This set-up link does not work: it was used, it expired, or the \
                         account was disabled. Ask an administrator for a new one.",
    setup_differ: "The two passwords differ.",
    setup_wrong_code: "The code does not match. Check the app's clock and try the next code.",
    recovery_title: "Your recovery codes",
    recovery_intro: "Keep these codes somewhere safe. Each one works once instead of the app's \
                     code, if you lose the app. They are shown only now.",
    recovery_done: "I have kept them: log in",
    home_title: "Console",
    forbidden: "Your role does not open this part of the console.",
    unavailable: "That could not be done just now. Nothing was changed; try again later.",
    bad_request: "The form could not be read. Nothing was changed.",
    done: "Done.",
    area_companies: (
        "Companies",
        "Approve or reject companies for the showcase, hide and show them.",
    ),
    area_statistics: (
        "Consent statistics",
        "How visitors decide on cookies, per day, category, language and policy revision.",
    ),
    area_audit: (
        "Audit trail",
        "Every operator action: who, what, when and from where.",
    ),
    area_mail: (
        "Mail queue",
        "Mail waiting, retrying or given up; send a test mail.",
    ),
    area_content: (
        "Content",
        "The running content's version, publishing, and pages to fix.",
    ),
    area_operators: ("Operators", "Who runs the portal; disable an operator."),
    queue_title: "Waiting for approval",
    queue_empty: "No company is waiting.",
    queue_new: "new",
    queue_changed: "changed (the approved version is shown meanwhile)",
    find: "Company name or address",
    find_button: "Find",
    none_found: "No company matches.",
    col_company: "Company",
    col_email: "Address",
    col_waiting: "Waiting",
    col_state: "State",
    col_actions: "Actions",
    approve: "Approve",
    reject: "Reject",
    reason: "Reason (mailed to the company)",
    reason_required: "Write the reason for the rejection: the company gets it by mail.",
    hide: "Hide",
    show: "Show",
    log_out_company: "Log out everywhere",
    days: "{n} days",
    hours: "{n} hours",
    under_an_hour: "under an hour",
    results_title: "Companies found",
    col_when: "When (UTC)",
    col_who: "Who",
    col_what: "What",
    col_subject: "Subject",
    col_from: "From",
    command_line: "command line",
    filter_action: "Action starts with",
    filter_from: "From (date)",
    filter_to: "To (date)",
    filter: "Filter",
    download_csv: "Download as CSV",
    download_json: "Download as JSON",
    nothing: "Nothing to show.",
    bad_date: "A date could not be read: write it as 2026-12-31. The last 30 days are shown.",
    stats_caption: "Consent decisions per day",
    col_date: "Date",
    accept_all: "Accept all",
    reject_all: "Reject all",
    custom: "Own choice",
    withdrawn: "Withdrawn",
    chart_label: "Bar chart of the consent decisions per day from {from} to {to}; the table \
                  below gives the same numbers.",
    total: "Total",
    by_category: "Granted per category",
    by_lang: "Per language",
    by_revision: "Per policy revision",
    col_decisions: "Decisions",
    col_share: "Share",
    col_category: "Category",
    col_kind: "Kind",
    col_attempts: "Attempts",
    col_next: "Next attempt (UTC)",
    col_error: "Last error",
    retry: "Retry now",
    discard: "Discard",
    test_mail: "Send a test mail",
    test_lang: "Language",
    send_test: "Send",
    mail_waiting: "waiting",
    mail_retrying: "retrying",
    mail_failed: "given up",
    mail_sent: "sent",
    mail_not_waiting: "That mail is no longer waiting (sent, given up, or being sent now).",
    bad_address: "That is not an e-mail address.",
    version: "Version",
    loaded_at: "Loaded (UTC)",
    last_errors: "Last reload",
    no_errors: "No problems.",
    publish: "Publish everywhere",
    publish_hint: "Every instance reads the content folder again within a few seconds. A \
                   folder with a broken file is refused and the running version stays.",
    one_language: "Pages in one language only",
    broken_links: "Internal links that lead nowhere",
    col_page: "Page",
    col_link: "Link",
    publish_requested: "Publishing requested: every instance reads the content again within a \
                        few seconds. Reload this page to see the outcome.",
    nothing_to_fix: "Nothing to fix.",
    col_sessions: "Live sessions",
    col_role: "Role",
    disable: "Disable",
    end_sessions: "End sessions",
    state_active: "active",
    state_pending: "not set up",
    state_disabled: "disabled",
    send_link: "Send a new set-up link",
    not_yourself: "You cannot disable yourself; ask another administrator.",
    operators_hint: "Operators are added on the command line: server operator add ADDRESS \
                     --role admin|moderator|analyst. They get a set-up link by mail.",
};

/// Swedish.
const SV: ConsoleStrings = ConsoleStrings {
    console: "Operatörskonsol",
    skip: "Hoppa till innehållet",
    nav_label: "Konsol",
    logged_in_as: "Inloggad som",
    log_out: "Logga ut",
    role_admin: "administratör",
    role_moderator: "moderator",
    role_analyst: "analytiker",
    login_title: "Inloggning för operatörer",
    email: "E-postadress",
    password: "Lösenord",
    confirm: "Lösenordet igen",
    code: "Kod",
    code_hint: "De sex siffror som din autentiseringsapp visar, eller en av dina reservkoder.",
    log_in: "Logga in",
    login_failed: "Adressen, lösenordet eller koden är fel.",
    login_limited: "För många misslyckade försök. Försök igen om {minutes} minuter.",
    logged_out: "Du är utloggad.",
    session_ended: "Din session har tagit slut. Logga in igen.",
    setup_title: "Skapa ditt operatörskonto",
    setup_intro: "Välj ett lösenord och lägg sedan till nyckeln nedan i en autentiseringsapp \
                  (skanna QR-koden eller skriv in nyckeln) och ange koden som appen visar.",
    setup_qr: "QR-kod med nyckeln till din autentiseringsapp",
    setup_key: "Eller skriv in den här nyckeln:",
    setup_save: "Spara",
    setup_link_invalid: "Länken fungerar inte: den har använts, gått ut eller så har kontot \
                         stängts av. Be en administratör om en ny.",
    setup_differ: "De två lösenorden skiljer sig åt.",
    setup_wrong_code: "Koden stämmer inte. Kontrollera appens klocka och pröva nästa kod.",
    recovery_title: "Dina reservkoder",
    recovery_intro: "Spara koderna på ett säkert ställe. Var och en fungerar en gång i stället \
                     för appens kod om du blir av med appen. De visas bara nu.",
    recovery_done: "Jag har sparat dem: logga in",
    home_title: "Konsol",
    forbidden: "Din roll ger inte tillgång till den här delen av konsolen.",
    unavailable: "Det gick inte att genomföra just nu. Inget ändrades; försök igen senare.",
    bad_request: "Formuläret kunde inte läsas. Inget ändrades.",
    done: "Klart.",
    area_companies: (
        "Företag",
        "Godkänn eller avslå företag i galleriet, dölj och visa dem.",
    ),
    area_statistics: (
        "Samtyckesstatistik",
        "Hur besökare väljer om kakor, per dag, kategori, språk och policyversion.",
    ),
    area_audit: (
        "Granskningslogg",
        "Varje operatörsåtgärd: vem, vad, när och varifrån.",
    ),
    area_mail: (
        "E-postkö",
        "E-post som väntar, försöks igen eller har gett upp; skicka ett testmejl.",
    ),
    area_content: (
        "Innehåll",
        "Det körande innehållets version, publicering och sidor att rätta.",
    ),
    area_operators: (
        "Operatörer",
        "Vilka som driver portalen; stäng av en operatör.",
    ),
    queue_title: "Väntar på godkännande",
    queue_empty: "Inget företag väntar.",
    queue_new: "nytt",
    queue_changed: "ändrat (den godkända versionen visas under tiden)",
    find: "Företagsnamn eller adress",
    find_button: "Sök",
    none_found: "Inget företag matchar.",
    col_company: "Företag",
    col_email: "Adress",
    col_waiting: "Väntat",
    col_state: "Läge",
    col_actions: "Åtgärder",
    approve: "Godkänn",
    reject: "Avslå",
    reason: "Motivering (mejlas till företaget)",
    reason_required: "Skriv motiveringen till avslaget: företaget får den med e-post.",
    hide: "Dölj",
    show: "Visa",
    log_out_company: "Logga ut överallt",
    days: "{n} dagar",
    hours: "{n} timmar",
    under_an_hour: "under en timme",
    results_title: "Hittade företag",
    col_when: "När (UTC)",
    col_who: "Vem",
    col_what: "Vad",
    col_subject: "Gäller",
    col_from: "Varifrån",
    command_line: "kommandoraden",
    filter_action: "Åtgärden börjar med",
    filter_from: "Från (datum)",
    filter_to: "Till (datum)",
    filter: "Filtrera",
    download_csv: "Ladda ned som CSV",
    download_json: "Ladda ned som JSON",
    nothing: "Inget att visa.",
    bad_date: "Ett datum kunde inte läsas: skriv det som 2026-12-31. De senaste 30 dagarna visas.",
    stats_caption: "Samtyckesbeslut per dag",
    col_date: "Datum",
    accept_all: "Godkänn alla",
    reject_all: "Neka alla",
    custom: "Eget val",
    withdrawn: "Återkallat",
    chart_label: "Stapeldiagram över samtyckesbesluten per dag från {from} till {to}; tabellen \
                  nedan ger samma siffror.",
    total: "Totalt",
    by_category: "Godkänt per kategori",
    by_lang: "Per språk",
    by_revision: "Per policyversion",
    col_decisions: "Beslut",
    col_share: "Andel",
    col_category: "Kategori",
    col_kind: "Sort",
    col_attempts: "Försök",
    col_next: "Nästa försök (UTC)",
    col_error: "Senaste fel",
    retry: "Försök nu",
    discard: "Kasta",
    test_mail: "Skicka ett testmejl",
    test_lang: "Språk",
    send_test: "Skicka",
    mail_waiting: "väntar",
    mail_retrying: "försöks igen",
    mail_failed: "gett upp",
    mail_sent: "skickat",
    mail_not_waiting: "Mejlet väntar inte längre (skickat, gett upp eller skickas just nu).",
    bad_address: "Det är ingen e-postadress.",
    version: "Version",
    loaded_at: "Inläst (UTC)",
    last_errors: "Senaste inläsning",
    no_errors: "Inga problem.",
    publish: "Publicera överallt",
    publish_hint: "Varje instans läser innehållsmappen igen inom några sekunder. En mapp med \
                   en trasig fil avvisas och den körande versionen ligger kvar.",
    one_language: "Sidor på bara ett språk",
    broken_links: "Interna länkar som inte leder någonstans",
    col_page: "Sida",
    col_link: "Länk",
    publish_requested: "Publicering begärd: varje instans läser innehållet igen inom några \
                        sekunder. Ladda om sidan för att se utfallet.",
    nothing_to_fix: "Inget att rätta.",
    col_sessions: "Aktiva sessioner",
    col_role: "Roll",
    disable: "Stäng av",
    end_sessions: "Avsluta sessioner",
    state_active: "aktiv",
    state_pending: "inte klar",
    state_disabled: "avstängd",
    send_link: "Skicka en ny länk",
    not_yourself: "Du kan inte stänga av dig själv; be en annan administratör.",
    operators_hint: "Operatörer läggs till på kommandoraden: server operator add ADRESS \
                     --role admin|moderator|analyst. De får en länk med e-post.",
};

/// The console's words in `lang`.
pub fn console_strings(lang: super::Lang) -> &'static ConsoleStrings {
    match lang {
        super::Lang::Sv => &SV,
        super::Lang::En => &EN,
    }
}

impl ConsoleStrings {
    /// A role's name.
    pub fn role(&self, role: crate::operator::Role) -> &'static str {
        use crate::operator::Role;
        match role {
            Role::Admin => self.role_admin,
            Role::Moderator => self.role_moderator,
            Role::Analyst => self.role_analyst,
        }
    }

    /// An area's name and purpose.
    pub fn area(&self, area: crate::operator::Area) -> (&'static str, &'static str) {
        use crate::operator::Area;
        match area {
            Area::Companies => self.area_companies,
            Area::Statistics => self.area_statistics,
            Area::Audit => self.area_audit,
            Area::Mail => self.area_mail,
            Area::Content => self.area_content,
            Area::Operators => self.area_operators,
        }
    }

    /// How long something has waited, from seconds.
    pub fn age(&self, seconds: i64) -> String {
        let hours = seconds / 3600;
        if hours >= 48 {
            self.days.replace("{n}", &(hours / 24).to_string())
        } else if hours >= 1 {
            self.hours.replace("{n}", &hours.to_string())
        } else {
            self.under_an_hour.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn ages_read_in_hours_then_days() {
        let en = console_strings(Lang::En);
        assert_eq!(en.age(59 * 60), "under an hour");
        assert_eq!(en.age(3 * 3600 + 5), "3 hours");
        assert_eq!(en.age(47 * 3600), "47 hours");
        assert_eq!(en.age(5 * 86_400), "5 days");
        assert_eq!(console_strings(Lang::Sv).age(5 * 86_400), "5 dagar");
    }
}
