//! `/admin/companies`: the approval queue, finding a company, and the decisions.

use app::console::{Notice, companies as views, words};
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
use domain::{account::AccountId, operator::Area};
use http::StatusCode;
use portal_core::operators::{
    companies::{self as core, Decision, check_reason},
    login::audit_entry,
};
use serde::Deserialize;

use super::{Console, Operator, Stop};

/// The page's query: a search, or the decision just made.
#[derive(Deserialize, Default)]
pub struct CompaniesQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    done: String,
}

/// The most companies a search lists.
const FOUND_MAX: i64 = 100;

/// `GET /admin/companies`.
pub async fn page(
    operator: Operator,
    State(console): State<Console>,
    query: Result<Query<CompaniesQuery>, QueryRejection>,
) -> Result<Response, Stop> {
    operator.may(Area::Companies)?;
    let query = query.map(|q| q.0).unwrap_or_default();
    let notice = (!query.done.is_empty()).then(|| Notice::Done(words(operator.lang()).done.into()));
    Ok(render(&operator, &console, StatusCode::OK, query.q, notice).await)
}

async fn render(
    operator: &Operator,
    console: &Console,
    status: StatusCode,
    q: String,
    notice: Option<Notice>,
) -> Response {
    let queue = match console.db.review_queue().await {
        Ok(queue) => queue,
        Err(e) => return operator.unavailable(e),
    };
    let found = if q.trim().is_empty() {
        None
    } else {
        match console.db.find_companies(&q, FOUND_MAX).await {
            Ok(found) => Some(found),
            Err(e) => return operator.unavailable(e),
        }
    };
    let t = words(operator.lang());
    let mut frame = operator.frame(t.area_companies.0, Some(Area::Companies));
    frame.notice = notice;
    let view = views::CompaniesView {
        require_approval: console.require_approval,
        now: console.clock.now(),
        queue,
        query: q,
        found,
    };
    console.page(status, frame, views::page(operator.lang(), view))
}

/// A decision's form: the company, and a rejection's reason.
#[derive(Deserialize)]
pub struct DecisionForm {
    id: i64,
    #[serde(default)]
    reason: String,
}

/// Carries out `decision` from its form.
async fn decide(
    operator: Operator,
    console: Console,
    form: Result<Form<DecisionForm>, FormRejection>,
    decision: Decision,
) -> Result<Response, Stop> {
    operator.may(Area::Companies)?;
    let t = words(operator.lang());
    let Ok(Form(form)) = form else {
        let notice = Notice::Error(t.bad_request.into());
        return Ok(render(
            &operator,
            &console,
            StatusCode::BAD_REQUEST,
            String::new(),
            Some(notice),
        )
        .await);
    };
    let id = AccountId(form.id);
    let now = console.clock.now();
    let done = if decision == Decision::Reject {
        let Some(reason) = check_reason(&form.reason) else {
            let notice = Notice::Error(t.reason_required.into());
            return Ok(render(
                &operator,
                &console,
                StatusCode::UNPROCESSABLE_ENTITY,
                String::new(),
                Some(notice),
            )
            .await);
        };
        let entry = audit_entry(
            now,
            Some(operator.session.id),
            decision.action(),
            format!("company {id}: {reason}"),
            &operator.masked_ip,
        );
        core::reject(&console.db, &console.mailer, id, &reason, &entry)
            .await
            .map_err(|e| Stop::from(operator.unavailable(e)))?
    } else {
        let entry = audit_entry(
            now,
            Some(operator.session.id),
            decision.action(),
            format!("company {id}"),
            &operator.masked_ip,
        );
        console
            .db
            .decide_company(id, decision, &entry)
            .await
            .map_err(|e| Stop::from(operator.unavailable(e)))?
    };
    if !done {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    tracing::info!(operator = %operator.session.id, company = %id, action = decision.action(), "company decision");
    Ok(Redirect::to(&format!("/admin/companies?done={}", decision.action())).into_response())
}

/// `POST /admin/companies/end-sessions`: the company is logged out everywhere and every link
/// mailed to it stops working (a stolen session or mailbox).
pub async fn end_sessions(
    operator: Operator,
    State(console): State<Console>,
    form: Result<Form<DecisionForm>, FormRejection>,
) -> Result<Response, Stop> {
    operator.may(Area::Companies)?;
    let t = words(operator.lang());
    let Ok(Form(form)) = form else {
        let notice = Notice::Error(t.bad_request.into());
        return Ok(render(
            &operator,
            &console,
            StatusCode::BAD_REQUEST,
            String::new(),
            Some(notice),
        )
        .await);
    };
    let id = AccountId(form.id);
    let unavailable = |e: sqlx::Error| Stop::from(operator.unavailable(e));
    if console
        .db
        .company_row(id)
        .await
        .map_err(unavailable)?
        .is_none()
    {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    console
        .db
        .end_sessions_and_links(id, console.clock.now())
        .await
        .map_err(unavailable)?;
    operator
        .audit("company.end-sessions", format!("company {id}"))
        .await?;
    Ok(Redirect::to("/admin/companies?done=company.end-sessions").into_response())
}

/// `POST /admin/companies/{approve,reject,hide,show}`: one route per decision (a rejection
/// takes a reason, mailed to the company).
pub fn decision<S>(decision: Decision) -> MethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Console: FromRef<S>,
{
    post(
        move |operator: Operator,
              State(console): State<Console>,
              form: Result<Form<DecisionForm>, FormRejection>| {
            decide(operator, console, form, decision)
        },
    )
}
