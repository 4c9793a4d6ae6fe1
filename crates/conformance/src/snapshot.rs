//! Snapshot assertions: one explicitly named snapshot per expectation, stored under
//! `fixtures/snapshots/<feature>/`, the same file for every target.
//!
//! On the mock a mismatch fails the step and insta records the new value for review
//! (`*.snap.new`, as `INSTA_UPDATE` says). On a remote target the snapshot is never written:
//! a mismatch is a parity gap, reported with its diff, and the snapshot stays the expectation.

use std::path::PathBuf;

use similar::TextDiff;

use crate::client::Reply;
use crate::redact::Redactor;

/// Where a feature's snapshots live.
pub fn snapshot_dir(feature: &str) -> PathBuf {
    crate::run::workspace_dir().join("fixtures/snapshots").join(feature)
}

/// The file of one snapshot.
pub fn snapshot_file(feature: &str, name: &str) -> PathBuf {
    snapshot_dir(feature).join(format!("{name}.snap"))
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
            Err(_) => redactor.redact_text(&reply.body),
        }
    };
    format!(
        "HTTP {}\ncontent-type: {}\n\n{body}\n",
        reply.status, reply.content_type
    )
}

/// The stored expectation of a snapshot, as insta compares it (the metadata block left out,
/// line ends normalised, trailing whitespace trimmed); `None` when none is recorded.
pub fn expected(feature: &str, name: &str) -> Option<String> {
    let text = std::fs::read_to_string(snapshot_file(feature, name)).ok()?;
    Some(normalise(strip_metadata(&text)))
}

fn strip_metadata(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return text;
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "---" {
            return &rest[offset..];
        }
    }
    text
}

fn normalise(text: &str) -> String {
    text.replace("\r\n", "\n").trim_end().to_owned()
}

/// How a rendered reply compares with its snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The reply renders as the snapshot does.
    Matches,
    /// A unified diff, `-` the snapshot, `+` the reply.
    Differs(String),
    /// No snapshot of that name is recorded.
    Missing,
}

/// Compares `rendered` with `fixtures/snapshots/<feature>/<name>.snap`, writing nothing.
pub fn compare(feature: &str, name: &str, rendered: &str) -> Verdict {
    match expected(feature, name) {
        None => Verdict::Missing,
        Some(expected) => {
            let actual = normalise(rendered);
            if expected == actual {
                Verdict::Matches
            } else {
                Verdict::Differs(diff(&expected, &actual))
            }
        }
    }
}

/// A unified diff of two renderings.
pub fn diff(expected: &str, actual: &str) -> String {
    let expected = format!("{expected}\n");
    let actual = format!("{actual}\n");
    TextDiff::from_lines(&expected, &actual)
        .unified_diff()
        .context_radius(3)
        .header("snapshot", "reply")
        .to_string()
}

/// The mock's assertion: passes when the snapshot matches; otherwise insta decides, as it is
/// configured to (`INSTA_UPDATE`: record a `.snap.new` and fail, or rewrite the snapshot and
/// pass), and a failure carries the diff.
pub fn assert_matches(feature: &str, name: &str, rendered: &str) {
    let verdict = compare(feature, name, rendered);
    if verdict == Verdict::Matches {
        return;
    }
    let insta = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| insta_assert(feature, name, rendered)));
    let Err(payload) = insta else { return };
    match verdict {
        Verdict::Differs(diff) => panic!(
            "snapshot {feature}/{name} differs ({}):\n{diff}",
            snapshot_file(feature, name).display()
        ),
        _ => std::panic::resume_unwind(payload),
    }
}

fn insta_assert(feature: &str, name: &str, rendered: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(snapshot_dir(feature));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_input_file(format!("features/{feature}.feature"));
    settings.bind(|| {
        insta::assert_snapshot!(name.to_owned(), rendered);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_insta_wrote() {
        let text = "---\nsource: x.rs\nassertion_line: 40\n---\nHTTP 200\n\n{\n  \"a\": 1\n}\n";
        assert_eq!(normalise(strip_metadata(text)), "HTTP 200\n\n{\n  \"a\": 1\n}");
    }

    #[test]
    fn every_stored_snapshot_matches_itself() {
        let root = crate::run::workspace_dir().join("fixtures/snapshots");
        let mut seen = 0;
        for area in std::fs::read_dir(&root).expect("snapshots").flatten() {
            for feature in std::fs::read_dir(area.path()).expect("area").flatten() {
                for file in std::fs::read_dir(feature.path()).expect("feature").flatten() {
                    let path = file.path();
                    if path.extension().and_then(|e| e.to_str()) != Some("snap") {
                        continue;
                    }
                    let feature_name = format!(
                        "{}/{}",
                        area.file_name().to_string_lossy(),
                        feature.file_name().to_string_lossy()
                    );
                    let name = path.file_stem().expect("stem").to_string_lossy().into_owned();
                    let body = expected(&feature_name, &name).expect("readable");
                    assert_eq!(compare(&feature_name, &name, &format!("{body}\n")), Verdict::Matches);
                    seen += 1;
                }
            }
        }
        assert!(seen > 10, "only {seen} snapshots found");
    }

    #[test]
    fn a_difference_is_shown_as_a_diff() {
        let verdict = compare("apps/create_app", "repeated-name", "HTTP 500\n\nsomething else\n");
        let Verdict::Differs(diff) = verdict else {
            panic!("{verdict:?}")
        };
        assert!(diff.contains("-HTTP 400") && diff.contains("+HTTP 500"), "{diff}");
        assert_eq!(compare("apps/create_app", "no-such-snapshot", "x"), Verdict::Missing);
    }
}
