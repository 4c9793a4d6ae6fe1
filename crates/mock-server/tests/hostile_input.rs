//! No request, however malformed, makes the mock panic or answer 5xx: each gets the service's
//! error envelope, and the next request is served normally.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use cloudapi_core::client::{fresh_nonce, Call, Placement, Signer};
use cloudapi_core::{Format, Scheme, Service};
use cloudapi_mock::{router, ServeOptions};
use rand::{Rng, SeedableRng};
use tower::ServiceExt;

fn app() -> (axum::Router, Arc<Service>) {
    let service = Arc::new(Service::default());
    (router(service.clone(), ServeOptions::default()), service)
}

async fn send(app: &axum::Router, request: Request<Body>) -> (StatusCode, String) {
    let response = app.clone().oneshot(request).await.expect("the router never fails");
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    (status, String::from_utf8_lossy(&body).into_owned())
}

fn is_envelope(body: &str) -> bool {
    body.contains("<Error>") || serde_json::from_str::<serde_json::Value>(body).is_ok_and(|v| v["Code"].is_string())
}

/// A correctly signed CreateApp, to prove the server still serves after the hostile ones.
async fn still_serves(app: &axum::Router, service: &Service, name: &str) {
    let params = vec![("AppName".to_owned(), name.to_owned())];
    let request = Signer::new("testid", "testsecret").sign(&Call {
        action: "CreateApp",
        params: &params,
        scheme: Scheme::V2,
        method: "GET",
        placement: Placement::Query,
        format: Format::Json,
        host: "localhost",
        timestamp: service.clock().now(),
        nonce: &fresh_nonce(),
    });
    let uri = format!("/?{}", request.query);
    let (status, body) = send(app, Request::get(uri).body(Body::empty()).expect("request")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// Method, URI, headers, body.
type HostileCase = (&'static str, String, Vec<(&'static str, &'static [u8])>, Vec<u8>);

#[tokio::test]
async fn malformed_requests_get_the_error_envelope() {
    let (app, service) = app();
    let long_query = format!("Action=CreateApp&AppName={}", "a".repeat(60_000));
    let many_params: String = (0..8_000).map(|i| format!("p{i}=v&")).collect();
    // Tens of thousands of parameters fit in a body under the size limit.
    let many_body_params: Vec<u8> = (0..40_000)
        .flat_map(|i| format!("Tag.{i}.Key=v&").into_bytes())
        .collect();
    let cases: Vec<HostileCase> = vec![
        ("GET", "/".into(), vec![], vec![]),
        ("GET", "/?%".into(), vec![], vec![]),
        ("GET", "/?Action=%E9%98&Version=%ZZ".into(), vec![], vec![]),
        ("GET", "/?Action=CreateApp&Version=2016-07-14&Format=JSON&Tag.99999999999.Key=a".into(), vec![], vec![]),
        ("GET", format!("/?{long_query}"), vec![], vec![]),
        ("GET", format!("/?{many_params}"), vec![], vec![]),
        ("DELETE", "/?Action=CreateApp".into(), vec![], vec![]),
        ("PATCH", "/".into(), vec![], vec![]),
        ("GET", "/nothing/here?Action=CreateApp".into(), vec![], vec![]),
        ("GET", "/_mock/nothing".into(), vec![], vec![]),
        ("POST", "/".into(), vec![("content-type", b"application/x-www-form-urlencoded")], vec![0xff, 0xfe, b'=', 0x00]),
        ("POST", "/".into(), vec![("content-type", b"application/x-www-form-urlencoded")], vec![b'a'; 3 * 1024 * 1024]),
        ("POST", "/?Format=JSON".into(), vec![("content-type", b"application/x-www-form-urlencoded")], many_body_params),
        ("POST", "/".into(), vec![("authorization", b"ACS3-HMAC-SHA256")], vec![]),
        ("POST", "/".into(), vec![("authorization", b"ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host,Signature=0")], vec![]),
        ("POST", "/".into(), vec![("authorization", b"\xff\xfe"), ("x-acs-action", b"CreateApp")], vec![]),
        ("POST", "/".into(), vec![("x-acs-action", b"CreateApp"), ("x-acs-version", b"2016-07-14"), ("authorization", b"ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=x")], vec![]),
        ("GET", "/?Action=DescribeApp&Version=2016-07-14&AccessKeyId=testid&Format=JSON&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&Timestamp=9999-99-99T99:99:99Z&SignatureNonce=x&Signature=x".into(), vec![], vec![]),
        ("GET", "/?Action=DescribeApp&Version=2016-07-14&AccessKeyId=testid&Format=JSON&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&Timestamp=-99999-01-01T00:00:00Z&SignatureNonce=x&Signature=x".into(), vec![], vec![]),
        ("GET", "/?Format=JSON&Format=XML&Action=CreateApp&Action=DeleteApp".into(), vec![], vec![]),
    ];
    for (method, uri, headers, body) in cases {
        let mut builder = Request::builder().method(method).uri(uri.as_str());
        for (name, value) in headers {
            builder = builder.header(name, value);
        }
        let request = builder.body(Body::from(body)).expect("request");
        let (status, text) = send(&app, request).await;
        let short_uri: String = uri.chars().take(80).collect();
        assert!(status.is_client_error(), "{method} {short_uri}: {status} {text}");
        assert!(
            is_envelope(&text) || uri.starts_with("/_mock/"),
            "{method} {short_uri}: not an envelope: {text}"
        );
    }
    still_serves(&app, &service, "after_hostile").await;
}

#[tokio::test]
async fn random_query_strings_never_fail_the_server() {
    let (app, service) = app();
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x5eed);
    let alphabet: &[u8] = b"ActionVersion=&%+.-_~0123456789ABCDEFabcdefTag.Key.ValueAppIdAppName\xe9\x98\xbf ";
    for _ in 0..2_000 {
        let length = rng.random_range(0..200);
        let bytes: Vec<u8> = (0..length)
            .map(|_| alphabet[rng.random_range(0..alphabet.len())])
            .collect();
        let query: String = percent_encoding::percent_encode(&bytes, percent_encoding::CONTROLS).to_string();
        let uri = format!("/?{}", query.replace(' ', "%20"));
        let Ok(request) = Request::get(uri.as_str()).body(Body::empty()) else {
            continue;
        };
        let (status, text) = send(&app, request).await;
        assert!(status.is_client_error(), "{uri}: {status} {text}");
    }
    still_serves(&app, &service, "after_random").await;
}

#[tokio::test]
async fn health_answers_once_serving() {
    let (app, _) = app();
    let (status, body) = send(
        &app,
        Request::get("/_mock/health").body(Body::empty()).expect("request"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let health: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(health["status"], "ok");
    assert_eq!(health["accounts"][0]["access_key_id"], "testid");
}
