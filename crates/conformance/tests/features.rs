//! The contract suite: every feature under `features/`, against the target the environment
//! names (the in-process mock by default). `cargo test -p cloudapi-conformance --test features`.

mod steps;

use std::path::PathBuf;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let run = match steps::world::run() {
        Ok(run) => run,
        Err(reason) => {
            eprintln!("cloudapi-conformance: {reason}");
            return std::process::ExitCode::from(2);
        }
    };
    let features = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../features");
    let outcome = steps::runner::run_features(run, &features).await;
    println!("\n{}", outcome.summary);
    if outcome.failed || !outcome.clean {
        std::process::ExitCode::FAILURE
    } else {
        std::process::ExitCode::SUCCESS
    }
}
