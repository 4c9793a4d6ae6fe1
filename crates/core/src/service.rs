//! The service: one request in, one response out, and a record of what happened.
//!
//! It holds the backend (the store, the clock, the nonces, the throttle) and hands each
//! request to the surface it is addressed to: the data plane when its Host is one of the
//! gateway's API domains, the management API otherwise. A surface is a module; adding one
//! is a module and an arm of [`Service::handle_recorded`], nothing in the others.

use std::sync::Arc;
use std::time::Duration;

use crate::actions::Context;
use crate::clock::Clock;
use crate::config::{Config, Credential};
use crate::data_plane;
use crate::error::ApiError;
use crate::gateway::{self, Credentials, Gatekeeper};
use crate::nonce::NonceMemory;
use crate::protocol::envelope;
use crate::protocol::params::Params;
use crate::protocol::request::{RawRequest, RawResponse};
use crate::protocol::signature::Scheme;
use crate::store::{Scope, Store};
use crate::throttle::Throttle;

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
        if data_plane::is_addressed_to_data_plane(request) {
            Surface::DataPlane
        } else {
            Surface::Management
        }
    }
}

/// What one request did, for logs and the journal. Never holds a secret or a signature.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RequestRecord {
    pub request_id: String,
    pub surface: Surface,
    /// The management API's signature scheme; `V2` for data-plane calls, which sign with
    /// their own scheme.
    pub scheme: Scheme,
    pub action: Option<String>,
    pub access_key_id: Option<String>,
    pub account_uid: Option<String>,
    pub region: String,
    pub status: u16,
    pub error_code: Option<&'static str>,
}

/// A handled request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handled {
    pub response: RawResponse,
    pub record: RequestRecord,
    /// The request's parameters as the service decoded them, for whoever records the
    /// request after it (the journal), so nobody decodes them again.
    pub params: Params,
}

/// API Gateway's management API for apps, in memory.
#[derive(Debug)]
pub struct Service {
    config: Config,
    credentials: Credentials,
    clock: Arc<Clock>,
    store: Store,
    nonces: NonceMemory,
    throttle: Throttle,
}

impl Default for Service {
    fn default() -> Self {
        Service::new(Config::default())
    }
}

impl Service {
    pub fn new(config: Config) -> Self {
        Service::with_clock(config, Arc::new(Clock::default()))
    }

    pub fn with_clock(config: Config, clock: Arc<Clock>) -> Self {
        let credentials = config
            .all_credentials()
            .into_iter()
            .map(|credential| (credential.access_key_id.clone(), credential))
            .collect();
        Service {
            nonces: NonceMemory::new(config.nonce_capacity),
            throttle: Throttle::new(clock.clone(), config.throttle_per_second),
            credentials,
            clock,
            store: Store::default(),
            config,
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn clock(&self) -> &Arc<Clock> {
        &self.clock
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The access keys the service accepts.
    pub fn credentials(&self) -> impl Iterator<Item = &Credential> {
        self.credentials.values()
    }

    pub fn handle(&self, request: &RawRequest) -> RawResponse {
        self.handle_recorded(request).response
    }

    /// Handles a request and says what it did.
    pub fn handle_recorded(&self, request: &RawRequest) -> Handled {
        match Surface::of(request) {
            Surface::Management => self.handle_management(request),
            Surface::DataPlane => self.handle_data_plane(request),
        }
    }

    /// A call to a deployed API: routed, checked and answered by the data plane.
    fn handle_data_plane(&self, request: &RawRequest) -> Handled {
        let request_id = new_request_id();
        let outcome = self.store.read(|world| data_plane::serve(world, request));
        let (response, error_code) = match outcome {
            Ok(response) => (response, None),
            Err(err) => (data_plane::refusal(&err, &request_id), Some(err.code.entry().code)),
        };
        Handled {
            record: RequestRecord {
                request_id,
                surface: Surface::DataPlane,
                scheme: Scheme::V2,
                action: None,
                access_key_id: None,
                account_uid: None,
                region: self.config.default_region.clone(),
                status: response.status,
                error_code,
            },
            response,
            params: Params::new(Vec::new()),
        }
    }

    /// A management API request: the gateway's POP checks, then the operation.
    fn handle_management(&self, request: &RawRequest) -> Handled {
        let request_id = new_request_id();
        let inspection = gateway::inspect(request, &self.config.default_region);
        let now = self.clock.now();
        let gatekeeper = Gatekeeper {
            config: &self.config,
            credentials: &self.credentials,
            nonces: &self.nonces,
            throttle: &self.throttle,
            now,
        };
        let mut account_uid = None;
        let outcome = gatekeeper.admit(request, &inspection).and_then(|admitted| {
            let scope = Scope {
                account_uid: admitted.credential.account_uid.clone(),
                region: inspection.region.clone(),
            };
            let context = Context {
                params: &inspection.params,
                scope: &scope,
                now,
                config: &self.config,
                store: &self.store,
            };
            account_uid = Some(scope.account_uid.clone());
            admitted.action.run(&context, &request_id, inspection.format)
        });
        let (response, error_code) = match outcome {
            Ok(response) => (response, None),
            Err(err) => (
                envelope::error(&err, &request_id, &inspection.region, inspection.format),
                Some(err.code.as_str()),
            ),
        };
        // Built last, so that it takes the inspection's strings instead of copying them.
        let record = RequestRecord {
            request_id,
            surface: Surface::Management,
            scheme: inspection.scheme,
            action: inspection.action_name,
            access_key_id: inspection.access_key_id,
            account_uid,
            region: inspection.region,
            status: response.status,
            error_code,
        };
        Handled {
            response,
            record,
            params: inspection.params,
        }
    }

    /// Answers `request` with `error` without running any check, in the envelope the
    /// request asked for: for what the transport refuses (a body too large, too slow).
    pub fn refuse(&self, request: &RawRequest, error: ApiError) -> Handled {
        let status = error.http_status();
        self.refuse_with_status(request, error, status)
    }

    /// [`Service::refuse`] with a chosen HTTP status (an injected fault may pick its own).
    pub fn refuse_with_status(&self, request: &RawRequest, error: ApiError, status: u16) -> Handled {
        let request_id = new_request_id();
        let inspection = gateway::inspect(request, &self.config.default_region);
        let response = envelope::error_with_status(&error, status, &request_id, &inspection.region, inspection.format);
        Handled {
            record: RequestRecord {
                request_id,
                surface: Surface::of(request),
                scheme: inspection.scheme,
                action: inspection.action_name,
                access_key_id: inspection.access_key_id,
                account_uid: None,
                region: inspection.region,
                status: response.status,
                error_code: Some(error.code.as_str()),
            },
            response,
            params: inspection.params,
        }
    }

    /// How many nonces are remembered now (bounded by the configured capacity).
    pub fn remembered_nonces(&self) -> usize {
        self.nonces.len()
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
        self.nonces.clear();
        self.throttle.set_rate(self.config.throttle_per_second);
    }

    /// The configured timestamp window, for clients that want to stay inside it.
    pub fn timestamp_window(&self) -> Duration {
        self.config.timestamp_window
    }
}

/// An upper-case UUID v4, as the gateway's request ids look. The bytes come from the
/// thread's generator: `Uuid::new_v4` would ask the kernel for each id.
fn new_request_id() -> String {
    let uuid = uuid::Builder::from_random_bytes(rand::random()).into_uuid();
    let mut buffer = uuid::Uuid::encode_buffer();
    uuid.hyphenated().encode_upper(&mut buffer).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

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
