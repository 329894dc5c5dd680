//! The operator console's words: what each one is (here) and the two languages (`en.rs`,
//! `sv.rs`). Kept apart from the pages' `Strings`: the console is rendered on the server only,
//! so the browser build never carries them.

mod en;
mod sv;

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

/// The console's words in `lang`.
pub fn console_strings(lang: super::Lang) -> &'static ConsoleStrings {
    match lang {
        super::Lang::Sv => &sv::SV,
        super::Lang::En => &en::EN,
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
