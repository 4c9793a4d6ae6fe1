//! DescribeAuthorizedApps, the provider's view: "all applications included in the responses
//! have access to the specified API", its own apps and other accounts', in
//! `AuthorizedApps.AuthorizedApp[]`, paged (PageSize 10 by default: terraform reads only the
//! first page), oldest grant first. The API must be the caller's.

use serde::Serialize;

use super::stage_alias;
use crate::actions::groups::views::Tags;
use crate::actions::input::{self, Page};
use crate::actions::Context;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Declaration, Kind, Param, Resource};
use crate::protocol::timestamp;
use crate::store::apis::stage_name;
use crate::store::{App, Authorization};

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: &["RequestId", "AppId", "AuthorizedTime"],
    creates: None,
    addresses: &[("ApiId", Resource::Api), ("GroupId", Resource::ApiGroup)],
    params: &[
        Param::text("ApiId").required(),
        input::GROUP_ID,
        Param::text("StageName"),
        input::APP_ID,
        Param::text("AppName"),
        Param::new("AppOwnerId", Kind::Uint64),
        input::PAGE_NUMBER,
        input::PAGE_SIZE,
    ],
};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct AuthorizedApp {
    app_description: String,
    app_id: i64,
    app_name: String,
    auth_vaild_time: String,
    authorization_source: &'static str,
    authorized_time: String,
    description: String,
    operator: &'static str,
    stage_alias: &'static str,
    stage_name: String,
    tag: Tags,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct AuthorizedApps {
    authorized_app: Vec<AuthorizedApp>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Output {
    authorized_apps: AuthorizedApps,
    page_number: usize,
    page_size: usize,
    total_count: usize,
}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let api_id = params.non_empty("ApiId").unwrap_or_default();
    let group_id = params.non_empty("GroupId");
    let stage = match params.non_empty("StageName") {
        None => None,
        Some(name) => Some(stage_name(name).ok_or(ApiError::new(ErrorCode::NotFoundStage))?),
    };
    let app_filter = params.non_empty("AppId").map(input::parse_app_id).transpose()?;
    let name_filter = params.non_empty("AppName");
    let owner_filter = params.non_empty("AppOwnerId");
    let page = Page::from_params(params)?;
    context.store.read(|world| {
        world.api(context.scope, group_id, api_id)?;
        let mut granted: Vec<(&Authorization, &App)> = world
            .tenancy(context.scope)
            .map(|tenancy| {
                tenancy
                    .authorization_table()
                    .of_api(api_id)
                    .filter(|a| stage.is_none_or(|s| a.stage == s))
                    .filter(|a| app_filter.is_none_or(|id| a.app_id == id))
                    .filter_map(|a| {
                        let scope = world.app_scope(a.app_id)?;
                        let app = world.app(scope, a.app_id).ok()?;
                        let owner_ok = owner_filter.is_none_or(|uid| scope.account_uid == uid);
                        let name_ok = name_filter.is_none_or(|n| app.name.contains(n));
                        (owner_ok && name_ok).then_some((a, app))
                    })
                    .collect()
            })
            .unwrap_or_default();
        granted.sort_by_key(|(a, _)| (a.authorized_at, a.app_id));
        let item = |(a, app): (&Authorization, &App)| AuthorizedApp {
            app_description: app.description.clone(),
            app_id: app.id,
            app_name: app.name.clone(),
            auth_vaild_time: a.valid_until.map(timestamp::format).unwrap_or_default(),
            authorization_source: "API",
            authorized_time: timestamp::format(a.authorized_at),
            description: a.description.clone(),
            operator: "PROVIDER",
            stage_alias: stage_alias(&a.stage),
            stage_name: a.stage.clone(),
            tag: Tags::of(&app.tags),
        };
        Ok(Output {
            total_count: granted.len(),
            authorized_apps: AuthorizedApps {
                authorized_app: page.render(granted.into_iter(), item),
            },
            page_number: page.number,
            page_size: page.size,
        })
    })
}
