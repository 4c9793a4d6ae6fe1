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
    }
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
    Ok(())
}
