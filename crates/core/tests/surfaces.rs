//! One state, two surfaces: a group created through the management API is found by the data
//! plane on its domain, at once; a request reaches the data plane by Host alone.

mod common;

use cloudapi_core::{Config, RawRequest, Scheme, Surface};
use common::Caller;

fn data_plane_call(host: &str, path: &str) -> RawRequest {
    RawRequest {
        method: "GET".into(),
        path: path.into(),
        headers: vec![("host".into(), host.into())],
        ..RawRequest::default()
    }
}

#[test]
fn a_group_created_through_the_management_api_is_served_on_its_domain() {
    let service = common::service(Config::default());
    let owner = Caller::default_account(Scheme::V2);
    let created = owner.call(&service, "CreateApiGroup", &[("GroupName", "weather")]);
    assert!(created.ok(), "{}", created.body);
    let domain = created.body["SubDomain"].as_str().expect("SubDomain").to_owned();

    let handled = service.handle_recorded(&data_plane_call(&domain, "/forecast"));
    assert_eq!(handled.record.surface, Surface::DataPlane);
    assert_eq!(handled.response.status, 404);
    assert_eq!(handled.response.header("x-ca-error-code"), Some("I404NF"));
    assert_eq!(
        handled.response.header("x-ca-error-message"),
        Some("API not found with `GET /forecast`")
    );

    let group_id = created.body["GroupId"].as_str().expect("GroupId");
    let deleted = owner.call(&service, "DeleteApiGroup", &[("GroupId", group_id)]);
    assert!(deleted.ok(), "{}", deleted.body);
    let handled = service.handle_recorded(&data_plane_call(&domain, "/forecast"));
    assert_eq!(handled.response.header("x-ca-error-code"), Some("I404DO"));
    assert_eq!(
        handled.response.header("x-ca-error-message"),
        Some(format!("Invalid Domain `{domain}`").as_str())
    );
}

#[test]
fn the_management_api_answers_on_its_own_hosts() {
    let service = common::service(Config::default());
    let request = RawRequest {
        method: "GET".into(),
        path: "/".into(),
        query: "Action=DescribeApiGroups&Version=2016-07-14&Format=JSON".into(),
        headers: vec![("host".into(), "apigateway.cn-hangzhou.aliyuncs.com".into())],
        ..RawRequest::default()
    };
    let handled = service.handle_recorded(&request);
    assert_eq!(handled.record.surface, Surface::Management);
    assert!(handled.response.body_text().contains("MissingAccessKeyId"));
}
