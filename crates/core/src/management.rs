//! The first surface: CloudAPI 2016-07-14's management API. A request goes through the
//! gateway's POP checks ([`crate::gateway`]: format, action, signature, timestamp, nonce,
//! throttling), then the operation's declared parameters, then the action against the
//! tenancy of (account, region), and leaves in the RPC envelope (JSON or XML).

use crate::actions::Context;
use crate::backend::Backend;
use crate::config::{Config, Credential};
use crate::error::ApiError;
use crate::gateway::{self, Credentials, Gatekeeper};
use crate::nonce::NonceMemory;
use crate::protocol::envelope;
use crate::protocol::request::RawRequest;
use crate::service::{new_request_id, Handled, RequestRecord, Surface};
use crate::store::Scope;
use crate::throttle::Throttle;

/// What the management API's gateway remembers between requests: the access keys it
/// accepts, the nonces it has seen, the flow-control budgets spent.
#[derive(Debug)]
pub struct Management {
    credentials: Credentials,
    nonces: NonceMemory,
    throttle: Throttle,
}

impl Management {
    /// The management surface for this configuration, over this backend's clock.
    pub fn new(config: &Config, backend: &Backend) -> Management {
        Management {
            credentials: config
                .all_credentials()
                .into_iter()
                .map(|credential| (credential.access_key_id.clone(), credential))
                .collect(),
            nonces: NonceMemory::new(config.nonce_capacity),
            throttle: Throttle::new(backend.clock().clone(), config.throttle_per_second),
        }
    }

    /// The access keys the gateway accepts.
    pub fn credentials(&self) -> impl Iterator<Item = &Credential> {
        self.credentials.values()
    }

    /// How many nonces are remembered now.
    pub fn remembered_nonces(&self) -> usize {
        self.nonces.len()
    }

    /// Forgets the nonces seen and the budgets spent, as a restart would.
    pub fn forget_requests(&self, config: &Config) {
        self.nonces.clear();
        self.throttle.set_rate(config.throttle_per_second);
    }

    /// A management request: the gateway's checks, then the operation.
    pub fn handle(&self, config: &Config, backend: &Backend, request: &RawRequest) -> Handled {
        let request_id = new_request_id();
        let inspection = gateway::inspect(request, &config.default_region);
        let now = backend.clock().now();
        let gatekeeper = Gatekeeper {
            config,
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
                config,
                store: backend.store(),
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
            call: None,
        };
        Handled {
            response,
            record,
            params: inspection.params,
            forward: None,
            commit: None,
        }
    }

    /// Answers `request` with `error` and `status` without running any check, in the
    /// envelope the request asked for.
    pub fn refuse(config: &Config, request: &RawRequest, error: ApiError, status: u16) -> Handled {
        let request_id = new_request_id();
        let inspection = gateway::inspect(request, &config.default_region);
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
                call: None,
            },
            response,
            params: inspection.params,
            forward: None,
            commit: None,
        }
    }
}
