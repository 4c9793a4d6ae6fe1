//! What answers a call that passed the gateway's checks: the Mock backend of the deployed
//! definition, or an HTTP backend. The core has no sockets: for an HTTP backend it decides
//! what to send ([`BackendCall`], with the parameter mapping of reference part 5) and the
//! transport performs the call and hands the outcome back ([`BackendCall::complete`]).

use std::time::Duration;

use crate::protocol::request::{HeaderName, RawRequest, RawResponse};
use crate::store::ApiDefinition;

use super::error::{GatewayCode, GatewayError};

/// ServiceTimeout when a definition gives none (milliseconds; the console's default).
pub const DEFAULT_SERVICE_TIMEOUT_MS: u64 = 10_000;

/// Headers that describe one hop, never forwarded either way.
const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "content-length",
];

/// The gateway's credential headers: a backend does not see them unless the API passes
/// everything through (reference 5.5, our proposal).
fn is_credential_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name == "authorization" || (name.starts_with("x-ca-") && name != "x-ca-stage")
}

/// The Mock backend's answer: MockStatusCode, MockHeaders and MockResult as deployed.
pub fn mock_answer(definition: &ApiDefinition) -> RawResponse {
    let config = &definition.service_config;
    let status = config
        .mock_status_code
        .and_then(|code| u16::try_from(code).ok())
        .filter(|code| (100..=599).contains(code))
        .unwrap_or(200);
    let mut headers: Vec<(HeaderName, String)> = config
        .mock_headers
        .iter()
        .filter(|h| !h.header_name.trim().is_empty())
        .map(|h| {
            (
                HeaderName::Owned(h.header_name.trim().to_ascii_lowercase()),
                h.header_value.clone(),
            )
        })
        .collect();
    if !headers.iter().any(|(name, _)| name == "content-type") {
        headers.push((
            "content-type".into(),
            content_type_of_result(&definition.result_type).to_owned(),
        ));
    }
    RawResponse {
        status,
        headers,
        body: config.mock_result.clone().into_bytes(),
    }
}

/// The Content-Type of a mock answer that sets none, from the API's ResultType (inferred:
/// undocumented).
fn content_type_of_result(result_type: &str) -> &'static str {
    match result_type.to_ascii_uppercase().as_str() {
        "TEXT" => "text/plain; charset=utf-8",
        "XML" => "application/xml; charset=utf-8",
        "HTML" => "text/html; charset=utf-8",
        "BINARY" => "application/octet-stream",
        _ => "application/json; charset=utf-8",
    }
}

/// A call the gateway makes to an HTTP backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackendCall {
    /// The backend's method (ServiceHttpMethod, or the call's own).
    pub method: String,
    /// `ServiceAddress` + `ServicePath` with its parameters filled + the mapped query.
    pub url: String,
    /// The headers to send, names as mapped.
    pub headers: Vec<(String, String)>,
    /// The body to send.
    pub body: Vec<u8>,
    /// ServiceTimeout.
    pub timeout: Duration,
    /// Headers the gateway adds to the answer it relays (the request id ...).
    pub(crate) answer_headers: Vec<(HeaderName, String)>,
}

/// How the transport's call to the backend ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackendOutcome {
    /// The backend answered, whatever its status.
    Answered(RawResponse),
    /// The connection could not be made or broke off.
    Unreachable(String),
    /// No answer within ServiceTimeout.
    TimedOut,
}

impl BackendCall {
    /// The gateway's answer once the backend's outcome is known: the backend's status,
    /// headers and body passed through (no `X-Ca-Error-Code`), or the gateway's refusal.
    pub fn complete(&self, outcome: BackendOutcome) -> Result<RawResponse, GatewayError> {
        match outcome {
            BackendOutcome::Answered(mut response) => {
                response
                    .headers
                    .retain(|(name, _)| !HOP_BY_HOP.iter().any(|hop| name.eq_ignore_ascii_case(hop)));
                response.headers.extend(self.answer_headers.iter().cloned());
                Ok(response)
            }
            BackendOutcome::Unreachable(_) => Err(GatewayError::new(GatewayCode::D504RE, "")),
            BackendOutcome::TimedOut => Err(GatewayError::new(GatewayCode::D504TO, "")),
        }
    }
}

/// What the gateway knows of a call when it maps parameters.
#[derive(Debug)]
pub struct Incoming<'a> {
    /// The call as it arrived.
    pub request: &'a RawRequest,
    /// The values of the path's `[param]` segments.
    pub path_params: &'a [(String, String)],
    /// System parameters by name (`CaRequestId`, `CaAppId` ...).
    pub system: Vec<(&'static str, String)>,
}

/// Values bound for the backend, by location.
#[derive(Debug, Default)]
struct Outgoing {
    path: Vec<(String, String)>,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    form: Vec<(String, String)>,
}

impl Outgoing {
    fn put(&mut self, location: &str, name: &str, value: String) {
        let list = match location.to_ascii_uppercase().as_str() {
            "PATH" => &mut self.path,
            "HEAD" | "HEADER" => &mut self.headers,
            "BODY" | "FORM" => &mut self.form,
            _ => &mut self.query,
        };
        list.push((name.to_owned(), value));
    }
}

/// The call to the HTTP backend of a definition, with the parameter mapping of its
/// RequestMode: PASSTHROUGH forwards the query, the headers and the body as they came;
/// MAPPING sends the declared parameters under their backend names and locations, with the
/// constants and system parameters; MAPPING_PASSTHROUGH adds what was not declared.
pub fn backend_call(definition: &ApiDefinition, incoming: &Incoming<'_>) -> BackendCall {
    let request = incoming.request;
    let config = &definition.service_config;
    let mode = definition.request_config.request_mode.to_ascii_uppercase();
    let passthrough = mode == "PASSTHROUGH";
    let mut out = Outgoing::default();
    let query: Vec<(String, String)> = form_urlencoded::parse(request.query.as_bytes()).into_owned().collect();
    let form: Vec<(String, String)> = if request.has_form_body() {
        form_urlencoded::parse(&request.body).into_owned().collect()
    } else {
        Vec::new()
    };
    let mut declared: Vec<(&str, String)> = Vec::new();
    for (name, value) in incoming.path_params {
        out.path.push((name.clone(), value.clone()));
    }
    if passthrough {
        out.query.clone_from(&query);
        for (name, value) in &request.headers {
            if !HOP_BY_HOP.contains(&name.as_str()) && name != "host" {
                out.headers.push((name.clone(), value.clone()));
            }
        }
    } else {
        for parameter in &definition.request_parameters {
            let name = parameter.api_parameter_name.as_str();
            let location = parameter.location.to_ascii_uppercase();
            let value = match location.as_str() {
                "PATH" => lookup(incoming.path_params, name),
                "HEAD" | "HEADER" => request.header(&name.to_ascii_lowercase()).map(str::to_owned),
                "BODY" | "FORM" => lookup(&form, name),
                _ => lookup(&query, name),
            }
            .or_else(|| (!parameter.default_value.is_empty()).then(|| parameter.default_value.clone()));
            declared.push((name, location.clone()));
            let Some(value) = value else { continue };
            let service_name = definition
                .service_parameters_map
                .iter()
                .find(|m| m.request_parameter_name == name)
                .map_or(name, |m| m.service_parameter_name.as_str());
            let service_location = definition
                .service_parameters
                .iter()
                .find(|p| p.service_parameter_name == service_name)
                .map_or(location.as_str(), |p| p.location.as_str());
            if location == "PATH" && service_location.eq_ignore_ascii_case("PATH") {
                out.path.retain(|(n, _)| n != name);
            }
            out.put(service_location, service_name, value);
        }
        if mode == "MAPPING_PASSTHROUGH" {
            let undeclared =
                |name: &str, loc: &[&str]| !declared.iter().any(|(n, l)| *n == name && loc.contains(&l.as_str()));
            for (name, value) in &query {
                if undeclared(name, &["QUERY"]) {
                    out.query.push((name.clone(), value.clone()));
                }
            }
            for (name, value) in &request.headers {
                let forwardable = !HOP_BY_HOP.contains(&name.as_str()) && name != "host" && !is_credential_header(name);
                if forwardable && undeclared(name, &["HEAD", "HEADER"]) && name != "content-type" {
                    out.headers.push((name.clone(), value.clone()));
                }
            }
            for (name, value) in &form {
                if undeclared(name, &["BODY", "FORM"]) {
                    out.form.push((name.clone(), value.clone()));
                }
            }
        }
    }
    for constant in &definition.constant_parameters {
        out.put(
            &constant.location,
            &constant.service_parameter_name,
            constant.constant_value.clone(),
        );
    }
    for system in &definition.system_parameters {
        if let Some((_, value)) = incoming.system.iter().find(|(name, _)| *name == system.parameter_name) {
            let service_name = if system.service_parameter_name.is_empty() {
                system.parameter_name.as_str()
            } else {
                system.service_parameter_name.as_str()
            };
            out.put(&system.location, service_name, value.clone());
        }
    }

    let mut path = config.service_path.clone();
    for (name, value) in &out.path {
        let mut encoded = String::new();
        crate::protocol::signature::encode::percent_encode_into(&mut encoded, value);
        path = path.replace(&format!("[{name}]"), &encoded);
    }
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    let mut url = format!("{}{}", config.service_address.trim_end_matches('/'), path);
    let query_string = if passthrough {
        request.query.clone()
    } else {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&out.query)
            .finish()
    };
    if !query_string.is_empty() {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&query_string);
    }

    let mut headers = out.headers;
    let body = if passthrough || out.form.is_empty() && !request.has_form_body() {
        request.body.clone()
    } else {
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case("content-type"));
        headers.push((
            "content-type".to_owned(),
            "application/x-www-form-urlencoded; charset=UTF-8".to_owned(),
        ));
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&out.form)
            .finish()
            .into_bytes()
    };
    let has_content_type = headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type"));
    match config.content_type_catagory.to_ascii_uppercase().as_str() {
        "CUSTOM" if !config.content_type_value.is_empty() => {
            headers.retain(|(n, _)| !n.eq_ignore_ascii_case("content-type"));
            headers.push(("content-type".to_owned(), config.content_type_value.clone()));
        }
        _ if !has_content_type => {
            if let Some(sent) = request.header("content-type") {
                headers.push(("content-type".to_owned(), sent.to_owned()));
            }
        }
        _ => {}
    }
    let method = if config.service_http_method.trim().is_empty() {
        request.method.to_ascii_uppercase()
    } else {
        config.service_http_method.trim().to_ascii_uppercase()
    };
    let timeout_ms = u64::try_from(config.service_timeout)
        .ok()
        .filter(|ms| *ms > 0)
        .unwrap_or(DEFAULT_SERVICE_TIMEOUT_MS);
    BackendCall {
        method,
        url,
        headers,
        body,
        timeout: Duration::from_millis(timeout_ms),
        answer_headers: Vec::new(),
    }
}

fn lookup(pairs: &[(String, String)], name: &str) -> Option<String> {
    pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::apis::{
        ConstantParameter, MockHeader, RequestParameter, ServiceConfig, ServiceParameter, ServiceParameterMap,
        SystemParameter,
    };

    #[test]
    fn the_mock_answers_as_deployed() {
        let definition = ApiDefinition {
            service_config: ServiceConfig {
                mock: true,
                mock_result: "{\"ok\":true}".into(),
                mock_status_code: Some(201),
                mock_headers: vec![MockHeader {
                    header_name: "X-Weather".into(),
                    header_value: "sunny".into(),
                }],
                ..ServiceConfig::default()
            },
            ..ApiDefinition::default()
        };
        let answer = mock_answer(&definition);
        assert_eq!(answer.status, 201);
        assert_eq!(answer.header("x-weather"), Some("sunny"));
        assert_eq!(answer.header("content-type"), Some("application/json; charset=utf-8"));
        assert_eq!(answer.body_text(), "{\"ok\":true}");
    }

    #[test]
    fn mapping_renames_moves_and_adds() {
        let definition = ApiDefinition {
            request_config: crate::store::apis::RequestConfig {
                request_mode: "MAPPING".into(),
                ..Default::default()
            },
            service_config: ServiceConfig {
                service_address: "http://127.0.0.1:9/".into(),
                service_path: "/v3/user/[uid]".into(),
                service_http_method: "POST".into(),
                service_timeout: 500,
                ..ServiceConfig::default()
            },
            request_parameters: vec![
                RequestParameter {
                    api_parameter_name: "userId".into(),
                    location: "PATH".into(),
                    ..Default::default()
                },
                RequestParameter {
                    api_parameter_name: "city".into(),
                    location: "QUERY".into(),
                    ..Default::default()
                },
                RequestParameter {
                    api_parameter_name: "lang".into(),
                    location: "QUERY".into(),
                    default_value: "zh".into(),
                    ..Default::default()
                },
            ],
            service_parameters: vec![
                ServiceParameter {
                    service_parameter_name: "uid".into(),
                    location: "PATH".into(),
                    ..Default::default()
                },
                ServiceParameter {
                    service_parameter_name: "X-City".into(),
                    location: "HEAD".into(),
                    ..Default::default()
                },
            ],
            service_parameters_map: vec![
                ServiceParameterMap {
                    service_parameter_name: "uid".into(),
                    request_parameter_name: "userId".into(),
                },
                ServiceParameterMap {
                    service_parameter_name: "X-City".into(),
                    request_parameter_name: "city".into(),
                },
            ],
            constant_parameters: vec![ConstantParameter {
                service_parameter_name: "source".into(),
                constant_value: "gateway".into(),
                location: "QUERY".into(),
                ..Default::default()
            }],
            system_parameters: vec![SystemParameter {
                parameter_name: "CaRequestId".into(),
                service_parameter_name: "X-Request".into(),
                location: "HEAD".into(),
                ..Default::default()
            }],
            ..ApiDefinition::default()
        };
        let request = RawRequest {
            method: "GET".into(),
            path: "/users/42".into(),
            query: "city=%E4%B8%8A%E6%B5%B7&extra=1".into(),
            headers: vec![("x-ca-key".into(), "k".into())],
            body: Vec::new(),
        };
        let path_params = vec![("userId".to_owned(), "42".to_owned())];
        let call = backend_call(
            &definition,
            &Incoming {
                request: &request,
                path_params: &path_params,
                system: vec![("CaRequestId", "REQ".into())],
            },
        );
        assert_eq!(call.method, "POST");
        assert_eq!(call.url, "http://127.0.0.1:9/v3/user/42?lang=zh&source=gateway");
        assert!(call.headers.contains(&("X-City".into(), "上海".into())));
        assert!(call.headers.contains(&("X-Request".into(), "REQ".into())));
        assert!(
            !call.headers.iter().any(|(n, _)| n == "x-ca-key"),
            "credentials stay at the gateway"
        );
        assert_eq!(call.timeout, Duration::from_millis(500));
    }
}
