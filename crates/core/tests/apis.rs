//! An API defined as terraform's provider defines it: camelCase documents, a constant and a
//! system parameter written into the parameter arrays, then read back, deployed, changed,
//! and the stage still running the frozen copy.

mod common;

use cloudapi_core::{Config, Scheme};
use common::Caller;

const REQUEST_CONFIG: &str = r#"{"requestProtocol":"HTTP","requestHttpMethod":"GET","requestPath":"/weather/[city]","requestMode":"MAPPING","bodyFormat":""}"#;
const SERVICE_CONFIG: &str = r#"{"serviceProtocol":"HTTP","serviceAddress":"http://www.aliyun.com","serviceHttpMethod":"GET","servicePath":"/w/[city]","serviceTimeout":30,"contentTypeCatagory":"CLIENT","contentTypeValue":"","mock":"TRUE","mockResult":"sunny","serviceVpcEnable":"FALSE","functionComputeConfig":{"fcRegionId":"","functionName":"","serviceName":""},"vpcConfig":{"name":"","vpcScheme":""},"aoneAppName":""}"#;
const REQUEST_PARAMETERS: &str = r#"[
  {"parameterType":"STRING","name":"city","apiParameterName":"city","description":"","location":"PATH","required":"REQUIRED","defaultValue":""},
  {"parameterType":"String","name":"constant","apiParameterName":"constant","description":"a constant","location":"HEAD","required":"REQUIRED","defaultValue":"constant-value"},
  {"parameterType":"String","name":"CaClientIp","apiParameterName":"CaClientIp","description":"","location":"HEAD","required":"REQUIRED","defaultValue":""}
]"#;
const SERVICE_PARAMETERS: &str = r#"[
  {"serviceParameterName":"city","location":"PATH","type":"STRING","parameterCatalog":"REQUEST"},
  {"serviceParameterName":"constant","location":"HEAD","type":"STRING","parameterCatalog":"CONSTANT"},
  {"serviceParameterName":"clientIP","location":"HEAD","type":"STRING","parameterCatalog":"SYSTEM"}
]"#;
const MAP: &str = r#"[
  {"requestParameterName":"city","serviceParameterName":"city"},
  {"requestParameterName":"constant","serviceParameterName":"constant"},
  {"requestParameterName":"CaClientIp","serviceParameterName":"clientIP"}
]"#;

#[test]
fn terraform_s_definition_reads_back_as_terraform_expects() {
    let service = common::service(Config::default());
    let owner = Caller::default_account(Scheme::V2);
    let group = owner.call(&service, "CreateApiGroup", &[("GroupName", "weather")]);
    let group_id = group.body["GroupId"].as_str().expect("GroupId").to_owned();
    let created = owner.call(
        &service,
        "CreateApi",
        &[
            ("GroupId", &group_id),
            ("ApiName", "forecast"),
            ("Description", "managed by terraform"),
            ("AuthType", "APP"),
            ("Visibility", "PRIVATE"),
            ("RequestConfig", REQUEST_CONFIG),
            ("ServiceConfig", SERVICE_CONFIG),
            ("RequestParameters", REQUEST_PARAMETERS),
            ("ServiceParameters", SERVICE_PARAMETERS),
            ("ServiceParametersMap", MAP),
            ("ResultType", "JSON"),
            ("ResultSample", "Result Sample"),
            ("AllowSignatureMethod", "HmacSHA256"),
            ("WebSocketApiType", "COMMON"),
            ("BackendEnable", "false"),
        ],
    );
    assert!(created.ok(), "{}", created.body);
    let api_id = created.body["ApiId"].as_str().expect("ApiId").to_owned();
    assert_eq!(api_id.len(), 32);

    let read = owner.call(&service, "DescribeApi", &[("ApiId", &api_id), ("GroupId", &group_id)]);
    assert!(read.ok(), "{}", read.body);
    let body = &read.body;
    assert_eq!(body["ServiceConfig"]["Mock"], "TRUE");
    assert_eq!(body["ServiceConfig"]["ServiceVpcEnable"], "FALSE");
    assert_eq!(body["ServiceConfig"]["ServiceTimeout"], 30);
    assert_eq!(body["ServiceConfig"]["FunctionComputeConfig"]["RegionId"], "");
    assert_eq!(body["Mock"], "OPEN");
    assert_eq!(body["ForceNonceCheck"], false);
    assert_eq!(body["RequestConfig"]["RequestPath"], "/weather/[city]");
    let requests = body["RequestParameters"]["RequestParameter"].as_array().expect("list");
    assert_eq!(
        requests.len(),
        1,
        "constants and system parameters are moved out: {body}"
    );
    assert_eq!(requests[0]["ParameterType"], "STRING", "the case sent comes back");
    assert_eq!(
        body["ServiceParametersMap"]["ServiceParameterMap"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let constant = &body["ConstantParameters"]["ConstantParameter"][0];
    assert_eq!(constant["ServiceParameterName"], "constant");
    assert_eq!(constant["ConstantValue"], "constant-value");
    assert_eq!(constant["Location"], "HEAD");
    assert_eq!(constant["Description"], "a constant");
    let system = &body["SystemParameters"]["SystemParameter"][0];
    assert_eq!(system["ParameterName"], "CaClientIp");
    assert_eq!(system["ServiceParameterName"], "clientIP");
    let stages: Vec<&str> = body["DeployedInfos"]["DeployedInfo"]
        .as_array()
        .expect("list")
        .iter()
        .map(|info| info["DeployedStatus"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(stages, ["NONDEPLOYED"; 3]);

    let not_yet = owner.call(
        &service,
        "DescribeDeployedApi",
        &[("ApiId", &api_id), ("StageName", "RELEASE")],
    );
    assert_eq!(not_yet.code(), Some("NotFoundStage"));
    let deployed = owner.call(
        &service,
        "DeployApi",
        &[
            ("ApiId", &api_id),
            ("StageName", "RELEASE"),
            ("Description", "Terraform Deploy"),
        ],
    );
    assert!(deployed.ok(), "{}", deployed.body);
    let modified = owner.call(
        &service,
        "ModifyApi",
        &[
            ("ApiId", &api_id),
            ("ApiName", "forecast"),
            ("Visibility", "PRIVATE"),
            (
                "RequestConfig",
                &REQUEST_CONFIG.replace("/weather/[city]", "/v2/weather/[city]"),
            ),
            ("ServiceConfig", SERVICE_CONFIG),
        ],
    );
    assert!(modified.ok(), "{}", modified.body);
    let running = owner.call(
        &service,
        "DescribeDeployedApi",
        &[("ApiId", &api_id), ("StageName", "RELEASE")],
    );
    assert!(running.ok(), "{}", running.body);
    assert_eq!(running.body["RequestConfig"]["RequestPath"], "/weather/[city]");
    assert_eq!(running.body["StageName"], "RELEASE");
    let draft = owner.call(&service, "DescribeApi", &[("ApiId", &api_id)]);
    assert_eq!(draft.body["RequestConfig"]["RequestPath"], "/v2/weather/[city]");
    assert!(
        draft.body["ConstantParameters"]["ConstantParameter"]
            .as_array()
            .is_some_and(Vec::is_empty),
        "ModifyApi replaces the whole definition"
    );

    let refused = owner.call(&service, "DeleteApi", &[("ApiId", &api_id)]);
    assert_eq!(refused.code(), Some("DependencyViolationApi"));
    let group_refused = owner.call(&service, "DeleteApiGroup", &[("GroupId", &group_id)]);
    assert_eq!(group_refused.code(), Some("DependencyViolationApiGroup"));
    for stage in ["RELEASE", "PRE", "TEST"] {
        let abolished = owner.call(&service, "AbolishApi", &[("ApiId", &api_id), ("StageName", stage)]);
        assert!(abolished.ok(), "{stage}: {}", abolished.body);
    }
    let deleted = owner.call(&service, "DeleteApi", &[("ApiId", &api_id)]);
    assert!(deleted.ok(), "{}", deleted.body);
    let gone = owner.call(&service, "DescribeApi", &[("ApiId", &api_id)]);
    assert_eq!(gone.code(), Some("NotFoundApi"));
}

#[test]
fn a_broken_document_names_its_member() {
    let service = common::service(Config::default());
    let owner = Caller::default_account(Scheme::V3);
    let group = owner.call(&service, "CreateApiGroup", &[("GroupName", "weather")]);
    let group_id = group.body["GroupId"].as_str().expect("GroupId").to_owned();
    let base = [
        ("GroupId", group_id.as_str()),
        ("ApiName", "forecast"),
        ("Visibility", "PRIVATE"),
        ("ServiceConfig", SERVICE_CONFIG),
    ];
    let with = |request_config: &str| {
        let mut params = base.to_vec();
        params.push(("RequestConfig", request_config));
        owner.call(&service, "CreateApi", &params)
    };
    let broken = with(r#"{"requestProtocol":"HTTP""#);
    assert_eq!(broken.code(), Some("InvalidRequestConfig"));
    let method =
        with(r#"{"requestProtocol":"HTTP","requestHttpMethod":"FETCH","requestPath":"/a","requestMode":"MAPPING"}"#);
    assert_eq!(method.code(), Some("InvalidRequestConfig"));
    assert!(
        method.body["Message"]
            .as_str()
            .unwrap_or_default()
            .contains("RequestHttpMethod"),
        "{}",
        method.body
    );
    let missing = with(r#"{"requestProtocol":"HTTP","requestHttpMethod":"GET","requestMode":"MAPPING"}"#);
    assert!(
        missing.body["Message"]
            .as_str()
            .unwrap_or_default()
            .contains("RequestPath is missing"),
        "{}",
        missing.body
    );
    let absent = owner.call(&service, "CreateApi", &base);
    assert_eq!(absent.code(), Some("MissingRequestConfig"));
}
