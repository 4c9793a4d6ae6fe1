//! Steps about app-to-API authorization: grant and revoke, one API to many apps
//! (SetAppsAuthorities, RemoveAppsAuthorities) and one app to many APIs (SetApisAuthorities,
//! RemoveApisAuthorities); read from the provider's side (DescribeAuthorizedApps, DescribeApps
//! by AppOwner) and from the app owner's (DescribeAuthorizedApis, DescribeApisByApp,
//! DescribeApisWithStageNameIntegratedByApp); terraform's attachment loop; and, on the mock,
//! what the store holds on the mock's clock.

use std::time::Duration;

use cucumber::gherkin::Step;
use cucumber::{given, then, when};
use serde_json::Value;

use super::apis::{mock_backend, Definition};
use super::world::SuiteWorld;

/// Terraform's `WaitForApiGatewayAppAttachment` polls every 5 s (DefaultIntervalShort), up to
/// 120 s after a create and 1,000 s after a delete (reference/cloudapi-apis.md 6.4).
const TERRAFORM_INTERVAL: Duration = Duration::from_secs(5);
const TERRAFORM_CREATE_TIMEOUT: Duration = Duration::from_secs(120);
const TERRAFORM_DELETE_TIMEOUT: Duration = Duration::from_secs(1000);

/// A comma list of the scenario's names, each replaced by its id (a literal id stays).
fn ids(names: &str, id_of: impl Fn(&str) -> String) -> String {
    names
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(id_of)
        .collect::<Vec<_>>()
        .join(",")
}

fn app_ids(world: &SuiteWorld, names: &str) -> String {
    ids(names, |name| world.app_id(name))
}

fn api_ids(world: &SuiteWorld, names: &str) -> String {
    ids(names, |name| world.api_id(name))
}

fn pair(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_owned(), value.into())
}

/// The table's rows after the step's own parameters; a row naming one of them replaces it,
/// and `(absent)` leaves it out.
fn overlaid(mut params: Vec<(String, String)>, rows: Vec<(String, String)>) -> Vec<(String, String)> {
    for (name, value) in rows {
        params.retain(|(n, _)| *n != name);
        if value != "(absent)" {
            params.push((name, value));
        }
    }
    params
}

fn assert_succeeded(world: &SuiteWorld, what: &str) {
    let reply = world.reply();
    assert_eq!(reply.status, 200, "{what}: {}", reply.body);
}

// ---- the APIs authorizations are given on ----

/// The Mock-backend API with AuthType APP: the kind of API an app's authorization is for.
#[given(expr = "the API {string} for authorized apps in the API group {string}")]
async fn an_app_api(world: &mut SuiteWorld, name: String, group: String) {
    let params = overlaid(mock_backend(&name), vec![pair("AuthType", "APP")]);
    let mut sent = vec![pair("GroupId", world.group_id(&group))];
    sent.extend(params.iter().cloned());
    let reply = world.call("CreateApi", sent).await;
    assert_eq!(reply.status, 200, "creating the API {name}: {}", reply.body);
    let id = reply.field("ApiId").expect("CreateApi answers an ApiId");
    world.apis.insert(name.clone(), id);
    world.api_definitions.insert(name, Definition { group, params });
}

// ---- grant ----

fn set_apps_params(world: &SuiteWorld, apps: &str, api: &str, stage: &str) -> Vec<(String, String)> {
    vec![
        pair("ApiId", world.api_id(api)),
        pair("AppIds", app_ids(world, apps)),
        pair("StageName", stage),
    ]
}

#[when(expr = "I authorize the app(s) {string} to call the API {string} in {word}")]
async fn set_apps(world: &mut SuiteWorld, apps: String, api: String, stage: String) {
    let params = set_apps_params(world, &apps, &api, &stage);
    world.call("SetAppsAuthorities", params).await;
}

#[given(expr = "the app(s) {string} is/are authorized to call the API {string} in {word}")]
async fn apps_authorized(world: &mut SuiteWorld, apps: String, api: String, stage: String) {
    set_apps(world, apps.clone(), api.clone(), stage).await;
    assert_succeeded(world, &format!("authorizing {apps} on {api}"));
}

/// The table's rows (AuthValidTime, Description, GroupId...) laid over ApiId, AppIds and
/// StageName.
#[when(expr = "I authorize the app(s) {string} to call the API {string} in {word} with:")]
async fn set_apps_with(world: &mut SuiteWorld, apps: String, api: String, stage: String, step: &Step) {
    let params = overlaid(set_apps_params(world, &apps, &api, &stage), world.table_params(step));
    world.call("SetAppsAuthorities", params).await;
}

#[given(expr = "the app(s) {string} is/are authorized to call the API {string} in {word} with:")]
async fn apps_authorized_with(world: &mut SuiteWorld, apps: String, api: String, stage: String, step: &Step) {
    set_apps_with(world, apps.clone(), api.clone(), stage, step).await;
    assert_succeeded(world, &format!("authorizing {apps} on {api}"));
}

fn set_apis_params(world: &SuiteWorld, app: &str, apis: &str, stage: &str) -> Vec<(String, String)> {
    vec![
        pair("AppId", world.app_id(app)),
        pair("ApiIds", api_ids(world, apis)),
        pair("StageName", stage),
    ]
}

#[when(expr = "I authorize the app {string} to call the APIs {string} in {word}")]
async fn set_apis(world: &mut SuiteWorld, app: String, apis: String, stage: String) {
    let params = set_apis_params(world, &app, &apis, &stage);
    world.call("SetApisAuthorities", params).await;
}

#[when(expr = "I authorize the app {string} to call the APIs {string} in {word} with:")]
async fn set_apis_with(world: &mut SuiteWorld, app: String, apis: String, stage: String, step: &Step) {
    let params = overlaid(set_apis_params(world, &app, &apis, &stage), world.table_params(step));
    world.call("SetApisAuthorities", params).await;
}

#[given(expr = "the app {string} is authorized to call the APIs {string} in {word}")]
async fn apis_authorized(world: &mut SuiteWorld, app: String, apis: String, stage: String) {
    set_apis(world, app.clone(), apis.clone(), stage).await;
    assert_succeeded(world, &format!("authorizing {app} on {apis}"));
}

/// Every app the scenario created, in the order of their names.
#[given(expr = "every app is authorized to call the API {string} in {word}")]
async fn every_app_authorized(world: &mut SuiteWorld, api: String, stage: String) {
    let mut names: Vec<String> = world.apps.keys().cloned().collect();
    names.sort();
    apps_authorized(world, names.join(","), api, stage).await;
}

/// SetAppsAuthorities with `count` made-up AppIds (more than a list may hold).
#[when(expr = "I authorize {int} AppIds to call the API {string} in {word}")]
async fn set_many_apps(world: &mut SuiteWorld, count: usize, api: String, stage: String) {
    let apps: Vec<String> = (0..count)
        .map(|n| (10_000_000_001_u64 + n as u64).to_string())
        .collect();
    let params = vec![
        pair("ApiId", world.api_id(&api)),
        pair("AppIds", apps.join(",")),
        pair("StageName", stage),
    ];
    world.call("SetAppsAuthorities", params).await;
}

/// SetApisAuthorities with `count` made-up ApiIds.
#[when(expr = "I authorize the app {string} to call {int} ApiIds in {word}")]
async fn set_many_apis(world: &mut SuiteWorld, app: String, count: usize, stage: String) {
    let apis: Vec<String> = (0..count).map(|n| format!("{n:032x}")).collect();
    let params = vec![
        pair("AppId", world.app_id(&app)),
        pair("ApiIds", apis.join(",")),
        pair("StageName", stage),
    ];
    world.call("SetApisAuthorities", params).await;
}

// ---- revoke ----

#[when(expr = "I revoke the app(s) {string} on the API {string} in {word}")]
async fn remove_apps(world: &mut SuiteWorld, apps: String, api: String, stage: String) {
    let params = set_apps_params(world, &apps, &api, &stage);
    world.call("RemoveAppsAuthorities", params).await;
}

#[when(expr = "I revoke the app(s) {string} on the API {string} in {word} with:")]
async fn remove_apps_with(world: &mut SuiteWorld, apps: String, api: String, stage: String, step: &Step) {
    let params = overlaid(set_apps_params(world, &apps, &api, &stage), world.table_params(step));
    world.call("RemoveAppsAuthorities", params).await;
}

#[when(expr = "I revoke the APIs {string} of the app {string} in {word}")]
async fn remove_apis(world: &mut SuiteWorld, apis: String, app: String, stage: String) {
    let params = set_apis_params(world, &app, &apis, &stage);
    world.call("RemoveApisAuthorities", params).await;
}

// ---- the provider's view ----

#[when(expr = "I list the apps authorized on the API {string}")]
async fn list_apps(world: &mut SuiteWorld, api: String) {
    let params = vec![pair("ApiId", world.api_id(&api))];
    world.call("DescribeAuthorizedApps", params).await;
}

#[when(expr = "I list the apps authorized on the API {string} in {word}")]
async fn list_apps_in(world: &mut SuiteWorld, api: String, stage: String) {
    let params = vec![pair("ApiId", world.api_id(&api)), pair("StageName", stage)];
    world.call("DescribeAuthorizedApps", params).await;
}

#[when(expr = "I list the apps authorized on the API {string} with:")]
async fn list_apps_with(world: &mut SuiteWorld, api: String, step: &Step) {
    let params = overlaid(vec![pair("ApiId", world.api_id(&api))], world.table_params(step));
    world.call("DescribeAuthorizedApps", params).await;
}

/// DescribeApps by AppOwner: the account's apps the caller may see.
#[when(expr = "I list the apps owned by the account with the access key {string}")]
async fn list_apps_of_account(world: &mut SuiteWorld, key: String) {
    let uid = world
        .mock_config
        .credentials
        .iter()
        .find(|credential| credential.access_key_id == key)
        .map(|credential| credential.account_uid.clone())
        .unwrap_or_else(|| panic!("the mock has no account with the access key {key}"));
    world.call("DescribeApps", vec![pair("AppOwner", uid)]).await;
}

/// DescribeApps by AppOwner with the UID of the mock's default account, the provider of these
/// scenarios.
#[when(expr = "I list the apps owned by the provider's account")]
async fn list_apps_of_mine(world: &mut SuiteWorld) {
    let uid = cloudapi_core::config::DEFAULT_ACCOUNT_UID;
    world.call("DescribeApps", vec![pair("AppOwner", uid)]).await;
}

// ---- the app owner's view ----

#[when(expr = "I list the APIs the app {string} is authorized to call")]
async fn list_apis(world: &mut SuiteWorld, app: String) {
    let params = vec![pair("AppId", world.app_id(&app))];
    world.call("DescribeAuthorizedApis", params).await;
}

#[when(expr = "I list the APIs the app {string} is authorized to call with:")]
async fn list_apis_with(world: &mut SuiteWorld, app: String, step: &Step) {
    let params = overlaid(vec![pair("AppId", world.app_id(&app))], world.table_params(step));
    world.call("DescribeAuthorizedApis", params).await;
}

#[when(expr = "I list the APIs of the app {string}")]
async fn list_by_app(world: &mut SuiteWorld, app: String) {
    let params = vec![pair("AppId", world.app_id(&app))];
    world.call("DescribeApisByApp", params).await;
}

#[when(expr = "I list the APIs of the app {string} with:")]
async fn list_by_app_with(world: &mut SuiteWorld, app: String, step: &Step) {
    let params = overlaid(vec![pair("AppId", world.app_id(&app))], world.table_params(step));
    world.call("DescribeApisByApp", params).await;
}

#[when(expr = "I list the APIs of the app {string} with their stages")]
async fn list_integrated(world: &mut SuiteWorld, app: String) {
    let params = vec![pair("AppId", world.app_id(&app))];
    world.call("DescribeApisWithStageNameIntegratedByApp", params).await;
}

// ---- what a listing shows ----

/// The items of an authorization listing, whichever its wrapper.
fn listed_items(world: &SuiteWorld) -> Vec<Value> {
    let body = world.reply().json().expect("a JSON listing");
    let lists = [
        ("AuthorizedApps", "AuthorizedApp"),
        ("AuthorizedApis", "AuthorizedApi"),
        ("AppApiRelationInfos", "AppApiRelationInfo"),
    ];
    lists
        .iter()
        .find_map(|(outer, inner)| body[outer][inner].as_array().cloned())
        .unwrap_or_else(|| panic!("no list of authorizations in {body}"))
}

/// `name@STAGE` of each item listed (the app's name for the provider's view, the API's for
/// the owner's), in order.
fn listed_authorizations(world: &SuiteWorld) -> Vec<String> {
    listed_items(world)
        .iter()
        .map(|item| {
            let name = item["AppName"]
                .as_str()
                .or(item["ApiName"].as_str())
                .unwrap_or_default();
            // The integrated view names its stages in StageNameAndAuth, one row per API.
            let stage = match item["StageName"].as_str() {
                Some(stage) => stage.to_owned(),
                None => item["StageNameAndAuth"]
                    .as_object()
                    .map(|stages| stages.keys().cloned().collect::<Vec<_>>().join("+"))
                    .unwrap_or_default(),
            };
            format!("{}@{stage}", world.logical_name(name))
        })
        .collect()
}

fn expected_list(expected: &str) -> Vec<String> {
    if expected == "none" {
        Vec::new()
    } else {
        expected.split(',').map(|item| item.trim().to_owned()).collect()
    }
}

/// `"app@TEST, other@RELEASE"` (or `"none"`), in the order listed.
#[then(expr = "the authorizations listed are {string}")]
fn listed_are(world: &mut SuiteWorld, expected: String) {
    assert_eq!(
        listed_authorizations(world),
        expected_list(&expected),
        "{}",
        world.reply().body
    );
}

/// The same, whatever the order.
#[then(expr = "the authorizations listed are {string} in any order")]
fn listed_are_any_order(world: &mut SuiteWorld, expected: String) {
    let mut listed = listed_authorizations(world);
    listed.sort();
    let mut expected = expected_list(&expected);
    expected.sort();
    assert_eq!(listed, expected, "{}", world.reply().body);
}

#[then(expr = "the listing counts {int} authorization(s) in all")]
fn total_count(world: &mut SuiteWorld, total: u64) {
    let body = world.reply().json().expect("a JSON listing");
    assert_eq!(body["TotalCount"].as_u64(), Some(total), "{body}");
}

/// Every item's `AuthVaildTime` (the models' spelling); `"never"` is the empty string.
#[then(expr = "every authorization listed expires at {string}")]
fn every_expires_at(world: &mut SuiteWorld, expected: String) {
    let expected = if expected == "never" { "" } else { expected.as_str() };
    let items = listed_items(world);
    assert!(!items.is_empty(), "nothing listed: {}", world.reply().body);
    for item in &items {
        assert_eq!(item["AuthVaildTime"].as_str(), Some(expected), "{}", world.reply().body);
    }
}

/// Every item's authorization `Description`.
#[then(expr = "every authorization listed is described as {string}")]
fn every_described_as(world: &mut SuiteWorld, expected: String) {
    let items = listed_items(world);
    assert!(!items.is_empty(), "nothing listed: {}", world.reply().body);
    for item in &items {
        assert_eq!(
            item["Description"].as_str(),
            Some(expected.as_str()),
            "{}",
            world.reply().body
        );
    }
}

// ---- terraform's alicloud_api_gateway_app_attachment ----

/// DescribeAuthorizedApps as terraform's `DescribeApiGatewayAppAttachment` sends it: GroupId,
/// ApiId and StageName, no PageSize (the first page of 10 is all it reads); whether the app
/// is listed.
async fn terraform_reads(world: &mut SuiteWorld, app: &str, api: &str, stage: &str) -> bool {
    let mut params = vec![pair("ApiId", world.api_id(api)), pair("StageName", stage)];
    if let Some(group) = world.group_of_api(api) {
        params.insert(0, pair("GroupId", group));
    }
    let app_id = world.app_id(app);
    let reply = world.call("DescribeAuthorizedApps", params).await;
    assert_eq!(reply.status, 200, "terraform's read: {}", reply.body);
    listed_items(world)
        .iter()
        .any(|item| item["AppId"].to_string().trim_matches('"') == app_id)
}

/// Terraform's wait: read until the app is listed (or no longer is), every 5 s on a remote
/// target (at once on the mock, which answers consistently).
async fn terraform_waits(world: &mut SuiteWorld, app: &str, api: &str, stage: &str, listed: bool) {
    let timeout = if listed {
        TERRAFORM_CREATE_TIMEOUT
    } else {
        TERRAFORM_DELETE_TIMEOUT
    };
    let started = std::time::Instant::now();
    loop {
        if terraform_reads(world, app, api, stage).await == listed {
            return;
        }
        assert!(
            world.run.is_remote() && started.elapsed() < timeout,
            "after {:?}, the app {app} is {} on the API {api} in {stage}: {}",
            started.elapsed(),
            if listed { "still not listed" } else { "still listed" },
            world.reply().body
        );
        tokio::time::sleep(TERRAFORM_INTERVAL).await;
    }
}

/// Create: SetAppsAuthorities with GroupId, ApiId, one AppId and StageName.
#[when(expr = "terraform attaches the app {string} to the API {string} in {word}")]
async fn terraform_attaches(world: &mut SuiteWorld, app: String, api: String, stage: String) {
    let mut params = set_apps_params(world, &app, &api, &stage);
    if let Some(group) = world.group_of_api(&api) {
        params.insert(0, pair("GroupId", group));
    }
    world.call("SetAppsAuthorities", params).await;
}

/// Delete: RemoveAppsAuthorities with GroupId, ApiId, one AppId and StageName.
#[when(expr = "terraform detaches the app {string} from the API {string} in {word}")]
async fn terraform_detaches(world: &mut SuiteWorld, app: String, api: String, stage: String) {
    let mut params = set_apps_params(world, &app, &api, &stage);
    if let Some(group) = world.group_of_api(&api) {
        params.insert(0, pair("GroupId", group));
    }
    world.call("RemoveAppsAuthorities", params).await;
}

#[then(expr = "terraform waits until the app {string} is listed on the API {string} in {word}")]
async fn terraform_waits_listed(world: &mut SuiteWorld, app: String, api: String, stage: String) {
    terraform_waits(world, &app, &api, &stage, true).await;
}

#[then(expr = "terraform waits until the app {string} is no longer listed on the API {string} in {word}")]
async fn terraform_waits_gone(world: &mut SuiteWorld, app: String, api: String, stage: String) {
    terraform_waits(world, &app, &api, &stage, false).await;
}

/// Terraform's read: the attachment is in the state when the first page lists the app.
#[then(expr = "terraform's read finds the app {string} on the API {string} in {word}")]
async fn terraform_finds(world: &mut SuiteWorld, app: String, api: String, stage: String) {
    let found = terraform_reads(world, &app, &api, &stage).await;
    assert!(found, "not on terraform's page: {}", world.reply().body);
}

#[then(expr = "terraform's read does not find the app {string} on the API {string} in {word}")]
async fn terraform_misses(world: &mut SuiteWorld, app: String, api: String, stage: String) {
    let found = terraform_reads(world, &app, &api, &stage).await;
    assert!(!found, "on terraform's page: {}", world.reply().body);
}

// ---- the mock's store, on the mock's clock (@mock-only) ----

/// Whether the mock holds the authorization, and whether it lets the app call now.
async fn held(world: &mut SuiteWorld, app: &str, api: &str, stage: &str) -> Option<bool> {
    let service = world.target().await.service().expect("a mock-only step").clone();
    let app_id: i64 = world
        .app_id(app)
        .parse()
        .unwrap_or_else(|_| panic!("{app} has no AppId"));
    let api_id = world.api_id(api);
    let now = service.clock().now();
    service.store().read(|w| {
        w.authorization(app_id, &api_id, stage)
            .map(|authorization| authorization.is_valid_at(now))
    })
}

#[then(expr = "the mock holds a valid authorization of the app {string} on the API {string} in {word}")]
async fn holds_valid(world: &mut SuiteWorld, app: String, api: String, stage: String) {
    assert_eq!(held(world, &app, &api, &stage).await, Some(true));
}

#[then(expr = "the mock holds an expired authorization of the app {string} on the API {string} in {word}")]
async fn holds_expired(world: &mut SuiteWorld, app: String, api: String, stage: String) {
    assert_eq!(held(world, &app, &api, &stage).await, Some(false));
}

#[then(expr = "the mock holds no authorization of the app {string} on the API {string} in {word}")]
async fn holds_none(world: &mut SuiteWorld, app: String, api: String, stage: String) {
    assert_eq!(held(world, &app, &api, &stage).await, None);
}
