//! The rules a company's input must meet: e-mail, password length, web addresses, names, the
//! profile form and the `next` target after login.

use super::{Field, Problem, Profile};

/// Shortest password accepted (in characters).
pub const PASSWORD_MIN: usize = 12;
/// Longest password accepted (in characters): long enough for passphrases, short enough that
/// hashing it costs nothing extra.
pub const PASSWORD_MAX: usize = 128;
/// Longest company name.
pub const NAME_MAX: usize = 100;
/// Longest description.
pub const DESCRIPTION_MAX: usize = 1000;
/// Longest URL.
pub const URL_MAX: usize = 300;
/// Most social-media links a profile holds.
pub const SOCIAL_MAX: usize = 5;
/// Longest e-mail address (RFC 5321 path limit).
pub const EMAIL_MAX: usize = 254;

/// Text that passed its check: made only by the check, read as a `str`.
macro_rules! checked_text {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The text, owned.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

checked_text! {
    /// An e-mail address in its normal form (trimmed, lower case) and of a valid shape: made
    /// only by [`normalise_email`].
    Email
}

checked_text! {
    /// A company name that passed [`check_company`].
    CompanyName
}

/// Normalises an e-mail address (trimmed, lower case) and checks its shape: one `@`, a local
/// part, a domain with a dot, no spaces or control characters.
pub fn normalise_email(raw: &str) -> Result<Email, Problem> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err(Problem::Required);
    }
    if email.chars().count() > EMAIL_MAX {
        return Err(Problem::TooLong(EMAIL_MAX));
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(Problem::Email);
    };
    let bad_char = |c: char| c.is_whitespace() || c.is_control() || "<>\"'\\,;".contains(c);
    let ok = !local.is_empty()
        && !domain.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !email.chars().any(bad_char);
    if ok {
        Ok(Email(email))
    } else {
        Err(Problem::Email)
    }
}

/// Checks a new password's length (in characters). The common-password list is the server's.
pub fn check_password_length(password: &str) -> Result<(), Problem> {
    let n = password.chars().count();
    if n == 0 {
        Err(Problem::Required)
    } else if n < PASSWORD_MIN {
        Err(Problem::TooShort)
    } else if n > PASSWORD_MAX {
        Err(Problem::TooLong(PASSWORD_MAX))
    } else {
        Ok(())
    }
}

/// Checks a web address: `http://` or `https://`, a host with a dot (or an IP address), no
/// credentials, spaces, quotes or angle brackets. Returns it trimmed.
pub fn check_url(raw: &str) -> Result<String, Problem> {
    let url = raw.trim();
    if url.chars().count() > URL_MAX {
        return Err(Problem::TooLong(URL_MAX));
    }
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or(Problem::Url)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority
        .rsplit_once(':')
        .filter(|(_, port)| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
        .map_or(authority, |(host, _)| host);
    let host_ok = !host.is_empty()
        && host.contains('.')
        && !host.starts_with(['.', '-'])
        && !host.ends_with(['.', '-'])
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    let chars_ok = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>\"'\\`{}|^".contains(c));
    if host_ok && chars_ok {
        Ok(url.to_owned())
    } else {
        Err(Problem::Url)
    }
}

fn check_text(raw: &str, max: usize, required: bool) -> Result<String, Problem> {
    let text = raw.trim();
    if required && text.is_empty() {
        return Err(Problem::Required);
    }
    if text.chars().count() > max {
        return Err(Problem::TooLong(max));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(Problem::Characters);
    }
    Ok(text.replace("\r\n", "\n"))
}

/// Checks a company name.
pub fn check_company(raw: &str) -> Result<CompanyName, Problem> {
    let name = check_text(raw, NAME_MAX, true)?;
    if name.contains(['\n', '\t']) {
        return Err(Problem::Characters);
    }
    Ok(CompanyName(name))
}

impl Profile {
    /// Reads the account page's profile form; every problem at once.
    pub fn from_form(
        company: &str,
        description: &str,
        website: &str,
        social: &str,
        published: bool,
    ) -> Result<Profile, Vec<(Field, Problem)>> {
        let mut errors = Vec::new();
        let company = check_company(company)
            .map_err(|p| errors.push((Field::Company, p)))
            .unwrap_or_default();
        let description = check_text(description, DESCRIPTION_MAX, false)
            .map_err(|p| errors.push((Field::Description, p)))
            .unwrap_or_default();
        let website = if website.trim().is_empty() {
            None
        } else {
            check_url(website)
                .map_err(|p| errors.push((Field::Website, p)))
                .ok()
        };
        let links: Vec<&str> = social
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let mut checked = Vec::new();
        if links.len() > SOCIAL_MAX {
            errors.push((Field::Social, Problem::TooManyLinks));
        } else {
            for link in links {
                match check_url(link) {
                    Ok(url) => checked.push(url),
                    Err(p) => {
                        errors.push((Field::Social, p));
                        break;
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(Profile {
                company: company.into_string(),
                description,
                website,
                social: checked,
                published,
            })
        } else {
            Err(errors)
        }
    }
}

/// A `next` target after login: a path on this site (one leading `/`, no scheme, host,
/// backslash or control character); `None` otherwise.
pub fn safe_next(raw: &str) -> Option<String> {
    let ok = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.contains('\\')
        && !raw.chars().any(|c| c.is_control() || c.is_whitespace())
        && raw.len() <= 512;
    ok.then(|| raw.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            normalise_email("  Info@Example.SE ").map(Email::into_string),
            Ok("info@example.se".to_owned())
        );
        assert_eq!(normalise_email(""), Err(Problem::Required));
        for bad in [
            "no-at.example",
            "a@b",
            "a@@b.se",
            "@b.se",
            "a@.b.se",
            "a b@c.se",
            "a@b.se\u{0}",
            "\"a\"@b.se",
            "a@b..se",
        ] {
            assert_eq!(normalise_email(bad), Err(Problem::Email), "{bad:?}");
        }
        let long = format!("{}@example.se", "a".repeat(250));
        assert_eq!(normalise_email(&long), Err(Problem::TooLong(EMAIL_MAX)));
    }

    #[test]
    fn password_length_counts_characters() {
        assert_eq!(check_password_length(""), Err(Problem::Required));
        assert_eq!(check_password_length("short"), Err(Problem::TooShort));
        assert_eq!(
            check_password_length("åäöåäöåäöåäö"),
            Ok(()),
            "12 characters"
        );
        assert_eq!(
            check_password_length(&"x".repeat(129)),
            Err(Problem::TooLong(PASSWORD_MAX))
        );
        assert_eq!(check_password_length(&"x".repeat(128)), Ok(()));
    }

    #[test]
    fn urls_must_be_plain_http() {
        for good in [
            "https://example.se",
            "http://example.se/path?q=1#x",
            "https://www.linkedin.com/company/x",
            "https://example.se:8443/",
            "  https://example.se  ",
        ] {
            assert!(check_url(good).is_ok(), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "ftp://example.se",
            "https://",
            "https://user:pw@example.se",
            "https://exa mple.se",
            "https://example.se/\"onmouseover=x",
            "https://localhost",
            "example.se",
            "data:text/html,<script>",
            "https://.example.se",
        ] {
            assert_eq!(check_url(bad), Err(Problem::Url), "{bad}");
        }
    }

    #[test]
    fn profiles_report_every_problem() {
        let ok = Profile::from_form(
            " Acme AB ",
            "We build\r\nthings.",
            "",
            "https://x.example.se\n\nhttps://y.example.se",
            true,
        )
        .expect("valid");
        assert_eq!(ok.company, "Acme AB");
        assert_eq!(ok.description, "We build\nthings.");
        assert_eq!(ok.website, None);
        assert_eq!(ok.social.len(), 2);

        let errors = Profile::from_form("", &"x".repeat(1001), "javascript:x", "nope", false)
            .expect_err("invalid");
        let fields: Vec<Field> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                Field::Company,
                Field::Description,
                Field::Website,
                Field::Social
            ]
        );
        let many = "https://a.se\n".repeat(6);
        assert_eq!(
            Profile::from_form("A", "", "", &many, false),
            Err(vec![(Field::Social, Problem::TooManyLinks)])
        );
    }

    #[test]
    fn next_stays_on_the_site() {
        assert_eq!(safe_next("/en/account"), Some("/en/account".into()));
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "en/account",
            "/en/\naccount",
            "",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
    }
}
