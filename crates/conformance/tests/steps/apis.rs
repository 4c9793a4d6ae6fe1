//! Steps about APIs: define (CreateApi), read (DescribeApi), list (DescribeApis), change
//! (ModifyApi, a full replacement), delete (DeleteApi); and how to look into their answers.
//!
//! Two definitions recur in the features, so they are written once here, as the SDKs send
//! them (PascalCase keys, the documents as JSON strings; reference/cloudapi-apis.md 4.1):
//! - the Mock-backend API: `GET /<name>`, PASSTHROUGH, anonymous, answering 200 with a JSON
//!   forecast and a Content-Type mock header;
//! - the HTTP-backend API: `POST /weather/[city]` with a PATH, a QUERY, a HEAD and a BODY
//!   parameter mapped onto `http://backend.example.com:8080/v1/forecast/[cityName]`, one
//!   constant and one system parameter, an error code sample.

use cucumber::gherkin::Step;
use cucumber::{given, then, when};
use serde_json::Value;

use super::world::SuiteWorld;

/// What an API was created (or last modified) with: the scenario's names, and its group by
/// the scenario's name.
#[derive(Debug, Clone, Default)]
pub struct Definition {
    pub group: String,
    /// The parameters, `ApiName` as the scenario wrote it (the run prefix goes on at sending).
    pub params: Vec<(String, String)>,
}

impl Definition {
    fn set(&mut self, name: &str, value: &str) {
        self.params.retain(|(n, _)| n != name);
        if value != "(absent)" {
            self.params.push((name.to_owned(), value.to_owned()));
        }
    }
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

/// The Mock-backend API named `name`, on the path `/<name>`.
pub fn mock_backend(name: &str) -> Vec<(String, String)> {
    let request = format!(
        r#"{{"RequestProtocol":"HTTP,HTTPS","RequestHttpMethod":"GET","RequestPath":"/{name}","RequestMode":"PASSTHROUGH"}}"#
    );
    let mut params = pairs(&[
        ("ApiName", name),
        ("Visibility", "PRIVATE"),
        ("AuthType", "ANONYMOUS"),
        ("Description", "answers from the gateway's Mock backend"),
        ("ResultType", "JSON"),
        ("ResultSample", r#"{"forecast":"sunny"}"#),
        (
            "ServiceConfig",
            r#"{"ServiceProtocol":"HTTP","ServiceAddress":"http://www.aliyun.com","ServiceHttpMethod":"GET","ServicePath":"/mock","ServiceTimeout":10000,"Mock":"TRUE","MockResult":"{\"forecast\":\"sunny\"}","MockStatusCode":200,"MockHeaders":[{"HeaderName":"Content-Type","HeaderValue":"application/json"}]}"#,
        ),
    ]);
    params.insert(1, ("RequestConfig".to_owned(), request));
    params
}

/// The HTTP-backend weather API named `name`.
pub fn http_backend(name: &str) -> Vec<(String, String)> {
    pairs(&[
        ("ApiName", name),
        ("Visibility", "PRIVATE"),
        ("AuthType", "APP"),
        ("Description", "today's forecast for a city"),
        ("ResultType", "JSON"),
        ("ResultSample", r#"{"city":"hangzhou","forecast":"sunny"}"#),
        ("FailResultSample", r#"{"error":"unknown city"}"#),
        (
            "RequestConfig",
            r#"{"RequestProtocol":"HTTP","RequestHttpMethod":"POST","RequestPath":"/weather/[city]","RequestMode":"MAPPING","BodyFormat":"FORM"}"#,
        ),
        (
            "ServiceConfig",
            r#"{"ServiceProtocol":"HTTP","ServiceAddress":"http://backend.example.com:8080","ServicePath":"/v1/forecast/[cityName]","ServiceHttpMethod":"POST","ServiceTimeout":3000,"ContentTypeCatagory":"CLIENT","Mock":"FALSE","ServiceVpcEnable":"FALSE"}"#,
        ),
        (
            "RequestParameters",
            r#"[{"ApiParameterName":"city","Location":"PATH","ParameterType":"String","Required":"REQUIRED","Description":"the city"},{"ApiParameterName":"days","Location":"QUERY","ParameterType":"Int","Required":"OPTIONAL","DefaultValue":"3","MinValue":1,"MaxValue":14},{"ApiParameterName":"X-Trace-Id","Location":"HEAD","ParameterType":"String","Required":"OPTIONAL"},{"ApiParameterName":"note","Location":"BODY","ParameterType":"String","Required":"OPTIONAL","MaxLength":200}]"#,
        ),
        (
            "ServiceParameters",
            r#"[{"ServiceParameterName":"cityName","Location":"PATH","ParameterType":"STRING","ParameterCatalog":"REQUEST"},{"ServiceParameterName":"days","Location":"QUERY","ParameterType":"NUMBER","ParameterCatalog":"REQUEST"},{"ServiceParameterName":"X-Trace-Id","Location":"HEAD","ParameterType":"STRING","ParameterCatalog":"REQUEST"},{"ServiceParameterName":"note","Location":"BODY","ParameterType":"STRING","ParameterCatalog":"REQUEST"}]"#,
        ),
        (
            "ServiceParametersMap",
            r#"[{"ServiceParameterName":"cityName","RequestParameterName":"city"},{"ServiceParameterName":"days","RequestParameterName":"days"},{"ServiceParameterName":"X-Trace-Id","RequestParameterName":"X-Trace-Id"},{"ServiceParameterName":"note","RequestParameterName":"note"}]"#,
        ),
        (
            "ConstantParameters",
            r#"[{"ServiceParameterName":"apiVersion","ConstantValue":"2","Location":"HEAD","Description":"the backend's API version"}]"#,
        ),
        (
            "SystemParameters",
            r#"[{"ParameterName":"CaClientIp","ServiceParameterName":"clientIp","Location":"HEAD"}]"#,
        ),
        (
            "ErrorCodeSamples",
            r#"[{"Code":"400","Message":"Missing the parameter city","Description":"city is required"}]"#,
        ),
    ])
}

/// Sends CreateApi in `group` with `params`; on success the scenario knows the API by the
/// name it gave.
async fn create(world: &mut SuiteWorld, group: &str, params: Vec<(String, String)>) {
    let name = params
        .iter()
        .find(|(n, _)| n == "ApiName")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let mut sent = vec![("GroupId".to_owned(), world.group_id(group))];
    sent.extend(params.iter().cloned());
    let reply = world.call("CreateApi", sent).await;
    if reply.status == 200 {
        let id = reply.field("ApiId").expect("CreateApi answers an ApiId");
        world.apis.insert(name.clone(), id);
        let params = params.into_iter().filter(|(n, _)| !n.starts_with("Tag.")).collect();
        world.api_definitions.insert(
            name,
            Definition {
                group: group.to_owned(),
                params,
            },
        );
    }
}

async fn create_or_fail(world: &mut SuiteWorld, group: &str, params: Vec<(String, String)>) {
    create(world, group, params).await;
    let reply = world.reply();
    assert_eq!(reply.status, 200, "creating an API: {}", reply.body);
}

#[given(expr = "the Mock-backend API {string} in the API group {string}")]
async fn a_mock_api(world: &mut SuiteWorld, name: String, group: String) {
    create_or_fail(world, &group, mock_backend(&name)).await;
}

#[given(expr = "the HTTP-backend API {string} in the API group {string}")]
async fn an_http_api(world: &mut SuiteWorld, name: String, group: String) {
    create_or_fail(world, &group, http_backend(&name)).await;
}

#[when(expr = "I create the Mock-backend API {string} in the API group {string}")]
async fn create_mock_api(world: &mut SuiteWorld, name: String, group: String) {
    create(world, &group, mock_backend(&name)).await;
}

#[when(expr = "I create the HTTP-backend API {string} in the API group {string}")]
async fn create_http_api(world: &mut SuiteWorld, name: String, group: String) {
    create(world, &group, http_backend(&name)).await;
}

/// The Mock-backend definition with the table's rows laid over it (`(absent)` leaves a
/// parameter out).
#[when(expr = "I create the Mock-backend API {string} in the API group {string} with:")]
async fn create_mock_api_with(world: &mut SuiteWorld, name: String, group: String, step: &Step) {
    let mut definition = Definition {
        group: group.clone(),
        params: mock_backend(&name),
    };
    for (param, value) in world.table_params(step) {
        definition.set(&param, &value);
    }
    create(world, &group, definition.params).await;
}

/// The HTTP-backend definition with the table's rows laid over it.
#[when(expr = "I create the HTTP-backend API {string} in the API group {string} with:")]
async fn create_http_api_with(world: &mut SuiteWorld, name: String, group: String, step: &Step) {
    let mut definition = Definition {
        group: group.clone(),
        params: http_backend(&name),
    };
    for (param, value) in world.table_params(step) {
        definition.set(&param, &value);
    }
    create(world, &group, definition.params).await;
}

/// Exactly the table's parameters (and the group's GroupId).
#[when(expr = "I create an API in the API group {string} with:")]
async fn create_with(world: &mut SuiteWorld, group: String, step: &Step) {
    let params = world.table_params(step);
    create(world, &group, params).await;
}

#[given(expr = "an API created in the API group {string} with:")]
async fn an_api_with(world: &mut SuiteWorld, group: String, step: &Step) {
    let params = world.table_params(step);
    create_or_fail(world, &group, params).await;
}

#[given(expr = "the API group {string} holds {int} Mock-backend APIs")]
async fn many_apis(world: &mut SuiteWorld, group: String, count: usize) {
    for i in 0..count {
        create_or_fail(world, &group, mock_backend(&format!("bulk_api_{i}"))).await;
    }
}

/// ApiId and, when the scenario created the API, its GroupId (as terraform sends them).
fn addressed(world: &SuiteWorld, name: &str) -> Vec<(String, String)> {
    let mut params = vec![("ApiId".to_owned(), world.api_id(name))];
    if let Some(group) = world.group_of_api(name) {
        params.push(("GroupId".to_owned(), group));
    }
    params
}

#[when(expr = "I describe the API {string}")]
async fn describe(world: &mut SuiteWorld, name: String) {
    let params = addressed(world, &name);
    world.call("DescribeApi", params).await;
}

#[when(expr = "I delete the API {string}")]
async fn delete(world: &mut SuiteWorld, name: String) {
    let params = addressed(world, &name);
    world.call("DeleteApi", params).await;
}

#[then(expr = "the API {string} does not exist")]
async fn does_not_exist(world: &mut SuiteWorld, name: String) {
    let params = addressed(world, &name);
    let reply = world.call("DescribeApi", params).await;
    assert_eq!(reply.code().as_deref(), Some("NotFoundApi"), "{}", reply.body);
}

#[then(expr = "the API {string} exists")]
async fn exists(world: &mut SuiteWorld, name: String) {
    let params = addressed(world, &name);
    let reply = world.call("DescribeApi", params).await.clone();
    assert_eq!(reply.status, 200, "{}", reply.body);
    let answered = reply.field("ApiName").unwrap_or_default();
    assert_eq!(world.logical_name(&answered), name, "{}", reply.body);
}

/// ModifyApi replaces the whole definition: the step sends the API's last definition with
/// the table's rows laid over it (`(absent)` leaves one out), ApiId and GroupId first.
#[given(expr = "I modify the API {string} with:")]
#[when(expr = "I modify the API {string} with:")]
async fn modify(world: &mut SuiteWorld, name: String, step: &Step) {
    let changes = world.table_params(step);
    modify_with(world, &name, changes).await;
}

#[when(expr = "I modify the API {string} without changes")]
async fn modify_unchanged(world: &mut SuiteWorld, name: String) {
    modify_with(world, &name, Vec::new()).await;
}

async fn modify_with(world: &mut SuiteWorld, name: &str, changes: Vec<(String, String)>) {
    let mut definition = world
        .api_definitions
        .get(name)
        .cloned()
        .unwrap_or_else(|| panic!("the scenario did not create the API {name}"));
    for (param, value) in &changes {
        definition.set(param, value);
    }
    let mut params = addressed(world, name);
    params.extend(definition.params.iter().cloned());
    let reply = world.call("ModifyApi", params).await;
    if reply.status == 200 {
        let renamed = definition
            .params
            .iter()
            .find(|(n, _)| n == "ApiName")
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| name.to_owned());
        let id = world.api_id(name);
        world.apis.insert(renamed.clone(), id);
        world.api_definitions.insert(renamed, definition);
    }
}

#[when(expr = "I list the APIs of the API group {string}")]
async fn list_in_group(world: &mut SuiteWorld, group: String) {
    let params = vec![("GroupId".to_owned(), world.group_id(&group))];
    world.call("DescribeApis", params).await;
}

#[when(expr = "I list the APIs of the API group {string} with:")]
async fn list_in_group_with(world: &mut SuiteWorld, group: String, step: &Step) {
    let mut params = vec![("GroupId".to_owned(), world.group_id(&group))];
    params.extend(world.table_params(step));
    world.call("DescribeApis", params).await;
}

/// The items of the reply's list, under `wrapper.item`.
pub fn items(world: &SuiteWorld, wrapper: &str, item: &str) -> Vec<Value> {
    let body = world.reply().json().expect("a JSON listing");
    body[wrapper][item]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("no {wrapper}.{item} list in {body}"))
}

/// `a, b, c` or `none`.
pub fn name_list(expected: &str) -> Vec<String> {
    if expected == "none" {
        Vec::new()
    } else {
        expected.split(',').map(|name| name.trim().to_owned()).collect()
    }
}

#[then(expr = "the listed APIs are {string}")]
fn listed_are(world: &mut SuiteWorld, expected: String) {
    let names: Vec<String> = items(world, "ApiSummarys", "ApiSummary")
        .iter()
        .map(|api| {
            world
                .logical_name(api["ApiName"].as_str().unwrap_or_default())
                .to_owned()
        })
        .collect();
    assert_eq!(names, name_list(&expected), "{}", world.reply().body);
}

#[then(expr = "the listed APIs are {string} in any order")]
fn listed_are_any_order(world: &mut SuiteWorld, expected: String) {
    let mut names: Vec<String> = items(world, "ApiSummarys", "ApiSummary")
        .iter()
        .map(|api| {
            world
                .logical_name(api["ApiName"].as_str().unwrap_or_default())
                .to_owned()
        })
        .collect();
    names.sort();
    let mut expected = name_list(&expected);
    expected.sort();
    assert_eq!(names, expected, "{}", world.reply().body);
}

#[then(expr = "the listing counts {int} APIs in all")]
fn total_count(world: &mut SuiteWorld, total: u64) {
    let body = world.reply().json().expect("a JSON listing");
    assert_eq!(body["TotalCount"].as_u64(), Some(total), "{body}");
}

/// The stages whose `DeployedInfos.DeployedInfo[]` item says DEPLOYED, in the order answered.
pub fn deployed_stages(body: &Value) -> Vec<String> {
    body["DeployedInfos"]["DeployedInfo"]
        .as_array()
        .unwrap_or_else(|| panic!("no DeployedInfos.DeployedInfo list in {body}"))
        .iter()
        .filter(|info| info["DeployedStatus"] == "DEPLOYED")
        .map(|info| info["StageName"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[then(expr = "the API {string} is deployed in {string}")]
async fn deployed_in(world: &mut SuiteWorld, name: String, expected: String) {
    let params = addressed(world, &name);
    let reply = world.call("DescribeApi", params).await.clone();
    assert_eq!(reply.status, 200, "{}", reply.body);
    let body = reply.json().expect("JSON");
    let mut stages = deployed_stages(&body);
    stages.sort();
    let mut expected = name_list(&expected);
    expected.sort();
    assert_eq!(stages, expected, "{}", reply.body);
}

// ---- looking into nested answers ----

/// The value at a dotted path of the JSON reply: `ServiceConfig.Mock`,
/// `RequestParameters.RequestParameter[0].Location`.
pub fn at<'a>(body: &'a Value, path: &str) -> &'a Value {
    let mut value = body;
    for part in path.split('.') {
        let (name, index) = match part.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        value = &value[name];
        if let Some(index) = index {
            value = &value[index];
        }
    }
    value
}

fn reply_at(world: &SuiteWorld, path: &str) -> (Value, String) {
    let body = world.reply().json().expect("a JSON reply");
    let value = at(&body, path).clone();
    (value, world.reply().body.clone())
}

#[then(expr = "the response at {string} is {string}")]
fn at_is(world: &mut SuiteWorld, path: String, expected: String) {
    let (value, body) = reply_at(world, &path);
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("{path} is {value}, not a string: {body}"));
    assert_eq!(world.logical_name(text), expected, "{path}: {body}");
}

#[then(expr = "the response at {string} is the JSON number {int}")]
fn at_is_number(world: &mut SuiteWorld, path: String, expected: i64) {
    let (value, body) = reply_at(world, &path);
    assert_eq!(value.as_i64(), Some(expected), "{path} is {value}: {body}");
}

#[then(expr = "the response at {string} is the JSON boolean {word}")]
fn at_is_bool(world: &mut SuiteWorld, path: String, expected: String) {
    let (value, body) = reply_at(world, &path);
    let expected: bool = expected.parse().expect("true or false");
    assert_eq!(value.as_bool(), Some(expected), "{path} is {value}: {body}");
}

#[then(expr = "the response at {string} holds {int} item(s)")]
fn at_holds(world: &mut SuiteWorld, path: String, count: usize) {
    let (value, body) = reply_at(world, &path);
    let items = value
        .as_array()
        .unwrap_or_else(|| panic!("{path} is {value}, not a list: {body}"));
    assert_eq!(items.len(), count, "{path}: {body}");
}

#[then(expr = "the response at {string} starts with {string}")]
fn at_starts_with(world: &mut SuiteWorld, path: String, prefix: String) {
    let (value, body) = reply_at(world, &path);
    let text = value.as_str().unwrap_or_default();
    assert!(text.starts_with(&prefix), "{path} is {value}: {body}");
}

#[then(expr = "the response has no {string}")]
fn has_no(world: &mut SuiteWorld, path: String) {
    let (value, body) = reply_at(world, &path);
    assert!(value.is_null(), "{path} is {value}: {body}");
}

#[then(expr = "the error message names {string}")]
fn message_names(world: &mut SuiteWorld, what: String) {
    let message = world.reply().field("Message").unwrap_or_default();
    assert!(message.contains(&what), "the message {message:?} does not name {what}");
}
