//! Every action, called by another account on an app it does not own, answers as if the app
//! did not exist, and changes nothing.

mod common;

use cloudapi_core::{Action, Config, Scheme};
use common::{create_app, Caller};

/// What another account must see for each action aimed at the victim's app, and the
/// parameters that aim it.
fn probe(action: Action, app_id: &str, app_key: &str, app_code: &str) -> (Vec<(String, String)>, Expect) {
    let p = |pairs: &[(&str, &str)]| pairs.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect();
    match action {
        Action::CreateApp => (p(&[("AppName", "victim_app")]), Expect::Success),
        Action::DescribeApp
        | Action::DeleteApp
        | Action::DescribeAppSecurity
        | Action::DescribeAppSecurities
        | Action::CreateAppKey
        | Action::CreateAppCode => (p(&[("AppId", app_id)]), Expect::Code("NotFoundApp")),
        Action::ModifyApp => (
            p(&[("AppId", app_id), ("Description", "stolen")]),
            Expect::Code("NotFoundApp"),
        ),
        Action::DeleteAppKey => (
            p(&[("AppId", app_id), ("AppKey", app_key)]),
            Expect::Code("NotFoundApp"),
        ),
        Action::DeleteAppCode => (
            p(&[("AppId", app_id), ("AppCode", app_code)]),
            Expect::Code("NotFoundApp"),
        ),
        Action::DescribeApps => (p(&[("AppId", app_id)]), Expect::EmptyList("AppItem")),
        Action::DescribeAppAttributes => (p(&[("AppId", app_id)]), Expect::EmptyList("AppAttribute")),
        Action::ResetAppSecret => (
            p(&[("AppKey", app_key), ("NewAppSecret", "stolen")]),
            Expect::Code("NotFoundAppKey"),
        ),
        Action::ResetAppCode => (
            p(&[("AppCode", app_code), ("NewAppCode", "stolen")]),
            Expect::Code("NotFoundAppCode"),
        ),
        Action::TagResources => (
            p(&[
                ("ResourceType", "app"),
                ("ResourceId.1", app_id),
                ("Tag.1.Key", "stolen"),
            ]),
            Expect::Code("NotFoundResourceId"),
        ),
        Action::UntagResources => (
            p(&[("ResourceType", "app"), ("ResourceId.1", app_id), ("All", "true")]),
            Expect::Code("NotFoundResourceId"),
        ),
        Action::ListTagResources => (
            p(&[("ResourceType", "app"), ("ResourceId.1", app_id)]),
            Expect::Code("NotFoundResourceId"),
        ),
    }
}

enum Expect {
    Code(&'static str),
    EmptyList(&'static str),
    /// CreateApp of the same name: names are per account, so the other account may.
    Success,
}

#[test]
fn another_account_cannot_see_or_touch_an_app() {
    for scheme in [Scheme::V2, Scheme::V3] {
        let service = common::service(Config::default());
        let owner = Caller::default_account(scheme);
        let app_id = create_app(&service, &owner, "victim_app");
        let tagged = owner.call(
            &service,
            "TagResources",
            &[
                ("ResourceType", "app"),
                ("ResourceId.1", &app_id),
                ("Tag.1.Key", "owner"),
                ("Tag.1.Value", "me"),
            ],
        );
        assert!(tagged.ok());
        let security = owner.call(&service, "DescribeAppSecurity", &[("AppId", &app_id)]);
        let app_key = security.body["AppKey"].as_str().expect("key").to_owned();
        let app_code = security.body["AppCode"].as_str().expect("code").to_owned();
        let before = service.store().with(|w| {
            let id = app_id.parse().expect("id");
            format!("{:?}", w.tenancy(&owner_scope()).and_then(|t| t.app(id)))
        });
        let intruder = Caller::other_account(scheme);
        for action in Action::ALL {
            let (params, expect) = probe(*action, &app_id, &app_key, &app_code);
            let params: Vec<(&str, &str)> = params.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            let reply = intruder.call(&service, action.name(), &params);
            match expect {
                Expect::Code(code) => assert_eq!(reply.code(), Some(code), "{action:?}: {}", reply.body),
                Expect::EmptyList(item) => {
                    assert!(reply.ok(), "{action:?}: {}", reply.body);
                    assert_eq!(reply.body["Apps"][item].as_array().map(Vec::len), Some(0), "{action:?}");
                    assert_eq!(reply.body["TotalCount"], 0, "{action:?}");
                }
                Expect::Success => assert!(reply.ok(), "{action:?}: {}", reply.body),
            }
        }
        let after = service.store().with(|w| {
            let id = app_id.parse().expect("id");
            format!("{:?}", w.tenancy(&owner_scope()).and_then(|t| t.app(id)))
        });
        assert_eq!(before, after, "{scheme:?}: the owner's app is untouched");
    }
}

fn owner_scope() -> cloudapi_core::store::Scope {
    cloudapi_core::store::Scope {
        account_uid: cloudapi_core::config::DEFAULT_ACCOUNT_UID.to_owned(),
        region: cloudapi_core::config::DEFAULT_REGION.to_owned(),
    }
}
