//! The binary's settings: flags, their environment variables, and a TOML file with the same
//! names. Precedence: a flag, then its environment variable, then the file, then the default.
//!
//! One list of settings, [`Layer`], is read three ways: clap reads the command line and the
//! environment into it (a setting not given stays `None`), serde reads the file into it. The
//! layers are laid over the defaults by serde too, key by key ([`Settings::resolve`]), so a
//! new setting is one field here and one in [`Settings`], never a merge rule of its own.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser};
use serde::{Deserialize, Serialize};

use cloudapi_core::config::DEFAULT_REGION;
use cloudapi_core::{AuthMode, Credential};

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

    #[command(flatten)]
    layer: Layer,
}

/// Every setting, each optional: what one source (the command line with the environment, or
/// the file) gives.
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Layer {
    /// Address to listen on [default: 127.0.0.1:8080]. Anything but loopback is reachable from
    /// the network.
    #[arg(long, env = "CLOUDAPI_MOCK_LISTEN")]
    #[serde(skip_serializing_if = "Option::is_none")]
    listen: Option<SocketAddr>,

    /// An extra access key, ACCESS_KEY_ID:SECRET[:UID] (repeatable; comma-separated in the
    /// environment). Without a UID the key is an account of its own. `testid:testsecret` is
    /// always there.
    #[arg(long = "account", env = "CLOUDAPI_MOCK_ACCOUNTS", value_delimiter = ',', value_parser = parse_account)]
    #[serde(skip_serializing_if = "Option::is_none")]
    accounts: Option<Vec<String>>,

    /// Region of requests that name none (no RegionId, no regional Host) [default: cn-hangzhou].
    #[arg(long, env = "CLOUDAPI_MOCK_REGION")]
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<String>,

    /// Apps per account [default: 1000].
    #[arg(long, env = "CLOUDAPI_MOCK_APP_QUOTA")]
    #[serde(skip_serializing_if = "Option::is_none")]
    app_quota: Option<usize>,

    /// API groups per account and region [default: 100].
    #[arg(long, env = "CLOUDAPI_MOCK_GROUP_QUOTA")]
    #[serde(skip_serializing_if = "Option::is_none")]
    group_quota: Option<usize>,

    /// APIs per group [default: 1000].
    #[arg(long, env = "CLOUDAPI_MOCK_API_QUOTA")]
    #[serde(skip_serializing_if = "Option::is_none")]
    api_quota: Option<usize>,

    /// Calls per second per account for CreateApp, ModifyApp and DeleteApp; 0 switches it off
    /// [default: 50].
    #[arg(long, env = "CLOUDAPI_MOCK_THROTTLE_RPS")]
    #[serde(skip_serializing_if = "Option::is_none")]
    throttle_rps: Option<u32>,

    /// Seconds the mock's clock runs ahead of (or, negative, behind) this machine's [default: 0].
    #[arg(long, env = "CLOUDAPI_MOCK_TIME_SKEW", allow_hyphen_values = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    time_skew: Option<i64>,

    /// How far, in seconds, a request's timestamp may be from the mock's clock, either way; at
    /// most 30 days [default: 900].
    #[arg(long, env = "CLOUDAPI_MOCK_TIMESTAMP_WINDOW_SECS")]
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp_window_secs: Option<u64>,

    /// How long, in seconds, a signature nonce is remembered; at most 30 days [default: 1860].
    #[arg(long, env = "CLOUDAPI_MOCK_NONCE_TTL_SECS")]
    #[serde(skip_serializing_if = "Option::is_none")]
    nonce_ttl_secs: Option<u64>,

    /// How many nonces are remembered at most; the oldest are forgotten first
    /// [default: 1000000].
    #[arg(long, env = "CLOUDAPI_MOCK_NONCE_CAPACITY")]
    #[serde(skip_serializing_if = "Option::is_none")]
    nonce_capacity: Option<usize>,

    /// Whether each group's own limit of calls per second (its TrafficLimit, 500) holds on the
    /// data plane [default: true].
    #[arg(
        long,
        env = "CLOUDAPI_MOCK_GROUP_TRAFFIC_LIMIT",
        num_args = 0..=1,
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    group_traffic_limit: Option<bool>,

    /// Calls per day through a group's second-level domain in the Chinese mainland's regions;
    /// 0 is no cap [default: 1000].
    #[arg(long, env = "CLOUDAPI_MOCK_DOMAIN_DAILY_CAP_MAINLAND")]
    #[serde(skip_serializing_if = "Option::is_none")]
    domain_daily_cap_mainland: Option<u32>,

    /// Calls per day through a group's second-level domain in other regions, Hong Kong
    /// included; 0 is no cap [default: 100].
    #[arg(long, env = "CLOUDAPI_MOCK_DOMAIN_DAILY_CAP_ELSEWHERE")]
    #[serde(skip_serializing_if = "Option::is_none")]
    domain_daily_cap_elsewhere: Option<u32>,

    /// strict: every gateway check; lenient: no signature, timestamp or nonce checks
    /// [default: strict].
    #[arg(long, env = "CLOUDAPI_MOCK_AUTH", value_parser = parse_auth)]
    #[serde(skip_serializing_if = "Option::is_none")]
    auth: Option<AuthMode>,

    /// Turns the admin API under /_mock/ off.
    #[arg(
        long,
        env = "CLOUDAPI_MOCK_NO_ADMIN",
        num_args = 0..=1,
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    no_admin: Option<bool>,

    /// A state document (as GET /_mock/state exports it) to start with; resets return to it.
    /// In the file, relative to the file's folder.
    #[arg(long, env = "CLOUDAPI_MOCK_SEED")]
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<PathBuf>,

    /// A directory to keep the state in: every acknowledged write is on disk before its answer
    /// leaves, and a start with the same directory finds it all again. Without it, memory only.
    /// In the file, relative to the file's folder.
    #[arg(long, env = "CLOUDAPI_MOCK_DATA_DIR")]
    #[serde(skip_serializing_if = "Option::is_none")]
    data_dir: Option<PathBuf>,

    /// How many requests the journal keeps (GET /_mock/journal); 0 keeps none [default: 1000].
    #[arg(long, env = "CLOUDAPI_MOCK_JOURNAL_SIZE")]
    #[serde(skip_serializing_if = "Option::is_none")]
    journal_size: Option<usize>,

    /// How many bytes the journal's entries may hold together; the oldest make room
    /// [default: 33554432].
    #[arg(long, env = "CLOUDAPI_MOCK_JOURNAL_MAX_BYTES")]
    #[serde(skip_serializing_if = "Option::is_none")]
    journal_max_bytes: Option<usize>,

    /// Log filter (RUST_LOG syntax) [default: info]. Given as a flag it wins; otherwise
    /// RUST_LOG, when set, wins over CLOUDAPI_MOCK_LOG and the file.
    #[arg(long, env = "CLOUDAPI_MOCK_LOG")]
    #[serde(skip_serializing_if = "Option::is_none")]
    log: Option<String>,
}

/// Checks an account spec as it is read, so that a bad one is refused naming the flag.
fn parse_account(value: &str) -> Result<String, String> {
    Credential::parse(value).map(|_| value.to_owned())
}

fn parse_auth(value: &str) -> Result<AuthMode, String> {
    match value {
        "strict" => Ok(AuthMode::Strict),
        "lenient" => Ok(AuthMode::Lenient),
        other => Err(format!("{other:?}: expected strict or lenient")),
    }
}

/// What the mock runs with; also the config file `--print-config` writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    pub listen: SocketAddr,
    /// `ACCESS_KEY_ID:SECRET[:UID]` specs, each checked by [`Credential::parse`].
    pub accounts: Vec<String>,
    pub region: String,
    pub app_quota: usize,
    pub group_quota: usize,
    pub api_quota: usize,
    pub throttle_rps: u32,
    pub time_skew: i64,
    pub timestamp_window_secs: u64,
    pub nonce_ttl_secs: u64,
    pub nonce_capacity: usize,
    pub auth: AuthMode,
    pub group_traffic_limit: bool,
    pub domain_daily_cap_mainland: u32,
    pub domain_daily_cap_elsewhere: u32,
    pub no_admin: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    pub journal_size: usize,
    pub journal_max_bytes: usize,
    pub log: String,
    /// Set when `--log` was given on the command line, so it beats `RUST_LOG`.
    #[serde(skip)]
    pub log_from_flag: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            accounts: Vec::new(),
            region: DEFAULT_REGION.to_owned(),
            app_quota: 1000,
            group_quota: 100,
            api_quota: 1000,
            throttle_rps: 50,
            time_skew: 0,
            timestamp_window_secs: 900,
            nonce_ttl_secs: 1860,
            nonce_capacity: 1_000_000,
            auth: AuthMode::Strict,
            group_traffic_limit: true,
            domain_daily_cap_mainland: 1000,
            domain_daily_cap_elsewhere: 100,
            no_admin: false,
            seed: None,
            data_dir: None,
            journal_size: cloudapi_mock::DEFAULT_JOURNAL_CAPACITY,
            journal_max_bytes: cloudapi_mock::DEFAULT_JOURNAL_MAX_BYTES,
            log: "info".to_owned(),
            log_from_flag: false,
        }
    }
}

impl Settings {
    /// Parses the command line (and environment), reads the file it names, and resolves.
    pub fn load() -> Result<(Cli, Settings), String> {
        let matches = Cli::command().get_matches();
        Settings::from_matches(&matches)
    }

    /// As [`Settings::load`], from given matches.
    pub fn from_matches(matches: &ArgMatches) -> Result<(Cli, Settings), String> {
        let cli = Cli::from_arg_matches(matches).map_err(|e| e.to_string())?;
        let file = match &cli.config {
            Some(path) => read_file(path)?,
            None => Layer::default(),
        };
        let mut settings = Settings::resolve(&[&file, &cli.layer])?;
        settings.log_from_flag = matches.value_source("log") == Some(ValueSource::CommandLine);
        Ok((cli, settings))
    }

    /// The defaults with each layer laid over them in turn, a later layer's setting winning.
    fn resolve(layers: &[&Layer]) -> Result<Settings, String> {
        let mut merged = table(&Settings::default())?;
        for layer in layers {
            merged.extend(table(*layer)?);
        }
        let settings: Settings =
            serde_json::from_value(serde_json::Value::Object(merged)).map_err(|e| format!("settings: {e}"))?;
        for spec in &settings.accounts {
            Credential::parse(spec)?;
        }
        Ok(settings)
    }

    /// The credentials the accounts name (checked when the settings were resolved).
    pub fn credentials(&self) -> Result<Vec<Credential>, String> {
        self.accounts.iter().map(|spec| Credential::parse(spec)).collect()
    }
}

/// A layer or the defaults as one map of settings, to merge them key by key; a layer leaves
/// out what it does not set. JSON's numbers, unlike TOML's, hold every `u64` a flag takes.
fn table<T: Serialize>(value: &T) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        Ok(other) => Err(format!("settings: not a table: {other}")),
        Err(e) => Err(format!("settings: {e}")),
    }
}

fn read_file(path: &Path) -> Result<Layer, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut file: Layer = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if let Some(folder) = path.parent() {
        for relative in [&mut file.seed, &mut file.data_dir] {
            if let Some(path) = relative.as_mut().filter(|path| path.is_relative()) {
                *path = folder.join(&*path);
            }
        }
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(args: &[&str], file: &str) -> Settings {
        let matches = Cli::command()
            .try_get_matches_from(std::iter::once("cloudapi-mock").chain(args.iter().copied()))
            .expect("valid arguments");
        let cli = Cli::from_arg_matches(&matches).expect("valid");
        let file: Layer = toml::from_str(file).expect("valid TOML");
        Settings::resolve(&[&file, &cli.layer]).expect("valid")
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
        assert_eq!(from_file.credentials().expect("valid")[0].account_uid, "42");
        assert_eq!(from_file.throttle_rps, 50, "absent from the file: the default");

        let flags = settings(&["--app-quota", "7", "--account", "mine:s", "--no-admin"], file);
        assert_eq!(flags.app_quota, 7);
        assert_eq!(flags.accounts, ["mine:s"]);
        assert_eq!(flags.region, "cn-beijing");
        assert!(flags.no_admin);
        assert!(
            !settings(&["--no-admin", "false"], file).no_admin,
            "a flag's false beats the file"
        );
    }

    #[test]
    fn a_flag_equal_to_the_default_still_beats_the_file() {
        let given = settings(&["--app-quota", "1000"], "app-quota = 5");
        assert_eq!(given.app_quota, 1000);
    }

    #[test]
    fn printed_settings_read_back_the_same() {
        let original = settings(&["--account", "k:s:7", "--time-skew", "-30"], "journal-size = 3");
        let printed = toml::to_string(&original).expect("serialises");
        let again = settings(&[], &printed);
        assert_eq!(again, original);
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
    fn unknown_keys_and_bad_accounts_are_refused() {
        assert!(toml::from_str::<Layer>("app_quota = 5").is_err());
        assert!(toml::from_str::<Layer>("apps = 5").is_err());
        let file: Layer = toml::from_str(r#"accounts = ["no-secret"]"#).expect("valid TOML");
        assert!(Settings::resolve(&[&file]).is_err());
        assert!(Cli::command()
            .try_get_matches_from(["cloudapi-mock", "--account", "ak:"])
            .is_err());
    }
}
