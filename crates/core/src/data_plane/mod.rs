//! The second surface: the gateway serving the APIs users deployed, on their groups'
//! domains. The way of a call (reference/data-plane.md), in the order of [`CHECK_ORDER`]:
//! Host → group → stage (`X-Ca-Stage`) → API by BasePath, path template and method in what
//! that stage runs (the deployed copy, never the draft) → protocol → the caller's
//! credentials by the API's AuthType (X-Ca digest, AppCode, anonymous) with the timestamp,
//! signature, nonce and Content-MD5 → the app's authorization for (API, stage) and its
//! expiry → the backend: the Mock answer, or an HTTP call the transport makes
//! ([`upstream::BackendCall`]).

pub mod error;
pub mod routing;
pub mod signature;
pub mod throttling;
pub mod upstream;

use time::OffsetDateTime;

use crate::backend::Backend;
use crate::config::{AuthMode, Config};
use crate::nonce::NonceMemory;
use crate::protocol::params::Params;
use crate::protocol::request::{HeaderName, RawRequest, RawResponse};
use crate::protocol::signature::Scheme;
use crate::service::{new_request_id, Handled, RequestRecord, Surface};
use crate::store::{ApiDefinition, App, Scope, World};
pub use error::{GatewayCode, GatewayError};
pub use routing::{host_name, is_addressed_to_data_plane, NO_DNS_PREFIX, SECOND_LEVEL_DOMAIN_SUFFIX};
use signature::{Signable, SignatureMethod};
pub use upstream::{BackendCall, BackendOutcome};

/// The order of the gateway's checks, as one table so it can be corrected in one place when
/// a real gateway disagrees (reference 4.4: no source documents it).
pub const CHECK_ORDER: &[&str] = &[
    "Host -> group (I404DO)",
    "X-Ca-Stage (I400SG)",
    "path and method in the stage (I404NF)",
    "protocol (I403PT)",
    "credentials present (A400MA), AppCode known (A400AC) or AppKey known (A400IK)",
    "X-Ca-Signature present (Empty Signature), X-Ca-Signature-Method (I400HD)",
    "X-Ca-Timestamp syntax and window (Invalid Timestamp, Timestamp Expired)",
    "signature (A403IS)",
    "X-Ca-Nonce required by ForceNonceCheck (I400MH) and not reused (Nonce Used)",
    "Content-MD5 (I400I5)",
    "app enabled and authorized for (API, stage) (I403AA), authorization not expired (A403EP)",
    "second-level domain's daily cap (T429ID), group's limit (T429GR), the bound policy's API limit (T429PA), \
     user limit (T429PR), app limit (T429SR)",
    "backend: Mock, or HTTP (D504RE, D504TO)",
];

/// How long an `X-Ca-Timestamp` stays valid either way of the mock's clock ("valid for 15
/// minutes").
pub const TIMESTAMP_WINDOW: time::Duration = time::Duration::minutes(15);
/// How long a nonce is remembered, per (AppKey, API) ("within 15 minutes").
pub const NONCE_WINDOW: time::Duration = time::Duration::minutes(15);

/// What the journal knows of a data-plane call.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct CallRecord {
    /// The domain the call named.
    pub host: String,
    /// The stage it named, once known.
    pub stage: Option<&'static str>,
    /// The API it reached, once found.
    pub api_id: Option<String>,
    /// That API's name.
    pub api_name: Option<String>,
    /// The calling app, once authenticated.
    pub app_id: Option<crate::store::AppId>,
}

/// The data plane's own memory: the nonces seen, the calls counted against limits.
#[derive(Debug)]
pub struct DataPlane {
    nonces: NonceMemory,
    throttling: throttling::Throttling,
}

impl DataPlane {
    /// An empty memory, as large as the configured nonce capacity.
    pub fn new(config: &Config) -> DataPlane {
        DataPlane {
            nonces: NonceMemory::new(config.nonce_capacity),
            throttling: throttling::Throttling::default(),
        }
    }

    /// Forgets the nonces seen and the calls counted, as a restart would.
    pub fn forget_requests(&self) {
        self.nonces.clear();
        self.throttling.clear();
    }

    /// A call to a deployed API: routed, checked and answered. For an HTTP backend the
    /// answer is provisional (`D504RE`) and [`Handled::forward`] says what to call; a
    /// transport makes the call and passes the outcome to [`complete`].
    pub fn handle(&self, config: &Config, backend: &Backend, request: &RawRequest) -> Handled {
        let request_id = new_request_id();
        let now = backend.clock().now();
        let mut call = CallRecord::default();
        let outcome = backend
            .store()
            .read(|world| self.serve(config, world, request, &request_id, now, &mut call));
        let (response, error_code, forward) = match outcome {
            Ok(Answer::Now(response)) => (response, None, None),
            Ok(Answer::Forward(backend_call)) => {
                let provisional = GatewayError::new(GatewayCode::D504RE, "");
                (
                    refusal(&provisional, &request_id),
                    Some(provisional.code.entry().label()),
                    Some(Box::new(backend_call)),
                )
            }
            Err(err) => (refusal(&err, &request_id), Some(err.code.entry().label()), None),
        };
        Handled {
            record: RequestRecord {
                request_id,
                surface: Surface::DataPlane,
                scheme: Scheme::V2,
                action: None,
                access_key_id: None,
                account_uid: None,
                region: config.default_region.clone(),
                status: response.status,
                error_code,
                call: Some(call),
            },
            response,
            params: Params::new(Vec::new()),
            forward,
            commit: None,
        }
    }

    fn serve(
        &self,
        config: &Config,
        world: &World,
        request: &RawRequest,
        request_id: &str,
        now: OffsetDateTime,
        call: &mut CallRecord,
    ) -> Result<Answer, GatewayError> {
        let address = routing::address(request);
        call.host.clone_from(&address.domain);
        let (scope, group) = routing::group(world, &address.domain)?;
        let stage = routing::stage(request)?;
        call.stage = Some(stage);
        let route = routing::find(world, scope, group, stage, &request.method, &address.path)?;
        call.api_id = Some(route.api.id.clone());
        call.api_name = Some(route.definition.name.clone());
        let definition = route.definition;
        check_protocol(definition, request)?;
        let caller = self.authenticate(config, world, request, &address, &route.api.id, definition, now)?;
        if let Some((_, app)) = caller {
            call.app_id = Some(app.id);
            authorize(world, app, &route.api.id, stage, now)?;
        }
        // Every domain the mock serves is a group's second-level domain (custom domains,
        // which are not capped, are not emulated), so every call counts against its cap.
        let through_second_level_domain = true;
        self.throttling.admit(
            config,
            scope,
            group,
            through_second_level_domain,
            world.traffic_control_of(scope, &route.api.id, stage),
            &route.api.id,
            stage,
            caller.map(|(app_scope, app)| throttling::Caller {
                account_uid: &app_scope.account_uid,
                app_id: app.id,
            }),
            now,
        )?;

        let mut answer_headers: Vec<(HeaderName, String)> = vec![("x-ca-request-id".into(), request_id.to_owned())];
        if !address.domain.is_empty() {
            // Every answer through the second-level domain is a download in a browser.
            answer_headers.push((
                "content-disposition".into(),
                "attachment; filename=ApiResponseForInnerDomain".to_owned(),
            ));
        }
        if request
            .header("x-ca-request-mode")
            .is_some_and(|mode| mode.trim().eq_ignore_ascii_case("debug"))
        {
            answer_headers.push((
                "x-ca-debug-info".into(),
                "{\"ServiceLatency\":0,\"TotalLatency\":0}".to_owned(),
            ));
        }
        if definition.service_config.mock {
            let mut response = upstream::mock_answer(definition);
            response.headers.extend(answer_headers);
            return Ok(Answer::Now(response));
        }
        let system = system_parameters(request, request_id, &address, stage, definition, caller, now);
        let incoming = upstream::Incoming {
            request,
            path_params: &route.path_params,
            system,
        };
        let mut backend_call = upstream::backend_call(definition, &incoming);
        backend_call.answer_headers = answer_headers;
        Ok(Answer::Forward(backend_call))
    }

    /// The caller's app by the API's AuthType; `None` for an anonymous API.
    #[allow(clippy::too_many_arguments)]
    fn authenticate<'w>(
        &self,
        config: &Config,
        world: &'w World,
        request: &RawRequest,
        address: &routing::Address,
        api_id: &str,
        definition: &ApiDefinition,
        now: OffsetDateTime,
    ) -> Result<Option<(&'w Scope, &'w App)>, GatewayError> {
        if definition.auth_type.eq_ignore_ascii_case("ANONYMOUS") {
            return Ok(None);
        }
        if let Some(code) = app_code(request, &definition.app_code_auth_type) {
            return app_by_code(world, code)
                .map(Some)
                .ok_or_else(|| GatewayError::new(GatewayCode::A400AC, ""));
        }
        let Some(app_key) = request.header("x-ca-key").map(str::trim) else {
            return Err(GatewayError::new(GatewayCode::A400MA, ""));
        };
        let Some((scope, app, app_secret)) = app_by_key(world, app_key) else {
            return Err(GatewayError::new(GatewayCode::A400IK, ""));
        };
        let lenient = config.auth == AuthMode::Lenient;
        let Some(received) = request.header("x-ca-signature") else {
            if lenient {
                return Ok(Some((scope, app)));
            }
            return Err(GatewayError::new(GatewayCode::EmptySignature, ""));
        };
        let method_name = request.header("x-ca-signature-method");
        let method = SignatureMethod::named(method_name)
            .ok_or_else(|| GatewayError::new(GatewayCode::I400HD, "X-Ca-Signature-Method"))?;
        if !method.allowed_by(&definition.allow_signature_method) {
            return Err(GatewayError::new(GatewayCode::I400HD, "X-Ca-Signature-Method"));
        }
        if lenient {
            return Ok(Some((scope, app)));
        }
        if let Some(timestamp) = request.header("x-ca-timestamp") {
            let millis: i64 = timestamp
                .trim()
                .parse()
                .map_err(|_| GatewayError::new(GatewayCode::InvalidTimestamp, ""))?;
            let sent = OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000)
                .map_err(|_| GatewayError::new(GatewayCode::InvalidTimestamp, ""))?;
            if (now - sent).abs() > TIMESTAMP_WINDOW {
                return Err(GatewayError::new(GatewayCode::TimestampExpired, ""));
            }
        }
        let signable = Signable {
            method: &request.method,
            path: &address.path,
            query: &request.query,
            headers: &request.headers,
            body: &request.body,
        };
        let string_to_sign = signature::string_to_sign(&signable);
        let mut verified = signature::verifies(method, app_secret, &string_to_sign, received);
        if !verified && address.no_dns {
            // A client that signs the path it sends signed the no-DNS prefix too.
            let as_sent = Signable {
                path: &request.path,
                ..signable
            };
            verified = signature::verifies(method, app_secret, &signature::string_to_sign(&as_sent), received);
        }
        if !verified {
            return Err(GatewayError::new(
                GatewayCode::A403IS,
                signature::shown_in_header(&string_to_sign),
            ));
        }
        match request.header("x-ca-nonce").map(str::trim).filter(|n| !n.is_empty()) {
            Some(nonce) => {
                let key = format!("{app_key}\n{api_id}\n{nonce}");
                if !self.nonces.record(&key, now, NONCE_WINDOW) {
                    return Err(GatewayError::new(GatewayCode::NonceUsed, ""));
                }
            }
            None if definition.force_nonce_check => {
                return Err(GatewayError::new(GatewayCode::I400MH, "X-Ca-Nonce"));
            }
            None => {}
        }
        if let Some(md5) = request.header("content-md5") {
            if md5.trim() != signature::content_md5(&request.body) {
                return Err(GatewayError::new(GatewayCode::I400I5, ""));
            }
        }
        Ok(Some((scope, app)))
    }
}

/// What the gateway answers with: now, or once the HTTP backend has.
#[derive(Debug)]
enum Answer {
    Now(RawResponse),
    Forward(BackendCall),
}

/// The scheme a call came over: the mock listens on plain HTTP; a TLS terminator in front
/// of it says `X-Forwarded-Proto: https`.
fn check_protocol(definition: &ApiDefinition, request: &RawRequest) -> Result<(), GatewayError> {
    let scheme = request.header("x-forwarded-proto").map_or("HTTP", |proto| {
        if proto.trim().eq_ignore_ascii_case("https") {
            "HTTPS"
        } else {
            "HTTP"
        }
    });
    let allowed = &definition.request_config.request_protocol;
    if allowed.trim().is_empty() || allowed.split(',').any(|p| p.trim().eq_ignore_ascii_case(scheme)) {
        Ok(())
    } else {
        Err(GatewayError::new(GatewayCode::I403PT, scheme))
    }
}

/// The AppCode of a call, where the API's AppCodeAuthType lets it be used: the header
/// `Authorization: APPCODE <code>` (HEADER, HEADER_QUERY) or the query parameter `AppCode`
/// (HEADER_QUERY). DEFAULT is "once listed on the Marketplace", which the mock has not: like
/// DISABLE, the call must then be signed.
fn app_code<'r>(request: &'r RawRequest, app_code_auth_type: &str) -> Option<&'r str> {
    let kind = app_code_auth_type.trim().to_ascii_uppercase();
    let header_allowed = kind == "HEADER" || kind == "HEADER_QUERY";
    if header_allowed {
        let header = request.header("authorization").map(str::trim);
        if let Some(code) = header.and_then(|h| h.strip_prefix("APPCODE ")) {
            return Some(code.trim());
        }
    }
    if kind == "HEADER_QUERY" {
        let code = request.query.split('&').find_map(|pair| pair.strip_prefix("AppCode="));
        return code;
    }
    None
}

/// The app holding an AppKey, whatever the account and region, with that pair's secret
/// (extra pairs included; a reset secret counts at once).
fn app_by_key<'w>(world: &'w World, app_key: &str) -> Option<(&'w Scope, &'w App, &'w str)> {
    let (scope, app) = world.app_by_key(app_key)?;
    let pair = app.key_pairs.iter().find(|pair| pair.app_key == app_key)?;
    Some((scope, app, pair.app_secret.as_str()))
}

/// The app holding an AppCode, whatever the account and region.
fn app_by_code<'w>(world: &'w World, app_code: &str) -> Option<(&'w Scope, &'w App)> {
    world.app_by_code(app_code)
}

/// A disabled app is refused; an enabled one needs an authorization for this API in this
/// stage that has not expired on the mock's clock.
fn authorize(world: &World, app: &App, api_id: &str, stage: &str, now: OffsetDateTime) -> Result<(), GatewayError> {
    if app.disabled {
        return Err(GatewayError::new(GatewayCode::I403AA, ""));
    }
    match world.authorization(app.id, api_id, stage) {
        None => Err(GatewayError::new(GatewayCode::I403AA, "")),
        Some(authorization) if !authorization.is_valid_at(now) => Err(GatewayError::new(GatewayCode::A403EP, "")),
        Some(_) => Ok(()),
    }
}

/// The gateway's values a definition may send to its backend (reference 5.4).
fn system_parameters(
    request: &RawRequest,
    request_id: &str,
    address: &routing::Address,
    stage: &str,
    definition: &ApiDefinition,
    caller: Option<(&Scope, &App)>,
    now: OffsetDateTime,
) -> Vec<(&'static str, String)> {
    let client_ip = request
        .header("x-forwarded-for")
        .and_then(|list| list.split(',').next())
        .map_or_else(|| "127.0.0.1".to_owned(), |ip| ip.trim().to_owned());
    let mut values = vec![
        ("CaClientIp", client_ip),
        ("CaDomain", address.domain.clone()),
        ("CaRequestHandleTime", http_date(now)),
        ("CaRequestId", request_id.to_owned()),
        ("CaHttpSchema", "http".to_owned()),
        ("CaProxy", "AliCloudApiGateway".to_owned()),
        ("CaApiName", definition.name.clone()),
        ("CaStage", stage.to_owned()),
        (
            "CaClientUa",
            request.header("user-agent").unwrap_or_default().to_owned(),
        ),
    ];
    if let Some((_, app)) = caller {
        values.push(("CaAppId", app.id.to_string()));
        if let Some(key) = request.header("x-ca-key") {
            values.push(("CaAppKey", key.trim().to_owned()));
        }
    }
    values
}

/// An HTTP date (`Tue, 14 Nov 2023 22:13:20 GMT`).
fn http_date(at: OffsetDateTime) -> String {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    at.to_offset(time::UtcOffset::UTC).format(&format).unwrap_or_default()
}

/// The gateway's answer once an HTTP backend's outcome is known, in place of the
/// provisional one; the record follows.
pub fn complete(handled: &mut Handled, outcome: BackendOutcome) {
    let Some(call) = handled.forward.take() else {
        return;
    };
    let request_id = handled.record.request_id.clone();
    let (response, error_code) = match call.complete(outcome) {
        Ok(response) => (response, None),
        Err(err) => (refusal(&err, &request_id), Some(err.code.entry().label())),
    };
    handled.record.status = response.status;
    handled.record.error_code = error_code;
    handled.response = response;
}

/// What the transport's refusals and injected faults answer on a data-plane call: a body
/// too large is `I413RL`, anything else the gateway's own failure (`X500ER`, inferred), with
/// the status chosen, as a data-plane refusal rather than the management API's envelope.
pub fn fault(config: &Config, status: u16, too_large: bool) -> Handled {
    let request_id = new_request_id();
    let code = if too_large {
        GatewayCode::I413RL
    } else {
        GatewayCode::X500ER
    };
    let error = GatewayError::new(code, "");
    let mut response = refusal(&error, &request_id);
    response.status = status;
    Handled {
        record: RequestRecord {
            request_id,
            surface: Surface::DataPlane,
            scheme: Scheme::V2,
            action: None,
            access_key_id: None,
            account_uid: None,
            region: config.default_region.clone(),
            status,
            error_code: Some(error.code.entry().label()),
            call: None,
        },
        response,
        params: Params::new(Vec::new()),
        forward: None,
        commit: None,
    }
}

/// A refusal as the gateway sends it: the status, the code and message in headers, an
/// empty body.
pub fn refusal(error: &GatewayError, request_id: &str) -> RawResponse {
    let entry = error.code.entry();
    let mut headers: Vec<(HeaderName, String)> = vec![("x-ca-request-id".into(), request_id.to_owned())];
    if let Some(code) = entry.code {
        headers.push(("x-ca-error-code".into(), code.to_owned()));
    }
    headers.push(("x-ca-error-message".into(), error.message()));
    headers.push(("content-length".into(), "0".to_owned()));
    RawResponse {
        status: entry.http_status,
        headers,
        body: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewGroup, Scope};

    fn serve(world: &World, request: &RawRequest) -> Result<Answer, GatewayError> {
        let config = Config::default();
        let mut call = CallRecord::default();
        DataPlane::new(&config).serve(&config, world, request, "REQ", OffsetDateTime::UNIX_EPOCH, &mut call)
    }

    fn call(host: &str, stage: Option<&str>) -> RawRequest {
        let mut headers = vec![("host".to_owned(), host.to_owned())];
        if let Some(stage) = stage {
            headers.push(("x-ca-stage".to_owned(), stage.to_owned()));
        }
        RawRequest {
            method: "GET".into(),
            path: "/weather".into(),
            headers,
            ..RawRequest::default()
        }
    }

    #[test]
    fn a_group_domain_is_found_and_an_unknown_one_is_not() {
        let mut world = World::default();
        let scope = Scope {
            account_uid: "1".into(),
            region: "cn-hangzhou".into(),
        };
        let new = NewGroup {
            name: "weather".into(),
            ..NewGroup::default()
        };
        let group = world
            .create_group(&scope, new, 10, time::OffsetDateTime::UNIX_EPOCH)
            .expect("created");
        let domain = group.sub_domain("cn-hangzhou");
        assert!(is_addressed_to_data_plane(&call(&format!("{domain}:8080"), None)));
        let err = serve(&world, &call(&domain, None)).expect_err("no API yet");
        assert_eq!(err.message(), "API not found with `GET /weather`");
        let err = serve(&world, &call(&domain.to_uppercase(), Some("test"))).expect_err("no API yet");
        assert_eq!(err.code, GatewayCode::I404NF);
        let err = serve(&world, &call(&domain, Some("STAGING"))).expect_err("no such stage");
        assert_eq!(err.code, GatewayCode::I400SG);
        let other_region = format!("{}-cn-beijing.alicloudapi.com", group.id);
        let err = serve(&world, &call(&other_region, None)).expect_err("not its domain");
        assert_eq!(err.message(), format!("Invalid Domain `{other_region}`"));
        let response = refusal(&err, "REQ");
        assert_eq!(response.status, 404);
        assert_eq!(response.header("X-Ca-Error-Code"), Some("I404DO"));
        assert!(response.body.is_empty());
        assert!(!is_addressed_to_data_plane(&call(
            "apigateway.cn-hangzhou.aliyuncs.com",
            None
        )));
    }
}
