//! The contract suite: every feature under `features/`, against the target the environment
//! names (the in-process mock by default). `cargo test -p cloudapi-conformance --test features`.

mod steps;

use std::path::PathBuf;

use cucumber::World as _;
use steps::world::SuiteWorld;

#[tokio::main]
async fn main() {
    let settings = match steps::world::settings() {
        Ok(settings) => settings,
        Err(reason) => {
            eprintln!("cloudapi-conformance: {reason}");
            std::process::exit(2);
        }
    };
    let remote = settings.kind == cloudapi_conformance::target::TargetKind::Remote;
    let features = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../features");
    SuiteWorld::cucumber()
        .max_concurrent_scenarios(8)
        .before(|feature, _rule, _scenario, world| {
            Box::pin(async move {
                world.feature = steps::world::feature_name(feature);
            })
        })
        .fail_on_skipped()
        .filter_run_and_exit(features, move |feature, rule, scenario| {
            // Scenarios that would break a real account's quota or need the mock's clock,
            // whether the tag is on the scenario, its rule or its whole feature.
            let mock_only = |tags: &[String]| tags.iter().any(|tag| tag == "mock-only");
            !(remote
                && (mock_only(&feature.tags)
                    || rule.is_some_and(|rule| mock_only(&rule.tags))
                    || mock_only(&scenario.tags)))
        })
        .await;
}
