//! Steps about the request protocol: schemes, formats, and requests that depart from a
//! correctly signed one.

use cucumber::gherkin::Step;
use cucumber::{given, when};

use cloudapi_core::client::Placement;
use cloudapi_core::{Format, Scheme};

use super::world::SuiteWorld;

#[given(expr = "requests are signed with {word}")]
fn signed_with(world: &mut SuiteWorld, scheme: String) {
    world.scheme = scheme.parse::<Scheme>().unwrap_or_else(|e| panic!("{e}"));
}

#[given(expr = "responses are asked for in {word}")]
fn response_format(world: &mut SuiteWorld, format: String) {
    world.format = match format.as_str() {
        "JSON" => Format::Json,
        "XML" => Format::Xml,
        other => panic!("unknown format {other}"),
    };
}

#[given(expr = "requests use the HTTP method {word}")]
fn default_method(world: &mut SuiteWorld, method: String) {
    world.method = method;
}

#[given(regex = r"^requests carry their parameters in (the query|a form body)$")]
fn parameter_placement(world: &mut SuiteWorld, placement: String) {
    world.placement = match placement.as_str() {
        "a form body" => Placement::FormBody,
        _ => Placement::Query,
    };
}

#[given(expr = "the next request is signed with the secret {string}")]
fn wrong_secret(world: &mut SuiteWorld, secret: String) {
    world.next.secret = Some(secret);
}

#[given(expr = "the next request uses the access key {string}")]
fn access_key(world: &mut SuiteWorld, id: String) {
    world.next.access_key_id = Some(id);
}

#[given(expr = "the next request is dated {int} minutes in the past")]
fn dated_past(world: &mut SuiteWorld, minutes: i64) {
    world.next.timestamp_offset_secs = Some(-minutes * 60);
}

#[given(expr = "the next request is dated {int} minutes in the future")]
fn dated_future(world: &mut SuiteWorld, minutes: i64) {
    world.next.timestamp_offset_secs = Some(minutes * 60);
}

#[given(expr = "the next request is dated {string}")]
fn dated_literal(world: &mut SuiteWorld, literal: String) {
    world.next.literal_timestamp = Some(literal);
}

#[given(expr = "the next request leaves out {string}")]
fn leaves_out(world: &mut SuiteWorld, name: String) {
    world.next.omit.push(name);
}

#[given(expr = "the next request leaves out {string} before signing")]
fn leaves_out_before(world: &mut SuiteWorld, name: String) {
    world.next.omit_before_signing.push(name);
}

#[given(expr = "the next request has {string} set to {string} after signing")]
fn set_after(world: &mut SuiteWorld, name: String, value: String) {
    world.next.set_after_signing.push((name, value));
}

#[given(expr = "the next request has {string} set to {string} before signing")]
fn set_before(world: &mut SuiteWorld, name: String, value: String) {
    world.next.set_before_signing.push((name, value));
}

#[given(expr = "the next request reuses the previous nonce")]
fn reuse_nonce(world: &mut SuiteWorld) {
    world.next.reuse_nonce = true;
}

#[given(expr = "the next request uses the HTTP method {word}")]
fn next_method(world: &mut SuiteWorld, method: String) {
    world.next.method = Some(method);
}

#[given(expr = "the next request goes to the path {string}")]
fn next_path(world: &mut SuiteWorld, path: String) {
    world.next.path = Some(path);
}

#[when(expr = "I call {word}")]
async fn call(world: &mut SuiteWorld, action: String) {
    world.call(&action, Vec::new()).await;
}

#[when(expr = "I call {word} with:")]
async fn call_with(world: &mut SuiteWorld, action: String, step: &Step) {
    let params = world.table_params(step);
    world.call(&action, params).await;
}

#[when(expr = "I send the same request again")]
async fn resend(world: &mut SuiteWorld) {
    let request = world.last_request.clone().expect("a request was sent before");
    let base_url = world.target().await.base_url();
    world.run.stats.record_call_sent();
    let reply = cloudapi_conformance::client::send(&world.http, &base_url, &request)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    world.reply = Some(reply);
}
