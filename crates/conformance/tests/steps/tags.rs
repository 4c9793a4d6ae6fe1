//! Steps about tags, on apps and on API groups.

use cucumber::{given, then, when};

use super::world::SuiteWorld;

/// The resource a tag step speaks of: its `ResourceType` and its id.
fn app(world: &SuiteWorld, name: &str) -> (&'static str, String) {
    ("app", world.app_id(name))
}

fn group(world: &SuiteWorld, name: &str) -> (&'static str, String) {
    ("apiGroup", world.group_id(name))
}

fn resource(kind: &str, id: String) -> Vec<(String, String)> {
    vec![
        ("ResourceType".to_owned(), kind.to_owned()),
        ("ResourceId.1".to_owned(), id),
    ]
}

async fn tag(world: &mut SuiteWorld, (kind, id): (&str, String), tags: &str) {
    let mut params = resource(kind, id);
    for (i, pair) in tags.split(',').enumerate() {
        let (key, value) = pair.trim().split_once('=').unwrap_or((pair.trim(), ""));
        params.push((format!("Tag.{}.Key", i + 1), key.to_owned()));
        params.push((format!("Tag.{}.Value", i + 1), value.to_owned()));
    }
    world.call("TagResources", params).await;
}

async fn untag(world: &mut SuiteWorld, (kind, id): (&str, String), keys: &str) {
    let mut params = resource(kind, id);
    for (i, key) in keys.split(',').enumerate() {
        params.push((format!("TagKey.{}", i + 1), key.trim().to_owned()));
    }
    world.call("UntagResources", params).await;
}

async fn list(world: &mut SuiteWorld, (kind, id): (&str, String)) {
    world.call("ListTagResources", resource(kind, id)).await;
}

async fn has_tags(world: &mut SuiteWorld, target: (&str, String), expected: String) {
    list(world, target).await;
    assert_eq!(world.reply().status, 200, "{}", world.reply().body);
    listed_are(world, expected);
}

#[given(expr = "I tag the app {string} with {string}")]
#[when(expr = "I tag the app {string} with {string}")]
async fn tag_app(world: &mut SuiteWorld, name: String, tags: String) {
    let target = app(world, &name);
    tag(world, target, &tags).await;
}

#[when(expr = "I untag the app {string} of {string}")]
async fn untag_app(world: &mut SuiteWorld, name: String, keys: String) {
    let target = app(world, &name);
    untag(world, target, &keys).await;
}

#[when(expr = "I list the tags of the app {string}")]
async fn list_app(world: &mut SuiteWorld, name: String) {
    let target = app(world, &name);
    list(world, target).await;
}

#[then(expr = "the app {string} has the tags {string}")]
async fn app_has_tags(world: &mut SuiteWorld, name: String, expected: String) {
    let target = app(world, &name);
    has_tags(world, target, expected).await;
}

#[given(expr = "I tag the API group {string} with {string}")]
#[when(expr = "I tag the API group {string} with {string}")]
async fn tag_group(world: &mut SuiteWorld, name: String, tags: String) {
    let target = group(world, &name);
    tag(world, target, &tags).await;
}

#[when(expr = "I untag the API group {string} of {string}")]
async fn untag_group(world: &mut SuiteWorld, name: String, keys: String) {
    let target = group(world, &name);
    untag(world, target, &keys).await;
}

#[when(expr = "I list the tags of the API group {string}")]
async fn list_group(world: &mut SuiteWorld, name: String) {
    let target = group(world, &name);
    list(world, target).await;
}

#[then(expr = "the API group {string} has the tags {string}")]
async fn group_has_tags(world: &mut SuiteWorld, name: String, expected: String) {
    let target = group(world, &name);
    has_tags(world, target, expected).await;
}

/// `key=value, key=value` of a ListTagResources reply, in order.
fn listed_tags(world: &SuiteWorld) -> String {
    let body = world.reply().json().expect("JSON");
    let rows = body["TagResources"]["TagResource"]
        .as_array()
        .unwrap_or_else(|| panic!("no TagResource list in {body}"));
    rows.iter()
        .map(|row| {
            format!(
                "{}={}",
                row["TagKey"].as_str().unwrap_or_default(),
                row["TagValue"].as_str().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[then(expr = "the tags listed are {string}")]
fn listed_are(world: &mut SuiteWorld, expected: String) {
    let expected = if expected == "none" { String::new() } else { expected };
    assert_eq!(listed_tags(world), expected);
}
