//! The thin adapter between axum and the socket-free service: the body within its limits,
//! then faults, the service, the journal and one log line.

use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, Request, Response, StatusCode};

use cloudapi_core::data_plane::{self, BackendCall, BackendOutcome};
use cloudapi_core::{ApiError, ErrorCode, Handled, RawRequest, RawResponse};

use crate::mock::{Mock, Plan};
use crate::untrusted::Untrusted;

/// The largest body the mock reads; the SDKs' app requests are a few hundred bytes.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// How long a body may take to arrive once the head has.
pub const BODY_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// Serves every request that is not for the admin API.
///
/// The common request (in memory, no fault delay, no HTTP backend) waits only for its body;
/// the rarer waits are boxed in [`answer_late`] and [`settle`], so that this future stays
/// small: axum moves it into a box of its own on every request, and the reqwest call inline
/// made it 880 bytes larger, all copied each time.
pub async fn handle(State(mock): State<Mock>, request: Request<Body>) -> Response<Body> {
    let started = Instant::now();
    let arrived = mock.service().clock().now();
    let (parts, body) = request.into_parts();
    let mut raw = raw_request(parts);
    let (mut handled, plan) = match read_body(&raw, body).await {
        Ok(body) => {
            raw.body = body.to_vec();
            let plan = mock.plan(&raw);
            if plan.delay().is_some() {
                Box::pin(answer_late(&mock, &raw, plan)).await
            } else {
                (mock.answer(&raw, &plan), plan)
            }
        }
        Err(error) => (mock.service().refuse(&raw, error), Plan::default()),
    };
    if handled.commit.is_some() || handled.forward.is_some() {
        Box::pin(settle(&mock, &raw, &mut handled)).await;
    }
    let latency = started.elapsed();
    log(&handled, &plan, latency);
    let Handled {
        response,
        record,
        params,
        ..
    } = handled;
    mock.record(arrived, record, params, latency, &plan);
    into_response(response)
}

/// The request as the service reads it, every header value as text.
fn raw_request(parts: axum::http::request::Parts) -> RawRequest {
    let mut raw = RawRequest {
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
        body: Vec::new(),
    };
    if let Some(authority) = parts.uri.authority() {
        // The forward-proxy form (`GET http://<group domain>/path`): the target's authority
        // is the Host (RFC 9112 3.2.2), so a client that honours HTTP_PROXY reaches the group.
        raw.headers.retain(|(name, _)| name != "host");
        raw.headers.push(("host".to_owned(), authority.as_str().to_owned()));
    }
    raw
}

/// A request whose fault plan delays it: the wait, then the answer.
async fn answer_late(mock: &Mock, raw: &RawRequest, plan: Plan) -> (Handled, Plan) {
    if let Some(delay) = plan.delay() {
        tokio::time::sleep(delay).await;
    }
    (mock.answer(raw, &plan), plan)
}

/// What an answer waits for before it leaves: in durable mode, the commit of what it
/// acknowledges (or shows); for a data-plane call to an HTTP backend, the backend's answer.
async fn settle(mock: &Mock, raw: &RawRequest, handled: &mut Handled) {
    if let Some(ticket) = handled.commit.take() {
        if let Err(e) = ticket.durable().await {
            tracing::error!("{e}; the request is answered InternalError");
            *handled = mock.service().refuse(raw, ErrorCode::InternalError.into());
        }
    }
    if let Some(call) = handled.forward.as_deref() {
        let outcome = call_backend(call).await;
        data_plane::complete(handled, outcome);
    }
}

/// The one client for HTTP backends: it never goes through a proxy of the environment
/// (the mock may itself be the `HTTP_PROXY` of the process that started it).
fn backend_client() -> &'static reqwest::Client {
    static CLIENT: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_else(|_| reqwest::Client::new())
    })
}

/// Calls an HTTP backend as the core decided, within its ServiceTimeout.
async fn call_backend(call: &BackendCall) -> BackendOutcome {
    let Ok(method) = reqwest::Method::from_bytes(call.method.as_bytes()) else {
        return BackendOutcome::Unreachable(format!("method {}", call.method));
    };
    let mut builder = backend_client()
        .request(method, &call.url)
        .timeout(call.timeout)
        .body(call.body.clone());
    for (name, value) in &call.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let sent = async {
        let response = builder.send().await?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (std::borrow::Cow::Owned(name.as_str().to_owned()), value)
            })
            .collect();
        let body = response.bytes().await?.to_vec();
        Ok::<_, reqwest::Error>(RawResponse { status, headers, body })
    };
    match sent.await {
        Ok(response) => BackendOutcome::Answered(response),
        Err(err) if err.is_timeout() => BackendOutcome::TimedOut,
        Err(err) => BackendOutcome::Unreachable(err.to_string()),
    }
}

/// The body, within the size and time limits.
async fn read_body(head: &RawRequest, body: Body) -> Result<Bytes, ApiError> {
    let declared = head.header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_BODY_BYTES as u64) {
        return Err(ErrorCode::RequestEntityTooLarge.into());
    }
    match tokio::time::timeout(BODY_READ_TIMEOUT, axum::body::to_bytes(body, MAX_BODY_BYTES)).await {
        Ok(Ok(bytes)) => Ok(bytes),
        // Past the limit without a declared length (chunked), or the client broke off.
        Ok(Err(_)) => Err(ErrorCode::RequestEntityTooLarge.into()),
        Err(_) => Err(ErrorCode::RequestTimeout.into()),
    }
}

/// One line per request, only from the record: never a parameter, a header or a body, so
/// never a secret or a signature. The action is the client's text, escaped.
fn log(handled: &Handled, plan: &Plan, latency: Duration) {
    let record = &handled.record;
    // One preformatted message rather than six structured fields: the text is the same, and
    // visiting each field through tracing's recorder cost more than the rest of the line,
    // on every request.
    tracing::info!(
        "request action={} account={} scheme={} status={} code={} fault={} ms={:.2}",
        Untrusted(record.action.as_deref().unwrap_or("-")),
        Untrusted(record.account_uid.as_deref().unwrap_or("-")),
        record.scheme.as_str(),
        record.status,
        record.error_code.unwrap_or("-"),
        OrDash(plan.fault()),
        Millis(latency),
    );
}

/// A latency in milliseconds with two decimals, rounded half up: as `{:.2}` of the float
/// would show it, in integer arithmetic (the float's formatting was a hundredth of a
/// DescribeApp's instructions, on every request's line).
struct Millis(Duration);

impl std::fmt::Display for Millis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // u64 rather than the u128 of `as_nanos`, whose formatting is slower: 584 years.
        let nanos = u64::try_from(self.0.as_nanos()).unwrap_or(u64::MAX);
        let hundredths = nanos.saturating_add(5_000) / 10_000;
        write!(f, "{}.{:02}", hundredths / 100, hundredths % 100)
    }
}

/// An optional value of the log line, `-` when absent: written in place, where a string for
/// it was allocated on every request.
struct OrDash<T>(Option<T>);

impl<T: std::fmt::Display> std::fmt::Display for OrDash<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Some(value) => value.fmt(f),
            None => f.write_str("-"),
        }
    }
}

pub fn into_response(raw: RawResponse) -> Response<Body> {
    let mut response = Response::new(Body::from(raw.body));
    *response.status_mut() = StatusCode::from_u16(raw.status).unwrap_or(StatusCode::BAD_REQUEST);
    let headers = response.headers_mut();
    for (name, value) in raw.headers {
        let name = match name {
            std::borrow::Cow::Borrowed(name) => Ok(HeaderName::from_static(name)),
            std::borrow::Cow::Owned(name) => HeaderName::from_bytes(name.as_bytes()),
        };
        if let (Ok(name), Ok(value)) = (name, HeaderValue::from_str(&value)) {
            headers.append(name, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_latency_shows_in_milliseconds_with_two_decimals() {
        for (nanos, shown) in [
            (0, "0.00"),
            (4_999, "0.00"),
            (5_000, "0.01"),
            (1_234_567, "1.23"),
            (1_235_000, "1.24"),
            (999_995_000, "1000.00"),
            (62_840_000, "62.84"),
        ] {
            assert_eq!(Millis(Duration::from_nanos(nanos)).to_string(), shown, "{nanos} ns");
        }
    }

    #[test]
    fn an_absent_value_is_a_dash_in_the_log_line() {
        assert_eq!(format!("fault={}", OrDash(Some(7u64))), "fault=7");
        assert_eq!(format!("fault={}", OrDash(None::<u64>)), "fault=-");
    }

    /// axum moves each request's future into a box of its own, so every byte of it is
    /// copied on every request: with the backend call inline it was 2,512 bytes, 1,088
    /// before the data plane came, 1,112 with the rare waits boxed.
    #[test]
    fn the_request_future_stays_small() {
        let request = handle(State(Mock::default()), Request::new(Body::empty()));
        let size = std::mem::size_of_val(&request);
        assert!(size <= 1536, "the request future is {size} bytes");
    }
}
