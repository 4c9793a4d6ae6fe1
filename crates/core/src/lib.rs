//! `cloudapi-core`: Alibaba Cloud API Gateway's management API (product CloudAPI, version
//! 2016-07-14) as a library without sockets.
//!
//! A [`Service`] takes a [`RawRequest`] and answers a [`RawResponse`], doing what the real
//! gateway and service do in between: decode parameters, verify either signature scheme,
//! apply the gateway's checks in order, validate the action's input, execute it against the
//! state of the caller's account and region, and wrap the answer in the JSON or XML envelope.
//!
//! ```
//! use cloudapi_core::{RawRequest, Service};
//! let service = Service::default();
//! let response = service.handle(&RawRequest {
//!     method: "GET".into(),
//!     path: "/".into(),
//!     query: "Action=CreateApp&Version=2016-07-14&Format=JSON".into(),
//!     ..RawRequest::default()
//! });
//! // Unsigned: the gateway refuses it before the product sees it.
//! assert_eq!(response.status, 400);
//! assert!(response.body_text().contains("MissingAccessKeyId"));
//! ```
#![warn(missing_docs)]

pub mod actions;
pub mod backend;
pub mod client;
pub mod clock;
pub mod config;
pub mod data_plane;
pub mod error;
pub mod gateway;
pub mod management;
pub mod nonce;
pub mod operations;
pub mod ordered;
pub mod protocol;
pub mod service;
pub mod store;
pub mod throttle;
pub mod volatile;

pub use actions::Action;
pub use clock::Clock;
pub use config::{AuthMode, Config, Credential};
pub use error::{ApiError, ApiResult, ErrorCode, Evidence};
pub use protocol::envelope::Format;
pub use protocol::request::{RawRequest, RawResponse};
pub use protocol::signature::Scheme;
pub use service::{Handled, RequestRecord, Service, Surface};
pub use store::{ImportError, StateSnapshot};
