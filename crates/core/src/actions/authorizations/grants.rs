//! SetAppsAuthorities / RemoveAppsAuthorities (one API, many apps) and SetApisAuthorities /
//! RemoveApisAuthorities (one app, many APIs). The APIs are the caller's; the apps may be
//! any account's in the region, named by AppId. Every id named must exist or nothing is
//! granted; re-granting overwrites; revoking pairs none of which is granted is
//! `NotFoundAuthorization` (inferred for a partly granted list: what exists is revoked).

use serde::Serialize;

use super::{api_ids, app_ids, stage, valid_time, API_IDS, APP_IDS, STAGE_NAME};
use crate::actions::{input, Context};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Declaration, Param, Resource};
use crate::protocol::params::Params;
use crate::store::Grant;

const API_ID: Param = Param::text("ApiId").required();
const APP_ID: Param = input::APP_ID.required();

const fn write(addresses: &'static [(&'static str, Resource)], params: &'static [Param]) -> Declaration {
    Declaration {
        writes: true,
        throttled: false,
        volatile: &["RequestId"],
        creates: None,
        addresses,
        params,
    }
}

pub(crate) const SET_APPS: Declaration = write(
    &[("ApiId", Resource::Api), ("GroupId", Resource::ApiGroup)],
    &[
        API_ID,
        APP_IDS.required(),
        STAGE_NAME,
        input::GROUP_ID,
        Param::text("Description"),
        Param::text("AuthValidTime"),
        Param::text("AuthVaildTime"),
    ],
);

pub(crate) const REMOVE_APPS: Declaration = write(
    &[("ApiId", Resource::Api), ("GroupId", Resource::ApiGroup)],
    &[API_ID, APP_IDS.required(), STAGE_NAME, input::GROUP_ID],
);

pub(crate) const SET_APIS: Declaration = write(
    &[("AppId", Resource::App), ("GroupId", Resource::ApiGroup)],
    &[
        APP_ID,
        API_IDS.required(),
        STAGE_NAME,
        input::GROUP_ID,
        Param::text("Description"),
        Param::text("AuthValidTime"),
        Param::text("AuthVaildTime"),
    ],
);

pub(crate) const REMOVE_APIS: Declaration = write(
    &[("AppId", Resource::App), ("GroupId", Resource::ApiGroup)],
    &[
        APP_ID,
        API_IDS.required(),
        STAGE_NAME,
        input::GROUP_ID,
        Param::text("Description"),
    ],
);

#[derive(Debug, Serialize)]
pub(crate) struct Output {}

/// The grant's stage, remark and expiry (`AuthValidTime`, or the Go SDK's misspelt
/// `AuthVaildTime`; empty is for ever).
fn grant(params: &Params) -> ApiResult<Grant> {
    let raw = params
        .non_empty("AuthValidTime")
        .or_else(|| params.non_empty("AuthVaildTime"));
    let valid_until = raw
        .map(|raw| valid_time::parse(raw).ok_or(ApiError::new(ErrorCode::InvalidAuthValidTime)))
        .transpose()?;
    Ok(Grant {
        stage: stage(params)?,
        description: params.get("Description").unwrap_or_default().to_owned(),
        valid_until,
    })
}

/// With a GroupId, every API named must be of that group.
fn check_group(context: &Context<'_>, api_ids: &[String]) -> ApiResult<()> {
    let Some(group_id) = context.params.non_empty("GroupId") else {
        return Ok(());
    };
    context.store.read(|world| {
        for api_id in api_ids {
            world.api(context.scope, Some(group_id), api_id)?;
        }
        Ok(())
    })
}

fn the_app(params: &Params) -> ApiResult<crate::store::AppId> {
    input::required_app_id(params)
}

pub(crate) fn set_apps(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let api_id = vec![params.non_empty("ApiId").unwrap_or_default().to_owned()];
    let apps = app_ids(params)?;
    let grant = grant(params)?;
    check_group(context, &api_id)?;
    context
        .store
        .with(|world| world.authorize(context.scope, &api_id, &apps, &grant, context.now))?;
    Ok(Output {})
}

pub(crate) fn remove_apps(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let api_id = vec![params.non_empty("ApiId").unwrap_or_default().to_owned()];
    let apps = app_ids(params)?;
    let stage = stage(params)?;
    check_group(context, &api_id)?;
    context
        .store
        .with(|world| world.revoke(context.scope, &api_id, &apps, stage))?;
    Ok(Output {})
}

pub(crate) fn set_apis(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let app = the_app(params)?;
    let apis = api_ids(params)?;
    let grant = grant(params)?;
    check_group(context, &apis)?;
    context
        .store
        .with(|world| world.authorize(context.scope, &apis, &[app], &grant, context.now))?;
    Ok(Output {})
}

pub(crate) fn remove_apis(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let app = the_app(params)?;
    let apis = api_ids(params)?;
    let stage = stage(params)?;
    check_group(context, &apis)?;
    context
        .store
        .with(|world| world.revoke(context.scope, &apis, &[app], stage))?;
    Ok(Output {})
}
