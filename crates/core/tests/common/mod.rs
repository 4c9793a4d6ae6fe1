//! Helpers shared by the core's integration tests: signed calls straight into a `Service`.
#![allow(dead_code)]

use std::sync::Arc;

use cloudapi_core::client::{fresh_nonce, Call, Placement, Signer};
use cloudapi_core::{Clock, Config, Credential, Format, RawResponse, Scheme, Service};
use serde_json::Value;
use time::macros::datetime;

pub const OTHER_KEY: &str = "other_key";
pub const OTHER_SECRET: &str = "other_secret";

/// A service with a frozen clock, throttling off, and a second account `other_key`.
pub fn service(config: Config) -> Service {
    let config = Config {
        throttle_per_second: 0,
        credentials: vec![Credential::new(OTHER_KEY, OTHER_SECRET, None)],
        ..config
    };
    Service::with_clock(config, Arc::new(Clock::frozen(datetime!(2026-11-30 09:31:28 UTC))))
}

pub struct Caller {
    pub signer: Signer,
    pub scheme: Scheme,
}

impl Caller {
    pub fn default_account(scheme: Scheme) -> Caller {
        Caller {
            signer: Signer::new("testid", "testsecret"),
            scheme,
        }
    }

    pub fn other_account(scheme: Scheme) -> Caller {
        Caller {
            signer: Signer::new(OTHER_KEY, OTHER_SECRET),
            scheme,
        }
    }

    pub fn call(&self, service: &Service, action: &str, params: &[(&str, &str)]) -> Reply {
        let params: Vec<(String, String)> = params.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect();
        let request = self.signer.sign(&Call {
            action,
            params: &params,
            scheme: self.scheme,
            method: "POST",
            placement: Placement::Query,
            format: Format::Json,
            host: "apigateway.cn-hangzhou.aliyuncs.com",
            timestamp: service.clock().now(),
            nonce: &fresh_nonce(),
        });
        Reply::from(service.handle(&request))
    }
}

#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
}

impl From<RawResponse> for Reply {
    fn from(response: RawResponse) -> Self {
        let body = serde_json::from_slice(&response.body).unwrap_or(Value::Null);
        Reply {
            status: response.status,
            body,
        }
    }
}

impl Reply {
    pub fn code(&self) -> Option<&str> {
        self.body["Code"].as_str()
    }

    pub fn ok(&self) -> bool {
        self.status == 200
    }
}

/// Creates an app as `caller` and answers its id.
pub fn create_app(service: &Service, caller: &Caller, name: &str) -> String {
    let reply = caller.call(service, "CreateApp", &[("AppName", name)]);
    assert!(reply.ok(), "{}", reply.body);
    reply.body["AppId"].to_string()
}

/// The account UID the second access key belongs to.
pub fn other_account_uid() -> String {
    Credential::new(OTHER_KEY, OTHER_SECRET, None).account_uid
}
