//! The response fields whose values differ from run to run (request ids, app ids,
//! credentials, times), for each action.
//!
//! This is the one list: the mock serves it at `GET /_mock/volatile`, the contract suite
//! builds its snapshot redactions from it, and the journal keeps the secret ones out of what
//! it records. A new action does not compile until it says which of its fields are volatile.

use serde::Serialize;

use crate::actions::Action;

/// A field that is volatile wherever it appears in a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct VolatileField {
    /// The field's name in JSON bodies and the element's name in XML bodies.
    pub field: &'static str,
    /// What the value is; the suite's references are named after it (`[AppKey-1]`), and
    /// fields of one kind share a numbering, so `NewAppKey` and `AppKey` compare.
    pub kind: &'static str,
    /// A credential: it never appears in the journal or in logs.
    pub secret: bool,
}

const fn field(field: &'static str, kind: &'static str, secret: bool) -> VolatileField {
    VolatileField { field, kind, secret }
}

/// The kind of every time field: the suite does not number times, since two calls a moment
/// apart may or may not fall in the same second.
pub const TIME_KIND: &str = "Time";

/// Every volatile field of every response.
pub const FIELDS: &[VolatileField] = &[
    field("RequestId", "RequestId", false),
    field("AppId", "AppId", false),
    field("AppKey", "AppKey", false),
    field("AppSecret", "AppSecret", true),
    field("AppCode", "AppCode", true),
    field("NewAppKey", "AppKey", false),
    field("NewAppSecret", "AppSecret", true),
    field("NewAppCode", "AppCode", true),
    field("CreatedTime", TIME_KIND, false),
    field("ModifiedTime", TIME_KIND, false),
    field("ResourceId", "AppId", false),
    field("GroupId", "GroupId", false),
    field("SubDomain", "SubDomain", false),
    field("StageId", "StageId", false),
    field("ApiId", "ApiId", false),
    field("HistoryVersion", "HistoryVersion", false),
    field("EffectiveVersion", "HistoryVersion", false),
    field("DeployedTime", TIME_KIND, false),
    field("AuthorizedTime", TIME_KIND, false),
    field("TrafficControlId", "TrafficControlId", false),
    field("TrafficControlItemId", "TrafficControlId", false),
    field("BoundTime", TIME_KIND, false),
    // An AppId or an account UID: both differ from run to run and from account to account.
    field("SpecialKey", "SpecialKey", false),
];

/// The volatile fields of every error body (`Recommend` quotes the `RequestId`).
pub const ERROR_FIELDS: &[&str] = &["RequestId"];

/// The volatile fields a successful answer to `action` carries, at any depth.
///
/// ```
/// use cloudapi_core::{volatile, Action};
/// assert_eq!(volatile::of_action(Action::CreateApp), ["RequestId", "AppId"]);
/// ```
pub fn of_action(action: Action) -> &'static [&'static str] {
    action.declaration().volatile
}

/// The catalogue row of a field name, if the field is volatile.
///
/// ```
/// let row = cloudapi_core::volatile::lookup("NewAppKey").unwrap();
/// assert_eq!(row.kind, "AppKey");
/// assert!(cloudapi_core::volatile::lookup("AppName").is_none());
/// ```
pub fn lookup(name: &str) -> Option<&'static VolatileField> {
    FIELDS.iter().find(|f| f.field == name)
}

/// Whether a field or parameter of this name carries a credential.
///
/// ```
/// assert!(cloudapi_core::volatile::is_secret("AppSecret"));
/// assert!(!cloudapi_core::volatile::is_secret("AppKey"));
/// ```
pub fn is_secret(name: &str) -> bool {
    lookup(name).is_some_and(|f| f.secret)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    use super::*;
    use crate::config::{AuthMode, Config};
    use crate::{RawRequest, Service};

    fn call(service: &Service, query: &str) -> Value {
        let response = service.handle(&RawRequest {
            method: "GET".into(),
            path: "/".into(),
            query: format!("Version=2016-07-14&Format=JSON&{query}"),
            ..RawRequest::default()
        });
        assert_eq!(response.status, 200, "{}", response.body_text());
        serde_json::from_slice(&response.body).expect("json")
    }

    fn volatile_names(value: &Value, found: &mut BTreeSet<String>) {
        match value {
            Value::Object(fields) => {
                for (name, child) in fields {
                    if lookup(name).is_some() {
                        found.insert(name.clone());
                    }
                    volatile_names(child, found);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| volatile_names(item, found)),
            _ => {}
        }
    }

    fn declared(action: Action) -> BTreeSet<String> {
        of_action(action).iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn each_action_declares_exactly_the_volatile_fields_it_answers_with() {
        let service = Service::new(Config {
            auth: AuthMode::Lenient,
            throttle_per_second: 0,
            ..Config::default()
        });
        let created = call(
            &service,
            "Action=CreateApp&AppName=volatile_app&Tag.1.Key=k&Tag.1.Value=v",
        );
        let id = created["AppId"].to_string();
        let app = format!("AppId={id}");
        let resource = format!("ResourceType=app&ResourceId.1={id}");
        let calls: Vec<(Action, String)> = vec![
            (Action::DescribeApp, app.clone()),
            (Action::DescribeApps, app.clone()),
            (Action::DescribeAppAttributes, app.clone()),
            (Action::ModifyApp, format!("{app}&Description=changed")),
            (Action::DescribeAppSecurity, app.clone()),
            (Action::CreateAppKey, format!("{app}&AppKey=204060801")),
            (
                Action::CreateAppCode,
                format!("{app}&AppCode=0123456789abcdef0123456789abcdef"),
            ),
            (Action::DescribeAppSecurities, app.clone()),
            (Action::ResetAppSecret, "AppKey=204060801".to_owned()),
            (
                Action::ResetAppCode,
                "AppCode=0123456789abcdef0123456789abcdef&NewAppCode=fedcba9876543210fedcba9876543210".to_owned(),
            ),
            (Action::DeleteAppKey, format!("{app}&AppKey=204060801")),
            (
                Action::DeleteAppCode,
                format!("{app}&AppCode=fedcba9876543210fedcba9876543210"),
            ),
            (Action::TagResources, format!("{resource}&Tag.1.Key=k2&Tag.1.Value=v2")),
            (Action::ListTagResources, resource.clone()),
            (Action::UntagResources, format!("{resource}&TagKey.1=k2")),
            (Action::DeleteApp, app.clone()),
        ];
        let group = call(&service, "Action=CreateApiGroup&GroupName=volatile_group");
        let group_id = group["GroupId"].as_str().expect("GroupId").to_owned();
        let group_param = format!("GroupId={group_id}");
        let definition: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("ApiName", "volatile_api"),
                ("Visibility", "PRIVATE"),
                (
                    "RequestConfig",
                    r#"{"RequestProtocol":"HTTP","RequestHttpMethod":"GET","RequestPath":"/v","RequestMode":"PASSTHROUGH"}"#,
                ),
                ("ServiceConfig", r#"{"ServiceProtocol":"HTTP","ServiceTimeout":100,"Mock":"TRUE"}"#),
                ("Tag.1.Key", "k"),
            ])
            .finish();
        let api = call(&service, &format!("Action=CreateApi&{group_param}&{definition}"));
        let api_id = api["ApiId"].as_str().expect("ApiId").to_owned();
        let api_param = format!("ApiId={api_id}");
        let deploy = format!("{api_param}&StageName=RELEASE&Description=d");
        call(&service, &format!("Action=DeployApi&{deploy}"));
        let histories = call(&service, &format!("Action=DescribeApiHistories&{group_param}"));
        let version = histories["ApiHisItems"]["ApiHisItem"][0]["HistoryVersion"]
            .as_str()
            .expect("HistoryVersion")
            .to_owned();
        let in_release = format!("{api_param}&StageName=RELEASE");
        let second = call(&service, "Action=CreateApp&AppName=volatile_consumer");
        let second_app = second["AppId"].to_string();
        let policy = call(
            &service,
            "Action=CreateTrafficControl&TrafficControlName=volatile_policy&TrafficControlUnit=MINUTE&ApiDefault=100",
        );
        let policy_param = format!(
            "TrafficControlId={}",
            policy["TrafficControlId"].as_str().expect("TrafficControlId")
        );
        let calls = calls.into_iter().chain([
            (Action::DescribeApiGroup, group_param.clone()),
            (Action::DescribeApiGroups, group_param.clone()),
            (Action::ModifyApiGroup, format!("{group_param}&Description=changed")),
            (Action::DescribeApi, api_param.clone()),
            (Action::DescribeApis, group_param.clone()),
            (Action::ModifyApi, format!("{api_param}&{definition}")),
            (Action::DeployApi, deploy),
            (Action::DescribeDeployedApi, in_release.clone()),
            (Action::DescribeDeployedApis, group_param.clone()),
            (Action::DescribeApiHistories, group_param.clone()),
            (Action::DescribeHistoryApis, group_param.clone()),
            (
                Action::DescribeApiHistory,
                format!("{in_release}&HistoryVersion={version}"),
            ),
            (
                Action::SwitchApi,
                format!("{in_release}&HistoryVersion={version}&Description=back"),
            ),
            (
                Action::SetAppsAuthorities,
                format!("{in_release}&AppIds={second_app}&AuthValidTime=2038-01-01T00:00:00Z"),
            ),
            (Action::DescribeAuthorizedApps, api_param.clone()),
            (Action::DescribeAuthorizedApis, format!("AppId={second_app}")),
            (Action::DescribeApisByApp, format!("AppId={second_app}")),
            (
                Action::DescribeApisWithStageNameIntegratedByApp,
                format!("AppId={second_app}"),
            ),
            (
                Action::RemoveAppsAuthorities,
                format!("{in_release}&AppIds={second_app}"),
            ),
            (
                Action::SetApisAuthorities,
                format!("AppId={second_app}&ApiIds={api_id}&StageName=TEST"),
            ),
            (
                Action::RemoveApisAuthorities,
                format!("AppId={second_app}&ApiIds={api_id}&StageName=TEST"),
            ),
            (
                Action::ModifyTrafficControl,
                format!("{policy_param}&UserDefault=50&AppDefault=20"),
            ),
            (
                Action::AddTrafficSpecialControl,
                format!("{policy_param}&SpecialType=APP&SpecialKey={second_app}&TrafficValue=5"),
            ),
            (
                Action::SetTrafficControlApis,
                format!("{policy_param}&{group_param}&ApiIds={api_id}&StageName=RELEASE"),
            ),
            (Action::DescribeTrafficControls, policy_param.clone()),
            (
                Action::DescribeTrafficControlsByApi,
                format!("{group_param}&{api_param}&StageName=RELEASE"),
            ),
            (Action::DescribeApisByTrafficControl, policy_param.clone()),
            (
                Action::DescribeApiTrafficControls,
                format!("{group_param}&StageName=RELEASE"),
            ),
            (
                Action::RemoveTrafficControlApis,
                format!("{policy_param}&{group_param}&StageName=RELEASE"),
            ),
            (
                Action::DeleteTrafficSpecialControl,
                format!("{policy_param}&SpecialType=APP&SpecialKey={second_app}"),
            ),
            (Action::DeleteAllTrafficSpecialControl, policy_param.clone()),
            (Action::DeleteTrafficControl, policy_param.clone()),
            (Action::AbolishApi, in_release),
            (Action::DeleteApi, api_param),
            (Action::DeleteApiGroup, group_param),
        ]);
        let mut covered = BTreeSet::from([
            Action::CreateApp.name(),
            Action::CreateApiGroup.name(),
            Action::CreateApi.name(),
            Action::CreateTrafficControl.name(),
        ]);
        for (action, body) in [
            (Action::CreateApp, &created),
            (Action::CreateApiGroup, &group),
            (Action::CreateApi, &api),
            (Action::CreateTrafficControl, &policy),
        ] {
            let mut found = BTreeSet::new();
            volatile_names(body, &mut found);
            assert_eq!(found, declared(action), "{}", action.name());
        }
        for (action, params) in calls {
            let body = call(&service, &format!("Action={}&{params}", action.name()));
            let mut found = BTreeSet::new();
            volatile_names(&body, &mut found);
            assert_eq!(found, declared(action), "{}: {body}", action.name());
            covered.insert(action.name());
        }
        let all: BTreeSet<_> = Action::ALL.iter().map(|a| a.name()).collect();
        assert_eq!(covered, all, "every action is called above");
    }

    #[test]
    fn declared_fields_are_in_the_catalogue() {
        for action in Action::ALL {
            for name in of_action(*action) {
                assert!(lookup(name).is_some(), "{} declares {name}", action.name());
            }
        }
        let names: BTreeSet<_> = FIELDS.iter().map(|f| f.field).collect();
        assert_eq!(names.len(), FIELDS.len(), "a field is listed twice");
        assert!(is_secret("AppSecret") && is_secret("NewAppCode") && !is_secret("AppKey"));
    }
}
