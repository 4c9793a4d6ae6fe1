//! DescribeApps, the provider's view: `Apps.AppItem[]` with AppId, AppName, Description.
//!
//! "API providers can use the app IDs or their Alibaba Cloud accounts to query app
//! information"; one of AppId and AppOwner is required (`MissingAppIdOrAppOwner`). A provider
//! sees other users' apps only through authorizations on its APIs, which the mock does not
//! have, so AppOwner lists the caller's own apps when it is the caller's UID and nothing
//! otherwise (inferred).

use serde::Serialize;

use super::views::PagedApps;
use crate::actions::input::{self, Page};
use crate::actions::Context;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Declaration, Kind, Param};
use crate::store::{App, AppId};

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
    let own_account = owner.is_none_or(|uid| uid.to_string() == context.scope.account_uid);
    context.store.read(|world| {
        let tenancy = world.tenancy(context.scope).filter(|_| own_account);
        let (total_count, items) = match (tenancy, app_id) {
            (None, _) => (0, Vec::new()),
            (Some(tenancy), Some(id)) => {
                let found: Vec<AppItem> = tenancy.app(id).map(item).into_iter().collect();
                (found.len(), page.slice(found.into_iter()))
            }
            (Some(tenancy), None) => (tenancy.len(), page.render(tenancy.apps(), item)),
        };
        Ok(Output {
            apps: Apps { app_item: items },
            page_number: page.number,
            page_size: page.size,
            total_count,
        })
    })
}
