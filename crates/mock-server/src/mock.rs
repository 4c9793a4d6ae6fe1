//! A service and what its operator controls around it: the journal, the fault rules, and the
//! state a reset returns to. The HTTP adapter, the admin API and [`crate::MockServer`] all
//! go through it.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use time::OffsetDateTime;

use cloudapi_core::gateway::{self, Inspection};
use cloudapi_core::protocol::params::Params;
use cloudapi_core::store::World;
use cloudapi_core::{ApiError, Clock, Handled, RawRequest, RequestRecord, Service, StateSnapshot};

use crate::error::AdminError;
use crate::faults::{Fault, FaultId, FaultRule, Faults, Firing};
use crate::journal::{Journal, JournalEntry, JournalQuery, Kept, DEFAULT_JOURNAL_CAPACITY};
use crate::ServeOptions;

/// A [`Service`] with its journal, fault rules and seed: what [`crate::router`] and
/// [`crate::MockServer`] serve.
///
/// ```
/// use std::sync::Arc;
/// use cloudapi_mock::{Mock, ServeOptions, Service, StateSnapshot};
///
/// let mock = Mock::new(Arc::new(Service::default()))
///     .with_journal_capacity(100)
///     .with_seed(StateSnapshot::default())
///     .expect("an empty seed is valid");
/// let _router = Arc::new(mock).router(ServeOptions::default());
/// ```
#[derive(Debug)]
pub struct Mock {
    service: Arc<Service>,
    journal: Journal,
    faults: Faults,
    /// What a reset returns to: the seed, or nothing.
    baseline: StateSnapshot,
    started: Instant,
    /// Access key id to account UID, to match fault rules before the gateway checks anything.
    accounts: HashMap<String, String>,
}

/// What the mock decided about a request before handing it to the service.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    firing: Option<Firing>,
    /// Read only when a fault fired, for its envelope.
    inspection: Option<Inspection>,
}

impl Plan {
    pub(crate) fn delay(&self) -> Option<Duration> {
        self.firing.and_then(|firing| firing.effect.delay)
    }

    pub(crate) fn fault(&self) -> Option<FaultId> {
        self.firing.map(|firing| firing.id)
    }
}

impl Mock {
    /// The service with an empty journal of the default size, no fault rules, and an empty
    /// state to reset to.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// let mock = cloudapi_mock::Mock::new(Arc::new(cloudapi_mock::Service::default()));
    /// assert_eq!(mock.service().credentials().count(), 1);
    /// ```
    pub fn new(service: Arc<Service>) -> Mock {
        let accounts = service
            .credentials()
            .map(|credential| (credential.access_key_id.clone(), credential.account_uid.clone()))
            .collect();
        Mock {
            service,
            journal: Journal::new(DEFAULT_JOURNAL_CAPACITY),
            faults: Faults::default(),
            baseline: StateSnapshot::default(),
            started: Instant::now(),
            accounts,
        }
    }

    /// Keeps the latest `capacity` requests in the journal; 0 keeps none.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// let mock = cloudapi_mock::Mock::new(Arc::new(cloudapi_mock::Service::default()))
    ///     .with_journal_capacity(0);
    /// # let _ = mock;
    /// ```
    #[must_use]
    pub fn with_journal_capacity(mut self, capacity: usize) -> Mock {
        self.journal = Journal::new(capacity);
        self
    }

    /// Loads `seed` as the state, and makes it what a reset returns to.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// use cloudapi_mock::{Mock, Service, StateSnapshot};
    /// let seed: StateSnapshot = serde_json::from_str(r#"{"scopes": []}"#).unwrap();
    /// let mock = Mock::new(Arc::new(Service::default())).with_seed(seed).unwrap();
    /// # let _ = mock;
    /// ```
    pub fn with_seed(mut self, seed: StateSnapshot) -> Result<Mock, AdminError> {
        self.import_state(seed.clone())?;
        self.baseline = self.export_state();
        Ok(self)
    }

    /// Makes `seed` what a reset returns to and leaves the state as it is: a durable mock that
    /// found its state on disk keeps it.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// use cloudapi_mock::{Mock, Service, StateSnapshot};
    /// let mock = Mock::new(Arc::new(Service::default())).with_baseline(StateSnapshot::default()).unwrap();
    /// # let _ = mock;
    /// ```
    pub fn with_baseline(mut self, seed: StateSnapshot) -> Result<Mock, AdminError> {
        self.check_accounts(&seed)?;
        let world = World::import(seed).map_err(|e| AdminError::Invalid(e.to_string()))?;
        self.baseline = world.export();
        Ok(self)
    }

    /// The service behind the mock.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// let mock = cloudapi_mock::Mock::new(Arc::new(cloudapi_mock::Service::default()));
    /// assert!(!mock.service().clock().is_frozen());
    /// ```
    pub fn service(&self) -> &Arc<Service> {
        &self.service
    }

    /// The HTTP surface: the admin API under `/_mock/` (unless turned off) and the gateway for
    /// everything else.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// use cloudapi_mock::{Mock, ServeOptions, Service};
    /// let mock = Arc::new(Mock::new(Arc::new(Service::default())));
    /// let _without_admin = mock.router(ServeOptions { admin: false, ..ServeOptions::default() });
    /// ```
    pub fn router(self: &Arc<Self>, options: ServeOptions) -> Router {
        let gateway = Router::new().fallback(crate::http::handle).with_state(self.clone());
        if options.admin {
            crate::admin::routes(self.clone()).merge(gateway)
        } else {
            gateway
        }
    }

    pub(crate) fn clock(&self) -> &Arc<Clock> {
        self.service.clock()
    }

    pub(crate) fn uptime(&self) -> Duration {
        self.started.elapsed()
    }

    pub(crate) fn journal(&self) -> &Journal {
        &self.journal
    }

    // ---- the request path ----

    /// Decides on faults. Costs nothing while no rule exists.
    pub(crate) fn plan(&self, request: &RawRequest) -> Plan {
        if !self.faults.any() {
            return Plan::default();
        }
        let inspection = gateway::inspect(request, &self.service.config().default_region);
        let account_uid = self.account_of_key(inspection.access_key_id.as_deref());
        let firing = self
            .faults
            .decide(inspection.action_name.as_deref(), account_uid.as_deref());
        Plan {
            inspection: firing.is_some().then_some(inspection),
            firing,
        }
    }

    /// Answers a request: with the fault's error if one fired with an error, else as the
    /// service does.
    pub(crate) fn answer(&self, request: &RawRequest, plan: &Plan) -> Handled {
        let error = plan.firing.and_then(|firing| firing.effect.error);
        match (error, &plan.inspection) {
            (Some((code, status)), Some(inspection)) => {
                let mut handled = self.service.refuse_with_status(request, ApiError::new(code), status);
                handled.record.account_uid = self.account_of_key(inspection.access_key_id.as_deref());
                handled
            }
            _ => self.service.handle_recorded(request),
        }
    }

    /// Keeps the request in the journal.
    pub(crate) fn record(
        &self,
        arrived: OffsetDateTime,
        mut record: RequestRecord,
        params: Params,
        latency: Duration,
        plan: &Plan,
    ) {
        if self.journal.is_enabled() {
            if record.account_uid.is_none() {
                record.account_uid = self.account_of_key(record.access_key_id.as_deref());
            }
            self.journal.record(Kept {
                time: arrived,
                record,
                params,
                latency,
                fault: plan.fault(),
            });
        }
    }

    /// The account UID of an access key the mock has, before any check of the request.
    fn account_of_key(&self, access_key_id: Option<&str>) -> Option<String> {
        access_key_id.and_then(|key| self.accounts.get(key)).cloned()
    }

    // ---- what the operator does ----

    /// The account UID of an access key id, or of an account UID the mock has a key for.
    pub(crate) fn resolve_account(&self, account: &str) -> Result<String, AdminError> {
        if let Some(uid) = self.accounts.get(account) {
            return Ok(uid.clone());
        }
        if self.accounts.values().any(|uid| uid == account) {
            return Ok(account.to_owned());
        }
        Err(AdminError::UnknownAccount(account.to_owned()))
    }

    /// Back to the seed (or nothing): apps, journal, fault rules, remembered nonces,
    /// flow-control budgets, and the clock back to real time.
    pub(crate) fn reset(&self) {
        let world = World::import(self.baseline.clone()).unwrap_or_default();
        self.service.store().with(|current| *current = world);
        self.service.forget_requests();
        self.clock().return_to_real_time();
        self.journal.clear();
        self.faults.clear();
    }

    /// One account back to its seeded apps (or none), with its journal entries and the fault
    /// rules aimed at it gone; other accounts, the clock, nonces and budgets are untouched.
    pub(crate) fn reset_account(&self, account: &str) -> Result<String, AdminError> {
        let uid = self.resolve_account(account)?;
        self.service
            .store()
            .with(|world| world.reset_account(&uid, &self.baseline))
            .map_err(|e| AdminError::Conflict(e.to_string()))?;
        self.journal.forget_account(&uid);
        self.faults.forget_account(&uid);
        Ok(uid)
    }

    pub(crate) fn export_state(&self) -> StateSnapshot {
        self.service.store().with(|world| world.export())
    }

    /// Replaces all apps by the document's; refused as a whole if it is inconsistent or
    /// names an account the mock has no access key for.
    pub(crate) fn import_state(&self, snapshot: StateSnapshot) -> Result<(), AdminError> {
        self.check_accounts(&snapshot)?;
        let world = World::import(snapshot).map_err(|e| AdminError::Invalid(e.to_string()))?;
        self.service.store().with(|current| *current = world);
        Ok(())
    }

    /// Every account of the document has an access key in this mock.
    fn check_accounts(&self, snapshot: &StateSnapshot) -> Result<(), AdminError> {
        if let Some(scope) = snapshot
            .scopes
            .iter()
            .find(|scope| !self.accounts.values().any(|uid| *uid == scope.account_uid))
        {
            return Err(AdminError::Invalid(format!(
                "account UID {} has no access key in this mock; add one (--account ID:SECRET:{})",
                scope.account_uid, scope.account_uid
            )));
        }
        Ok(())
    }

    pub(crate) fn query_journal(&self, query: &JournalQuery) -> Vec<JournalEntry> {
        self.journal.query(query)
    }

    pub(crate) fn inject_fault(&self, rule: FaultRule) -> Result<FaultId, AdminError> {
        let account_uid = rule
            .account
            .as_deref()
            .map(|account| self.resolve_account(account))
            .transpose()?;
        self.faults.add(rule, account_uid)
    }

    pub(crate) fn faults(&self) -> Vec<Fault> {
        self.faults.list()
    }

    pub(crate) fn remove_fault(&self, id: FaultId) -> bool {
        self.faults.remove(id)
    }

    pub(crate) fn clear_faults(&self) {
        self.faults.clear();
    }
}
