//! How the suite runs: the hooks around every scenario, the writers (terminal and JUnit XML),
//! which scenarios a target runs, and what happens at the end or on an interruption.

use std::path::Path;

use cucumber::event::ScenarioFinished;
use cucumber::writer::{self, Stats as _};
use cucumber::{World as _, WriterExt as _};

use cloudapi_conformance::naming::EXACT_NAMES_TAG;
use cloudapi_conformance::run::Run;

use super::world::{feature_name, SuiteWorld};

/// What a finished run reports back.
#[derive(Debug)]
pub struct Outcome {
    /// Some scenario failed (or a hook did, or a feature did not parse).
    pub failed: bool,
    /// Everything the run created is gone.
    pub clean: bool,
    pub summary: String,
}

/// Runs the features under `features` against the run's target.
pub async fn run_features(run: &'static Run, features: &Path) -> Outcome {
    let remote = run.is_remote();
    if remote {
        tokio::spawn(delete_on_interrupt(run));
    }
    let selection = run.selection().await;
    if let Some(dir) = run.outputs.junit.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let junit =
        std::fs::File::create(&run.outputs.junit).unwrap_or_else(|e| panic!("{}: {e}", run.outputs.junit.display()));
    let writer = SuiteWorld::cucumber()
        // A real account is one namespace: scenarios there run one at a time, so that two never
        // race for a name, and the account's rate limit is spared.
        .max_concurrent_scenarios(if remote { 1 } else { 8 })
        .with_writer(
            writer::Basic::raw(std::io::stdout(), writer::Coloring::Auto, 0)
                .summarized()
                .tee::<SuiteWorld, _>(writer::JUnit::for_tee(junit, 0))
                .normalized(),
        )
        .before(|feature, rule, scenario, world| {
            Box::pin(async move {
                world.feature = feature_name(feature);
                world.scenario.clone_from(&scenario.name);
                world.exact_names = all_tags(feature, rule, scenario).any(|tag| tag == EXACT_NAMES_TAG);
            })
        })
        .after(|_feature, _rule, _scenario, finished, world| {
            Box::pin(async move {
                if let Some(world) = world {
                    after_scenario(world, finished).await;
                }
            })
        })
        .fail_on_skipped()
        .filter_run(features.to_path_buf(), move |feature, rule, scenario| {
            selection.runs(all_tags(feature, rule, scenario))
        })
        .await;
    let failed = writer.execution_has_failed();
    let (summary, clean) = run.finish(!failed).await;
    Outcome { failed, clean, summary }
}

fn all_tags<'a>(
    feature: &'a cucumber::gherkin::Feature,
    rule: Option<&'a cucumber::gherkin::Rule>,
    scenario: &'a cucumber::gherkin::Scenario,
) -> impl Iterator<Item = &'a str> {
    feature
        .tags
        .iter()
        .chain(rule.into_iter().flat_map(|rule| rule.tags.iter()))
        .chain(scenario.tags.iter())
        .map(String::as_str)
}

/// After every scenario, passed or failed: delete what it created and still lives; stamp it
/// as passed only when it passed and left nothing behind. A failed deletion fails the hook,
/// with the service's whole answer; what was not deleted stays in the ledger for the sweep.
async fn after_scenario(world: &mut SuiteWorld, finished: &ScenarioFinished) {
    let run = world.run;
    if !run.is_remote() {
        return;
    }
    let leftovers: Vec<_> = run
        .tracker
        .live()
        .into_iter()
        .filter(|tracked| world.created.contains(&(tracked.resource, tracked.id.clone())))
        .collect();
    let outcome = run.delete(&leftovers).await;
    assert!(
        outcome.is_clean(),
        "cleaning up after {}: {}",
        world.scenario_key(),
        outcome.failure_report()
    );
    if matches!(finished, ScenarioFinished::StepPassed) {
        run.record_passed(world.scenario_key());
    }
}

/// Ctrl-C or SIGTERM during a remote run: delete what this run created, then leave.
async fn delete_on_interrupt(run: &'static Run) {
    wait_for_signal().await;
    // Stop creating at once; then wait for the run's own end if it is already under way, and
    // keep the run from ending until this process exits.
    run.tracker.stop();
    let _ending = run.ending().await;
    eprintln!(
        "\ncloudapi-conformance: interrupted; deleting the apps, groups and APIs this run created (run prefix {})",
        run.prefix
    );
    let outcome = run.interrupt().await;
    eprintln!(
        "cloudapi-conformance: deleted {}, already gone {}, failed {}",
        outcome.deleted.len(),
        outcome.already_gone.len(),
        outcome.failed.len()
    );
    if !outcome.is_clean() {
        eprintln!("{}", outcome.failure_report());
    }
    std::process::exit(130);
}

/// Ctrl-C (or SIGTERM on Unix), whichever comes first; a signal that cannot be listened for
/// never arrives.
async fn wait_for_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
