//! `cloudapi-sweep`: finds and deletes the apps and API groups contract-suite runs left on an
//! account: those in the ledger for this endpoint and region, and those whose names carry the
//! suite's prefix family (`cm`, a digit, two letters or digits, `_`), listed kind by kind with
//! each kind's declared list action and deleted with its declared delete action. Lists them by default; deletes them with
//! `--delete` (which, like a remote run, needs `CLOUDAPI_ALLOW_REMOTE=1`).
//!
//! ```text
//! cargo run -p cloudapi-conformance --bin cloudapi-sweep                 # list
//! cargo run -p cloudapi-conformance --bin cloudapi-sweep -- --delete     # delete
//! cargo run -p cloudapi-conformance --bin cloudapi-sweep -- --run cm7k2_ # one run only
//! ```
//!
//! Do not sweep while another run of the suite uses the same account: what it creates carries
//! the family's prefix too.

use std::process::ExitCode;
use std::sync::Arc;

use cloudapi_conformance::api::Api;
use cloudapi_conformance::cleanup::{self, Tracker};
use cloudapi_conformance::naming::{is_suite_name, RunPrefix};
use cloudapi_conformance::run::{ledger_path, now_rfc3339};
use cloudapi_conformance::stats::RunStats;
use cloudapi_conformance::sweep::{self, Source};
use cloudapi_conformance::target::Settings;

const USAGE: &str = "usage: cloudapi-sweep [--delete] [--run PREFIX]\n\
    Finds the apps and API groups contract-suite runs left behind (ledger entries for this endpoint and region, and\n\
    names with the suite's prefix family) and, with --delete, deletes them. Reads the same variables\n\
    as a remote run: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_REGION_ID,\n\
    CLOUDAPI_ENDPOINT, CLOUDAPI_SIGNATURE, CLOUDAPI_LEDGER; --delete needs CLOUDAPI_ALLOW_REMOTE=1.";

#[tokio::main]
async fn main() -> ExitCode {
    let mut delete = false;
    let mut only_run: Option<RunPrefix> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--delete" => delete = true,
            "--run" => match args.next().as_deref().map(RunPrefix::parse) {
                Some(Ok(prefix)) => only_run = Some(prefix),
                Some(Err(e)) => return fail(&e),
                None => return fail("--run needs a prefix such as cm7k2_"),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => return fail(&format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    let settings = match Settings::remote_from_env(delete) {
        Ok(settings) => settings,
        Err(e) => return fail(&e),
    };
    let stats = Arc::new(RunStats::default());
    let api = match Api::for_settings(&settings, stats.clone()) {
        Ok(api) => api,
        Err(e) => return fail(&e),
    };
    let ledger = ledger_path();
    let tracker = match Tracker::new(0, Some(ledger.clone())) {
        Ok(tracker) => tracker,
        Err(e) => return fail(&e),
    };
    let is_ours = |name: &str| match &only_run {
        Some(prefix) => name.starts_with(prefix.as_str()),
        None => is_suite_name(name),
    };
    let inherited: Vec<_> = tracker
        .inherited()
        .into_iter()
        .filter(|tracked| only_run.is_none() || is_ours(&tracked.name))
        .collect();
    let plan = match sweep::plan(&api, &settings.region, &inherited, is_ours, &now_rfc3339()).await {
        Ok(plan) => plan,
        Err(e) => return fail(&e),
    };
    println!(
        "cloudapi-sweep: {} in region {}; ledger {}",
        api.base_url(),
        settings.region,
        ledger.display()
    );
    for listing in &plan.listings {
        let resource = listing.resource;
        match listing.listed {
            Some(count) => println!(
                "  listed {count} {}(s) with {}",
                resource.tag_type(),
                resource.list_action().name()
            ),
            None => println!(
                "  this endpoint does not offer {}: only the ledger's {}s can be found",
                resource.list_action().name(),
                resource.tag_type()
            ),
        }
    }
    for leftover in &plan.leftovers {
        let source = match leftover.source {
            Source::Ledger => "ledger",
            Source::Listing => "prefix",
        };
        let tracked = &leftover.tracked;
        println!(
            "  {:<41} {:<28} ({source}; {})",
            tracked.label(),
            tracked.name,
            tracked.scenario
        );
    }
    if plan.leftovers.is_empty() {
        println!("  nothing left behind");
        return ExitCode::SUCCESS;
    }
    if !delete {
        println!(
            "  {} resource(s) would be deleted; run again with --delete (and CLOUDAPI_ALLOW_REMOTE=1) to delete them",
            plan.leftovers.len()
        );
        return ExitCode::SUCCESS;
    }
    let found: Vec<_> = plan.leftovers.into_iter().map(|l| l.tracked).collect();
    let outcome = cleanup::delete_all(&api, &tracker, &stats, &found).await;
    println!(
        "  deleted {}, already gone {}, failed {}; throttled replies retried {}",
        outcome.deleted.len(),
        outcome.already_gone.len(),
        outcome.failed.len(),
        stats.snapshot().throttled_retries
    );
    if outcome.is_clean() {
        ExitCode::SUCCESS
    } else {
        eprintln!("{}", outcome.failure_report());
        ExitCode::FAILURE
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("cloudapi-sweep: {message}");
    ExitCode::from(2)
}
