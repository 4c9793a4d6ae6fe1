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
    create(world, table_params(step)).await;
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
    create(world, table_params(step)).await;
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
    // Never created as far as the scenario saw; on the mock, make sure of it by name.
    let name = world.wire_name(&name);
    if let Some(service) = world.target().await.service() {
        let found = service.store().with(|w| {
            w.tenancy(&cloudapi_core::store::Scope {
                account_uid: cloudapi_core::config::DEFAULT_ACCOUNT_UID.to_owned(),
                region: cloudapi_core::config::DEFAULT_REGION.to_owned(),
            })
            .and_then(|t| t.app_id_by_name(&name))
        });
        assert_eq!(found, None, "the mock holds an app named {name}");
    }
}
