//! `cloudapi-mock`: Alibaba Cloud API Gateway's management API on a local socket.
//!
//! Run the binary (`cloudapi-mock`) and point an SDK at it, or embed it in Rust tests:
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let mock = cloudapi_mock::MockServer::start().await;
//! // An SDK would use endpoint `mock.endpoint()`, protocol http and these credentials.
//! assert!(mock.uri().starts_with("http://127.0.0.1:"));
//! assert_eq!(mock.credential().access_key_id, "testid");
//! // The server stops when `mock` is dropped.
//! # }
//! ```

mod admin;
mod error;
mod faults;
mod http;
mod journal;
pub mod log_line;
pub mod log_sink;
mod mock;
pub mod serve;

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use time::OffsetDateTime;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub use cloudapi_core::{Clock, Config, Credential, ErrorCode, Service, StateSnapshot};
pub use error::AdminError;
pub use faults::{Fault, FaultId, FaultRule, MAX_LATENCY_MS};
pub use journal::{
    JournalEntry, JournalQuery, DEFAULT_JOURNAL_CAPACITY, DEFAULT_JOURNAL_MAX_BYTES, MAX_KEPT_NAME_BYTES,
    MAX_KEPT_PARAMETER_BYTES, SECRET_MASK,
};
pub use mock::Mock;

/// Options of the HTTP surface, beside the service's own configuration.
///
/// ```
/// // The admin API is on unless turned off, as with `--no-admin`.
/// assert!(cloudapi_mock::ServeOptions::default().admin);
/// let gateway_only = cloudapi_mock::ServeOptions { admin: false, ..Default::default() };
/// # let _ = gateway_only;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServeOptions {
    /// Whether `/_mock/*` is served.
    pub admin: bool,
    /// How long a client may take to send a request head.
    pub header_read_timeout: std::time::Duration,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            admin: true,
            header_read_timeout: serve::HEADER_READ_TIMEOUT,
        }
    }
}

/// The whole HTTP surface for a service, with a journal of the default size and no seed:
/// the admin API (if on) and the gateway for everything else. [`Mock::router`] serves a
/// [`Mock`] set up otherwise.
///
/// ```
/// use std::sync::Arc;
/// use tower::ServiceExt;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let app = cloudapi_mock::router(Arc::new(cloudapi_mock::Service::default()), Default::default());
/// let request = axum::http::Request::get("/_mock/health").body(axum::body::Body::empty()).unwrap();
/// let response = app.oneshot(request).await.unwrap();
/// assert_eq!(response.status(), 200);
/// # }
/// ```
pub fn router(service: Arc<Service>, options: ServeOptions) -> Router {
    Arc::new(Mock::new(service)).router(options)
}

/// A mock running in the background of the current tokio runtime, on an ephemeral loopback
/// port. It stops when dropped.
///
/// Besides the address and credentials to give a client, it offers from Rust what the admin
/// API offers over HTTP: reset, state, journal, clock and faults.
#[derive(Debug)]
pub struct MockServer {
    address: SocketAddr,
    mock: Arc<Mock>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl MockServer {
    /// Starts a mock with the default configuration (`testid` / `testsecret`).
    ///
    /// # Panics
    /// If no loopback port can be bound; [`MockServer::try_start`] returns the error instead.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = cloudapi_mock::MockServer::start().await;
    /// assert!(mock.uri().starts_with("http://127.0.0.1:"));
    /// # }
    /// ```
    pub async fn start() -> MockServer {
        MockServer::try_start(Config::default())
            .await
            .unwrap_or_else(|e| panic!("cannot start the mock: {e}"))
    }

    /// Starts a mock with this configuration.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use cloudapi_mock::{Config, MockServer};
    /// let config = Config { app_quota: 5, ..Config::default() };
    /// let mock = MockServer::try_start(config).await.unwrap();
    /// assert_eq!(mock.service().config().app_quota, 5);
    /// # }
    /// ```
    pub async fn try_start(config: Config) -> io::Result<MockServer> {
        MockServer::start_service(Arc::new(Service::new(config))).await
    }

    /// Serves an existing service (to share its clock or state with the test).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use std::sync::Arc;
    /// use cloudapi_mock::{Clock, Config, MockServer, Service};
    /// let clock = Arc::new(Clock::default());
    /// let service = Arc::new(Service::with_clock(Config::default(), clock.clone()));
    /// let mock = MockServer::start_service(service).await.unwrap();
    /// assert!(Arc::ptr_eq(mock.service().clock(), &clock));
    /// # }
    /// ```
    pub async fn start_service(service: Arc<Service>) -> io::Result<MockServer> {
        MockServer::start_with_options(service, ServeOptions::default()).await
    }

    /// Serves an existing service with chosen HTTP options.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use std::{sync::Arc, time::Duration};
    /// use cloudapi_mock::{MockServer, ServeOptions, Service};
    /// let options = ServeOptions { header_read_timeout: Duration::from_secs(1), ..ServeOptions::default() };
    /// let mock = MockServer::start_with_options(Arc::new(Service::default()), options).await.unwrap();
    /// # let _ = mock;
    /// # }
    /// ```
    pub async fn start_with_options(service: Arc<Service>, options: ServeOptions) -> io::Result<MockServer> {
        MockServer::start_mock_with_options(Arc::new(Mock::new(service)), options).await
    }

    /// Serves a [`Mock`]: a service with a seed or a journal size of its own.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use std::sync::Arc;
    /// use cloudapi_mock::{Mock, MockServer, Service};
    /// let mock = Mock::new(Arc::new(Service::default())).with_journal_capacity(10);
    /// let server = MockServer::start_mock(Arc::new(mock)).await.unwrap();
    /// assert!(server.journal().is_empty());
    /// # }
    /// ```
    pub async fn start_mock(mock: Arc<Mock>) -> io::Result<MockServer> {
        MockServer::start_mock_with_options(mock, ServeOptions::default()).await
    }

    /// Serves a [`Mock`] with chosen HTTP options.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use std::sync::Arc;
    /// use cloudapi_mock::{Mock, MockServer, ServeOptions, Service};
    /// let mock = Arc::new(Mock::new(Arc::new(Service::default())));
    /// let server = MockServer::start_mock_with_options(mock, ServeOptions::default()).await.unwrap();
    /// # let _ = server;
    /// # }
    /// ```
    pub async fn start_mock_with_options(mock: Arc<Mock>, options: ServeOptions) -> io::Result<MockServer> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let address = listener.local_addr()?;
        let (shutdown, stopped) = oneshot::channel::<()>();
        let app = mock.router(options);
        tokio::spawn(async move {
            let stop = async {
                let _ = stopped.await;
            };
            if let Err(e) = serve::serve_with(listener, app, options.header_read_timeout, stop).await {
                tracing::error!("mock server stopped: {e}");
            }
        });
        Ok(MockServer {
            address,
            mock,
            shutdown: Some(shutdown),
        })
    }

    /// `http://127.0.0.1:PORT`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = cloudapi_mock::MockServer::start().await;
    /// assert_eq!(mock.uri(), format!("http://{}", mock.endpoint()));
    /// # }
    /// ```
    pub fn uri(&self) -> String {
        format!("http://{}", self.address)
    }

    /// `127.0.0.1:PORT`, what the SDKs take as `endpoint`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = cloudapi_mock::MockServer::start().await;
    /// assert!(mock.endpoint().starts_with("127.0.0.1:"));
    /// # }
    /// ```
    pub fn endpoint(&self) -> String {
        self.address.to_string()
    }

    /// The socket address the mock listens on.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = cloudapi_mock::MockServer::start().await;
    /// assert!(mock.address().ip().is_loopback());
    /// # }
    /// ```
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The default credential, `testid` / `testsecret`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = cloudapi_mock::MockServer::start().await;
    /// assert_eq!(mock.credential().access_key_secret, "testsecret");
    /// # }
    /// ```
    pub fn credential(&self) -> Credential {
        Credential::default_account()
    }

    /// The service behind the socket: its store, clock and configuration.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = cloudapi_mock::MockServer::start().await;
    /// assert_eq!(mock.service().config().app_quota, 1000);
    /// # }
    /// ```
    pub fn service(&self) -> &Arc<Service> {
        self.mock.service()
    }

    /// The [`Mock`] served: the service with its journal, faults and seed.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = cloudapi_mock::MockServer::start().await;
    /// assert!(std::sync::Arc::ptr_eq(mock.mock().service(), mock.service()));
    /// # }
    /// ```
    pub fn mock(&self) -> &Arc<Mock> {
        &self.mock
    }

    /// Back to the start (the seed, or nothing): every account's apps, the journal, the fault
    /// rules, remembered nonces, flow-control budgets, and the clock back to real time.
    /// As `POST /_mock/reset`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use cloudapi_mock::{ErrorCode, FaultRule, MockServer};
    /// let mock = MockServer::start().await;
    /// mock.inject_fault(FaultRule::error(ErrorCode::InternalError)).unwrap();
    /// mock.reset();
    /// assert!(mock.faults().is_empty());
    /// # }
    /// ```
    pub fn reset(&self) {
        self.mock.reset();
    }

    /// One account back to its seeded apps (or none), its journal entries and the fault
    /// rules aimed at it gone; other accounts and the clock untouched. The account is named by
    /// access key id or account UID. As `POST /_mock/reset?account=ID`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = cloudapi_mock::MockServer::start().await;
    /// mock.reset_account("testid").unwrap();
    /// assert!(mock.reset_account("nobody").is_err());
    /// # }
    /// ```
    pub fn reset_account(&self, account: &str) -> Result<(), AdminError> {
        self.mock.reset_account(account).map(|_| ())
    }

    /// All state as a document, as `GET /_mock/state`; [`MockServer::import_state`] and
    /// `--seed` take it back.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = cloudapi_mock::MockServer::start().await;
    /// let state = mock.export_state();
    /// assert!(state.scopes.is_empty());
    /// mock.import_state(state.clone()).unwrap();
    /// assert_eq!(mock.export_state(), state);
    /// # }
    /// ```
    pub fn export_state(&self) -> StateSnapshot {
        self.mock.export_state()
    }

    /// Replaces all apps by the document's, as `PUT /_mock/state`; an inconsistent document
    /// is refused and changes nothing.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = cloudapi_mock::MockServer::start().await;
    /// let mut state = mock.export_state();
    /// state.format = 99;
    /// assert!(mock.import_state(state).is_err());
    /// # }
    /// ```
    pub fn import_state(&self, state: StateSnapshot) -> Result<(), AdminError> {
        self.mock.import_state(state)
    }

    /// Every request the journal keeps, newest first.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = cloudapi_mock::MockServer::start().await;
    /// reqwest::get(format!("{}/?Action=CreateApp", mock.uri())).await.unwrap();
    /// let latest = &mock.journal()[0];
    /// assert_eq!(latest.action.as_deref(), Some("CreateApp"));
    /// assert_eq!(latest.error_code, Some("MissingParameter"));
    /// # }
    /// ```
    pub fn journal(&self) -> Vec<JournalEntry> {
        self.mock.query_journal(&JournalQuery::default())
    }

    /// The requests the query admits, newest first, as `GET /_mock/journal?...`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use cloudapi_mock::{JournalQuery, MockServer};
    /// let mock = MockServer::start().await;
    /// let query = JournalQuery { account: Some("testid".into()), limit: Some(10), ..JournalQuery::default() };
    /// assert!(mock.journal_matching(&query).is_empty());
    /// # }
    /// ```
    pub fn journal_matching(&self, query: &JournalQuery) -> Vec<JournalEntry> {
        self.mock.query_journal(query)
    }

    /// Freezes the mock's clock at `at`: response times, the signature window, nonce memory
    /// and flow control all follow it. As `POST /_mock/clock {"now": ...}`, a time outside
    /// the clock's range ([`Clock::EARLIEST`] to [`Clock::LATEST`]) is refused and changes
    /// nothing.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use time::macros::datetime;
    /// let mock = cloudapi_mock::MockServer::start().await;
    /// mock.set_time(datetime!(2026-11-30 09:31:28 UTC)).unwrap();
    /// assert_eq!(mock.service().clock().now(), datetime!(2026-11-30 09:31:28 UTC));
    /// assert!(mock.set_time(datetime!(9999-12-31 23:59:59 -1)).is_err());
    /// # }
    /// ```
    pub fn set_time(&self, at: OffsetDateTime) -> Result<(), AdminError> {
        self.mock.set_time(at)
    }

    /// Moves the mock's clock forward (or back, when negative), frozen or not.
    /// As `POST /_mock/clock {"advance_secs": N}`, a move out of the clock's range is refused
    /// and changes nothing.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use time::macros::datetime;
    /// let mock = cloudapi_mock::MockServer::start().await;
    /// mock.set_time(datetime!(2026-11-30 09:31:28 UTC)).unwrap();
    /// mock.advance_time(time::Duration::minutes(31)).unwrap();
    /// assert_eq!(mock.service().clock().now(), datetime!(2026-11-30 10:02:28 UTC));
    /// assert!(mock.advance_time(time::Duration::MAX).is_err());
    /// # }
    /// ```
    pub fn advance_time(&self, by: time::Duration) -> Result<(), AdminError> {
        self.mock.advance_time(by)
    }

    /// Back to real time (with the skew the clock was made with), as `DELETE /_mock/clock`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use time::macros::datetime;
    /// let mock = cloudapi_mock::MockServer::start().await;
    /// mock.set_time(datetime!(2026-11-30 09:31:28 UTC)).unwrap();
    /// mock.resume_real_time();
    /// assert!(!mock.service().clock().is_frozen());
    /// # }
    /// ```
    pub fn resume_real_time(&self) {
        self.service().clock().return_to_real_time();
    }

    /// Adds a fault rule, checked after those already there; as `POST /_mock/faults`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use cloudapi_mock::{ErrorCode, FaultRule, MockServer};
    /// let mock = MockServer::start().await;
    /// mock.inject_fault(FaultRule::error(ErrorCode::ServiceUnavailable).for_action("CreateApp").times(1))
    ///     .unwrap();
    /// let url = format!("{}/?Action=CreateApp&Version=2016-07-14&Format=JSON", mock.uri());
    /// let first = reqwest::get(&url).await.unwrap();
    /// assert_eq!(first.status(), 503);
    /// assert!(first.text().await.unwrap().contains("\"Code\":\"ServiceUnavailable\""));
    /// // Spent: the next call meets the gateway's checks again.
    /// assert_eq!(reqwest::get(&url).await.unwrap().status(), 400);
    /// # }
    /// ```
    pub fn inject_fault(&self, rule: FaultRule) -> Result<FaultId, AdminError> {
        self.mock.inject_fault(rule)
    }

    /// The fault rules, in the order they are checked, with how often each matched and
    /// fired; as `GET /_mock/faults`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use std::time::Duration;
    /// use cloudapi_mock::{FaultRule, MockServer};
    /// let mock = MockServer::start().await;
    /// let id = mock.inject_fault(FaultRule::delay(Duration::from_millis(10))).unwrap();
    /// assert_eq!(mock.faults()[0].id, id);
    /// assert_eq!(mock.faults()[0].fired, 0);
    /// # }
    /// ```
    pub fn faults(&self) -> Vec<Fault> {
        self.mock.faults()
    }

    /// Removes every fault rule, as `DELETE /_mock/faults`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use cloudapi_mock::{ErrorCode, FaultRule, MockServer};
    /// let mock = MockServer::start().await;
    /// mock.inject_fault(FaultRule::error(ErrorCode::InternalError)).unwrap();
    /// mock.clear_faults();
    /// assert!(mock.faults().is_empty());
    /// # }
    /// ```
    pub fn clear_faults(&self) {
        self.mock.clear_faults();
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}
