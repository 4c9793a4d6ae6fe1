//! Snapshot assertions: one explicitly named snapshot per expectation, stored under
//! `fixtures/snapshots/<feature>/`, the same file for every target.

use std::path::PathBuf;

use crate::client::Reply;
use crate::redact::Redactor;

/// Where a feature's snapshots live.
pub fn snapshot_dir(feature: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/snapshots")
        .join(feature)
}

/// The reply as a snapshot shows it: status, content type, redacted body.
pub fn render(reply: &Reply, redactor: &mut Redactor) -> String {
    let body = if reply.is_xml() {
        redactor.redact_xml(&reply.body)
    } else {
        match serde_json::from_str::<serde_json::Value>(&reply.body) {
            Ok(mut json) => {
                redactor.redact_json(&mut json);
                serde_json::to_string_pretty(&json).unwrap_or_default()
            }
            Err(_) => reply.body.clone(),
        }
    };
    format!(
        "HTTP {}\ncontent-type: {}\n\n{body}\n",
        reply.status, reply.content_type
    )
}

/// Asserts `rendered` against `fixtures/snapshots/<feature>/<name>.snap`.
pub fn assert_matches(feature: &str, name: &str, rendered: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(snapshot_dir(feature));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_input_file(format!("features/{feature}.feature"));
    settings.bind(|| {
        insta::assert_snapshot!(name.to_owned(), rendered);
    });
}
