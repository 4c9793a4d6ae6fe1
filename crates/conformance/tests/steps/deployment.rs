//! Steps about stages: deploy, abolish, read the deployed copy, the publish history, switch
//! back to an earlier version.

use cucumber::gherkin::Step;
use cucumber::{given, then, when};
use serde_json::Value;

use super::apis::{items, name_list};
use super::world::SuiteWorld;

/// The remark the suite deploys with, unless a scenario says otherwise.
pub const REMARK: &str = "deployed by the contract suite";

/// ApiId, StageName and, when the scenario created the API, its GroupId.
fn in_stage(world: &SuiteWorld, name: &str, stage: &str) -> Vec<(String, String)> {
    let mut params = vec![
        ("ApiId".to_owned(), world.api_id(name)),
        ("StageName".to_owned(), stage.to_owned()),
    ];
    if let Some(group) = world.group_of_api(name) {
        params.push(("GroupId".to_owned(), group));
    }
    params
}

async fn deploy(world: &mut SuiteWorld, name: &str, stage: &str, remark: &str) {
    let mut params = in_stage(world, name, stage);
    params.push(("Description".to_owned(), remark.to_owned()));
    world.call("DeployApi", params).await;
}

#[when(expr = "I deploy the API {string} to {word}")]
async fn deploy_to(world: &mut SuiteWorld, name: String, stage: String) {
    deploy(world, &name, &stage, REMARK).await;
}

#[when(expr = "I deploy the API {string} to {word} with the remark {string}")]
async fn deploy_with_remark(world: &mut SuiteWorld, name: String, stage: String, remark: String) {
    deploy(world, &name, &stage, &remark).await;
}

#[given(expr = "the API {string} is deployed to {word}")]
async fn deployed(world: &mut SuiteWorld, name: String, stage: String) {
    deploy(world, &name, &stage, REMARK).await;
    let reply = world.reply();
    assert_eq!(reply.status, 200, "deploying {name} to {stage}: {}", reply.body);
}

#[given(expr = "the API {string} is deployed to {word} with the remark {string}")]
async fn deployed_with_remark(world: &mut SuiteWorld, name: String, stage: String, remark: String) {
    deploy(world, &name, &stage, &remark).await;
    let reply = world.reply();
    assert_eq!(reply.status, 200, "deploying {name} to {stage}: {}", reply.body);
}

#[when(expr = "I abolish the API {string} from {word}")]
async fn abolish(world: &mut SuiteWorld, name: String, stage: String) {
    let params = in_stage(world, &name, &stage);
    world.call("AbolishApi", params).await;
}

#[when(expr = "I read the API {string} as deployed in {word}")]
async fn read_deployed(world: &mut SuiteWorld, name: String, stage: String) {
    let params = in_stage(world, &name, &stage);
    world.call("DescribeDeployedApi", params).await;
}

#[when(expr = "I list the APIs deployed in the API group {string}")]
async fn list_deployed(world: &mut SuiteWorld, group: String) {
    let params = vec![("GroupId".to_owned(), world.group_id(&group))];
    world.call("DescribeDeployedApis", params).await;
}

#[when(expr = "I list the APIs deployed in the API group {string} with:")]
async fn list_deployed_with(world: &mut SuiteWorld, group: String, step: &Step) {
    let mut params = vec![("GroupId".to_owned(), world.group_id(&group))];
    params.extend(world.table_params(step));
    world.call("DescribeDeployedApis", params).await;
}

/// `name (STAGE)` of every `DeployedApis.DeployedApiItem[]`, sorted (no order is documented).
#[then(expr = "the deployed APIs listed are {string}")]
fn deployed_listed(world: &mut SuiteWorld, expected: String) {
    let mut listed: Vec<String> = items(world, "DeployedApis", "DeployedApiItem")
        .iter()
        .map(|item| {
            format!(
                "{} ({})",
                world.logical_name(item["ApiName"].as_str().unwrap_or_default()),
                item["StageName"].as_str().unwrap_or_default()
            )
        })
        .collect();
    listed.sort();
    let mut expected = name_list(&expected);
    expected.sort();
    assert_eq!(listed, expected, "{}", world.reply().body);
}

async fn history(world: &mut SuiteWorld, action: &str, name: &str, stage: &str) {
    let group = world
        .group_of_api(name)
        .unwrap_or_else(|| panic!("the scenario did not create the API {name}"));
    let params = vec![
        ("GroupId".to_owned(), group),
        ("ApiId".to_owned(), world.api_id(name)),
        ("StageName".to_owned(), stage.to_owned()),
    ];
    world.call(action, params).await;
}

#[when(expr = "I list the publish history of the API {string} in {word}")]
async fn list_history(world: &mut SuiteWorld, name: String, stage: String) {
    history(world, "DescribeApiHistories", &name, &stage).await;
}

#[when(expr = "I list the history APIs of the API {string} in {word}")]
async fn list_history_apis(world: &mut SuiteWorld, name: String, stage: String) {
    history(world, "DescribeHistoryApis", &name, &stage).await;
}

/// `ApiHisItems.ApiHisItem[]`, newest version first (sorted here: no order is documented).
fn history_items(world: &SuiteWorld) -> Vec<Value> {
    let mut listed = items(world, "ApiHisItems", "ApiHisItem");
    listed.sort_by(|a, b| {
        let version = |item: &Value| item["HistoryVersion"].as_str().unwrap_or_default().to_owned();
        version(b).cmp(&version(a))
    });
    listed
}

/// `remark (STATUS)` of every version, newest first.
#[then(expr = "the history listed is {string}")]
fn history_is(world: &mut SuiteWorld, expected: String) {
    let listed: Vec<String> = history_items(world)
        .iter()
        .map(|item| {
            format!(
                "{} ({})",
                item["Description"].as_str().unwrap_or_default(),
                item["Status"].as_str().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(listed, name_list(&expected), "{}", world.reply().body);
}

fn is_history_version(text: &str) -> bool {
    text.len() == 17 && text.bytes().all(|b| b.is_ascii_digit())
}

#[then(expr = "every listed history version is 17 digits, each newer one greater")]
fn versions_are_17_digits(world: &mut SuiteWorld) {
    let versions: Vec<String> = items(world, "ApiHisItems", "ApiHisItem")
        .iter()
        .map(|item| item["HistoryVersion"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(!versions.is_empty(), "no history: {}", world.reply().body);
    for version in &versions {
        assert!(
            is_history_version(version),
            "HistoryVersion {version:?} is not 17 digits"
        );
    }
    let mut distinct = versions.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), versions.len(), "versions repeat: {versions:?}");
}

/// Remembers, as `label`, the newest HistoryVersion of the API in the stage (for
/// `{remembered:label}`).
#[given(expr = "I remember the newest version of the API {string} in {word} as {string}")]
#[when(expr = "I remember the newest version of the API {string} in {word} as {string}")]
async fn remember_newest(world: &mut SuiteWorld, name: String, stage: String, label: String) {
    history(world, "DescribeApiHistories", &name, &stage).await;
    let reply = world.reply();
    assert_eq!(reply.status, 200, "{}", reply.body);
    let newest = history_items(world)
        .first()
        .and_then(|item| item["HistoryVersion"].as_str().map(str::to_owned))
        .unwrap_or_else(|| panic!("no history of {name} in {stage}: {}", world.reply().body));
    world.remembered.insert(label, newest);
}

#[then(expr = "the version remembered as {string} is 17 digits")]
fn remembered_is_17_digits(world: &mut SuiteWorld, label: String) {
    let version = world.remembered.get(&label).cloned().unwrap_or_default();
    assert!(is_history_version(&version), "{label} is {version:?}");
}

#[then(expr = "the version remembered as {string} is greater than the one remembered as {string}")]
fn remembered_increases(world: &mut SuiteWorld, later: String, earlier: String) {
    let get = |label: &str| world.remembered.get(label).cloned().unwrap_or_default();
    assert!(
        get(&later) > get(&earlier),
        "{later} {} vs {earlier} {}",
        get(&later),
        get(&earlier)
    );
}

#[then(expr = "the version remembered as {string} starts with {string}")]
fn remembered_starts(world: &mut SuiteWorld, label: String, prefix: String) {
    let version = world.remembered.get(&label).cloned().unwrap_or_default();
    assert!(version.starts_with(&prefix), "{label} is {version:?}");
}

#[when(expr = "I read the version {string} of the API {string} in {word}")]
async fn read_version(world: &mut SuiteWorld, label: String, name: String, stage: String) {
    let version = world.substitute(&format!("{{remembered:{label}}}"));
    let mut params = in_stage(world, &name, &stage);
    params.push(("HistoryVersion".to_owned(), version));
    world.call("DescribeApiHistory", params).await;
}

#[when(expr = "I switch the API {string} in {word} to the version {string}")]
async fn switch(world: &mut SuiteWorld, name: String, stage: String, label: String) {
    let version = world.substitute(&format!("{{remembered:{label}}}"));
    let mut params = in_stage(world, &name, &stage);
    params.push(("HistoryVersion".to_owned(), version));
    params.push(("Description".to_owned(), "switched by the contract suite".to_owned()));
    world.call("SwitchApi", params).await;
}

#[then(expr = "the API {string} runs the version {string} in {word}")]
async fn runs_version(world: &mut SuiteWorld, name: String, label: String, stage: String) {
    let version = world.substitute(&format!("{{remembered:{label}}}"));
    history(world, "DescribeApiHistories", &name, &stage).await;
    let online: Vec<String> = history_items(world)
        .iter()
        .filter(|item| item["Status"] == "ONLINE")
        .map(|item| item["HistoryVersion"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(online, [version], "{}", world.reply().body);
}

/// Terraform's provider reads NotFoundApiGroup, NotFoundApi and NotFoundStage as "gone"
/// (reference/cloudapi-apis.md part 1.6); which one a stage without the API answers is not
/// documented.
#[then(expr = "the request fails with a not-found code terraform recognises")]
fn fails_not_found_for_terraform(world: &mut SuiteWorld) {
    let reply = world.reply();
    let code = reply.code().unwrap_or_default();
    assert!(reply.status >= 400, "HTTP {}: {}", reply.status, reply.body);
    assert!(
        ["NotFoundApiGroup", "NotFoundApi", "NotFoundStage"].contains(&code.as_str()),
        "{code} is none of terraform's not-found codes: {}",
        reply.body
    );
}

#[then(expr = "the response field {string} is the one remembered as {string}")]
fn field_is_remembered_as(world: &mut SuiteWorld, name: String, label: String) {
    let remembered = world.remembered.get(&label).cloned();
    assert!(remembered.is_some(), "nothing was remembered as {label}");
    assert_eq!(world.reply().field(&name), remembered, "{}", world.reply().body);
}
