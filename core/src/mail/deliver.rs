//! The worker that empties the queue: one per instance, woken when this instance queues a
//! mail and every `poll_seconds` for mail queued elsewhere or due for a retry.

use std::{path::Path, sync::Arc, time::Duration};

use lettre::{
    Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor,
    address::Envelope,
    message::Mailbox,
    transport::smtp::{
        authentication::Credentials,
        client::{Certificate, Tls, TlsParameters},
    },
};

use super::{Destination, MailSettings, Mailer, QueuedMail, SmtpTls};
use crate::{clock::Clock, db::Db};

/// The longest wait between two tries of one mail.
const MAX_BACKOFF: i64 = 3600;

/// Starts the worker of this instance.
pub fn spawn_worker(
    db: Db,
    clock: Arc<dyn Clock>,
    mailer: &Mailer,
    destination: Destination,
    settings: MailSettings,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let sender = Sender::new(destination, &settings, mailer.from.clone())?;
    let wake = mailer.wake();
    let lease = i64::try_from(settings.timeout_seconds * 2 + 30).unwrap_or(i64::MAX / 4);
    let poll = Duration::from_secs(settings.poll_seconds);
    tokio::spawn(async move {
        loop {
            loop {
                match db.claim_mail(clock.now(), lease).await {
                    Ok(Some(mail)) => deliver(&db, clock.as_ref(), &sender, &settings, mail).await,
                    Ok(None) => break,
                    Err(e) => {
                        tracing::warn!(error = %e, "reading the mail queue failed");
                        break;
                    }
                }
            }
            if let Ok(waiting) = db.mail_waiting().await {
                #[allow(clippy::cast_precision_loss)]
                metrics::gauge!("portal_mail_waiting").set(waiting as f64);
            }
            tokio::select! {
                () = wake.notified() => {}
                () = tokio::time::sleep(poll) => {}
            }
        }
    });
    Ok(())
}

/// Tries one delivery and records what happened.
async fn deliver(
    db: &Db,
    clock: &dyn Clock,
    sender: &Sender,
    settings: &MailSettings,
    mail: QueuedMail,
) {
    let result = sender.send(&mail).await;
    let now = clock.now();
    let recorded = match result {
        Ok(()) => {
            tracing::info!(mail = mail.id, kind = %mail.kind, attempt = mail.attempts, "mail sent");
            metrics::counter!("portal_mail_total", "kind" => mail.kind.clone(), "outcome" => "sent")
                .increment(1);
            db.mail_sent(mail.id, now).await
        }
        Err(error) => {
            let attempts = u32::try_from(mail.attempts).unwrap_or(u32::MAX);
            let retry_at = (attempts < settings.max_attempts).then(|| {
                let base = i64::try_from(settings.retry_base_seconds).unwrap_or(MAX_BACKOFF);
                let factor = 1_i64 << attempts.saturating_sub(1).min(20);
                now + base.saturating_mul(factor).min(MAX_BACKOFF)
            });
            let outcome = if retry_at.is_some() {
                "retry"
            } else {
                "failed"
            };
            if retry_at.is_some() {
                tracing::warn!(mail = mail.id, kind = %mail.kind, attempt = mail.attempts, %error, "mail not delivered; will try again");
            } else {
                tracing::error!(mail = mail.id, kind = %mail.kind, attempt = mail.attempts, %error, "mail not delivered; given up");
            }
            metrics::counter!("portal_mail_total", "kind" => mail.kind.clone(), "outcome" => outcome)
                .increment(1);
            db.mail_failed(mail.id, now, retry_at, &error).await
        }
    };
    if let Err(e) = recorded {
        // The claim runs out and the mail is tried again: at worst it is sent twice.
        tracing::warn!(mail = mail.id, error = %e, "recording a delivery failed");
    }
}

/// Delivers one message.
enum Sender {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Address,
    },
    /// The folder, and whether the links are logged too.
    Outbox(std::path::PathBuf, bool),
}

impl Sender {
    fn new(
        destination: Destination,
        settings: &MailSettings,
        from: Mailbox,
    ) -> Result<Sender, Box<dyn std::error::Error + Send + Sync>> {
        Ok(match destination {
            Destination::Outbox { dir, log_links } => Sender::Outbox(dir, log_links),
            Destination::Smtp(s) => {
                let host = s.smtp_host.trim();
                let tls = match s.smtp_tls {
                    SmtpTls::None => Tls::None,
                    SmtpTls::Starttls => Tls::Required(tls_parameters(&s)?),
                    SmtpTls::Tls => Tls::Wrapper(tls_parameters(&s)?),
                };
                let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
                    .tls(tls)
                    .port(settings.port())
                    .timeout(Some(Duration::from_secs(settings.timeout_seconds)));
                if !s.smtp_username.is_empty() {
                    let password = s.smtp_password.as_ref().map(|p| p.expose().to_owned());
                    builder = builder.credentials(Credentials::new(
                        s.smtp_username.clone(),
                        password.unwrap_or_default(),
                    ));
                }
                Sender::Smtp {
                    transport: builder.build(),
                    from: from.email,
                }
            }
        })
    }

    /// Sends, or says why not (without the recipient's address).
    async fn send(&self, mail: &QueuedMail) -> Result<(), String> {
        match self {
            Sender::Smtp { transport, from } => {
                let to: Address = mail
                    .recipient
                    .parse()
                    .map_err(|_| "the address is not usable".to_owned())?;
                let envelope =
                    Envelope::new(Some(from.clone()), vec![to]).map_err(|e| e.to_string())?;
                let deliver = transport.send_raw(&envelope, &mail.message);
                deliver.await.map(|_| ()).map_err(|e| e.to_string())
            }
            Sender::Outbox(dir, log_links) => write_outbox(dir, mail, *log_links)
                .await
                .map_err(|e| e.to_string()),
        }
    }
}

/// TLS towards the SMTP server: its name checked against its certificate, the certificate
/// against the system's roots and the extra ones of `smtp_ca_file`.
fn tls_parameters(
    s: &MailSettings,
) -> Result<TlsParameters, Box<dyn std::error::Error + Send + Sync>> {
    let mut builder = TlsParameters::builder(s.smtp_host.trim().to_owned());
    if let Some(file) = &s.smtp_ca_file {
        let pem = std::fs::read(file)
            .map_err(|e| format!("cannot read mail.smtp_ca_file {}: {e}", file.display()))?;
        builder = builder.add_root_certificate(Certificate::from_pem(&pem)?);
    }
    Ok(builder.build_rustls()?)
}

/// Writes the mail to `dir/<id>-<kind>.eml` (whole or not at all) and logs it, with its link
/// when `log_link` (a development site: a reset link in a log is a password to whoever reads
/// the log).
async fn write_outbox(dir: &Path, mail: &QueuedMail, log_link: bool) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    let name = format!("{:08}-{}.eml", mail.id, mail.kind);
    let partial = dir.join(format!(".{name}.partial"));
    tokio::fs::write(&partial, &mail.message).await?;
    let path = dir.join(name);
    tokio::fs::rename(&partial, &path).await?;
    if log_link {
        tracing::info!(
            mail = mail.id,
            kind = %mail.kind,
            file = %path.display(),
            link = %mail.link,
            "mail written to the outbox (no SMTP server configured)"
        );
    } else {
        tracing::info!(
            mail = mail.id,
            kind = %mail.kind,
            file = %path.display(),
            "mail written to the outbox (no SMTP server configured)"
        );
    }
    Ok(())
}
