//! The data plane through the service, without a socket: a group, an app and deployed APIs
//! put in the world directly, then calls signed by the project's own signer.

use std::sync::Arc;

use cloudapi_core::data_plane::signature::{self, Credentials, SignatureMethod};
use cloudapi_core::store::apis::{MockHeader, RequestConfig, ServiceConfig};
use cloudapi_core::store::{
    ApiDefinition, AppChanges, AppId, Grant, NewApi, NewApp, NewGroup, NewTrafficControl, Scope, TrafficUnit,
};
use cloudapi_core::{Clock, Config, RawRequest, RawResponse, Service};
use time::macros::datetime;
use time::OffsetDateTime;

const NOW: OffsetDateTime = datetime!(2023-11-14 22:13:20 UTC);
const KEY: &str = "24823915";
const SECRET: &str = "c1ae97aaa7e45f21d10824bc44678fee";
const CODE: &str = "3aaf905a0a1f4f0eabc6d891dfa08afc";

struct Fixture {
    service: Service,
    domain: String,
    group_id: String,
    scope: Scope,
    app_id: AppId,
}

fn scope() -> Scope {
    Scope {
        account_uid: "1234567890123456".into(),
        region: "cn-hangzhou".into(),
    }
}

fn mock_api(name: &str, method: &str, path: &str, result: &str) -> ApiDefinition {
    ApiDefinition {
        name: name.into(),
        auth_type: "APP".into(),
        request_config: RequestConfig {
            request_protocol: "HTTP,HTTPS".into(),
            request_http_method: method.into(),
            request_path: path.into(),
            request_mode: "PASSTHROUGH".into(),
            ..RequestConfig::default()
        },
        service_config: ServiceConfig {
            mock: true,
            mock_result: result.into(),
            mock_status_code: Some(200),
            mock_headers: vec![MockHeader {
                header_name: "X-Served-By".into(),
                header_value: "mock".into(),
            }],
            ..ServiceConfig::default()
        },
        ..ApiDefinition::default()
    }
}

impl Fixture {
    fn new(base_path: Option<&str>) -> Fixture {
        let service = Service::with_clock(Config::default(), Arc::new(Clock::frozen(NOW)));
        let scope = scope();
        let (group_id, domain, app_id) = service.store().with(|world| {
            let group = NewGroup {
                name: "weather".into(),
                base_path: base_path.map(str::to_owned),
                ..NewGroup::default()
            };
            let group = world.create_group(&scope, group, 10, NOW).expect("group");
            let app = NewApp {
                name: "caller".into(),
                app_key: Some(KEY.into()),
                app_secret: Some(SECRET.into()),
                app_code: Some(CODE.into()),
                ..NewApp::default()
            };
            let app_id = world.create_app(&scope, app, 10, NOW).expect("app");
            (group.id.clone(), group.sub_domain(&scope.region), app_id)
        });
        Fixture {
            service,
            domain,
            group_id,
            scope,
            app_id,
        }
    }

    /// Creates, deploys and authorizes the app for that stage, for ever.
    fn deploy(&self, definition: ApiDefinition, stage: &'static str) -> String {
        let id = self.deploy_unauthorized(definition, stage);
        self.authorize(&id, stage, None);
        id
    }

    fn authorize(&self, api_id: &str, stage: &'static str, valid_until: Option<OffsetDateTime>) {
        self.service.store().with(|world| {
            let grant = Grant {
                stage,
                description: String::new(),
                valid_until,
            };
            world
                .authorize(&self.scope, &[api_id.to_owned()], &[self.app_id], &grant, NOW)
                .expect("authorized");
        });
    }

    fn deploy_unauthorized(&self, definition: ApiDefinition, stage: &str) -> String {
        self.service.store().with(|world| {
            let new = NewApi {
                group_id: self.group_id.clone(),
                definition,
                tags: Vec::new(),
            };
            let id = world.create_api(&self.scope, new, 100, NOW).expect("api");
            world
                .deploy_api(&self.scope, None, &id, stage, "", NOW)
                .expect("deployed");
            id
        })
    }

    fn request(&self, method: &str, path: &str, query: &str, headers: &[(&str, &str)], body: &[u8]) -> RawRequest {
        let mut all = vec![("host".to_owned(), format!("{}:8080", self.domain))];
        all.extend(headers.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())));
        RawRequest {
            method: method.into(),
            path: path.into(),
            query: query.into(),
            headers: all,
            body: body.to_vec(),
        }
    }

    fn signed(&self, mut request: RawRequest, secret: &str, method: SignatureMethod, nonce: &str) -> RawRequest {
        let credentials = Credentials {
            app_key: KEY,
            app_secret: secret,
            method,
        };
        signature::sign(
            &credentials,
            signature::Outgoing {
                method: &request.method,
                path: &request.path.clone(),
                query: &request.query.clone(),
                headers: &mut request.headers,
                body: &request.body.clone(),
                timestamp_ms: self.service.clock().now().unix_timestamp_nanos() / 1_000_000,
                nonce,
                extra_signed: &[],
            },
        );
        // The transport lower-cases header names.
        for (name, _) in &mut request.headers {
            *name = name.to_ascii_lowercase();
        }
        request
    }

    fn call(&self, request: &RawRequest) -> RawResponse {
        self.service.handle(request)
    }
}

fn code(response: &RawResponse) -> Option<&str> {
    response.header("x-ca-error-code")
}

#[test]
fn a_signed_call_gets_the_mock_answer_of_the_deployed_copy() {
    let fixture = Fixture::new(None);
    let id = fixture.deploy(mock_api("forecast", "GET", "/v1/users/[id]", "{\"v\":1}"), "RELEASE");
    let request = fixture.request(
        "GET",
        "/v1/users/42",
        "name=Alice&age=30",
        &[("accept", "application/json")],
        b"",
    );
    let response = fixture.call(&fixture.signed(request, SECRET, SignatureMethod::HmacSha256, "n-1"));
    assert_eq!(response.status, 200, "{:?}", response.headers);
    assert_eq!(response.body_text(), "{\"v\":1}");
    assert_eq!(response.header("x-served-by"), Some("mock"));
    assert!(response.header("x-ca-request-id").is_some_and(|id| id.len() == 36));
    assert_eq!(
        response.header("content-disposition"),
        Some("attachment; filename=ApiResponseForInnerDomain")
    );

    // A changed draft is not served until it is deployed.
    fixture.service.store().with(|world| {
        world
            .modify_api(
                &fixture.scope,
                None,
                &id,
                mock_api("forecast", "GET", "/v1/users/[id]", "{\"v\":2}"),
                NOW,
            )
            .expect("modified");
    });
    let request = fixture.request("GET", "/v1/users/42", "", &[], b"");
    let response = fixture.call(&fixture.signed(request, SECRET, SignatureMethod::HmacSha256, "n-2"));
    assert_eq!(response.body_text(), "{\"v\":1}");
    fixture.service.store().with(|world| {
        world
            .deploy_api(&fixture.scope, None, &id, "RELEASE", "", NOW)
            .expect("redeployed");
    });
    let request = fixture.request("GET", "/v1/users/42", "", &[], b"");
    let response = fixture.call(&fixture.signed(request, SECRET, SignatureMethod::HmacSha256, "n-3"));
    assert_eq!(response.body_text(), "{\"v\":2}");
}

#[test]
fn routing_refusals_name_what_was_asked() {
    let fixture = Fixture::new(Some("/weather"));
    fixture.deploy(mock_api("forecast", "GET", "/forecast/[city]", "{}"), "TEST");
    let sign = |request| {
        fixture.signed(
            request,
            SECRET,
            SignatureMethod::HmacSha256,
            &uuid::Uuid::new_v4().to_string(),
        )
    };

    let ok = fixture.call(&sign(fixture.request(
        "GET",
        "/weather/forecast/sh",
        "",
        &[("x-ca-stage", "test")],
        b"",
    )));
    assert_eq!(ok.status, 200, "{:?}", ok.headers);

    let release = fixture.call(&sign(fixture.request("GET", "/weather/forecast/sh", "", &[], b"")));
    assert_eq!(
        (release.status, code(&release)),
        (404, Some("I404NF")),
        "not deployed in RELEASE"
    );
    assert_eq!(
        release.header("x-ca-error-message"),
        Some("API not found with `GET /weather/forecast/sh`")
    );
    assert!(release.body.is_empty());

    let no_base = fixture.call(&sign(fixture.request(
        "GET",
        "/forecast/sh",
        "",
        &[("x-ca-stage", "TEST")],
        b"",
    )));
    assert_eq!(code(&no_base), Some("I404NF"));
    let wrong_method = fixture.call(&sign(fixture.request(
        "POST",
        "/weather/forecast/sh",
        "",
        &[("x-ca-stage", "TEST")],
        b"",
    )));
    assert_eq!(code(&wrong_method), Some("I404NF"));
    let stage = fixture.call(&sign(fixture.request(
        "GET",
        "/weather/forecast/sh",
        "",
        &[("x-ca-stage", "STAGING")],
        b"",
    )));
    assert_eq!((stage.status, code(&stage)), (400, Some("I400SG")));

    let mut unknown = fixture.request("GET", "/weather/forecast/sh", "", &[], b"");
    unknown.headers[0].1 = "0123456789abcdef0123456789abcdef-cn-hangzhou.alicloudapi.com".into();
    let unknown = fixture.call(&unknown);
    assert_eq!((unknown.status, code(&unknown)), (404, Some("I404DO")));

    // The no-DNS form: neither DNS nor a Host header; the prefix is not what is signed.
    let mut no_dns = fixture.request("GET", "/weather/forecast/sh", "", &[("x-ca-stage", "TEST")], b"");
    no_dns = sign(no_dns);
    no_dns.headers.retain(|(n, _)| n != "host");
    no_dns.headers.push(("host".into(), "127.0.0.1:8080".into()));
    no_dns.path = format!("/_alicloudapi/{}/weather/forecast/sh", fixture.domain);
    let response = fixture.call(&no_dns);
    assert_eq!(response.status, 200, "{:?}", response.headers);
}

#[test]
fn signature_refusals_follow_the_reference() {
    let fixture = Fixture::new(None);
    fixture.deploy(mock_api("echo", "POST", "/v1/echo", "{}"), "RELEASE");
    let body = br#"{"hello":"world"}"#;
    let md5 = signature::content_md5(body);
    let base = |nonce: &str| {
        fixture.request(
            "POST",
            "/v1/echo",
            "",
            &[
                ("content-type", "application/json"),
                ("content-md5", &md5),
                ("x-ca-nonce", nonce),
            ],
            body,
        )
    };

    let good = fixture.call(&fixture.signed(base("a"), SECRET, SignatureMethod::HmacSha256, "a"));
    assert_eq!(good.status, 200, "{:?}", good.headers);

    let replay = fixture.call(&fixture.signed(base("a"), SECRET, SignatureMethod::HmacSha256, "a"));
    assert_eq!(
        (replay.status, replay.header("x-ca-error-message")),
        (400, Some("Nonce Used"))
    );
    assert_eq!(code(&replay), None, "no source shows a VPC code for a reused nonce");

    let wrong = fixture.call(&fixture.signed(base("b"), "not-the-secret", SignatureMethod::HmacSha256, "b"));
    assert_eq!((wrong.status, code(&wrong)), (403, Some("A403IS")));
    let message = wrong.header("x-ca-error-message").expect("message");
    assert!(
        message.starts_with("Invalid Signature, Server StringToSign:`POST##+8JLzHoXlHWPwTJ/z+va9g==#application/json##x-ca-key:24823915#"),
        "{message}"
    );
    assert!(message.ends_with("#/v1/echo`") && !message.contains('\n'), "{message}");

    let mut tampered = fixture.signed(base("c"), SECRET, SignatureMethod::HmacSha256, "c");
    tampered.body = br#"{"hello":"there"}"#.to_vec();
    let tampered = fixture.call(&tampered);
    assert_eq!((tampered.status, code(&tampered)), (400, Some("I400I5")));

    let mut unknown = fixture.signed(base("d"), SECRET, SignatureMethod::HmacSha256, "d");
    for (name, value) in &mut unknown.headers {
        if name == "x-ca-key" {
            *value = "nobody".into();
        }
    }
    let unknown = fixture.call(&unknown);
    assert_eq!((unknown.status, code(&unknown)), (400, Some("A400IK")));
    assert_eq!(unknown.header("x-ca-error-message"), Some("Invalid AppKey"));

    let sha1 = fixture.call(&fixture.signed(base("e"), SECRET, SignatureMethod::HmacSha1, "e"));
    assert_eq!(
        (sha1.status, code(&sha1)),
        (400, Some("I400HD")),
        "HmacSHA256 alone by default"
    );

    let signed_before = fixture.signed(base("f"), SECRET, SignatureMethod::HmacSha256, "f");
    fixture.service.clock().advance(time::Duration::minutes(16));
    let stale = fixture.call(&signed_before);
    assert_eq!(
        (stale.status, stale.header("x-ca-error-message")),
        (400, Some("Timestamp Expired"))
    );

    let bare = fixture.call(&base("g"));
    assert_eq!((bare.status, code(&bare)), (400, Some("A400MA")));
}

#[test]
fn hmac_sha1_app_code_and_anonymous_where_the_api_allows_them() {
    let fixture = Fixture::new(None);
    let mut sha1 = mock_api("sha1", "GET", "/sha1", "sha1");
    sha1.allow_signature_method = "HmacSHA1,HmacSHA256".into();
    fixture.deploy(sha1, "RELEASE");
    let mut code_api = mock_api("code", "GET", "/code", "code");
    code_api.app_code_auth_type = "HEADER_QUERY".into();
    fixture.deploy(code_api, "RELEASE");
    fixture.deploy(mock_api("signed", "GET", "/signed", "signed"), "RELEASE");
    let mut anonymous = mock_api("open", "GET", "/open", "open");
    anonymous.auth_type = "ANONYMOUS".into();
    fixture.deploy(anonymous, "RELEASE");

    let request = fixture.request("GET", "/sha1", "", &[], b"");
    let response = fixture.call(&fixture.signed(request, SECRET, SignatureMethod::HmacSha1, "1"));
    assert_eq!(response.body_text(), "sha1");

    let header = format!("APPCODE {CODE}");
    let by_header = fixture.call(&fixture.request("GET", "/code", "", &[("authorization", &header)], b""));
    assert_eq!(by_header.body_text(), "code");
    let by_query = fixture.call(&fixture.request("GET", "/code", &format!("AppCode={CODE}"), &[], b""));
    assert_eq!(by_query.body_text(), "code");
    let bad_code = fixture.call(&fixture.request("GET", "/code", "", &[("authorization", "APPCODE nope")], b""));
    assert_eq!((bad_code.status, code(&bad_code)), (400, Some("A400AC")));
    let not_allowed = fixture.call(&fixture.request("GET", "/signed", "", &[("authorization", &header)], b""));
    assert_eq!(
        code(&not_allowed),
        Some("A400MA"),
        "AppCode is not accepted where the API does not allow it"
    );

    let open = fixture.call(&fixture.request("GET", "/open", "", &[], b""));
    assert_eq!(open.body_text(), "open");
}

#[test]
fn an_http_backend_is_left_to_the_transport_with_its_mapping() {
    let fixture = Fixture::new(None);
    let mut api = mock_api("proxy", "GET", "/v1/items/[id]", "");
    api.service_config = ServiceConfig {
        service_protocol: "HTTP".into(),
        service_address: "http://127.0.0.1:9".into(),
        service_path: "/items/[id]".into(),
        service_http_method: "GET".into(),
        service_timeout: 250,
        ..ServiceConfig::default()
    };
    fixture.deploy(api, "RELEASE");
    let request = fixture.request("GET", "/v1/items/7", "q=1", &[], b"");
    let handled = fixture
        .service
        .handle_recorded(&fixture.signed(request, SECRET, SignatureMethod::HmacSha256, "h"));
    let call = handled.forward.as_deref().expect("a backend call");
    assert_eq!(call.url, "http://127.0.0.1:9/items/7?q=1");
    assert_eq!(call.timeout, std::time::Duration::from_millis(250));
    assert_eq!(handled.record.call.as_ref().and_then(|c| c.stage), Some("RELEASE"));
}

#[test]
fn the_app_must_be_authorized_for_the_api_in_that_stage_until_it_expires() {
    let fixture = Fixture::new(None);
    let id = fixture.deploy_unauthorized(mock_api("forecast", "GET", "/f", "ok"), "RELEASE");
    fixture.service.store().with(|world| {
        world
            .deploy_api(&fixture.scope, None, &id, "TEST", "", NOW)
            .expect("deployed");
    });
    let call = |stage: &str, nonce: &str| {
        let request = fixture.request("GET", "/f", "", &[("x-ca-stage", stage)], b"");
        fixture.call(&fixture.signed(request, SECRET, SignatureMethod::HmacSha256, nonce))
    };
    let none = call("RELEASE", "1");
    assert_eq!((none.status, code(&none)), (403, Some("I403AA")));
    fixture.authorize(&id, "TEST", None);
    assert_eq!(code(&call("RELEASE", "2")), Some("I403AA"), "authorized in TEST only");
    assert_eq!(call("TEST", "3").status, 200);

    fixture.authorize(&id, "RELEASE", Some(NOW + time::Duration::hours(1)));
    assert_eq!(call("RELEASE", "4").status, 200);
    fixture.service.clock().advance(time::Duration::hours(1));
    let expired = call("RELEASE", "5");
    assert_eq!(
        (expired.status, code(&expired)),
        (403, Some("A403EP")),
        "{:?}",
        expired.headers
    );
    assert_eq!(expired.header("x-ca-error-message"), Some("Expiry of Authorization"));

    fixture.service.store().with(|world| {
        let changes = AppChanges {
            disabled: Some(true),
            ..AppChanges::default()
        };
        world
            .modify_app(&fixture.scope, fixture.app_id, changes, NOW)
            .expect("disabled");
    });
    let disabled = call("TEST", "6");
    assert_eq!((disabled.status, code(&disabled)), (403, Some("I403AA")));
}

/// The seed the client checks of scripts/data-plane-compat start the binary with: the app
/// (AppKey 24823915, the reference's computed vectors' pair), one group and its APIs in
/// RELEASE. `BACKEND_PORT` is replaced by the script with its loopback backend's port.
fn compat_world() -> Fixture {
    let fixture = Fixture::new(None);
    let mut users = mock_api("dp_users", "GET", "/v1/users/[id]", "{\"user\":\"Alice\"}");
    users.allow_signature_method = "HmacSHA1,HmacSHA256".into();
    users.app_code_auth_type = "HEADER_QUERY".into();
    fixture.deploy(users, "RELEASE");
    fixture.deploy(
        mock_api("dp_orders", "POST", "/v1/orders", "{\"order\":\"created\"}"),
        "RELEASE",
    );
    fixture.deploy(mock_api("dp_echo", "POST", "/v1/echo", "{\"echo\":true}"), "RELEASE");
    let mut ping = mock_api("dp_ping", "GET", "/v1/ping", "pong");
    ping.result_type = "TEXT".into();
    fixture.deploy(ping, "RELEASE");
    fixture.deploy_unauthorized(mock_api("dp_private", "GET", "/v1/private", "secret"), "RELEASE");
    let expired = fixture.deploy_unauthorized(mock_api("dp_expired", "GET", "/v1/expired", "late"), "RELEASE");
    fixture.authorize(&expired, "RELEASE", Some(datetime!(2024-01-01 00:00:00 UTC)));
    let mut backend = mock_api("dp_backend", "GET", "/v1/backend/[id]", "");
    backend.service_config = ServiceConfig {
        service_protocol: "HTTP".into(),
        service_address: "http://127.0.0.1:BACKEND_PORT".into(),
        service_path: "/echo/[id]".into(),
        service_http_method: "GET".into(),
        service_timeout: 3000,
        ..ServiceConfig::default()
    };
    fixture.deploy(backend, "RELEASE");
    // One API per client, each held in RELEASE by a policy of two calls a day: each client
    // sees its own two calls answered and the third refused (T429PA). A day, so that the
    // window does not roll over during a run; none of these is an API the benchmark calls.
    let limited: Vec<String> = ["node", "python", "java"]
        .into_iter()
        .map(|client| {
            let path = format!("/v1/limited/{client}");
            let mut api = mock_api(&format!("dp_limited_{client}"), "GET", &path, "limited");
            api.result_type = "TEXT".into();
            fixture.deploy(api, "RELEASE")
        })
        .collect();
    fixture.service.store().with(|world| {
        let policy = NewTrafficControl {
            name: "dp_two_a_day".into(),
            unit: TrafficUnit::Day,
            api_default: 2,
            user_default: None,
            app_default: None,
            description: "two calls a day on each API it holds".into(),
        };
        let policy = world.create_traffic_control(&fixture.scope, policy, NOW);
        world
            .bind_traffic_control(&fixture.scope, &policy.id, &fixture.group_id, &limited, "RELEASE", NOW)
            .expect("bound");
    });
    fixture
}

const COMPAT_SEED: &str = "../../scripts/data-plane-compat/seed.json";

/// `cargo test -p cloudapi-core --test data_plane -- --ignored write_compat_seed` writes it
/// again (new ids); the test below keeps it working.
#[test]
#[ignore = "writes scripts/data-plane-compat/seed.json"]
fn write_compat_seed() {
    let fixture = compat_world();
    let snapshot = fixture.service.store().read(|world| world.export());
    let text = serde_json::to_string_pretty(&snapshot).expect("JSON");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(COMPAT_SEED);
    std::fs::write(&path, text + "\n").expect("written");
}

#[test]
fn the_compat_seed_imports_and_serves() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(COMPAT_SEED);
    let text = std::fs::read_to_string(&path).expect("the seed");
    let snapshot: cloudapi_core::StateSnapshot = serde_json::from_str(&text).expect("a snapshot");
    let world = cloudapi_core::store::World::import(snapshot).expect("imports");
    let domain = world
        .tenancies()
        .flat_map(|(scope, tenancy)| tenancy.group_table().iter().map(|g| g.sub_domain(&scope.region)))
        .next()
        .expect("a group");
    let fixture = Fixture::new(None);
    fixture.service.store().with(|w| *w = world);
    let mut request = fixture.request("GET", "/v1/users/42", "name=Alice", &[], b"");
    request.headers[0].1.clone_from(&domain);
    let response = fixture.call(&fixture.signed(request, SECRET, SignatureMethod::HmacSha256, "seed"));
    assert_eq!(response.status, 200, "{:?}", response.headers);
    let statuses: Vec<(u16, Option<String>)> = (0..3)
        .map(|n| {
            let mut request = fixture.request("GET", "/v1/limited/node", "", &[], b"");
            request.headers[0].1.clone_from(&domain);
            let nonce = format!("limited-{n}");
            let response = fixture.call(&fixture.signed(request, SECRET, SignatureMethod::HmacSha256, &nonce));
            (response.status, code(&response).map(str::to_owned))
        })
        .collect();
    let refused = Some("T429PA".to_owned());
    assert_eq!(
        statuses,
        [(200, None), (200, None), (429, refused)],
        "two calls a day, then the API's limit"
    );
}

/// The Tea IoT client's way (reference 7.2): no X-Ca-Timestamp, a `date`, a misspelt
/// `x-ca-signaturemethod` that it lists and so signs, the list unsorted as CORE-JAVA sends it.
#[test]
fn a_call_without_timestamp_listing_an_unknown_header_unsorted_verifies() {
    let fixture = Fixture::new(None);
    fixture.deploy(mock_api("stream", "POST", "/v1/stream", "ok"), "RELEASE");
    let body = b"\x00\x01binary";
    let md5 = signature::content_md5(body);
    let mut request = fixture.request(
        "POST",
        "/v1/stream",
        "",
        &[
            ("accept", "application/json"),
            ("content-type", "application/octet-stream"),
            ("content-md5", &md5),
            ("date", "Tue, 14 Nov 2023 22:13:20 GMT"),
            ("x-ca-nonce", "tea-1"),
            ("x-ca-key", KEY),
            ("x-ca-signaturemethod", "HmacSHA256"),
            ("x-ca-signature-headers", "x-ca-signaturemethod,x-ca-nonce,x-ca-key"),
        ],
        body,
    );
    let string = signature::string_to_sign(&signature::Signable {
        method: "POST",
        path: "/v1/stream",
        query: "",
        headers: &request.headers,
        body,
    });
    assert!(string.ends_with("x-ca-key:24823915\nx-ca-nonce:tea-1\nx-ca-signaturemethod:HmacSHA256\n/v1/stream"));
    let signed = signature::signature(SignatureMethod::HmacSha256, SECRET, &string);
    request.headers.push(("x-ca-signature".into(), signed));
    let response = fixture.call(&request);
    assert_eq!(response.status, 200, "{:?}", response.headers);
}

#[test]
fn the_protocol_the_api_allows_and_debug_mode() {
    let fixture = Fixture::new(None);
    let mut https = mock_api("secure", "GET", "/secure", "tls");
    https.request_config.request_protocol = "HTTPS".into();
    fixture.deploy(https, "RELEASE");
    let plain = fixture.request("GET", "/secure", "", &[], b"");
    let refused = fixture.call(&fixture.signed(plain, SECRET, SignatureMethod::HmacSha256, "p1"));
    assert_eq!((refused.status, code(&refused)), (403, Some("I403PT")));
    assert_eq!(
        refused.header("x-ca-error-message"),
        Some("Invalid protocol HTTP unsupported")
    );
    let behind_tls = fixture.request(
        "GET",
        "/secure",
        "",
        &[("x-forwarded-proto", "https"), ("x-ca-request-mode", "DEBUG")],
        b"",
    );
    let answered = fixture.call(&fixture.signed(behind_tls, SECRET, SignatureMethod::HmacSha256, "p2"));
    assert_eq!(answered.status, 200, "{:?}", answered.headers);
    assert!(answered
        .header("x-ca-debug-info")
        .is_some_and(|info| info.contains("TotalLatency")));
}
