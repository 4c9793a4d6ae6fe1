//! Steps about apps: create, describe, delete.

use cucumber::gherkin::Step;
use cucumber::{given, then, when};

use super::world::SuiteWorld;

/// `| parameter | value |` rows of a step's table (a header row is skipped).
pub fn table_params(step: &Step) -> Vec<(String, String)> {
    let Some(table) = step.table.as_ref() else {
        return Vec::new();
    };
    table
        .rows
        .iter()
        .filter(|row| row.len() >= 2 && !(row[0] == "parameter" && row[1] == "value"))
        .map(|row| (row[0].clone(), unquote(&row[1])))
        .collect()
}

/// Table cells may quote a value to show spaces at its ends: `"  a "`.
fn unquote(cell: &str) -> String {
    cell.strip_prefix('"')
        .and_then(|c| c.strip_suffix('"'))
        .unwrap_or(cell)
        .to_owned()
}

async fn create(world: &mut SuiteWorld, params: Vec<(String, String)>) {
    let name = params
        .iter()
        .find(|(n, _)| n == "AppName")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let reply = world.call("CreateApp", params).await;
    if reply.status == 200 {
        let id = reply.field("AppId").expect("CreateApp answers an AppId");
        world.apps.insert(name, id);
    }
}

#[when(expr = "I create an app named {string}")]
async fn create_named(world: &mut SuiteWorld, name: String) {
    create(world, vec![("AppName".into(), name)]).await;
}

#[when(expr = "I create an app with:")]
async fn create_with(world: &mut SuiteWorld, step: &Step) {
    let params = world.table_params(step);
    create(world, params).await;
}

#[when(expr = "I create an app named {string} with a description of {int} characters")]
async fn create_with_description_length(world: &mut SuiteWorld, name: String, length: usize) {
    let description = "d".repeat(length);
    create(
        world,
        vec![("AppName".into(), name), ("Description".into(), description)],
    )
    .await;
}

#[given(expr = "an app named {string}")]
async fn an_app(world: &mut SuiteWorld, name: String) {
    create(world, vec![("AppName".into(), name.clone())]).await;
    let reply = world.reply();
    assert_eq!(reply.status, 200, "creating {name}: {}", reply.body);
}

#[given(expr = "an app created with:")]
async fn an_app_with(world: &mut SuiteWorld, step: &Step) {
    let params = world.table_params(step);
    create(world, params).await;
    let reply = world.reply();
    assert_eq!(reply.status, 200, "creating: {}", reply.body);
}

#[given(expr = "{int} apps exist")]
async fn many_apps(world: &mut SuiteWorld, count: usize) {
    for i in 0..count {
        create(world, vec![("AppName".into(), format!("bulk_app_{i}"))]).await;
        let reply = world.reply();
        assert_eq!(reply.status, 200, "creating app {i}: {}", reply.body);
    }
}

#[when(expr = "I describe the app {string}")]
async fn describe(world: &mut SuiteWorld, name: String) {
    let id = world.app_id(&name);
    world.call("DescribeApp", vec![("AppId".into(), id)]).await;
}

#[when(expr = "I delete the app {string}")]
async fn delete(world: &mut SuiteWorld, name: String) {
    let id = world.app_id(&name);
    world.call("DeleteApp", vec![("AppId".into(), id)]).await;
}

#[then(expr = "the app {string} exists")]
async fn exists(world: &mut SuiteWorld, name: String) {
    let id = world.app_id(&name);
    let reply = world.call("DescribeApp", vec![("AppId".into(), id)]).await.clone();
    assert_eq!(reply.status, 200, "{}", reply.body);
    let answered = reply.field("AppName").unwrap_or_default();
    assert_eq!(world.logical_name(&answered), name, "{}", reply.body);
}

#[then(expr = "the app {string} does not exist")]
async fn does_not_exist(world: &mut SuiteWorld, name: String) {
    if let Some(id) = world.apps.get(&name).cloned() {
        let reply = world.call("DescribeApp", vec![("AppId".into(), id)]).await;
        assert_eq!(reply.code().as_deref(), Some("NotFoundApp"), "{}", reply.body);
        return;
    }
    // Never created as far as the scenario saw: ask the target itself, by name, on every
    // target. A request may have carried the name as the scenario wrote it (set after signing)
    // or with the run's prefix (as the steps send it), so neither may be there.
    let candidates = [name.clone(), world.wire_name(&name)];
    let reply = world
        .call(
            "DescribeAppAttributes",
            vec![("AppName".into(), name.clone()), ("PageSize".into(), "100".into())],
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let listed = reply.fields("AppName");
    let found: Vec<&String> = listed.iter().filter(|listed| candidates.contains(listed)).collect();
    assert!(found.is_empty(), "an app named {found:?} exists: {}", reply.body);
}

#[when(expr = "I modify the app {string} with:")]
async fn modify(world: &mut SuiteWorld, name: String, step: &Step) {
    let mut params = vec![("AppId".to_owned(), world.app_id(&name))];
    params.extend(world.table_params(step));
    let renamed = params.iter().find(|(n, _)| n == "AppName").map(|(_, v)| v.clone());
    let reply = world.call("ModifyApp", params).await;
    if let (200, Some(new_name)) = (reply.status, renamed) {
        let id = world.app_id(&name);
        world.apps.insert(new_name, id);
    }
}

#[when(expr = "I list my apps")]
async fn list_all(world: &mut SuiteWorld) {
    world.call("DescribeAppAttributes", Vec::new()).await;
}

#[when(expr = "I list my apps with:")]
async fn list_with(world: &mut SuiteWorld, step: &Step) {
    let params = world.table_params(step);
    world.call("DescribeAppAttributes", params).await;
}

/// The app names of a listing reply (`Apps.AppAttribute[]` or `Apps.AppItem[]`), in order.
fn listed_names(world: &SuiteWorld) -> Vec<String> {
    let body = world.reply().json().expect("a JSON listing");
    let apps = &body["Apps"];
    let items = apps["AppAttribute"].as_array().or(apps["AppItem"].as_array());
    let items = items.unwrap_or_else(|| panic!("no list of apps in {body}"));
    items
        .iter()
        .map(|item| {
            world
                .logical_name(item["AppName"].as_str().unwrap_or_default())
                .to_owned()
        })
        .collect()
}

#[then(expr = "the listed apps are {string}")]
fn listed_are(world: &mut SuiteWorld, expected: String) {
    let expected: Vec<String> = if expected == "none" {
        Vec::new()
    } else {
        expected.split(',').map(|name| name.trim().to_owned()).collect()
    };
    assert_eq!(listed_names(world), expected, "{}", world.reply().body);
}

#[then(expr = "the listing counts {int} apps in all")]
fn total_count(world: &mut SuiteWorld, total: u64) {
    let body = world.reply().json().expect("a JSON listing");
    assert_eq!(body["TotalCount"].as_u64(), Some(total), "{body}");
}

#[when(expr = "I modify the app {string} {int} times")]
async fn modify_repeatedly(world: &mut SuiteWorld, name: String, times: usize) {
    for i in 0..times {
        let params = vec![
            ("AppId".to_owned(), world.app_id(&name)),
            ("Description".to_owned(), format!("change {i}")),
        ];
        let reply = world.call("ModifyApp", params).await;
        assert_eq!(reply.status, 200, "change {i}: {}", reply.body);
    }
}
