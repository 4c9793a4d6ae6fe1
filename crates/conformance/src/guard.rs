//! On a real account the suite changes nothing it did not create. A write names the app it
//! changes by id (`AppId`, `ResourceId.N`), or by a credential (`AppKey` for ResetAppSecret,
//! `AppCode` for ResetAppCode). When that is not one of the run's own apps (a scenario checking
//! "an unknown id is not found" sends a literal), the guard first asks the service, with a
//! read, whether such an app exists; if one does, the write is refused before it is sent.

use serde_json::Value;

use crate::api::Api;

/// How a call names the app it acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    AppId(String),
    AppKey(String),
    AppCode(String),
}

/// Whether an action only reads.
pub fn is_read_only(action: &str) -> bool {
    action.starts_with("Describe") || action.starts_with("List")
}

/// The apps a write addresses. CreateApp addresses none (it makes a new one); an `AppKey` or
/// `AppCode` addresses an app only when no `AppId` does (ResetAppSecret, ResetAppCode).
pub fn addressed(action: &str, params: &[(String, String)]) -> Vec<Address> {
    if is_read_only(action) || action == "CreateApp" {
        return Vec::new();
    }
    let mut addresses: Vec<Address> = params
        .iter()
        .filter(|(name, _)| name == "AppId" || is_resource_id(name))
        .map(|(_, value)| Address::AppId(value.clone()))
        .collect();
    if addresses.is_empty() {
        for (name, value) in params {
            match name.as_str() {
                "AppKey" => addresses.push(Address::AppKey(value.clone())),
                "AppCode" => addresses.push(Address::AppCode(value.clone())),
                _ => {}
            }
        }
    }
    addresses
}

fn is_resource_id(name: &str) -> bool {
    name.strip_prefix("ResourceId.")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Refuses a write that addresses an existing app the run did not create (`is_ours` knows the
/// run's app ids, deleted ones included).
pub async fn check_write(
    api: &Api,
    is_ours: impl Fn(&str) -> bool,
    action: &str,
    params: &[(String, String)],
) -> Result<(), String> {
    for address in addressed(action, params) {
        let existing = match &address {
            Address::AppId(id) if is_ours(id) => continue,
            Address::AppId(id) => app_exists(api, id).await?.then(|| id.clone()).into_iter().collect(),
            Address::AppKey(key) => listed_ids(api, "AppKey", key).await?,
            Address::AppCode(code) => listed_ids(api, "AppCode", code).await?,
        };
        let foreign: Vec<String> = existing.into_iter().filter(|id| !is_ours(id)).collect();
        if !foreign.is_empty() {
            return Err(format!(
                "refusing to send {action}: it addresses {address:?}, which names app(s) {} that this run \
                 did not create. The suite changes only its own apps on a real account",
                foreign.join(", ")
            ));
        }
    }
    Ok(())
}

async fn app_exists(api: &Api, app_id: &str) -> Result<bool, String> {
    let reply = api
        .call("DescribeApp", &[("AppId".to_owned(), app_id.to_owned())])
        .await
        .map_err(|e| format!("checking AppId {app_id} before a write: {e}"))?;
    match (reply.status, reply.code().as_deref()) {
        (200, _) => Ok(true),
        (_, Some("NotFoundApp" | "InvalidAppId" | "MissingAppId")) => Ok(false),
        _ => Err(format!(
            "checking AppId {app_id} before a write: HTTP {}: {}",
            reply.status, reply.body
        )),
    }
}

/// Ids of the apps `DescribeAppAttributes` lists for `filter=value`.
async fn listed_ids(api: &Api, filter: &str, value: &str) -> Result<Vec<String>, String> {
    let params = [
        (filter.to_owned(), value.to_owned()),
        ("PageSize".to_owned(), "100".to_owned()),
    ];
    let reply = api
        .call("DescribeAppAttributes", &params)
        .await
        .map_err(|e| format!("checking {filter} {value} before a write: {e}"))?;
    if reply.status != 200 {
        return Err(format!(
            "checking {filter} {value} before a write: HTTP {}: {}",
            reply.status, reply.body
        ));
    }
    let body = reply.json().unwrap_or(Value::Null);
    Ok(body
        .pointer("/Apps/AppAttribute")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|item| match item.get("AppId") {
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn what_a_write_addresses() {
        assert!(addressed("DescribeApp", &params(&[("AppId", "1")])).is_empty());
        assert!(addressed("CreateApp", &params(&[("AppKey", "1")])).is_empty());
        assert_eq!(
            addressed("ModifyApp", &params(&[("AppId", "7"), ("AppName", "x")])),
            [Address::AppId("7".to_owned())]
        );
        assert_eq!(
            addressed(
                "TagResources",
                &params(&[("ResourceType", "app"), ("ResourceId.1", "7"), ("ResourceId.2", "8")])
            ),
            [Address::AppId("7".to_owned()), Address::AppId("8".to_owned())]
        );
        assert_eq!(
            addressed("ResetAppSecret", &params(&[("AppKey", "999"), ("NewAppKey", "1")])),
            [Address::AppKey("999".to_owned())]
        );
        assert_eq!(
            addressed("ResetAppCode", &params(&[("AppCode", "c"), ("NewAppCode", "d")])),
            [Address::AppCode("c".to_owned())]
        );
        assert_eq!(
            addressed("DeleteAppKey", &params(&[("AppId", "7"), ("AppKey", "9")])),
            [Address::AppId("7".to_owned())]
        );
    }
}
