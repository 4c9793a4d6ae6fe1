//! How a call finds its API: the group by Host (or the mock's no-DNS form), the stage by
//! `X-Ca-Stage`, then BasePath, the path template and the method among what that stage runs.

use crate::protocol::request::RawRequest;
use crate::store::{Api, ApiDefinition, ApiGroup, Scope, World, STAGE_NAMES};

use super::error::{GatewayCode, GatewayError};

/// The second-level domains the service hands out end so.
pub const SECOND_LEVEL_DOMAIN_SUFFIX: &str = ".alicloudapi.com";

/// The mock's own form that needs neither DNS nor a Host header:
/// `http://127.0.0.1:<port>/_alicloudapi/<SubDomain>/<the API's path>`. The prefix is not
/// part of the path the API sees nor of what a client must sign.
pub const NO_DNS_PREFIX: &str = "/_alicloudapi/";

/// The Host of a request without its port, lower-cased as DNS names compare.
pub fn host_name(request: &RawRequest) -> Option<String> {
    let host = request.header("host")?;
    Some(without_port(host).to_ascii_lowercase())
}

fn without_port(host: &str) -> &str {
    host.rsplit_once(':').map_or(host, |(name, port)| {
        if port.bytes().all(|b| b.is_ascii_digit()) {
            name
        } else {
            host
        }
    })
}

/// Whether a request is addressed to the data plane rather than the management API: its
/// Host is one of the gateway's API domains, or its path is the no-DNS form.
pub fn is_addressed_to_data_plane(request: &RawRequest) -> bool {
    request.path.starts_with(NO_DNS_PREFIX)
        || host_name(request).is_some_and(|host| host.ends_with(SECOND_LEVEL_DOMAIN_SUFFIX))
}

/// Where a call was sent: the domain it names and the path the API sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// The domain named, lower-case, without a port.
    pub domain: String,
    /// The path after the no-DNS prefix, or the path as sent.
    pub path: String,
    /// Whether the no-DNS form was used (a client may then have signed either path).
    pub no_dns: bool,
}

/// The domain and path of a call.
pub fn address(request: &RawRequest) -> Address {
    if let Some(rest) = request.path.strip_prefix(NO_DNS_PREFIX) {
        let (domain, path) = rest.find('/').map_or((rest, "/"), |at| (&rest[..at], &rest[at..]));
        return Address {
            domain: without_port(domain).to_ascii_lowercase(),
            path: path.to_owned(),
            no_dns: true,
        };
    }
    Address {
        domain: host_name(request).unwrap_or_default(),
        path: request.path.clone(),
        no_dns: false,
    }
}

/// The GroupId a second-level domain names: `<GroupId>-<region>.alicloudapi.com`.
fn group_id_of_domain(host: &str) -> Option<&str> {
    let label = host.strip_suffix(SECOND_LEVEL_DOMAIN_SUFFIX)?;
    let (group_id, region) = label.split_once('-')?;
    (!group_id.is_empty() && !region.is_empty()).then_some(group_id)
}

/// The group a domain is the SubDomain of, with its scope.
pub fn group<'w>(world: &'w World, domain: &str) -> Result<(&'w Scope, &'w ApiGroup), GatewayError> {
    group_id_of_domain(domain)
        .and_then(|id| {
            let scope = world.group_scope(id)?;
            let group = world.group(scope, id).ok()?;
            (group.sub_domain(&scope.region) == domain).then_some((scope, group))
        })
        .ok_or_else(|| GatewayError::new(GatewayCode::I404DO, domain))
}

/// The stage a call names (`X-Ca-Stage`, any case; RELEASE when absent).
pub fn stage(request: &RawRequest) -> Result<&'static str, GatewayError> {
    let Some(named) = request.header("x-ca-stage") else {
        return Ok(STAGE_NAMES[0]);
    };
    STAGE_NAMES
        .iter()
        .copied()
        .find(|stage| stage.eq_ignore_ascii_case(named.trim()))
        .ok_or_else(|| GatewayError::new(GatewayCode::I400SG, ""))
}

/// The API a call reaches, the definition its stage runs, and the values of the path's
/// `[param]` segments.
#[derive(Debug)]
pub struct Route<'w> {
    /// The API.
    pub api: &'w Api,
    /// The definition the stage runs (the deployed copy).
    pub definition: &'w ApiDefinition,
    /// The values of the path's `[param]` segments, decoded.
    pub path_params: Vec<(String, String)>,
}

/// The API of the group that this stage runs for this method and path. Literal segments
/// beat `[param]` segments where two templates match.
pub fn find<'w>(
    world: &'w World,
    scope: &Scope,
    group: &ApiGroup,
    stage: &str,
    method: &str,
    path: &str,
) -> Result<Route<'w>, GatewayError> {
    let not_found = || GatewayError::new(GatewayCode::I404NF, format!("with `{method} {path}`"));
    let base = group.base_path.trim_end_matches('/');
    let Some(rest) = path.strip_prefix(base).filter(|rest| rest.starts_with('/')) else {
        return Err(not_found());
    };
    let tenancy = world.tenancy(scope).ok_or_else(not_found)?;
    let mut best: Option<(usize, Route<'w>)> = None;
    for api in tenancy.api_table().of_group(&group.id) {
        let Some(publication) = api.deployed(stage) else {
            continue;
        };
        let definition = &publication.definition;
        let config = &definition.request_config;
        if !config.request_http_method.eq_ignore_ascii_case(method) {
            continue;
        }
        let Some((literals, path_params)) = matches(&config.request_path, rest, config.escape_path_param) else {
            continue;
        };
        if best.as_ref().is_none_or(|(score, _)| literals > *score) {
            best = Some((
                literals,
                Route {
                    api,
                    definition,
                    path_params,
                },
            ));
        }
    }
    best.map(|(_, route)| route).ok_or_else(not_found)
}

/// Whether a request path fits a template (`/users/[userId]`): as many segments, literal
/// ones equal, each `[name]` one non-empty segment. Answers how many segments were literal
/// and the parameters' values.
pub fn matches(template: &str, path: &str, escape_path_param: bool) -> Option<(usize, Vec<(String, String)>)> {
    let mut literals = 0;
    let mut params = Vec::new();
    let mut wanted = template.split('/');
    let mut got = path.split('/');
    loop {
        match (wanted.next(), got.next()) {
            (None, None) => return Some((literals, params)),
            (Some(w), Some(g)) => {
                let param = (!escape_path_param)
                    .then(|| w.strip_prefix('[').and_then(|w| w.strip_suffix(']')))
                    .flatten();
                match param {
                    Some(name) if !g.is_empty() => {
                        let value = percent_decode(g);
                        params.push((name.to_owned(), value));
                    }
                    Some(_) => return None,
                    None if w == g => literals += 1,
                    None => return None,
                }
            }
            _ => return None,
        }
    }
}

fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_one_segment_per_parameter() {
        assert_eq!(
            matches("/users/[id]", "/users/42", false),
            Some((2, vec![("id".into(), "42".into())]))
        );
        assert_eq!(matches("/users/[id]", "/users/", false), None);
        assert_eq!(matches("/users/[id]", "/users/42/x", false), None);
        assert_eq!(matches("/users/me", "/users/me", false), Some((3, vec![])));
        assert_eq!(matches("/users/[id]", "/users/[id]", true), Some((3, vec![])));
        assert_eq!(matches("/users/[id]", "/users/42", true), None);
        assert_eq!(
            matches("/a/[b]", "/a/x%20y", false),
            Some((2, vec![("b".into(), "x y".into())]))
        );
        assert_eq!(matches("/a", "/a/", false), None, "a trailing slash is significant");
    }

    #[test]
    fn the_no_dns_form_names_the_domain_before_the_path() {
        let request = RawRequest {
            path: "/_alicloudapi/abc-cn-hangzhou.alicloudapi.com/v1/users/42".into(),
            ..RawRequest::default()
        };
        assert!(is_addressed_to_data_plane(&request));
        let address = address(&request);
        assert_eq!(address.domain, "abc-cn-hangzhou.alicloudapi.com");
        assert_eq!(address.path, "/v1/users/42");
        assert!(address.no_dns);
    }
}
