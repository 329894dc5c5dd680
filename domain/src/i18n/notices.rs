//! The problems of a field (`p_…`) and the notices above a form (`n_…`), and refusals before a page.

/// The problems of a field (`p_…`) and the notices above a form (`n_…`), and refusals before a page.
#[derive(Debug)]
pub struct NoticeStrings {
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
}

/// English.
pub(super) const EN: NoticeStrings = NoticeStrings {
    p_required: "Fill in this field.",
    p_too_long: "At most this many characters:",
    p_too_short: "The password needs at least 12 characters.",
    p_email: "Enter an e-mail address, such as name@company.se.",
    p_url: "Enter a full address starting with https:// or http://.",
    p_characters: "The field contains characters that are not allowed.",
    p_too_many_links: "At most five links.",
    p_common: "This password is too common. Choose another, a long phrase works well.",
    p_wrong_password: "Wrong password.",
    p_same_password: "The new password must differ from the current one.",
    n_login_failed: "Wrong e-mail address or password.",
    n_too_many: "Too many attempts. Try again in this many minutes:",
    n_cookies_blocked: "The login worked, but your browser did not send the login cookie back. Logging in needs your browser to allow cookies from this site.",
    n_session_ended: "You are no longer logged in. Log in again.",
    n_logged_out: "You are logged out.",
    n_logged_out_everywhere: "You are logged out everywhere: every session of the account has ended, and every link mailed to it no longer works.",
    n_deleted: "The account is deleted.",
    n_saved: "The profile is saved.",
    n_password_changed: "The password is changed. Other logins were ended.",
    n_fix_fields: "Correct the marked fields.",
    n_unavailable: "The service cannot save right now. Nothing was changed; try again in a while.",
    site_forbidden_title: "The form was refused",
    form_forbidden: "The form must be sent from this site.",
    form_unreadable: "The form could not be read. Go back and try again.",
    p_same_email: "This is the account's address already.",
    n_check_email: "Check your e-mail: we have sent a link to confirm the address. You can log in now.",
    n_reset_sent: "If the address has an account, a link to choose a new password is on its way. Check your e-mail.",
    n_password_reset: "Your password is changed and every session of the account has ended. Log in with the new password.",
    n_verified: "Your e-mail address is confirmed.",
    n_email_changed: "The account's e-mail address is changed. Log in with the new address from now on.",
    n_link_sent: "A new link is on its way. Earlier links no longer work.",
    n_email_pending: "We have sent a link to the new address. The change is made when it is opened.",
    n_link_invalid: "This link does not work: it has been used, it is too old or it is incomplete. Ask for a new one.",
    n_address_taken: "The new address has an account of its own, so the change could not be made.",
};

/// Swedish.
pub(super) const SV: NoticeStrings = NoticeStrings {
    p_required: "Fyll i fältet.",
    p_too_long: "Högst så här många tecken:",
    p_too_short: "Lösenordet måste ha minst 12 tecken.",
    p_email: "Skriv en e-postadress, till exempel namn@foretag.se.",
    p_url: "Skriv en fullständig adress som börjar med https:// eller http://.",
    p_characters: "Fältet innehåller tecken som inte är tillåtna.",
    p_too_many_links: "Högst fem länkar.",
    p_common: "Lösenordet är för vanligt. Välj ett annat, gärna en lång fras.",
    p_wrong_password: "Fel lösenord.",
    p_same_password: "Det nya lösenordet måste skilja sig från det nuvarande.",
    n_login_failed: "Fel e-postadress eller lösenord.",
    n_too_many: "För många försök. Försök igen om så här många minuter:",
    n_cookies_blocked: "Inloggningen lyckades, men din webbläsare skickade inte tillbaka inloggningskakan. Inloggning kräver att webbläsaren tillåter kakor från den här webbplatsen.",
    n_session_ended: "Du är inte inloggad längre. Logga in igen.",
    n_logged_out: "Du är utloggad.",
    n_logged_out_everywhere: "Du är utloggad överallt: alla inloggningar för kontot har avslutats, och länkar som skickats till det fungerar inte längre.",
    n_deleted: "Kontot är raderat.",
    n_saved: "Profilen är sparad.",
    n_password_changed: "Lösenordet är bytt. Andra inloggningar har avslutats.",
    n_fix_fields: "Rätta fälten som är markerade.",
    n_unavailable: "Tjänsten kan inte spara just nu. Inget har ändrats; försök igen om en stund.",
    site_forbidden_title: "Formuläret avvisades",
    form_forbidden: "Formuläret måste skickas från den här webbplatsen.",
    form_unreadable: "Formuläret kunde inte läsas. Gå tillbaka och försök igen.",
    p_same_email: "Det här är redan kontots adress.",
    n_check_email: "Titta i din e-post: vi har skickat en länk för att bekräfta adressen. Du kan logga in redan nu.",
    n_reset_sent: "Om adressen har ett konto är en länk för att välja ett nytt lösenord på väg. Titta i din e-post.",
    n_password_reset: "Lösenordet är bytt och alla sessioner för kontot har avslutats. Logga in med det nya lösenordet.",
    n_verified: "Din e-postadress är bekräftad.",
    n_email_changed: "Kontots e-postadress är bytt. Logga in med den nya adressen från och med nu.",
    n_link_sent: "En ny länk är på väg. Tidigare länkar fungerar inte längre.",
    n_email_pending: "Vi har skickat en länk till den nya adressen. Ändringen görs när den öppnas.",
    n_link_invalid: "Länken fungerar inte: den är redan använd, för gammal eller ofullständig. Be om en ny.",
    n_address_taken: "Den nya adressen har ett eget konto, så ändringen kunde inte göras.",
};
