//! The admin's areas: `/admin/mail` (the queue, retry, discard, a test mail),
//! `/admin/content` (the running version, "publish everywhere", what to fix) and
//! `/admin/operators` (disable, end sessions, a new set-up link).

use std::path::Path;

use app::console::{Notice, operations as views, words};
use axum::{
    Form,
    extract::FromRef,
    extract::{
        Query, State,
        rejection::{FormRejection, QueryRejection},
    },
    response::{IntoResponse, Redirect, Response},
    routing::{MethodRouter, post},
};
use domain::{
    account::normalise_email,
    lang::Lang,
    operator::Area,
    search::{feed_url, search_url},
};
use http::StatusCode;
use portal_core::{
    content_report,
    mail::{Compose, MailKind},
    operators::{
        OperatorId,
        login::{audit_entry, send_setup_link},
    },
};
use serde::Deserialize;

use super::{Console, Operator, Stop};

/// `?done=` after a change.
#[derive(Deserialize, Default)]
pub struct Done {
    #[serde(default)]
    done: String,
}

/// A form naming one row.
#[derive(Deserialize)]
pub struct RowForm {
    id: i64,
}

fn done_notice(operator: &Operator, done: Result<Query<Done>, QueryRejection>) -> Option<Notice> {
    let t = words(operator.lang());
    match done.map(|q| q.0.done).unwrap_or_default().as_str() {
        "" => None,
        "publish" => Some(Notice::Done(t.publish_requested.into())),
        _ => Some(Notice::Done(t.done.into())),
    }
}

fn unavailable(operator: &Operator) -> impl Fn(sqlx::Error) -> Stop + '_ {
    move |e| Stop::from(operator.unavailable(e))
}

/// The mail queue's page with `status` and `notice`.
async fn mail_page(
    operator: &Operator,
    console: &Console,
    status: StatusCode,
    notice: Option<Notice>,
) -> Result<Response, Stop> {
    let entries = console
        .db
        .mail_entries(200)
        .await
        .map_err(unavailable(operator))?;
    let t = words(operator.lang());
    let mut frame = operator.frame(t.area_mail.0, Some(Area::Mail));
    frame.notice = notice;
    Ok(console.page(status, frame, views::mail(operator.lang(), entries)))
}

/// `GET /admin/mail`.
pub async fn mail(
    operator: Operator,
    State(console): State<Console>,
    done: Result<Query<Done>, QueryRejection>,
) -> Result<Response, Stop> {
    operator.may(Area::Mail)?;
    let notice = done_notice(&operator, done);
    mail_page(&operator, &console, StatusCode::OK, notice).await
}

/// `POST /admin/mail/retry` and `/admin/mail/discard`.
async fn mail_change(
    operator: Operator,
    console: Console,
    form: Result<Form<RowForm>, FormRejection>,
    retry: bool,
) -> Result<Response, Stop> {
    operator.may(Area::Mail)?;
    let t = words(operator.lang());
    let Ok(Form(form)) = form else {
        return mail_page(
            &operator,
            &console,
            StatusCode::BAD_REQUEST,
            Some(Notice::Error(t.bad_request.into())),
        )
        .await;
    };
    let now = console.clock.now();
    let changed = if retry {
        console.db.retry_mail_now(form.id, now).await
    } else {
        console.db.discard_mail(form.id, now).await
    }
    .map_err(unavailable(&operator))?;
    if !changed {
        return mail_page(
            &operator,
            &console,
            StatusCode::CONFLICT,
            Some(Notice::Error(t.mail_not_waiting.into())),
        )
        .await;
    }
    let action = if retry { "mail.retry" } else { "mail.discard" };
    operator.audit(action, format!("mail {}", form.id)).await?;
    Ok(Redirect::to(&format!("/admin/mail?done={action}")).into_response())
}

/// `POST /admin/mail/retry` (`retry`: a waiting mail goes out at the next delivery round) or
/// `/admin/mail/discard` (given up, its contents forgotten).
pub fn mail_route<S>(retry: bool) -> MethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Console: FromRef<S>,
{
    post(
        move |operator: Operator,
              State(console): State<Console>,
              form: Result<Form<RowForm>, FormRejection>| {
            mail_change(operator, console, form, retry)
        },
    )
}

/// The test mail's form.
#[derive(Deserialize)]
pub struct TestForm {
    address: String,
    #[serde(default)]
    lang: String,
}

/// `POST /admin/mail/test`: a test mail through the queue, audited without the address.
pub async fn mail_test(
    operator: Operator,
    State(console): State<Console>,
    form: Result<Form<TestForm>, FormRejection>,
) -> Result<Response, Stop> {
    operator.may(Area::Mail)?;
    let t = words(operator.lang());
    let parsed = form.ok().and_then(|Form(f)| {
        Some((
            normalise_email(&f.address).ok()?,
            Lang::from_code(&f.lang).unwrap_or(operator.lang()),
        ))
    });
    let Some((to, lang)) = parsed else {
        return mail_page(
            &operator,
            &console,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(Notice::Error(t.bad_address.into())),
        )
        .await;
    };
    let details = Compose {
        link: console.mailer.link(&lang.path("")),
        ..Compose::default()
    };
    console
        .mailer
        .queue(MailKind::Test, lang, to.as_str(), details)
        .await
        .map_err(unavailable(&operator))?;
    operator.audit("mail.test", "a test mail").await?;
    Ok(Redirect::to("/admin/mail?done=mail.test").into_response())
}

/// Whether `path` is served outside the content pages: the account pages, search, feeds,
/// the console, and files in the site folder.
fn served(site_dir: &Path, path: &str) -> bool {
    const ROOT: [&str; 5] = [
        "/sitemap.xml",
        "/robots.txt",
        "/consent",
        "/healthz",
        "/readyz",
    ];
    const PREFIXES: [&str; 4] = ["/admin", "/logos/", "/pkg/", "/api/"];
    const ACCOUNT: [&str; 7] = [
        "login", "register", "forgot", "reset", "verify", "account", "logout",
    ];
    if ROOT.contains(&path) || PREFIXES.iter().any(|p| path.starts_with(p)) {
        return true;
    }
    let in_lang = Lang::ALL.into_iter().any(|lang| {
        path == search_url(lang)
            || path == feed_url(lang)
            || ACCOUNT
                .iter()
                .any(|a| path == lang.path(a) || path.starts_with(&lang.path(&format!("{a}/"))))
    });
    if in_lang {
        return true;
    }
    let relative = path.trim_start_matches('/');
    !relative
        .split('/')
        .any(|part| part == ".." || part.is_empty())
        && site_dir.join(relative).is_file()
}

/// `GET /admin/content`.
pub async fn content(
    operator: Operator,
    State(console): State<Console>,
    done: Result<Query<Done>, QueryRejection>,
) -> Result<Response, Stop> {
    operator.may(Area::Content)?;
    let t = words(operator.lang());
    let published = console.content.current();
    let site_dir = console.site_dir.clone();
    let report = content_report::report(&published.site, |path| served(&site_dir, path));
    let view = views::ContentView {
        version: published.version.clone(),
        loaded_at: published.loaded_at,
        pages: published.site.len(),
        last: console.content.last_reload(),
        report,
    };
    let mut frame = operator.frame(t.area_content.0, Some(Area::Content));
    frame.notice = done_notice(&operator, done);
    Ok(console.page(StatusCode::OK, frame, views::content(operator.lang(), view)))
}

/// `POST /admin/content/publish`: every instance reads its content folder again.
pub async fn publish(operator: Operator, State(console): State<Console>) -> Result<Response, Stop> {
    operator.may(Area::Content)?;
    let generation = console
        .db
        .request_publish(console.clock.now())
        .await
        .map_err(unavailable(&operator))?;
    operator
        .audit("content.publish", format!("generation {generation}"))
        .await?;
    Ok(Redirect::to("/admin/content?done=publish").into_response())
}

/// The operators' page with `status` and `notice`.
async fn operators_page(
    operator: &Operator,
    console: &Console,
    status: StatusCode,
    notice: Option<Notice>,
) -> Result<Response, Stop> {
    let now = console.clock.now();
    let mut lines = Vec::new();
    for o in console
        .db
        .operators()
        .await
        .map_err(unavailable(operator))?
    {
        let sessions = console
            .db
            .operator_sessions(o.id, now)
            .await
            .map_err(unavailable(operator))?;
        lines.push(views::OperatorLine {
            operator: o,
            sessions,
        });
    }
    let t = words(operator.lang());
    let mut frame = operator.frame(t.area_operators.0, Some(Area::Operators));
    frame.notice = notice;
    Ok(console.page(status, frame, views::operators(operator.lang(), lines)))
}

/// `GET /admin/operators`.
pub async fn operators(
    operator: Operator,
    State(console): State<Console>,
    done: Result<Query<Done>, QueryRejection>,
) -> Result<Response, Stop> {
    operator.may(Area::Operators)?;
    let notice = done_notice(&operator, done);
    operators_page(&operator, &console, StatusCode::OK, notice).await
}

/// What an admin does to another operator.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Disable them (their sessions end).
    Disable,
    /// End every session of theirs.
    EndSessions,
    /// Mail a new set-up link.
    Link,
}

async fn change_operator(
    operator: Operator,
    console: Console,
    form: Result<Form<RowForm>, FormRejection>,
    change: Change,
) -> Result<Response, Stop> {
    operator.may(Area::Operators)?;
    let t = words(operator.lang());
    let Ok(Form(form)) = form else {
        return operators_page(
            &operator,
            &console,
            StatusCode::BAD_REQUEST,
            Some(Notice::Error(t.bad_request.into())),
        )
        .await;
    };
    let id = OperatorId(form.id);
    let all = console
        .db
        .operators()
        .await
        .map_err(unavailable(&operator))?;
    let Some(target) = all
        .into_iter()
        .find(|o| o.id == id && o.disabled_at.is_none())
    else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    if change == Change::Disable && target.id == operator.session.id {
        return operators_page(
            &operator,
            &console,
            StatusCode::CONFLICT,
            Some(Notice::Error(t.not_yourself.into())),
        )
        .await;
    }
    let now = console.clock.now();
    let action = match change {
        Change::Disable => {
            let email = normalise_email(&target.email)
                .map_err(|_| Stop::from(StatusCode::NOT_FOUND.into_response()))?;
            let entry = audit_entry(
                now,
                Some(operator.session.id),
                "operator.disable",
                target.email.clone(),
                &operator.masked_ip,
            );
            console
                .db
                .disable_operator(&email, &entry)
                .await
                .map_err(unavailable(&operator))?;
            "operator.disable"
        }
        Change::EndSessions => {
            console
                .db
                .end_operator_sessions(target.id)
                .await
                .map_err(unavailable(&operator))?;
            operator
                .audit("operator.end-sessions", target.email.clone())
                .await?;
            "operator.end-sessions"
        }
        Change::Link => {
            send_setup_link(&console.db, &console.mailer, &target, now)
                .await
                .map_err(|e| Stop::from(operator.unavailable(e)))?;
            operator
                .audit("operator.link", target.email.clone())
                .await?;
            "operator.link"
        }
    };
    Ok(Redirect::to(&format!("/admin/operators?done={action}")).into_response())
}

/// `POST /admin/operators/{disable,end-sessions,link}`: disabled (sessions end), every session
/// ended, or a new set-up link by mail (the earlier one ends).
pub fn operator_route<S>(change: Change) -> MethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Console: FromRef<S>,
{
    post(
        move |operator: Operator,
              State(console): State<Console>,
              form: Result<Form<RowForm>, FormRejection>| {
            change_operator(operator, console, form, change)
        },
    )
}
