//! Steps about tags on apps.

use cucumber::{given, then, when};

use super::world::SuiteWorld;

#[given(expr = "I tag the app {string} with {string}")]
#[when(expr = "I tag the app {string} with {string}")]
async fn tag(world: &mut SuiteWorld, name: String, tags: String) {
    let mut params = vec![
        ("ResourceType".to_owned(), "app".to_owned()),
        ("ResourceId.1".to_owned(), world.app_id(&name)),
    ];
    for (i, pair) in tags.split(',').enumerate() {
        let (key, value) = pair.trim().split_once('=').unwrap_or((pair.trim(), ""));
        params.push((format!("Tag.{}.Key", i + 1), key.to_owned()));
        params.push((format!("Tag.{}.Value", i + 1), value.to_owned()));
    }
    world.call("TagResources", params).await;
}

#[when(expr = "I untag the app {string} of {string}")]
async fn untag(world: &mut SuiteWorld, name: String, keys: String) {
    let mut params = vec![
        ("ResourceType".to_owned(), "app".to_owned()),
        ("ResourceId.1".to_owned(), world.app_id(&name)),
    ];
    for (i, key) in keys.split(',').enumerate() {
        params.push((format!("TagKey.{}", i + 1), key.trim().to_owned()));
    }
    world.call("UntagResources", params).await;
}

#[when(expr = "I list the tags of the app {string}")]
async fn list(world: &mut SuiteWorld, name: String) {
    let params = vec![
        ("ResourceType".to_owned(), "app".to_owned()),
        ("ResourceId.1".to_owned(), world.app_id(&name)),
    ];
    world.call("ListTagResources", params).await;
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

#[then(expr = "the app {string} has the tags {string}")]
async fn has_tags(world: &mut SuiteWorld, name: String, expected: String) {
    list(world, name).await;
    assert_eq!(world.reply().status, 200, "{}", world.reply().body);
    listed_are(world, expected);
}
