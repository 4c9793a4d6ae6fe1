//! The features' evidence tags and the error catalogue agree: a scenario tagged
//! `@documented` (itself, or its rule or feature) may expect only codes the catalogue marks
//! confirmed (a scenario that rests on an inferred code is `@inferred`), every code a scenario
//! expects is in a catalogue, and every confirmed code names its source.

use std::path::{Path, PathBuf};

use cloudapi_core::data_plane::GatewayCode;
use cloudapi_core::{ErrorCode, Evidence};
use cucumber::gherkin::{Feature, GherkinEnv, Scenario};

fn feature_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            feature_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "feature") {
            found.push(path);
        }
    }
}

/// The codes a scenario expects a request to fail with, its Examples filled in.
fn expected_codes(scenario: &Scenario) -> Vec<String> {
    let mut codes = Vec::new();
    for step in &scenario.steps {
        let Some(rest) = step.value.strip_prefix("the request fails with \"") else {
            continue;
        };
        let code = rest.trim_end_matches('"');
        match code.strip_prefix('<').and_then(|c| c.strip_suffix('>')) {
            Some(column) => {
                for examples in &scenario.examples {
                    let Some(table) = &examples.table else { continue };
                    let Some(header) = table.rows.first() else { continue };
                    let Some(index) = header.iter().position(|name| name == column) else {
                        continue;
                    };
                    codes.extend(table.rows.iter().skip(1).filter_map(|row| row.get(index).cloned()));
                }
            }
            None => codes.push(code.to_owned()),
        }
    }
    codes
}

/// Whether the catalogue marks a code confirmed; `None` when no catalogue has it.
fn is_confirmed(code: &str) -> Option<bool> {
    if let Some(code) = ErrorCode::from_wire(code) {
        return Some(code.entry().evidence.is_confirmed());
    }
    GatewayCode::ALL
        .iter()
        .find(|c| c.entry().code == code)
        .map(|c| c.entry().evidence.is_confirmed())
}

#[test]
fn documented_scenarios_expect_only_confirmed_codes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../features");
    let mut files = Vec::new();
    feature_files(&root, &mut files);
    assert!(files.len() >= 10, "features found: {files:?}");
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in files {
        let feature =
            Feature::parse_path(&file, GherkinEnv::default()).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let no_tags = Vec::new();
        let in_rules = feature
            .rules
            .iter()
            .flat_map(|rule| rule.scenarios.iter().map(move |scenario| (&rule.tags, scenario)));
        let scenarios = feature
            .scenarios
            .iter()
            .map(|scenario| (&no_tags, scenario))
            .chain(in_rules);
        for (rule_tags, scenario) in scenarios {
            let documented = scenario
                .tags
                .iter()
                .chain(rule_tags)
                .chain(&feature.tags)
                .any(|tag| tag == "documented");
            for code in expected_codes(scenario) {
                checked += 1;
                match is_confirmed(&code) {
                    None => problems.push(format!(
                        "{}: {:?} expects {code}, in no catalogue",
                        file.display(),
                        scenario.name
                    )),
                    Some(false) if documented => problems.push(format!(
                        "{}: {:?} is @documented but expects {code}, which the catalogue marks inferred",
                        file.display(),
                        scenario.name
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    assert!(checked > 20, "only {checked} expected codes found");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
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
    for code in GatewayCode::ALL {
        if let Evidence::Confirmed(source) = code.entry().evidence {
            assert!(
                !source.trim().is_empty(),
                "{} is confirmed by nothing",
                code.entry().code
            );
        }
    }
}
