//! The operators' commands: `server operator add|list|disable` and `server mail
//! list|retry|discard` (every change written to the audit trail, as done from the command
//! line), and `server consent-stats`.

use std::io::Write;

use domain::{account::normalise_email, lang::Lang, operator::Role};
use portal_core::{
    clock::{Clock, SystemClock},
    operators::{AddError, AuditEntry},
};
use server::Settings;

use crate::{ExportFormat, MailAction, OperatorAction};

/// A line of the audit trail for a change made from the command line now.
pub fn audit(action: &str, subject: String) -> AuditEntry {
    AuditEntry {
        at: SystemClock.now(),
        operator_id: None,
        action: action.to_owned(),
        subject,
        masked_ip: "-".to_owned(),
    }
}

/// Carries out `action`, writing what it did to standard output.
pub async fn run(
    settings: &Settings,
    action: OperatorAction,
) -> Result<(), Box<dyn std::error::Error>> {
    let db = server::db::Db::connect(settings.database_url(), &settings.data_dir).await?;
    let mut out = std::io::stdout().lock();
    match action {
        OperatorAction::Add { email, role, lang } => {
            let email =
                normalise_email(&email).map_err(|_| format!("not an e-mail address: {email:?}"))?;
            let role = Role::parse(&role)
                .ok_or_else(|| format!("no role {role:?}: admin, moderator or analyst"))?;
            let lang =
                Lang::from_code(&lang).ok_or_else(|| format!("no language {lang:?}: sv or en"))?;
            let entry = audit("operator.add", format!("{email} as {role}"));
            let id = db
                .add_operator(&email, role, lang, &entry)
                .await
                .map_err(|e| match e {
                    AddError::Exists => format!("{email} is an operator already").into(),
                    other => Box::<dyn std::error::Error>::from(other),
                })?;
            send_link(settings, &db, &email).await?;
            writeln!(
                out,
                "operator {id} added: {email} ({role}), not yet set up; a set-up link was mailed (it works for 24 hours)"
            )?;
        }
        OperatorAction::Link { email } => {
            let email =
                normalise_email(&email).map_err(|_| format!("not an e-mail address: {email:?}"))?;
            send_link(settings, &db, &email).await?;
            db.audit(&audit("operator.link", email.to_string())).await?;
            writeln!(
                out,
                "a new set-up link was mailed to {email} (it works for 24 hours)"
            )?;
        }
        OperatorAction::List => {
            for operator in db.operators().await? {
                let state = match (operator.disabled_at, operator.set_up) {
                    (Some(_), _) => "disabled",
                    (None, true) => "active",
                    (None, false) => "pending",
                };
                writeln!(
                    out,
                    "{}\t{}\t{state}\t{}",
                    operator.id, operator.role, operator.email
                )?;
            }
        }
        OperatorAction::Disable { email } => {
            let email =
                normalise_email(&email).map_err(|_| format!("not an e-mail address: {email:?}"))?;
            let entry = audit("operator.disable", email.to_string());
            if !db.disable_operator(&email, &entry).await? {
                return Err(format!("no active operator {email}").into());
            }
            writeln!(out, "operator {email} disabled")?;
        }
    }
    Ok(())
}

/// Mails the operator with this address a set-up link.
async fn send_link(
    settings: &Settings,
    db: &server::db::Db,
    email: &domain::account::Email,
) -> Result<(), Box<dyn std::error::Error>> {
    let operator = db
        .operator(email)
        .await?
        .filter(|o| o.disabled_at.is_none())
        .ok_or_else(|| format!("no active operator {email}"))?;
    portal_core::operators::login::send_setup_link(
        db,
        &mailer(settings, db),
        &operator,
        SystemClock.now(),
    )
    .await
    .map_err(|e| format!("the link could not be queued: {e}"))?;
    Ok(())
}

/// A mailer for the command line: it queues; a running instance delivers.
fn mailer(settings: &Settings, db: &server::db::Db) -> portal_core::mail::Mailer {
    portal_core::mail::Mailer::new(
        db.clone(),
        std::sync::Arc::new(SystemClock),
        &settings.mail,
        &settings.site_name,
        &settings.origin(),
    )
}

/// Writes the consent statistics of the last `days` days (today included) as CSV or JSON.
pub async fn consent_stats(
    settings: &Settings,
    days: i64,
    format: ExportFormat,
) -> Result<(), Box<dyn std::error::Error>> {
    use portal_core::consent_stats::DAY;
    if !(1..=3660).contains(&days) {
        return Err(format!("--days takes 1 to 3660, not {days}").into());
    }
    let db = server::db::Db::connect(settings.database_url(), &settings.data_dir).await?;
    let today = SystemClock.now().div_euclid(DAY);
    let rows = db.consent_stats(today - days + 1, today).await?;
    let mut out = std::io::stdout().lock();
    match format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        ExportFormat::Csv => {
            writeln!(out, "date,decision,lang,revision,granted,decisions")?;
            for row in rows {
                let date = time::OffsetDateTime::from_unix_timestamp(row.day * DAY)?.date();
                writeln!(
                    out,
                    "{date},{},{},{},\"{}\",{}",
                    row.decision, row.lang, row.revision, row.granted, row.decisions
                )?;
            }
        }
    }
    Ok(())
}

/// Carries out a mail queue `action`, writing what it did to standard output.
pub async fn mail(
    settings: &Settings,
    action: MailAction,
) -> Result<(), Box<dyn std::error::Error>> {
    let db = server::db::Db::connect(settings.database_url(), &settings.data_dir).await?;
    let mut out = std::io::stdout().lock();
    match action {
        MailAction::List { limit } => {
            for mail in db.mail_entries(limit.clamp(1, 1000)).await? {
                let state = serde_json::to_value(mail.state)?;
                let next = mail
                    .next_at
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "-".into());
                // Errors come from the SMTP server: one line, no tabs.
                let error: String = mail
                    .last_error
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{next}\t{error}",
                    mail.id,
                    state.as_str().unwrap_or_default(),
                    mail.kind,
                    mail.attempts
                )?;
            }
        }
        MailAction::Retry { id } => {
            if !db.retry_mail_now(id, SystemClock.now()).await? {
                return Err(
                    format!("mail {id} is not waiting (sent, given up, or no such mail)").into(),
                );
            }
            db.audit(&audit("mail.retry", format!("mail {id}"))).await?;
            writeln!(out, "mail {id} goes out at the next delivery round")?;
        }
        MailAction::Test { address, lang } => {
            let to = normalise_email(&address)
                .map_err(|_| format!("not an e-mail address: {address:?}"))?;
            let lang =
                Lang::from_code(&lang).ok_or_else(|| format!("no language {lang:?}: sv or en"))?;
            let mailer = mailer(settings, &db);
            let details = portal_core::mail::Compose {
                link: mailer.link(&lang.path("")),
                ..Default::default()
            };
            mailer
                .queue(
                    portal_core::mail::MailKind::Test,
                    lang,
                    to.as_str(),
                    details,
                )
                .await?;
            db.audit(&audit("mail.test", "a test mail".to_owned()))
                .await?;
            writeln!(
                out,
                "test mail queued; `server mail list` shows whether it went"
            )?;
        }
        MailAction::Discard { id } => {
            if !db.discard_mail(id, SystemClock.now()).await? {
                return Err(format!(
                    "mail {id} cannot be discarded (sent, given up, being sent, or no such mail)"
                )
                .into());
            }
            db.audit(&audit("mail.discard", format!("mail {id}")))
                .await?;
            writeln!(out, "mail {id} discarded")?;
        }
    }
    Ok(())
}
