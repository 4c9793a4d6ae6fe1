//! DescribeApps, the provider's view: `Apps.AppItem[]` with AppId, AppName, Description.
//!
//! "API providers can use the app IDs or their Alibaba Cloud accounts to query app
//! information"; one of AppId and AppOwner is required (`MissingAppIdOrAppOwner`). A provider
//! sees its own apps and the other users' apps authorized to call its APIs: AppOwner names
//! the account whose apps are listed, AppId one app (inferred: the docs describe the view,
//! not how the two combine). Ordered by AppId.

use serde::Serialize;

use super::views::PagedApps;
use crate::actions::input::{self, Page};
use crate::actions::Context;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Declaration, Kind, Param};
use crate::store::{App, AppId, Scope};
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct AppItem {
    app_id: AppId,
    app_name: String,
    description: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Apps {
    app_item: Vec<AppItem>,
}

pub(crate) type Output = PagedApps<Apps>;

fn item(app: &App) -> AppItem {
    AppItem {
        app_id: app.id,
        app_name: app.name.clone(),
        description: app.description.clone(),
    }
}

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: &["RequestId", "AppId"],
    creates: None,
    addresses: &[],
    params: &[
        input::APP_ID,
        Param::new("AppOwner", Kind::Uint64),
        input::PAGE_NUMBER,
        input::PAGE_SIZE,
    ],
};

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let app_id = params.non_empty("AppId").map(input::parse_app_id).transpose()?;
    let owner = params
        .non_empty("AppOwner")
        .map(|raw| {
            raw.parse::<u64>()
                .map_err(|_| ApiError::new(ErrorCode::InvalidAppOwner))
        })
        .transpose()?;
    if app_id.is_none() && owner.is_none() {
        return Err(ErrorCode::MissingAppIdOrAppOwner.into());
    }
    let page = Page::from_params(params)?;
    let scope = context.scope;
    context.store.read(|world| {
        let own = world
            .tenancy(scope)
            .map(|t| t.apps().collect::<Vec<_>>())
            .unwrap_or_default();
        // Other accounts' apps the caller's APIs are authorized to, each once.
        let authorized: BTreeMap<AppId, (&Scope, &App)> = world
            .tenancy(scope)
            .map(|t| {
                t.authorization_table()
                    .iter()
                    .filter_map(|a| {
                        let app_scope = world.app_scope(a.app_id)?;
                        let app = world.app(app_scope, a.app_id).ok()?;
                        (app_scope != scope).then_some((a.app_id, (app_scope, app)))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let visible = own
            .into_iter()
            .map(|app| (scope, app))
            .chain(authorized.into_values())
            .filter(|(app_scope, app)| {
                owner.is_none_or(|uid| uid.to_string() == app_scope.account_uid) && app_id.is_none_or(|id| app.id == id)
            });
        let mut matching: Vec<&App> = visible.map(|(_, app)| app).collect();
        matching.sort_by_key(|app| app.id);
        Ok(Output {
            total_count: matching.len(),
            apps: Apps {
                app_item: page.render(matching.into_iter(), item),
            },
            page_number: page.number,
            page_size: page.size,
        })
    })
}
