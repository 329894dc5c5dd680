//! The mails' words: a subject and paragraphs per mail, with `{company}`, `{site}` and
//! `{new_address}` (and `{reason}`) filled in when a mail is composed, and the links in their places. Kept
//! apart from the pages' `Strings`, so the browser build never carries them.

/// A paragraph of a mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailPart {
    /// Text, with placeholders.
    Text(&'static str),
    /// The mail's link (verification, reset, login or support page).
    Link,
    /// The second link (the password-reset page).
    OtherLink,
}

/// One mail: its subject and its paragraphs.
#[derive(Debug)]
pub struct MailText {
    /// The subject (the site's name is added after it).
    pub subject: &'static str,
    /// The paragraphs, in order.
    pub body: &'static [MailPart],
}

/// Every mail the site sends.
#[derive(Debug)]
pub struct MailStrings {
    /// Confirms the address of a new account.
    pub verify: MailText,
    /// To an address that registered again.
    pub already_registered: MailText,
    /// Confirms a new contact address.
    pub verify_new_address: MailText,
    /// To the old address after a change.
    pub address_changed: MailText,
    /// A password reset link.
    pub reset: MailText,
    /// After a reset: the password was changed.
    pub password_reset: MailText,
    /// An operator's check that mail goes out.
    pub test: MailText,
    /// A new operator's one-time set-up link.
    pub operator_setup: MailText,
    /// An operator did not approve the company for the showcase, with their reason.
    pub company_rejected: MailText,
}

/// English.
const EN: MailStrings = MailStrings {
    verify: MailText {
        subject: "Confirm your e-mail address",
        body: &[
            MailPart::Text(
                "{company} was registered on {site} with this e-mail address. To confirm \
                     that the address is yours, open this link within 24 hours:",
            ),
            MailPart::Link,
            MailPart::Text(
                "The company can appear on the showcase once the address is confirmed. If \
                     you did not register, ignore this message: the address stays unconfirmed \
                     and nothing more is sent.",
            ),
        ],
    },
    already_registered: MailText {
        subject: "You already have an account",
        body: &[
            MailPart::Text(
                "Someone tried to register a new account on {site} with this e-mail \
                     address, but the address already has one. Log in here:",
            ),
            MailPart::Link,
            MailPart::Text("Forgotten your password? Choose a new one here:"),
            MailPart::OtherLink,
            MailPart::Text("If it was not you, ignore this message; nothing has changed."),
        ],
    },
    verify_new_address: MailText {
        subject: "Confirm your new e-mail address",
        body: &[
            MailPart::Text(
                "The account of {company} on {site} is to use this e-mail address from now \
                     on. To confirm the change, open this link within 24 hours:",
            ),
            MailPart::Link,
            MailPart::Text(
                "Until then the account keeps its old address. If you did not ask for \
                     this, ignore this message.",
            ),
        ],
    },
    address_changed: MailText {
        subject: "Your account's e-mail address was changed",
        body: &[
            MailPart::Text(
                "The account of {company} on {site} now uses the address {new_address} to log in and \
                     to receive mail. This address is no longer connected to it.",
            ),
            MailPart::Text(
                "If you did not make this change, contact the portal's support at once:",
            ),
            MailPart::Link,
        ],
    },
    reset: MailText {
        subject: "Reset your password",
        body: &[
            MailPart::Text(
                "A new password was asked for the account of {company} on {site}. To \
                     choose one, open this link within one hour:",
            ),
            MailPart::Link,
            MailPart::Text(
                "The link works once. If you did not ask for it, ignore this message: your \
                     password stays as it is.",
            ),
        ],
    },
    password_reset: MailText {
        subject: "Your password was reset",
        body: &[
            MailPart::Text(
                "The password of the account of {company} on {site} was just reset, and \
                     everyone logged in to the account was logged out.",
            ),
            MailPart::Text(
                "If you did not do this, reset the password again at once and contact the \
                     portal's support:",
            ),
            MailPart::Link,
        ],
    },
    test: MailText {
        subject: "A test mail",
        body: &[
            MailPart::Text(
                "This mail was sent from {site} to check that its mail goes out. Nothing needs to be done.",
            ),
            MailPart::Link,
        ],
    },
    operator_setup: MailText {
        subject: "Set up your operator account",
        body: &[
            MailPart::Text(
                "You were given an operator account on {site}. To choose your password and \
                     add the second factor to an authenticator app, open this link within 24 \
                     hours. It works once:",
            ),
            MailPart::Link,
            MailPart::Text(
                "If you did not expect this, ignore the message and tell the portal's \
                     administrators.",
            ),
        ],
    },
    company_rejected: MailText {
        subject: "Your company is not shown on the showcase",
        body: &[
            MailPart::Text(
                "{company} asked to be shown on the showcase of {site}. An operator did not \
                     approve it, for this reason:",
            ),
            MailPart::Text("{reason}"),
            MailPart::Text(
                "Your account and its data are unchanged. When you change the company's \
                     details on your account page, they are reviewed again:",
            ),
            MailPart::Link,
        ],
    },
};

/// Swedish.
const SV: MailStrings = MailStrings {
    verify: MailText {
        subject: "Bekräfta din e-postadress",
        body: &[
            MailPart::Text(
                "{company} har registrerats på {site} med den här e-postadressen. Öppna \
                     länken inom 24 timmar för att bekräfta att adressen är din:",
            ),
            MailPart::Link,
            MailPart::Text(
                "Företaget kan visas i företagsgalleriet när adressen är bekräftad. Om det \
                     inte var du som registrerade dig kan du bortse från meddelandet: adressen \
                     förblir obekräftad och inget mer skickas.",
            ),
        ],
    },
    already_registered: MailText {
        subject: "Du har redan ett konto",
        body: &[
            MailPart::Text(
                "Någon försökte registrera ett nytt konto på {site} med den här \
                     e-postadressen, men adressen har redan ett konto. Logga in här:",
            ),
            MailPart::Link,
            MailPart::Text("Har du glömt lösenordet? Välj ett nytt här:"),
            MailPart::OtherLink,
            MailPart::Text("Om det inte var du kan du bortse från meddelandet; inget har ändrats."),
        ],
    },
    verify_new_address: MailText {
        subject: "Bekräfta din nya e-postadress",
        body: &[
            MailPart::Text(
                "Kontot för {company} på {site} ska använda den här e-postadressen från och \
                     med nu. Öppna länken inom 24 timmar för att bekräfta ändringen:",
            ),
            MailPart::Link,
            MailPart::Text(
                "Till dess behåller kontot sin gamla adress. Om det inte var du som bad om \
                     ändringen kan du bortse från meddelandet.",
            ),
        ],
    },
    address_changed: MailText {
        subject: "E-postadressen för ditt konto har ändrats",
        body: &[
            MailPart::Text(
                "Kontot för {company} på {site} använder nu adressen {new_address} för inloggning och \
                     e-post. Den här adressen är inte längre kopplad till kontot.",
            ),
            MailPart::Text(
                "Om det inte var du som ändrade adressen, kontakta portalens support direkt:",
            ),
            MailPart::Link,
        ],
    },
    reset: MailText {
        subject: "Återställ ditt lösenord",
        body: &[
            MailPart::Text(
                "Någon har bett om ett nytt lösenord för kontot för {company} på {site}. \
                     Öppna länken inom en timme för att välja ett:",
            ),
            MailPart::Link,
            MailPart::Text(
                "Länken fungerar en gång. Om det inte var du kan du bortse från \
                     meddelandet: ditt lösenord förblir detsamma.",
            ),
        ],
    },
    password_reset: MailText {
        subject: "Ditt lösenord har återställts",
        body: &[
            MailPart::Text(
                "Lösenordet för kontot för {company} på {site} har just återställts, och \
                     alla som var inloggade på kontot har loggats ut.",
            ),
            MailPart::Text(
                "Om det inte var du, återställ lösenordet igen direkt och kontakta \
                     portalens support:",
            ),
            MailPart::Link,
        ],
    },
    test: MailText {
        subject: "Ett testmejl",
        body: &[
            MailPart::Text(
                "Det här mejlet skickades från {site} för att pröva att dess e-post går fram. Du behöver inte göra något.",
            ),
            MailPart::Link,
        ],
    },
    operator_setup: MailText {
        subject: "Skapa ditt operatörskonto",
        body: &[
            MailPart::Text(
                "Du har fått ett operatörskonto på {site}. Öppna länken inom 24 timmar för \
                     att välja lösenord och lägga till den andra faktorn i en \
                     autentiseringsapp. Länken fungerar en gång:",
            ),
            MailPart::Link,
            MailPart::Text(
                "Om du inte väntade dig det här kan du bortse från mejlet och meddela \
                     portalens administratörer.",
            ),
        ],
    },
    company_rejected: MailText {
        subject: "Ditt företag visas inte i företagsgalleriet",
        body: &[
            MailPart::Text(
                "{company} bad om att visas i företagsgalleriet på {site}. En operatör \
                     godkände det inte, med den här motiveringen:",
            ),
            MailPart::Text("{reason}"),
            MailPart::Text(
                "Ditt konto och dess uppgifter är oförändrade. När du ändrar företagets \
                     uppgifter på din kontosida granskas de på nytt:",
            ),
            MailPart::Link,
        ],
    },
};

/// The mails' words in `lang`.
pub fn mail_strings(lang: super::Lang) -> &'static MailStrings {
    match lang {
        super::Lang::Sv => &SV,
        super::Lang::En => &EN,
    }
}
