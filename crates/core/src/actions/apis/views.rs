//! How an API's definition is shown: DescribeApi's tree with the SDK models' wrappers and
//! types, which DescribeDeployedApi and DescribeApiHistory show for a frozen copy.
//!
//! Types follow the SDK models exactly, because clients compare them: `ServiceConfig.Mock`
//! and `ServiceVpcEnable` are the strings `"TRUE"`/`"FALSE"` (terraform picks the service
//! type by comparing them with `"TRUE"`), the top-level `Mock` is `OPEN`/`CLOSED`, timeouts
//! and status codes are numbers, `ForceNonceCheck`, `DisableInternet` and `BackendEnable` are
//! booleans.

use serde::Serialize;
use serde_json::{Map, Value};

use super::document::pascal_case;
use crate::protocol::timestamp;
use crate::store::apis::{
    Api, ApiDefinition, ConstantParameter, ErrorCodeSample, MockHeader, OpenIdConnectConfig, RequestConfig,
    RequestParameter, ServiceConfig, ServiceParameter, ServiceParameterMap, SystemParameter, VpcConfig,
};
use crate::store::groups::STAGE_NAMES;
use crate::store::Tag;

/// Which answer shows a definition: the three SDK models differ in a few members
/// (reference parts 5.4 and 5.7, from diffing the models), and the answers follow them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// DescribeApi: the draft.
    Draft,
    /// DescribeDeployedApi: what a stage runs.
    Deployed,
    /// DescribeApiHistory: one publication.
    History,
}

impl Shape {
    fn has<T>(self, shapes: &[Shape], value: impl FnOnce() -> T) -> Option<T> {
        shapes.contains(&self).then(value)
    }
}

const ALL_BUT_DEPLOYED: &[Shape] = &[Shape::Draft, Shape::History];
const DRAFT_ONLY: &[Shape] = &[Shape::Draft];
const PUBLISHED: &[Shape] = &[Shape::Deployed, Shape::History];

fn true_false(value: bool) -> &'static str {
    if value {
        "TRUE"
    } else {
        "FALSE"
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct RequestConfigView {
    request_protocol: String,
    request_http_method: String,
    request_path: String,
    request_mode: String,
    body_format: String,
    post_body_description: String,
    body_model: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    escape_path_param: Option<bool>,
}

impl RequestConfigView {
    fn of(config: &RequestConfig, shape: Shape) -> RequestConfigView {
        RequestConfigView {
            request_protocol: config.request_protocol.clone(),
            request_http_method: config.request_http_method.clone(),
            request_path: config.request_path.clone(),
            request_mode: config.request_mode.clone(),
            body_format: config.body_format.clone(),
            post_body_description: config.post_body_description.clone(),
            body_model: config.body_model.clone(),
            escape_path_param: shape.has(ALL_BUT_DEPLOYED, || config.escape_path_param),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct MockHeaderView {
    header_name: String,
    header_value: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct MockHeaders {
    mock_header: Vec<MockHeaderView>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct VpcConfigView {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    vpc_scheme: Option<String>,
    vpc_id: String,
    instance_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    port: Option<i64>,
}

impl VpcConfigView {
    fn of(config: &VpcConfig, shape: Shape) -> VpcConfigView {
        VpcConfigView {
            name: config.name.clone(),
            vpc_scheme: shape.has(ALL_BUT_DEPLOYED, || config.vpc_scheme.clone()),
            vpc_id: config.vpc_id.clone(),
            instance_id: config.instance_id.clone(),
            port: config.port,
        }
    }
}

/// A backend document kept as sent (Function Compute, OSS, EventBridge), with its keys in
/// the answers' case; Function Compute's region is answered as `RegionId`.
fn pascal_document(value: &Value) -> Value {
    match value {
        Value::Object(fields) => {
            let mut out = Map::with_capacity(fields.len());
            for (key, value) in fields {
                let key = if key == "fc_region_id" {
                    "RegionId".to_owned()
                } else {
                    pascal_case(key)
                };
                out.insert(key, pascal_document(value));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(pascal_document).collect()),
        other => other.clone(),
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ServiceConfigView {
    service_protocol: String,
    service_address: String,
    service_path: String,
    service_http_method: String,
    service_timeout: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_type_catagory: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_type_value: Option<String>,
    mock: &'static str,
    mock_result: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    mock_status_code: Option<i64>,
    mock_headers: MockHeaders,
    service_vpc_enable: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    vpc_config: Option<VpcConfigView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    function_compute_config: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    oss_config: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event_bridge_config: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    aone_app_name: Option<String>,
    /// Only what is published shows the VPC it runs in.
    #[serde(skip_serializing_if = "Option::is_none")]
    vpc_id: Option<String>,
}

impl ServiceConfigView {
    fn of(config: &ServiceConfig, shape: Shape) -> ServiceConfigView {
        ServiceConfigView {
            service_protocol: config.service_protocol.clone(),
            service_address: config.service_address.clone(),
            service_path: config.service_path.clone(),
            service_http_method: config.service_http_method.clone(),
            service_timeout: config.service_timeout,
            content_type_catagory: shape.has(ALL_BUT_DEPLOYED, || config.content_type_catagory.clone()),
            content_type_value: shape.has(ALL_BUT_DEPLOYED, || config.content_type_value.clone()),
            mock: true_false(config.mock),
            mock_result: config.mock_result.clone(),
            mock_status_code: config.mock_status_code,
            mock_headers: MockHeaders {
                mock_header: config.mock_headers.iter().map(header).collect(),
            },
            service_vpc_enable: true_false(config.service_vpc_enable),
            vpc_config: config.vpc_config.as_ref().map(|vpc| VpcConfigView::of(vpc, shape)),
            function_compute_config: config.function_compute_config.as_ref().map(pascal_document),
            oss_config: shape
                .has(ALL_BUT_DEPLOYED, || config.oss_config.as_ref().map(pascal_document))
                .flatten(),
            event_bridge_config: shape
                .has(ALL_BUT_DEPLOYED, || {
                    config.event_bridge_config.as_ref().map(pascal_document)
                })
                .flatten(),
            aone_app_name: shape.has(DRAFT_ONLY, || config.aone_app_name.clone()),
            vpc_id: shape.has(PUBLISHED, || {
                config
                    .vpc_config
                    .as_ref()
                    .map(|vpc| vpc.vpc_id.clone())
                    .unwrap_or_default()
            }),
        }
    }
}

fn header(header: &MockHeader) -> MockHeaderView {
    MockHeaderView {
        header_name: header.header_name.clone(),
        header_value: header.header_value.clone(),
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct RequestParameterView {
    api_parameter_name: String,
    location: String,
    parameter_type: String,
    required: String,
    default_value: String,
    demo_value: String,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_value: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_value: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_length: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_length: Option<i64>,
    regular_expression: String,
    json_scheme: String,
    enum_value: String,
    doc_show: String,
    doc_order: i64,
    array_items_type: String,
}

impl RequestParameterView {
    fn of(p: &RequestParameter) -> RequestParameterView {
        RequestParameterView {
            api_parameter_name: p.api_parameter_name.clone(),
            location: p.location.clone(),
            parameter_type: p.parameter_type.clone(),
            required: p.required.clone(),
            default_value: p.default_value.clone(),
            demo_value: p.demo_value.clone(),
            description: p.description.clone(),
            max_value: p.max_value,
            min_value: p.min_value,
            max_length: p.max_length,
            min_length: p.min_length,
            regular_expression: p.regular_expression.clone(),
            json_scheme: p.json_scheme.clone(),
            enum_value: p.enum_value.clone(),
            doc_show: p.doc_show.clone(),
            doc_order: p.doc_order.unwrap_or(0),
            array_items_type: p.array_items_type.clone(),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct RequestParameters {
    request_parameter: Vec<RequestParameterView>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ServiceParameterView {
    service_parameter_name: String,
    location: String,
    parameter_type: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ServiceParameters {
    service_parameter: Vec<ServiceParameterView>,
}

fn service_parameter(p: &ServiceParameter) -> ServiceParameterView {
    ServiceParameterView {
        service_parameter_name: p.service_parameter_name.clone(),
        location: p.location.clone(),
        parameter_type: p.parameter_type.clone(),
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ServiceParameterMapView {
    service_parameter_name: String,
    request_parameter_name: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ServiceParametersMap {
    service_parameter_map: Vec<ServiceParameterMapView>,
}

fn map_entry(m: &ServiceParameterMap) -> ServiceParameterMapView {
    ServiceParameterMapView {
        service_parameter_name: m.service_parameter_name.clone(),
        request_parameter_name: m.request_parameter_name.clone(),
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ConstantParameterView {
    service_parameter_name: String,
    constant_value: String,
    location: String,
    description: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ConstantParameters {
    constant_parameter: Vec<ConstantParameterView>,
}

fn constant(p: &ConstantParameter) -> ConstantParameterView {
    ConstantParameterView {
        service_parameter_name: p.service_parameter_name.clone(),
        constant_value: p.constant_value.clone(),
        location: p.location.clone(),
        description: p.description.clone(),
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct SystemParameterView {
    parameter_name: String,
    service_parameter_name: String,
    location: String,
    demo_value: String,
    description: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct SystemParameters {
    system_parameter: Vec<SystemParameterView>,
}

fn system(p: &SystemParameter) -> SystemParameterView {
    SystemParameterView {
        parameter_name: p.parameter_name.clone(),
        service_parameter_name: p.service_parameter_name.clone(),
        location: p.location.clone(),
        demo_value: p.demo_value.clone(),
        description: p.description.clone(),
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ErrorCodeSampleView {
    code: String,
    message: String,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    model: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ErrorCodeSamples {
    error_code_sample: Vec<ErrorCodeSampleView>,
}

fn error_sample(s: &ErrorCodeSample, shape: Shape) -> ErrorCodeSampleView {
    ErrorCodeSampleView {
        code: s.code.clone(),
        message: s.message.clone(),
        description: s.description.clone(),
        model: shape.has(DRAFT_ONLY, || s.model.clone()),
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct OpenIdConnectConfigView {
    open_id_api_type: String,
    id_token_param_name: String,
    public_key_id: String,
    public_key: String,
}

fn open_id(c: &OpenIdConnectConfig) -> OpenIdConnectConfigView {
    OpenIdConnectConfigView {
        open_id_api_type: c.open_id_api_type.clone(),
        id_token_param_name: c.id_token_param_name.clone(),
        public_key_id: c.public_key_id.clone(),
        public_key: c.public_key.clone(),
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct BackendConfig {
    backend_id: String,
    backend_name: String,
    backend_type: String,
}

/// The part of the tree every view of a definition shares.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DefinitionView {
    api_name: String,
    description: String,
    visibility: String,
    auth_type: String,
    allow_signature_method: String,
    result_type: String,
    result_sample: String,
    fail_result_sample: String,
    result_body_model: String,
    force_nonce_check: bool,
    disable_internet: bool,
    request_config: RequestConfigView,
    service_config: ServiceConfigView,
    request_parameters: RequestParameters,
    service_parameters: ServiceParameters,
    service_parameters_map: ServiceParametersMap,
    constant_parameters: ConstantParameters,
    system_parameters: SystemParameters,
    error_code_samples: ErrorCodeSamples,
    #[serde(skip_serializing_if = "Option::is_none")]
    open_id_connect_config: Option<OpenIdConnectConfigView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    app_code_auth_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    web_socket_api_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    backend_enable: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    backend_config: Option<BackendConfig>,
}

impl DefinitionView {
    pub fn of(d: &ApiDefinition, shape: Shape) -> DefinitionView {
        DefinitionView {
            api_name: d.name.clone(),
            description: d.description.clone(),
            visibility: d.visibility.clone(),
            auth_type: d.auth_type.clone(),
            allow_signature_method: d.allow_signature_method.clone(),
            result_type: d.result_type.clone(),
            result_sample: d.result_sample.clone(),
            fail_result_sample: d.fail_result_sample.clone(),
            result_body_model: d.result_body_model.clone(),
            force_nonce_check: d.force_nonce_check,
            disable_internet: d.disable_internet,
            request_config: RequestConfigView::of(&d.request_config, shape),
            service_config: ServiceConfigView::of(&d.service_config, shape),
            request_parameters: RequestParameters {
                request_parameter: d.request_parameters.iter().map(RequestParameterView::of).collect(),
            },
            service_parameters: ServiceParameters {
                service_parameter: d.service_parameters.iter().map(service_parameter).collect(),
            },
            service_parameters_map: ServiceParametersMap {
                service_parameter_map: d.service_parameters_map.iter().map(map_entry).collect(),
            },
            constant_parameters: ConstantParameters {
                constant_parameter: d.constant_parameters.iter().map(constant).collect(),
            },
            system_parameters: SystemParameters {
                system_parameter: d.system_parameters.iter().map(system).collect(),
            },
            error_code_samples: ErrorCodeSamples {
                error_code_sample: d.error_code_samples.iter().map(|s| error_sample(s, shape)).collect(),
            },
            open_id_connect_config: d.open_id_connect_config.as_ref().map(open_id),
            app_code_auth_type: shape.has(ALL_BUT_DEPLOYED, || d.app_code_auth_type.clone()),
            web_socket_api_type: shape.has(ALL_BUT_DEPLOYED, || d.web_socket_api_type.clone()),
            backend_enable: shape.has(ALL_BUT_DEPLOYED, || d.backend_enable),
            backend_config: shape.has(ALL_BUT_DEPLOYED, || BackendConfig {
                backend_id: d.backend_id.clone(),
                backend_name: String::new(),
                backend_type: String::new(),
            }),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeployedInfo {
    deployed_status: &'static str,
    effective_version: String,
    stage_name: &'static str,
}

/// `DeployedInfos.DeployedInfo[]`: one item per system stage, deployed or not.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeployedInfos {
    deployed_info: Vec<DeployedInfo>,
}

impl DeployedInfos {
    pub fn of(api: &Api) -> DeployedInfos {
        DeployedInfos {
            deployed_info: STAGE_NAMES
                .iter()
                .map(|stage| {
                    let running = api.running.get(*stage);
                    DeployedInfo {
                        deployed_status: if running.is_some() { "DEPLOYED" } else { "NONDEPLOYED" },
                        effective_version: running.cloned().unwrap_or_default(),
                        stage_name: stage,
                    }
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TagView {
    tag_key: String,
    tag_value: String,
}

/// `TagList.Tag[]` of `{TagKey, TagValue}` (not the groups' `Tags.TagInfo[]`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TagList {
    tag: Vec<TagView>,
}

impl TagList {
    pub fn of(tags: &[Tag]) -> TagList {
        TagList {
            tag: tags
                .iter()
                .map(|t| TagView {
                    tag_key: t.key.clone(),
                    tag_value: t.value.clone(),
                })
                .collect(),
        }
    }
}

/// Where an API lives, as every view names it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Placement {
    pub api_id: String,
    pub group_id: String,
    pub group_name: String,
    pub region_id: String,
}

/// DescribeApi's answer: the draft.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ApiView {
    #[serde(flatten)]
    placement: Placement,
    #[serde(flatten)]
    definition: DefinitionView,
    mock: &'static str,
    mock_result: String,
    created_time: String,
    modified_time: String,
    deployed_infos: DeployedInfos,
    tag_list: TagList,
}

impl ApiView {
    pub fn of(api: &Api, group_name: &str, region: &str) -> ApiView {
        let d = &api.definition;
        ApiView {
            placement: Placement {
                api_id: api.id.clone(),
                group_id: api.group_id.clone(),
                group_name: group_name.to_owned(),
                region_id: region.to_owned(),
            },
            definition: DefinitionView::of(d, Shape::Draft),
            mock: if d.service_config.mock { "OPEN" } else { "CLOSED" },
            mock_result: d.service_config.mock_result.clone(),
            created_time: timestamp::format(api.created_at),
            modified_time: timestamp::format(api.modified_at),
            deployed_infos: DeployedInfos::of(api),
            tag_list: TagList::of(&api.tags),
        }
    }
}

/// A frozen copy as a stage runs it (DescribeDeployedApi) or as it was published
/// (DescribeApiHistory, which adds the version and whether it runs).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PublicationView {
    #[serde(flatten)]
    placement: Placement,
    #[serde(flatten)]
    definition: DefinitionView,
    stage_name: String,
    deployed_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    history_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
}

impl PublicationView {
    /// `with_history`: the version and its status are shown (DescribeApiHistory).
    pub fn of(
        api: &Api,
        publication: &crate::store::Publication,
        placement: Placement,
        with_history: bool,
    ) -> PublicationView {
        let running = api.running.get(&publication.stage) == Some(&publication.version);
        PublicationView {
            placement,
            definition: DefinitionView::of(
                &publication.definition,
                if with_history { Shape::History } else { Shape::Deployed },
            ),
            stage_name: publication.stage.clone(),
            deployed_time: timestamp::format(publication.deployed_at),
            history_version: with_history.then(|| publication.version.clone()),
            status: with_history.then_some(if running { "ONLINE" } else { "OFFLINE" }),
        }
    }
}
