//! The whole path from raw HTTP request bytes to a response: whatever the bytes, the service
//! answers with a status below 500 and a body, and never panics.
#![no_main]

use std::sync::OnceLock;

use cloudapi_core::{AuthMode, Config, RawRequest, Service};
use libfuzzer_sys::fuzz_target;

/// A strict service (every gateway check) and a lenient one (no signature check, so the
/// fuzzer reaches the actions too).
fn services() -> &'static [Service; 2] {
    static SERVICES: OnceLock<[Service; 2]> = OnceLock::new();
    SERVICES.get_or_init(|| {
        [
            Service::new(Config::default()),
            Service::new(Config {
                auth: AuthMode::Lenient,
                throttle_per_second: 0,
                ..Config::default()
            }),
        ]
    })
}

/// Parses an HTTP/1.1 request head and takes the rest as the body.
fn parse(data: &[u8]) -> Option<RawRequest> {
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut request = httparse::Request::new(&mut headers);
    let httparse::Status::Complete(head_length) = request.parse(data).ok()? else {
        return None;
    };
    let target = request.path?;
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    Some(RawRequest {
        method: request.method?.to_owned(),
        path: path.to_owned(),
        query: query.to_owned(),
        headers: request
            .headers
            .iter()
            .map(|h| (h.name.to_ascii_lowercase(), String::from_utf8_lossy(h.value).into_owned()))
            .collect(),
        body: data[head_length..].to_vec(),
    })
}

fuzz_target!(|data: &[u8]| {
    let Some(request) = parse(data) else { return };
    for service in services() {
        let response = service.handle(&request);
        assert!(response.status < 500, "{} for {request:?}", response.status);
        assert!(!response.body.is_empty());
    }
});
