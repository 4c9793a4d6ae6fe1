//! What the suite runs against: the in-process mock (default) or a remote endpoint. This is
//! the one seam between the features and where they run.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use cloudapi_core::{Clock, Config, Credential, Scheme, Service};
use cloudapi_mock::MockServer;
use time::OffsetDateTime;

use crate::retry::RetryPolicy;

/// The default cap on apps, API groups and APIs one remote run may create
/// (`CLOUDAPI_MAX_APPS`). A run creates about 560 today (some 180 apps, 230 groups, 150 APIs),
/// one scenario's worth (at most a handful) alive at a time; an account holds at most 1,000
/// apps and 100 groups a region, a group at most 1,000 APIs.
pub const DEFAULT_MAX_APPS: usize = 1000;

/// The default bound on one HTTP exchange with a remote target (`CLOUDAPI_TIMEOUT_SECS`).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Which kind of target, from `CLOUDAPI_TARGET`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    /// An in-process mock, started for the run (the default).
    Mock,
    /// An endpoint over HTTP: a real account, or the mock's binary.
    Remote,
}

/// The run's settings, read once from the environment. Its `Debug` leaves the secret and the
/// token out.
#[derive(Clone, PartialEq, Eq)]
pub struct Settings {
    /// The in-process mock or a remote endpoint (`CLOUDAPI_TARGET`).
    pub kind: TargetKind,
    /// Remote only: `http(s)://host[:port]`.
    pub endpoint: Option<String>,
    /// The access key calls are signed with.
    pub credential: Credential,
    /// An STS token sent with every call (`ALIBABA_CLOUD_SECURITY_TOKEN`).
    pub security_token: Option<String>,
    /// The region calls are for (`ALIBABA_CLOUD_REGION_ID`).
    pub region: String,
    /// The scheme scenarios use unless they choose one (`CLOUDAPI_SIGNATURE`).
    pub default_scheme: Scheme,
    /// Retries of throttled calls: none on the mock, [`RetryPolicy::REMOTE`] on a remote target
    /// (`CLOUDAPI_THROTTLE_RETRIES` changes the count).
    pub retry: RetryPolicy,
    /// Bound on one HTTP exchange (`CLOUDAPI_TIMEOUT_SECS`).
    pub timeout: Duration,
    /// Remote only: how many apps, API groups and APIs the run may create (`CLOUDAPI_MAX_APPS`).
    pub max_apps: usize,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("kind", &self.kind)
            .field("endpoint", &self.endpoint)
            .field("access_key_id", &self.credential.access_key_id)
            .field("access_key_secret", &"[hidden]")
            .field("security_token", &self.security_token.as_ref().map(|_| "[hidden]"))
            .field("region", &self.region)
            .field("default_scheme", &self.default_scheme)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("max_apps", &self.max_apps)
            .finish()
    }
}

fn parse_number<T: std::str::FromStr>(name: &str, value: Option<String>, default: T) -> Result<T, String> {
    match value {
        None => Ok(default),
        Some(text) => text
            .trim()
            .parse::<T>()
            .map_err(|_| format!("{name}={text:?}: expected a whole number")),
    }
}

impl Settings {
    /// Reads `CLOUDAPI_TARGET`, `CLOUDAPI_ENDPOINT`, `CLOUDAPI_SIGNATURE`,
    /// `CLOUDAPI_ALLOW_REMOTE` and the usual Alibaba Cloud credential variables.
    pub fn from_env() -> Result<Settings, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let default_scheme = match var("CLOUDAPI_SIGNATURE") {
            Some(value) => value.parse::<Scheme>()?,
            None => Scheme::V3,
        };
        let kind = match var("CLOUDAPI_TARGET").as_deref() {
            None | Some("mock") => TargetKind::Mock,
            Some("remote") => TargetKind::Remote,
            Some(other) => return Err(format!("CLOUDAPI_TARGET={other:?}: expected mock or remote")),
        };
        if kind == TargetKind::Mock {
            let timeout = Duration::from_secs(parse_number(
                "CLOUDAPI_TIMEOUT_SECS",
                var("CLOUDAPI_TIMEOUT_SECS"),
                DEFAULT_TIMEOUT.as_secs(),
            )?);
            return Ok(Settings {
                kind,
                endpoint: None,
                credential: Credential::default_account(),
                security_token: None,
                region: cloudapi_core::config::DEFAULT_REGION.to_owned(),
                default_scheme,
                retry: RetryPolicy::NEVER,
                timeout,
                max_apps: usize::MAX,
            });
        }
        Settings::remote_from_env(true)
    }

    /// The remote part of [`Settings::from_env`], whatever `CLOUDAPI_TARGET` says (the sweep
    /// uses it); `require_allow` demands `CLOUDAPI_ALLOW_REMOTE=1`.
    pub fn remote_from_env(require_allow: bool) -> Result<Settings, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let default_scheme = match var("CLOUDAPI_SIGNATURE") {
            Some(value) => value.parse::<Scheme>()?,
            None => Scheme::V3,
        };
        let kind = TargetKind::Remote;
        if require_allow && var("CLOUDAPI_ALLOW_REMOTE").as_deref() != Some("1") {
            return Err(
                "CLOUDAPI_TARGET=remote creates and deletes real apps in the account of the \
                 credentials given; set CLOUDAPI_ALLOW_REMOTE=1 as well to confirm that this is intended"
                    .to_owned(),
            );
        }
        let id = var("ALIBABA_CLOUD_ACCESS_KEY_ID").ok_or("ALIBABA_CLOUD_ACCESS_KEY_ID is not set")?;
        let secret = var("ALIBABA_CLOUD_ACCESS_KEY_SECRET").ok_or("ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set")?;
        let region = var("ALIBABA_CLOUD_REGION_ID").unwrap_or_else(|| cloudapi_core::config::DEFAULT_REGION.to_owned());
        let endpoint = var("CLOUDAPI_ENDPOINT").unwrap_or_else(|| format!("https://apigateway.{region}.aliyuncs.com"));
        if endpoint.contains('@') {
            return Err(
                "CLOUDAPI_ENDPOINT must not carry credentials (user@host); use the ALIBABA_CLOUD_* variables"
                    .to_owned(),
            );
        }
        let retries = parse_number(
            "CLOUDAPI_THROTTLE_RETRIES",
            var("CLOUDAPI_THROTTLE_RETRIES"),
            RetryPolicy::REMOTE.retries,
        )?;
        Ok(Settings {
            kind,
            endpoint: Some(endpoint.trim_end_matches('/').to_owned()),
            credential: Credential::new(id, secret, None),
            security_token: var("ALIBABA_CLOUD_SECURITY_TOKEN"),
            region,
            default_scheme,
            retry: RetryPolicy {
                retries,
                ..RetryPolicy::REMOTE
            },
            timeout: Duration::from_secs(parse_number(
                "CLOUDAPI_TIMEOUT_SECS",
                var("CLOUDAPI_TIMEOUT_SECS"),
                DEFAULT_TIMEOUT.as_secs(),
            )?)
            .max(Duration::from_secs(1)),
            max_apps: parse_number("CLOUDAPI_MAX_APPS", var("CLOUDAPI_MAX_APPS"), DEFAULT_MAX_APPS)?,
        })
    }
}

/// The `host` header value for `base_url`: its authority.
pub fn host_of(base_url: &str) -> String {
    base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// A started target.
#[derive(Debug)]
pub enum Target {
    /// The in-process mock.
    Mock(MockServer),
    /// A remote endpoint.
    Remote {
        /// `http(s)://host[:port]`.
        base_url: String,
        /// The `Host` header its requests carry.
        host: String,
    },
}

impl Target {
    /// Starts what the settings name; a mock gets `config` and its own clock.
    pub async fn start(settings: &Settings, config: Config, clock: Arc<Clock>) -> Result<Target, String> {
        match settings.kind {
            TargetKind::Mock => {
                let service = Arc::new(Service::with_clock(config, clock));
                MockServer::builder()
                    .service(service)
                    .start()
                    .await
                    .map(Target::Mock)
                    .map_err(|e| format!("starting the mock: {e}"))
            }
            TargetKind::Remote => {
                let base_url = settings.endpoint.clone().ok_or("no endpoint")?;
                let host = host_of(&base_url);
                Ok(Target::Remote { base_url, host })
            }
        }
    }

    /// The target's `http://host:port` (or `https://` for a remote one).
    pub fn base_url(&self) -> String {
        match self {
            Target::Mock(server) => server.uri(),
            Target::Remote { base_url, .. } => base_url.clone(),
        }
    }

    /// The `host` header value the SDKs would sign.
    pub fn host(&self) -> String {
        match self {
            Target::Mock(server) => server.endpoint(),
            Target::Remote { host, .. } => host.clone(),
        }
    }

    /// The time to sign with: the mock's own clock, or this machine's.
    pub fn now(&self) -> OffsetDateTime {
        match self {
            Target::Mock(server) => server.service().clock().now(),
            Target::Remote { .. } => OffsetDateTime::now_utc(),
        }
    }

    /// The in-process service, for `@mock-only` steps.
    pub fn service(&self) -> Option<&Arc<Service>> {
        match self {
            Target::Mock(server) => Some(server.service()),
            Target::Remote { .. } => None,
        }
    }
}
