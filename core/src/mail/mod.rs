//! Outgoing mail: what the site sends to companies (address verification, password reset and
//! the notes that go with them), a queue in the database, and the worker that delivers it.
//!
//! An action never talks to the mail server: it puts a finished message into the queue (in the
//! same request) and wakes the worker. The worker of any instance claims a due row for a while
//! before it sends it, so two instances never send one row at the same time, and a failed
//! delivery is tried again later with a growing delay. A mail server outage therefore delays
//! mail and loses none. Without SMTP settings each mail is written to `data_dir/outbox/` as an
//! `.eml` file instead, and its link is logged, for local development.

mod compose;
mod deliver;
mod queue;
pub mod review;

use std::{path::PathBuf, sync::Arc};

use domain::lang::Lang;
use lettre::message::Mailbox;
use serde::{Deserialize, Serialize};
use tokio::sync::Notify;

pub use compose::Compose;
pub use deliver::spawn_worker;
pub use queue::QueuedMail;

use crate::{clock::Clock, db::Db, public_url::PublicUrl, secret::Secret};

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain connection upgraded with `STARTTLS` (required; port 587 by default).
    #[default]
    Starttls,
    /// TLS from the first byte ("implicit TLS", port 465 by default).
    Tls,
    /// No encryption at all: only for a relay on the same machine or in tests (port 25).
    None,
}

/// `[mail]`: where mail goes and how hard the worker tries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MailSettings {
    /// The SMTP server's host name. Empty (the default): no mail leaves the machine; each one
    /// is written to `data_dir/outbox/` and its link logged.
    pub smtp_host: String,
    /// Its port; 0 picks the usual one for `smtp_tls` (587, 465 or 25).
    pub smtp_port: u16,
    /// `starttls` (default), `tls` or `none`.
    pub smtp_tls: SmtpTls,
    /// A PEM file with more certificate authorities to trust for the SMTP server's TLS
    /// certificate (an internal CA), besides the system's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smtp_ca_file: Option<PathBuf>,
    /// User name for SMTP authentication (empty: none).
    pub smtp_username: String,
    /// Password for SMTP authentication (`PORTAL_MAIL__SMTP_PASSWORD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smtp_password: Option<Secret>,
    /// The sender, such as `JobTech Development <no-reply@example.org>`.
    pub from: String,
    /// Seconds one delivery may take (connect, TLS, the whole exchange) before it counts as
    /// failed.
    pub timeout_seconds: u64,
    /// The first retry waits this many seconds; each next one twice as long, up to an hour.
    pub retry_base_seconds: u64,
    /// Deliveries tried before a mail is given up (logged as an error).
    pub max_attempts: u32,
    /// How often the worker looks for mail queued by other instances or due for a retry.
    pub poll_seconds: u64,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            smtp_host: String::new(),
            smtp_port: 0,
            smtp_tls: SmtpTls::Starttls,
            smtp_ca_file: None,
            smtp_username: String::new(),
            smtp_password: None,
            from: "JobTech Development <no-reply@localhost>".into(),
            timeout_seconds: 15,
            retry_base_seconds: 30,
            max_attempts: 12,
            poll_seconds: 10,
        }
    }
}

impl MailSettings {
    /// Checks the values; the error names the setting.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        if self.from.parse::<Mailbox>().is_err() {
            return Err((
                "mail.from",
                format!(
                    "must be an address such as `Name <user@example.org>`, got {:?}",
                    self.from
                ),
            ));
        }
        let positive = [
            self.timeout_seconds,
            self.retry_base_seconds,
            u64::from(self.max_attempts),
            self.poll_seconds,
        ];
        if positive.contains(&0) {
            return Err(("mail", "every duration and limit must be at least 1".into()));
        }
        if self.smtp_host.contains(['/', ' ', ':']) && !self.smtp_host.starts_with('[') {
            return Err((
                "mail.smtp_host",
                "must be a host name or address, without a port".into(),
            ));
        }
        Ok(())
    }

    /// The port to connect to.
    pub fn port(&self) -> u16 {
        match (self.smtp_port, self.smtp_tls) {
            (0, SmtpTls::Starttls) => 587,
            (0, SmtpTls::Tls) => 465,
            (0, SmtpTls::None) => 25,
            (port, _) => port,
        }
    }
}

/// What a mail is about; stored with the queued message (never its recipient in logs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    /// A new account's address: confirm it.
    Verify,
    /// Someone registered with an address that has an account already.
    AlreadyRegistered,
    /// A new contact address: confirm it before it replaces the old one.
    VerifyNewAddress,
    /// To the old address: the contact address was changed.
    AddressChanged,
    /// A password reset link.
    Reset,
    /// The password was reset (every session ended).
    PasswordReset,
    /// An operator's check that mail goes out.
    Test,
    /// A new operator's set-up link.
    OperatorSetup,
    /// A company not approved for the showcase, with the operator's reason.
    CompanyRejected,
}

impl MailKind {
    /// The name stored in the queue and used in logs and metrics.
    pub fn name(self) -> &'static str {
        match self {
            MailKind::Verify => "verify",
            MailKind::AlreadyRegistered => "already-registered",
            MailKind::VerifyNewAddress => "verify-new-address",
            MailKind::AddressChanged => "address-changed",
            MailKind::Reset => "reset",
            MailKind::PasswordReset => "password-reset",
            MailKind::Test => "test",
            MailKind::OperatorSetup => "operator-setup",
            MailKind::CompanyRejected => "company-rejected",
        }
    }
}

/// Puts mail into the queue and wakes the worker. Cheap to clone.
#[derive(Clone)]
pub struct Mailer {
    db: Db,
    clock: Arc<dyn Clock>,
    from: Mailbox,
    site_name: Arc<str>,
    public_url: PublicUrl,
    wake: Arc<Notify>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

impl Mailer {
    /// A mailer for the site `site_name` at `public_url`, sending as `from`.
    pub fn new(
        db: Db,
        clock: Arc<dyn Clock>,
        settings: &MailSettings,
        site_name: &str,
        public_url: &PublicUrl,
    ) -> Mailer {
        Mailer {
            db,
            clock,
            // Checked with the settings.
            from: settings.from.parse().unwrap_or_else(|_| {
                Mailbox::new(None, "no-reply@localhost".parse().expect("address"))
            }),
            site_name: site_name.into(),
            public_url: public_url.clone(),
            wake: Arc::new(Notify::new()),
        }
    }

    /// What the worker waits on.
    pub(crate) fn wake(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    /// An absolute link to `path` on this site.
    pub fn link(&self, path: &str) -> String {
        self.public_url.link(path)
    }

    /// Queues a mail of `kind` to `to`, written in `lang`. An address the mail library cannot
    /// use is logged (without the address) and skipped.
    pub async fn queue(
        &self,
        kind: MailKind,
        lang: Lang,
        to: &str,
        details: Compose,
    ) -> Result<(), sqlx::Error> {
        let Ok(recipient) = to.parse::<Mailbox>() else {
            tracing::warn!(
                kind = kind.name(),
                "mail not queued: the address is not usable"
            );
            return Ok(());
        };
        let link = details.link.clone();
        let message = compose::message(
            &self.from,
            recipient,
            kind,
            lang,
            &compose::Site {
                name: &self.site_name,
                url: self.public_url.as_str(),
            },
            details,
        );
        let Ok(message) = message else {
            tracing::warn!(kind = kind.name(), "mail not queued: it could not be built");
            return Ok(());
        };
        let id = self
            .db
            .queue_mail(
                kind.name(),
                to,
                &message.formatted(),
                &link,
                self.clock.now(),
            )
            .await?;
        tracing::debug!(mail = id, kind = kind.name(), "mail queued");
        metrics::counter!("portal_mail_total", "kind" => kind.name(), "outcome" => "queued")
            .increment(1);
        self.wake.notify_one();
        Ok(())
    }
}

/// What the mail needs to know about the site.
#[derive(Debug, Clone, Copy)]
pub struct SiteInfo<'a> {
    /// The site's name (the sender's name, the subjects).
    pub name: &'a str,
    /// The origin visitors use (the links).
    pub public_url: &'a PublicUrl,
    /// Where the outbox goes without SMTP.
    pub data_dir: &'a std::path::Path,
}

/// The mailer of this instance, with its worker started: SMTP when `mail.smtp_host` is set,
/// the outbox in `data_dir` otherwise.
pub fn start(
    mail: &MailSettings,
    site: SiteInfo<'_>,
    db: Db,
    clock: Arc<dyn Clock>,
) -> Result<Mailer, Box<dyn std::error::Error + Send + Sync>> {
    let mailer = Mailer::new(db.clone(), clock.clone(), mail, site.name, site.public_url);
    let mut destination = Destination::from_settings(mail, site.data_dir);
    if let Destination::Outbox { dir, log_links } = &mut destination {
        // A public (https) site logs no link: a reset link is as good as a password.
        *log_links = !site.public_url.is_https();
        if *log_links {
            tracing::info!(outbox = %dir.display(), "no SMTP server configured: mail is written to the outbox, links logged");
        } else {
            tracing::warn!(outbox = %dir.display(), "no SMTP server configured on an https site: mail is written to the outbox and nobody receives it");
        }
    }
    spawn_worker(db, clock, &mailer, destination, mail.clone())?;
    Ok(mailer)
}

/// Where the worker delivers to.
#[derive(Debug, Clone)]
pub enum Destination {
    /// An SMTP server.
    Smtp(MailSettings),
    /// Files in this folder; with `log_links`, each mail's link is logged too.
    Outbox {
        /// The folder.
        dir: PathBuf,
        /// Whether the links are logged (never on an https site).
        log_links: bool,
    },
}

impl Destination {
    /// SMTP when a host is set; the outbox in `data_dir` otherwise.
    pub fn from_settings(settings: &MailSettings, data_dir: &std::path::Path) -> Destination {
        if settings.smtp_host.trim().is_empty() {
            Destination::Outbox {
                dir: data_dir.join("outbox"),
                log_links: false,
            }
        } else {
            Destination::Smtp(settings.clone())
        }
    }
}
