//! A service and what its operator controls around it: the journal, the fault rules, and the
//! state a reset returns to. The HTTP adapter, the admin API and [`crate::MockServer`] all
//! go through it.

use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use time::OffsetDateTime;
use tokio::net::TcpListener;

use cloudapi_core::backend::Backend;
use cloudapi_core::gateway::{self, Inspection};
use cloudapi_core::protocol::params::Params;
use cloudapi_core::store::{take_commit_ticket, OpenError, Store, World};
use cloudapi_core::{ApiError, Clock, Config, Credential, Handled, RawRequest, RequestRecord, Service, StateSnapshot};

use crate::error::AdminError;
use crate::faults::{Fault, FaultId, FaultRule, Faults, Firing};
use crate::journal::{Journal, JournalEntry, JournalQuery, Kept, DEFAULT_JOURNAL_CAPACITY, DEFAULT_JOURNAL_MAX_BYTES};

/// A mock without a socket: a [`Service`] with its journal, fault rules and seed, the
/// HTTP surface ([`Mock::router`], to drive with `tower::ServiceExt::oneshot`), and the
/// operator's controls from Rust: reset, state, journal, clock and faults, as the admin API
/// offers them over HTTP. A clone is the same mock. [`crate::MockServer`] serves one on a
/// socket and hands out the same controls.
///
/// ```
/// use tower::ServiceExt;
/// use cloudapi_mock::Mock;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let mock = Mock::default();
/// let request = axum::http::Request::get("/?Action=CreateApp").body(axum::body::Body::empty()).unwrap();
/// let response = mock.router().oneshot(request).await.unwrap();
/// assert_eq!(response.status(), 400);
/// assert_eq!(mock.journal()[0].error_code, Some("MissingParameter"));
/// mock.reset();
/// assert!(mock.journal().is_empty());
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Mock {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    service: Arc<Service>,
    journal: Journal,
    faults: Faults,
    /// What a reset returns to: the seed, or nothing.
    baseline: StateSnapshot,
    started: Instant,
    /// Access key id to account UID, to match fault rules before the gateway checks anything.
    accounts: HashMap<String, String>,
    /// Whether the router serves `/_mock/*`.
    admin: bool,
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

impl Default for Mock {
    /// The default configuration (`testid` / `testsecret`), no seed, the admin API on.
    fn default() -> Self {
        Mock::from_parts(
            Arc::new(Service::default()),
            Journal::new(DEFAULT_JOURNAL_CAPACITY, DEFAULT_JOURNAL_MAX_BYTES),
            true,
        )
    }
}

/// Everything a mock can be set up with; [`MockBuilder::build`] makes a [`Mock`],
/// [`MockBuilder::start`] serves one on a loopback port.
///
/// ```
/// use std::time::Duration;
/// use cloudapi_mock::{Config, MockServer, StateSnapshot};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let server = MockServer::builder()
///     .config(Config { app_quota: 5, ..Config::default() })
///     .seed(StateSnapshot::default())
///     .journal_capacity(100)
///     .journal_max_bytes(1024 * 1024)
///     .header_read_timeout(Duration::from_secs(2))
///     .start()
///     .await
///     .unwrap();
/// assert_eq!(server.service().config().app_quota, 5);
/// # }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct MockBuilder {
    config: Config,
    service: Option<Arc<Service>>,
    data_dir: Option<PathBuf>,
    seed: Option<StateSnapshot>,
    journal_capacity: usize,
    journal_max_bytes: usize,
    admin: bool,
    header_read_timeout: Duration,
    listen: SocketAddr,
}

impl Default for MockBuilder {
    fn default() -> Self {
        MockBuilder {
            config: Config::default(),
            service: None,
            data_dir: None,
            seed: None,
            journal_capacity: DEFAULT_JOURNAL_CAPACITY,
            journal_max_bytes: DEFAULT_JOURNAL_MAX_BYTES,
            admin: true,
            header_read_timeout: crate::serve::HEADER_READ_TIMEOUT,
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        }
    }
}

impl MockBuilder {
    /// The service's configuration: accounts, region, limits, strictness. Checked when the
    /// mock is built ([`Config::validate`]).
    ///
    /// ```
    /// use cloudapi_mock::{Config, Credential, Mock};
    /// let config = Config { credentials: vec![Credential::parse("ci:ci-secret:42").unwrap()], ..Config::default() };
    /// let mock = Mock::builder().config(config).build().unwrap();
    /// assert_eq!(mock.service().credentials().count(), 2);
    /// ```
    pub fn config(mut self, config: Config) -> MockBuilder {
        self.config = config;
        self
    }

    /// Serves this service rather than a new one (to share its clock or state with the test);
    /// [`MockBuilder::config`] is then unused.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use cloudapi_mock::{Clock, Config, Mock, Service};
    /// let clock = Arc::new(Clock::default());
    /// let service = Arc::new(Service::with_clock(Config::default(), clock.clone()));
    /// let mock = Mock::builder().service(service).build().unwrap();
    /// assert!(Arc::ptr_eq(mock.service().clock(), &clock));
    /// ```
    pub fn service(mut self, service: Arc<Service>) -> MockBuilder {
        self.service = Some(service);
        self
    }

    /// Keeps the state in `dir` too, as the binary's `--data-dir` does: the state found there
    /// is read back, and every write is committed to disk (fsynced) before its answer leaves,
    /// so a mock built later on the same directory starts where this one stopped. The
    /// journal, the fault rules and the clock stay in memory. One mock holds a directory at
    /// a time: building a second on it while the first lives is refused
    /// ([`StartError::DataDir`]), as is a directory written by another version or damaged.
    /// With a [`MockBuilder::seed`], the seed is loaded only into a directory that holds no
    /// state; otherwise it is only what a reset returns to. Not for a
    /// [`MockBuilder::service`], whose store is already made.
    ///
    /// ```
    /// use cloudapi_mock::{Mock, StartError};
    /// let dir = tempfile::tempdir().unwrap();
    /// let mock = Mock::builder().data_dir(dir.path()).build().unwrap();
    /// assert!(mock.service().store().data_file().is_some());
    /// // The directory is this mock's while it lives.
    /// let second = Mock::builder().data_dir(dir.path()).build();
    /// assert!(matches!(second, Err(StartError::DataDir(_))));
    /// drop(mock);
    /// assert!(Mock::builder().data_dir(dir.path()).build().is_ok());
    /// ```
    pub fn data_dir(mut self, dir: impl Into<PathBuf>) -> MockBuilder {
        self.data_dir = Some(dir.into());
        self
    }

    /// A state document (as [`Mock::export_state`] gives) to start with; resets return to it.
    ///
    /// ```
    /// use cloudapi_mock::{Mock, StateSnapshot};
    /// let seed: StateSnapshot = serde_json::from_str(r#"{"scopes": []}"#).unwrap();
    /// let mock = Mock::builder().seed(seed.clone()).build().unwrap();
    /// assert_eq!(mock.export_state(), seed);
    /// ```
    pub fn seed(mut self, seed: StateSnapshot) -> MockBuilder {
        self.seed = Some(seed);
        self
    }

    /// Keeps the latest `capacity` requests in the journal (default
    /// [`DEFAULT_JOURNAL_CAPACITY`]); 0 keeps none.
    ///
    /// ```
    /// let mock = cloudapi_mock::Mock::builder().journal_capacity(0).build().unwrap();
    /// # let _ = mock;
    /// ```
    pub fn journal_capacity(mut self, capacity: usize) -> MockBuilder {
        self.journal_capacity = capacity;
        self
    }

    /// Keeps at most `max_bytes` of requests in the journal (default
    /// [`DEFAULT_JOURNAL_MAX_BYTES`]); the oldest make room.
    ///
    /// ```
    /// let mock = cloudapi_mock::Mock::builder().journal_max_bytes(64 * 1024).build().unwrap();
    /// # let _ = mock;
    /// ```
    pub fn journal_max_bytes(mut self, max_bytes: usize) -> MockBuilder {
        self.journal_max_bytes = max_bytes;
        self
    }

    /// Whether `/_mock/*` is served (default: yes), as the binary's `--no-admin` turns off.
    ///
    /// ```
    /// let gateway_only = cloudapi_mock::Mock::builder().admin(false).build().unwrap();
    /// # let _ = gateway_only;
    /// ```
    pub fn admin(mut self, admin: bool) -> MockBuilder {
        self.admin = admin;
        self
    }

    /// How long a client may take to send a request head before it is cut off (default ten
    /// seconds); for [`MockBuilder::start`].
    ///
    /// ```
    /// let builder = cloudapi_mock::Mock::builder().header_read_timeout(std::time::Duration::from_secs(1));
    /// # let _ = builder;
    /// ```
    pub fn header_read_timeout(mut self, timeout: Duration) -> MockBuilder {
        self.header_read_timeout = timeout;
        self
    }

    /// The address [`MockBuilder::start`] listens on (default `127.0.0.1:0`, an ephemeral
    /// loopback port).
    ///
    /// ```
    /// let builder = cloudapi_mock::Mock::builder().listen(([127, 0, 0, 1], 0).into());
    /// # let _ = builder;
    /// ```
    pub fn listen(mut self, address: SocketAddr) -> MockBuilder {
        self.listen = address;
        self
    }

    /// The mock, without a socket; refused if the configuration or the seed is invalid.
    ///
    /// ```
    /// use std::time::Duration;
    /// use cloudapi_mock::{Config, Mock, StartError};
    /// let forever = Config { nonce_ttl: Duration::from_secs(u64::MAX), ..Config::default() };
    /// assert!(matches!(Mock::builder().config(forever).build(), Err(StartError::InvalidConfig(_))));
    /// ```
    pub fn build(self) -> Result<Mock, StartError> {
        let service = match (self.service, self.data_dir) {
            (Some(_), Some(_)) => {
                return Err(StartError::InvalidConfig(
                    "a data directory is for a mock's own service, not for one given to the builder".to_owned(),
                ))
            }
            (Some(service), None) => service,
            (None, None) => {
                self.config.validate().map_err(StartError::InvalidConfig)?;
                Arc::new(Service::new(self.config))
            }
            (None, Some(dir)) => {
                self.config.validate().map_err(StartError::InvalidConfig)?;
                let store = Store::open_durable(&dir).map_err(StartError::DataDir)?;
                let backend = Backend::with_store(store, Arc::new(Clock::default()));
                Arc::new(Service::with_backend(self.config, backend))
            }
        };
        let mock = Mock::from_parts(
            service,
            Journal::new(self.journal_capacity, self.journal_max_bytes),
            self.admin,
        );
        match self.seed {
            Some(seed) => mock.with_seed(seed).map_err(StartError::InvalidSeed),
            None => Ok(mock),
        }
    }

    /// Builds the mock and serves it in the background of the current tokio runtime; it stops
    /// when the [`crate::MockServer`] is dropped.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let server = cloudapi_mock::Mock::builder().start().await.unwrap();
    /// assert!(server.uri().starts_with("http://127.0.0.1:"));
    /// # }
    /// ```
    pub async fn start(self) -> Result<crate::MockServer, StartError> {
        let listen = self.listen;
        let header_read_timeout = self.header_read_timeout;
        let mock = self.build()?;
        let listener = TcpListener::bind(listen)
            .await
            .map_err(|e| StartError::Listen(listen, e))?;
        crate::MockServer::serve(mock, listener, header_read_timeout).map_err(|e| StartError::Listen(listen, e))
    }
}

/// Why a mock could not be built or started.
///
/// ```
/// use cloudapi_mock::{Mock, StartError, StateSnapshot};
/// let mut seed = StateSnapshot::default();
/// seed.format = 99;
/// let refused = Mock::builder().seed(seed).build().unwrap_err();
/// assert!(matches!(refused, StartError::InvalidSeed(_)));
/// ```
#[derive(Debug)]
pub enum StartError {
    /// The configuration breaks a bound ([`Config::validate`]).
    InvalidConfig(String),
    /// The seed is not a consistent state document for this mock's accounts.
    InvalidSeed(AdminError),
    /// The address could not be listened on.
    Listen(SocketAddr, std::io::Error),
    /// The data directory ([`MockBuilder::data_dir`]) cannot be used: in use by another
    /// mock, written by another version, damaged, or not writable. Nothing in it was changed.
    DataDir(OpenError),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::InvalidConfig(message) => f.write_str(message),
            StartError::InvalidSeed(error) => write!(f, "invalid seed: {error}"),
            StartError::Listen(address, error) => write!(f, "cannot listen on {address}: {error}"),
            StartError::DataDir(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for StartError {}

impl Mock {
    /// Everything a mock can be set up with, from the defaults.
    ///
    /// ```
    /// let mock = cloudapi_mock::Mock::builder().journal_capacity(10).build().unwrap();
    /// assert!(mock.journal().is_empty());
    /// ```
    pub fn builder() -> MockBuilder {
        MockBuilder::default()
    }

    fn from_parts(service: Arc<Service>, journal: Journal, admin: bool) -> Mock {
        let accounts = service
            .credentials()
            .map(|credential| (credential.access_key_id.clone(), credential.account_uid.clone()))
            .collect();
        Mock {
            shared: Arc::new(Shared {
                service,
                journal,
                faults: Faults::default(),
                baseline: StateSnapshot::default(),
                started: Instant::now(),
                accounts,
                admin,
            }),
        }
    }

    /// Loads `seed` as the state, and makes it what a reset returns to; only while the mock
    /// is being built, before anything else holds it.
    ///
    /// A durable store that found state in its directory keeps it: the seed is then only what
    /// a reset returns to. A seed that is loaded is committed before the mock is handed out.
    fn with_seed(mut self, seed: StateSnapshot) -> Result<Mock, AdminError> {
        let baseline = if self.service().store().restored() {
            self.check_accounts(&seed)?;
            World::import(seed)
                .map_err(|e| AdminError::Invalid(e.to_string()))?
                .export()
        } else {
            self.import_state(seed)?;
            if let Some(ticket) = take_commit_ticket() {
                ticket.wait().map_err(|e| AdminError::NotDurable(e.to_string()))?;
            }
            self.export_state()
        };
        Arc::get_mut(&mut self.shared)
            .ok_or_else(|| AdminError::Conflict("the mock is already shared".to_owned()))?
            .baseline = baseline;
        Ok(self)
    }

    /// The service behind the mock: its store, clock and configuration.
    ///
    /// ```
    /// let mock = cloudapi_mock::Mock::default();
    /// assert_eq!(mock.service().config().app_quota, 1000);
    /// ```
    pub fn service(&self) -> &Arc<Service> {
        &self.shared.service
    }

    /// The configured default account's credential: `testid` / `testsecret` unless the
    /// configuration gives `testid` another secret or UID.
    ///
    /// ```
    /// use cloudapi_mock::{Config, Credential, Mock};
    /// assert_eq!(Mock::default().credential().access_key_secret, "testsecret");
    /// let config = Config { credentials: vec![Credential::parse("testid:rotated").unwrap()], ..Config::default() };
    /// let mock = Mock::builder().config(config).build().unwrap();
    /// assert_eq!(mock.credential().access_key_secret, "rotated");
    /// ```
    pub fn credential(&self) -> Credential {
        let default = Credential::default_account();
        self.service()
            .credentials()
            .find(|credential| credential.access_key_id == default.access_key_id)
            .cloned()
            .unwrap_or(default)
    }

    /// The HTTP surface: the admin API under `/_mock/` (unless turned off) and the gateway for
    /// everything else. Drive it with `tower::ServiceExt::oneshot`, or serve it.
    ///
    /// ```
    /// use tower::ServiceExt;
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let app = cloudapi_mock::Mock::default().router();
    /// let request = axum::http::Request::get("/_mock/health").body(axum::body::Body::empty()).unwrap();
    /// assert_eq!(app.oneshot(request).await.unwrap().status(), 200);
    /// # }
    /// ```
    pub fn router(&self) -> Router {
        let gateway = Router::new().fallback(crate::http::handle).with_state(self.clone());
        if self.shared.admin {
            crate::admin::routes(self.clone()).merge(gateway)
        } else {
            gateway
        }
    }

    pub(crate) fn clock(&self) -> &Arc<Clock> {
        self.service().clock()
    }

    pub(crate) fn uptime(&self) -> Duration {
        self.shared.started.elapsed()
    }

    pub(crate) fn journal_store(&self) -> &Journal {
        &self.shared.journal
    }

    // ---- the request path ----

    /// Decides on faults. Costs nothing while no rule exists.
    pub(crate) fn plan(&self, request: &RawRequest) -> Plan {
        if !self.shared.faults.any() {
            return Plan::default();
        }
        let inspection = gateway::inspect(request, &self.service().config().default_region);
        let account_uid = self.account_of_key(inspection.access_key_id.as_deref());
        let firing = self
            .shared
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
                let mut handled = self.service().refuse_with_status(request, ApiError::new(code), status);
                handled.record.account_uid = self.account_of_key(inspection.access_key_id.as_deref());
                handled
            }
            _ => self.service().handle_recorded(request),
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
        if self.shared.journal.is_enabled() {
            if record.account_uid.is_none() {
                record.account_uid = self.account_of_key(record.access_key_id.as_deref());
            }
            self.shared
                .journal
                .record(Kept::new(arrived, record, &params, latency, plan.fault()));
        }
    }

    /// The account UID of an access key the mock has, before any check of the request.
    fn account_of_key(&self, access_key_id: Option<&str>) -> Option<String> {
        access_key_id.and_then(|key| self.shared.accounts.get(key)).cloned()
    }

    // ---- what the operator does ----

    /// The account UID of an access key id, or of an account UID the mock has a key for.
    pub(crate) fn resolve_account(&self, account: &str) -> Result<String, AdminError> {
        if let Some(uid) = self.shared.accounts.get(account) {
            return Ok(uid.clone());
        }
        if self.shared.accounts.values().any(|uid| uid == account) {
            return Ok(account.to_owned());
        }
        Err(AdminError::UnknownAccount(account.to_owned()))
    }

    /// Back to the start (the seed, or nothing): every account's apps, the journal, the fault
    /// rules, remembered nonces, flow-control budgets, and the clock back to real time.
    /// As `POST /_mock/reset`.
    ///
    /// ```
    /// use cloudapi_mock::{ErrorCode, FaultRule, Mock};
    /// let mock = Mock::default();
    /// mock.inject_fault(FaultRule::error(ErrorCode::InternalError)).unwrap();
    /// mock.reset();
    /// assert!(mock.faults().is_empty());
    /// ```
    pub fn reset(&self) {
        let world = World::import(self.shared.baseline.clone()).unwrap_or_default();
        self.service().store().with(|current| *current = world);
        self.service().forget_requests();
        self.clock().return_to_real_time();
        self.shared.journal.clear();
        self.shared.faults.clear();
    }

    /// One account back to its seeded apps (or none), its journal entries and the fault
    /// rules aimed at it gone; other accounts, the clock, nonces and budgets untouched. The
    /// account is named by access key id or account UID; the answer is its UID. As
    /// `POST /_mock/reset?account=ID`.
    ///
    /// ```
    /// let mock = cloudapi_mock::Mock::default();
    /// assert_eq!(mock.reset_account("testid").unwrap(), "1234567890123456");
    /// assert!(mock.reset_account("nobody").is_err());
    /// ```
    pub fn reset_account(&self, account: &str) -> Result<String, AdminError> {
        let uid = self.resolve_account(account)?;
        self.service()
            .store()
            .with(|world| world.reset_account(&uid, &self.shared.baseline))
            .map_err(|e| AdminError::Conflict(e.to_string()))?;
        self.shared.journal.forget_account(&uid);
        self.shared.faults.forget_account(&uid);
        Ok(uid)
    }

    /// All state as a document, as `GET /_mock/state`; [`Mock::import_state`] and a seed
    /// take it back.
    ///
    /// ```
    /// let mock = cloudapi_mock::Mock::default();
    /// let state = mock.export_state();
    /// assert!(state.scopes.is_empty());
    /// mock.import_state(state.clone()).unwrap();
    /// assert_eq!(mock.export_state(), state);
    /// ```
    pub fn export_state(&self) -> StateSnapshot {
        self.service().store().with(|world| world.export())
    }

    /// Replaces all apps by the document's, as `PUT /_mock/state`; refused as a whole (and
    /// nothing changed) if it is inconsistent or names an account the mock has no access key
    /// for.
    ///
    /// ```
    /// let mock = cloudapi_mock::Mock::default();
    /// let mut state = mock.export_state();
    /// state.format = 99;
    /// assert!(mock.import_state(state).is_err());
    /// ```
    pub fn import_state(&self, snapshot: StateSnapshot) -> Result<(), AdminError> {
        self.check_accounts(&snapshot)?;
        let world = World::import(snapshot).map_err(|e| AdminError::Invalid(e.to_string()))?;
        self.service().store().with(|current| *current = world);
        Ok(())
    }

    /// Every account of the document has an access key in this mock.
    fn check_accounts(&self, snapshot: &StateSnapshot) -> Result<(), AdminError> {
        if let Some(scope) = snapshot
            .scopes
            .iter()
            .find(|scope| !self.shared.accounts.values().any(|uid| *uid == scope.account_uid))
        {
            return Err(AdminError::Invalid(format!(
                "account UID {} has no access key in this mock; add one (--account ID:SECRET:{})",
                scope.account_uid, scope.account_uid
            )));
        }
        Ok(())
    }

    /// Every request the journal keeps, newest first.
    ///
    /// ```
    /// use tower::ServiceExt;
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = cloudapi_mock::Mock::default();
    /// let request = axum::http::Request::get("/?Action=CreateApp").body(axum::body::Body::empty()).unwrap();
    /// mock.router().oneshot(request).await.unwrap();
    /// let latest = &mock.journal()[0];
    /// assert_eq!(latest.action.as_deref(), Some("CreateApp"));
    /// assert_eq!(latest.error_code, Some("MissingParameter"));
    /// # }
    /// ```
    pub fn journal(&self) -> Vec<JournalEntry> {
        self.journal_matching(&JournalQuery::default())
    }

    /// The requests the query admits, newest first, as `GET /_mock/journal?...`.
    ///
    /// ```
    /// use cloudapi_mock::{JournalQuery, Mock};
    /// let mock = Mock::default();
    /// let query = JournalQuery { account: Some("testid".into()), limit: Some(10), ..JournalQuery::default() };
    /// assert!(mock.journal_matching(&query).is_empty());
    /// ```
    pub fn journal_matching(&self, query: &JournalQuery) -> Vec<JournalEntry> {
        self.shared.journal.query(query)
    }

    /// Forgets every journal entry, as `DELETE /_mock/journal`.
    ///
    /// ```
    /// let mock = cloudapi_mock::Mock::default();
    /// mock.clear_journal();
    /// assert!(mock.journal().is_empty());
    /// ```
    pub fn clear_journal(&self) {
        self.shared.journal.clear();
    }

    /// Freezes the mock's clock at `at`: response times, the signature window, nonce memory
    /// and flow control all follow it. As `POST /_mock/clock {"now": ...}`, a time outside
    /// the clock's range ([`Clock::EARLIEST`] to [`Clock::LATEST`]) is refused and changes
    /// nothing.
    ///
    /// ```
    /// use time::macros::datetime;
    /// let mock = cloudapi_mock::Mock::default();
    /// mock.set_time(datetime!(2026-11-30 09:31:28 UTC)).unwrap();
    /// assert_eq!(mock.service().clock().now(), datetime!(2026-11-30 09:31:28 UTC));
    /// assert!(mock.set_time(datetime!(9999-12-31 23:59:59 -1)).is_err());
    /// ```
    pub fn set_time(&self, at: OffsetDateTime) -> Result<(), AdminError> {
        self.clock().try_set(at).map_err(|e| AdminError::Invalid(e.to_string()))
    }

    /// Moves the mock's clock forward (or back, when negative), frozen or not. As
    /// `POST /_mock/clock {"advance_secs": N}`, a move out of the clock's range is refused
    /// and changes nothing.
    ///
    /// ```
    /// use time::macros::datetime;
    /// let mock = cloudapi_mock::Mock::default();
    /// mock.set_time(datetime!(2026-11-30 09:31:28 UTC)).unwrap();
    /// mock.advance_time(time::Duration::minutes(31)).unwrap();
    /// assert_eq!(mock.service().clock().now(), datetime!(2026-11-30 10:02:28 UTC));
    /// assert!(mock.advance_time(time::Duration::MAX).is_err());
    /// ```
    pub fn advance_time(&self, by: time::Duration) -> Result<(), AdminError> {
        self.clock()
            .try_advance(by)
            .map_err(|e| AdminError::Invalid(e.to_string()))
    }

    /// Back to real time (with the skew the clock was made with), as `DELETE /_mock/clock`.
    ///
    /// ```
    /// use time::macros::datetime;
    /// let mock = cloudapi_mock::Mock::default();
    /// mock.set_time(datetime!(2026-11-30 09:31:28 UTC)).unwrap();
    /// mock.resume_real_time();
    /// assert!(!mock.service().clock().is_frozen());
    /// ```
    pub fn resume_real_time(&self) {
        self.clock().return_to_real_time();
    }

    /// Adds a fault rule, checked after those already there; as `POST /_mock/faults`. A
    /// rule naming an account the mock does not have is refused.
    ///
    /// ```
    /// use tower::ServiceExt;
    /// use cloudapi_mock::{Action, ErrorCode, FaultRule, Mock};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = Mock::default();
    /// let once = FaultRule::error(ErrorCode::ServiceUnavailable).for_action(Action::CreateApp).times(1).unwrap();
    /// mock.inject_fault(once).unwrap();
    /// let call = || axum::http::Request::get("/?Action=CreateApp&Version=2016-07-14&Format=JSON")
    ///     .body(axum::body::Body::empty())
    ///     .unwrap();
    /// assert_eq!(mock.router().oneshot(call()).await.unwrap().status(), 503);
    /// // Spent: the next call meets the gateway's checks again.
    /// assert_eq!(mock.router().oneshot(call()).await.unwrap().status(), 400);
    /// # }
    /// ```
    pub fn inject_fault(&self, rule: FaultRule) -> Result<FaultId, AdminError> {
        let account_uid = rule
            .account()
            .map(|account| self.resolve_account(account))
            .transpose()?;
        Ok(self.shared.faults.add(rule, account_uid))
    }

    /// The fault rules, in the order they are checked, with how often each matched and
    /// fired; as `GET /_mock/faults`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use cloudapi_mock::{FaultRule, Mock};
    /// let mock = Mock::default();
    /// let id = mock.inject_fault(FaultRule::delay(Duration::from_millis(10)).unwrap()).unwrap();
    /// assert_eq!(mock.faults()[0].id, id);
    /// assert_eq!(mock.faults()[0].fired, 0);
    /// ```
    pub fn faults(&self) -> Vec<Fault> {
        self.shared.faults.list()
    }

    /// Removes one fault rule; false if there was none of that id. As
    /// `DELETE /_mock/faults/{id}`.
    ///
    /// ```
    /// use cloudapi_mock::{ErrorCode, FaultRule, Mock};
    /// let mock = Mock::default();
    /// let id = mock.inject_fault(FaultRule::error(ErrorCode::InternalError)).unwrap();
    /// assert!(mock.remove_fault(id));
    /// assert!(!mock.remove_fault(id));
    /// ```
    pub fn remove_fault(&self, id: FaultId) -> bool {
        self.shared.faults.remove(id)
    }

    /// Removes every fault rule, as `DELETE /_mock/faults`.
    ///
    /// ```
    /// use cloudapi_mock::{ErrorCode, FaultRule, Mock};
    /// let mock = Mock::default();
    /// mock.inject_fault(FaultRule::error(ErrorCode::InternalError)).unwrap();
    /// mock.clear_faults();
    /// assert!(mock.faults().is_empty());
    /// ```
    pub fn clear_faults(&self) {
        self.shared.faults.clear();
    }
}
