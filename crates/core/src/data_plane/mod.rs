//! The second surface: the gateway serving the APIs users deployed, on their groups'
//! domains. A request reaches it by Host (`<GroupId>-<region>.alicloudapi.com`); the way
//! through is Host → group → stage (`X-Ca-Stage`) → API by path and method → the caller's
//! credentials → authorization → limits → backend (reference/data-plane.md). The families
//! that give it APIs to serve come next; until a group holds a deployed API, every call to
//! a known group's domain is the gateway's own "API not found".

pub mod error;

use crate::backend::Backend;
use crate::config::Config;
use crate::protocol::params::Params;
use crate::protocol::request::{RawRequest, RawResponse};
use crate::protocol::signature::Scheme;
use crate::service::{new_request_id, Handled, RequestRecord, Surface};
use crate::store::groups::STAGE_NAMES;
use crate::store::World;
pub use error::{GatewayCode, GatewayError};

/// The second-level domains the service hands out end so.
pub const SECOND_LEVEL_DOMAIN_SUFFIX: &str = ".alicloudapi.com";

/// The Host of a request without its port, lower-cased as DNS names compare.
pub fn host_name(request: &RawRequest) -> Option<String> {
    let host = request.header("host")?;
    let name = host.rsplit_once(':').map_or(host, |(name, port)| {
        if port.bytes().all(|b| b.is_ascii_digit()) {
            name
        } else {
            host
        }
    });
    Some(name.to_ascii_lowercase())
}

/// Whether a request is addressed to the data plane rather than the management API: its
/// Host is one of the gateway's API domains. Every request asks, so it allocates nothing.
pub fn is_addressed_to_data_plane(request: &RawRequest) -> bool {
    let Some(host) = request.header("host") else {
        return false;
    };
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    let suffix = SECOND_LEVEL_DOMAIN_SUFFIX.as_bytes();
    name.len() > suffix.len() && name.as_bytes()[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// The GroupId a second-level domain names: `<GroupId>-<region>.alicloudapi.com`.
fn group_id_of_domain(host: &str) -> Option<&str> {
    let label = host.strip_suffix(SECOND_LEVEL_DOMAIN_SUFFIX)?;
    let (group_id, region) = label.split_once('-')?;
    (!group_id.is_empty() && !region.is_empty()).then_some(group_id)
}

/// The stage a call names (`X-Ca-Stage`, any case; RELEASE when absent).
fn stage(request: &RawRequest) -> Result<&'static str, GatewayError> {
    let Some(named) = request.header("x-ca-stage") else {
        return Ok(STAGE_NAMES[0]);
    };
    STAGE_NAMES
        .iter()
        .copied()
        .find(|stage| stage.eq_ignore_ascii_case(named.trim()))
        .ok_or_else(|| GatewayError::new(GatewayCode::I400SG, ""))
}

/// Routes a call through the gateway's checks against the world.
pub fn serve(world: &World, request: &RawRequest) -> Result<RawResponse, GatewayError> {
    let host = host_name(request).unwrap_or_default();
    let group = group_id_of_domain(&host)
        .and_then(|id| world.group_scope(id).map(|scope| (id, scope)))
        .filter(|(id, scope)| {
            world
                .group(scope, id)
                .is_ok_and(|g| g.sub_domain(&scope.region) == host)
        });
    if group.is_none() {
        return Err(GatewayError::new(GatewayCode::I404DO, host));
    }
    stage(request)?;
    Err(GatewayError::new(
        GatewayCode::I404NF,
        format!("with `{} {}`", request.method, request.path),
    ))
}

/// A call to a deployed API: routed, checked and answered.
pub fn handle(config: &Config, backend: &Backend, request: &RawRequest) -> Handled {
    let request_id = new_request_id();
    let outcome = backend.store().read(|world| serve(world, request));
    let (response, error_code) = match outcome {
        Ok(response) => (response, None),
        Err(err) => (refusal(&err, &request_id), Some(err.code.entry().code)),
    };
    Handled {
        record: RequestRecord {
            request_id,
            surface: Surface::DataPlane,
            scheme: Scheme::V2,
            action: None,
            access_key_id: None,
            account_uid: None,
            region: config.default_region.clone(),
            status: response.status,
            error_code,
        },
        response,
        params: Params::new(Vec::new()),
        commit: None,
    }
}

/// A refusal as the gateway sends it: the status, the code and message in headers, an
/// empty body.
pub fn refusal(error: &GatewayError, request_id: &str) -> RawResponse {
    RawResponse {
        status: error.code.entry().http_status,
        headers: vec![
            ("x-ca-request-id", request_id.to_owned()),
            ("x-ca-error-code", error.code.entry().code.to_owned()),
            ("x-ca-error-message", error.message()),
            ("content-length", "0".to_owned()),
        ],
        body: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewGroup, Scope};

    fn call(host: &str, stage: Option<&str>) -> RawRequest {
        let mut headers = vec![("host".to_owned(), host.to_owned())];
        if let Some(stage) = stage {
            headers.push(("x-ca-stage".to_owned(), stage.to_owned()));
        }
        RawRequest {
            method: "GET".into(),
            path: "/weather".into(),
            headers,
            ..RawRequest::default()
        }
    }

    #[test]
    fn a_group_domain_is_found_and_an_unknown_one_is_not() {
        let mut world = World::default();
        let scope = Scope {
            account_uid: "1".into(),
            region: "cn-hangzhou".into(),
        };
        let new = NewGroup {
            name: "weather".into(),
            ..NewGroup::default()
        };
        let group = world
            .create_group(&scope, new, 10, time::OffsetDateTime::UNIX_EPOCH)
            .expect("created");
        let domain = group.sub_domain("cn-hangzhou");
        assert!(is_addressed_to_data_plane(&call(&format!("{domain}:8080"), None)));
        let err = serve(&world, &call(&domain, None)).expect_err("no API yet");
        assert_eq!(err.message(), "API not found with `GET /weather`");
        let err = serve(&world, &call(&domain.to_uppercase(), Some("test"))).expect_err("no API yet");
        assert_eq!(err.code, GatewayCode::I404NF);
        let err = serve(&world, &call(&domain, Some("STAGING"))).expect_err("no such stage");
        assert_eq!(err.code, GatewayCode::I400SG);
        let other_region = format!("{}-cn-beijing.alicloudapi.com", group.id);
        let err = serve(&world, &call(&other_region, None)).expect_err("not its domain");
        assert_eq!(err.message(), format!("Invalid Domain `{other_region}`"));
        let response = refusal(&err, "REQ");
        assert_eq!(response.status, 404);
        assert_eq!(response.header("X-Ca-Error-Code"), Some("I404DO"));
        assert!(response.body.is_empty());
        assert!(!is_addressed_to_data_plane(&call(
            "apigateway.cn-hangzhou.aliyuncs.com",
            None
        )));
    }
}
