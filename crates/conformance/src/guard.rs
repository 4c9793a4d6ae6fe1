//! On a real account the suite changes nothing it did not create. Whether an action writes,
//! and which of its parameters name the resource it changes, is what the action declares
//! (`writes`, `addressed_params`): an id (`AppId`, `GroupId`, the `ResourceId.N` of a tag
//! action, by its `ResourceType`), or a credential a listing filters by (`AppKey` for
//! ResetAppSecret, `AppCode` for ResetAppCode). When the resource is not one of the run's own
//! (a scenario checking "an unknown id is not found" sends a literal), the guard first asks
//! the service, with a read, whether such a resource exists; if one does, the write is
//! refused before it is sent. An action the mock does not know is treated as a write.

use cloudapi_core::Action;

use crate::api::Api;
use crate::sweep;
use cloudapi_core::operations::Resource;

/// How a call names the resource it acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    /// By its id.
    Id(Resource, String),
    /// By another value its listing filters on (`AppKey`, `AppCode`).
    Filter(Resource, String, String),
}

impl std::fmt::Display for Address {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Address::Id(resource, id) => write!(f, "{} {id}", resource.id_field()),
            Address::Filter(_, param, value) => write!(f, "{param} {value}"),
        }
    }
}

/// Parameters that name an existing app by a credential, which its listing filters by
/// (ResetAppSecret's `AppKey`, ResetAppCode's `AppCode`): the declarations list ids only.
const CREDENTIALS: &[(&str, Resource)] = &[("AppKey", Resource::App), ("AppCode", Resource::App)];

/// Whether an action only reads, by its declaration (an unknown action is taken to write).
pub fn is_read_only(action: &str) -> bool {
    Action::from_name(action).is_some_and(|declared| !declared.writes())
}

/// The resources a write addresses. A creation addresses only what it names besides its new
/// resource (CreateApp's `AppKey` is the new app's); a credential addresses a resource only
/// when no id does (ResetAppSecret, ResetAppCode, but not DeleteAppKey, which names its app).
pub fn addressed(action: &str, params: &[(String, String)]) -> Vec<Address> {
    let declared = Action::from_name(action);
    if declared.is_some_and(|declared| !declared.writes()) {
        return Vec::new();
    }
    let mut ids = tagged_resources(params);
    let mut filters = Vec::new();
    match declared {
        Some(declared) => {
            for &(param, resource) in declared.addressed_params() {
                for (name, value) in params.iter().filter(|(name, _)| name == param) {
                    if name == resource.id_field() {
                        ids.push(Address::Id(resource, value.clone()));
                    } else {
                        filters.push(Address::Filter(resource, name.clone(), value.clone()));
                    }
                }
            }
        }
        // Unknown to the mock: any parameter named like an id may name a resource.
        None => {
            for &resource in Resource::ALL {
                let named = params.iter().filter(|(name, _)| name == resource.id_field());
                ids.extend(named.map(|(_, value)| Address::Id(resource, value.clone())));
            }
        }
    }
    if declared.and_then(Action::creates).is_none() {
        for &(param, resource) in CREDENTIALS {
            let named = params.iter().filter(|(name, _)| name == param);
            filters.extend(named.map(|(name, value)| Address::Filter(resource, name.clone(), value.clone())));
        }
    }
    if ids.is_empty() {
        filters
    } else {
        ids
    }
}

/// The `ResourceId.N` of a tag action, as resources of its `ResourceType`; of every kind when
/// the type is none the suite knows (the service refuses those, but the guard does not rely
/// on it).
fn tagged_resources(params: &[(String, String)]) -> Vec<Address> {
    let named_type = params
        .iter()
        .find(|(name, _)| name == "ResourceType")
        .map(|(_, value)| value.as_str());
    let kinds: Vec<Resource> = match Resource::ALL.iter().copied().find(|r| Some(r.tag_type()) == named_type) {
        Some(resource) => vec![resource],
        None => Resource::ALL.to_vec(),
    };
    params
        .iter()
        .filter(|(name, _)| is_resource_id(name))
        .flat_map(|(_, value)| kinds.iter().map(move |&kind| Address::Id(kind, value.clone())))
        .collect()
}

fn is_resource_id(name: &str) -> bool {
    name.strip_prefix("ResourceId.")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Refuses a write that addresses an existing resource the run did not create (`is_ours`
/// knows the run's resources, deleted ones included).
pub async fn check_write(
    api: &Api,
    is_ours: impl Fn(Resource, &str) -> bool,
    action: &str,
    params: &[(String, String)],
) -> Result<(), String> {
    for address in addressed(action, params) {
        let (resource, existing) = match &address {
            Address::Id(resource, id) if is_ours(*resource, id) => continue,
            Address::Id(resource, id) => (
                *resource,
                exists(api, *resource, id)
                    .await?
                    .then(|| id.clone())
                    .into_iter()
                    .collect(),
            ),
            Address::Filter(resource, param, value) => (*resource, listed_ids(api, *resource, param, value).await?),
        };
        let foreign: Vec<String> = existing.into_iter().filter(|id| !is_ours(resource, id)).collect();
        if !foreign.is_empty() {
            return Err(format!(
                "refusing to send {action}: it addresses {address}, which names {}(s) {} that this run \
                 did not create. The suite changes only what it created on a real account",
                resource.tag_type(),
                foreign.join(", ")
            ));
        }
    }
    Ok(())
}

/// Whether the `resource` `id` exists, by its declared describe action; a kind read back
/// through its listing (a throttling policy: DescribeTrafficControls with its id answers an
/// empty list for a missing one) exists when the listing names it.
async fn exists(api: &Api, resource: Resource, id: &str) -> Result<bool, String> {
    let id_field = resource.id_field();
    if resource.describe_action() == resource.list_action() {
        return Ok(listed_ids(api, resource, id_field, id)
            .await?
            .iter()
            .any(|listed| listed == id));
    }
    let reply = api
        .call(
            resource.describe_action().name(),
            &[(id_field.to_owned(), id.to_owned())],
        )
        .await
        .map_err(|e| format!("checking {id_field} {id} before a write: {e}"))?;
    let code = reply.code().unwrap_or_default();
    if reply.status == 200 {
        Ok(true)
    } else if code == resource.not_found_code().as_str()
        || code == format!("Invalid{id_field}")
        || code == format!("Missing{id_field}")
    {
        Ok(false)
    } else {
        Err(format!(
            "checking {id_field} {id} before a write: HTTP {}: {}",
            reply.status, reply.body
        ))
    }
}

/// Ids of the `resource`s its listing answers for `filter=value`.
async fn listed_ids(api: &Api, resource: Resource, filter: &str, value: &str) -> Result<Vec<String>, String> {
    let filters = [(filter.to_owned(), value.to_owned())];
    let listed = sweep::list_matching(api, resource, &filters)
        .await
        .map_err(|e| format!("checking {filter} {value} before a write: {e}"))?;
    Ok(listed.unwrap_or_default().into_iter().map(|(id, _)| id).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect()
    }

    fn app(id: &str) -> Address {
        Address::Id(Resource::App, id.to_owned())
    }

    #[test]
    fn what_a_write_addresses() {
        assert!(addressed("DescribeApp", &params(&[("AppId", "1")])).is_empty());
        assert!(addressed("CreateApp", &params(&[("AppKey", "1")])).is_empty());
        assert_eq!(
            addressed("ModifyApp", &params(&[("AppId", "7"), ("AppName", "x")])),
            [app("7")]
        );
        assert_eq!(
            addressed(
                "TagResources",
                &params(&[("ResourceType", "app"), ("ResourceId.1", "7"), ("ResourceId.2", "8")])
            ),
            [app("7"), app("8")]
        );
        assert_eq!(
            addressed("ResetAppSecret", &params(&[("AppKey", "999"), ("NewAppKey", "1")])),
            [Address::Filter(Resource::App, "AppKey".to_owned(), "999".to_owned())]
        );
        assert_eq!(
            addressed("ResetAppCode", &params(&[("AppCode", "c"), ("NewAppCode", "d")])),
            [Address::Filter(Resource::App, "AppCode".to_owned(), "c".to_owned())]
        );
        assert_eq!(
            addressed("DeleteAppKey", &params(&[("AppId", "7"), ("AppKey", "9")])),
            [app("7")]
        );
    }

    #[test]
    fn groups_are_addressed_by_their_declarations() {
        let group = |id: &str| Address::Id(Resource::ApiGroup, id.to_owned());
        assert_eq!(
            addressed(
                "UntagResources",
                &params(&[("ResourceType", "apiGroup"), ("ResourceId.1", "g1"), ("TagKey.1", "k")])
            ),
            [group("g1")]
        );
        assert_eq!(
            addressed(
                "TagResources",
                &params(&[("ResourceType", "instance"), ("ResourceId.1", "x")])
            ),
            [
                app("x"),
                group("x"),
                Address::Id(Resource::Api, "x".to_owned()),
                Address::Id(Resource::TrafficControl, "x".to_owned())
            ],
            "an unknown type: checked as every kind"
        );
        assert_eq!(
            addressed("SomeFutureAction", &params(&[("GroupId", "g2"), ("Name", "n")])),
            [group("g2")],
            "an action the mock does not know is taken to write"
        );
        assert_eq!(
            addressed("DeleteApiGroup", &params(&[("GroupId", "g3")])),
            [group("g3")]
        );
        assert_eq!(
            addressed("ModifyApiGroup", &params(&[("GroupId", "g4"), ("GroupName", "x")])),
            [group("g4")]
        );
        assert!(addressed("CreateApiGroup", &params(&[("GroupName", "x"), ("Tag.1.Key", "k")])).is_empty());
        assert!(addressed("DescribeApiGroups", &params(&[("GroupId", "g5")])).is_empty());
        assert!(is_read_only("ListTagResources"));
        assert!(!is_read_only("SomeFutureAction"));
    }

    #[test]
    fn apis_are_addressed_by_their_declarations() {
        let group = |id: &str| Address::Id(Resource::ApiGroup, id.to_owned());
        let api = |id: &str| Address::Id(Resource::Api, id.to_owned());
        assert_eq!(
            addressed("CreateApi", &params(&[("GroupId", "g1"), ("ApiName", "x")])),
            [group("g1")],
            "an API is created inside a group: the group must be the run's"
        );
        for action in ["ModifyApi", "DeleteApi", "DeployApi", "AbolishApi", "SwitchApi"] {
            let addresses = addressed(action, &params(&[("ApiId", "a1"), ("StageName", "RELEASE")]));
            assert_eq!(addresses, [api("a1")], "{action}");
        }
        assert!(addressed("DescribeDeployedApi", &params(&[("ApiId", "a1")])).is_empty());
        assert_eq!(
            addressed(
                "TagResources",
                &params(&[("ResourceType", "api"), ("ResourceId.1", "a2")])
            ),
            [api("a2")]
        );
    }
}
