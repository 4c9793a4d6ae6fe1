//! The binary's settings: flags, their environment variables, and a TOML file with the same
//! names. Precedence: a flag, then its environment variable, then the file, then the default.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser};
use serde::{Deserialize, Serialize};

use cloudapi_core::config::DEFAULT_REGION;
use cloudapi_core::{AuthMode, Credential};

const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

/// A local, faithful Alibaba Cloud API Gateway (CloudAPI 2016-07-14) for tests.
#[derive(Debug, Parser)]
#[command(name = "cloudapi-mock", version, about)]
pub struct Cli {
    /// A TOML file with any of the settings below, under the flags' names
    /// (`app-quota = 5`; `accounts = ["ID:SECRET:UID"]`). Flags and environment variables win.
    #[arg(long, env = "CLOUDAPI_MOCK_CONFIG")]
    config: Option<PathBuf>,

    /// Prints the settings in effect, as a config file, and exits.
    #[arg(long)]
    pub print_config: bool,

    /// Address to listen on. Loopback by default; anything else is reachable from the network.
    #[arg(long, env = "CLOUDAPI_MOCK_LISTEN", default_value = DEFAULT_LISTEN)]
    listen: SocketAddr,

    /// An extra access key, ACCESS_KEY_ID:SECRET[:UID] (repeatable; comma-separated in the
    /// environment). Without a UID the key is an account of its own. `testid:testsecret` is
    /// always there.
    #[arg(long = "account", env = "CLOUDAPI_MOCK_ACCOUNTS", value_delimiter = ',', value_parser = Credential::parse)]
    accounts: Vec<Credential>,

    /// Region of requests that name none (no RegionId, no regional Host).
    #[arg(long, env = "CLOUDAPI_MOCK_REGION", default_value = DEFAULT_REGION)]
    region: String,

    /// Apps per account.
    #[arg(long, env = "CLOUDAPI_MOCK_APP_QUOTA", default_value_t = 1000)]
    app_quota: usize,

    /// API groups per account and region.
    #[arg(long, env = "CLOUDAPI_MOCK_GROUP_QUOTA", default_value_t = 100)]
    group_quota: usize,

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

    /// How far, in seconds, a request's timestamp may be from the mock's clock, either way.
    #[arg(long, env = "CLOUDAPI_MOCK_TIMESTAMP_WINDOW_SECS", default_value_t = 900)]
    timestamp_window_secs: u64,

    /// How long, in seconds, a signature nonce is remembered.
    #[arg(long, env = "CLOUDAPI_MOCK_NONCE_TTL_SECS", default_value_t = 1860)]
    nonce_ttl_secs: u64,

    /// How many nonces are remembered at most; the oldest are forgotten first.
    #[arg(long, env = "CLOUDAPI_MOCK_NONCE_CAPACITY", default_value_t = 1_000_000)]
    nonce_capacity: usize,

    /// strict: every gateway check; lenient: no signature, timestamp or nonce checks.
    #[arg(long, env = "CLOUDAPI_MOCK_AUTH", default_value = "strict", value_parser = parse_auth)]
    auth: AuthMode,

    /// Turns the admin API under /_mock/ off.
    #[arg(long, env = "CLOUDAPI_MOCK_NO_ADMIN")]
    no_admin: bool,

    /// A state document (as GET /_mock/state exports it) to start with; resets return to it.
    #[arg(long, env = "CLOUDAPI_MOCK_SEED")]
    seed: Option<PathBuf>,

    /// A directory to keep the state in: every acknowledged write is on disk before its answer
    /// leaves, and a start with the same directory finds it all again. Without it, memory only.
    #[arg(long, env = "CLOUDAPI_MOCK_DATA_DIR")]
    data_dir: Option<PathBuf>,

    /// How many requests the journal keeps (GET /_mock/journal); 0 keeps none.
    #[arg(long, env = "CLOUDAPI_MOCK_JOURNAL_SIZE", default_value_t = cloudapi_mock::DEFAULT_JOURNAL_CAPACITY)]
    journal_size: usize,

    /// Log filter (RUST_LOG syntax). Given as a flag it wins; otherwise RUST_LOG, when set,
    /// wins over CLOUDAPI_MOCK_LOG and the file.
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

/// The settings file: every flag, by its name, all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileSettings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<SocketAddr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accounts: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_quota: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_quota: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub throttle_rps: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_skew: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp_window_secs: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nonce_ttl_secs: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nonce_capacity: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth: Option<AuthMode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_admin: Option<bool>,
    /// Relative to the file's folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<PathBuf>,
    /// Relative to the file's folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journal_size: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log: Option<String>,
}

/// What the mock runs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub listen: SocketAddr,
    pub accounts: Vec<Credential>,
    pub region: String,
    pub app_quota: usize,
    pub group_quota: usize,
    pub throttle_rps: u32,
    pub time_skew: i64,
    pub timestamp_window_secs: u64,
    pub nonce_ttl_secs: u64,
    pub nonce_capacity: usize,
    pub auth: AuthMode,
    pub no_admin: bool,
    pub seed: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub journal_size: usize,
    pub log: String,
    /// Set when `--log` was given on the command line, so it beats `RUST_LOG`.
    pub log_from_flag: bool,
}

impl Settings {
    /// Parses the command line (and environment), reads the file it names, and merges.
    pub fn load() -> Result<(Cli, Settings), String> {
        let matches = Cli::command().get_matches();
        Settings::from_matches(&matches)
    }

    /// As [`Settings::load`], from given matches.
    pub fn from_matches(matches: &ArgMatches) -> Result<(Cli, Settings), String> {
        let cli = Cli::from_arg_matches(matches).map_err(|e| e.to_string())?;
        let file = match &cli.config {
            Some(path) => read_file(path)?,
            None => FileSettings::default(),
        };
        let settings = merge(matches, &cli, file)?;
        Ok((cli, settings))
    }

    /// The settings as a config file that gives them back.
    pub fn to_file(&self) -> FileSettings {
        FileSettings {
            listen: Some(self.listen),
            accounts: Some(
                self.accounts
                    .iter()
                    .map(|c| format!("{}:{}:{}", c.access_key_id, c.access_key_secret, c.account_uid))
                    .collect(),
            ),
            region: Some(self.region.clone()),
            app_quota: Some(self.app_quota),
            group_quota: Some(self.group_quota),
            throttle_rps: Some(self.throttle_rps),
            time_skew: Some(self.time_skew),
            timestamp_window_secs: Some(self.timestamp_window_secs),
            nonce_ttl_secs: Some(self.nonce_ttl_secs),
            nonce_capacity: Some(self.nonce_capacity),
            auth: Some(self.auth),
            no_admin: Some(self.no_admin),
            seed: self.seed.clone(),
            data_dir: self.data_dir.clone(),
            journal_size: Some(self.journal_size),
            log: Some(self.log.clone()),
        }
    }
}

fn read_file(path: &Path) -> Result<FileSettings, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut file: FileSettings = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if let Some(folder) = path.parent() {
        for relative in [&mut file.seed, &mut file.data_dir] {
            if let Some(path) = relative.as_mut().filter(|path| path.is_relative()) {
                *path = folder.join(&*path);
            }
        }
    }
    Ok(file)
}

/// True when the value came from the command line or the environment, not the default.
fn given(matches: &ArgMatches, id: &str) -> bool {
    matches!(
        matches.value_source(id),
        Some(ValueSource::CommandLine | ValueSource::EnvVariable)
    )
}

/// The flag's (or environment's) value if given, else the file's, else the default.
fn pick<T: Clone>(matches: &ArgMatches, id: &str, from_cli: &T, from_file: Option<T>) -> T {
    if given(matches, id) {
        from_cli.clone()
    } else {
        from_file.unwrap_or_else(|| from_cli.clone())
    }
}

fn merge(matches: &ArgMatches, cli: &Cli, file: FileSettings) -> Result<Settings, String> {
    let accounts = match (given(matches, "accounts"), file.accounts) {
        (false, Some(specs)) => specs
            .iter()
            .map(|spec| Credential::parse(spec))
            .collect::<Result<Vec<_>, _>>()?,
        _ => cli.accounts.clone(),
    };
    Ok(Settings {
        listen: pick(matches, "listen", &cli.listen, file.listen),
        accounts,
        region: pick(matches, "region", &cli.region, file.region),
        app_quota: pick(matches, "app_quota", &cli.app_quota, file.app_quota),
        group_quota: pick(matches, "group_quota", &cli.group_quota, file.group_quota),
        throttle_rps: pick(matches, "throttle_rps", &cli.throttle_rps, file.throttle_rps),
        time_skew: pick(matches, "time_skew", &cli.time_skew, file.time_skew),
        timestamp_window_secs: pick(
            matches,
            "timestamp_window_secs",
            &cli.timestamp_window_secs,
            file.timestamp_window_secs,
        ),
        nonce_ttl_secs: pick(matches, "nonce_ttl_secs", &cli.nonce_ttl_secs, file.nonce_ttl_secs),
        nonce_capacity: pick(matches, "nonce_capacity", &cli.nonce_capacity, file.nonce_capacity),
        auth: pick(matches, "auth", &cli.auth, file.auth),
        no_admin: pick(matches, "no_admin", &cli.no_admin, file.no_admin),
        seed: pick(matches, "seed", &cli.seed, file.seed.map(Some)),
        data_dir: pick(matches, "data_dir", &cli.data_dir, file.data_dir.map(Some)),
        journal_size: pick(matches, "journal_size", &cli.journal_size, file.journal_size),
        log: pick(matches, "log", &cli.log, file.log),
        log_from_flag: matches.value_source("log") == Some(ValueSource::CommandLine),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(args: &[&str], file: &str) -> Settings {
        let matches = Cli::command()
            .try_get_matches_from(std::iter::once("cloudapi-mock").chain(args.iter().copied()))
            .expect("valid arguments");
        let cli = Cli::from_arg_matches(&matches).expect("valid");
        let file: FileSettings = toml::from_str(file).expect("valid TOML");
        merge(&matches, &cli, file).expect("valid")
    }

    #[test]
    fn the_file_beats_defaults_and_flags_beat_the_file() {
        let file = r#"
            app-quota = 5
            region = "cn-beijing"
            no-admin = true
            accounts = ["other:secret:42"]
        "#;
        let from_file = settings(&[], file);
        assert_eq!(from_file.app_quota, 5);
        assert_eq!(from_file.region, "cn-beijing");
        assert!(from_file.no_admin);
        assert_eq!(from_file.accounts[0].account_uid, "42");
        assert_eq!(from_file.throttle_rps, 50, "absent from the file: the default");

        let flags = settings(&["--app-quota", "7", "--account", "mine:s"], file);
        assert_eq!(flags.app_quota, 7);
        assert_eq!(flags.accounts.len(), 1);
        assert_eq!(flags.accounts[0].access_key_id, "mine");
        assert_eq!(flags.region, "cn-beijing");
    }

    #[test]
    fn a_flag_equal_to_the_default_still_beats_the_file() {
        let given = settings(&["--app-quota", "1000"], "app-quota = 5");
        assert_eq!(given.app_quota, 1000);
    }

    #[test]
    fn printed_settings_read_back_the_same() {
        let original = settings(&["--account", "k:s:7", "--time-skew", "-30"], "journal-size = 3");
        let printed = toml::to_string(&original.to_file()).expect("serialises");
        let again = settings(&[], &printed);
        assert_eq!(
            again,
            Settings {
                log_from_flag: false,
                ..original
            }
        );
    }

    #[test]
    fn the_data_dir_comes_from_a_flag_or_the_file() {
        assert_eq!(settings(&[], "").data_dir, None, "memory only by default");
        let from_file = settings(&[], r#"data-dir = "/var/lib/mock""#);
        assert_eq!(from_file.data_dir.as_deref(), Some(Path::new("/var/lib/mock")));
        let flag = settings(&["--data-dir", "/tmp/state"], r#"data-dir = "/var/lib/mock""#);
        assert_eq!(flag.data_dir.as_deref(), Some(Path::new("/tmp/state")));
    }

    #[test]
    fn unknown_keys_are_refused() {
        assert!(toml::from_str::<FileSettings>("app_quota = 5").is_err());
        assert!(toml::from_str::<FileSettings>("apps = 5").is_err());
    }
}
