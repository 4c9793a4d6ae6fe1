//! The whole HTTP surface from raw request bytes to a response, the operator's admin API
//! included: whatever the bytes, the mock answers with a status below 500 and never panics,
//! and after each admin request it still answers its health check, so no input (a clock set to the
//! calendar's edge, a state document with extreme ids, a malformed fault rule) leaves it
//! unable to answer.
#![no_main]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::Request;
use cloudapi_core::{AuthMode, Config};
use cloudapi_mock::Mock;
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

/// A strict mock (every gateway check) and a lenient one (no signature check, so the fuzzer
/// reaches the actions too), and a runtime to drive their routers on.
struct Harness {
    mocks: [(Mock, axum::Router); 2],
    runtime: tokio::runtime::Runtime,
    inputs: AtomicUsize,
}

/// Inputs between two resets: enough for one input's admin change (a clock set, a state put)
/// to meet the requests of the next ones, few enough that the apps and groups the fuzzer
/// creates do not slow every later input down.
const INPUTS_PER_RESET: usize = 500;

fn harness() -> &'static Harness {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| {
        let lenient = Config {
            auth: AuthMode::Lenient,
            throttle_per_second: 0,
            ..Config::default()
        };
        let with_router = |mock: Mock| {
            let router = mock.router();
            (mock, router)
        };
        Harness {
            mocks: [
                with_router(Mock::default()),
                with_router(Mock::builder().config(lenient).build().expect("a valid configuration")),
            ],
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .build()
                .expect("a runtime"),
            inputs: AtomicUsize::new(0),
        }
    })
}

/// Parses an HTTP/1.1 request head and takes the rest as the body.
fn parse(data: &[u8]) -> Option<Request<Body>> {
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut request = httparse::Request::new(&mut headers);
    let httparse::Status::Complete(head_length) = request.parse(data).ok()? else {
        return None;
    };
    let mut builder = Request::builder().method(request.method?).uri(request.path?);
    for header in request.headers.iter() {
        builder = builder.header(header.name, header.value);
    }
    builder.body(Body::from(data[head_length..].to_vec())).ok()
}

async fn status_of(router: &axum::Router, request: Request<Body>) -> u16 {
    match router.clone().oneshot(request).await {
        Ok(response) => response.status().as_u16(),
        Err(infallible) => match infallible {},
    }
}

fuzz_target!(|data: &[u8]| {
    let harness = harness();
    if harness.inputs.fetch_add(1, Ordering::Relaxed) % INPUTS_PER_RESET == INPUTS_PER_RESET - 1 {
        for (mock, _) in &harness.mocks {
            mock.reset();
        }
    }
    for (mock, router) in &harness.mocks {
        let Some(request) = parse(data) else { return };
        let is_admin = request.uri().path().starts_with("/_mock");
        // A fault rule the fuzzer injected answers 5xx or sleeps on purpose: gateway requests
        // meet none, admin requests are not subject to them.
        if !is_admin {
            mock.clear_faults();
        }
        harness.runtime.block_on(async {
            let status = status_of(router, request).await;
            assert!(status < 500, "{status} for {:?}", String::from_utf8_lossy(data));
            // What the operator changes (the clock, the state) must leave the mock answering;
            // a gateway request that did not fail has already shown it answers.
            if is_admin {
                let health = Request::get("/_mock/health").body(Body::empty()).expect("a request");
                assert_eq!(status_of(router, health).await, 200, "unanswerable after {:?}", String::from_utf8_lossy(data));
            }
        });
    }
});
