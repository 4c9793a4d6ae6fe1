//! An API's definition from CreateApi's or ModifyApi's parameters: the top-level values
//! with their defaults, the JSON documents with their members checked, and the constants
//! and system parameters that terraform writes into the parameter arrays moved to their own
//! lists (reference part 4.2).

use crate::actions::apis::document::{self, check_one_of, check_present};
use crate::actions::{input, rules};
use crate::error::{ApiResult, ErrorCode};
use crate::operations::{Kind, Param};
use crate::protocol::params::Params;
use crate::store::apis::{
    ApiDefinition, ConstantParameter, ErrorCodeSample, OpenIdConnectConfig, RequestConfig, RequestParameter,
    ServiceConfig, ServiceParameter, ServiceParameterMap, SystemParameter,
};

pub const HTTP_METHODS: &[&str] = &[
    "GET", "POST", "DELETE", "PUT", "HEADER", "TRACE", "PATCH", "CONNECT", "OPTIONS",
];
const REQUEST_PROTOCOLS: &[&str] = &["HTTP", "HTTPS", "HTTP,HTTPS", "HTTPS,HTTP"];
const REQUEST_MODES: &[&str] = &["MAPPING", "MAPPING_PASSTHROUGH", "PASSTHROUGH"];
const BODY_FORMATS: &[&str] = &["", "FORM", "STREAM"];
const SERVICE_PROTOCOLS: &[&str] = &["HTTP", "HTTPS", "FunctionCompute", "OSS", "EventBridge", "UN_SPECIFIED"];
const CONTENT_TYPE_CATEGORIES: &[&str] = &["", "DEFAULT", "CUSTOM", "CLIENT"];
const LOCATIONS: &[&str] = &["BODY", "HEAD", "QUERY", "PATH"];
const REQUIRED: &[&str] = &["", "REQUIRED", "OPTIONAL"];
const CATALOGS: &[&str] = &["", "REQUEST", "CONSTANT", "SYSTEM"];
/// The status codes a Mock backend may answer with (Mock user guide's table).
const MOCK_STATUS_CODES: &[i64] = &[
    200, 201, 202, 203, 204, 205, 206, 300, 301, 302, 303, 304, 305, 306, 307, 400, 401, 402, 403, 404, 405, 406, 407,
    408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 450, 451, 500, 501, 502, 503, 504, 505,
];
/// "The body returned in mock mode, up to 50 KB."
const MAX_MOCK_RESULT_BYTES: usize = 50 * 1024;

/// The parameters CreateApi and ModifyApi share, in the order the gateway checks them.
pub const DEFINITION_PARAMS: &[Param] = &[
    Param::text("ApiName").required(),
    Param::new("Visibility", Kind::OneOf(&["PUBLIC", "PRIVATE"])).required(),
    Param::new("RequestConfig", Kind::Json).required(),
    Param::new("ServiceConfig", Kind::Json).required(),
    Param::text("Description"),
    Param::new("AuthType", Kind::OneOf(&["APP", "ANONYMOUS"])),
    Param::new(
        "AppCodeAuthType",
        Kind::OneOf(&["DEFAULT", "DISABLE", "HEADER", "HEADER_QUERY"]),
    ),
    Param::new(
        "AllowSignatureMethod",
        Kind::OneOf(&["HmacSHA256", "HmacSHA1", "HmacSHA1,HmacSHA256", "HmacSHA256,HmacSHA1"]),
    ),
    Param::new(
        "WebSocketApiType",
        Kind::OneOf(&["COMMON", "REGISTER", "UNREGISTER", "NOTIFY"]),
    ),
    Param::new(
        "ResultType",
        Kind::OneOf(&["JSON", "TEXT", "BINARY", "XML", "HTML", "PASSTHROUGH"]),
    ),
    Param::new("ForceNonceCheck", Kind::Bool),
    Param::new("DisableInternet", Kind::Bool),
    Param::new("BackendEnable", Kind::Bool),
    Param::text("BackendId"),
    Param::new("RequestParameters", Kind::Json),
    Param::new("ServiceParameters", Kind::Json),
    Param::new("ServiceParametersMap", Kind::Json),
    Param::new("ConstantParameters", Kind::Json),
    Param::new("SystemParameters", Kind::Json),
    Param::new("ErrorCodeSamples", Kind::Json),
    Param::new("OpenIdConnectConfig", Kind::Json),
    Param::text("ResultSample"),
    Param::text("FailResultSample"),
    Param::text("ResultBodyModel"),
    Param::text("ResultDescriptions"),
];

fn request_config(params: &Params) -> ApiResult<RequestConfig> {
    const NAME: &str = "RequestConfig";
    let config: RequestConfig = document::read(params, NAME)?.unwrap_or_default();
    check_present(NAME, "RequestProtocol", &config.request_protocol)?;
    check_one_of(NAME, "RequestProtocol", &config.request_protocol, REQUEST_PROTOCOLS)?;
    check_present(NAME, "RequestHttpMethod", &config.request_http_method)?;
    check_one_of(NAME, "RequestHttpMethod", &config.request_http_method, HTTP_METHODS)?;
    check_present(NAME, "RequestPath", &config.request_path)?;
    if !config.request_path.starts_with('/') {
        return Err(document::invalid(NAME, "RequestPath must start with /"));
    }
    check_present(NAME, "RequestMode", &config.request_mode)?;
    check_one_of(NAME, "RequestMode", &config.request_mode, REQUEST_MODES)?;
    check_one_of(NAME, "BodyFormat", &config.body_format, BODY_FORMATS)?;
    Ok(config)
}

fn service_config(params: &Params) -> ApiResult<ServiceConfig> {
    const NAME: &str = "ServiceConfig";
    let config: ServiceConfig = document::read(params, NAME)?.unwrap_or_default();
    check_present(NAME, "ServiceProtocol", &config.service_protocol)?;
    check_one_of(NAME, "ServiceProtocol", &config.service_protocol, SERVICE_PROTOCOLS)?;
    if config.service_timeout <= 0 {
        return Err(document::invalid(
            NAME,
            "ServiceTimeout must be a number of milliseconds above 0",
        ));
    }
    if !config.service_http_method.is_empty() {
        check_one_of(NAME, "ServiceHttpMethod", &config.service_http_method, HTTP_METHODS)?;
    }
    check_one_of(
        NAME,
        "ContentTypeCatagory",
        &config.content_type_catagory,
        CONTENT_TYPE_CATEGORIES,
    )?;
    if let Some(status) = config.mock_status_code {
        if !MOCK_STATUS_CODES.contains(&status) {
            return Err(document::invalid(
                NAME,
                format!("MockStatusCode {status} is not one a Mock may answer"),
            ));
        }
    }
    if config.mock_result.len() > MAX_MOCK_RESULT_BYTES {
        return Err(document::invalid(NAME, "MockResult is larger than 50 KB"));
    }
    Ok(config)
}

fn list<T: serde::de::DeserializeOwned>(params: &Params, name: &str) -> ApiResult<Vec<T>> {
    Ok(document::read::<Vec<T>>(params, name)?.unwrap_or_default())
}

fn request_parameters(params: &Params) -> ApiResult<Vec<RequestParameter>> {
    const NAME: &str = "RequestParameters";
    let parameters: Vec<RequestParameter> = list(params, NAME)?;
    for parameter in &parameters {
        check_present(NAME, "ApiParameterName", &parameter.api_parameter_name)?;
        check_one_of(NAME, "Location", &parameter.location, LOCATIONS)?;
        check_one_of(NAME, "Required", &parameter.required, REQUIRED)?;
    }
    Ok(parameters)
}

fn service_parameters(params: &Params) -> ApiResult<Vec<ServiceParameter>> {
    const NAME: &str = "ServiceParameters";
    let parameters: Vec<ServiceParameter> = list(params, NAME)?;
    for parameter in &parameters {
        check_present(NAME, "ServiceParameterName", &parameter.service_parameter_name)?;
        check_one_of(NAME, "Location", &parameter.location, LOCATIONS)?;
        check_one_of(NAME, "ParameterCatalog", &parameter.parameter_catalog, CATALOGS)?;
    }
    Ok(parameters)
}

fn text(params: &Params, name: &str, default: &str) -> String {
    params.non_empty(name).unwrap_or(default).to_owned()
}

fn flag(params: &Params, name: &str, invalid: ErrorCode) -> ApiResult<Option<bool>> {
    input::optional_bool(params, name, invalid)
}

/// The definition a CreateApi or ModifyApi request gives. ModifyApi replaces the whole
/// definition, except ForceNonceCheck and DisableInternet, which keep their values when
/// absent (`previous`).
pub fn parse(params: &Params, previous: Option<&ApiDefinition>) -> ApiResult<ApiDefinition> {
    let name = params.non_empty("ApiName").unwrap_or_default();
    rules::check_api_name(name)?;
    let description = params.get("Description").unwrap_or_default();
    rules::check_description(description)?;
    let auth_type = text(params, "AuthType", "APP");
    let default_signature = if auth_type == "APP" { "HmacSHA256" } else { "" };
    let mut definition = ApiDefinition {
        name: name.to_owned(),
        description: description.to_owned(),
        visibility: text(params, "Visibility", "PRIVATE"),
        allow_signature_method: text(params, "AllowSignatureMethod", default_signature),
        auth_type,
        app_code_auth_type: text(params, "AppCodeAuthType", "DEFAULT"),
        web_socket_api_type: text(params, "WebSocketApiType", "COMMON"),
        result_type: text(params, "ResultType", "JSON"),
        result_sample: text(params, "ResultSample", ""),
        fail_result_sample: text(params, "FailResultSample", ""),
        result_body_model: text(params, "ResultBodyModel", ""),
        result_descriptions: text(params, "ResultDescriptions", ""),
        force_nonce_check: flag(params, "ForceNonceCheck", ErrorCode::InvalidForceNonceCheck)?
            .unwrap_or(previous.is_some_and(|p| p.force_nonce_check)),
        disable_internet: flag(params, "DisableInternet", ErrorCode::InvalidDisableInternet)?
            .unwrap_or(previous.is_some_and(|p| p.disable_internet)),
        backend_enable: flag(params, "BackendEnable", ErrorCode::InvalidBackendEnable)?.unwrap_or(false),
        backend_id: text(params, "BackendId", ""),
        request_config: request_config(params)?,
        service_config: service_config(params)?,
        request_parameters: request_parameters(params)?,
        service_parameters: service_parameters(params)?,
        service_parameters_map: list::<ServiceParameterMap>(params, "ServiceParametersMap")?,
        constant_parameters: list::<ConstantParameter>(params, "ConstantParameters")?,
        system_parameters: list::<SystemParameter>(params, "SystemParameters")?,
        error_code_samples: list::<ErrorCodeSample>(params, "ErrorCodeSamples")?,
        open_id_connect_config: document::read::<OpenIdConnectConfig>(params, "OpenIdConnectConfig")?,
    };
    split_catalog(&mut definition);
    Ok(definition)
}

/// Moves the CONSTANT and SYSTEM service parameters, with the request parameters and map
/// entries that carry them, to the constant and system lists: the service reports a
/// constant only under `ConstantParameters` and a system parameter only under
/// `SystemParameters`, which terraform's acceptance test expects.
fn split_catalog(definition: &mut ApiDefinition) {
    let catalogued: Vec<(ServiceParameter, bool)> = definition
        .service_parameters
        .iter()
        .filter_map(|p| {
            let catalog = p.parameter_catalog.to_ascii_uppercase();
            (catalog == "CONSTANT" || catalog == "SYSTEM").then(|| (p.clone(), catalog == "CONSTANT"))
        })
        .collect();
    for (service, is_constant) in catalogued {
        let request_name = definition
            .service_parameters_map
            .iter()
            .find(|m| m.service_parameter_name == service.service_parameter_name)
            .map(|m| m.request_parameter_name.clone())
            .unwrap_or_else(|| service.service_parameter_name.clone());
        let request = definition
            .request_parameters
            .iter()
            .position(|p| p.api_parameter_name == request_name)
            .map(|at| definition.request_parameters.remove(at));
        definition
            .service_parameters_map
            .retain(|m| m.service_parameter_name != service.service_parameter_name);
        definition
            .service_parameters
            .retain(|p| p.service_parameter_name != service.service_parameter_name);
        let request = request.unwrap_or_default();
        if is_constant {
            definition.constant_parameters.push(ConstantParameter {
                service_parameter_name: service.service_parameter_name,
                constant_value: request.default_value,
                location: service.location,
                description: request.description,
            });
        } else {
            definition.system_parameters.push(SystemParameter {
                parameter_name: request_name,
                service_parameter_name: service.service_parameter_name,
                location: service.location,
                demo_value: request.demo_value,
                description: request.description,
            });
        }
    }
}
