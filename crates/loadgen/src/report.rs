//! The whole benchmark in one run: throughput and latency of the mock beside the ceiling,
//! start-up, memory; written as JSON and as a markdown table.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cloudapi_core::client::{fresh_nonce, Call, Placement, Signer};
use cloudapi_core::{Format, Scheme};
use serde::Serialize;
use time::OffsetDateTime;

use crate::drive::{drive, Load, Measurement};
use crate::process::{cpu_time_of, free_loopback_address, Memory, Server};
use crate::setup::create_apps;
use crate::wire::{self, Connection};
use crate::workload::{KnownApp, PoolSpec, Schemes, Workload};

/// What to run and where to write.
#[derive(Debug, Clone)]
pub struct Options {
    /// The mock binary to start.
    pub mock_bin: PathBuf,
    /// Another build of the mock (an earlier commit's) to run beside it in every repeat of
    /// every throughput row, for its CPU per request: a change's cost, measured in the same
    /// minutes as the build it is compared with.
    pub baseline_bin: Option<PathBuf>,
    /// The binary that serves the ceiling (`cloudapi-loadgen ceiling`).
    pub ceiling_bin: PathBuf,
    /// Where report.json and report.md go.
    pub out_dir: PathBuf,
    /// Connections of each timed run.
    pub connections: usize,
    /// Length of each timed run.
    pub duration: Duration,
    /// The most requests a pool holds; a run ends when its pool is spent.
    pub pool_size: usize,
    /// Times each throughput row is measured (ceiling and mock alternating).
    pub repeat: usize,
    /// Fresh processes whose start-up is timed.
    pub startup_runs: usize,
    /// Accounts that hold apps (as many more take the CreateApp load).
    pub accounts: usize,
    /// Apps each reading account holds.
    pub apps_per_account: usize,
    /// Runs only the throughput rows whose name (`create v2 durable`, `describe v3`...)
    /// contains one of these, or ends with one written with a trailing `$`; every row when
    /// empty.
    pub rows: Vec<String>,
}

impl Options {
    /// A run of a few seconds that only shows everything works (CI's smoke check).
    pub fn smoke(mut self) -> Options {
        self.connections = self.connections.min(8);
        self.duration = Duration::from_millis(150);
        self.pool_size = 2_000;
        self.repeat = 1;
        self.startup_runs = 1;
        self.apps_per_account = 20;
        self
    }
}

/// The throughput rows, in the order of the report.
/// The row with the request log off runs against a second mock with its per-request log
/// line off (`--log warn`), to show what that line costs; the durable rows against mocks
/// started with `--data-dir`, to show what committing every write to disk costs.
const ROWS: [(Workload, Schemes, RequestLog, Storage); 11] = [
    (Workload::Describe, Schemes::V2, RequestLog::On, Storage::Memory),
    (Workload::Describe, Schemes::V3, RequestLog::On, Storage::Memory),
    (Workload::Create, Schemes::V2, RequestLog::On, Storage::Memory),
    (Workload::Create, Schemes::V3, RequestLog::On, Storage::Memory),
    (Workload::List, Schemes::V3, RequestLog::On, Storage::Memory),
    (Workload::Mix, Schemes::Both, RequestLog::On, Storage::Memory),
    (Workload::Describe, Schemes::V2, RequestLog::Off, Storage::Memory),
    (Workload::Create, Schemes::V2, RequestLog::On, Storage::Durable),
    (Workload::Describe, Schemes::V2, RequestLog::On, Storage::Durable),
    (Workload::Gateway, Schemes::V2, RequestLog::On, Storage::Memory),
    (Workload::GatewayHttp, Schemes::V2, RequestLog::On, Storage::Memory),
];

/// Whether the mock writes its log line for every request (its default, `--log info`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RequestLog {
    /// The default: one line per request.
    On,
    /// `--log warn`: no line per request.
    Off,
}

/// Where the mock keeps its state: memory only (its default), or also a data directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Storage {
    /// The default: memory only.
    Memory,
    /// `--data-dir`: every write committed to disk before its answer.
    Durable,
}

/// The whole benchmark's result, written as report.json and report.md.
#[derive(Debug, Serialize)]
pub struct Report {
    /// When it ran, RFC 3339.
    pub date: String,
    /// The machine and settings it ran with.
    pub conditions: Conditions,
    /// One row per workload and scheme.
    pub throughput: Vec<Row>,
    /// How long a fresh mock takes to answer.
    pub startup: Startup,
    /// What the mock holds resident.
    pub memory: MemoryReport,
    /// The goals and whether each was met.
    pub targets: Vec<Target>,
}

/// What the run was measured under.
#[derive(Debug, Serialize)]
pub struct Conditions {
    /// Cores of the machine.
    pub cores: usize,
    /// `/proc/loadavg` before the run.
    pub load_average_before: String,
    /// `/proc/loadavg` after it.
    pub load_average_after: String,
    /// The mock binary measured.
    pub mock_bin: String,
    /// The build it was compared with, if any.
    pub baseline_bin: Option<String>,
    /// Connections of each timed run.
    pub connections: usize,
    /// Length of each timed run.
    pub duration_secs: f64,
    /// The most requests a pool holds.
    pub pool_size: usize,
    /// Times each row was measured.
    pub repeat: usize,
    /// How the load was generated.
    pub generator: &'static str,
    /// The flags the mock was started with.
    pub mock_flags: Vec<String>,
}

/// One workload and scheme, on the ceiling and on the mock.
#[derive(Debug, Serialize)]
pub struct Row {
    /// What was asked for.
    pub workload: Workload,
    /// How the pool was signed.
    pub schemes: Schemes,
    /// Whether the mock wrote its per-request log line.
    pub request_log: RequestLog,
    /// Whether the mock kept its state on disk too.
    pub storage: Storage,
    /// The repeat with the median ratio.
    pub ceiling: Served,
    /// The mock's run of that repeat.
    pub mock: Served,
    /// The mock's rate over the ceiling's.
    pub ratio: f64,
    /// The rate ratio the CPU time predicts: all the CPU (generator and server) a ceiling
    /// request took over all a mock request took. What the rate ratio would be with the
    /// cores to ourselves; other processes move it much less than they move the rates.
    pub cpu_ratio: f64,
    /// Every repeat's ratio, in the order run.
    pub ratios: Vec<f64>,
    /// The row on the baseline build, when the report has one.
    pub baseline: Option<AgainstBaseline>,
}

/// A row's CPU per request on the mock and on the baseline build, run one beside the other
/// in each repeat (who goes first alternating), so that a change in the machine's other
/// load weighs on both. CPU per request, not the rate: other processes move it much less.
#[derive(Debug, Default, Serialize)]
pub struct AgainstBaseline {
    /// The baseline's CPU time per request in each repeat, in microseconds.
    pub baseline_cpu_us: Vec<f64>,
    /// The mock's, in the same repeats.
    pub mock_cpu_us: Vec<f64>,
    /// Each repeat's mock over baseline.
    pub ratios: Vec<f64>,
    /// Their median: 1.05 is 5 % more CPU a request than the baseline's.
    pub median_ratio: f64,
    /// Why the baseline could not run the row (a flag it does not know, ...), if it could not.
    pub failed: Option<String>,
}

impl AgainstBaseline {
    /// The baseline's run, or `None` when it could not run the row, the reason kept.
    fn served(&mut self, outcome: io::Result<Served>) -> Option<Served> {
        match outcome {
            Ok(served) if served.errors == 0 => Some(served),
            Ok(served) => {
                self.failed = Some(format!("{} errors, the first: {:?}", served.errors, served.first_error));
                None
            }
            Err(e) => {
                eprintln!("the baseline cannot run this row: {e}");
                self.failed = Some(e.to_string());
                None
            }
        }
    }

    fn push(&mut self, baseline: &Served, mock: &Served) {
        self.baseline_cpu_us.push(baseline.cpu_us_per_request);
        self.mock_cpu_us.push(mock.cpu_us_per_request);
        self.ratios
            .push(ratio(mock.cpu_us_per_request, baseline.cpu_us_per_request));
        let mut sorted = self.ratios.clone();
        sorted.sort_by(f64::total_cmp);
        let middle = sorted.len() / 2;
        self.median_ratio = if sorted.len() % 2 == 1 {
            sorted[middle]
        } else {
            (sorted[middle - 1] + sorted[middle]) / 2.0
        };
    }
}

/// One server's run: what the generator saw, and what it cost the server.
#[derive(Debug, Serialize)]
pub struct Served {
    /// The measured rate and latencies.
    #[serde(flatten)]
    pub measured: Measurement,
    /// The server's own CPU time (user and system) per request, in microseconds: unlike the
    /// rate, barely moved by other processes competing for the cores.
    pub cpu_us_per_request: f64,
    /// The generator's CPU time per request, in microseconds.
    pub generator_cpu_us_per_request: f64,
}

impl Served {
    /// All the CPU one request took, generator and server.
    fn total_cpu_us(&self) -> f64 {
        self.cpu_us_per_request + self.generator_cpu_us_per_request
    }
}

impl std::ops::Deref for Served {
    type Target = Measurement;

    fn deref(&self) -> &Measurement {
        &self.measured
    }
}

/// Drives `server` and charges it the CPU time it spent.
async fn serve_pool(server: &Server, pool: Arc<Vec<Vec<u8>>>, load: Load) -> io::Result<Served> {
    let generator = std::process::id();
    let (server_before, generator_before) = (server.cpu_time()?, cpu_time_of(generator)?);
    let measured = drive(server.address, pool, load).await?;
    let server_spent = server.cpu_time()?.saturating_sub(server_before);
    let generator_spent = cpu_time_of(generator)?.saturating_sub(generator_before);
    let per_request = |spent: Duration| {
        if measured.requests > 0 {
            spent.as_secs_f64() * 1e6 / measured.requests as f64
        } else {
            0.0
        }
    };
    Ok(Served {
        cpu_us_per_request: per_request(server_spent),
        generator_cpu_us_per_request: per_request(generator_spent),
        measured,
    })
}

/// How long a fresh mock takes from spawn to its first answer to a signed CreateApp.
#[derive(Debug, Serialize)]
pub struct Startup {
    /// Every run, in milliseconds.
    pub runs_ms: Vec<f64>,
    /// Their median.
    pub median_ms: f64,
}

/// The mock's resident memory, idle, loaded with apps, and after the throughput runs.
#[derive(Debug, Serialize)]
pub struct MemoryReport {
    /// Accounts that held apps.
    pub accounts: usize,
    /// Apps each held.
    pub apps_per_account: usize,
    /// A fresh mock, before any request.
    pub idle: Memory,
    /// The same mock once the apps exist.
    pub loaded: Memory,
    /// The largest resident set of a mock at the end of a throughput run (a CreateApp run's,
    /// with every app it created and every nonce it saw).
    pub after_throughput: Memory,
}

/// A goal of the benchmark and whether the run met it.
#[derive(Debug, Serialize)]
pub struct Target {
    /// What is measured.
    pub name: String,
    /// The goal, in words.
    pub goal: String,
    /// What was measured, in words.
    pub measured: String,
    /// Whether the goal was met.
    pub met: bool,
}

/// Accounts of the benchmark: readers own the apps that describe and list read; creators
/// take the CreateApp load, so the readers' app counts stay as set up.
struct Accounts {
    readers: Vec<Signer>,
    creators: Vec<Signer>,
}

impl Accounts {
    fn new(count: usize) -> Accounts {
        let make = |role: &str| {
            (0..count)
                .map(|i| Signer::new(format!("bench-{role}-{i:02}"), format!("secret-{role}-{i:02}")))
                .collect()
        };
        Accounts {
            readers: make("reader"),
            creators: make("creator"),
        }
    }

    fn flags(&self) -> Vec<String> {
        self.readers
            .iter()
            .chain(&self.creators)
            .flat_map(|s| {
                [
                    "--account".to_owned(),
                    format!("{}:{}", s.access_key_id, s.access_key_secret),
                ]
            })
            .collect()
    }
}

/// Mock flags of the throughput runs: the documented 50 calls/s per account and 1,000 apps
/// per account would cap a CreateApp run long before the server does.
const LOAD_FLAGS: [&str; 4] = ["--throttle-rps", "0", "--app-quota", "100000000"];

/// Mock flags of the data-plane rows, on top of [`LOAD_FLAGS`].
const GATEWAY_LOAD_FLAGS: [&str; 6] = [
    "--group-traffic-limit",
    "false",
    "--domain-daily-cap-mainland",
    "0",
    "--domain-daily-cap-elsewhere",
    "0",
];

/// A mock started for one run, its reader accounts' apps created.
struct FreshMock {
    server: Server,
    host: String,
    apps: Vec<KnownApp>,
    /// Its data directory, removed with it.
    data_dir: Option<PathBuf>,
}

impl FreshMock {
    async fn start(
        options: &Options,
        bin: &Path,
        flags: &[String],
        (log, storage): (RequestLog, Storage),
        accounts: &Accounts,
        seed: Option<&std::path::Path>,
    ) -> io::Result<FreshMock> {
        let address = free_loopback_address()?;
        let mut args = with_listen(flags, address);
        if let Some(seed) = seed {
            args.extend(["--seed".to_owned(), seed.display().to_string()]);
            // The seeded rows call the data plane: its group's 500 calls a second and its
            // domain's 1,000 a day would cap a run long before the server does.
            args.extend(GATEWAY_LOAD_FLAGS.iter().map(|s| (*s).to_owned()));
        }
        let level = match log {
            RequestLog::On => "info",
            RequestLog::Off => "warn",
        };
        args.extend(["--log".to_owned(), level.to_owned()]);
        let data_dir = match storage {
            Storage::Memory => None,
            Storage::Durable => {
                // Beside the report, on the disk the project works on; a fresh one each run.
                let dir = options.out_dir.join(format!("data-dir-{}", address.port()));
                match std::fs::remove_dir_all(&dir) {
                    Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                    _ => {}
                }
                args.extend(["--data-dir".to_owned(), dir.display().to_string()]);
                Some(dir)
            }
        };
        let mut server = Server::spawn(bin, &args, address)?;
        server.wait_ready("/_mock/health", Duration::from_secs(10)).await?;
        let host = address.to_string();
        let apps = if seed.is_some() {
            Vec::new()
        } else {
            create_apps(address, &host, &accounts.readers, options.apps_per_account, 8).await?
        };
        Ok(FreshMock {
            server,
            host,
            apps,
            data_dir,
        })
    }
}

impl Drop for FreshMock {
    fn drop(&mut self) {
        if let Some(dir) = &self.data_dir {
            self.server.stop();
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Runs the whole benchmark with these options.
pub async fn run(options: &Options) -> io::Result<Report> {
    let load_average_before = load_average();
    let accounts = Accounts::new(options.accounts);
    let mut mock_flags: Vec<String> = LOAD_FLAGS.iter().map(|s| (*s).to_owned()).collect();
    mock_flags.extend(accounts.flags());

    let ceiling_address = free_loopback_address()?;
    let mut ceiling = Server::spawn(
        &options.ceiling_bin,
        &["ceiling".into(), "--listen".into(), ceiling_address.to_string()],
        ceiling_address,
    )?;
    ceiling.wait_ready("/", Duration::from_secs(10)).await?;
    // The data-plane rows' seed: its HTTP-backend API calls the ceiling.
    std::fs::create_dir_all(&options.out_dir)?;
    let seed_path = options.out_dir.join("gateway-seed.json");
    std::fs::write(
        &seed_path,
        crate::workload::GATEWAY_SEED.replace("BACKEND_PORT", &ceiling_address.port().to_string()),
    )?;
    eprintln!(
        "each run: a fresh mock, {} accounts x {} apps",
        accounts.readers.len(),
        options.apps_per_account
    );

    let mut throughput = Vec::new();
    let mut largest_after_run = None::<Memory>;
    let selected = ROWS.into_iter().filter(|&(workload, schemes, request_log, storage)| {
        let name = row_name(workload, schemes, request_log, storage);
        options.rows.is_empty() || options.rows.iter().any(|wanted| row_matches(&name, wanted))
    });
    for (workload, schemes, request_log, storage) in selected {
        let mut runs = Vec::new();
        let mut baseline = options.baseline_bin.as_ref().map(|_| AgainstBaseline::default());
        let load = Load {
            connections: options.connections,
            duration: options.duration,
        };
        let pool_for = |mock: &FreshMock| {
            Arc::new(
                PoolSpec {
                    workload,
                    schemes,
                    host: &mock.host,
                    readers: &accounts.readers,
                    creators: &accounts.creators,
                    apps: &mock.apps,
                    name_prefix: "load",
                    size: options.pool_size,
                }
                .build(),
            )
        };
        for repeat in 0..options.repeat.max(1) {
            // Every run starts from the same state: a CreateApp run leaves a quarter of a
            // million apps behind, which would weigh on the runs after it.
            let seed = workload.gateway_path().map(|_| seed_path.as_path());
            let kind = (request_log, storage);
            // The baseline goes first on odd repeats, after the mock on even ones; a row it
            // could not run once is not tried again.
            let (flags, accounts, pool_for) = (&mock_flags, &accounts, &pool_for);
            let run_baseline = options
                .baseline_bin
                .as_deref()
                .filter(|_| baseline.as_ref().is_some_and(|against| against.failed.is_none()))
                .map(|bin| {
                    move || async move {
                        let mock = FreshMock::start(options, bin, flags, kind, accounts, seed).await?;
                        serve_pool(&mock.server, pool_for(&mock), load).await
                    }
                });
            let baseline_first = repeat % 2 == 1;
            let mut on_baseline = None;
            if let (Some(run), true) = (&run_baseline, baseline_first) {
                on_baseline = Some(run().await);
            }
            let mock = FreshMock::start(options, &options.mock_bin, flags, kind, accounts, seed).await?;
            let pool = pool_for(&mock);
            // The same requests, byte for byte, to both: the ceiling ignores nonces, so the
            // mock sees each one for the first time whichever goes first. Who goes first
            // alternates, so that a change in the machine's other load favours neither.
            let (on_ceiling, on_mock) = if repeat % 2 == 0 {
                let on_ceiling = serve_pool(&ceiling, pool.clone(), load).await?;
                (on_ceiling, serve_pool(&mock.server, pool, load).await?)
            } else {
                let on_mock = serve_pool(&mock.server, pool.clone(), load).await?;
                (serve_pool(&ceiling, pool, load).await?, on_mock)
            };
            let after_run = mock.server.memory()?;
            if largest_after_run.is_none_or(|largest| after_run.rss_kib > largest.rss_kib) {
                largest_after_run = Some(after_run);
            }
            let ratio = ratio(on_mock.requests_per_sec, on_ceiling.requests_per_sec);
            eprintln!(
                "{:<8} {:<5} {:<16} ceiling {:>7.0}/s {:>5.1} us  mock {:>7.0}/s {:>5.1} us  ratio {ratio:.2}  mock p50 {:.2} ms p99 {:.2} ms  errors {}",
                workload.name(),
                scheme_label(workload, schemes),
                label(request_log, storage),
                on_ceiling.requests_per_sec,
                on_ceiling.cpu_us_per_request,
                on_mock.requests_per_sec,
                on_mock.cpu_us_per_request,
                on_mock.p50_ms,
                on_mock.p99_ms,
                on_mock.errors
            );
            drop(mock);
            if let (Some(run), false) = (&run_baseline, baseline_first) {
                on_baseline = Some(run().await);
            }
            let compared = on_baseline
                .zip(baseline.as_mut())
                .and_then(|(outcome, against)| Some((against.served(outcome)?, against)));
            if let Some((on_baseline, against)) = compared {
                against.push(&on_baseline, &on_mock);
                eprintln!(
                    "{:<8} {:<5} {:<16} baseline {:>7.0}/s {:>5.1} us  mock {:>5.1} us  mock / baseline {:.3}",
                    workload.name(),
                    scheme_label(workload, schemes),
                    label(request_log, storage),
                    on_baseline.requests_per_sec,
                    on_baseline.cpu_us_per_request,
                    on_mock.cpu_us_per_request,
                    self::ratio(on_mock.cpu_us_per_request, on_baseline.cpu_us_per_request),
                );
            }
            runs.push((on_ceiling, on_mock, ratio));
        }
        let mut row = median_row((workload, schemes, request_log, storage), runs);
        row.baseline = baseline;
        throughput.push(row);
    }
    drop(ceiling);
    let after_throughput = largest_after_run.unwrap_or(Memory {
        rss_kib: 0,
        peak_rss_kib: 0,
    });

    let startup = measure_startup(options).await?;
    eprintln!("start-up: median {:.1} ms of {:?}", startup.median_ms, startup.runs_ms);
    let memory = measure_memory(options, after_throughput).await?;
    eprintln!(
        "memory: {} KiB resident with {} x {} apps",
        memory.loaded.rss_kib, memory.accounts, memory.apps_per_account
    );

    let targets = targets(&throughput, &startup, &memory, options);
    Ok(Report {
        date: OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        conditions: Conditions {
            cores: std::thread::available_parallelism().map_or(1, usize::from),
            load_average_before,
            load_average_after: load_average(),
            mock_bin: options.mock_bin.display().to_string(),
            baseline_bin: options.baseline_bin.as_ref().map(|bin| bin.display().to_string()),
            connections: options.connections,
            duration_secs: options.duration.as_secs_f64(),
            pool_size: options.pool_size,
            repeat: options.repeat,
            generator: "cloudapi-loadgen, one thread, closed loop, requests signed and serialised before the run",
            mock_flags: LOAD_FLAGS.iter().map(|s| (*s).to_owned()).collect(),
        },
        throughput,
        startup,
        memory,
        targets,
    })
}

fn with_listen(flags: &[String], address: std::net::SocketAddr) -> Vec<String> {
    let mut args = vec!["--listen".to_owned(), address.to_string()];
    args.extend(flags.iter().cloned());
    args
}

fn ratio(mock: f64, ceiling: f64) -> f64 {
    if ceiling > 0.0 {
        mock / ceiling
    } else {
        0.0
    }
}

/// How a row's mock differs from the default one, for the tables.
/// The signature a row's pool carries: the management API's schemes, or the data plane's
/// X-Ca digest.
fn scheme_label(workload: Workload, schemes: Schemes) -> &'static str {
    if workload.gateway_path().is_some() {
        "x-ca"
    } else {
        schemes.name()
    }
}

/// A row's name, as `--rows` matches it: `create v2 durable`, `describe v2 request log off`.
fn row_name(workload: Workload, schemes: Schemes, request_log: RequestLog, storage: Storage) -> String {
    let name = format!(
        "{} {} {}",
        workload.name(),
        scheme_label(workload, schemes),
        label(request_log, storage)
    );
    name.trim_end().to_owned()
}

/// Whether `--rows`' entry `wanted` picks the row `name`: a part of the name, or with a
/// trailing `$` the name's end (`describe v2$` is that row, not `describe v2 durable`).
fn row_matches(name: &str, wanted: &str) -> bool {
    match wanted.strip_suffix('$') {
        Some(end) => name.ends_with(end),
        None => name.contains(wanted),
    }
}

fn label(request_log: RequestLog, storage: Storage) -> &'static str {
    match (request_log, storage) {
        (RequestLog::On, Storage::Memory) => "",
        (RequestLog::Off, Storage::Memory) => "request log off",
        (RequestLog::On, Storage::Durable) => "durable",
        (RequestLog::Off, Storage::Durable) => "durable, log off",
    }
}

fn median_row(
    (workload, schemes, request_log, storage): (Workload, Schemes, RequestLog, Storage),
    mut runs: Vec<(Served, Served, f64)>,
) -> Row {
    let ratios: Vec<f64> = runs.iter().map(|(_, _, r)| *r).collect();
    runs.sort_by(|a, b| a.2.total_cmp(&b.2));
    let (ceiling, mock, ratio) = runs.swap_remove(runs.len() / 2);
    // Rates are inversely proportional to the CPU a request takes, when CPU is what binds.
    let cpu_ratio = if mock.total_cpu_us() > 0.0 {
        ceiling.total_cpu_us() / mock.total_cpu_us()
    } else {
        0.0
    };
    Row {
        cpu_ratio,
        workload,
        schemes,
        request_log,
        storage,
        ceiling,
        mock,
        ratio,
        ratios,
        baseline: None,
    }
}

/// Process start to the first successful signed CreateApp, a fresh process each run.
async fn measure_startup(options: &Options) -> io::Result<Startup> {
    let mut runs_ms = Vec::new();
    for _ in 0..options.startup_runs.max(1) {
        let address = free_loopback_address()?;
        let request = signed_create(&Signer::new("testid", "testsecret"), &address.to_string());
        let started = Instant::now();
        let _mock = Server::spawn(&options.mock_bin, &with_listen(&[], address), address)?;
        loop {
            if started.elapsed() > Duration::from_secs(10) {
                return Err(io::Error::new(io::ErrorKind::TimedOut, "the mock did not start"));
            }
            if let Ok(mut connection) = Connection::open(address).await {
                let response = connection.round_trip(&request).await?;
                if response.status == 200 {
                    break;
                }
                return Err(io::Error::other(format!(
                    "start-up request refused: HTTP {} {}",
                    response.status,
                    String::from_utf8_lossy(response.body)
                )));
            }
            // Polling faster than this would take the core the mock is starting on.
            tokio::time::sleep(Duration::from_micros(500)).await;
        }
        runs_ms.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let mut sorted = runs_ms.clone();
    sorted.sort_by(f64::total_cmp);
    let median_ms = sorted[sorted.len() / 2];
    Ok(Startup { runs_ms, median_ms })
}

fn signed_create(signer: &Signer, host: &str) -> Vec<u8> {
    let params = vec![("AppName".to_owned(), "startup_probe".to_owned())];
    wire::encode(&signer.sign(&Call {
        action: "CreateApp",
        params: &params,
        scheme: Scheme::V2,
        method: "GET",
        placement: Placement::Query,
        format: Format::Json,
        host,
        timestamp: OffsetDateTime::now_utc(),
        nonce: &fresh_nonce(),
    }))
}

/// A fresh mock's resident set, idle and then with the apps of every reader account.
async fn measure_memory(options: &Options, after_throughput: Memory) -> io::Result<MemoryReport> {
    let accounts = Accounts::new(options.accounts);
    let address = free_loopback_address()?;
    let mut flags = vec!["--throttle-rps".to_owned(), "0".to_owned()];
    flags.extend(accounts.flags());
    let mut mock = Server::spawn(&options.mock_bin, &with_listen(&flags, address), address)?;
    mock.wait_ready("/_mock/health", Duration::from_secs(10)).await?;
    let idle = mock.memory()?;
    create_apps(
        address,
        &address.to_string(),
        &accounts.readers,
        options.apps_per_account,
        8,
    )
    .await?;
    let loaded = mock.memory()?;
    Ok(MemoryReport {
        accounts: accounts.readers.len(),
        apps_per_account: options.apps_per_account,
        idle,
        loaded,
        after_throughput,
    })
}

fn targets(rows: &[Row], startup: &Startup, memory: &MemoryReport, options: &Options) -> Vec<Target> {
    let mut targets = Vec::new();
    let in_memory = |workload: Workload, schemes: Schemes| {
        rows.iter().find(|row| {
            (row.workload, row.schemes, row.request_log, row.storage)
                == (workload, schemes, RequestLog::On, Storage::Memory)
        })
    };
    for row in rows.iter().filter(|row| row.storage == Storage::Durable) {
        match row.workload {
            Workload::Create => targets.push(Target {
                name: format!("durable create {} rate", row.schemes.name()),
                goal: "at least a quarter of the ceiling's".into(),
                measured: format!("{:.2} of the ceiling ({:.2} by CPU time)", row.ratio, row.cpu_ratio),
                met: row.ratio >= 0.25,
            }),
            Workload::Describe => {
                if let Some(memory) = in_memory(row.workload, row.schemes) {
                    // "Unchanged": within the spread repeats of the same row show.
                    targets.push(Target {
                        name: format!("durable describe {} rate", row.schemes.name()),
                        goal: "as in memory (within 10 %)".into(),
                        measured: format!(
                            "{:.2} of the ceiling, in memory {:.2}; CPU {:.1} µs/req, in memory {:.1}",
                            row.ratio, memory.ratio, row.mock.cpu_us_per_request, memory.mock.cpu_us_per_request
                        ),
                        met: row.ratio >= memory.ratio * 0.9,
                    });
                }
            }
            _ => {}
        }
    }
    for row in rows {
        if matches!(row.workload, Workload::Describe | Workload::Create | Workload::Gateway)
            && row.request_log == RequestLog::On
            && row.storage == Storage::Memory
        {
            targets.push(Target {
                name: format!(
                    "{} {} rate",
                    row.workload.name(),
                    scheme_label(row.workload, row.schemes)
                ),
                goal: "at least half the ceiling's".into(),
                measured: format!("{:.2} of the ceiling ({:.2} by CPU time)", row.ratio, row.cpu_ratio),
                met: row.ratio >= 0.5,
            });
        }
    }
    for row in rows {
        let Some(against) = &row.baseline else { continue };
        if matches!(row.workload, Workload::Describe | Workload::Create)
            && row.request_log == RequestLog::On
            && row.storage == Storage::Memory
        {
            targets.push(Target {
                name: format!(
                    "{} {} CPU per request against the baseline",
                    row.workload.name(),
                    row.schemes.name()
                ),
                goal: "at most 5 % more".into(),
                measured: match &against.failed {
                    Some(why) => format!("the baseline could not run: {why}"),
                    None => format!(
                        "{:+.1} % (median of {} pairs)",
                        (against.median_ratio - 1.0) * 100.0,
                        against.ratios.len()
                    ),
                },
                met: against.failed.is_none() && against.median_ratio <= 1.05,
            });
        }
    }
    // Durable writes wait for a disk flush: their latency is the disk's, not the mock's.
    let worst_p99 = rows
        .iter()
        .filter(|r| !(r.storage == Storage::Durable && r.workload == Workload::Create))
        .map(|r| r.mock.p99_ms)
        .fold(0.0, f64::max);
    targets.push(Target {
        name: format!("p99 at {} connections", options.connections),
        goal: "under 5 ms".into(),
        measured: format!("{worst_p99:.2} ms (worst row)"),
        met: worst_p99 < 5.0,
    });
    targets.push(Target {
        name: "start-up to first signed request".into(),
        goal: "under 50 ms".into(),
        measured: format!("{:.1} ms (median)", startup.median_ms),
        met: startup.median_ms < 50.0,
    });
    let mib = memory.loaded.rss_kib as f64 / 1024.0;
    targets.push(Target {
        name: format!(
            "resident set, {} accounts x {} apps",
            memory.accounts, memory.apps_per_account
        ),
        goal: "under 64 MB".into(),
        measured: format!("{mib:.1} MiB"),
        met: mib * 1.048_576 < 64.0,
    });
    let errors: u64 = rows.iter().map(|r| r.mock.errors).sum();
    targets.push(Target {
        name: "errors from the mock".into(),
        goal: "none".into(),
        measured: errors.to_string(),
        met: errors == 0,
    });
    targets
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

impl Report {
    /// The report as a markdown table, for report.md and the terminal.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let c = &self.conditions;
        let _ = writeln!(
            out,
            "Benchmark of {}: {} cores shared by generator and server, load average {} before, {} after; \
             {} connections, {:.1} s a run, the median of {} repeat(s).\n",
            self.date, c.cores, c.load_average_before, c.load_average_after, c.connections, c.duration_secs, c.repeat
        );
        out.push_str(
            "| workload | scheme | ceiling req/s | mock req/s | mock / ceiling | by CPU | ceiling CPU µs/req | mock CPU µs/req | generator CPU µs/req | mock p50 ms | mock p99 ms | ceiling p99 ms | mock errors |\n",
        );
        out.push_str("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for row in &self.throughput {
            let _ = writeln!(
                out,
                "| {}{} | {} | {:.0} | {:.0} | {:.2} | {:.2} | {:.1} | {:.1} | {:.1} | {:.2} | {:.2} | {:.2} | {} |",
                row.workload.name(),
                match label(row.request_log, row.storage) {
                    "" => String::new(),
                    label => format!(" ({label})"),
                },
                scheme_label(row.workload, row.schemes),
                row.ceiling.requests_per_sec,
                row.mock.requests_per_sec,
                row.ratio,
                row.cpu_ratio,
                row.ceiling.cpu_us_per_request,
                row.mock.cpu_us_per_request,
                row.mock.generator_cpu_us_per_request,
                row.mock.p50_ms,
                row.mock.p99_ms,
                row.ceiling.p99_ms,
                row.mock.errors
            );
        }
        if let Some(bin) = &c.baseline_bin {
            let _ = writeln!(
                out,
                "\nAgainst the baseline `{bin}`, run beside the mock in each repeat (who goes first alternating):\n"
            );
            out.push_str("| workload | scheme | baseline CPU µs/req, each repeat | mock CPU µs/req, the same repeats | mock / baseline, median |\n");
            out.push_str("|---|---|---|---|---:|\n");
            let each = |values: &[f64]| values.iter().map(|v| format!("{v:.1}")).collect::<Vec<_>>().join(", ");
            for row in &self.throughput {
                let Some(against) = &row.baseline else { continue };
                let median = match &against.failed {
                    Some(why) => format!("could not run: {why}"),
                    None => format!("{:.3}", against.median_ratio),
                };
                let _ = writeln!(
                    out,
                    "| {}{} | {} | {} | {} | {median} |",
                    row.workload.name(),
                    match label(row.request_log, row.storage) {
                        "" => String::new(),
                        label => format!(" ({label})"),
                    },
                    scheme_label(row.workload, row.schemes),
                    each(&against.baseline_cpu_us),
                    each(&against.mock_cpu_us),
                );
            }
        }
        let _ = writeln!(
            out,
            "\nStart-up to the first signed CreateApp: median {:.1} ms of {} runs.",
            self.startup.median_ms,
            self.startup.runs_ms.len()
        );
        let m = &self.memory;
        let _ = writeln!(
            out,
            "Resident set: {:.1} MiB idle, {:.1} MiB with {} accounts x {} apps (peak {:.1} MiB); \
             {:.1} MiB at most after a throughput run.\n",
            m.idle.rss_kib as f64 / 1024.0,
            m.loaded.rss_kib as f64 / 1024.0,
            m.accounts,
            m.apps_per_account,
            m.loaded.peak_rss_kib as f64 / 1024.0,
            m.after_throughput.rss_kib as f64 / 1024.0
        );
        out.push_str("| target | goal | measured | met |\n|---|---|---|---|\n");
        for target in &self.targets {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                target.name,
                target.goal,
                target.measured,
                if target.met { "yes" } else { "**no**" }
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rows_entry_with_a_dollar_picks_the_row_that_ends_so() {
        assert!(row_matches("describe v2 durable", "describe v2"));
        assert!(row_matches("describe v2", "describe v2$"));
        assert!(!row_matches("describe v2 durable", "describe v2$"));
        assert!(row_matches("create v2 durable", "durable$"));
    }

    #[test]
    fn the_baseline_ratio_is_the_median_of_the_pairs() {
        let served = |cpu_us_per_request: f64| Served {
            measured: Measurement::default(),
            cpu_us_per_request,
            generator_cpu_us_per_request: 0.0,
        };
        let mut against = AgainstBaseline::default();
        against.push(&served(10.0), &served(11.0));
        against.push(&served(10.0), &served(9.0));
        assert!((against.median_ratio - 1.0).abs() < 1e-9);
        against.push(&served(10.0), &served(13.0));
        assert!((against.median_ratio - 1.1).abs() < 1e-9);
        assert_eq!(against.ratios.len(), 3);
    }
}
