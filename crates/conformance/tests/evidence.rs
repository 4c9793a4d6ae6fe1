//! The features' evidence tags agree with the error catalogue: a scenario tagged
//! `@documented` may expect only codes the catalogue marks confirmed (an inferred code in a
//! documented scenario would claim more than any source says), and every confirmed code names
//! its source.

use std::path::{Path, PathBuf};

use cloudapi_core::{ErrorCode, Evidence};
use cucumber::gherkin::{Feature, GherkinEnv, Scenario};

/// `@documented` scenarios outside features/groups that expect an inferred code, found when
/// this test was written (issue 12). They wait for their owners to retag them `@inferred` (or
/// for a real account to confirm the code); the test fails when one of them is fixed and still
/// listed, so the list only shrinks.
const PENDING_RETAG: &[(&str, &str)] = &[
    ("apps/create_app", "An invalid name is refused: <why>"),
    ("apps/create_app", "A description of 181 characters is refused"),
    ("apps/create_app", "A tag value needs its key"),
    ("apps/modify_app", "The name rules of CreateApp apply: <name>"),
    ("apps/modify_app", "A description over 180 characters is refused"),
    ("credentials/app_security", "The credential actions answer in XML"),
    ("limits/quotas_and_throttling", "The 1,001st app is refused"),
    (
        "limits/quotas_and_throttling",
        "A deleted app frees its place in the quota",
    ),
    ("protocol/envelopes", "An error in XML"),
    ("tags/app_tags", "A tag value needs its key"),
];

fn features_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../features")
}

fn feature_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            feature_files(&path, found);
        } else if path.extension().and_then(|e| e.to_str()) == Some("feature") {
            found.push(path);
        }
    }
}

/// The codes a scenario's steps expect (`the request fails with "Code"`), with every
/// `<placeholder>` of an outline replaced by each of its examples' rows.
fn expected_codes(scenario: &Scenario) -> Vec<String> {
    let pattern = "the request fails with \"";
    let mut texts: Vec<String> = scenario.steps.iter().map(|step| step.value.clone()).collect();
    let mut expanded = Vec::new();
    for examples in &scenario.examples {
        let Some(table) = &examples.table else { continue };
        let Some((header, rows)) = table.rows.split_first() else {
            continue;
        };
        for row in rows {
            for text in &texts {
                let mut text = text.clone();
                for (name, value) in header.iter().zip(row) {
                    text = text.replace(&format!("<{name}>"), value);
                }
                expanded.push(text);
            }
        }
    }
    if !expanded.is_empty() {
        texts = expanded;
    }
    texts
        .iter()
        .filter_map(|text| {
            let start = text.find(pattern)? + pattern.len();
            let length = text[start..].find('"')?;
            Some(text[start..start + length].to_owned())
        })
        .collect()
}

#[test]
fn documented_scenarios_expect_only_confirmed_codes() {
    let mut files = Vec::new();
    feature_files(&features_dir(), &mut files);
    files.sort();
    assert!(files.len() > 10, "only {} feature files found", files.len());
    let mut wrong = Vec::new();
    let mut pending_seen = Vec::new();
    let mut checked = 0;
    for path in &files {
        let name = path
            .strip_prefix(features_dir())
            .unwrap_or(path)
            .with_extension("")
            .to_string_lossy()
            .into_owned();
        let feature =
            Feature::parse_path(path, GherkinEnv::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let in_rules = feature
            .rules
            .iter()
            .flat_map(|rule| rule.scenarios.iter().map(move |s| (rule.tags.clone(), s)));
        let scenarios = feature.scenarios.iter().map(|s| (Vec::new(), s)).chain(in_rules);
        for (rule_tags, scenario) in scenarios {
            let tags: Vec<&String> = feature.tags.iter().chain(&rule_tags).chain(&scenario.tags).collect();
            if !tags.iter().any(|tag| *tag == "documented") {
                continue;
            }
            let pending = PENDING_RETAG.contains(&(name.as_str(), scenario.name.as_str()));
            for code in expected_codes(scenario) {
                checked += 1;
                let confirmed = ErrorCode::ALL
                    .iter()
                    .find(|c| c.entry().code == code)
                    .is_some_and(|c| c.entry().evidence.is_confirmed());
                if pending {
                    if !confirmed {
                        pending_seen.push((name.clone(), scenario.name.clone()));
                    }
                    continue;
                }
                match ErrorCode::ALL.iter().find(|c| c.entry().code == code) {
                    None => wrong.push(format!(
                        "{}: {:?} expects {code}, which the catalogue does not hold",
                        path.display(),
                        scenario.name
                    )),
                    Some(c) if !c.entry().evidence.is_confirmed() => wrong.push(format!(
                        "{}: @documented {:?} expects {code}, which the catalogue marks inferred ({})",
                        path.display(),
                        scenario.name,
                        c.entry().evidence.source()
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    assert!(checked > 0, "no documented scenario expects a code");
    for (feature, scenario) in PENDING_RETAG {
        if !pending_seen.iter().any(|(f, s)| f == feature && s == scenario) {
            wrong.push(format!(
                "{feature}: {scenario:?} is listed in PENDING_RETAG but no longer expects an inferred code: take it off the list"
            ));
        }
    }
    assert!(wrong.is_empty(), "{} problem(s):\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn every_confirmed_code_names_its_source() {
    for code in ErrorCode::ALL {
        if let Evidence::Confirmed(source) = code.entry().evidence {
            assert!(
                !source.trim().is_empty(),
                "{} is confirmed by nothing",
                code.entry().code
            );
        }
    }
}
