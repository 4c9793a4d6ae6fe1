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
//!
//! Everything else is set up with one builder, [`Mock::builder`] (the same as
//! [`MockServer::builder`]): a configuration, a seed, the journal's size, HTTP options or a
//! service shared with the test. [`Mock`] is the same mock without a socket: its
//! [`Mock::router`] takes requests through `tower::ServiceExt::oneshot`, and its controls
//! (reset, state, journal, clock, faults) are the admin API's, from Rust.
#![warn(missing_docs)]

mod admin;
mod error;
mod faults;
mod http;
mod journal;
mod mock;
mod serve;
mod untrusted;

use std::net::SocketAddr;
use std::ops::Deref;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use cloudapi_core::{Action, Clock, Config, Credential, ErrorCode, Service, StateSnapshot};
pub use error::AdminError;
pub use faults::{Fault, FaultId, FaultRule, MAX_LATENCY_MS};
pub use journal::{
    JournalEntry, JournalQuery, DEFAULT_JOURNAL_CAPACITY, DEFAULT_JOURNAL_MAX_BYTES, MAX_KEPT_NAME_BYTES,
    MAX_KEPT_PARAMETER_BYTES, SECRET_MASK,
};
pub use mock::{Mock, MockBuilder, StartError};

/// A [`Mock`] served in the background of the current tokio runtime, on an ephemeral
/// loopback port unless [`MockBuilder::listen`] says otherwise. It stops when dropped.
///
/// Besides the address to give a client, it is its [`Mock`] (through `Deref`): the
/// credential, the service, and the controls (reset, state, journal, clock, faults).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use cloudapi_mock::{ErrorCode, FaultRule, MockServer};
/// let mock = MockServer::start().await;
/// mock.inject_fault(FaultRule::error(ErrorCode::ServiceUnavailable)).unwrap();
/// let answer = reqwest::get(format!("{}/?Action=DescribeApp", mock.uri())).await.unwrap();
/// assert_eq!(answer.status(), 503);
/// assert_eq!(mock.journal()[0].status, 503);
/// # }
/// ```
#[derive(Debug)]
pub struct MockServer {
    address: SocketAddr,
    mock: Mock,
    shutdown: Option<oneshot::Sender<()>>,
    serving: Option<JoinHandle<()>>,
}

impl MockServer {
    /// Starts a mock with the default configuration (`testid` / `testsecret`).
    ///
    /// # Panics
    /// If no loopback port can be bound; [`MockBuilder::start`] returns the error instead.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = cloudapi_mock::MockServer::start().await;
    /// assert!(mock.uri().starts_with("http://127.0.0.1:"));
    /// # }
    /// ```
    pub async fn start() -> MockServer {
        Mock::builder()
            .start()
            .await
            .unwrap_or_else(|e| panic!("cannot start the mock: {e}"))
    }

    /// Everything a mock can be set up with; [`MockBuilder::start`] serves it.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use cloudapi_mock::{Config, MockServer};
    /// let mock = MockServer::builder().config(Config { app_quota: 5, ..Config::default() }).start().await.unwrap();
    /// assert_eq!(mock.service().config().app_quota, 5);
    /// # }
    /// ```
    pub fn builder() -> MockBuilder {
        Mock::builder()
    }

    /// Serves `mock` on `listener` until dropped or shut down.
    pub(crate) fn serve(
        mock: Mock,
        listener: TcpListener,
        header_read_timeout: Duration,
    ) -> std::io::Result<MockServer> {
        let address = listener.local_addr()?;
        let (shutdown, stopped) = oneshot::channel::<()>();
        let app = mock.router();
        let serving = tokio::spawn(async move {
            let stop = async {
                let _ = stopped.await;
            };
            if let Err(e) = serve::serve(listener, app, header_read_timeout, stop).await {
                tracing::error!("mock server stopped: {e}");
            }
        });
        Ok(MockServer {
            address,
            mock,
            shutdown: Some(shutdown),
            serving: Some(serving),
        })
    }

    /// `http://HOST:PORT`.
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

    /// `HOST:PORT`, what the SDKs take as `endpoint`.
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

    /// Stops accepting connections and waits (up to ten seconds) for the requests in flight
    /// to finish.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = cloudapi_mock::MockServer::start().await;
    /// let address = mock.address();
    /// mock.shutdown().await;
    /// assert!(tokio::net::TcpStream::connect(address).await.is_err());
    /// # }
    /// ```
    pub async fn shutdown(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(serving) = self.serving.take() {
            let _ = serving.await;
        }
    }
}

impl Deref for MockServer {
    type Target = Mock;

    /// The mock served, with its controls.
    fn deref(&self) -> &Mock {
        &self.mock
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}
