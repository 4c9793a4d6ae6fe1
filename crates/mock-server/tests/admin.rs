//! The admin API through HTTP, without a socket: health, reset, state, journal, clock,
//! faults, volatile fields, and `--no-admin`.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use cloudapi_core::client::{fresh_nonce, Call, Placement, Signer};
use cloudapi_core::{Config, Credential, Format, RawRequest, Scheme, StateSnapshot};
use cloudapi_mock::Mock;
use serde_json::{json, Value};
use tower::ServiceExt;

const OTHER_KEY: &str = "other";
const OTHER_SECRET: &str = "other-secret";
const OTHER_UID: &str = "2234567890123456";

/// A mock with a second account, behind the router.
fn mock_with(capacity: usize) -> (axum::Router, Mock) {
    let config = Config {
        credentials: vec![Credential::new(OTHER_KEY, OTHER_SECRET, Some(OTHER_UID.into()))],
        throttle_per_second: 0,
        ..Config::default()
    };
    let mock = Mock::builder()
        .config(config)
        .journal_capacity(capacity)
        .build()
        .expect("valid");
    (mock.router(), mock)
}

fn mock() -> (axum::Router, Mock) {
    mock_with(100)
}

struct Reply {
    status: StatusCode,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

async fn send(app: &axum::Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.expect("the router never fails");
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    Reply {
        status,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

async fn admin(app: &axum::Router, method: &str, uri: &str, body: Option<Value>) -> Reply {
    let request = Request::builder().method(method).uri(uri);
    let request = match body {
        Some(body) => request
            .header("content-type", "application/json")
            .body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    };
    send(app, request.expect("request")).await
}

fn to_http(raw: RawRequest) -> Request<Body> {
    let uri = if raw.query.is_empty() {
        raw.path.clone()
    } else {
        format!("{}?{}", raw.path, raw.query)
    };
    let mut request = Request::builder().method(raw.method.as_str()).uri(uri);
    for (name, value) in &raw.headers {
        request = request.header(name.as_str(), value.as_str());
    }
    request.body(Body::from(raw.body)).expect("request")
}

struct Caller<'a> {
    key: &'a str,
    secret: &'a str,
    format: Format,
}

const ME: Caller<'static> = Caller {
    key: "testid",
    secret: "testsecret",
    format: Format::Json,
};
const THEM: Caller<'static> = Caller {
    key: OTHER_KEY,
    secret: OTHER_SECRET,
    format: Format::Json,
};

/// A correctly signed V2 call on the mock's own clock.
async fn call(app: &axum::Router, mock: &Mock, caller: &Caller<'_>, action: &str, params: &[(&str, &str)]) -> Reply {
    let params: Vec<(String, String)> = params.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect();
    let raw = Signer::new(caller.key, caller.secret).sign(&Call {
        action,
        params: &params,
        scheme: Scheme::V2,
        method: "GET",
        placement: Placement::Query,
        format: caller.format,
        host: "localhost",
        timestamp: mock.service().clock().now(),
        nonce: &fresh_nonce(),
    });
    send(app, to_http(raw)).await
}

async fn create(app: &axum::Router, mock: &Mock, caller: &Caller<'_>, name: &str) -> i64 {
    let reply = call(app, mock, caller, "CreateApp", &[("AppName", name)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["AppId"].as_i64().expect("an AppId")
}

async fn describe(app: &axum::Router, mock: &Mock, caller: &Caller<'_>, id: i64) -> Reply {
    call(app, mock, caller, "DescribeApp", &[("AppId", &id.to_string())]).await
}

fn assert_admin_error(reply: &Reply, status: StatusCode, mentions: &str) {
    assert_eq!(reply.status, status, "{}", reply.body);
    let body = reply.json();
    let message = body["error"]
        .as_str()
        .unwrap_or_else(|| panic!("no error field: {body}"));
    assert!(message.contains(mentions), "{message:?} does not mention {mentions:?}");
    assert_eq!(body.as_object().map(|o| o.len()), Some(1), "{body}");
}

// ---- health ----

#[tokio::test]
async fn health_reports_accounts_apps_clock_journal_and_faults() {
    let (app, mock) = mock();
    create(&app, &mock, &ME, "health_app").await;
    admin(
        &app,
        "POST",
        "/_mock/faults",
        Some(json!({"latency_ms": 1, "action": "DescribeApp"})),
    )
    .await;
    let health = admin(&app, "GET", "/_mock/health", None).await.json();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(health["apps"], 1);
    assert_eq!(health["accounts"][0]["access_key_id"], OTHER_KEY);
    assert_eq!(health["accounts"][1]["access_key_id"], "testid");
    assert_eq!(health["accounts"][1]["apps"], 1);
    assert_eq!(health["clock"]["frozen"], false);
    let journal = &health["journal"];
    assert_eq!(
        (journal["capacity"].as_u64(), journal["entries"].as_u64()),
        (Some(100), Some(1))
    );
    assert_eq!(
        journal["max_bytes"].as_u64(),
        Some(cloudapi_mock::DEFAULT_JOURNAL_MAX_BYTES as u64)
    );
    let held = journal["bytes"].as_u64().unwrap_or_default();
    assert!(held > 0 && held < 4096, "one small request's entry: {journal}");
    assert_eq!(health["faults"], 1);
}

// ---- reset ----

#[tokio::test]
async fn reset_clears_apps_journal_faults_nonces_and_returns_the_clock_to_real_time() {
    let (app, mock) = mock();
    let mine = create(&app, &mock, &ME, "mine_app").await;
    create(&app, &mock, &THEM, "their_app").await;
    admin(
        &app,
        "POST",
        "/_mock/faults",
        Some(json!({"code": "InternalError", "action": "DeleteApp"})),
    )
    .await;
    admin(
        &app,
        "POST",
        "/_mock/clock",
        Some(json!({"now": "2026-11-30T09:31:28Z"})),
    )
    .await;

    let reply = admin(&app, "POST", "/_mock/reset", None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.json(), json!({"reset": "all"}));

    assert_eq!(describe(&app, &mock, &ME, mine).await.json()["Code"], "NotFoundApp");
    let health = admin(&app, "GET", "/_mock/health", None).await.json();
    assert_eq!(health["apps"], 0);
    assert_eq!(health["faults"], 0);
    assert_eq!(health["clock"]["frozen"], false);
    assert_eq!(health["journal"]["entries"], 1, "only the describe since the reset");
    assert_eq!(mock.service().remembered_nonces(), 1, "only the describe's nonce");
}

#[tokio::test]
async fn reset_of_one_account_keeps_the_others_apps_journal_faults_and_clock() {
    let (app, mock) = mock();
    let mine = create(&app, &mock, &ME, "mine_app").await;
    let theirs = create(&app, &mock, &THEM, "their_app").await;
    admin(
        &app,
        "POST",
        "/_mock/faults",
        Some(json!({"latency_ms": 1, "account": "testid"})),
    )
    .await;
    admin(
        &app,
        "POST",
        "/_mock/faults",
        Some(json!({"latency_ms": 1, "account": OTHER_KEY})),
    )
    .await;
    admin(
        &app,
        "POST",
        "/_mock/clock",
        Some(json!({"now": "2026-11-30T09:31:28Z"})),
    )
    .await;

    let reply = admin(&app, "POST", "/_mock/reset?account=testid", None).await;
    assert_eq!(
        reply.json(),
        json!({"reset": "account", "account_uid": "1234567890123456"})
    );

    let faults = admin(&app, "GET", "/_mock/faults", None).await.json();
    assert_eq!(faults["faults"].as_array().map(Vec::len), Some(1));
    assert_eq!(faults["faults"][0]["account"], OTHER_KEY);
    let journal = admin(&app, "GET", "/_mock/journal", None).await.json();
    let accounts: Vec<&str> = journal["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["access_key_id"].as_str())
        .collect();
    assert_eq!(accounts, [OTHER_KEY]);
    assert!(mock.service().clock().is_frozen(), "the clock is everyone's");

    assert_eq!(describe(&app, &mock, &ME, mine).await.json()["Code"], "NotFoundApp");
    assert_eq!(describe(&app, &mock, &THEM, theirs).await.status, StatusCode::OK);
    // The same name is free again; ids are not handed out twice.
    let again = create(&app, &mock, &ME, "mine_app").await;
    assert!(again > theirs);
}

#[tokio::test]
async fn reset_by_account_uid_works_too() {
    let (app, mock) = mock();
    create(&app, &mock, &THEM, "their_app").await;
    let reply = admin(&app, "POST", &format!("/_mock/reset?account={OTHER_UID}"), None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(mock.service().store().with(|w| w.app_count(OTHER_UID)), 0);
}

#[tokio::test]
async fn reset_refuses_unknown_accounts_and_misspelt_parameters() {
    let (app, mock) = mock();
    create(&app, &mock, &ME, "survivor").await;
    let unknown = admin(&app, "POST", "/_mock/reset?account=nobody", None).await;
    assert_admin_error(&unknown, StatusCode::NOT_FOUND, "nobody");
    let misspelt = admin(&app, "POST", "/_mock/reset?acount=testid", None).await;
    assert_admin_error(&misspelt, StatusCode::BAD_REQUEST, "acount");
    assert_eq!(mock.service().store().with(|w| w.app_count("1234567890123456")), 1);
}

#[tokio::test]
async fn reset_returns_to_the_seed() {
    let seed = load_example_seed();
    let mock = Mock::builder().seed(seed.clone()).build().expect("valid seed");
    let app = mock.router();
    let created = create(&app, &mock, &ME, "not_in_the_seed").await;
    assert!(created > 10_000_000_003, "ids continue after the seed's");
    call(&app, &mock, &ME, "DeleteApp", &[("AppId", "10000000001")]).await;

    admin(&app, "POST", "/_mock/reset?account=testid", None).await;
    let after_account_reset = admin(&app, "GET", "/_mock/state", None).await.json();
    assert_eq!(
        after_account_reset["scopes"],
        serde_json::to_value(&seed).expect("json")["scopes"]
    );

    create(&app, &mock, &ME, "again_not_in_the_seed").await;
    admin(&app, "POST", "/_mock/reset", None).await;
    let after_reset: StateSnapshot =
        serde_json::from_value(admin(&app, "GET", "/_mock/state", None).await.json()).expect("a state document");
    assert_eq!(after_reset, seed);
}

#[tokio::test]
async fn an_account_reset_that_would_reuse_a_taken_key_is_a_conflict() {
    let config = Config {
        credentials: vec![Credential::new(OTHER_KEY, OTHER_SECRET, Some(OTHER_UID.into()))],
        ..Config::default()
    };
    let mock = Mock::builder()
        .config(config)
        .seed(load_example_seed())
        .build()
        .expect("valid seed");
    let app = mock.router();
    // The seeded app's AppKey is freed by its deletion and taken by another account.
    call(&app, &mock, &ME, "DeleteApp", &[("AppId", "10000000001")]).await;
    let taken = call(
        &app,
        &mock,
        &THEM,
        "CreateApp",
        &[("AppName", "key_taker"), ("AppKey", "204060801")],
    )
    .await;
    assert_eq!(taken.status, StatusCode::OK, "{}", taken.body);
    let before = admin(&app, "GET", "/_mock/state", None).await.body;
    let reply = admin(&app, "POST", "/_mock/reset?account=testid", None).await;
    assert_admin_error(&reply, StatusCode::CONFLICT, "204060801");
    assert_eq!(
        admin(&app, "GET", "/_mock/state", None).await.body,
        before,
        "nothing changed"
    );
}

fn load_example_seed() -> StateSnapshot {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/seed/example.json");
    let text = std::fs::read_to_string(path).expect("the example seed exists");
    serde_json::from_str(&text).expect("the example seed is a state document")
}

// ---- state ----

#[tokio::test]
async fn state_export_then_import_round_trips_exactly() {
    let (app, mock) = mock();
    let first = create(&app, &mock, &ME, "first_app").await;
    create(&app, &mock, &ME, "second_app").await;
    create(&app, &mock, &THEM, "their_app").await;
    let deleted = create(&app, &mock, &ME, "deleted_app").await;
    call(&app, &mock, &ME, "DeleteApp", &[("AppId", &deleted.to_string())]).await;
    call(
        &app,
        &mock,
        &ME,
        "CreateApp",
        &[
            ("AppName", "tagged_app"),
            ("Tag.1.Key", "env"),
            ("Tag.1.Value", "ci"),
            ("RegionId", "cn-beijing"),
        ],
    )
    .await;
    call(&app, &mock, &ME, "CreateAppKey", &[("AppId", &first.to_string())]).await;
    call(
        &app,
        &mock,
        &ME,
        "ModifyApp",
        &[("AppId", &first.to_string()), ("Description", "changed")],
    )
    .await;

    let exported = admin(&app, "GET", "/_mock/state", None).await;
    assert_eq!(exported.status, StatusCode::OK);
    let before = mock.service().store().with(|w| w.export());

    // Into a fresh mock, and into this one after a reset: both give the same document back.
    let (fresh_app, fresh) = mock_with(10);
    let imported = admin(&fresh_app, "PUT", "/_mock/state", Some(exported.json())).await;
    assert_eq!(imported.status, StatusCode::OK, "{}", imported.body);
    assert_eq!(imported.json(), json!({"imported": true, "apps": 4}));
    assert_eq!(admin(&fresh_app, "GET", "/_mock/state", None).await.body, exported.body);
    admin(&app, "POST", "/_mock/reset", None).await;
    admin(&app, "PUT", "/_mock/state", Some(exported.json())).await;
    assert_eq!(admin(&app, "GET", "/_mock/state", None).await.body, exported.body);
    assert_eq!(mock.service().store().with(|w| w.export()), before);

    // The indexes came back: names are taken, keys are known, the quota counts, ids go on.
    let repeated = call(&fresh_app, &fresh, &ME, "CreateApp", &[("AppName", "second_app")]).await;
    assert_eq!(repeated.json()["Code"], "RepeatedAppName");
    let described = describe(&fresh_app, &fresh, &ME, first).await.json();
    assert_eq!(described["Description"], "changed");
    assert_eq!(fresh.service().store().with(|w| w.app_count("1234567890123456")), 3);
    let next = create(&fresh_app, &fresh, &ME, "next_app").await;
    assert!(next > deleted, "a deleted app's id is not handed out again");
}

#[tokio::test]
async fn state_import_refuses_bad_documents_and_changes_nothing() {
    let (app, mock) = mock();
    create(&app, &mock, &ME, "kept_app").await;
    let before = admin(&app, "GET", "/_mock/state", None).await.body;
    let mut seed = serde_json::to_value(load_example_seed()).expect("json");

    let not_json = send(
        &app,
        Request::put("/_mock/state")
            .body(Body::from("{not json"))
            .expect("request"),
    )
    .await;
    assert_admin_error(&not_json, StatusCode::BAD_REQUEST, "invalid JSON");

    let unknown_field = admin(&app, "PUT", "/_mock/state", Some(json!({"scopes": [], "extra": 1}))).await;
    assert_admin_error(&unknown_field, StatusCode::BAD_REQUEST, "extra");

    let mut duplicate_key = seed.clone();
    duplicate_key["scopes"][1]["apps"][1]["key_pairs"][0]["app_key"] = json!("204060801");
    let refused = admin(&app, "PUT", "/_mock/state", Some(duplicate_key)).await;
    assert_admin_error(&refused, StatusCode::BAD_REQUEST, "204060801");

    seed["scopes"][0]["account_uid"] = json!("9999999999999999");
    let unknown_account = admin(&app, "PUT", "/_mock/state", Some(seed)).await;
    assert_admin_error(&unknown_account, StatusCode::BAD_REQUEST, "9999999999999999");

    assert_eq!(admin(&app, "GET", "/_mock/state", None).await.body, before);
}

// ---- journal ----

#[tokio::test]
async fn journal_is_newest_first_and_bounded() {
    let (app, mock) = mock_with(3);
    for name in ["app_one", "app_two", "app_three", "app_four"] {
        create(&app, &mock, &ME, name).await;
    }
    let journal = admin(&app, "GET", "/_mock/journal", None).await.json();
    assert_eq!(journal["capacity"], 3);
    let entries = journal["entries"].as_array().expect("entries");
    let names: Vec<&str> = entries
        .iter()
        .filter_map(|e| e["parameters"]["AppName"].as_str())
        .collect();
    assert_eq!(names, ["app_four", "app_three", "app_two"]);
    let latest = &entries[0];
    assert_eq!(latest["action"], "CreateApp");
    assert_eq!(latest["access_key_id"], "testid");
    assert_eq!(latest["account_uid"], "1234567890123456");
    assert_eq!(latest["region"], "cn-hangzhou");
    assert_eq!(latest["scheme"], "v2");
    assert_eq!(latest["surface"], "management");
    assert_eq!(latest["status"], 200);
    assert_eq!(latest["error_code"], Value::Null);
    assert_eq!(latest["fault"], Value::Null);
    assert!(latest["latency_ms"].as_f64().is_some_and(|ms| ms >= 0.0));
    assert_eq!(latest["truncated"], false, "a small request is kept whole");
    assert!(latest["time"].as_str().is_some_and(|t| t.ends_with('Z')));
    assert!(latest["request_id"].as_str().is_some_and(|id| id.len() == 36));

    let cleared = admin(&app, "DELETE", "/_mock/journal", None).await;
    assert_eq!(cleared.status, StatusCode::OK);
    let journal = admin(&app, "GET", "/_mock/journal", None).await.json();
    assert_eq!(journal["entries"], json!([]));
}

#[tokio::test]
async fn journal_filters_by_account_and_action_and_limits() {
    let (app, mock) = mock();
    let mine = create(&app, &mock, &ME, "mine_app").await;
    create(&app, &mock, &THEM, "their_app").await;
    describe(&app, &mock, &ME, mine).await;
    describe(&app, &mock, &ME, 42).await;
    let actions = |reply: Reply| -> Vec<(String, String)> {
        reply.json()["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .map(|e| {
                (
                    e["access_key_id"].as_str().unwrap_or_default().to_owned(),
                    e["action"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    };
    let pair = |key: &str, action: &str| (key.to_owned(), action.to_owned());
    assert_eq!(
        actions(admin(&app, "GET", "/_mock/journal?account=testid", None).await),
        [
            pair("testid", "DescribeApp"),
            pair("testid", "DescribeApp"),
            pair("testid", "CreateApp")
        ]
    );
    assert_eq!(
        actions(admin(&app, "GET", &format!("/_mock/journal?account={OTHER_UID}"), None).await),
        [pair(OTHER_KEY, "CreateApp")]
    );
    assert_eq!(
        actions(admin(&app, "GET", "/_mock/journal?action=CreateApp&limit=1", None).await),
        [pair(OTHER_KEY, "CreateApp")]
    );
    let failed = admin(&app, "GET", "/_mock/journal?action=DescribeApp&limit=1", None)
        .await
        .json();
    assert_eq!(failed["entries"][0]["error_code"], "NotFoundApp");
    assert_eq!(failed["entries"][0]["status"], 400);

    let bad_limit = admin(&app, "GET", "/_mock/journal?limit=many", None).await;
    assert_admin_error(&bad_limit, StatusCode::BAD_REQUEST, "many");
    let unknown = admin(&app, "GET", "/_mock/journal?acount=testid", None).await;
    assert_admin_error(&unknown, StatusCode::BAD_REQUEST, "acount");
}

#[tokio::test]
async fn journal_records_refused_and_unsigned_requests_too() {
    let (app, _mock) = mock();
    send(
        &app,
        Request::get("/?Action=CreateApp&Version=2016-07-14&Format=JSON")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    let journal = admin(&app, "GET", "/_mock/journal", None).await.json();
    let entry = &journal["entries"][0];
    assert_eq!(entry["action"], "CreateApp");
    assert_eq!(entry["access_key_id"], Value::Null);
    assert_eq!(entry["error_code"], "MissingAccessKeyId");

    // A refused call of a known key is still its account's.
    send(
        &app,
        Request::get("/?Action=CreateApp&Version=2016-07-14&Format=JSON&AccessKeyId=other")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    let theirs = admin(&app, "GET", &format!("/_mock/journal?account={OTHER_UID}"), None)
        .await
        .json();
    assert_eq!(theirs["entries"][0]["error_code"], "MissingParameter");
    assert_eq!(theirs["entries"][0]["account_uid"], OTHER_UID);
}

#[tokio::test]
async fn journal_never_holds_a_secret_or_a_signature() {
    let (app, mock) = mock();
    let secret_param = "my-own-app-secret-value";
    let params: Vec<(String, String)> = vec![
        ("AppName".into(), "secretive_app".into()),
        ("AppSecret".into(), secret_param.into()),
        ("AppCode".into(), "0123456789abcdef0123456789abcdef".into()),
    ];
    for scheme in [Scheme::V2, Scheme::V3] {
        let raw = Signer {
            access_key_id: "testid".into(),
            access_key_secret: "testsecret".into(),
            security_token: Some("sts-token-value".into()),
        }
        .sign(&Call {
            action: "CreateApp",
            params: &params,
            scheme,
            method: "POST",
            placement: Placement::FormBody,
            format: Format::Json,
            host: "localhost",
            timestamp: mock.service().clock().now(),
            nonce: &fresh_nonce(),
        });
        let signature = match scheme {
            Scheme::V2 => cloudapi_core::protocol::params::decode_form(&raw.body)
                .into_iter()
                .chain(cloudapi_core::protocol::params::decode_form(raw.query.as_bytes()))
                .find(|(name, _)| name == "Signature")
                .map(|(_, value)| value),
            Scheme::V3 => raw
                .header("authorization")
                .and_then(|h| h.rsplit_once("Signature="))
                .map(|(_, s)| s.to_owned()),
        }
        .expect("a signature");
        send(&app, to_http(raw)).await;
        let journal = admin(&app, "GET", "/_mock/journal?limit=1", None).await.body;
        for secret in [
            secret_param,
            "testsecret",
            "sts-token-value",
            "0123456789abcdef0123456789abcdef",
            &signature,
        ] {
            assert!(
                !journal.contains(secret),
                "{scheme:?}: the journal holds {secret:?}: {journal}"
            );
        }
        assert!(journal.contains("secretive_app"), "{journal}");
        admin(&app, "POST", "/_mock/reset", None).await;
    }
}

#[tokio::test]
async fn a_journal_of_size_zero_keeps_nothing() {
    let (app, mock) = mock_with(0);
    create(&app, &mock, &ME, "unrecorded").await;
    let journal = admin(&app, "GET", "/_mock/journal", None).await.json();
    assert_eq!(journal, json!({"capacity": 0, "entries": []}));
}

// ---- clock ----

#[tokio::test]
async fn clock_is_set_advanced_and_returned_to_real_time() {
    let (app, mock) = mock();
    let real = admin(&app, "GET", "/_mock/clock", None).await.json();
    assert_eq!(real["frozen"], false);

    let set = admin(
        &app,
        "POST",
        "/_mock/clock",
        Some(json!({"now": "2026-11-30T09:31:28Z"})),
    )
    .await;
    assert_eq!(set.json(), json!({"now": "2026-11-30T09:31:28Z", "frozen": true}));
    let advanced = admin(&app, "POST", "/_mock/clock", Some(json!({"advance_secs": 1860}))).await;
    assert_eq!(advanced.json(), json!({"now": "2026-11-30T10:02:28Z", "frozen": true}));
    let back = admin(&app, "POST", "/_mock/clock", Some(json!({"advance_secs": -60}))).await;
    assert_eq!(back.json()["now"], "2026-11-30T10:01:28Z");
    assert_eq!(
        admin(&app, "GET", "/_mock/clock", None).await.json()["now"],
        "2026-11-30T10:01:28Z"
    );

    // The clock drives the times in responses.
    let id = create(&app, &mock, &ME, "dated_app").await;
    assert_eq!(
        describe(&app, &mock, &ME, id).await.json()["CreatedTime"],
        "2026-11-30T10:01:28Z"
    );

    let deleted = admin(&app, "DELETE", "/_mock/clock", None).await.json();
    assert_eq!(deleted["frozen"], false);
    assert!(!mock.service().clock().is_frozen());
    let drift = (mock.service().clock().now() - time::OffsetDateTime::now_utc()).abs();
    assert!(drift < time::Duration::seconds(5));
}

#[tokio::test]
async fn clock_moves_the_signature_window() {
    let (app, mock) = mock();
    admin(
        &app,
        "POST",
        "/_mock/clock",
        Some(json!({"now": "2026-11-30T09:31:28Z"})),
    )
    .await;
    let params = vec![("AppName".to_owned(), "late_app".to_owned())];
    let signed_now = Signer::new("testid", "testsecret").sign(&Call {
        action: "CreateApp",
        params: &params,
        scheme: Scheme::V3,
        method: "POST",
        placement: Placement::Query,
        format: Format::Json,
        host: "localhost",
        timestamp: mock.service().clock().now(),
        nonce: &fresh_nonce(),
    });
    admin(&app, "POST", "/_mock/clock", Some(json!({"advance_secs": 16 * 60}))).await;
    let late = send(&app, to_http(signed_now)).await;
    assert_eq!(late.json()["Code"], "InvalidTimeStamp.Expired");
}

#[tokio::test]
async fn clock_refuses_what_it_cannot_read() {
    let (app, mock) = mock();
    for body in [
        json!({}),
        json!({"now": "2026-11-30T09:31:28Z", "advance_secs": 5}),
        json!({"now": "yesterday"}),
        json!({"advance_secs": "5"}),
        json!({"speed": 2}),
        json!({"advance_secs": i64::MAX}),
    ] {
        let reply = admin(&app, "POST", "/_mock/clock", Some(body.clone())).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}: {}", reply.body);
        assert!(reply.json()["error"].is_string(), "{body}");
    }
    assert!(!mock.service().clock().is_frozen());
}

// ---- faults ----

#[tokio::test]
async fn an_error_fault_fires_for_count_calls_with_the_real_envelope() {
    let (app, mock) = mock();
    let added = admin(
        &app,
        "POST",
        "/_mock/faults",
        Some(json!({"action": "CreateApp", "code": "ServiceUnavailable", "count": 2})),
    )
    .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    let id = added.json()["id"].as_u64().expect("an id");

    for name in ["faulted_one", "faulted_two"] {
        let reply = call(&app, &mock, &ME, "CreateApp", &[("AppName", name)]).await;
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
        let body = reply.json();
        assert_eq!(body["Code"], "ServiceUnavailable");
        assert_eq!(
            body["Message"],
            "The request has failed due to a temporary failure of the server."
        );
        assert_eq!(body["HostId"], "apigateway.cn-hangzhou.aliyuncs.com");
        let request_id = body["RequestId"].as_str().expect("RequestId");
        assert!(body["Recommend"].as_str().is_some_and(|r| r.ends_with(request_id)));
    }
    create(&app, &mock, &ME, "after_the_fault").await;
    assert_eq!(
        mock.service().store().with(|w| w.app_count("1234567890123456")),
        1,
        "faulted calls did nothing"
    );

    let listed = admin(&app, "GET", "/_mock/faults", None).await.json();
    let fault = &listed["faults"][0];
    assert_eq!(
        (
            fault["matched"].as_u64(),
            fault["fired"].as_u64(),
            fault["remaining"].as_u64()
        ),
        (Some(2), Some(2), Some(0))
    );

    let journal = admin(&app, "GET", "/_mock/journal?limit=3", None).await.json();
    let faults: Vec<Value> = journal["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["fault"].clone())
        .collect();
    assert_eq!(faults, [Value::Null, json!(id), json!(id)]);
    assert_eq!(journal["entries"][1]["error_code"], "ServiceUnavailable");
    assert_eq!(journal["entries"][1]["status"], 503);
}

#[tokio::test]
async fn an_error_fault_may_choose_its_status_and_answers_in_the_requested_format() {
    let (app, mock) = mock();
    admin(
        &app,
        "POST",
        "/_mock/faults",
        Some(json!({"code": "Throttling.User", "status": 429})),
    )
    .await;
    let xml_caller = Caller {
        format: Format::Xml,
        ..ME
    };
    let reply = call(&app, &mock, &xml_caller, "CreateApp", &[("AppName", "xml_app")]).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        reply.body.contains("<Error>") && reply.body.contains("<Code>Throttling.User</Code>"),
        "{}",
        reply.body
    );
    assert!(reply
        .body
        .contains("<Message>Request was denied due to user flow control.</Message>"));
}

#[tokio::test]
async fn after_lets_calls_through_before_a_fault_fires() {
    let (app, mock) = mock();
    admin(
        &app,
        "POST",
        "/_mock/faults",
        Some(json!({"action": "CreateApp", "code": "InternalError", "after": 1, "count": 2})),
    )
    .await;
    let mut statuses = Vec::new();
    for n in 0..4 {
        statuses.push(
            call(&app, &mock, &ME, "CreateApp", &[("AppName", &format!("scripted_{n}"))])
                .await
                .status
                .as_u16(),
        );
    }
    assert_eq!(statuses, [200, 500, 500, 200]);
}

#[tokio::test]
async fn probability_zero_never_fires_and_one_always_does() {
    let (app, mock) = mock();
    admin(
        &app,
        "POST",
        "/_mock/faults",
        Some(json!({"code": "InternalError", "probability": 0.0})),
    )
    .await;
    for n in 0..20 {
        create(&app, &mock, &ME, &format!("lucky_{n}")).await;
    }
    admin(&app, "DELETE", "/_mock/faults", None).await;
    admin(
        &app,
        "POST",
        "/_mock/faults",
        Some(json!({"code": "InternalError", "probability": 1.0})),
    )
    .await;
    for n in 0..20 {
        let reply = call(&app, &mock, &ME, "CreateApp", &[("AppName", &format!("unlucky_{n}"))]).await;
        assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    }
    let fault = &admin(&app, "GET", "/_mock/faults", None).await.json()["faults"][0];
    assert_eq!(
        (
            fault["matched"].as_u64(),
            fault["fired"].as_u64(),
            fault["remaining"].clone()
        ),
        (Some(20), Some(20), Value::Null)
    );
}

#[tokio::test]
async fn a_latency_fault_delays_the_answer_and_the_journal_shows_it() {
    let (app, mock) = mock();
    admin(
        &app,
        "POST",
        "/_mock/faults",
        Some(json!({"action": "DescribeApp", "latency_ms": 150, "count": 1})),
    )
    .await;
    let id = create(&app, &mock, &ME, "slow_app").await;
    let started = Instant::now();
    let reply = describe(&app, &mock, &ME, id).await;
    assert!(started.elapsed() >= Duration::from_millis(150));
    assert_eq!(reply.status, StatusCode::OK, "a delay alone answers normally");
    let journal = admin(&app, "GET", "/_mock/journal?limit=1", None).await.json();
    assert!(journal["entries"][0]["latency_ms"]
        .as_f64()
        .is_some_and(|ms| ms >= 150.0));
    assert_eq!(journal["entries"][0]["fault"], 1);
}

#[tokio::test]
async fn a_fault_for_one_account_spares_the_others() {
    let (app, mock) = mock();
    admin(
        &app,
        "POST",
        "/_mock/faults",
        Some(json!({"account": OTHER_KEY, "code": "InternalError"})),
    )
    .await;
    create(&app, &mock, &ME, "spared").await;
    let reply = call(&app, &mock, &THEM, "CreateApp", &[("AppName", "struck")]).await;
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn fault_rules_are_checked_before_they_are_kept() {
    let (app, _mock) = mock();
    let cases = [
        (json!({"code": "NoSuchCode"}), StatusCode::BAD_REQUEST, "NoSuchCode"),
        (
            json!({"action": "NoSuchAction", "code": "InternalError"}),
            StatusCode::BAD_REQUEST,
            "NoSuchAction",
        ),
        (
            json!({"code": "InternalError", "status": 200}),
            StatusCode::BAD_REQUEST,
            "200",
        ),
        (
            json!({"code": "InternalError", "probability": 2}),
            StatusCode::BAD_REQUEST,
            "probability",
        ),
        (
            json!({"code": "InternalError", "count": 0}),
            StatusCode::BAD_REQUEST,
            "count",
        ),
        (
            json!({"account": "nobody", "code": "InternalError"}),
            StatusCode::NOT_FOUND,
            "nobody",
        ),
        (json!({"count": 2}), StatusCode::BAD_REQUEST, "code"),
        (
            json!({"code": "InternalError", "colour": "red"}),
            StatusCode::BAD_REQUEST,
            "colour",
        ),
    ];
    for (rule, status, mentions) in cases {
        let reply = admin(&app, "POST", "/_mock/faults", Some(rule)).await;
        assert_admin_error(&reply, status, mentions);
    }
    assert_eq!(
        admin(&app, "GET", "/_mock/faults", None).await.json(),
        json!({"faults": []})
    );
}

#[tokio::test]
async fn faults_are_listed_removed_one_by_one_and_cleared() {
    let (app, _mock) = mock();
    let first = admin(&app, "POST", "/_mock/faults", Some(json!({"code": "InternalError"})))
        .await
        .json()["id"]
        .clone();
    let second = admin(
        &app,
        "POST",
        "/_mock/faults",
        Some(json!({"latency_ms": 5, "probability": 0.5})),
    )
    .await
    .json();
    assert_eq!(second["latency_ms"], 5);
    assert_eq!(second["probability"], 0.5);
    let removed = admin(&app, "DELETE", &format!("/_mock/faults/{first}"), None).await;
    assert_eq!(removed.json(), json!({"removed": first}));
    let again = admin(&app, "DELETE", &format!("/_mock/faults/{first}"), None).await;
    assert_admin_error(&again, StatusCode::NOT_FOUND, "fault");
    let listed = admin(&app, "GET", "/_mock/faults", None).await.json();
    assert_eq!(listed["faults"].as_array().map(Vec::len), Some(1));
    admin(&app, "DELETE", "/_mock/faults", None).await;
    assert_eq!(
        admin(&app, "GET", "/_mock/faults", None).await.json(),
        json!({"faults": []})
    );
}

// ---- volatile ----

#[tokio::test]
async fn volatile_fields_are_the_core_list() {
    let (app, _mock) = mock();
    let volatile = admin(&app, "GET", "/_mock/volatile", None).await.json();
    assert_eq!(
        volatile["fields"],
        serde_json::to_value(cloudapi_core::volatile::FIELDS).expect("json")
    );
    assert_eq!(volatile["errors"], json!(["RequestId"]));
    for action in cloudapi_core::Action::ALL {
        assert_eq!(
            volatile["actions"][action.name()],
            json!(cloudapi_core::volatile::of_action(*action)),
            "{}",
            action.name()
        );
    }
    assert_eq!(volatile["actions"]["CreateApp"], json!(["RequestId", "AppId"]));
    assert_eq!(
        volatile["fields"][3],
        json!({"field": "AppSecret", "kind": "AppSecret", "secret": true})
    );
}

// ---- the admin API's own edges ----

#[tokio::test]
async fn unknown_admin_paths_and_methods_answer_json() {
    let (app, _mock) = mock();
    let unknown = admin(&app, "GET", "/_mock/nothing-here", None).await;
    assert_admin_error(&unknown, StatusCode::NOT_FOUND, "/_mock/journal");
    let wrong_method = admin(&app, "DELETE", "/_mock/health", None).await;
    assert_admin_error(&wrong_method, StatusCode::METHOD_NOT_ALLOWED, "/_mock/reset");
    let root = admin(&app, "GET", "/_mock", None).await;
    assert_eq!(root.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn no_admin_turns_every_endpoint_off() {
    let app = Mock::builder().admin(false).build().expect("valid").router();
    for (method, uri) in [
        ("GET", "/_mock/health"),
        ("POST", "/_mock/reset"),
        ("GET", "/_mock/state"),
        ("GET", "/_mock/journal"),
        ("POST", "/_mock/clock"),
        ("POST", "/_mock/faults"),
        ("GET", "/_mock/volatile"),
    ] {
        let reply = admin(&app, method, uri, None).await;
        assert!(
            reply.body.contains("<Error>") || reply.body.contains("\"Code\""),
            "{method} {uri}: {}",
            reply.body
        );
        assert!(!reply.body.contains("\"error\""), "{method} {uri}: {}", reply.body);
    }
}
