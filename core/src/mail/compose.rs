//! A mail composed from its words in the i18n tables (`domain::i18n::mail`): plain text with
//! a simple HTML alternative. No images, no tracking, no links but the site's own.

use domain::{
    i18n::{MailPart, mail_strings},
    lang::Lang,
};
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
    /// An operator's reason (a rejection).
    pub reason: String,
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

/// The subject and body of a mail, from the i18n tables with the names and links filled in.
fn words(kind: MailKind, lang: Lang, site: &Site<'_>, c: Compose) -> (String, Vec<Part>) {
    let mail = mail_strings(lang);
    let text = match kind {
        MailKind::Verify => &mail.verify,
        MailKind::AlreadyRegistered => &mail.already_registered,
        MailKind::VerifyNewAddress => &mail.verify_new_address,
        MailKind::AddressChanged => &mail.address_changed,
        MailKind::Reset => &mail.reset,
        MailKind::PasswordReset => &mail.password_reset,
        MailKind::Test => &mail.test,
        MailKind::OperatorSetup => &mail.operator_setup,
        MailKind::CompanyRejected => &mail.company_rejected,
    };
    let values = [
        ("company", c.company.as_str()),
        ("site", site.name),
        ("new_address", c.new_address.as_str()),
        ("reason", c.reason.as_str()),
    ];
    let parts = text
        .body
        .iter()
        .map(|part| match part {
            MailPart::Text(t) => Part::Text(fill(t, &values)),
            MailPart::Link => Part::Link(c.link.clone()),
            MailPart::OtherLink => Part::Link(c.other_link.clone()),
        })
        .collect();
    (text.subject.to_owned(), parts)
}

/// `template` with each `{key}` of `values` replaced, in one pass: a value is never read as
/// a template (a company named `{site}` stays `{site}`).
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let known = after.find('}').and_then(|close| {
            let key = &after[..close];
            values
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v, close))
        });
        match known {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: [MailKind; 9] = [
        MailKind::Verify,
        MailKind::AlreadyRegistered,
        MailKind::VerifyNewAddress,
        MailKind::AddressChanged,
        MailKind::Reset,
        MailKind::PasswordReset,
        MailKind::Test,
        MailKind::OperatorSetup,
        MailKind::CompanyRejected,
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
            reason: "The description <i>is</i> empty.".into(),
        }
    }

    #[test]
    fn placeholders_are_filled_once_and_values_are_never_templates() {
        let values = [("company", "{site}"), ("site", "Portal")];
        assert_eq!(fill("{company} on {site}", &values), "{site} on Portal");
        assert_eq!(fill("{unknown} {", &values), "{unknown} {");
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
                let (subject, text, _) = bodies(kind, lang, &site(), compose());
                assert!(!subject.is_empty(), "{kind:?} {lang:?}");
                assert!(!text.contains(['{', '}']), "a placeholder left: {text}");
                assert!(
                    text.contains("https://"),
                    "{kind:?} {lang:?} carries its link"
                );
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
