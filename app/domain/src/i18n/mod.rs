//! The translation layer: every UI string (not page content, which is markdown per language)
//! lives here once per language. A new string is a new field, so the compiler refuses a
//! language that lacks it.

mod en;
mod messages;
mod sv;

use en::EN;
use sv::SV;

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
    /// Meta description of the login, account and password pages.
    pub account_pages_description: &'static str,
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
    /// Account page: the heading of the sessions part.
    pub sessions_heading: &'static str,
    /// Account page: what logging out everywhere does.
    pub sessions_text: &'static str,
    /// Account page: the button that logs out everywhere.
    pub log_out_everywhere: &'static str,
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
    /// Notice: every session and link of the account ended.
    pub n_logged_out_everywhere: &'static str,
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
    /// A form body that cannot be read (a field given twice, say).
    pub form_unreadable: &'static str,
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
    /// Account page: the company is not on the showcase (its own choice).
    pub listing_unlisted: &'static str,
    /// Account page: the company is on the showcase.
    pub listing_shown: &'static str,
    /// Account page: the publication waits for an operator's approval.
    pub listing_awaiting: &'static str,
    /// Account page: an operator took the company off the showcase.
    pub listing_hidden: &'static str,
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
    /// Heading of the search page and accessible name of the search form.
    pub search: &'static str,
    /// Label of the search field.
    pub search_label: &'static str,
    /// The search button.
    pub search_button: &'static str,
    /// Before the number of results.
    pub search_results: &'static str,
    /// No results.
    pub search_none: &'static str,
    /// Before a suggested search.
    pub search_did_you_mean: &'static str,
    /// The search page without a query.
    pub search_empty: &'static str,
    /// The search page when its results could not be computed.
    pub search_unavailable: &'static str,
    /// The section name of a company found in search.
    pub search_company: &'static str,
    /// The query was cut.
    pub search_too_long: &'static str,
    /// Link from the login page to the password reset.
    pub forgot_link: &'static str,
    /// Title of the page that sends a reset link.
    pub forgot_title: &'static str,
    /// Text of that page.
    pub forgot_intro: &'static str,
    /// Button that sends the reset link.
    pub send_reset_link: &'static str,
    /// Title of the page where a new password is chosen.
    pub reset_title: &'static str,
    /// Text of that page.
    pub reset_intro: &'static str,
    /// Button that saves the new password.
    pub reset_button: &'static str,
    /// Title of the page a verification link opens.
    pub verify_title: &'static str,
    /// Text of that page.
    pub verify_intro: &'static str,
    /// Button that confirms the address.
    pub verify_button: &'static str,
    /// Heading of the account page's address section.
    pub email_heading: &'static str,
    /// Label of the new address.
    pub new_email_label: &'static str,
    /// Hint under the new address.
    pub email_change_hint: &'static str,
    /// Label of the password that confirms an address change.
    pub email_password_label: &'static str,
    /// Button that asks for the address change.
    pub change_email: &'static str,
    /// Account page: the address is not confirmed.
    pub unverified_text: &'static str,
    /// Button that sends the verification link again.
    pub resend_button: &'static str,
    /// Account page: a new address waits for confirmation.
    pub pending_email_text: &'static str,
    /// Listing: asked to be shown, address not confirmed.
    pub listing_unverified: &'static str,
    /// Problem: the new address is the current one.
    pub p_same_email: &'static str,
    /// Notice after registration.
    pub n_check_email: &'static str,
    /// Notice after asking for a reset link.
    pub n_reset_sent: &'static str,
    /// Notice after a reset.
    pub n_password_reset: &'static str,
    /// Notice after confirming an address.
    pub n_verified: &'static str,
    /// Notice after confirming a new address.
    pub n_email_changed: &'static str,
    /// Notice after sending the verification link again.
    pub n_link_sent: &'static str,
    /// Notice after asking for an address change.
    pub n_email_pending: &'static str,
    /// Notice: the link is used, old or wrong.
    pub n_link_invalid: &'static str,
    /// Notice: the new address got an account of its own.
    pub n_address_taken: &'static str,
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
    /// A logo drawing with too many elements.
    pub l_too_complex: &'static str,
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
    /// Showcase empty state: the invitation to register.
    pub showcase_join: &'static str,
    /// Month names, January first.
    pub months: [&'static str; 12],
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
mod tests;
