//! Steps about an app's credentials: key pairs and AppCodes.

use cucumber::{given, then, when};

use super::world::SuiteWorld;

async fn read_credentials(world: &mut SuiteWorld, name: &str) {
    let id = world.app_id(name);
    let reply = world.call("DescribeAppSecurity", vec![("AppId".into(), id)]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let field = |f: &str| reply.field(f).unwrap_or_default();
    let credentials = (field("AppKey"), field("AppSecret"), field("AppCode"));
    world.credentials.insert(name.to_owned(), credentials);
}

#[given(expr = "I have read the credentials of the app {string}")]
async fn have_read(world: &mut SuiteWorld, name: String) {
    read_credentials(world, &name).await;
}

#[when(expr = "I read the credentials of the app {string}")]
async fn read(world: &mut SuiteWorld, name: String) {
    let id = world.app_id(&name);
    world.call("DescribeAppSecurity", vec![("AppId".into(), id)]).await;
}

#[then(expr = "the app {string} has a new secret")]
async fn new_secret(world: &mut SuiteWorld, name: String) {
    let (_, old_secret, _) = world.credentials.get(&name).cloned().expect("credentials read before");
    read_credentials(world, &name).await;
    let (_, secret, _) = world.credentials.get(&name).cloned().expect("just read");
    assert_ne!(secret, old_secret);
    assert!(!secret.is_empty());
}

#[then(expr = "the app {string} has the AppKey {string} and the secret {string}")]
async fn key_and_secret(world: &mut SuiteWorld, name: String, key: String, secret: String) {
    read_credentials(world, &name).await;
    let (app_key, app_secret, _) = world.credentials.get(&name).cloned().expect("just read");
    assert_eq!((app_key.as_str(), app_secret.as_str()), (key.as_str(), secret.as_str()));
}

#[then(expr = "the app {string} has the AppCode {string}")]
async fn app_code(world: &mut SuiteWorld, name: String, code: String) {
    read_credentials(world, &name).await;
    assert_eq!(world.credentials.get(&name).map(|c| c.2.clone()), Some(code));
}

#[when(expr = "I list the credentials of the app {string}")]
async fn list(world: &mut SuiteWorld, name: String) {
    let id = world.app_id(&name);
    world.call("DescribeAppSecurities", vec![("AppId".into(), id)]).await;
}

#[then(expr = "the credentials listed hold the AppKeys {string}")]
fn listed_keys(world: &mut SuiteWorld, keys: String) {
    let body = world.reply().json().expect("JSON");
    let items = body["AppSecuritys"]["AppSecurity"].as_array().expect("a list");
    let listed: Vec<&str> = items
        .iter()
        .filter_map(|i| i["AppKey"].as_str())
        .filter(|k| !k.is_empty())
        .collect();
    let expected: Vec<String> = keys.split(',').map(|k| world.substitute(k.trim())).collect();
    assert_eq!(listed, expected, "{body}");
}

#[then(expr = "the credentials listed hold the AppCodes {string}")]
fn listed_codes(world: &mut SuiteWorld, codes: String) {
    let body = world.reply().json().expect("JSON");
    let items = body["AppSecuritys"]["AppSecurity"].as_array().expect("a list");
    let listed: Vec<&str> = items
        .iter()
        .filter_map(|i| i["AppCode"].as_str())
        .filter(|c| !c.is_empty())
        .collect();
    let expected: Vec<String> = codes.split(',').map(|c| world.substitute(c.trim())).collect();
    assert_eq!(listed, expected, "{body}");
}

#[when(expr = "I add {int} key pairs to the app {string}")]
async fn add_pairs(world: &mut SuiteWorld, count: usize, name: String) {
    for i in 0..count {
        let id = world.app_id(&name);
        let reply = world.call("CreateAppKey", vec![("AppId".into(), id)]).await;
        assert_eq!(reply.status, 200, "pair {i}: {}", reply.body);
    }
}
