//! Steps about the data plane: publishing an API (CreateApi, DeployApi, SetApisAuthorities
//! through the management API) and calling it on its group's domain, signed by the
//! project's own X-Ca digest, by AppCode or anonymously.

use cloudapi_conformance::data_plane::{self as client, Auth, Destination, GatewayCall, GatewayReply};
use cloudapi_conformance::target::Target;
use cloudapi_core::data_plane::signature::{self, SignatureMethod};
use cucumber::gherkin::Step;
use cucumber::{given, then, when};
use serde_json::{json, Value};

use super::world::SuiteWorld;

/// What the data-plane steps remember in a scenario.
#[derive(Debug, Default)]
pub struct DataPlaneState {
    /// APIs by the scenario's name: (group name, ApiId).
    pub apis: std::collections::HashMap<String, (String, String)>,
    /// The last call, to send again.
    pub last: Option<(String, GatewayCall)>,
    /// The last answer.
    pub reply: Option<GatewayReply>,
    /// The answers to the last repeated calls, by status and `X-Ca-Error-Code`.
    pub tally: std::collections::BTreeMap<String, usize>,
}

/// The API definition a step's table describes, as CreateApi's parameters.
fn create_api_params(group_id: &str, name: &str, table: &[(String, String)]) -> Vec<(String, String)> {
    let get = |key: &str| table.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let backend = get("Backend").unwrap_or("Mock");
    let request_config = json!({
        "RequestProtocol": get("Protocol").unwrap_or("HTTP,HTTPS"),
        "RequestHttpMethod": get("Method").unwrap_or("GET"),
        "RequestPath": get("Path").unwrap_or("/"),
        "RequestMode": get("RequestMode").unwrap_or("PASSTHROUGH"),
        "BodyFormat": "FORM",
    });
    let service_config: Value = if backend == "Mock" {
        json!({
            "ServiceProtocol": "HTTP",
            "ServiceAddress": "http://127.0.0.1",
            "ServicePath": "/",
            "ServiceHttpMethod": get("Method").unwrap_or("GET"),
            "ServiceTimeout": 10000,
            "Mock": "TRUE",
            "MockResult": get("MockResult").unwrap_or(""),
            "MockStatusCode": get("MockStatusCode").unwrap_or("200").parse::<i64>().unwrap_or(200),
            "MockHeaders": get("MockHeader").map(|h| {
                let (name, value) = h.split_once(':').unwrap_or((h, ""));
                json!([{"HeaderName": name.trim(), "HeaderValue": value.trim()}])
            }).unwrap_or(json!([])),
        })
    } else {
        json!({
            "ServiceProtocol": "HTTP",
            "ServiceAddress": backend,
            "ServicePath": get("ServicePath").unwrap_or("/"),
            "ServiceHttpMethod": get("ServiceMethod").or(get("Method")).unwrap_or("GET"),
            "ServiceTimeout": get("ServiceTimeout").unwrap_or("10000").parse::<i64>().unwrap_or(10000),
            "Mock": "FALSE",
        })
    };
    let mut params = vec![
        ("GroupId".to_owned(), group_id.to_owned()),
        ("ApiName".to_owned(), name.to_owned()),
        ("Visibility".to_owned(), "PRIVATE".to_owned()),
        ("AuthType".to_owned(), get("AuthType").unwrap_or("APP").to_owned()),
        ("RequestConfig".to_owned(), request_config.to_string()),
        ("ServiceConfig".to_owned(), service_config.to_string()),
        ("ResultType".to_owned(), "JSON".to_owned()),
        ("ResultSample".to_owned(), "{}".to_owned()),
    ];
    for key in ["AllowSignatureMethod", "AppCodeAuthType", "ForceNonceCheck"] {
        if let Some(value) = get(key) {
            params.push((key.to_owned(), value.to_owned()));
        }
    }
    params
}

fn table(step: &Step) -> Vec<(String, String)> {
    step.table
        .as_ref()
        .map(|t| {
            t.rows
                .iter()
                .skip(1)
                .filter_map(|row| Some((row.first()?.trim().to_owned(), row.get(1)?.trim().to_owned())))
                .collect()
        })
        .unwrap_or_default()
}

async fn publish(world: &mut SuiteWorld, group: &str, name: &str, stage: &str, definition: &[(String, String)]) {
    let group_id = world.group_id(group);
    let reply = world
        .call("CreateApi", create_api_params(&group_id, name, definition))
        .await;
    assert_eq!(reply.status, 200, "CreateApi: {}", reply.body);
    let api_id = reply.field("ApiId").expect("CreateApi answers an ApiId");
    for stage in stage.split(" and ") {
        let params = vec![
            ("GroupId".to_owned(), group_id.clone()),
            ("ApiId".to_owned(), api_id.clone()),
            ("StageName".to_owned(), stage.trim().to_owned()),
            ("Description".to_owned(), "published by the suite".to_owned()),
        ];
        let reply = world.call("DeployApi", params).await;
        assert_eq!(reply.status, 200, "DeployApi: {}", reply.body);
    }
    world.apis.insert(name.to_owned(), api_id.clone());
    world
        .data_plane
        .apis
        .insert(name.to_owned(), (group.to_owned(), api_id));
}

#[given(expr = "the group {string} publishes the API {string} in {word}:")]
async fn publishes(world: &mut SuiteWorld, group: String, name: String, stage: String, step: &Step) {
    publish(world, &group, &name, &stage, &table(step)).await;
}

#[given(expr = "the group {string} publishes the API {string} in {word} and {word}:")]
async fn publishes_in_two(world: &mut SuiteWorld, group: String, name: String, one: String, two: String, step: &Step) {
    publish(world, &group, &name, &format!("{one} and {two}"), &table(step)).await;
}

async fn authorize(world: &mut SuiteWorld, app: &str, api: &str, stage: &str, valid_for: Option<i64>) {
    let mut params = vec![
        ("AppId".to_owned(), world.app_id(app)),
        ("StageName".to_owned(), stage.to_owned()),
    ];
    match world.data_plane.apis.get(api).cloned() {
        Some((group, api_id)) => {
            params.push(("ApiIds".to_owned(), api_id));
            params.push(("GroupId".to_owned(), world.group_id(&group)));
        }
        None => {
            let api_id = world.apis.get(api).cloned().expect("the API was created");
            params.push(("ApiIds".to_owned(), api_id));
        }
    }
    if let Some(seconds) = valid_for {
        let until = world.target().await.now() + time::Duration::seconds(seconds);
        let until = until
            .replace_nanosecond(0)
            .unwrap_or(until)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        params.push(("AuthValidTime".to_owned(), until));
    }
    let reply = world.call("SetApisAuthorities", params).await;
    assert_eq!(reply.status, 200, "SetApisAuthorities: {}", reply.body);
}

#[given(expr = "the app {string} is authorized to call {string} in {word}")]
async fn authorized(world: &mut SuiteWorld, app: String, api: String, stage: String) {
    authorize(world, &app, &api, &stage, None).await;
}

#[given(expr = "the app {string} is authorized to call {string} in {word} for {int} seconds")]
async fn authorized_for(world: &mut SuiteWorld, app: String, api: String, stage: String, seconds: i64) {
    authorize(world, &app, &api, &stage, Some(seconds)).await;
}

async fn credentials(world: &mut SuiteWorld, app: &str) -> (String, String, String) {
    if let Some(known) = world.credentials.get(app) {
        return known.clone();
    }
    let id = world.app_id(app);
    let reply = world.call("DescribeAppSecurity", vec![("AppId".into(), id)]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let field = |f: &str| reply.field(f).unwrap_or_default();
    let found = (field("AppKey"), field("AppSecret"), field("AppCode"));
    world.credentials.insert(app.to_owned(), found.clone());
    found
}

async fn destination(world: &mut SuiteWorld, group: &str) -> Destination {
    let host = format!("{}-{}.alicloudapi.com", world.group_id(group), world.settings.region);
    let base_url = match world.target().await {
        Target::Mock(server) => server.uri(),
        // A remote target on this machine is the mock's binary: its listener serves the data
        // plane by Host too, and nothing may leave the machine. A real account's gateway is
        // reached at the SubDomain itself.
        Target::Remote { base_url, .. } if is_loopback(base_url) => base_url.clone(),
        Target::Remote { .. } => format!("http://{host}"),
    };
    Destination { base_url, host }
}

/// Whether an endpoint's URL names this machine.
fn is_loopback(base_url: &str) -> bool {
    let authority = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or_default();
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    };
    host == "localhost" || host == "[::1]" || host.starts_with("127.")
}

/// `GET /v1/users/42?name=Alice` -> method, path, query.
fn parse_target(target: &str) -> (String, String, String) {
    let (method, rest) = target.split_once(' ').unwrap_or(("GET", target));
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    (method.to_owned(), path.to_owned(), query.to_owned())
}

/// A call by `auth`, adjusted by the step's table: `header <Name>` rows, `stage`,
/// `body`, `content-type`, `secret`, `signature method`, `timestamp age`, `Content-MD5`
/// (`of the body`), `body after signing`, `key`.
async fn call(world: &mut SuiteWorld, group: &str, target: &str, auth: Auth, options: &[(String, String)]) {
    let call = prepare(world, target, auth, options).await;
    send(world, group, call).await;
}

/// The call [`call`] sends, each with a fresh nonce.
async fn prepare(world: &mut SuiteWorld, target: &str, auth: Auth, options: &[(String, String)]) -> GatewayCall {
    let (method, path, query) = parse_target(target);
    let now = world.target().await.now();
    let mut call = GatewayCall {
        method,
        path,
        query,
        headers: vec![("Accept".to_owned(), "application/json".to_owned())],
        body: Vec::new(),
        auth,
        timestamp: now,
        nonce: uuid::Uuid::new_v4().to_string(),
        after_signing: Vec::new(),
        body_after_signing: None,
    };
    for (option, value) in options {
        match option.as_str() {
            "stage" => call.headers.push(("X-Ca-Stage".to_owned(), value.clone())),
            "body" => call.body = value.clone().into_bytes(),
            "body after signing" => call.body_after_signing = Some(value.clone().into_bytes()),
            "content-type" => call.headers.push(("Content-Type".to_owned(), value.clone())),
            "Content-MD5" => {
                let md5 = if value == "of the body" {
                    signature::content_md5(&call.body)
                } else {
                    value.clone()
                };
                call.headers.push(("Content-MD5".to_owned(), md5));
            }
            "timestamp age" => {
                let seconds: i64 = value.trim_end_matches(" seconds").parse().expect("seconds");
                call.timestamp = now - time::Duration::seconds(seconds);
            }
            "secret" | "signature method" | "key" => {
                if let Auth::Signed {
                    app_key,
                    app_secret,
                    method,
                } = &mut call.auth
                {
                    match option.as_str() {
                        "secret" => *app_secret = value.clone(),
                        "key" => *app_key = value.clone(),
                        _ => *method = SignatureMethod::named(Some(value)).expect("a signature method"),
                    }
                }
            }
            other => {
                let name = other.strip_prefix("header ").unwrap_or(other);
                call.headers.push((name.to_owned(), value.clone()));
            }
        }
    }
    call
}

async fn send(world: &mut SuiteWorld, group: &str, call: GatewayCall) {
    let to = destination(world, group).await;
    let reply = client::send(&world.http, &to, &call)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    world.data_plane.last = Some((group.to_owned(), call));
    world.data_plane.reply = Some(reply);
}

async fn signed_auth(world: &mut SuiteWorld, app: &str) -> Auth {
    let (app_key, app_secret, _) = credentials(world, app).await;
    Auth::Signed {
        app_key,
        app_secret,
        method: SignatureMethod::HmacSha256,
    }
}

#[when(expr = "the app {string} calls {string} on the group {string}")]
async fn app_calls(world: &mut SuiteWorld, app: String, target: String, group: String) {
    let auth = signed_auth(world, &app).await;
    call(world, &group, &target, auth, &[]).await;
}

#[when(expr = "the app {string} calls {string} on the group {string} with:")]
async fn app_calls_with(world: &mut SuiteWorld, app: String, target: String, group: String, step: &Step) {
    let auth = signed_auth(world, &app).await;
    call(world, &group, &target, auth, &table(step)).await;
}

#[when(expr = "the app {string} calls {string} on the group {string} with its AppCode")]
async fn app_code_calls(world: &mut SuiteWorld, app: String, target: String, group: String) {
    let (_, _, code) = credentials(world, &app).await;
    call(world, &group, &target, Auth::AppCode(code), &[]).await;
}

#[when(expr = "the app {string} calls {string} on the group {string} with its AppCode in the query")]
async fn app_code_in_query(world: &mut SuiteWorld, app: String, target: String, group: String) {
    let (_, _, code) = credentials(world, &app).await;
    let separator = if target.contains('?') { '&' } else { '?' };
    let target = format!("{target}{separator}AppCode={code}");
    call(world, &group, &target, Auth::Anonymous, &[]).await;
}

#[when(expr = "someone calls {string} on the group {string} without credentials")]
async fn anonymous_call(world: &mut SuiteWorld, target: String, group: String) {
    call(world, &group, &target, Auth::Anonymous, &[]).await;
}

/// `times` calls of the app, one after the other or all at once (each on its own
/// connection as the client's pool opens them); their answers are tallied, and one kept for
/// the steps about the gateway's answer: the last refusal, or the last answer.
async fn calls_many(world: &mut SuiteWorld, app: &str, target: &str, group: &str, times: usize, at_once: bool) {
    let auth = signed_auth(world, app).await;
    let mut calls = Vec::with_capacity(times);
    for _ in 0..times {
        calls.push(prepare(world, target, auth.clone(), &[]).await);
    }
    let to = destination(world, group).await;
    let mut replies: Vec<GatewayReply> = if at_once {
        let mut tasks = tokio::task::JoinSet::new();
        for call in calls {
            let (http, to) = (world.http.clone(), to.clone());
            tasks.spawn(async move { client::send(&http, &to, &call).await });
        }
        let mut replies = Vec::with_capacity(times);
        while let Some(joined) = tasks.join_next().await {
            replies.push(joined.expect("a call's task").unwrap_or_else(|e| panic!("{e}")));
        }
        replies
    } else {
        let mut replies = Vec::with_capacity(times);
        for call in &calls {
            replies.push(
                client::send(&world.http, &to, call)
                    .await
                    .unwrap_or_else(|e| panic!("{e}")),
            );
        }
        replies
    };
    let mut tally = std::collections::BTreeMap::new();
    for reply in &replies {
        let outcome = match reply.header("x-ca-error-code") {
            Some(code) => format!("{} {code}", reply.status),
            None => reply.status.to_string(),
        };
        *tally.entry(outcome).or_insert(0) += 1;
    }
    world.data_plane.tally = tally;
    // Calls at once finish in any order: the refusal, when there is one, is the answer kept.
    let refused = replies.iter().rposition(|reply| reply.status != 200);
    world.data_plane.reply = match refused {
        Some(index) => Some(replies.swap_remove(index)),
        None => replies.pop(),
    };
}

#[when(expr = "the app {string} calls {string} on the group {string} {int} times")]
async fn app_calls_times(world: &mut SuiteWorld, app: String, target: String, group: String, times: usize) {
    calls_many(world, &app, &target, &group, times, false).await;
}

#[when(expr = "the app {string} calls {string} on the group {string} {int} times at once")]
async fn app_calls_at_once(world: &mut SuiteWorld, app: String, target: String, group: String, times: usize) {
    calls_many(world, &app, &target, &group, times, true).await;
}

#[then(expr = "{int} of the calls are answered 200 and {int} refused with 429 {string}")]
fn tallied(world: &mut SuiteWorld, passed: usize, refused: usize, code: String) {
    let tally = &world.data_plane.tally;
    let expected: std::collections::BTreeMap<String, usize> =
        [("200".to_owned(), passed), (format!("429 {code}"), refused)]
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .collect();
    assert_eq!(tally, &expected, "answers to the calls, by status and X-Ca-Error-Code");
}

#[then(expr = "all {int} calls are answered 200")]
fn all_passed(world: &mut SuiteWorld, passed: usize) {
    let expected = std::collections::BTreeMap::from([("200".to_owned(), passed)]);
    assert_eq!(world.data_plane.tally, expected, "answers to the calls");
}

#[when(expr = "the same call is sent again")]
async fn same_again(world: &mut SuiteWorld) {
    let (group, call) = world.data_plane.last.clone().expect("a call was sent");
    send(world, &group, call).await;
}

fn reply(world: &SuiteWorld) -> &GatewayReply {
    world.data_plane.reply.as_ref().expect("a call was sent")
}

#[then(expr = "the gateway answers {int}")]
fn answers(world: &mut SuiteWorld, status: u16) {
    let reply = reply(world);
    assert_eq!(reply.status, status, "{reply:?}");
    assert!(
        reply.header("x-ca-request-id").is_some(),
        "every answer carries X-Ca-Request-Id"
    );
    if (200..300).contains(&status) {
        assert_eq!(reply.header("x-ca-error-code"), None, "{reply:?}");
    }
}

#[then(expr = "the gateway refuses with {int} {string}")]
fn refuses(world: &mut SuiteWorld, status: u16, code: String) {
    let reply = reply(world);
    assert_eq!(
        (reply.status, reply.header("x-ca-error-code")),
        (status, Some(code.as_str())),
        "{reply:?}"
    );
    assert!(reply.body.is_empty(), "a refusal has an empty body: {reply:?}");
    assert!(reply.header("x-ca-request-id").is_some());
}

#[then(expr = "the gateway refuses with {int} and the message {string} alone")]
fn refuses_with_message(world: &mut SuiteWorld, status: u16, message: String) {
    let reply = reply(world);
    assert_eq!(reply.status, status, "{reply:?}");
    assert_eq!(reply.header("x-ca-error-message"), Some(message.as_str()), "{reply:?}");
    assert!(reply.body.is_empty(), "{reply:?}");
}

#[then(expr = "the gateway's error message is {string}")]
fn error_message(world: &mut SuiteWorld, message: String) {
    let reply = reply(world);
    assert_eq!(reply.header("x-ca-error-message"), Some(message.as_str()), "{reply:?}");
}

#[then(expr = "the gateway's error message shows the string the client signed")]
fn shows_signed(world: &mut SuiteWorld) {
    let reply = reply(world);
    let signed = reply.signed.as_deref().expect("the call was signed");
    let expected = format!("Invalid Signature, Server StringToSign:`{}`", signed.replace('\n', "#"));
    assert_eq!(reply.header("x-ca-error-message"), Some(expected.as_str()));
}

#[then(expr = "the gateway's answer is {string}")]
fn answer_body(world: &mut SuiteWorld, body: String) {
    assert_eq!(reply(world).body, body);
}

#[then(expr = "the gateway's answer has the header {string} with {string}")]
fn answer_header(world: &mut SuiteWorld, name: String, value: String) {
    let reply = reply(world);
    assert_eq!(
        reply.header(&name.to_ascii_lowercase()),
        Some(value.as_str()),
        "{reply:?}"
    );
}

#[then(expr = "the gateway's answer matches the snapshot {string}")]
fn gateway_snapshot(world: &mut SuiteWorld, name: String) {
    let reply = reply(world).clone();
    let rendered = reply.render(&mut world.redactor);
    cloudapi_conformance::snapshot::assert_matches(&world.feature, &name, &rendered);
}
