//! The thin adapter between axum and the socket-free service.

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, Request, Response, StatusCode};

use cloudapi_core::{RawRequest, RawResponse};

use crate::mock::Mock;

/// The largest body the mock reads; the SDKs' app requests are a few hundred bytes.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Serves every request that is not for the admin API: faults first, then the service;
/// the journal and the log see every answer.
pub async fn handle(State(mock): State<Arc<Mock>>, request: Request<Body>) -> Response<Body> {
    let started = Instant::now();
    let arrived = mock.service().clock().now();
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
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: body.to_vec(),
    };
    let plan = mock.plan(&raw);
    if let Some(delay) = plan.delay() {
        tokio::time::sleep(delay).await;
    }
    let handled = mock.answer(&raw, &plan);
    let latency = started.elapsed();
    let record = &handled.record;
    mock.record(arrived, &raw, record, latency, &plan);
    // Only what the record holds: never a parameter, a header or a body, so never a secret.
    tracing::info!(
        action = record.action.as_deref().unwrap_or("-"),
        account = record.account_uid.as_deref().unwrap_or("-"),
        scheme = record.scheme.as_str(),
        status = record.status,
        code = record.error_code.unwrap_or("-"),
        fault = plan.fault(),
        ms = format_args!("{:.2}", latency.as_secs_f64() * 1000.0),
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
