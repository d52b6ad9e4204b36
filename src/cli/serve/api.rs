//! The JSON API: `/api/search`, `/api/paragraph/{meeting_id}/{number}`,
//! `/api/case/{case}`, `/api/facets`, `/api/health`. Each answers with the
//! library's own types, serialised as the command line's `--json` does
//! them, and each error as `{"error": MESSAGE, "status": CODE}` with the
//! command line's message (400 for a bad query or option), a parameter
//! named as the API names it (`bad from: …` where the command line says
//! `bad --from: …`).

use super::State;
use super::params::Params;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State as Shared};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use paragraf::index::Index;
use paragraf::search::{MAX_QUERY_CHARS, SearchRequest, TOTAL_COUNT_LIMIT};
use serde::Serialize;
use std::sync::Arc;

/// An error answer: the status and the message.
#[derive(Debug)]
pub(crate) struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// What went wrong, as the command line says it.
    pub message: String,
    /// For a bad query: the 0-based character column where it went wrong.
    pub column: Option<usize>,
}

impl ApiError {
    /// A 400: the request cannot be answered as it is.
    pub(crate) fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// A 404: nothing has that name.
    pub(crate) fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            column: None,
        }
    }
}

impl From<paragraf::Error> for ApiError {
    fn from(e: paragraf::Error) -> ApiError {
        use paragraf::Error as E;
        let status = match &e {
            E::Query { .. } | E::Option { .. } => StatusCode::BAD_REQUEST,
            E::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                StatusCode::NOT_FOUND
            }
            E::Read { source, .. } if source.kind() == std::io::ErrorKind::PermissionDenied => {
                StatusCode::FORBIDDEN
            }
            E::SourceChanged { .. } => StatusCode::CONFLICT,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let column = match &e {
            E::Query { column, .. } => Some(*column),
            _ => None,
        };
        // The command line's message, but a request's field named as the
        // parameter it is here (`bad offset: …`, not `bad --offset: …`).
        let message = match &e {
            E::Option { .. } => e.to_string(),
            _ => crate::cli::message(&anyhow::Error::from(e)),
        };
        ApiError {
            status,
            message,
            column,
        }
    }
}

impl From<PathRejection> for ApiError {
    fn from(r: PathRejection) -> ApiError {
        ApiError::bad_request(format!("bad address: {}", r.body_text()))
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&ErrorBody {
            error: &self.message,
            status: self.status.as_u16(),
            column: self.column,
        })
        .unwrap_or_default();
        (
            self.status,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response()
    }
}

/// Runs `f` on the index on a blocking thread, at most
/// [`State::permits`] at once, and answers with what it returns as JSON;
/// a 503 when no answer came within the timeout (the call then finishes
/// in the background, its permit held until it does).
pub(crate) async fn answer<T, F>(state: &State, f: F) -> Result<Response, ApiError>
where
    T: Serialize,
    F: FnOnce(&Index) -> Result<T, ApiError> + Send + 'static,
{
    let bytes = run(state, move |index| {
        let value = f(index)?;
        serde_json::to_vec(&value).map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("internal error: {e}"),
            )
        })
    })
    .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], bytes).into_response())
}

/// Runs `f` on the index as [`answer`] does, returning its value.
pub(crate) async fn run<T, F>(state: &State, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Index) -> Result<T, ApiError> + Send + 'static,
{
    let index = state.index();
    let permits = Arc::clone(&state.permits);
    let work = async move {
        let permit = permits.acquire_owned().await;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            f(&index)
        })
        .await
    };
    match tokio::time::timeout(state.timeout, work).await {
        Ok(Ok(result)) => result,
        Ok(Err(join)) => {
            let what = join
                .try_into_panic()
                .ok()
                .and_then(|p| {
                    p.downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| p.downcast_ref::<String>().cloned())
                })
                .unwrap_or_default();
            Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("internal error (a bug in paragraf: please report it): {what}"),
            ))
        }
        Err(_) => Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "no answer within {:.1} s (the server is busy, or the search is too costly): try again, or narrow it with a phrase or a filter",
                state.timeout.as_secs_f64()
            ),
        )),
    }
}

/// The parameters of `/api/search`: those of `paragraf search`.
const SEARCH_PARAMS: &[&str] = &[
    "q",
    "from",
    "to",
    "organ",
    "organisation",
    "case",
    "limit",
    "offset",
    "facets",
    "recent",
    "count_all",
];

/// `GET /api/search?q=&from=&to=&organ=&organisation=&case=&limit=&offset=&facets=&recent=&count_all=`:
/// the JSON of `paragraf search --json`.
pub(crate) async fn search(
    Shared(state): Shared<Arc<State>>,
    uri: Uri,
) -> Result<Response, ApiError> {
    let p = Params::parse(uri.query(), SEARCH_PARAMS)?;
    let req = SearchRequest {
        limit: p.count("limit", 10)?,
        offset: p.count("offset", 0)?,
        from: p.text("from"),
        to: p.text("to"),
        organ: p.text("organ"),
        organisation: p.text("organisation"),
        case: p.text("case"),
        recent: p.flag("recent")?,
        facets: p.flag("facets")?,
        count_limit: if p.flag("count_all")? {
            None
        } else {
            Some(TOTAL_COUNT_LIMIT)
        },
        ..SearchRequest::new(p.text("q").unwrap_or_default())
    };
    answer(&state, move |index| Ok(index.search(&req)?)).await
}

/// A name taken from the address (a meeting id, a case number), bounded
/// as the query is.
pub(crate) fn bounded(what: &str, value: &str) -> Result<(), ApiError> {
    if value.chars().nth(MAX_QUERY_CHARS).is_some() {
        return Err(ApiError::bad_request(format!(
            "bad {what}: longer than {MAX_QUERY_CHARS} characters"
        )));
    }
    Ok(())
}

/// `GET /api/paragraph/{meeting_id}/{number}`: the JSON of `paragraf show --json`.
pub(crate) async fn paragraph(
    Shared(state): Shared<Arc<State>>,
    uri: Uri,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, ApiError> {
    Params::parse(uri.query(), &[])?;
    let Path((id, number)) = path?;
    bounded("meeting id", &id)?;
    let n: u32 = number
        .parse()
        .map_err(|_| ApiError::bad_request(format!("bad § number: {number:?}")))?;
    answer(&state, move |index| match index.paragraph(&id, n)? {
        Some((meeting, paragraph)) => Ok(crate::cli::json::versioned(crate::cli::search::Shown {
            meeting,
            paragraph,
        })),
        None => Err(ApiError::not_found(format!("no § {n} in meeting {id}"))),
    })
    .await
}

/// `GET /api/case/{case}`: the JSON of `paragraf case --json` (a case
/// number may hold `/`, as `KS 2024/123` does).
pub(crate) async fn case(
    Shared(state): Shared<Arc<State>>,
    uri: Uri,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    Params::parse(uri.query(), &[])?;
    let Path(case) = path?;
    bounded("case number", &case)?;
    answer(&state, move |index| {
        Ok(crate::cli::json::versioned(index.case(&case)?))
    })
    .await
}

/// `GET /api/facets`: every § counted by organisation, organ and year.
pub(crate) async fn facets(
    Shared(state): Shared<Arc<State>>,
    uri: Uri,
) -> Result<Response, ApiError> {
    Params::parse(uri.query(), &[])?;
    answer(&state, |index| Ok(index.facets()?)).await
}

/// The answer of `/api/health`.
#[derive(Serialize)]
struct Health {
    status: &'static str,
    version: &'static str,
    index: String,
    demo: bool,
    #[serde(flatten)]
    stats: paragraf::index::IndexStats,
}

/// `GET /api/health`: the server's version and what the index holds.
pub(crate) async fn health(
    Shared(state): Shared<Arc<State>>,
    uri: Uri,
) -> Result<Response, ApiError> {
    Params::parse(uri.query(), &[])?;
    let demo = state.demo;
    answer(&state, move |index| {
        Ok(Health {
            status: "ok",
            version: env!("CARGO_PKG_VERSION"),
            index: index.dir().display().to_string(),
            demo,
            stats: index.stats()?,
        })
    })
    .await
}

/// Any other address.
pub(crate) async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found(format!("nothing at {}", uri.path()))
}
