//! The data plane over real sockets: a group's SubDomain by Host header and as a forward
//! proxy, and HTTP backends the mock calls on loopback (an axum echo server), with the
//! parameter mapping, ServiceTimeout and a refused connection.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use axum::routing::any;
use axum::Router;
use cloudapi_core::data_plane::signature::{self, Credentials, SignatureMethod};
use cloudapi_core::store::apis::{RequestConfig, RequestParameter, ServiceConfig, SystemParameter};
use cloudapi_core::store::{ApiDefinition, Grant, NewApi, NewApp, NewGroup, NewTrafficControl, Scope, TrafficUnit};
use cloudapi_mock::{MockServer, Service};

const KEY: &str = "dp-key-1";
const SECRET: &str = "dp-secret-1";

/// A backend that answers with what it received, and `/slow` after two seconds.
async fn echo_backend() -> SocketAddr {
    async fn echo(request: Request) -> axum::response::Response {
        if request.uri().path() == "/slow" {
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
        let (parts, body) = request.into_parts();
        let body = axum::body::to_bytes(body, 1 << 20).await.unwrap_or_default();
        let headers: serde_json::Map<String, serde_json::Value> = parts
            .headers
            .iter()
            .map(|(n, v)| (n.to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned().into()))
            .collect();
        let echoed = serde_json::json!({
            "method": parts.method.as_str(),
            "uri": parts.uri.to_string(),
            "headers": headers,
            "body": String::from_utf8_lossy(&body),
        });
        axum::response::Response::builder()
            .status(299)
            .header("x-backend", "echo")
            .header("content-type", "application/json")
            .body(axum::body::Body::from(echoed.to_string()))
            .unwrap_or_default()
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, Router::new().fallback(any(echo))).await;
    });
    address
}

struct Gateway {
    mock: MockServer,
    domain: String,
}

fn http_api(name: &str, path: &str, address: &str, service_path: &str, timeout_ms: i64) -> ApiDefinition {
    ApiDefinition {
        name: name.into(),
        auth_type: "APP".into(),
        request_config: RequestConfig {
            request_protocol: "HTTP".into(),
            request_http_method: "GET".into(),
            request_path: path.into(),
            request_mode: "MAPPING".into(),
            ..RequestConfig::default()
        },
        service_config: ServiceConfig {
            service_protocol: "HTTP".into(),
            service_address: address.into(),
            service_path: service_path.into(),
            service_http_method: "POST".into(),
            service_timeout: timeout_ms,
            ..ServiceConfig::default()
        },
        request_parameters: vec![
            RequestParameter {
                api_parameter_name: "id".into(),
                location: "PATH".into(),
                ..RequestParameter::default()
            },
            RequestParameter {
                api_parameter_name: "city".into(),
                location: "QUERY".into(),
                ..RequestParameter::default()
            },
        ],
        system_parameters: vec![SystemParameter {
            parameter_name: "CaAppId".into(),
            service_parameter_name: "X-App".into(),
            location: "HEAD".into(),
            ..SystemParameter::default()
        }],
        ..ApiDefinition::default()
    }
}

async fn gateway(backend: SocketAddr) -> Gateway {
    let service = Arc::new(Service::default());
    let scope = Scope {
        account_uid: "1234567890123456".into(),
        region: "cn-hangzhou".into(),
    };
    let now = service.clock().now();
    let address = format!("http://{backend}");
    let domain = service.store().with(|world| {
        let group = world
            .create_group(
                &scope,
                NewGroup {
                    name: "dp".into(),
                    ..NewGroup::default()
                },
                10,
                now,
            )
            .expect("group");
        let app = NewApp {
            name: "dp_app".into(),
            app_key: Some(KEY.into()),
            app_secret: Some(SECRET.into()),
            ..NewApp::default()
        };
        let app_id = world.create_app(&scope, app, 10, now).expect("app");
        let definitions = [
            http_api("items", "/items/[id]", &address, "/backend/[id]", 3000),
            http_api("slow", "/slow", &address, "/slow", 300),
            http_api("gone", "/gone", "http://127.0.0.1:1", "/", 1000),
        ];
        for definition in definitions {
            let new = NewApi {
                group_id: group.id.clone(),
                definition,
                tags: Vec::new(),
            };
            let id = world.create_api(&scope, new, 100, now).expect("api");
            world.deploy_api(&scope, None, &id, "RELEASE", "", now).expect("deploy");
            let grant = Grant {
                stage: "RELEASE",
                description: String::new(),
                valid_until: None,
            };
            world
                .authorize(&scope, &[id], &[app_id], &grant, now)
                .expect("authorize");
        }
        group.sub_domain(&scope.region)
    });
    let mock = MockServer::builder().service(service).start().await.expect("mock");
    Gateway { mock, domain }
}

fn signed_headers(gateway: &Gateway, path: &str, query: &str) -> reqwest::header::HeaderMap {
    let mut headers = vec![("accept".to_owned(), "application/json".to_owned())];
    let now = gateway.mock.service().clock().now();
    signature::sign(
        &Credentials {
            app_key: KEY,
            app_secret: SECRET,
            method: SignatureMethod::HmacSha256,
        },
        signature::Outgoing {
            method: "GET",
            path,
            query,
            headers: &mut headers,
            body: b"",
            timestamp_ms: now.unix_timestamp_nanos() / 1_000_000,
            nonce: &format!("{:x}", rand::random::<u128>()),
            extra_signed: &[],
        },
    );
    let mut map = reqwest::header::HeaderMap::new();
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (
            reqwest::header::HeaderName::from_bytes(name.as_bytes()),
            reqwest::header::HeaderValue::from_str(&value),
        ) {
            map.insert(name, value);
        }
    }
    map
}

#[tokio::test]
async fn an_http_backend_gets_the_mapped_call_and_its_answer_is_passed_through() {
    let backend = echo_backend().await;
    let gateway = gateway(backend).await;
    let client = reqwest::Client::builder().no_proxy().build().expect("client");
    let response = client
        .get(format!(
            "{}/items/42?city=%E4%B8%8A%E6%B5%B7&drop=1",
            gateway.mock.uri()
        ))
        .header("host", &gateway.domain)
        .headers(signed_headers(&gateway, "/items/42", "city=%E4%B8%8A%E6%B5%B7&drop=1"))
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status().as_u16(), 299, "the backend's status passes through");
    assert_eq!(response.headers()["x-backend"], "echo");
    assert!(response.headers().get("x-ca-error-code").is_none());
    assert!(response.headers().get("x-ca-request-id").is_some());
    let echoed: serde_json::Value = serde_json::from_slice(&response.bytes().await.expect("body")).expect("json");
    assert_eq!(echoed["method"], "POST");
    assert_eq!(echoed["uri"], "/backend/42?city=%E4%B8%8A%E6%B5%B7");
    assert!(echoed["headers"]["x-app"].as_str().is_some_and(|id| !id.is_empty()));
    assert!(
        echoed["headers"].get("x-ca-signature").is_none(),
        "credentials stay at the gateway"
    );

    // The same call through the mock as a forward proxy: the absolute-form target's host
    // is the group's domain.
    let proxied = reqwest::Client::builder()
        .proxy(reqwest::Proxy::http(gateway.mock.uri()).expect("proxy"))
        .build()
        .expect("client");
    let response = proxied
        .get(format!("http://{}/items/7?city=x", gateway.domain))
        .headers(signed_headers(&gateway, "/items/7", "city=x"))
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status().as_u16(), 299);
    let echoed: serde_json::Value = serde_json::from_slice(&response.bytes().await.expect("body")).expect("json");
    assert_eq!(echoed["uri"], "/backend/7?city=x");

    let journal = gateway.mock.journal();
    let last = journal.last().expect("journalled");
    assert_eq!(last.status, 299);
    assert_eq!(last.call.as_ref().and_then(|c| c.api_name.as_deref()), Some("items"));
}

#[tokio::test]
async fn a_slow_backend_times_out_and_a_closed_port_is_a_connect_failure() {
    let backend = echo_backend().await;
    let gateway = gateway(backend).await;
    let client = reqwest::Client::builder().no_proxy().build().expect("client");
    for (path, status, code) in [("/slow", 504, "D504TO"), ("/gone", 504, "D504RE")] {
        let response = client
            .get(format!("{}{path}", gateway.mock.uri()))
            .header("host", &gateway.domain)
            .headers(signed_headers(&gateway, path, ""))
            .send()
            .await
            .expect("answered");
        assert_eq!(response.status().as_u16(), status, "{path}");
        assert_eq!(response.headers()["x-ca-error-code"], code, "{path}");
    }
}

/// An injected fault on a data-plane call answers as the data plane refuses (`X500ER` in its
/// headers, an empty body), not in the management API's envelope; the management API keeps
/// its own.
#[tokio::test]
async fn a_fault_on_a_data_plane_call_is_a_data_plane_refusal() {
    let mock = MockServer::start().await;
    mock.inject_fault(cloudapi_mock::FaultRule::error(cloudapi_mock::ErrorCode::InternalError))
        .expect("a rule");
    let client = reqwest::Client::builder().no_proxy().build().expect("client");
    let response = client
        .get(format!("{}/forecast", mock.uri()))
        .header("host", "0123456789abcdef0123456789abcdef-cn-hangzhou.alicloudapi.com")
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), 500);
    assert_eq!(
        response.headers().get("x-ca-error-code").and_then(|v| v.to_str().ok()),
        Some("X500ER")
    );
    assert!(response.bytes().await.expect("body").is_empty());
    let management = client
        .get(format!(
            "{}/?Action=DescribeApp&Version=2016-07-14&Format=JSON",
            mock.uri()
        ))
        .send()
        .await
        .expect("an answer");
    assert_eq!(management.status(), 500);
    let body = management.text().await.expect("body");
    assert!(body.contains("\"Code\":\"InternalError\""), "{body}");
}

/// A throttled call is a refusal like any other: the journal records it with its code and
/// the API it reached, and a fault rule fires on the next call as on any.
#[tokio::test]
async fn throttled_calls_are_journalled_and_faults_still_fire() {
    let backend = echo_backend().await;
    let gateway = gateway(backend).await;
    let service = gateway.mock.service();
    let scope = Scope {
        account_uid: "1234567890123456".into(),
        region: "cn-hangzhou".into(),
    };
    let now = service.clock().now();
    service.store().with(|world| {
        let tenancy = world.tenancy(&scope).expect("the gateway's scope");
        let api = tenancy
            .api_table()
            .iter()
            .find(|api| api.definition.name == "items")
            .expect("the items API");
        let (group_id, api_id) = (api.group_id.clone(), api.id.clone());
        let new = NewTrafficControl {
            name: "one_a_day".into(),
            unit: TrafficUnit::Day,
            api_default: 1,
            user_default: None,
            app_default: None,
            description: String::new(),
        };
        let policy = world.create_traffic_control(&scope, new, now);
        world
            .bind_traffic_control(&scope, &policy.id, &group_id, &[api_id], "RELEASE", now)
            .expect("bound");
    });
    let client = reqwest::Client::builder().no_proxy().build().expect("client");
    let call = || async {
        client
            .get(format!("{}/items/1", gateway.mock.uri()))
            .header("host", &gateway.domain)
            .headers(signed_headers(&gateway, "/items/1", ""))
            .send()
            .await
            .expect("answered")
    };
    assert_eq!(
        call().await.status().as_u16(),
        299,
        "the first call reaches the backend"
    );
    let throttled = call().await;
    assert_eq!(throttled.status().as_u16(), 429);
    assert_eq!(throttled.headers()["x-ca-error-code"], "T429PA");
    assert_eq!(
        throttled.headers()["x-ca-error-message"],
        "Throttled by API Flow Control"
    );
    let journal = gateway.mock.journal();
    let newest = journal.first().expect("journalled, newest first");
    assert_eq!((newest.status, newest.error_code), (429, Some("T429PA")));
    assert_eq!(newest.call.as_ref().and_then(|c| c.api_name.as_deref()), Some("items"));

    gateway
        .mock
        .inject_fault(cloudapi_mock::FaultRule::error(cloudapi_mock::ErrorCode::InternalError))
        .expect("a rule");
    let faulted = call().await;
    assert_eq!(faulted.status().as_u16(), 500);
    assert_eq!(faulted.headers()["x-ca-error-code"], "X500ER");
}
