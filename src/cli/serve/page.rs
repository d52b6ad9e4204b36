//! The web page: one HTML page, its script and its style sheet, shipped
//! inside the binary (no build step; nothing is fetched from elsewhere, and
//! the Content-Security-Policy lets the page load nothing but its own
//! files and the API). The page's own addresses (`/`, `/p/{meeting}/{n}`,
//! `/case/{case}`) all serve the page, which reads the address: a search,
//! a §, a case thread; so every view can be shared as a link.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::sync::Arc;

const HTML: &str = include_str!("page.html");
const SCRIPT: &str = include_str!("page.js");
const STYLE: &str = include_str!("page.css");

/// What the page may load: its own files and the API, nothing else.
const POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; \
     base-uri 'none'; form-action 'self'";

/// The routes of the page and its files.
pub(crate) fn routes() -> axum::Router<Arc<super::State>> {
    axum::Router::new()
        .route("/", get(page))
        .route("/p/{*rest}", get(page))
        .route("/case/{*rest}", get(page))
        .route(
            "/page.js",
            get(|| file(SCRIPT, "text/javascript; charset=utf-8")),
        )
        .route("/page.css", get(|| file(STYLE, "text/css; charset=utf-8")))
}

async fn page() -> Response {
    file(HTML, "text/html; charset=utf-8").await
}

async fn file(body: &'static str, kind: &'static str) -> Response {
    let mut response = ([(header::CONTENT_TYPE, kind)], body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
