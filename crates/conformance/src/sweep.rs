//! Finding what runs left behind: resources in the ledger for this endpoint and region, and
//! resources whose names carry the suite's prefix family, listed kind by kind with each
//! kind's declared list action (`DescribeAppAttributes`, `DescribeApiGroups`, `DescribeApis`),
//! page by page. An API whose name lacks the prefix (a scenario tagged @exact-names) is found
//! through its group when the cleanup deletes the group ([`crate::cleanup`]).
//! An endpoint that does not offer a kind's list action (an older mock) leaves the ledger
//! alone as the source for that kind, and the plan says so.

use serde_json::Value;

use crate::api::Api;
use crate::cleanup::Tracked;
use cloudapi_core::operations::Resource;

/// More pages than an account is likely to fill (1,000 apps of 100 a page; 200 groups of 50;
/// 10,000 APIs of 100): a guard against an endpoint that pages forever.
const MAX_PAGES: usize = 100;

/// Where a leftover was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The ledger of a run that did not finish lists it.
    Ledger,
    /// Listing the region found a name with the run prefix.
    Listing,
}

/// A resource the sweep would delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    /// The resource, as the ledger or the listing names it.
    pub tracked: Tracked,
    /// How the sweep found it.
    pub source: Source,
}

/// How one kind of resource was listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listing {
    /// The kind of resource listed.
    pub resource: Resource,
    /// How many the account holds in the region (the suite's and everyone's); `None` when the
    /// endpoint does not offer the kind's list action.
    pub listed: Option<usize>,
}

/// What the sweep found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SweepPlan {
    /// What the sweep would delete.
    pub leftovers: Vec<Leftover>,
    /// One per kind of resource, in [`Resource::ALL`]'s order.
    pub listings: Vec<Listing>,
}

impl SweepPlan {
    /// How many `resource`s were listed, `None` when they could not be.
    pub fn listed(&self, resource: Resource) -> Option<usize> {
        self.listings
            .iter()
            .find(|listing| listing.resource == resource)
            .and_then(|listing| listing.listed)
    }
}

/// An id as listings answer it: a number (AppId) or a string (GroupId).
fn id_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// The items of a listing, wherever its wrapper puts them: every list of the service answers
/// `{"<Wrapper>": {"<Item>": [...]}}` (`Apps.AppAttribute[]`, `ApiGroupAttributes.ApiGroupAttribute[]`).
pub fn listed_items(body: &Value) -> Vec<Value> {
    body.as_object()
        .into_iter()
        .flat_map(|fields| fields.values())
        .filter_map(Value::as_object)
        .flat_map(|wrapper| wrapper.values())
        .find_map(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// Every `resource` of the account in this region, `(id, name)`; `None` when the endpoint
/// answers `InvalidAction.NotFound` for its list action.
pub async fn list(api: &Api, resource: Resource) -> Result<Option<Vec<(String, String)>>, String> {
    list_matching(api, resource, &[]).await
}

/// The `resource`s its list action answers for `filters`, every page.
pub async fn list_matching(
    api: &Api,
    resource: Resource,
    filters: &[(String, String)],
) -> Result<Option<Vec<(String, String)>>, String> {
    let action = resource.list_action().name();
    let page_size = resource.list_page_size();
    let mut found = Vec::new();
    for page in 1..=MAX_PAGES {
        let mut params = filters.to_vec();
        params.push(("PageNumber".to_owned(), page.to_string()));
        params.push(("PageSize".to_owned(), page_size.to_string()));
        let reply = api.call(action, &params).await?;
        if reply.code().as_deref() == Some("InvalidAction.NotFound") {
            return Ok(None);
        }
        if reply.status != 200 {
            return Err(format!(
                "{action} page {page} answered HTTP {}: {}",
                reply.status, reply.body
            ));
        }
        let body = reply
            .json()
            .ok_or_else(|| format!("{action} page {page}: not JSON: {}", reply.body))?;
        let items = listed_items(&body);
        for item in &items {
            let Some(id) = id_text(item.get(resource.id_field())) else {
                continue;
            };
            let name = item
                .get(resource.name_param())
                .and_then(Value::as_str)
                .unwrap_or_default();
            found.push((id, name.to_owned()));
        }
        let total = body
            .get("TotalCount")
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok());
        let done = items.is_empty() || items.len() < page_size || total.is_some_and(|total| found.len() >= total);
        if done {
            return Ok(Some(found));
        }
    }
    Err(format!(
        "{action} still had more after {MAX_PAGES} pages of {page_size}; stopping"
    ))
}

/// The leftovers: the ledger's entries for `api`'s endpoint and `region`, then, kind by kind,
/// listed resources whose names `is_ours` accepts (the prefix family, or one run's prefix),
/// each once.
pub async fn plan(
    api: &Api,
    region: &str,
    ledger: &[Tracked],
    is_ours: impl Fn(&str) -> bool,
    now: &str,
) -> Result<SweepPlan, String> {
    let mut leftovers: Vec<Leftover> = ledger
        .iter()
        .filter(|tracked| tracked.endpoint == api.base_url() && tracked.region == region)
        .map(|tracked| Leftover {
            tracked: tracked.clone(),
            source: Source::Ledger,
        })
        .collect();
    let mut listings = Vec::new();
    for &resource in Resource::ALL {
        let listing = list(api, resource).await?;
        listings.push(Listing {
            resource,
            listed: listing.as_ref().map(Vec::len),
        });
        for (id, name) in listing.unwrap_or_default() {
            let known = leftovers
                .iter()
                .any(|l| l.tracked.resource == resource && l.tracked.id == id);
            if !is_ours(&name) || known {
                continue;
            }
            leftovers.push(Leftover {
                tracked: Tracked {
                    resource,
                    id,
                    name,
                    scenario: "found by the sweep".to_owned(),
                    endpoint: api.base_url().to_owned(),
                    region: region.to_owned(),
                    created_at: now.to_owned(),
                },
                source: Source::Listing,
            });
        }
    }
    Ok(SweepPlan { leftovers, listings })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn items_are_found_in_any_wrapper() {
        let apps = json!({"RequestId": "R", "Apps": {"AppAttribute": [{"AppId": 1}]}, "TotalCount": 1});
        let groups = json!({"RequestId": "R", "PageSize": 50,
            "ApiGroupAttributes": {"ApiGroupAttribute": [{"GroupId": "a"}, {"GroupId": "b"}]}});
        assert_eq!(listed_items(&apps).len(), 1);
        assert_eq!(listed_items(&groups).len(), 2);
        assert!(listed_items(&json!({"RequestId": "R"})).is_empty());
    }
}
