//! Steps about API groups: create, describe, modify, list, delete.

use cucumber::gherkin::Step;
use cucumber::{given, then, when};
use serde_json::Value;

use super::world::SuiteWorld;

async fn create(world: &mut SuiteWorld, params: Vec<(String, String)>) {
    let name = params
        .iter()
        .find(|(n, _)| n == "GroupName")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let reply = world.call("CreateApiGroup", params).await;
    if reply.status == 200 {
        let id = reply.field("GroupId").expect("CreateApiGroup answers a GroupId");
        world.groups.insert(name, id);
    }
}

async fn create_or_fail(world: &mut SuiteWorld, params: Vec<(String, String)>) {
    create(world, params).await;
    let reply = world.reply();
    assert_eq!(reply.status, 200, "creating a group: {}", reply.body);
}

#[when(expr = "I create an API group named {string}")]
async fn create_named(world: &mut SuiteWorld, name: String) {
    create(world, vec![("GroupName".into(), name)]).await;
}

#[when(expr = "I create an API group with:")]
async fn create_with(world: &mut SuiteWorld, step: &Step) {
    let params = world.table_params(step);
    create(world, params).await;
}

#[when(expr = "I create an API group named {string} with a description of {int} characters")]
async fn create_with_description_length(world: &mut SuiteWorld, name: String, length: usize) {
    let params = vec![("GroupName".into(), name), ("Description".into(), "d".repeat(length))];
    create(world, params).await;
}

#[given(expr = "an API group named {string}")]
async fn a_group(world: &mut SuiteWorld, name: String) {
    create_or_fail(world, vec![("GroupName".into(), name)]).await;
}

#[given(expr = "an API group created with:")]
async fn a_group_with(world: &mut SuiteWorld, step: &Step) {
    let params = world.table_params(step);
    create_or_fail(world, params).await;
}

#[given(expr = "{int} API groups exist")]
async fn many_groups(world: &mut SuiteWorld, count: usize) {
    for i in 0..count {
        create_or_fail(world, vec![("GroupName".into(), format!("bulk_group_{i}"))]).await;
    }
}

#[when(expr = "I describe the API group {string}")]
async fn describe(world: &mut SuiteWorld, name: String) {
    let id = world.group_id(&name);
    world.call("DescribeApiGroup", vec![("GroupId".into(), id)]).await;
}

#[when(expr = "I delete the API group {string}")]
async fn delete(world: &mut SuiteWorld, name: String) {
    let id = world.group_id(&name);
    world.call("DeleteApiGroup", vec![("GroupId".into(), id)]).await;
}

#[then(expr = "the API group {string} exists")]
async fn exists(world: &mut SuiteWorld, name: String) {
    let id = world.group_id(&name);
    let reply = world
        .call("DescribeApiGroup", vec![("GroupId".into(), id)])
        .await
        .clone();
    assert_eq!(reply.status, 200, "{}", reply.body);
    let answered = reply.field("GroupName").unwrap_or_default();
    assert_eq!(world.logical_name(&answered), name, "{}", reply.body);
}

/// Not found by its id when the scenario knows one; otherwise not listed under its name (on
/// any target: the listing's GroupName filter is a substring, the name is compared whole).
#[then(expr = "the API group {string} does not exist")]
async fn does_not_exist(world: &mut SuiteWorld, name: String) {
    if let Some(id) = world.groups.get(&name).cloned() {
        let reply = world.call("DescribeApiGroup", vec![("GroupId".into(), id)]).await;
        assert_eq!(reply.code().as_deref(), Some("NotFoundApiGroup"), "{}", reply.body);
        return;
    }
    let wire = world.group_wire_name(&name);
    let params = vec![
        ("GroupName".to_owned(), wire.clone()),
        ("PageSize".to_owned(), "50".to_owned()),
    ];
    let reply = world.call("DescribeApiGroups", params).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let named: Vec<Value> = listed_groups(world)
        .into_iter()
        .filter(|group| group["GroupName"].as_str() == Some(wire.as_str()))
        .collect();
    assert!(named.is_empty(), "a group named {wire} exists: {named:?}");
}

async fn modify_with_params(world: &mut SuiteWorld, name: &str, changes: Vec<(String, String)>) {
    let mut params = vec![("GroupId".to_owned(), world.group_id(name))];
    params.extend(changes);
    let renamed = params.iter().find(|(n, _)| n == "GroupName").map(|(_, v)| v.clone());
    let reply = world.call("ModifyApiGroup", params).await;
    if let (200, Some(new_name)) = (reply.status, renamed) {
        let id = world.group_id(name);
        world.groups.insert(new_name, id);
    }
}

#[when(expr = "I modify the API group {string} with:")]
async fn modify(world: &mut SuiteWorld, name: String, step: &Step) {
    let changes = world.table_params(step);
    modify_with_params(world, &name, changes).await;
}

#[when(expr = "I modify the API group {string} with a description of {int} characters")]
async fn modify_description_length(world: &mut SuiteWorld, name: String, length: usize) {
    modify_with_params(world, &name, vec![("Description".into(), "d".repeat(length))]).await;
}

#[when(expr = "I list my API groups")]
async fn list_all(world: &mut SuiteWorld) {
    world.call("DescribeApiGroups", Vec::new()).await;
}

#[when(expr = "I list my API groups with:")]
async fn list_with(world: &mut SuiteWorld, step: &Step) {
    let params = world.table_params(step);
    world.call("DescribeApiGroups", params).await;
}

/// The `ApiGroupAttributes.ApiGroupAttribute[]` of a listing reply, in order.
fn listed_groups(world: &SuiteWorld) -> Vec<Value> {
    let body = world.reply().json().expect("a JSON listing");
    body["ApiGroupAttributes"]["ApiGroupAttribute"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("no ApiGroupAttributes.ApiGroupAttribute list in {body}"))
}

fn listed_names(world: &SuiteWorld) -> Vec<String> {
    listed_groups(world)
        .iter()
        .map(|group| {
            world
                .logical_name(group["GroupName"].as_str().unwrap_or_default())
                .to_owned()
        })
        .collect()
}

#[then(expr = "the listed API groups are {string}")]
fn listed_are(world: &mut SuiteWorld, expected: String) {
    let expected: Vec<String> = if expected == "none" {
        Vec::new()
    } else {
        expected.split(',').map(|name| name.trim().to_owned()).collect()
    };
    assert_eq!(listed_names(world), expected, "{}", world.reply().body);
}

#[then(expr = "the listing counts {int} API groups in all")]
fn total_count(world: &mut SuiteWorld, total: u64) {
    let body = world.reply().json().expect("a JSON listing");
    assert_eq!(body["TotalCount"].as_u64(), Some(total), "{body}");
}

#[then(expr = "each listed API group has {string}")]
fn each_listed_has(world: &mut SuiteWorld, fields: String) {
    let groups = listed_groups(world);
    assert!(!groups.is_empty(), "no group listed: {}", world.reply().body);
    for group in &groups {
        for field in fields.split(',').map(str::trim) {
            assert!(
                group.get(field).is_some_and(|value| !value.is_null()),
                "{field} missing in {group}"
            );
        }
    }
}

#[then(expr = "the listed API group {string} has the tags {string}")]
fn listed_group_has_tags(world: &mut SuiteWorld, name: String, expected: String) {
    let groups = listed_groups(world);
    let group = groups
        .iter()
        .find(|group| world.logical_name(group["GroupName"].as_str().unwrap_or_default()) == name)
        .unwrap_or_else(|| panic!("{name} is not listed: {}", world.reply().body));
    let tags: Vec<String> = group["Tags"]["TagInfo"]
        .as_array()
        .unwrap_or_else(|| panic!("no Tags.TagInfo list in {group}"))
        .iter()
        .map(|tag| {
            format!(
                "{}={}",
                tag["Key"].as_str().unwrap_or_default(),
                tag["Value"].as_str().unwrap_or_default()
            )
        })
        .collect();
    let expected = if expected == "none" { String::new() } else { expected };
    assert_eq!(tags.join(", "), expected, "{group}");
}

/// `StageItems.StageInfo[]` of a DescribeApiGroup reply.
fn stages(world: &SuiteWorld) -> Vec<Value> {
    let body = world.reply().json().expect("a JSON DescribeApiGroup reply");
    body["StageItems"]["StageInfo"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("no StageItems.StageInfo list in {body}"))
}

#[then(expr = "the API group's stages are {string}")]
fn stages_are(world: &mut SuiteWorld, expected: String) {
    let names: Vec<String> = stages(world)
        .iter()
        .map(|stage| stage["StageName"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(names.join(", "), expected, "{}", world.reply().body);
}

#[then(expr = "each stage of the API group has its own StageId of 32 hexadecimal characters")]
fn stage_ids(world: &mut SuiteWorld) {
    let ids: Vec<String> = stages(world)
        .iter()
        .map(|stage| stage["StageId"].as_str().unwrap_or_default().to_owned())
        .collect();
    for id in &ids {
        assert!(is_hex32(id, false), "StageId {id:?} is not 32 hexadecimal characters");
    }
    let mut distinct = ids.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), ids.len(), "StageIds repeat: {ids:?}");
}

#[then(expr = "the response's SubDomain is its GroupId, a dash, the region and {string}")]
fn sub_domain(world: &mut SuiteWorld, suffix: String) {
    let reply = world.reply();
    let id = reply
        .field("GroupId")
        .unwrap_or_else(|| panic!("no GroupId: {}", reply.body));
    let expected = format!("{id}-{}{suffix}", world.settings.region);
    assert_eq!(reply.field("SubDomain"), Some(expected), "{}", reply.body);
}

/// 32 hexadecimal digits; `lower_only`: no upper-case letter either.
pub fn is_hex32(text: &str, lower_only: bool) -> bool {
    text.len() == 32
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b) || (!lower_only && (b'A'..=b'F').contains(&b)))
}
