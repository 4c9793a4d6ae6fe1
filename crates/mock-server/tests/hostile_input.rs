//! No request, however malformed, makes the mock panic or answer 5xx: each gets the service's
//! error envelope, and the next request is served normally.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use cloudapi_core::client::{fresh_nonce, Call, Placement, Signer};
use cloudapi_core::{Format, Scheme, Service};
use cloudapi_mock::Mock;
use rand::{Rng, SeedableRng};
use tower::ServiceExt;

fn app() -> (axum::Router, Arc<Service>) {
    let mock = Mock::default();
    (mock.router(), mock.service().clone())
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

// ---- the operator's surface ----

async fn admin(app: &axum::Router, method: &str, uri: &str, body: &[u8]) -> (StatusCode, serde_json::Value) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.to_vec()))
        .expect("request");
    let (status, text) = send(app, request).await;
    let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{method} {uri}: {e}: {text}"));
    (status, json)
}

/// The admin API refused with a 400 and its `{"error": ...}` body.
fn assert_refused(what: &str, (status, body): &(StatusCode, serde_json::Value)) {
    assert_eq!(*status, StatusCode::BAD_REQUEST, "{what}: {body}");
    assert!(body["error"].as_str().is_some_and(|e| !e.is_empty()), "{what}: {body}");
}

/// The mock answers its health check and a signed request at its clock's time.
async fn still_answers(app: &axum::Router, service: &Service, name: &str) {
    let (status, health) = admin(app, "GET", "/_mock/health", b"").await;
    assert_eq!(
        (status, health["status"].as_str()),
        (StatusCode::OK, Some("ok")),
        "{health}"
    );
    still_serves(app, service, name).await;
}

#[tokio::test]
async fn clock_times_outside_its_range_are_refused_and_change_nothing() {
    let (app, service) = app();
    let (_, set) = admin(&app, "POST", "/_mock/clock", br#"{"now": "2026-11-30T09:31:28Z"}"#).await;
    assert_eq!(set["now"], "2026-11-30T09:31:28Z");
    let bodies: &[&[u8]] = &[
        br#"{"now": "9999-12-31T23:59:59-01:00"}"#,
        br#"{"now": "9999-12-31T23:59:59Z"}"#,
        br#"{"now": "0000-01-01T00:00:00+01:00"}"#,
        br#"{"now": "0000-01-01T00:00:00Z"}"#,
        br#"{"now": "1969-12-31T23:59:59Z"}"#,
        br#"{"now": "+10000-01-01T00:00:00Z"}"#,
        br#"{"now": "2026-02-30T00:00:00Z"}"#,
        br#"{"now": ""}"#,
        br#"{"now": 1}"#,
        br#"{"now": null, "advance_secs": null}"#,
        br#"{"advance_secs": 9223372036854775807}"#,
        br#"{"advance_secs": -9223372036854775808}"#,
        br#"{"advance_secs": 9223372036854775808}"#,
        br#"{"advance_secs": 1e30}"#,
        br#"{"advance_secs": 1.5}"#,
        br#"{"advance_secs": "60"}"#,
        br#"{"advance_secs": 300000000000}"#,
        br#"{"now": "2026-11-30T09:31:28Z", "advance_secs": 1}"#,
        br#"{"later": 1}"#,
        br#"{}"#,
    ];
    for body in bodies {
        let what = String::from_utf8_lossy(body);
        assert_refused(&what, &admin(&app, "POST", "/_mock/clock", body).await);
        let (_, clock) = admin(&app, "GET", "/_mock/clock", b"").await;
        assert_eq!(clock["now"], "2026-11-30T09:31:28Z", "{what} changed the clock");
    }
    still_answers(&app, &service, "after_clock").await;
}

#[tokio::test]
async fn a_clock_at_the_edge_of_its_range_still_answers_signed_requests() {
    let (app, service) = app();
    for edge in [cloudapi_core::Clock::LATEST, cloudapi_core::Clock::EARLIEST] {
        let now = cloudapi_core::protocol::timestamp::format(edge);
        let body = format!(r#"{{"now": "{now}"}}"#);
        let (status, clock) = admin(&app, "POST", "/_mock/clock", body.as_bytes()).await;
        assert_eq!((status, clock["now"].as_str()), (StatusCode::OK, Some(now.as_str())));
        still_answers(&app, &service, &format!("at_{}", edge.year())).await;
        // One second on is out of range: refused, and the clock stays at the edge.
        let step = if edge == cloudapi_core::Clock::LATEST { 1 } else { -1 };
        let advance = format!(r#"{{"advance_secs": {step}}}"#);
        assert_refused(&advance, &admin(&app, "POST", "/_mock/clock", advance.as_bytes()).await);
        assert_eq!(admin(&app, "GET", "/_mock/clock", b"").await.1["now"], now.as_str());
    }
}

#[tokio::test]
async fn the_rust_controls_check_the_clock_range_as_the_admin_api_does() {
    let mock = cloudapi_mock::MockServer::start().await;
    mock.set_time(time::macros::datetime!(2026-11-30 09:31:28 UTC))
        .expect("in range");
    assert!(mock.set_time(time::macros::datetime!(9999-12-31 23:59:59 -1)).is_err());
    assert!(mock.advance_time(time::Duration::seconds(i64::MAX)).is_err());
    assert!(mock.advance_time(time::Duration::MIN).is_err());
    assert_eq!(
        mock.service().clock().now(),
        time::macros::datetime!(2026-11-30 09:31:28 UTC)
    );
}

/// Every endpoint that takes a body or a query, with malformed JSON, extreme numbers and odd
/// query strings: a 4xx with the admin API's error body, and the mock answers afterwards.
#[tokio::test]
async fn every_admin_endpoint_refuses_malformed_input() {
    let (app, service) = app();
    let deep_array = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let deep_object = "{\"a\":".repeat(5_000) + "1" + &"}".repeat(5_000);
    let malformed: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"{".to_vec(),
        b"null".to_vec(),
        b"[]".to_vec(),
        b"\"text\"".to_vec(),
        b"1e999999".to_vec(),
        b"{\"a\":1}garbage".to_vec(),
        vec![0xff, 0xfe, 0x00],
        deep_array.into_bytes(),
        deep_object.into_bytes(),
    ];
    for uri in ["/_mock/clock", "/_mock/faults"] {
        for body in &malformed {
            let what = format!("POST {uri} {}", String::from_utf8_lossy(&body[..body.len().min(40)]));
            assert_refused(&what, &admin(&app, "POST", uri, body).await);
        }
    }
    // serde takes a struct from a JSON array too: `[]` is the empty state document.
    for body in malformed.iter().filter(|body| body.as_slice() != b"[]") {
        let what = format!("PUT state {}", String::from_utf8_lossy(&body[..body.len().min(40)]));
        assert_refused(&what, &admin(&app, "PUT", "/_mock/state", body).await);
    }
    let fault_bodies: &[&[u8]] = &[
        br#"{"code": "InternalError", "count": 18446744073709551616}"#,
        br#"{"code": "InternalError", "count": -1}"#,
        br#"{"code": "InternalError", "count": 0}"#,
        br#"{"code": "InternalError", "after": 1e30}"#,
        br#"{"latency_ms": 18446744073709551615}"#,
        br#"{"latency_ms": -1}"#,
        br#"{"code": "InternalError", "probability": 1e309}"#,
        br#"{"code": "InternalError", "probability": -0.5}"#,
        br#"{"code": "InternalError", "status": 65536}"#,
        br#"{"code": "InternalError", "status": 200}"#,
        br#"{"code": "InternalError", "status": 99999}"#,
        br#"{"code": ""}"#,
        br#"{"code": "InternalError", "action": ""}"#,
        br#"{"code": "InternalError", "account": ""}"#,
        br#"{"code": "InternalError", "surprise": true}"#,
    ];
    for body in fault_bodies {
        let (status, answer) = admin(&app, "POST", "/_mock/faults", body).await;
        let what = String::from_utf8_lossy(body);
        assert!(status.is_client_error(), "{what}: {status} {answer}");
        assert!(answer["error"].is_string(), "{what}: {answer}");
    }
    assert_eq!(
        admin(&app, "GET", "/_mock/faults", b"").await.1["faults"],
        serde_json::json!([])
    );
    for (method, uri) in [
        ("GET", "/_mock/journal?limit=99999999999999999999999"),
        ("GET", "/_mock/journal?limit=-1"),
        ("GET", "/_mock/journal?limit=1e3"),
        ("GET", "/_mock/journal?limits=1"),
        ("GET", "/_mock/journal?%ff=1"),
        ("POST", "/_mock/reset?acount=testid"),
        ("DELETE", "/_mock/faults/99999999999999999999999999"),
        ("DELETE", "/_mock/faults/-1"),
        ("DELETE", "/_mock/faults/%ff"),
    ] {
        let (status, answer) = admin(&app, method, uri, b"").await;
        assert!(status.is_client_error(), "{method} {uri}: {status} {answer}");
        assert!(answer["error"].is_string(), "{method} {uri}: {answer}");
    }
    // Odd but well-formed: answered, not refused.
    let (status, _) = admin(
        &app,
        "GET",
        "/_mock/journal?limit=18446744073709551615&account=%ff%fe",
        b"",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    still_answers(&app, &service, "after_admin").await;
}

fn state_with(last_app_id: &str, app_id: &str, time: &str) -> String {
    format!(
        r#"{{"format": 1, "last_app_id": {last_app_id}, "scopes": [{{"account_uid": "1234567890123456",
          "region": "cn-hangzhou", "apps": [{{"id": {app_id}, "name": "seeded", "description": "",
          "extend": "", "disabled": false, "created_at": "{time}", "modified_at": "{time}",
          "tags": [],
          "key_pairs": [{{"app_key": "204060801", "app_secret": "c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1",
                          "created_at": "{time}", "modified_at": "{time}"}}],
          "app_codes": [{{"app_code": "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c01",
                          "created_at": "{time}", "modified_at": "{time}"}}],
          "app_code_reset_at": null}}]}}]}}"#
    )
}

/// State documents with extreme ids and times: refused (with nothing changed), or taken and
/// then served without a panic, a 5xx or a wrapped id.
#[tokio::test]
async fn state_documents_with_extreme_numbers_and_times_never_break_the_mock() {
    let (app, service) = app();
    let cases = [
        state_with("10000000001", "10000000001", "2026-11-30T09:31:28Z"),
        state_with("9223372036854775807", "10000000001", "2026-11-30T09:31:28Z"),
        state_with("10000000001", "9223372036854775807", "2026-11-30T09:31:28Z"),
        state_with("9223372036854775808", "10000000001", "2026-11-30T09:31:28Z"),
        state_with("-1", "-5", "2026-11-30T09:31:28Z"),
        state_with("10000000001", "10000000001", "9999-12-31T23:59:59-01:00"),
        state_with("10000000001", "10000000001", "0000-01-01T00:00:00+01:00"),
        state_with("10000000001", "10000000001", "-9999-01-01T00:00:00Z"),
        state_with("1e400", "10000000001", "2026-11-30T09:31:28Z"),
    ];
    let (status, answer) = admin(&app, "PUT", "/_mock/state", cases[0].as_bytes()).await;
    assert_eq!(status, StatusCode::OK, "the template is a valid document: {answer}");
    for document in &cases {
        let (status, answer) = admin(&app, "PUT", "/_mock/state", document.as_bytes()).await;
        assert!(
            status == StatusCode::OK || status.is_client_error(),
            "{status} {answer}"
        );
        // Whatever was taken is served: listed, exported, and a new app gets a positive id.
        let (status, _) = admin(&app, "GET", "/_mock/state", b"").await;
        assert_eq!(status, StatusCode::OK);
        list_apps(&app, &service).await;
        admin(&app, "POST", "/_mock/reset", b"").await;
    }
    still_answers(&app, &service, "after_states").await;
}

/// A state whose id generator is at the end of its range: refused on import, or the next
/// CreateApps are refused or given ids above every earlier one, never a wrapped (negative)
/// id. At least one of the documents is taken, so the create path is exercised too.
#[tokio::test]
async fn the_app_id_generator_never_wraps() {
    let (app, service) = app();
    let mut imported = 0;
    // The last id an i64 holds, and the last one a JSON number holds exactly (2^53 - 1).
    for last_app_id in ["9223372036854775806", "9007199254740990"] {
        admin(&app, "POST", "/_mock/reset", b"").await;
        let document = state_with(last_app_id, "10000000001", "2026-11-30T09:31:28Z");
        let (status, answer) = admin(&app, "PUT", "/_mock/state", document.as_bytes()).await;
        if status != StatusCode::OK {
            assert!(status.is_client_error(), "{last_app_id}: {status} {answer}");
            continue;
        }
        imported += 1;
        let mut highest = last_app_id.parse::<i64>().expect("a number");
        for name in ["near_end_one", "near_end_two", "near_end_three"] {
            let (status, body) = signed_create(&app, &service, name).await;
            assert!(status.is_client_error() || status == StatusCode::OK, "{status} {body}");
            if status == StatusCode::OK {
                let id = body["AppId"].as_i64().unwrap_or_else(|| panic!("{body}"));
                assert!(id > highest, "{last_app_id} {name}: id {id} after {highest}");
                highest = id;
            }
        }
    }
    assert!(
        imported > 0,
        "neither document was taken: the create path went unchecked"
    );
}

async fn signed_create(app: &axum::Router, service: &Service, name: &str) -> (StatusCode, serde_json::Value) {
    let params = vec![("AppName".to_owned(), name.to_owned())];
    signed(app, service, "CreateApp", &params).await
}

async fn list_apps(app: &axum::Router, service: &Service) {
    let (status, body) = signed(app, service, "DescribeAppAttributes", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn signed(
    app: &axum::Router,
    service: &Service,
    action: &str,
    params: &[(String, String)],
) -> (StatusCode, serde_json::Value) {
    let request = Signer::new("testid", "testsecret").sign(&Call {
        action,
        params,
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
    (
        status,
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}")),
    )
}

/// CreateApi's JSON documents, broken, deep, huge or hostile: each is refused with the
/// parameter's own code, whose message names it, and the mock serves on.
#[tokio::test]
async fn hostile_api_documents_get_the_parameter_s_refusal() {
    let (app, service) = app();
    let (status, group) = signed(
        &app,
        &service,
        "CreateApiGroup",
        &[("GroupName".into(), "hostile_group".into())],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{group}");
    let group_id = group["GroupId"].as_str().expect("GroupId").to_owned();
    let request_config =
        r#"{"RequestProtocol":"HTTP","RequestHttpMethod":"GET","RequestPath":"/h","RequestMode":"PASSTHROUGH"}"#;
    let service_config = r#"{"ServiceProtocol":"HTTP","ServiceTimeout":1000,"Mock":"TRUE"}"#;
    let deep = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let cases: Vec<(&str, String)> = vec![
        ("RequestConfig", r#"{"RequestProtocol":"HTTP""#.to_owned()),
        ("RequestConfig", "null".to_owned()),
        ("RequestConfig", "[1,2,3]".to_owned()),
        ("RequestConfig", deep(100)),
        ("RequestConfig", deep(20_000)),
        (
            "RequestConfig",
            format!(r#"{{"RequestPath":"/{}"}}"#, "\u{0}\u{202e}é".repeat(10)),
        ),
        (
            "ServiceConfig",
            r#"{"ServiceProtocol":"HTTP","ServiceTimeout":1e400}"#.to_owned(),
        ),
        (
            "ServiceConfig",
            r#"{"ServiceProtocol":"HTTP","ServiceTimeout":99999999999999999999}"#.to_owned(),
        ),
        (
            "ServiceConfig",
            r#"{"ServiceProtocol":"HTTP","ServiceTimeout":-5}"#.to_owned(),
        ),
        (
            "ServiceConfig",
            r#"{"ServiceProtocol":"GOPHER","ServiceTimeout":5}"#.to_owned(),
        ),
        (
            "ServiceConfig",
            format!(
                r#"{{"ServiceProtocol":"HTTP","ServiceTimeout":5,"MockResult":"{}"}}"#,
                "x".repeat(60_000)
            ),
        ),
        ("RequestParameters", r#"{"not":"an array"}"#.to_owned()),
        (
            "RequestParameters",
            r#"[{"ApiParameterName":"a","Location":"NOWHERE"}]"#.to_owned(),
        ),
        ("ServiceParametersMap", deep(300)),
        ("ConstantParameters", r#"[1,"two",null]"#.to_owned()),
    ];
    for (name, document) in cases {
        let mut params: Vec<(String, String)> = vec![
            ("GroupId".into(), group_id.clone()),
            ("ApiName".into(), "hostile_api".into()),
            ("Visibility".into(), "PRIVATE".into()),
            ("RequestConfig".into(), request_config.into()),
            ("ServiceConfig".into(), service_config.into()),
        ];
        params.retain(|(n, _)| n != name);
        params.push((name.to_owned(), document.clone()));
        let (status, body) = signed_form(&app, &service, "CreateApi", &params).await;
        let shown: String = document.chars().take(60).collect();
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name} = {shown}: {body}");
        assert_eq!(body["Code"], format!("Invalid{name}"), "{name} = {shown}: {body}");
        let message = body["Message"].as_str().unwrap_or_default();
        assert!(message.contains(name), "{name}: {message}");
    }
    still_serves(&app, &service, "after_hostile_documents").await;
}

/// [`signed`] with the parameters in a form body, as the Tea SDKs send CreateApi's documents.
async fn signed_form(
    app: &axum::Router,
    service: &Service,
    action: &str,
    params: &[(String, String)],
) -> (StatusCode, serde_json::Value) {
    let request = Signer::new("testid", "testsecret").sign(&Call {
        action,
        params,
        scheme: Scheme::V2,
        method: "POST",
        placement: Placement::FormBody,
        format: Format::Json,
        host: "localhost",
        timestamp: service.clock().now(),
        nonce: &fresh_nonce(),
    });
    let mut builder = Request::post(format!("/?{}", request.query));
    for (name, value) in &request.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let (status, body) = send(app, builder.body(Body::from(request.body)).expect("request")).await;
    (
        status,
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}")),
    )
}
