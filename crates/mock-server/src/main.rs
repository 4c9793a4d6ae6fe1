//! `cloudapi-mock`: run Alibaba Cloud API Gateway's management API locally.

mod cli;
mod log_line;
mod log_sink;

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use cloudapi_core::backend::Backend;
use cloudapi_core::store::Store;
use cloudapi_core::{Clock, Config, Credential, Service, StateSnapshot};
use cloudapi_mock::{Mock, MockBuilder, MockServer, StartError};
use tracing_subscriber::EnvFilter;

use cli::Settings;

/// mimalloc rather than the system allocator: a request makes a few dozen short-lived
/// allocations on whichever worker thread runs it, and glibc's malloc spent about a sixth of
/// the mock's CPU on them under load (perf, CreateApp at 64 connections); see
/// docs/benchmark.md for the figures before and after. It is built without transparent huge
/// pages (`no_thp`): with them, 10 accounts of 1,000 apps held 41 MiB instead of 20, and each
/// fresh 2 MiB page zeroed under a request showed in CreateApp's p99.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let (cli, settings) = match Settings::load() {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if cli.print_config {
        return match toml::to_string(&settings) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        };
    }
    let filter = match std::env::var("RUST_LOG") {
        Ok(value) if !value.is_empty() && !settings.log_from_flag => EnvFilter::new(value),
        _ => EnvFilter::new(&settings.log),
    };
    // The log goes to stderr, so stdout holds only the banner a script reads the address
    // from; colours only for a terminal, so a redirected log stays plain text.
    // Lines go out from a thread of their own, in batches on a timer, so a request never
    // waits on a write to stderr nor wakes a thread for its line (log_sink.rs says why and
    // what it measured); none is dropped even when the reader is slow.
    let (log_writer, log_flush) = log_sink::LogSink::stderr();
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .event_format(log_line::LineFormat)
        .with_writer(log_writer)
        .init();

    let builder = match build(&settings) {
        Ok(builder) => builder,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let server = match builder.start().await {
        Ok(server) => server,
        Err(e @ StartError::Listen(..)) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
        Err(StartError::InvalidSeed(e)) => {
            let path = settings.seed.as_deref().unwrap_or(std::path::Path::new("-"));
            eprintln!("error: seed {}: {e}", path.display());
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let address = server.address();
    if !address.ip().is_loopback() {
        tracing::warn!("listening on {address}, which is not loopback: anyone who can reach it can call the mock");
    }
    print_banner(&server, &settings);
    termination().await;
    tracing::info!("shutting down");
    server.shutdown().await;
    // The log's last lines (the requests drained, "shutting down") are written before exit.
    log_flush.finish();
    ExitCode::SUCCESS
}

/// The mock's builder from the settings, with its seed read; the configuration is checked
/// here so that a bad setting is named by its flag.
fn build(settings: &Settings) -> Result<MockBuilder, String> {
    let config = Config {
        credentials: settings.credentials()?,
        default_region: settings.region.clone(),
        app_quota: settings.app_quota,
        group_quota: settings.group_quota,
        api_quota: settings.api_quota,
        throttle_per_second: settings.throttle_rps,
        timestamp_window: Duration::from_secs(settings.timestamp_window_secs),
        nonce_ttl: Duration::from_secs(settings.nonce_ttl_secs),
        nonce_capacity: settings.nonce_capacity,
        auth: settings.auth,
        group_traffic_limit: settings.group_traffic_limit,
        domain_daily_cap_mainland: settings.domain_daily_cap_mainland,
        domain_daily_cap_elsewhere: settings.domain_daily_cap_elsewhere,
    };
    config.validate().map_err(|e| format!("--{e}"))?;
    let clock = Clock::try_real_with_skew(settings.time_skew)
        .map_err(|e| format!("--time-skew {}: {e}", settings.time_skew))?;
    let clock = Arc::new(clock);
    let backend = match &settings.data_dir {
        Some(dir) => Backend::with_store(open_data_dir(dir)?, clock),
        None => Backend::new(clock),
    };
    let mut builder = Mock::builder()
        .service(Arc::new(Service::with_backend(config, backend)))
        .listen(settings.listen)
        .admin(!settings.no_admin)
        .journal_capacity(settings.journal_size)
        .journal_max_bytes(settings.journal_max_bytes);
    if let Some(path) = &settings.seed {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read the seed {}: {e}", path.display()))?;
        let seed: StateSnapshot = serde_json::from_str(&text).map_err(|e| format!("seed {}: {e}", path.display()))?;
        builder = builder.seed(seed);
    }
    Ok(builder)
}

/// The durable store in `dir`, or why it cannot be used.
fn open_data_dir(dir: &Path) -> Result<Store, String> {
    // The engine asserts on some damaged files; the store catches that and refuses the
    // directory with its own message, so the default hook's report would only be noise.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let opened = Store::open_durable(dir);
    std::panic::set_hook(hook);
    opened.map_err(|e| format!("--data-dir: {e}"))
}

fn print_banner(server: &MockServer, settings: &Settings) {
    let address = server.address();
    println!(
        "cloudapi-mock {} serving CloudAPI 2016-07-14 on http://{address}",
        env!("CARGO_PKG_VERSION")
    );
    println!("  endpoint:  {address}  (protocol http)");
    println!("  region:    {}", settings.region);
    let service = server.service();
    let mut credentials: Vec<&Credential> = service.credentials().collect();
    credentials.sort_by(|a, b| a.access_key_id.cmp(&b.access_key_id));
    for credential in credentials {
        println!(
            "  access key {} / secret {}  (account {})",
            credential.access_key_id, credential.access_key_secret, credential.account_uid
        );
    }
    if let Some(seed) = &settings.seed {
        let apps: usize = service.store().with(|world| world.app_counts().values().sum());
        println!("  seed:      {} ({apps} apps)", seed.display());
    }
    if let Some(file) = server.service().store().data_file() {
        println!("  state:     {} (durable)", file.display());
    }
    if !settings.no_admin {
        println!("  admin:     http://{address}/_mock/health (reset, state, journal, clock, faults, volatile)");
    }
}

/// Completes on Ctrl-C or SIGTERM, whichever comes first; a signal that cannot be listened
/// for never completes.
async fn termination() {
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
