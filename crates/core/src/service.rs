//! The service: one request in, one response out, and a record of what happened.
//!
//! It holds the backend (the state and the clock) and the surfaces, and hands each
//! request to the surface it is addressed to: the data plane when its Host is one of the
//! gateway's API domains, the management API otherwise. A surface is a module; adding one
//! is a module and an arm of [`Service::handle_recorded`], nothing in the others.

use std::sync::Arc;
use std::time::Duration;

use crate::backend::Backend;
use crate::clock::Clock;
use crate::config::{Config, Credential};
use crate::data_plane;
use crate::error::ApiError;
use crate::management::Management;
use crate::protocol::params::Params;
use crate::protocol::request::{RawRequest, RawResponse};
use crate::protocol::signature::Scheme;
use crate::store::{take_commit_ticket, CommitTicket, Store};

/// Which face of the gateway a request was addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Surface {
    /// CloudAPI 2016-07-14, RPC style, POP signatures.
    Management,
    /// The deployed APIs on their groups' domains.
    DataPlane,
}

impl Surface {
    /// The surface a request is addressed to, by its Host.
    pub fn of(request: &RawRequest) -> Surface {
        if may_be_for_data_plane(request) && data_plane::is_addressed_to_data_plane(request) {
            Surface::DataPlane
        } else {
            Surface::Management
        }
    }
}

/// False only for a request the data plane's own test ([`data_plane::is_addressed_to_data_plane`])
/// refuses: that test lower-cases a copy of the Host, an allocation on every management
/// request, and a Host in which the API domains' suffix does not even appear, in any case,
/// cannot end with it once its port is cut and it is lower-cased.
fn may_be_for_data_plane(request: &RawRequest) -> bool {
    let suffix = data_plane::SECOND_LEVEL_DOMAIN_SUFFIX.as_bytes();
    request.path.starts_with(data_plane::NO_DNS_PREFIX)
        || request.header("host").is_some_and(|host| {
            host.as_bytes()
                .windows(suffix.len())
                .any(|window| window.eq_ignore_ascii_case(suffix))
        })
}

/// What one request did, for logs and the journal. Never holds a secret or a signature.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RequestRecord {
    /// The answer's `RequestId`.
    pub request_id: String,
    /// Which surface served it.
    pub surface: Surface,
    /// The management API's signature scheme; `V2` for data-plane calls, which sign with
    /// their own scheme.
    pub scheme: Scheme,
    /// The action the request named, supported or not.
    pub action: Option<String>,
    /// The access key the request named.
    pub access_key_id: Option<String>,
    /// The account, once the gateway knows it.
    pub account_uid: Option<String>,
    /// The region the request was for.
    pub region: String,
    /// The answer's HTTP status.
    pub status: u16,
    /// The code of a refusal; for a data-plane refusal whose code no source shows, its
    /// classic message.
    pub error_code: Option<&'static str>,
    /// For a data-plane call: the host, stage, API and app.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call: Option<data_plane::CallRecord>,
}

/// A handled request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handled {
    /// What goes back to the client.
    pub response: RawResponse,
    /// What the request did.
    pub record: RequestRecord,
    /// The request's parameters as the service decoded them, for whoever records the
    /// request after it (the journal), so nobody decodes them again.
    pub params: Params,
    /// A data-plane call whose answer is an HTTP backend's: what to call. The response is
    /// then provisional until the transport passes the outcome to
    /// [`data_plane::complete`].
    pub forward: Option<Box<data_plane::BackendCall>>,
    /// In durable mode, what the answer waits for before it leaves: the commit of what the
    /// request changed, or of what it read that was not yet on disk.
    pub commit: Option<CommitTicket>,
}

/// API Gateway, in memory: the backend and the surfaces built over it.
#[derive(Debug)]
pub struct Service {
    config: Config,
    backend: Backend,
    management: Management,
    data_plane: data_plane::DataPlane,
}

impl Default for Service {
    fn default() -> Self {
        Service::new(Config::default())
    }
}

impl Service {
    /// A service with this configuration and a real-time clock.
    pub fn new(config: Config) -> Self {
        Service::with_clock(config, Arc::new(Clock::default()))
    }

    /// A service with this configuration and a clock shared with the caller.
    pub fn with_clock(config: Config, clock: Arc<Clock>) -> Self {
        Service::with_backend(config, Backend::new(clock))
    }

    /// A service over a backend made elsewhere (a durable store, say).
    pub fn with_backend(config: Config, backend: Backend) -> Self {
        Service {
            management: Management::new(&config, &backend),
            data_plane: data_plane::DataPlane::new(&config),
            backend,
            config,
        }
    }

    /// What it is configured with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The one clock of every surface.
    pub fn clock(&self) -> &Arc<Clock> {
        self.backend.clock()
    }

    /// The state.
    pub fn store(&self) -> &Store {
        self.backend.store()
    }

    /// The state and the clock every surface shares.
    pub fn backend(&self) -> &Backend {
        &self.backend
    }

    /// The access keys the service accepts.
    pub fn credentials(&self) -> impl Iterator<Item = &Credential> {
        self.management.credentials()
    }

    /// Handles a request and answers it.
    pub fn handle(&self, request: &RawRequest) -> RawResponse {
        self.handle_recorded(request).response
    }

    /// Handles a request and says what it did.
    ///
    /// In durable mode the answer must not leave before [`Handled::commit`] resolves.
    pub fn handle_recorded(&self, request: &RawRequest) -> Handled {
        // Whatever an earlier caller on this thread left is not this request's to wait for.
        drop(take_commit_ticket());
        let mut handled = match Surface::of(request) {
            Surface::Management => self.management.handle(&self.config, &self.backend, request),
            Surface::DataPlane => self.data_plane.handle(&self.config, &self.backend, request),
        };
        handled.commit = take_commit_ticket();
        handled
    }

    /// Answers `request` with `error` without running any check, in the envelope the
    /// request asked for: for what the transport refuses (a body too large, too slow).
    pub fn refuse(&self, request: &RawRequest, error: ApiError) -> Handled {
        let status = error.http_status();
        self.refuse_with_status(request, error, status)
    }

    /// [`Service::refuse`] with a chosen HTTP status (an injected fault may pick its own).
    /// A data-plane call gets the data plane's refusal (`X500ER` in `X-Ca-Error-*` headers),
    /// a management request the management API's envelope with `error`.
    pub fn refuse_with_status(&self, request: &RawRequest, error: ApiError, status: u16) -> Handled {
        match Surface::of(request) {
            Surface::Management => Management::refuse(&self.config, request, error, status),
            Surface::DataPlane => data_plane::fault(
                &self.config,
                status,
                error.code == crate::error::ErrorCode::RequestEntityTooLarge,
            ),
        }
    }

    /// How many nonces are remembered now (bounded by the configured capacity).
    pub fn remembered_nonces(&self) -> usize {
        self.management.remembered_nonces()
    }

    /// Forgets the nonces seen and the flow-control budgets spent, as a restart would; the
    /// apps stay.
    ///
    /// ```
    /// let service = cloudapi_core::Service::default();
    /// service.forget_requests();
    /// assert_eq!(service.remembered_nonces(), 0);
    /// ```
    pub fn forget_requests(&self) {
        self.management.forget_requests(&self.config);
        self.data_plane.forget_requests();
    }

    /// The configured timestamp window, for clients that want to stay inside it.
    pub fn timestamp_window(&self) -> Duration {
        self.config.timestamp_window
    }
}

/// An upper-case UUID v4, as the gateway's request ids look. The bytes come from the
/// thread's generator: `Uuid::new_v4` would ask the kernel for each id.
pub(crate) fn new_request_id() -> String {
    let uuid = uuid::Builder::from_random_bytes(rand::random()).into_uuid();
    let mut buffer = uuid::Uuid::encode_buffer();
    uuid.hyphenated().encode_upper(&mut buffer).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_shortcut_never_turns_a_data_plane_call_away() {
        let request = |host: &str, path: &str| RawRequest {
            path: path.into(),
            headers: vec![("host".into(), host.into())],
            ..RawRequest::default()
        };
        for (host, path) in [
            ("0123456789abcdef0123456789abcdef-cn-hangzhou.alicloudapi.com", "/"),
            ("G-CN-HANGZHOU.ALICLOUDAPI.COM:8080", "/weather"),
            ("g.AliCloudApi.Com:80", "/"),
            ("g.alicloudapi.com:x", "/"),
            ("127.0.0.1:8080", "/_alicloudapi/g.alicloudapi.com/x"),
            ("127.0.0.1:8080", "/"),
            ("apigateway.cn-hangzhou.aliyuncs.com", "/"),
            (".alicloudapi.com.example", "/"),
            ("", "/"),
        ] {
            let request = request(host, path);
            let addressed = data_plane::is_addressed_to_data_plane(&request);
            assert!(may_be_for_data_plane(&request) || !addressed, "{host} {path}");
            let expected = if addressed {
                Surface::DataPlane
            } else {
                Surface::Management
            };
            assert_eq!(Surface::of(&request), expected, "{host} {path}");
        }
    }

    #[test]
    fn request_ids_are_upper_case_uuid_v4() {
        let id = new_request_id();
        let parsed = uuid::Uuid::parse_str(&id).expect("a UUID");
        assert_eq!(parsed.get_version_num(), 4);
        assert_eq!(id, id.to_uppercase());
        assert_eq!(id.len(), 36);
        assert_ne!(id, new_request_id());
    }
}
