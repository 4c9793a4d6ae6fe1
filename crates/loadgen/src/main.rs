//! `cloudapi-loadgen`: benchmark cloudapi-mock beside a bare-server ceiling.
//!
//! ```text
//! cloudapi-loadgen report                      # everything; writes target/bench/report.{json,md}
//! cloudapi-loadgen run --endpoint 127.0.0.1:8080 --workload describe --scheme v3
//! cloudapi-loadgen ceiling --listen 127.0.0.1:9090
//! ```

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Parser, Subcommand};
use cloudapi_core::client::Signer;
use cloudapi_core::Credential;
use cloudapi_loadgen::ceiling;
use cloudapi_loadgen::drive::{drive, Load};
use cloudapi_loadgen::report::{self, Options};
use cloudapi_loadgen::setup::create_apps;
use cloudapi_loadgen::workload::{PoolSpec, Schemes, Workload};

#[derive(Debug, Parser)]
#[command(
    name = "cloudapi-loadgen",
    about = "Benchmark cloudapi-mock beside a bare-server ceiling"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Runs the whole benchmark against a mock and a ceiling it starts, and writes the report.
    Report {
        /// Where report.json and report.md go.
        #[arg(long, default_value = "target/bench")]
        out: PathBuf,
        /// The mock binary; by default the `cloudapi-mock` beside this one.
        #[arg(long)]
        mock_bin: Option<PathBuf>,
        #[arg(long, default_value_t = 64)]
        connections: usize,
        /// Seconds of each timed run.
        #[arg(long, default_value_t = 5.0)]
        duration_secs: f64,
        /// Requests signed before each run; a run ends early when they are spent.
        #[arg(long, default_value_t = 250_000)]
        pool_size: usize,
        /// Times each throughput row is measured; the report keeps the median.
        #[arg(long, default_value_t = 3)]
        repeat: usize,
        /// Fresh processes whose start-up is timed.
        #[arg(long, default_value_t = 9)]
        startup_runs: usize,
        /// Accounts that hold apps (as many more take the CreateApp load).
        #[arg(long, default_value_t = 10)]
        accounts: usize,
        #[arg(long, default_value_t = 1000)]
        apps_per_account: usize,
        /// A run of a few seconds that shows everything works; its figures mean nothing.
        #[arg(long)]
        smoke: bool,
        /// Only the throughput rows whose name contains one of these (comma-separated), e.g.
        /// `--rows "create v2,durable"`, or ends with one written with a trailing `$`
        /// (`describe v2$`: that row alone); every row by default.
        #[arg(long, value_delimiter = ',')]
        rows: Vec<String>,
        /// Another build of the mock (an earlier commit's, see `scripts/bench.sh
        /// --baseline-rev`) to run beside it in every repeat, for its CPU per request.
        #[arg(long)]
        baseline_bin: Option<PathBuf>,
    },
    /// Drives one endpoint with one workload and prints rate, p50, p99 and errors.
    Run {
        #[arg(long, default_value = "127.0.0.1:8080")]
        endpoint: SocketAddr,
        #[arg(long, default_value = "describe")]
        workload: Workload,
        /// v2, v3 or both (alternating).
        #[arg(long, default_value = "v2")]
        scheme: Schemes,
        #[arg(long, default_value_t = 64)]
        connections: usize,
        #[arg(long, default_value_t = 5.0)]
        duration_secs: f64,
        #[arg(long, default_value_t = 250_000)]
        pool_size: usize,
        /// ACCESS_KEY_ID:SECRET, repeatable; reads and creates spread over them.
        #[arg(long = "account", value_parser = Credential::parse, default_value = "testid:testsecret")]
        accounts: Vec<Credential>,
        /// Apps created per account before a read workload (untimed).
        #[arg(long, default_value_t = 100)]
        apps_per_account: usize,
    },
    /// Signs V2 GET requests ahead of time and writes their targets (`/?...`), one a line,
    /// for an outside generator such as wrk: the timestamps are now, so use them within the
    /// 15-minute window.
    Presign {
        #[arg(long, default_value = "create")]
        workload: Workload,
        #[arg(long, default_value_t = 400_000)]
        count: usize,
        #[arg(long)]
        out: PathBuf,
        /// ACCESS_KEY_ID:SECRET of the account that creates.
        #[arg(long = "account", value_parser = Credential::parse, default_value = "testid:testsecret")]
        account: Credential,
    },
    /// Serves the ceiling: every request answered with the documented CreateApp example.
    Ceiling {
        #[arg(long, default_value = "127.0.0.1:9090")]
        listen: SocketAddr,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Ceiling { listen } => serve_ceiling(listen),
        Command::Presign {
            workload,
            count,
            out,
            account,
        } => presign(workload, count, &out, &account),
        command => {
            // The generator takes one thread: the other core is the server's.
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
            match runtime {
                Ok(runtime) => runtime.block_on(generate(command)),
                Err(e) => fail(&e),
            }
        }
    }
}

fn serve_ceiling(listen: SocketAddr) -> ExitCode {
    // The same runtime shape as the mock's `#[tokio::main]`: one worker per core.
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build();
    let served = runtime.and_then(|runtime| {
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind(listen).await?;
            println!("ceiling on http://{}", listener.local_addr()?);
            ceiling::serve(listener).await
        })
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

async fn generate(command: Command) -> ExitCode {
    match command {
        Command::Report {
            out,
            mock_bin,
            connections,
            duration_secs,
            pool_size,
            repeat,
            startup_runs,
            accounts,
            apps_per_account,
            smoke,
            rows,
            baseline_bin,
        } => {
            let ceiling_bin = match std::env::current_exe() {
                Ok(path) => path,
                Err(e) => return fail(&e),
            };
            let mock_bin = mock_bin.unwrap_or_else(|| ceiling_bin.with_file_name("cloudapi-mock"));
            let options = Options {
                mock_bin,
                baseline_bin,
                ceiling_bin,
                out_dir: out,
                connections,
                duration: Duration::from_secs_f64(duration_secs),
                pool_size,
                repeat,
                startup_runs,
                accounts,
                apps_per_account,
                rows,
            };
            let options = if smoke { options.smoke() } else { options };
            report_command(&options).await
        }
        Command::Run {
            endpoint,
            workload,
            scheme,
            connections,
            duration_secs,
            pool_size,
            accounts,
            apps_per_account,
        } => {
            let signers: Vec<Signer> = accounts
                .iter()
                .map(|c| Signer::new(c.access_key_id.clone(), c.access_key_secret.clone()))
                .collect();
            let load = Load {
                connections,
                duration: Duration::from_secs_f64(duration_secs),
            };
            match run_command(endpoint, workload, scheme, load, pool_size, &signers, apps_per_account).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e),
            }
        }
        Command::Ceiling { listen } => serve_ceiling(listen),
        Command::Presign { .. } => ExitCode::FAILURE,
    }
}

fn presign(workload: Workload, count: usize, out: &std::path::Path, account: &Credential) -> ExitCode {
    if workload.reads_apps() {
        return fail(&"presign writes CreateApp requests only: reads need apps created first");
    }
    let signer = Signer::new(account.access_key_id.clone(), account.access_key_secret.clone());
    let prefix = format!("wrk{}x", std::process::id());
    let pool = PoolSpec {
        workload,
        schemes: Schemes::V2,
        host: "127.0.0.1",
        readers: std::slice::from_ref(&signer),
        creators: std::slice::from_ref(&signer),
        apps: &[],
        name_prefix: &prefix,
        size: count,
    }
    .build();
    let mut lines = Vec::with_capacity(count * 320);
    for request in &pool {
        // The request line's target: between the method and " HTTP/1.1".
        let line_end = request.iter().position(|b| *b == b'\r').unwrap_or(request.len());
        let line = &request[..line_end];
        let target = line
            .iter()
            .position(|b| *b == b' ')
            .and_then(|start| line.get(start + 1..line.len().saturating_sub(" HTTP/1.1".len())));
        if let Some(target) = target {
            lines.extend_from_slice(target);
            lines.push(b'\n');
        }
    }
    match std::fs::write(out, lines) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

async fn report_command(options: &Options) -> ExitCode {
    let report = match report::run(options).await {
        Ok(report) => report,
        Err(e) => return fail(&e),
    };
    let markdown = report.markdown();
    let json = serde_json::to_string_pretty(&report).unwrap_or_default();
    let written = std::fs::create_dir_all(&options.out_dir)
        .and_then(|()| std::fs::write(options.out_dir.join("report.json"), json + "\n"))
        .and_then(|()| std::fs::write(options.out_dir.join("report.md"), &markdown));
    if let Err(e) = written {
        return fail(&e);
    }
    println!("{markdown}");
    println!("written to {}", options.out_dir.join("report.{json,md}").display());
    // Missed timing targets are for a reader to weigh; a mock that answers errors is broken.
    let errors: u64 = report.throughput.iter().map(|row| row.mock.errors).sum();
    if errors > 0 {
        eprintln!("error: the mock answered {errors} error(s) under load");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

async fn run_command(
    endpoint: SocketAddr,
    workload: Workload,
    schemes: Schemes,
    load: Load,
    pool_size: usize,
    signers: &[Signer],
    apps_per_account: usize,
) -> std::io::Result<()> {
    let host = endpoint.to_string();
    let apps = if workload.reads_apps() {
        create_apps(endpoint, &host, signers, apps_per_account, 8).await?
    } else {
        Vec::new()
    };
    let prefix = format!("run{}x", std::process::id());
    let pool = PoolSpec {
        workload,
        schemes,
        host: &host,
        readers: signers,
        creators: signers,
        apps: &apps,
        name_prefix: &prefix,
        size: pool_size,
    }
    .build();
    let measured = drive(endpoint, Arc::new(pool), load).await?;
    println!(
        "{} {} on {endpoint}: {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, {} requests, {} errors{}",
        workload.name(),
        schemes.name(),
        measured.requests_per_sec,
        measured.p50_ms,
        measured.p99_ms,
        measured.requests,
        measured.errors,
        if measured.pool_spent {
            " (pool spent before the time)"
        } else {
            ""
        }
    );
    if let Some(first) = &measured.first_error {
        println!("first error: {first}");
    }
    Ok(())
}

fn fail(error: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::FAILURE
}
