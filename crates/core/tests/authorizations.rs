//! "An application must be authorized to call an API": a provider authorizes its own app
//! and another account's (by AppId) on one of its APIs in a stage; both sides read it; it
//! expires on the mock's clock; deleting the app or the API takes it away.

mod common;

use cloudapi_core::store::Scope;
use cloudapi_core::{Config, Scheme};
use common::Caller;

const DEFINITION: &[(&str, &str)] = &[
    ("ApiName", "forecast"),
    ("Visibility", "PRIVATE"),
    (
        "RequestConfig",
        r#"{"RequestProtocol":"HTTP","RequestHttpMethod":"GET","RequestPath":"/forecast","RequestMode":"PASSTHROUGH"}"#,
    ),
    (
        "ServiceConfig",
        r#"{"ServiceProtocol":"HTTP","ServiceTimeout":1000,"Mock":"TRUE"}"#,
    ),
];

fn id(reply: &common::Reply, field: &str) -> String {
    match &reply.body[field] {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[test]
fn a_provider_authorizes_its_own_app_and_another_account_s() {
    let service = common::service(Config::default());
    let provider = Caller::default_account(Scheme::V2);
    let consumer = Caller::other_account(Scheme::V3);
    let group = provider.call(&service, "CreateApiGroup", &[("GroupName", "weather")]);
    let group_id = id(&group, "GroupId");
    let mut definition = vec![("GroupId", group_id.as_str())];
    definition.extend_from_slice(DEFINITION);
    let api_id = id(&provider.call(&service, "CreateApi", &definition), "ApiId");
    let own_app = id(
        &provider.call(&service, "CreateApp", &[("AppName", "own_app")]),
        "AppId",
    );
    let their_app = id(
        &consumer.call(&service, "CreateApp", &[("AppName", "their_app")]),
        "AppId",
    );

    let apps = format!("{own_app},{their_app}");
    let granted = provider.call(
        &service,
        "SetAppsAuthorities",
        &[
            ("ApiId", &api_id),
            ("AppIds", &apps),
            ("StageName", "TEST"),
            ("AuthValidTime", "Mon,30Nov202610:00:00GMT"),
            ("Description", "trial"),
        ],
    );
    assert!(granted.ok(), "not yet deployed is no obstacle: {}", granted.body);

    let listed = provider.call(&service, "DescribeAuthorizedApps", &[("ApiId", &api_id)]);
    let items = listed.body["AuthorizedApps"]["AuthorizedApp"]
        .as_array()
        .expect("list")
        .clone();
    let names: Vec<&str> = items
        .iter()
        .map(|i| i["AppName"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(names.len(), 2, "{}", listed.body);
    assert!(names.contains(&"their_app"));
    assert_eq!(items[0]["AuthVaildTime"], "2026-11-30T10:00:00Z");

    let seen = consumer.call(&service, "DescribeAuthorizedApis", &[("AppId", &their_app)]);
    assert_eq!(seen.body["TotalCount"], 1, "{}", seen.body);
    assert_eq!(seen.body["AuthorizedApis"]["AuthorizedApi"][0]["ApiName"], "forecast");
    let not_theirs = consumer.call(&service, "DescribeAuthorizedApis", &[("AppId", &own_app)]);
    assert_eq!(not_theirs.code(), Some("NotFoundApp"));

    let by_owner = provider.call(&service, "DescribeApps", &[("AppOwner", &common::other_account_uid())]);
    assert_eq!(
        by_owner.body["Apps"]["AppItem"][0]["AppName"], "their_app",
        "{}",
        by_owner.body
    );

    // The clock is frozen at 2026-11-30 09:31:28, before the expiry.
    let world_says = |app: &str, at_offset: i64| {
        service.clock().advance(time::Duration::seconds(at_offset));
        let now = service.clock().now();
        service.store().read(|w| {
            w.authorization(app.parse().expect("id"), &api_id, "TEST")
                .is_some_and(|a| a.is_valid_at(now))
        })
    };
    assert!(world_says(&their_app, 0));
    assert!(!world_says(&their_app, 3600), "an hour later it has expired");

    let deleted = consumer.call(&service, "DeleteApp", &[("AppId", &their_app)]);
    assert!(deleted.ok());
    let listed = provider.call(&service, "DescribeAuthorizedApps", &[("ApiId", &api_id)]);
    assert_eq!(listed.body["TotalCount"], 1, "the deleted app's authorization is gone");

    let revoked = provider.call(
        &service,
        "RemoveAppsAuthorities",
        &[("ApiId", &api_id), ("AppIds", &own_app), ("StageName", "TEST")],
    );
    assert!(revoked.ok(), "{}", revoked.body);
    let again = provider.call(
        &service,
        "RemoveAppsAuthorities",
        &[("ApiId", &api_id), ("AppIds", &own_app), ("StageName", "TEST")],
    );
    assert_eq!(again.code(), Some("NotFoundAuthorization"));

    let regranted = provider.call(
        &service,
        "SetApisAuthorities",
        &[("AppId", &own_app), ("ApiIds", &api_id), ("StageName", "RELEASE")],
    );
    assert!(regranted.ok(), "{}", regranted.body);
    let deleted_api = provider.call(&service, "DeleteApi", &[("ApiId", &api_id)]);
    assert!(deleted_api.ok(), "{}", deleted_api.body);
    let none = provider.call(&service, "DescribeAuthorizedApis", &[("AppId", &own_app)]);
    assert_eq!(none.body["TotalCount"], 0, "{}", none.body);
    let scope = Scope {
        account_uid: cloudapi_core::config::DEFAULT_ACCOUNT_UID.to_owned(),
        region: cloudapi_core::config::DEFAULT_REGION.to_owned(),
    };
    let left = service
        .store()
        .read(|w| w.tenancy(&scope).map_or(0, |t| t.authorization_table().iter().count()));
    assert_eq!(left, 0);
}

#[test]
fn lists_of_ids_are_bounded_and_checked() {
    let service = common::service(Config::default());
    let provider = Caller::default_account(Scheme::V2);
    let hundred_and_one: Vec<String> = (0..101).map(|n| (10_000_000_001_i64 + n).to_string()).collect();
    let too_many = hundred_and_one.join(",");
    let reply = provider.call(
        &service,
        "SetAppsAuthorities",
        &[("ApiId", "x"), ("AppIds", &too_many), ("StageName", "RELEASE")],
    );
    assert_eq!(reply.code(), Some("InvalidAppIds"));
    let reply = provider.call(
        &service,
        "SetAppsAuthorities",
        &[("ApiId", "x"), ("AppIds", "12,abc"), ("StageName", "RELEASE")],
    );
    assert_eq!(reply.code(), Some("InvalidAppIds"));
    let reply = provider.call(
        &service,
        "SetAppsAuthorities",
        &[("ApiId", "x"), ("StageName", "RELEASE")],
    );
    assert_eq!(reply.code(), Some("MissingAppIds"));
    let reply = provider.call(
        &service,
        "SetAppsAuthorities",
        &[("ApiId", "x"), ("AppIds", "12"), ("StageName", "STAGING")],
    );
    assert_eq!(reply.code(), Some("NotFoundStage"));
}
