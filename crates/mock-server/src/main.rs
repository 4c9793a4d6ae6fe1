//! `cloudapi-mock`: run Alibaba Cloud API Gateway's management API locally.

mod cli;

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use cloudapi_core::backend::Backend;
use cloudapi_core::store::{take_commit_ticket, Store};
use cloudapi_core::{Clock, Config, Credential, Service, StateSnapshot};
use cloudapi_mock::{Mock, ServeOptions};
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

use cli::Settings;

/// mimalloc rather than the system allocator: a request makes a few dozen short-lived
/// allocations on whichever worker thread runs it, and glibc's malloc spent about a sixth of
/// the mock's CPU on them under load (perf, CreateApp at 64 connections); see the README's
/// Benchmark section for the figures before and after. It is built without transparent huge
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
        return match toml::to_string(&settings.to_file()) {
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
    let log_sink = cloudapi_mock::log_sink::StderrSink::new();
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .event_format(cloudapi_mock::log_line::LineFormat)
        .with_writer(log_sink.clone())
        .init();

    let mock = match build(&settings) {
        Ok(mock) => Arc::new(mock),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let listener = match TcpListener::bind(settings.listen).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", settings.listen);
            return ExitCode::from(1);
        }
    };
    let address = listener.local_addr().unwrap_or(settings.listen);
    if !address.ip().is_loopback() {
        tracing::warn!("listening on {address}, which is not loopback: anyone who can reach it can call the mock");
    }
    print_banner(mock.service(), address, &settings);

    let app = mock.router(ServeOptions {
        admin: !settings.no_admin,
        ..ServeOptions::default()
    });
    let served = cloudapi_mock::serve::serve(listener, app, shutdown_signal()).await;
    // The log's last lines (the requests drained, "shutting down") are still in the buffer.
    log_sink.flush();
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// The service and what surrounds it, from the settings; the seed is loaded here.
fn build(settings: &Settings) -> Result<Mock, String> {
    if !cloudapi_core::gateway::is_region_shaped(&settings.region) {
        return Err(format!(
            "--region {:?} is not a region id such as cn-hangzhou",
            settings.region
        ));
    }
    let config = Config {
        credentials: settings.accounts.clone(),
        default_region: settings.region.clone(),
        app_quota: settings.app_quota,
        group_quota: settings.group_quota,
        throttle_per_second: settings.throttle_rps,
        timestamp_window: Duration::from_secs(settings.timestamp_window_secs),
        nonce_ttl: Duration::from_secs(settings.nonce_ttl_secs),
        nonce_capacity: settings.nonce_capacity,
        auth: settings.auth,
    };
    let clock = Arc::new(Clock::real_with_skew(settings.time_skew));
    let backend = match &settings.data_dir {
        Some(dir) => Backend::with_store(open_data_dir(dir)?, clock),
        None => Backend::new(clock),
    };
    let service = Arc::new(Service::with_backend(config, backend));
    // A data directory that already holds state keeps it: the seed is then only what a
    // reset returns to. Its id generators count as state, so that no id is handed out twice.
    let restored = service
        .store()
        .read(|world| world.tenancies().next().is_some() || world.ids() != Default::default());
    let mock = Mock::new(service).with_journal_capacity(settings.journal_size);
    let Some(path) = &settings.seed else {
        return Ok(mock);
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read the seed {}: {e}", path.display()))?;
    let seed: StateSnapshot = serde_json::from_str(&text).map_err(|e| format!("seed {}: {e}", path.display()))?;
    let mock = if restored {
        mock.with_baseline(seed)
    } else {
        mock.with_seed(seed)
    }
    .map_err(|e| format!("seed {}: {e}", path.display()))?;
    if let Some(ticket) = take_commit_ticket() {
        ticket.wait().map_err(|e| format!("seed {}: {e}", path.display()))?;
    }
    Ok(mock)
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

fn print_banner(service: &Service, address: SocketAddr, settings: &Settings) {
    println!(
        "cloudapi-mock {} serving CloudAPI 2016-07-14 on http://{address}",
        env!("CARGO_PKG_VERSION")
    );
    println!("  endpoint:  {address}  (protocol http)");
    println!("  region:    {}", settings.region);
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
    if let Some(file) = service.store().data_file() {
        println!("  state:     {} (durable)", file.display());
    }
    if !settings.no_admin {
        println!("  admin:     http://{address}/_mock/health (reset, state, journal, clock, faults, volatile)");
    }
}

/// Ctrl-C or SIGTERM: stop accepting, let in-flight requests finish, exit.
async fn shutdown_signal() {
    cloudapi_mock::serve::termination().await;
    tracing::info!("shutting down");
}
