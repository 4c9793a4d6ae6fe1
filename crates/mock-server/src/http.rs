//! The thin adapter between axum and the socket-free service.

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, Request, Response, StatusCode};

use cloudapi_core::{RawRequest, RawResponse, Service};

/// The largest body the mock reads; the SDKs' app requests are a few hundred bytes.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Serves every request that is not for the admin API.
pub async fn handle(State(service): State<Arc<Service>>, request: Request<Body>) -> Response<Body> {
    let started = Instant::now();
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, MAX_BODY_BYTES)
        .await
        .unwrap_or_else(|_| Bytes::new());
    let raw = RawRequest {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().unwrap_or_default().to_owned(),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| {
                let value = match value.to_str() {
                    Ok(text) => text.to_owned(),
                    // Header values may carry any byte; the service only ever reads them as text.
                    Err(_) => String::from_utf8_lossy(value.as_bytes()).into_owned(),
                };
                (name.as_str().to_owned(), value)
            })
            .collect(),
        body: body.to_vec(),
    };
    let handled = service.handle_recorded(&raw);
    let record = &handled.record;
    // Display (`%`), not the default Debug: Debug escapes each string character by character,
    // and this line is written for every request.
    tracing::info!(
        action = %record.action.as_deref().unwrap_or("-"),
        account = %record.account_uid.as_deref().unwrap_or("-"),
        scheme = %record.scheme.as_str(),
        status = record.status,
        code = %record.error_code.unwrap_or("-"),
        ms = %format_args!("{:.2}", started.elapsed().as_secs_f64() * 1000.0),
        "request"
    );
    into_response(handled.response)
}

pub fn into_response(raw: RawResponse) -> Response<Body> {
    let mut response = Response::new(Body::from(raw.body));
    *response.status_mut() = StatusCode::from_u16(raw.status).unwrap_or(StatusCode::BAD_REQUEST);
    let headers = response.headers_mut();
    for (name, value) in raw.headers {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(HeaderName::from_static(name), value);
        }
    }
    response
}
