//! Writes the fuzzer's seed corpus: one raw HTTP request per supported action and scheme,
//! signed for the default account, plus the published signature examples.
//!
//! `cargo run -p cloudapi-core --example fuzz_seeds -- fixtures/fuzz-seeds`

use std::path::PathBuf;

use cloudapi_core::client::{Call, Placement, Signer};
use cloudapi_core::{Action, Format, RawRequest, Scheme};
use time::macros::datetime;

fn params(action: Action) -> Vec<(String, String)> {
    let p = |pairs: &[(&str, &str)]| pairs.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect();
    match action {
        Action::CreateApp => p(&[
            ("AppName", "seed_app"),
            ("Description", "a b*~+'()!&=/ 描述"),
            ("Tag.1.Key", "env"),
            ("Tag.1.Value", "prod"),
        ]),
        Action::ModifyApp => p(&[("AppId", "10000000001"), ("AppName", "renamed"), ("Disabled", "true")]),
        Action::DescribeApps => p(&[("AppId", "10000000001"), ("PageSize", "10")]),
        Action::DescribeAppAttributes => p(&[("AppName", "seed"), ("Sort", "asc"), ("Tag.1.Key", "env")]),
        Action::ResetAppSecret => p(&[("AppKey", "60030986"), ("NewAppSecret", "s")]),
        Action::ResetAppCode => p(&[("AppCode", "3aaf905a0a1f4f0eabc6d891dfa08afc")]),
        Action::DeleteAppKey | Action::CreateAppKey => p(&[("AppId", "10000000001"), ("AppKey", "60030986")]),
        Action::DeleteAppCode | Action::CreateAppCode => p(&[("AppId", "10000000001"), ("AppCode", "c0de")]),
        Action::TagResources => p(&[
            ("ResourceType", "app"),
            ("ResourceId.1", "10000000001"),
            ("Tag.1.Key", "k"),
        ]),
        Action::UntagResources => p(&[
            ("ResourceType", "app"),
            ("ResourceId.1", "10000000001"),
            ("All", "true"),
        ]),
        Action::ListTagResources => p(&[
            ("ResourceType", "app"),
            ("ResourceId.1", "10000000001"),
            ("NextToken", "0"),
        ]),
        Action::DescribeApp | Action::DeleteApp | Action::DescribeAppSecurity | Action::DescribeAppSecurities => {
            p(&[("AppId", "10000000001")])
        }
        Action::CreateApiGroup => p(&[
            ("GroupName", "seed_group"),
            ("BasePath", "/v1"),
            ("Description", "天气 a+b"),
            ("Tag.1.Key", "env"),
        ]),
        Action::ModifyApiGroup => p(&[
            ("GroupId", "523e8dc7bbe04613b5b1d726c2a7889d"),
            ("UserLogConfig", r#"{"requestBody":true}"#),
        ]),
        Action::DescribeApiGroups => p(&[("GroupName", "seed"), ("PageSize", "50"), ("Sort", "asc")]),
        Action::DescribeApiGroup | Action::DeleteApiGroup => p(&[("GroupId", "523e8dc7bbe04613b5b1d726c2a7889d")]),
        Action::CreateApi => {
            let mut pairs = p(&[("GroupId", GROUP)]);
            pairs.extend(definition(TERRAFORM_REQUEST_CONFIG));
            pairs
        }
        Action::ModifyApi => {
            let mut pairs = p(&[("ApiId", API)]);
            pairs.extend(definition(r#"{"requestProtocol":"HTTP","requestHttpMethod":"POST","requestPath":"/[id]","requestMode":"MAPPING"}"#));
            pairs
        }
        Action::DescribeApi | Action::DeleteApi => p(&[("ApiId", API), ("GroupId", GROUP)]),
        Action::DescribeApis => p(&[("GroupId", GROUP), ("ApiName", "seed"), ("PageSize", "100")]),
        Action::DeployApi => p(&[
            ("ApiId", API),
            ("StageName", "RELEASE"),
            ("Description", "Terraform Deploy"),
        ]),
        Action::AbolishApi | Action::DescribeDeployedApi => p(&[("ApiId", API), ("StageName", "PRE")]),
        Action::DescribeDeployedApis => p(&[("StageName", "TEST"), ("PageSize", "100")]),
        Action::DescribeApiHistories | Action::DescribeHistoryApis => {
            p(&[("GroupId", GROUP), ("StageName", "RELEASE")])
        }
        Action::DescribeApiHistory => p(&[("ApiId", API), ("StageName", "RELEASE"), ("HistoryVersion", VERSION)]),
        Action::SetAppsAuthorities | Action::RemoveAppsAuthorities => p(&[
            ("ApiId", API),
            ("AppIds", "10000000001,10000000002"),
            ("StageName", "RELEASE"),
            ("AuthValidTime", "Fri,05Oct203816:00:00GMT"),
        ]),
        Action::SetApisAuthorities | Action::RemoveApisAuthorities => p(&[
            ("AppId", "10000000001"),
            ("ApiIds", API),
            ("StageName", "TEST"),
            ("GroupId", GROUP),
        ]),
        Action::DescribeAuthorizedApps => p(&[("ApiId", API), ("StageName", "RELEASE")]),
        Action::DescribeAuthorizedApis
        | Action::DescribeApisByApp
        | Action::DescribeApisWithStageNameIntegratedByApp => p(&[("AppId", "10000000001"), ("PageSize", "100")]),
        Action::CreateTrafficControl | Action::ModifyTrafficControl => p(&[
            ("TrafficControlId", POLICY),
            ("TrafficControlName", "seed_policy"),
            ("TrafficControlUnit", "Minute"),
            ("ApiDefault", "100"),
            ("UserDefault", "50"),
            ("AppDefault", "10"),
        ]),
        Action::DeleteTrafficControl | Action::DeleteAllTrafficSpecialControl => p(&[("TrafficControlId", POLICY)]),
        Action::DescribeApisByTrafficControl => p(&[("TrafficControlId", POLICY), ("PageSize", "100")]),
        Action::DescribeApiTrafficControls => p(&[("GroupId", GROUP), ("StageName", "RELEASE"), ("ApiIds", API)]),
        Action::DescribeTrafficControls => p(&[
            ("GroupId", GROUP),
            ("ApiId", API),
            ("StageName", "RELEASE"),
            ("PageSize", "100"),
        ]),
        Action::DescribeTrafficControlsByApi => p(&[("GroupId", GROUP), ("ApiId", API), ("StageName", "RELEASE")]),
        Action::SetTrafficControlApis | Action::RemoveTrafficControlApis => p(&[
            ("TrafficControlId", POLICY),
            ("GroupId", GROUP),
            ("ApiIds", API),
            ("StageName", "TEST"),
        ]),
        Action::AddTrafficSpecialControl | Action::DeleteTrafficSpecialControl => p(&[
            ("TrafficControlId", POLICY),
            ("SpecialType", "APP"),
            ("SpecialKey", "10000000001"),
            ("TrafficValue", "5"),
        ]),
        Action::SwitchApi => p(&[
            ("ApiId", API),
            ("StageName", "RELEASE"),
            ("HistoryVersion", VERSION),
            ("Description", "roll back"),
        ]),
    }
}

const GROUP: &str = "523e8dc7bbe04613b5b1d726c2a7889d";
const API: &str = "8afff6c8c4c6447abb035812e4d66b65";
const POLICY: &str = "d5f8e5c6f1a04f5bb0a3e3e1c9b1a2f4";
const VERSION: &str = "20261130093128123";
/// What terraform's provider sends: camelCase keys, every ServiceConfig key present.
const TERRAFORM_REQUEST_CONFIG: &str = r#"{"requestProtocol":"HTTP","requestHttpMethod":"GET","requestPath":"/weather/[city]","requestMode":"MAPPING","bodyFormat":""}"#;

/// A definition with a Mock backend, a path parameter and a catalog-encoded constant.
fn definition(request_config: &str) -> Vec<(String, String)> {
    [
        ("ApiName", "seed_api"),
        ("Visibility", "PRIVATE"),
        ("AuthType", "APP"),
        ("RequestConfig", request_config),
        (
            "ServiceConfig",
            r#"{"serviceProtocol":"HTTP","serviceAddress":"http://www.aliyun.com","serviceHttpMethod":"GET","servicePath":"/w","serviceTimeout":30,"contentTypeCatagory":"CLIENT","mock":"TRUE","mockResult":"{\"ok\":true}","serviceVpcEnable":"FALSE","vpcConfig":{"name":"","vpcScheme":""},"functionComputeConfig":{}}"#,
        ),
        (
            "RequestParameters",
            r#"[{"apiParameterName":"city","location":"PATH","parameterType":"STRING","required":"REQUIRED"},{"apiParameterName":"unit","location":"QUERY","parameterType":"String","required":"REQUIRED","defaultValue":"c","name":"unit"}]"#,
        ),
        (
            "ServiceParameters",
            r#"[{"serviceParameterName":"city","location":"PATH","type":"STRING","parameterCatalog":"REQUEST"},{"serviceParameterName":"unit","location":"QUERY","type":"STRING","parameterCatalog":"CONSTANT"}]"#,
        ),
        (
            "ServiceParametersMap",
            r#"[{"requestParameterName":"city","serviceParameterName":"city"},{"requestParameterName":"unit","serviceParameterName":"unit"}]"#,
        ),
        ("ResultSample", "Result Sample"),
    ]
    .iter()
    .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
    .collect()
}

/// CreateApi requests whose documents are broken, deep, huge or hostile.
fn hostile_definitions() -> Vec<(&'static str, Vec<(String, String)>)> {
    let with = |name: &str, value: String| {
        let mut pairs = vec![("GroupId".to_owned(), GROUP.to_owned())];
        pairs.extend(
            definition(TERRAFORM_REQUEST_CONFIG)
                .into_iter()
                .filter(|(n, _)| n != name),
        );
        pairs.push((name.to_owned(), value));
        pairs
    };
    vec![
        (
            "broken",
            with("RequestConfig", r#"{"requestProtocol":"HTTP","#.to_owned()),
        ),
        (
            "deep",
            with("RequestParameters", format!("{}{}", "[".repeat(200), "]".repeat(200))),
        ),
        (
            "huge",
            with(
                "ServiceConfig",
                format!(
                    r#"{{"serviceProtocol":"HTTP","serviceTimeout":1,"mockResult":"{}"}}"#,
                    "x".repeat(60_000)
                ),
            ),
        ),
        (
            "wrong-types",
            with(
                "ServiceConfig",
                r#"{"serviceProtocol":7,"serviceTimeout":"soon","mock":[1]}"#.to_owned(),
            ),
        ),
        (
            "unknown-enum",
            with(
                "RequestConfig",
                r#"{"requestProtocol":"GOPHER","requestHttpMethod":"FETCH","requestPath":"x","requestMode":"ANY"}"#
                    .to_owned(),
            ),
        ),
        ("not-an-array", with("ServiceParametersMap", r#"{"a":1}"#.to_owned())),
    ]
}

fn raw_http(request: &RawRequest) -> Vec<u8> {
    let target = if request.query.is_empty() {
        request.path.clone()
    } else {
        format!("{}?{}", request.path, request.query)
    };
    let mut out = format!("{} {target} HTTP/1.1\r\n", request.method).into_bytes();
    for (name, value) in &request.headers {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("content-length: {}\r\n\r\n", request.body.len()).as_bytes());
    out.extend_from_slice(&request.body);
    out
}

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "fixtures/fuzz-seeds".to_owned()),
    );
    std::fs::create_dir_all(&dir)?;
    let signer = Signer::new("testid", "testsecret");
    let variants = [
        ("v2-get", Scheme::V2, "GET", Placement::Query, Format::Json),
        ("v2-form", Scheme::V2, "POST", Placement::FormBody, Format::Xml),
        ("v3-post", Scheme::V3, "POST", Placement::Query, Format::Json),
    ];
    for action in Action::ALL {
        for (label, scheme, method, placement, format) in variants {
            let request = signer.sign(&Call {
                action: action.name(),
                params: &params(*action),
                scheme,
                method,
                placement,
                format,
                host: "127.0.0.1:8080",
                timestamp: datetime!(2026-11-30 09:31:28 UTC),
                nonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
            });
            std::fs::write(dir.join(format!("{}-{label}.http", action.name())), raw_http(&request))?;
        }
    }
    for (label, params) in hostile_definitions() {
        let request = signer.sign(&Call {
            action: Action::CreateApi.name(),
            params: &params,
            scheme: Scheme::V2,
            method: "POST",
            placement: Placement::FormBody,
            format: Format::Json,
            host: "127.0.0.1:8080",
            timestamp: datetime!(2026-11-30 09:31:28 UTC),
            nonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        });
        std::fs::write(dir.join(format!("CreateApi-{label}.http")), raw_http(&request))?;
    }
    Ok(())
}
