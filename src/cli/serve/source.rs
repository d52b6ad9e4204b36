//! `GET /source/{meeting_id}`: the protocol file a meeting was indexed
//! from. The path comes from the index, never from the address, so no other
//! file on the disk can be reached; a file changed since it was indexed (or
//! swapped for a link elsewhere) is refused (see
//! `paragraf::index::SourceFile`). A PDF is sent as it is (the page links
//! to it with `#page=N`, which PDF viewers open at that page); a text file
//! is sent as UTF-8, decoded as `paragraf index` decoded it.

use super::State;
use super::api::{ApiError, bounded, run};
use super::params::Params;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State as Shared};
use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// What a file name in `Content-Disposition` keeps as it is (RFC 8187's
/// attr-char, less a few for safety); the rest is percent-encoded.
const FILENAME: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_');

/// `GET /source/{meeting_id}`.
pub(crate) async fn source(
    Shared(state): Shared<Arc<State>>,
    uri: Uri,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    Params::parse(uri.query(), &[])?;
    let Path(id) = path?;
    bounded("meeting id", &id)?;
    if id.is_empty() || id == "." || id == ".." || id.contains(['/', '\\', '\0']) {
        return Err(ApiError::bad_request(format!(
            "bad meeting id {id:?}: a meeting id is one name, as search results give it"
        )));
    }
    let file = run(&state, move |index| {
        index
            .source_file(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no meeting {id} in the index")))
    })
    .await?;
    let name = file
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (kind, body) = if paragraf::protocol::pdf::is_pdf(&file.bytes) {
        ("application/pdf", file.bytes)
    } else {
        let (text, _) = paragraf::protocol::decode::decode(&file.bytes);
        ("text/plain; charset=utf-8", text.into_owned().into_bytes())
    };
    let disposition = format!(
        "inline; filename*=UTF-8''{}",
        percent_encoding::utf8_percent_encode(&name, FILENAME)
    );
    let mut response = ([(header::CONTENT_TYPE, kind)], body).into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}
