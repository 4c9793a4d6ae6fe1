//! Signs and sends one call to the endpoint a remote run would use, and prints the answer.
//!
//! ```text
//! CLOUDAPI_ALLOW_REMOTE=1 CLOUDAPI_ENDPOINT=http://127.0.0.1:8080 \
//! ALIBABA_CLOUD_ACCESS_KEY_ID=testid ALIBABA_CLOUD_ACCESS_KEY_SECRET=testsecret \
//!   cargo run -p cloudapi-conformance --example call -- CreateApp AppName=my_app
//! ```
//!
//! Same variables as a remote run (`CLOUDAPI_SIGNATURE=v2|v3` picks the scheme). Exits 0 on
//! HTTP 200, 1 on any other answer.

use std::process::ExitCode;
use std::sync::Arc;

use cloudapi_conformance::api::Api;
use cloudapi_conformance::stats::RunStats;
use cloudapi_conformance::target::Settings;

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(action) = args.next() else {
        eprintln!("usage: call ACTION [Name=Value ...]");
        return ExitCode::from(2);
    };
    let mut params = Vec::new();
    for arg in args {
        match arg.split_once('=') {
            Some((name, value)) => params.push((name.to_owned(), value.to_owned())),
            None => {
                eprintln!("{arg:?}: expected Name=Value");
                return ExitCode::from(2);
            }
        }
    }
    let outcome = async {
        let settings = Settings::remote_from_env(true)?;
        let api = Api::for_settings(&settings, Arc::new(RunStats::default()))?;
        api.call(&action, &params).await
    }
    .await;
    match outcome {
        Ok(reply) => {
            println!("{}", reply.body);
            if reply.status == 200 {
                ExitCode::SUCCESS
            } else {
                eprintln!("HTTP {}", reply.status);
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
