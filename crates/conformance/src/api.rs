//! A plain, correctly signed caller of a target, for what runs around the scenarios: the
//! cleanup after each scenario, the cleanup on interruption, and the sweep.

use std::sync::Arc;
use std::time::Duration;

use cloudapi_core::client::{fresh_nonce, Call, Placement, Signer};
use cloudapi_core::{Format, Scheme};
use time::OffsetDateTime;

use crate::client::{self, Reply};
use crate::retry::{retry_throttled, RetryPolicy};
use crate::stats::RunStats;
use crate::target::{host_of, Settings};

/// Signs and sends calls to one endpoint with one access key. Its `Debug` shows neither the
/// secret nor the token.
#[derive(Clone)]
pub struct Api {
    http: reqwest::Client,
    base_url: String,
    host: String,
    signer: Signer,
    scheme: Scheme,
    retry: RetryPolicy,
    stats: Arc<RunStats>,
}

impl std::fmt::Debug for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Api")
            .field("base_url", &self.base_url)
            .field("access_key_id", &self.signer.access_key_id)
            .field("scheme", &self.scheme)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Api {
    /// A caller of `base_url` (`http(s)://host[:port]`).
    pub fn new(
        base_url: &str,
        signer: Signer,
        scheme: Scheme,
        retry: RetryPolicy,
        timeout: Duration,
        stats: Arc<RunStats>,
    ) -> Result<Api, String> {
        Ok(Api {
            http: client::http_client(base_url, timeout)?,
            base_url: base_url.to_owned(),
            host: host_of(base_url),
            signer,
            scheme,
            retry,
            stats,
        })
    }

    /// The caller a remote run's settings describe.
    pub fn for_settings(settings: &Settings, stats: Arc<RunStats>) -> Result<Api, String> {
        let base_url = settings
            .endpoint
            .as_deref()
            .ok_or("the settings name no remote endpoint")?;
        let signer = Signer {
            access_key_id: settings.credential.access_key_id.clone(),
            access_key_secret: settings.credential.access_key_secret.clone(),
            security_token: settings.security_token.clone(),
        };
        Api::new(
            base_url,
            signer,
            settings.default_scheme,
            settings.retry,
            settings.timeout,
            stats,
        )
    }

    /// The endpoint calls go to, `http(s)://host[:port]`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Sends `action`, signed afresh for every attempt, retrying throttled replies by the
    /// policy. An answer that is not the service's envelope (a proxy's 502 page, an empty
    /// body) is an error that quotes the whole body; a service error (`NotFoundApp`) is a reply.
    pub async fn call(&self, action: &str, params: &[(String, String)]) -> Result<Reply, String> {
        let reply = retry_throttled(&self.retry, &self.stats, action, || {
            let request = self.signer.sign(&Call {
                action,
                params,
                scheme: self.scheme,
                method: "POST",
                placement: Placement::Query,
                format: Format::Json,
                host: &self.host,
                timestamp: OffsetDateTime::now_utc(),
                nonce: &fresh_nonce(),
            });
            let http = &self.http;
            let base_url = &self.base_url;
            async move { client::send(http, base_url, &request).await }
        })
        .await?;
        let problems = reply.envelope_problems();
        if problems.is_empty() {
            Ok(reply)
        } else {
            Err(client::unexpected_reply(action, &reply, &problems))
        }
    }
}
