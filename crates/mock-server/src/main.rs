//! `cloudapi-mock`: run Alibaba Cloud API Gateway's management API locally.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::sync::Arc;

use clap::Parser;
use cloudapi_core::{AuthMode, Clock, Config, Credential, Service};
use cloudapi_mock::{router, ServeOptions};
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

/// A local, faithful Alibaba Cloud API Gateway (CloudAPI 2016-07-14) for tests.
#[derive(Debug, Parser)]
#[command(name = "cloudapi-mock", version, about)]
struct Cli {
    /// Address to listen on. Loopback by default; anything else is reachable from the network.
    #[arg(long, env = "CLOUDAPI_MOCK_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,

    /// An extra access key, ACCESS_KEY_ID:SECRET[:UID] (repeatable; comma-separated in the
    /// environment). Without a UID the key is an account of its own. `testid:testsecret` is
    /// always there.
    #[arg(long = "account", env = "CLOUDAPI_MOCK_ACCOUNTS", value_delimiter = ',', value_parser = Credential::parse)]
    accounts: Vec<Credential>,

    /// Region of requests that name none (no RegionId, no regional Host).
    #[arg(long, env = "CLOUDAPI_MOCK_REGION", default_value = cloudapi_core::config::DEFAULT_REGION)]
    region: String,

    /// Apps per account.
    #[arg(long, env = "CLOUDAPI_MOCK_APP_QUOTA", default_value_t = 1000)]
    app_quota: usize,

    /// Calls per second per account for CreateApp, ModifyApp and DeleteApp; 0 switches it off.
    #[arg(long, env = "CLOUDAPI_MOCK_THROTTLE_RPS", default_value_t = 50)]
    throttle_rps: u32,

    /// Seconds the mock's clock runs ahead of (or, negative, behind) this machine's.
    #[arg(
        long,
        env = "CLOUDAPI_MOCK_TIME_SKEW",
        default_value_t = 0,
        allow_hyphen_values = true
    )]
    time_skew: i64,

    /// strict: every gateway check; lenient: no signature, timestamp or nonce checks.
    #[arg(long, env = "CLOUDAPI_MOCK_AUTH", default_value = "strict", value_parser = parse_auth)]
    auth: AuthMode,

    /// Turns the admin API under /_mock/ off.
    #[arg(long, env = "CLOUDAPI_MOCK_NO_ADMIN")]
    no_admin: bool,

    /// Log filter (RUST_LOG syntax); RUST_LOG wins when set.
    #[arg(long, env = "CLOUDAPI_MOCK_LOG", default_value = "info")]
    log: String,
}

fn parse_auth(value: &str) -> Result<AuthMode, String> {
    match value {
        "strict" => Ok(AuthMode::Strict),
        "lenient" => Ok(AuthMode::Lenient),
        other => Err(format!("{other:?}: expected strict or lenient")),
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(&cli.log));
    // The log goes to stderr, so stdout holds only the banner a script reads the address
    // from; colours only for a terminal, so a redirected log stays plain text.
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();

    if !cloudapi_core::gateway::is_region_shaped(&cli.region) {
        eprintln!(
            "error: --region {:?} is not a region id such as cn-hangzhou",
            cli.region
        );
        return std::process::ExitCode::from(2);
    }
    let config = Config {
        credentials: cli.accounts.clone(),
        default_region: cli.region.clone(),
        app_quota: cli.app_quota,
        throttle_per_second: cli.throttle_rps,
        auth: cli.auth,
        ..Config::default()
    };
    let service = Arc::new(Service::with_clock(
        config,
        Arc::new(Clock::real_with_skew(cli.time_skew)),
    ));
    let listener = match TcpListener::bind(cli.listen).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", cli.listen);
            return std::process::ExitCode::from(1);
        }
    };
    let address = listener.local_addr().unwrap_or(cli.listen);
    if !address.ip().is_loopback() {
        tracing::warn!("listening on {address}, which is not loopback: anyone who can reach it can call the mock");
    }
    print_banner(&service, address, &cli);

    let app = router(
        service,
        ServeOptions {
            admin: !cli.no_admin,
            ..ServeOptions::default()
        },
    );
    match cloudapi_mock::serve::serve(listener, app, shutdown_signal()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::from(1)
        }
    }
}

fn print_banner(service: &Service, address: SocketAddr, cli: &Cli) {
    println!(
        "cloudapi-mock {} serving CloudAPI 2016-07-14 on http://{address}",
        env!("CARGO_PKG_VERSION")
    );
    println!("  endpoint:  {address}  (protocol http)");
    println!("  region:    {}", cli.region);
    let mut credentials: Vec<&Credential> = service.credentials().collect();
    credentials.sort_by(|a, b| a.access_key_id.cmp(&b.access_key_id));
    for credential in credentials {
        println!(
            "  access key {} / secret {}  (account {})",
            credential.access_key_id, credential.access_key_secret, credential.account_uid
        );
    }
    if !cli.no_admin {
        println!("  admin:     http://{address}/_mock/health");
    }
}

/// Ctrl-C or SIGTERM: stop accepting, let in-flight requests finish, exit.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
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
    tracing::info!("shutting down");
}
