//! What the suite runs against: the in-process mock (default) or a remote endpoint. This is
//! the one seam between the features and where they run.

use std::sync::Arc;

use cloudapi_core::{Clock, Config, Credential, Scheme, Service};
use cloudapi_mock::MockServer;
use time::OffsetDateTime;

/// Which kind of target, from `CLOUDAPI_TARGET`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    Mock,
    Remote,
}

/// The run's settings, read once from the environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub kind: TargetKind,
    /// Remote only: `http(s)://host[:port]`.
    pub endpoint: Option<String>,
    pub credential: Credential,
    pub security_token: Option<String>,
    pub region: String,
    /// The scheme scenarios use unless they choose one (`CLOUDAPI_SIGNATURE`).
    pub default_scheme: Scheme,
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
            return Ok(Settings {
                kind,
                endpoint: None,
                credential: Credential::default_account(),
                security_token: None,
                region: cloudapi_core::config::DEFAULT_REGION.to_owned(),
                default_scheme,
            });
        }
        if var("CLOUDAPI_ALLOW_REMOTE").as_deref() != Some("1") {
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
        Ok(Settings {
            kind,
            endpoint: Some(endpoint),
            credential: Credential::new(id, secret, None),
            security_token: var("ALIBABA_CLOUD_SECURITY_TOKEN"),
            region,
            default_scheme,
        })
    }
}

/// A started target.
#[derive(Debug)]
pub enum Target {
    Mock(MockServer),
    Remote { base_url: String, host: String },
}

impl Target {
    /// Starts what the settings name; a mock gets `config` and its own clock.
    pub async fn start(settings: &Settings, config: Config, clock: Arc<Clock>) -> Result<Target, String> {
        match settings.kind {
            TargetKind::Mock => {
                let service = Arc::new(Service::with_clock(config, clock));
                MockServer::start_service(service)
                    .await
                    .map(Target::Mock)
                    .map_err(|e| format!("starting the mock: {e}"))
            }
            TargetKind::Remote => {
                let base_url = settings.endpoint.clone().ok_or("no endpoint")?;
                let host = base_url
                    .split_once("://")
                    .map_or(base_url.as_str(), |(_, rest)| rest)
                    .trim_end_matches('/')
                    .to_owned();
                Ok(Target::Remote { base_url, host })
            }
        }
    }

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
