//! Steps that check replies.

use cucumber::{then, when};

use cloudapi_conformance::parity::ParityGap;
use cloudapi_conformance::snapshot::{self, Verdict};

use super::world::SuiteWorld;

#[then(expr = "the request succeeds")]
fn succeeds(world: &mut SuiteWorld) {
    let reply = world.reply();
    assert_eq!(reply.status, 200, "{}", reply.body);
}

#[then(expr = "the request fails with {string}")]
fn fails_with(world: &mut SuiteWorld, code: String) {
    let reply = world.reply();
    assert!(
        reply.status >= 400,
        "expected {code}, got HTTP {}: {}",
        reply.status,
        reply.body
    );
    assert_eq!(reply.code().as_deref(), Some(code.as_str()), "{}", reply.body);
}

#[then(expr = "the HTTP status is {int}")]
fn http_status(world: &mut SuiteWorld, status: u16) {
    let reply = world.reply();
    assert_eq!(reply.status, status, "{}", reply.body);
}

/// On the mock, a mismatch fails the step and insta records the new value for review; on a
/// remote target it is a parity gap: reported with its diff, the snapshot left as it is.
#[then(expr = "the response matches the snapshot {string}")]
fn matches_snapshot(world: &mut SuiteWorld, name: String) {
    let reply = world.reply().clone();
    let rendered = snapshot::render(&reply, &mut world.redactor);
    if !world.run.is_remote() {
        snapshot::assert_matches(&world.feature, &name, &rendered);
        return;
    }
    let diff = match snapshot::compare(&world.feature, &name, &rendered) {
        Verdict::Matches => return,
        Verdict::Differs(diff) => diff,
        Verdict::Missing => {
            format!("no snapshot is recorded; record it on the mock first. The target answered:\n{rendered}")
        }
    };
    let gap = ParityGap {
        feature: world.feature.clone(),
        scenario: world.scenario.clone(),
        snapshot: name,
        diff,
    };
    let message = gap.message();
    world.run.parity.record(gap);
    panic!("{message}");
}

#[then(expr = "the response is {word}")]
fn content_type(world: &mut SuiteWorld, format: String) {
    let reply = world.reply();
    let expected = match format.as_str() {
        "JSON" => "application/json;charset=utf-8",
        "XML" => "text/xml;charset=utf-8",
        other => panic!("unknown format {other}"),
    };
    assert_eq!(reply.content_type, expected);
}

#[then(expr = "the response field {string} is {string}")]
fn field_is(world: &mut SuiteWorld, name: String, value: String) {
    let field = world.reply().field(&name);
    // Names come back with the run prefix; the scenario speaks of them without it.
    let field = field.as_deref().map(|text| world.logical_name(text));
    assert_eq!(field, Some(value.as_str()), "{}", world.reply().body);
}

#[then(expr = "the response field {string} is a JSON number")]
fn field_is_number(world: &mut SuiteWorld, name: String) {
    let body = world.reply().json().expect("a JSON body");
    assert!(body[&name].is_i64(), "{name} is {}", body[&name]);
}

#[then(expr = "the error message ends with the string to sign of my request")]
fn message_has_string_to_sign(world: &mut SuiteWorld) {
    let message = world.reply().field("Message").expect("an error message");
    let prefix = "Specified signature is not matched with our calculation. server string to sign is:";
    let server = message.strip_prefix(prefix).unwrap_or_else(|| panic!("{message}"));
    assert_eq!(server, world.last_v2_string_to_sign());
}

#[then(expr = "the response's ModifiedTime is at least {int} seconds after its CreatedTime")]
fn modified_after_created(world: &mut SuiteWorld, seconds: i64) {
    let reply = world.reply();
    let time = |name: &str| {
        let text = reply
            .field(name)
            .unwrap_or_else(|| panic!("no {name} in {}", reply.body));
        cloudapi_core::protocol::timestamp::parse(&text).unwrap_or_else(|| panic!("{name} {text:?} is not a timestamp"))
    };
    let apart = (time("ModifiedTime") - time("CreatedTime")).whole_seconds();
    assert!(apart >= seconds, "{apart} seconds apart: {}", reply.body);
}

#[then(expr = "the response field {string} is:")]
fn field_is_text(world: &mut SuiteWorld, name: String, step: &cucumber::gherkin::Step) {
    let expected = step.docstring.as_deref().expect("the value as a doc string").trim();
    let field = world.reply().field(&name);
    assert_eq!(field.as_deref(), Some(expected), "{}", world.reply().body);
}

#[then(expr = "the response field {string} is the JSON number {int}")]
fn field_is_the_number(world: &mut SuiteWorld, name: String, number: i64) {
    let body = world.reply().json().expect("a JSON body");
    assert_eq!(body[&name].as_i64(), Some(number), "{name} is {}", body[&name]);
}

#[then(expr = "the response field {string} is 32 lowercase hexadecimal characters")]
fn field_is_hex32(world: &mut SuiteWorld, name: String) {
    let field = world.reply().field(&name).unwrap_or_default();
    assert!(
        super::groups::is_hex32(&field, true),
        "{name} is {field:?}: {}",
        world.reply().body
    );
}

#[then(expr = "the response field {string} is a JSON document with {string} true")]
fn field_is_json_with_true(world: &mut SuiteWorld, name: String, key: String) {
    let field = world.reply().field(&name).unwrap_or_default();
    let document: serde_json::Value =
        serde_json::from_str(&field).unwrap_or_else(|e| panic!("{name} {field:?} is not JSON: {e}"));
    assert_eq!(document[&key], serde_json::Value::Bool(true), "{field}");
}

#[when(expr = "I remember the response field {string}")]
fn remember(world: &mut SuiteWorld, name: String) {
    let field = world
        .reply()
        .field(&name)
        .unwrap_or_else(|| panic!("no {name} in {}", world.reply().body));
    world.remembered.insert(name, field);
}

#[then(expr = "the response field {string} is the one remembered")]
fn field_is_remembered(world: &mut SuiteWorld, name: String) {
    let remembered = world.remembered.get(&name).cloned();
    assert!(remembered.is_some(), "{name} was not remembered");
    assert_eq!(world.reply().field(&name), remembered, "{}", world.reply().body);
}
