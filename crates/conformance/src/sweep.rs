//! Finding what runs left behind: apps in the ledger for this endpoint and region, and apps
//! whose names carry the suite's prefix family, listed with `DescribeAppAttributes` page by
//! page. An endpoint without `DescribeAppAttributes` (an older mock) leaves the ledger alone
//! as the source, and the plan says so.

use serde_json::Value;

use crate::api::Api;
use crate::cleanup::TrackedApp;

/// Apps per `DescribeAppAttributes` page: the documented maximum.
pub const PAGE_SIZE: usize = 100;

/// More pages than an account can fill (1,000 apps): a guard against an endpoint that pages
/// forever.
const MAX_PAGES: usize = 20;

/// Where a leftover was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Ledger,
    Listing,
}

/// An app the sweep would delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    pub app: TrackedApp,
    pub source: Source,
}

/// What the sweep found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SweepPlan {
    pub leftovers: Vec<Leftover>,
    /// False when the endpoint does not offer `DescribeAppAttributes`.
    pub listing_available: bool,
    /// Apps listed in all (the account's, not only the suite's).
    pub listed: usize,
}

/// Every app of the account in this region, `(AppId, AppName)`; `None` when the endpoint
/// answers `InvalidAction.NotFound` for `DescribeAppAttributes`.
pub async fn list_apps(api: &Api) -> Result<Option<Vec<(String, String)>>, String> {
    let mut apps = Vec::new();
    for page in 1..=MAX_PAGES {
        let params = [
            ("PageNumber".to_owned(), page.to_string()),
            ("PageSize".to_owned(), PAGE_SIZE.to_string()),
        ];
        let reply = api.call("DescribeAppAttributes", &params).await?;
        if reply.code().as_deref() == Some("InvalidAction.NotFound") {
            return Ok(None);
        }
        if reply.status != 200 {
            return Err(format!(
                "DescribeAppAttributes page {page} answered HTTP {}: {}",
                reply.status, reply.body
            ));
        }
        let body = reply
            .json()
            .ok_or_else(|| format!("DescribeAppAttributes page {page}: not JSON: {}", reply.body))?;
        let items = body
            .pointer("/Apps/AppAttribute")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for item in &items {
            let id = match item.get("AppId") {
                Some(Value::Number(n)) => n.to_string(),
                Some(Value::String(s)) => s.clone(),
                _ => continue,
            };
            let name = item.get("AppName").and_then(Value::as_str).unwrap_or_default();
            apps.push((id, name.to_owned()));
        }
        let total = body
            .get("TotalCount")
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok());
        let done = items.is_empty() || items.len() < PAGE_SIZE || total.is_some_and(|total| apps.len() >= total);
        if done {
            return Ok(Some(apps));
        }
    }
    Err(format!(
        "DescribeAppAttributes still had apps after {MAX_PAGES} pages of {PAGE_SIZE}; stopping"
    ))
}

/// The leftovers: the ledger's entries for `api`'s endpoint and `region`, then listed apps
/// whose names `is_ours` accepts (the prefix family, or one run's prefix), each app once.
pub async fn plan(
    api: &Api,
    region: &str,
    ledger: &[TrackedApp],
    is_ours: impl Fn(&str) -> bool,
    now: &str,
) -> Result<SweepPlan, String> {
    let mut leftovers: Vec<Leftover> = ledger
        .iter()
        .filter(|app| app.endpoint == api.base_url() && app.region == region)
        .map(|app| Leftover {
            app: app.clone(),
            source: Source::Ledger,
        })
        .collect();
    let listing = list_apps(api).await?;
    let listing_available = listing.is_some();
    let listed = listing.as_ref().map_or(0, Vec::len);
    for (app_id, name) in listing.unwrap_or_default() {
        if !is_ours(&name) || leftovers.iter().any(|l| l.app.app_id == app_id) {
            continue;
        }
        leftovers.push(Leftover {
            app: TrackedApp {
                app_id,
                name,
                scenario: "found by the sweep".to_owned(),
                endpoint: api.base_url().to_owned(),
                region: region.to_owned(),
                created_at: now.to_owned(),
            },
            source: Source::Listing,
        });
    }
    Ok(SweepPlan {
        leftovers,
        listing_available,
        listed,
    })
}
