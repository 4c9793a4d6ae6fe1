//! Steps about throttling policies: create one, bind it to an API in a stage, list what a
//! listing answers. The other actions are called with `I call ... with:` and `{policy:NAME}`.

use cucumber::gherkin::Step;
use cucumber::{given, then, when};

use super::world::SuiteWorld;

async fn create(world: &mut SuiteWorld, params: Vec<(String, String)>) {
    let name = params
        .iter()
        .find(|(n, _)| n == "TrafficControlName")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let reply = world.call("CreateTrafficControl", params).await;
    if reply.status == 200 {
        let id = reply
            .field("TrafficControlId")
            .expect("CreateTrafficControl answers a TrafficControlId");
        world.policies.insert(name, id);
    }
}

async fn create_or_fail(world: &mut SuiteWorld, params: Vec<(String, String)>) {
    create(world, params).await;
    let reply = world.reply();
    assert_eq!(reply.status, 200, "creating a policy: {}", reply.body);
}

#[when(expr = "I create a throttling policy with:")]
async fn create_with(world: &mut SuiteWorld, step: &Step) {
    let params = world.table_params(step);
    create(world, params).await;
}

#[given(expr = "a throttling policy named {string} allowing {int} calls per {word}")]
async fn a_policy(world: &mut SuiteWorld, name: String, calls: u32, unit: String) {
    let params = vec![
        ("TrafficControlName".to_owned(), name),
        ("TrafficControlUnit".to_owned(), unit.to_ascii_uppercase()),
        ("ApiDefault".to_owned(), calls.to_string()),
    ];
    create_or_fail(world, params).await;
}

#[given(expr = "a throttling policy named {string} with:")]
async fn a_policy_with(world: &mut SuiteWorld, name: String, step: &Step) {
    let mut params = vec![("TrafficControlName".to_owned(), name)];
    params.extend(world.table_params(step));
    create_or_fail(world, params).await;
}

/// The group and id of an API the scenario created or published.
fn api_of(world: &SuiteWorld, api: &str) -> (String, String) {
    if let Some((group, id)) = world.data_plane.apis.get(api) {
        return (world.group_id(group), id.clone());
    }
    let group = world
        .group_of_api(api)
        .unwrap_or_else(|| panic!("the scenario created no API named {api}"));
    (group, world.api_id(api))
}

async fn bind(world: &mut SuiteWorld, policy: &str, apis: &str, stage: &str) {
    let names: Vec<&str> = apis.split(',').map(str::trim).collect();
    let bound: Vec<(String, String)> = names.iter().map(|name| api_of(world, name)).collect();
    let group = bound.first().map(|(group, _)| group.clone()).unwrap_or_default();
    let ids: Vec<String> = bound.into_iter().map(|(_, id)| id).collect();
    let params = vec![
        ("TrafficControlId".to_owned(), world.policy_id(policy)),
        ("GroupId".to_owned(), group),
        ("ApiIds".to_owned(), ids.join(",")),
        ("StageName".to_owned(), stage.to_owned()),
    ];
    world.call("SetTrafficControlApis", params).await;
}

#[when(expr = "I bind the policy {string} to the API(s) {string} in {word}")]
async fn bind_when(world: &mut SuiteWorld, policy: String, apis: String, stage: String) {
    bind(world, &policy, &apis, &stage).await;
}

#[given(expr = "the policy {string} holds the API(s) {string} in {word}")]
async fn bound(world: &mut SuiteWorld, policy: String, apis: String, stage: String) {
    bind(world, &policy, &apis, &stage).await;
    let reply = world.reply();
    assert_eq!(reply.status, 200, "SetTrafficControlApis: {}", reply.body);
}

#[given(expr = "the policy {string} gives the app {string} a special limit of {int}")]
async fn app_special(world: &mut SuiteWorld, policy: String, app: String, limit: u32) {
    let params = vec![
        ("TrafficControlId".to_owned(), world.policy_id(&policy)),
        ("SpecialType".to_owned(), "APP".to_owned()),
        ("SpecialKey".to_owned(), world.app_id(&app)),
        ("TrafficValue".to_owned(), limit.to_string()),
    ];
    let reply = world.call("AddTrafficSpecialControl", params).await;
    assert_eq!(reply.status, 200, "AddTrafficSpecialControl: {}", reply.body);
}

#[when(expr = "I list the policies holding the API {string} in {word}")]
async fn list_by_api(world: &mut SuiteWorld, api: String, stage: String) {
    let (group, id) = api_of(world, &api);
    let params = vec![
        ("GroupId".to_owned(), group),
        ("ApiId".to_owned(), id),
        ("StageName".to_owned(), stage),
    ];
    world.call("DescribeTrafficControlsByApi", params).await;
}

/// The names in the last listing, DescribeTrafficControls' or DescribeTrafficControlsByApi's,
/// as the scenario named them.
fn listed_names(world: &SuiteWorld) -> Vec<String> {
    let body = world.reply().json().unwrap_or_default();
    let (items, field) = match body.get("TrafficControlItems") {
        Some(items) => (&items["TrafficControlItem"], "TrafficControlItemName"),
        None => (&body["TrafficControls"]["TrafficControl"], "TrafficControlName"),
    };
    items
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item[field].as_str())
                .map(|wire| world.logical_name(wire).to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[then(expr = "the policies listed are {string}")]
fn listed(world: &mut SuiteWorld, expected: String) {
    let expected: Vec<String> = expected
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty() && *name != "none")
        .map(str::to_owned)
        .collect();
    assert_eq!(listed_names(world), expected, "{}", world.reply().body);
}
