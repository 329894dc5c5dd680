//! The mails' words, in Swedish and English, as plain text with a simple HTML alternative.
//! No images, no tracking, no links but the site's own.

use domain::lang::Lang;
use lettre::{
    Message,
    message::{
        Mailbox, MultiPart,
        header::{HeaderName, HeaderValue},
    },
};

use super::MailKind;

/// What a mail needs besides its kind: the link it carries and the names it mentions.
#[derive(Debug, Clone, Default)]
pub struct Compose {
    /// The one-time link (verification, reset), or the login page.
    pub link: String,
    /// A second link (the password-reset page in notes).
    pub other_link: String,
    /// The company's name.
    pub company: String,
    /// The new contact address (in the note to the old one).
    pub new_address: String,
}

/// The site a mail comes from.
pub(super) struct Site<'a> {
    pub name: &'a str,
    pub url: &'a str,
}

/// A part of a mail's body.
enum Part {
    Text(String),
    Link(String),
}

/// Builds the message.
pub(super) fn message(
    from: &Mailbox,
    to: Mailbox,
    kind: MailKind,
    lang: Lang,
    site: &Site<'_>,
    c: Compose,
) -> Result<Message, lettre::error::Error> {
    let (subject, text, html) = bodies(kind, lang, site, c);
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(format!("{subject} | {}", site.name))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Content-Language"),
            lang.code().into(),
        ))
        .multipart(MultiPart::alternative_plain_html(text, html))
}

/// The subject, the plain text and the HTML of a mail.
fn bodies(kind: MailKind, lang: Lang, site: &Site<'_>, c: Compose) -> (String, String, String) {
    let (subject, parts) = words(kind, lang, site, c);
    let mut text = String::new();
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>",
        lang.code(),
        escape(&subject)
    );
    for part in &parts {
        match part {
            Part::Text(t) => {
                text.push_str(t);
                html.push_str(&format!("<p>{}</p>", escape(t)));
            }
            Part::Link(l) => {
                text.push_str(l);
                let l = escape(l);
                html.push_str(&format!("<p><a href=\"{l}\">{l}</a></p>"));
            }
        }
        text.push_str("\n\n");
    }
    text.push_str(&format!("-- \n{}\n{}\n", site.name, site.url));
    html.push_str(&format!(
        "<p>{}<br><a href=\"{url}\">{url}</a></p></body></html>",
        escape(site.name),
        url = escape(site.url)
    ));
    (subject, text, html)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The subject and body of a mail.
fn words(kind: MailKind, lang: Lang, site: &Site<'_>, c: Compose) -> (String, Vec<Part>) {
    use Part::{Link, Text};
    let name = site.name;
    let company = c.company;
    match (kind, lang) {
        (MailKind::Verify, Lang::En) => (
            "Confirm your e-mail address".into(),
            vec![
                Text(format!(
                    "{company} was registered on {name} with this e-mail address. To confirm \
                     that the address is yours, open this link within 24 hours:"
                )),
                Link(c.link),
                Text(
                    "The company can appear on the showcase once the address is confirmed. If \
                     you did not register, ignore this message: the address stays unconfirmed \
                     and nothing more is sent."
                        .into(),
                ),
            ],
        ),
        (MailKind::Verify, Lang::Sv) => (
            "Bekräfta din e-postadress".into(),
            vec![
                Text(format!(
                    "{company} har registrerats på {name} med den här e-postadressen. Öppna \
                     länken inom 24 timmar för att bekräfta att adressen är din:"
                )),
                Link(c.link),
                Text(
                    "Företaget kan visas i företagsgalleriet när adressen är bekräftad. Om det \
                     inte var du som registrerade dig kan du bortse från meddelandet: adressen \
                     förblir obekräftad och inget mer skickas."
                        .into(),
                ),
            ],
        ),
        (MailKind::AlreadyRegistered, Lang::En) => (
            "You already have an account".into(),
            vec![
                Text(format!(
                    "Someone tried to register a new account on {name} with this e-mail \
                     address, but the address already has one. Log in here:"
                )),
                Link(c.link),
                Text("Forgotten your password? Choose a new one here:".into()),
                Link(c.other_link),
                Text("If it was not you, ignore this message; nothing has changed.".into()),
            ],
        ),
        (MailKind::AlreadyRegistered, Lang::Sv) => (
            "Du har redan ett konto".into(),
            vec![
                Text(format!(
                    "Någon försökte registrera ett nytt konto på {name} med den här \
                     e-postadressen, men adressen har redan ett konto. Logga in här:"
                )),
                Link(c.link),
                Text("Har du glömt lösenordet? Välj ett nytt här:".into()),
                Link(c.other_link),
                Text(
                    "Om det inte var du kan du bortse från meddelandet; inget har ändrats.".into(),
                ),
            ],
        ),
        (MailKind::VerifyNewAddress, Lang::En) => (
            "Confirm your new e-mail address".into(),
            vec![
                Text(format!(
                    "The account of {company} on {name} is to use this e-mail address from now \
                     on. To confirm the change, open this link within 24 hours:"
                )),
                Link(c.link),
                Text(
                    "Until then the account keeps its old address. If you did not ask for \
                     this, ignore this message."
                        .into(),
                ),
            ],
        ),
        (MailKind::VerifyNewAddress, Lang::Sv) => (
            "Bekräfta din nya e-postadress".into(),
            vec![
                Text(format!(
                    "Kontot för {company} på {name} ska använda den här e-postadressen från och \
                     med nu. Öppna länken inom 24 timmar för att bekräfta ändringen:"
                )),
                Link(c.link),
                Text(
                    "Till dess behåller kontot sin gamla adress. Om det inte var du som bad om \
                     ändringen kan du bortse från meddelandet."
                        .into(),
                ),
            ],
        ),
        (MailKind::AddressChanged, Lang::En) => (
            "Your account's e-mail address was changed".into(),
            vec![
                Text(format!(
                    "The account of {company} on {name} now uses the address {} to log in and \
                     to receive mail. This address is no longer connected to it.",
                    c.new_address
                )),
                Text(
                    "If you did not make this change, contact the portal's support at once:".into(),
                ),
                Link(c.link),
            ],
        ),
        (MailKind::AddressChanged, Lang::Sv) => (
            "E-postadressen för ditt konto har ändrats".into(),
            vec![
                Text(format!(
                    "Kontot för {company} på {name} använder nu adressen {} för inloggning och \
                     e-post. Den här adressen är inte längre kopplad till kontot.",
                    c.new_address
                )),
                Text(
                    "Om det inte var du som ändrade adressen, kontakta portalens support direkt:"
                        .into(),
                ),
                Link(c.link),
            ],
        ),
        (MailKind::Reset, Lang::En) => (
            "Reset your password".into(),
            vec![
                Text(format!(
                    "A new password was asked for the account of {company} on {name}. To \
                     choose one, open this link within one hour:"
                )),
                Link(c.link),
                Text(
                    "The link works once. If you did not ask for it, ignore this message: your \
                     password stays as it is."
                        .into(),
                ),
            ],
        ),
        (MailKind::Reset, Lang::Sv) => (
            "Återställ ditt lösenord".into(),
            vec![
                Text(format!(
                    "Någon har bett om ett nytt lösenord för kontot för {company} på {name}. \
                     Öppna länken inom en timme för att välja ett:"
                )),
                Link(c.link),
                Text(
                    "Länken fungerar en gång. Om det inte var du kan du bortse från \
                     meddelandet: ditt lösenord förblir detsamma."
                        .into(),
                ),
            ],
        ),
        (MailKind::PasswordReset, Lang::En) => (
            "Your password was reset".into(),
            vec![
                Text(format!(
                    "The password of the account of {company} on {name} was just reset, and \
                     everyone logged in to the account was logged out."
                )),
                Text(
                    "If you did not do this, reset the password again at once and contact the \
                     portal's support:"
                        .into(),
                ),
                Link(c.link),
            ],
        ),
        (MailKind::PasswordReset, Lang::Sv) => (
            "Ditt lösenord har återställts".into(),
            vec![
                Text(format!(
                    "Lösenordet för kontot för {company} på {name} har just återställts, och \
                     alla som var inloggade på kontot har loggats ut."
                )),
                Text(
                    "Om det inte var du, återställ lösenordet igen direkt och kontakta \
                     portalens support:"
                        .into(),
                ),
                Link(c.link),
            ],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: [MailKind; 6] = [
        MailKind::Verify,
        MailKind::AlreadyRegistered,
        MailKind::VerifyNewAddress,
        MailKind::AddressChanged,
        MailKind::Reset,
        MailKind::PasswordReset,
    ];

    fn site() -> Site<'static> {
        Site {
            name: "Portal <&>",
            url: "https://portal.example",
        }
    }

    fn compose() -> Compose {
        Compose {
            link: "https://portal.example/en/verify?token=abc&x=1".into(),
            other_link: "https://portal.example/en/forgot".into(),
            company: "Acme <b>AB</b>".into(),
            new_address: "new@example.org".into(),
        }
    }

    #[test]
    fn every_mail_has_text_and_html_in_its_language() {
        for kind in KINDS {
            for lang in Lang::ALL {
                let message = message(
                    &"Portal <no-reply@portal.example>".parse().expect("from"),
                    "owner@example.org".parse().expect("to"),
                    kind,
                    lang,
                    &site(),
                    compose(),
                )
                .expect("message");
                let raw = String::from_utf8(message.formatted()).expect("utf-8");
                assert!(raw.contains("multipart/alternative"), "{kind:?}");
                assert!(raw.contains("text/plain") && raw.contains("text/html"));
                assert!(raw.contains(&format!("Content-Language: {}", lang.code())));
                assert!(raw.contains("To: owner@example.org"));
            }
        }
    }

    #[test]
    fn the_html_part_escapes_what_the_text_part_says_plainly() {
        for kind in KINDS {
            for lang in Lang::ALL {
                let (subject, text, html) = bodies(kind, lang, &site(), compose());
                assert!(!subject.is_empty());
                assert!(
                    !html.contains("<b>") && !html.contains("Portal <&>"),
                    "{kind:?}"
                );
                assert!(
                    html.contains("Portal &lt;&amp;&gt;"),
                    "{kind:?}: the site's name"
                );
                assert!(text.contains("Portal <&>"), "{kind:?}");
                assert!(
                    !html.contains("<img") && !html.contains("<script"),
                    "no tracking"
                );
                // Every link in the text is a link in the HTML, escaped.
                for word in text
                    .split_whitespace()
                    .filter(|w| w.starts_with("https://"))
                {
                    let escaped = escape(word);
                    assert!(
                        html.contains(&format!("href=\"{escaped}\"")),
                        "{kind:?}: {word}"
                    );
                }
            }
        }
        let (_, text, _) = bodies(MailKind::Verify, Lang::En, &site(), compose());
        assert!(text.contains("https://portal.example/en/verify?token=abc&x=1"));
        assert!(text.contains("Acme <b>AB</b>"));
    }
}
