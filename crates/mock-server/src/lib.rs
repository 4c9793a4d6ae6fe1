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
pub mod http;
pub mod serve;

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub use cloudapi_core::{Config, Credential, Service};

/// Options of the HTTP surface, beside the service's own configuration.
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

/// The whole HTTP surface: the admin API (if on) and the gateway for everything else.
pub fn router(service: Arc<Service>, options: ServeOptions) -> Router {
    let gateway = Router::new().fallback(http::handle).with_state(service.clone());
    if options.admin {
        admin::routes(admin::AdminState {
            service,
            started: Instant::now(),
        })
        .merge(gateway)
    } else {
        gateway
    }
}

/// A mock running in the background of the current tokio runtime, on an ephemeral loopback
/// port. It stops when dropped.
#[derive(Debug)]
pub struct MockServer {
    address: SocketAddr,
    service: Arc<Service>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl MockServer {
    /// Starts a mock with the default configuration (`testid` / `testsecret`).
    ///
    /// # Panics
    /// If no loopback port can be bound; [`MockServer::try_start`] returns the error instead.
    pub async fn start() -> MockServer {
        MockServer::try_start(Config::default())
            .await
            .unwrap_or_else(|e| panic!("cannot start the mock: {e}"))
    }

    /// Starts a mock with this configuration.
    pub async fn try_start(config: Config) -> io::Result<MockServer> {
        MockServer::start_service(Arc::new(Service::new(config))).await
    }

    /// Serves an existing service (to share its clock or state with the test).
    pub async fn start_service(service: Arc<Service>) -> io::Result<MockServer> {
        MockServer::start_with_options(service, ServeOptions::default()).await
    }

    /// Serves an existing service with chosen HTTP options.
    pub async fn start_with_options(service: Arc<Service>, options: ServeOptions) -> io::Result<MockServer> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let address = listener.local_addr()?;
        let (shutdown, stopped) = oneshot::channel::<()>();
        let app = router(service.clone(), options);
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
            service,
            shutdown: Some(shutdown),
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn uri(&self) -> String {
        format!("http://{}", self.address)
    }

    /// `127.0.0.1:PORT`, what the SDKs take as `endpoint`.
    pub fn endpoint(&self) -> String {
        self.address.to_string()
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The default credential, `testid` / `testsecret`.
    pub fn credential(&self) -> Credential {
        Credential::default_account()
    }

    /// The service behind the socket: its store, clock and configuration.
    pub fn service(&self) -> &Arc<Service> {
        &self.service
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}
