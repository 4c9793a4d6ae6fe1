//! Micro-benchmarks of one request's stages, without sockets:
//!
//! - `decode`: reading a request's parameters (query string, form body) and what the gateway
//!   needs from them ([`gateway::inspect`]);
//! - `verify/v2`, `verify/v3`: the gateway's checks for a signed request, the signature
//!   verification above all ([`Gatekeeper::admit`]);
//! - `execute/create_app`: a signed CreateApp through [`Service::handle`], from bytes to bytes;
//! - `execute/describe_app/N`: a signed DescribeApp with N apps stored: the cost must not grow
//!   with N (lookups by id are O(log n));
//! - `execute/list_page/N/first|last`: DescribeAppAttributes, a page of ten, with N apps
//!   stored: the cost is the page's, whatever N, apart from stepping over the apps before
//!   the page (a few nanoseconds each).
//!
//! `cargo bench -p cloudapi-core`; `cargo test --benches` runs each once as a smoke check.

use std::hint::black_box;
use std::sync::Arc;

use cloudapi_core::client::{fresh_nonce, Call, Placement, Signer};
use cloudapi_core::gateway::{self, Credentials, Gatekeeper};
use cloudapi_core::nonce::NonceMemory;
use cloudapi_core::store::{NewApp, Scope};
use cloudapi_core::throttle::Throttle;
use cloudapi_core::{Clock, Config, Format, RawRequest, Scheme, Service};
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};

const ACCOUNT_UID: &str = cloudapi_core::config::DEFAULT_ACCOUNT_UID;

fn signer() -> Signer {
    Signer::new("testid", "testsecret")
}

/// A signed request, as the official SDKs send each scheme: V2 as a GET with everything in
/// the query, V3 as a POST with the parameters in the query.
fn signed(clock: &Clock, scheme: Scheme, action: &str, params: &[(String, String)]) -> RawRequest {
    let method = match scheme {
        Scheme::V2 => "GET",
        Scheme::V3 => "POST",
    };
    signer().sign(&Call {
        action,
        params,
        scheme,
        method,
        placement: Placement::Query,
        format: Format::Json,
        host: "apigateway.cn-hangzhou.aliyuncs.com",
        timestamp: clock.now(),
        nonce: &fresh_nonce(),
    })
}

fn describe_params(app_id: i64) -> Vec<(String, String)> {
    vec![("AppId".to_owned(), app_id.to_string())]
}

fn decode(c: &mut Criterion) {
    let clock = Clock::default();
    let params = vec![
        ("AppName".to_owned(), "bench_app".to_owned()),
        ("Description".to_owned(), "an app for the benchmark".to_owned()),
        ("Tag.1.Key".to_owned(), "env".to_owned()),
        ("Tag.1.Value".to_owned(), "test".to_owned()),
    ];
    let request = signed(&clock, Scheme::V2, "CreateApp", &params);
    c.bench_function("decode", |b| {
        b.iter(|| gateway::inspect(black_box(&request), "cn-hangzhou"))
    });
}

fn verify(c: &mut Criterion) {
    let clock = Arc::new(Clock::default());
    let config = Config {
        throttle_per_second: 0,
        ..Config::default()
    };
    let credentials: Credentials = config
        .all_credentials()
        .into_iter()
        .map(|credential| (credential.access_key_id.clone(), credential))
        .collect();
    let throttle = Throttle::new(clock.clone(), 0);
    for (name, scheme) in [("verify/v2", Scheme::V2), ("verify/v3", Scheme::V3)] {
        let request = signed(&clock, scheme, "DescribeApp", &describe_params(10_000_000_001));
        let inspection = gateway::inspect(&request, "cn-hangzhou");
        c.bench_function(name, |b| {
            // A nonce is accepted once: each iteration gets a memory that has not seen it.
            b.iter_batched(
                || NonceMemory::new(4),
                |nonces| {
                    let gatekeeper = Gatekeeper {
                        config: &config,
                        credentials: &credentials,
                        nonces: &nonces,
                        throttle: &throttle,
                        now: clock.now(),
                    };
                    let admitted = gatekeeper.admit(&request, &inspection).map(|a| a.action);
                    assert!(admitted.is_ok(), "{admitted:?}");
                    nonces
                },
                BatchSize::SmallInput,
            );
        });
    }
}

/// A service without throttling and with room for every app the benchmark creates.
fn roomy_service() -> Service {
    Service::new(Config {
        app_quota: usize::MAX,
        throttle_per_second: 0,
        ..Config::default()
    })
}

fn execute(c: &mut Criterion) {
    let service = roomy_service();
    let mut created = 0u64;
    c.bench_function("execute/create_app", |b| {
        b.iter_batched(
            || {
                created += 1;
                let params = vec![("AppName".to_owned(), format!("bench_{created}"))];
                signed(service.clock(), Scheme::V2, "CreateApp", &params)
            },
            |request| handled(&service, &request),
            BatchSize::SmallInput,
        );
    });

    let mut group = c.benchmark_group("execute/describe_app");
    for stored in [10usize, 1_000, 100_000] {
        let (service, ids) = service_with_apps(stored);
        let mut next = 0usize;
        group.bench_with_input(BenchmarkId::from_parameter(stored), &stored, |b, _| {
            b.iter_batched(
                || {
                    next = (next + 7919) % ids.len();
                    signed(service.clock(), Scheme::V2, "DescribeApp", &describe_params(ids[next]))
                },
                |request| handled(&service, &request),
                BatchSize::SmallInput,
            );
        });
    }
    group.finish();

    let mut group = c.benchmark_group("execute/list_page");
    for stored in [10usize, 1_000, 100_000] {
        let (service, _) = service_with_apps(stored);
        let last_page = stored.div_ceil(10);
        for (position, page) in [("first", 1), ("last", last_page)] {
            let params = vec![
                ("PageSize".to_owned(), "10".to_owned()),
                ("PageNumber".to_owned(), page.to_string()),
            ];
            group.bench_function(BenchmarkId::new(stored.to_string(), position), |b| {
                b.iter_batched(
                    || signed(service.clock(), Scheme::V2, "DescribeAppAttributes", &params),
                    |request| handled(&service, &request),
                    BatchSize::SmallInput,
                );
            });
        }
    }
    group.finish();
}

/// A service whose default account holds `stored` apps, and their ids.
fn service_with_apps(stored: usize) -> (Service, Vec<i64>) {
    let service = roomy_service();
    let scope = Scope {
        account_uid: ACCOUNT_UID.to_owned(),
        region: "cn-hangzhou".to_owned(),
    };
    let now = service.clock().now();
    let ids: Vec<i64> = service.store().with(|world| {
        (0..stored)
            .filter_map(|i| {
                let app = NewApp {
                    name: format!("app_{i}"),
                    ..NewApp::default()
                };
                world.create_app(&scope, app, usize::MAX, now).ok()
            })
            .collect()
    });
    assert_eq!(ids.len(), stored);
    (service, ids)
}

/// Handles a request that must succeed.
fn handled(service: &Service, request: &RawRequest) -> cloudapi_core::RawResponse {
    let response = service.handle(request);
    assert_eq!(response.status, 200, "{}", response.body_text());
    response
}

criterion_group!(benches, decode, verify, execute);
criterion_main!(benches);
