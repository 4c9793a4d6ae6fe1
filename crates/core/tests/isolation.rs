//! Every action, called by another account on an app it does not own, answers as if the app
//! did not exist, and changes nothing.

mod common;

use cloudapi_core::{Action, Config, Scheme};
use common::{create_app, Caller};

/// What the intruder aims at: the owner's app with its credentials, and the owner's group.
struct Victim<'a> {
    app_id: &'a str,
    app_key: &'a str,
    app_code: &'a str,
    group_id: &'a str,
    api_id: &'a str,
    /// The version the victim's API runs in RELEASE.
    version: &'a str,
    /// The victim's throttling policy, bound to its API in RELEASE.
    policy_id: &'a str,
}

/// A whole definition, as CreateApi and ModifyApi need it.
const DEFINITION: &[(&str, &str)] = &[
    ("ApiName", "victim_api"),
    ("Visibility", "PRIVATE"),
    (
        "RequestConfig",
        r#"{"RequestProtocol":"HTTP","RequestHttpMethod":"GET","RequestPath":"/victim","RequestMode":"PASSTHROUGH"}"#,
    ),
    (
        "ServiceConfig",
        r#"{"ServiceProtocol":"HTTP","ServiceTimeout":1000,"Mock":"TRUE","MockResult":"ok"}"#,
    ),
];

/// What another account must see for each action aimed at the victim's resources, and the
/// parameters that aim it. The tag actions are aimed at both kinds.
fn probes(action: Action, victim: &Victim<'_>) -> Vec<(Vec<(String, String)>, Expect)> {
    let p = |pairs: &[(&str, &str)]| pairs.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect();
    let Victim {
        app_id,
        app_key,
        app_code,
        group_id,
        api_id,
        version,
        policy_id,
    } = *victim;
    let with_definition = |extra: &[(&str, &str)]| {
        let mut pairs = extra.to_vec();
        pairs.extend_from_slice(DEFINITION);
        p(&pairs)
    };
    let api = |extra: &[(&str, &str)]| {
        let mut pairs = vec![("ApiId", api_id)];
        pairs.extend_from_slice(extra);
        (p(&pairs), Expect::Code("NotFoundApi"))
    };
    let tagged = |kind: &str, id: &str, extra: &[(&str, &str)]| {
        let mut pairs = vec![("ResourceType", kind), ("ResourceId.1", id)];
        pairs.extend_from_slice(extra);
        p(&pairs)
    };
    let both_kinds = |extra: &[(&str, &str)]| {
        vec![
            (tagged("app", app_id, extra), Expect::Code("NotFoundResourceId")),
            (tagged("apiGroup", group_id, extra), Expect::Code("NotFoundResourceId")),
        ]
    };
    let policy = |extra: &[(&str, &str)]| {
        let mut pairs = vec![("TrafficControlId", policy_id)];
        pairs.extend_from_slice(extra);
        (p(&pairs), Expect::Code("NotFoundTrafficControl"))
    };
    match action {
        Action::CreateApp => vec![(p(&[("AppName", "victim_app")]), Expect::Success)],
        Action::DescribeApp
        | Action::DeleteApp
        | Action::DescribeAppSecurity
        | Action::DescribeAppSecurities
        | Action::CreateAppKey
        | Action::CreateAppCode => vec![(p(&[("AppId", app_id)]), Expect::Code("NotFoundApp"))],
        Action::ModifyApp => vec![(
            p(&[("AppId", app_id), ("Description", "stolen")]),
            Expect::Code("NotFoundApp"),
        )],
        Action::DeleteAppKey => vec![(
            p(&[("AppId", app_id), ("AppKey", app_key)]),
            Expect::Code("NotFoundApp"),
        )],
        Action::DeleteAppCode => vec![(
            p(&[("AppId", app_id), ("AppCode", app_code)]),
            Expect::Code("NotFoundApp"),
        )],
        Action::DescribeApps => vec![(p(&[("AppId", app_id)]), Expect::EmptyList("Apps", "AppItem"))],
        Action::DescribeAppAttributes => vec![(p(&[("AppId", app_id)]), Expect::EmptyList("Apps", "AppAttribute"))],
        Action::ResetAppSecret => vec![(
            p(&[("AppKey", app_key), ("NewAppSecret", "stolen")]),
            Expect::Code("NotFoundAppKey"),
        )],
        Action::ResetAppCode => vec![(
            p(&[("AppCode", app_code), ("NewAppCode", "stolen")]),
            Expect::Code("NotFoundAppCode"),
        )],
        Action::TagResources => both_kinds(&[("Tag.1.Key", "stolen")]),
        Action::UntagResources => both_kinds(&[("All", "true")]),
        Action::ListTagResources => both_kinds(&[]),
        Action::CreateApiGroup => vec![(p(&[("GroupName", "victim_group")]), Expect::Success)],
        Action::DescribeApiGroup => vec![(p(&[("GroupId", group_id)]), Expect::Code("NotFoundApiGroup"))],
        Action::ModifyApiGroup => vec![(
            p(&[("GroupId", group_id), ("Description", "stolen")]),
            Expect::Code("NotFoundApiGroup"),
        )],
        Action::DescribeApiGroups => vec![(
            p(&[("GroupId", group_id)]),
            Expect::EmptyList("ApiGroupAttributes", "ApiGroupAttribute"),
        )],
        // "Deleting a group that does not exist succeeds": another account's is absent, so
        // the answer is a success that deletes nothing.
        Action::DeleteApiGroup => vec![(p(&[("GroupId", group_id)]), Expect::Success)],
        Action::CreateApi => vec![(
            with_definition(&[("GroupId", group_id)]),
            Expect::Code("NotFoundApiGroup"),
        )],
        Action::ModifyApi => vec![(with_definition(&[("ApiId", api_id)]), Expect::Code("NotFoundApi"))],
        Action::DescribeApi | Action::DeleteApi => vec![api(&[])],
        Action::DescribeApis => vec![
            (p(&[("ApiId", api_id)]), Expect::EmptyList("ApiSummarys", "ApiSummary")),
            (p(&[("GroupId", group_id)]), Expect::Code("NotFoundApiGroup")),
        ],
        Action::DeployApi => vec![api(&[("StageName", "TEST"), ("Description", "stolen")])],
        Action::AbolishApi | Action::DescribeDeployedApi => vec![api(&[("StageName", "RELEASE")])],
        Action::DescribeDeployedApis => vec![(
            p(&[("ApiId", api_id), ("StageName", "RELEASE")]),
            Expect::EmptyList("DeployedApis", "DeployedApiItem"),
        )],
        Action::DescribeApiHistories | Action::DescribeHistoryApis => {
            vec![(p(&[("GroupId", group_id)]), Expect::Code("NotFoundApiGroup"))]
        }
        Action::DescribeApiHistory => vec![api(&[("StageName", "RELEASE"), ("HistoryVersion", version)])],
        Action::SwitchApi => vec![api(&[
            ("StageName", "RELEASE"),
            ("HistoryVersion", version),
            ("Description", "stolen"),
        ])],
        // The APIs must be the caller's; an app may be anyone's, but these name the victim's
        // API, so they find nothing to act on.
        Action::SetAppsAuthorities | Action::RemoveAppsAuthorities => {
            vec![api(&[("AppIds", app_id), ("StageName", "RELEASE")])]
        }
        Action::SetApisAuthorities | Action::RemoveApisAuthorities => vec![(
            p(&[("AppId", app_id), ("ApiIds", api_id), ("StageName", "RELEASE")]),
            Expect::Code("NotFoundApi"),
        )],
        Action::DescribeAuthorizedApps => vec![api(&[])],
        Action::DescribeAuthorizedApis
        | Action::DescribeApisByApp
        | Action::DescribeApisWithStageNameIntegratedByApp => {
            vec![(p(&[("AppId", app_id)]), Expect::Code("NotFoundApp"))]
        }
        Action::CreateTrafficControl => vec![(
            p(&[
                ("TrafficControlName", "victim_policy"),
                ("TrafficControlUnit", "MINUTE"),
                ("ApiDefault", "10"),
            ]),
            Expect::Success,
        )],
        Action::ModifyTrafficControl => vec![policy(&[("ApiDefault", "1000")])],
        Action::DeleteTrafficControl => vec![policy(&[])],
        Action::DescribeTrafficControls => vec![
            (
                p(&[("TrafficControlId", policy_id)]),
                Expect::EmptyList("TrafficControls", "TrafficControl"),
            ),
            (
                p(&[("GroupId", group_id), ("ApiId", api_id), ("StageName", "RELEASE")]),
                Expect::Code("NotFoundApiGroup"),
            ),
        ],
        Action::DescribeTrafficControlsByApi => vec![(
            p(&[("GroupId", group_id), ("ApiId", api_id), ("StageName", "RELEASE")]),
            Expect::Code("NotFoundApiGroup"),
        )],
        Action::SetTrafficControlApis | Action::RemoveTrafficControlApis => vec![policy(&[
            ("GroupId", group_id),
            ("ApiIds", api_id),
            ("StageName", "RELEASE"),
        ])],
        Action::AddTrafficSpecialControl => vec![policy(&[
            ("SpecialType", "APP"),
            ("SpecialKey", app_id),
            ("TrafficValue", "1"),
        ])],
        Action::DeleteTrafficSpecialControl => vec![policy(&[("SpecialType", "APP"), ("SpecialKey", app_id)])],
        Action::DeleteAllTrafficSpecialControl | Action::DescribeApisByTrafficControl => vec![policy(&[])],
        Action::DescribeApiTrafficControls => vec![(
            p(&[("GroupId", group_id), ("StageName", "RELEASE")]),
            Expect::Code("NotFoundApiGroup"),
        )],
    }
}

enum Expect {
    Code(&'static str),
    /// A listing's wrapper and item, empty.
    EmptyList(&'static str, &'static str),
    /// CreateApp or CreateApiGroup of the same name: names are per account, so the other
    /// account may; DeleteApiGroup of a group it cannot see.
    Success,
}

#[test]
fn another_account_cannot_see_or_touch_an_app_or_a_group() {
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
        let group = owner.call(
            &service,
            "CreateApiGroup",
            &[
                ("GroupName", "victim_group"),
                ("Tag.1.Key", "owner"),
                ("Tag.1.Value", "me"),
            ],
        );
        let group_id = group.body["GroupId"].as_str().expect("group id").to_owned();
        let mut definition = vec![("GroupId", group_id.as_str()), ("Tag.1.Key", "owner")];
        definition.extend_from_slice(DEFINITION);
        let api = owner.call(&service, "CreateApi", &definition);
        let api_id = api.body["ApiId"].as_str().expect("api id").to_owned();
        let deployed = owner.call(
            &service,
            "DeployApi",
            &[("ApiId", &api_id), ("StageName", "RELEASE"), ("Description", "live")],
        );
        assert!(deployed.ok(), "{}", deployed.body);
        let granted = owner.call(
            &service,
            "SetAppsAuthorities",
            &[("ApiId", &api_id), ("AppIds", &app_id), ("StageName", "RELEASE")],
        );
        assert!(granted.ok(), "{}", granted.body);
        let histories = owner.call(&service, "DescribeApiHistories", &[("GroupId", &group_id)]);
        let version = histories.body["ApiHisItems"]["ApiHisItem"][0]["HistoryVersion"]
            .as_str()
            .expect("a version")
            .to_owned();
        let policy = owner.call(
            &service,
            "CreateTrafficControl",
            &[
                ("TrafficControlName", "victim_policy"),
                ("TrafficControlUnit", "MINUTE"),
                ("ApiDefault", "100"),
            ],
        );
        let policy_id = policy.body["TrafficControlId"].as_str().expect("policy id").to_owned();
        let bound = owner.call(
            &service,
            "SetTrafficControlApis",
            &[
                ("TrafficControlId", &policy_id),
                ("GroupId", &group_id),
                ("ApiIds", &api_id),
                ("StageName", "RELEASE"),
            ],
        );
        assert!(bound.ok(), "{}", bound.body);
        let owners_state = || {
            service.store().read(|w| {
                let id = app_id.parse().expect("id");
                let tenancy = w.tenancy(&owner_scope());
                format!(
                    "{:?} {:?} {:?} {:?} {:?}",
                    tenancy.and_then(|t| t.app(id)),
                    tenancy.and_then(|t| t.group(&group_id)),
                    tenancy.and_then(|t| t.api_table().get(&api_id)),
                    tenancy.map(|t| t.authorization_table().iter().collect::<Vec<_>>()),
                    tenancy.map(|t| t.traffic_control_table().iter().collect::<Vec<_>>())
                )
            })
        };
        let before = owners_state();
        let intruder = Caller::other_account(scheme);
        let victim = Victim {
            app_id: &app_id,
            app_key: &app_key,
            app_code: &app_code,
            group_id: &group_id,
            api_id: &api_id,
            version: &version,
            policy_id: &policy_id,
        };
        for action in Action::ALL {
            for (params, expect) in probes(*action, &victim) {
                let params: Vec<(&str, &str)> = params.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
                let reply = intruder.call(&service, action.name(), &params);
                match expect {
                    Expect::Code(code) => assert_eq!(reply.code(), Some(code), "{action:?}: {}", reply.body),
                    Expect::EmptyList(wrapper, item) => {
                        assert!(reply.ok(), "{action:?}: {}", reply.body);
                        let listed = reply.body[wrapper][item].as_array().map(Vec::len);
                        assert_eq!(listed, Some(0), "{action:?}");
                        assert_eq!(reply.body["TotalCount"], 0, "{action:?}");
                    }
                    Expect::Success => assert!(reply.ok(), "{action:?}: {}", reply.body),
                }
            }
        }
        assert!(
            before.starts_with("Some(App") && before.contains(" Some(ApiGroup") && before.contains("victim_policy"),
            "{before}"
        );
        assert_eq!(
            before,
            owners_state(),
            "{scheme:?}: the owner's app and group are untouched"
        );
    }
}

fn owner_scope() -> cloudapi_core::store::Scope {
    cloudapi_core::store::Scope {
        account_uid: cloudapi_core::config::DEFAULT_ACCOUNT_UID.to_owned(),
        region: cloudapi_core::config::DEFAULT_REGION.to_owned(),
    }
}
