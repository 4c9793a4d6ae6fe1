//! The app owner's view: DescribeAuthorizedApis ("the specified application can call all
//! APIs included in the responses"), DescribeApisByApp and
//! DescribeApisWithStageNameIntegratedByApp. Only the app's owner reads them (another
//! account's app is `NotFoundApp`); the APIs may be any provider's. Oldest grant first.

use serde::Serialize;
use std::collections::BTreeMap;

use super::{stage_alias, valid_time};
use crate::actions::input::{self, Page};
use crate::actions::Context;
use crate::error::ApiResult;
use crate::operations::{Declaration, Param, Resource};
use crate::protocol::timestamp;
use crate::store::{Api, Authorization, Scope, World};

pub(crate) const AUTHORIZED_APIS: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: &["RequestId", "ApiId", "GroupId", "AuthorizedTime"],
    creates: None,
    addresses: &[("AppId", Resource::App)],
    params: &[input::APP_ID.required(), input::PAGE_NUMBER, input::PAGE_SIZE],
};

const BY_APP_PARAMS: &[Param] = &[
    input::APP_ID.required(),
    Param::text("ApiName"),
    Param::text("ApiUid"),
    Param::text("Method"),
    Param::text("Path"),
    Param::text("Description"),
    input::PAGE_NUMBER,
    input::PAGE_SIZE,
];

pub(crate) const APIS_BY_APP: Declaration = Declaration {
    volatile: &["RequestId", "ApiId", "GroupId", "CreatedTime"],
    params: BY_APP_PARAMS,
    ..AUTHORIZED_APIS
};

pub(crate) const INTEGRATED_BY_APP: Declaration = APIS_BY_APP;

/// What one authorization of the app shows: the API, its group, the grant.
struct Held<'a> {
    provider: &'a Scope,
    api: &'a Api,
    group_name: &'a str,
    authorization: &'a Authorization,
}

/// The app's authorizations whose APIs still exist, oldest grant first; the app must be
/// the caller's.
fn held<'a>(world: &'a World, context: &Context<'_>) -> ApiResult<Vec<Held<'a>>> {
    let app_id = input::required_app_id(context.params)?;
    world.app(context.scope, app_id)?;
    let mut held: Vec<Held<'a>> = world
        .authorizations_of_app(app_id)
        .into_iter()
        .filter_map(|(provider, authorization)| {
            let api = world.api(provider, None, &authorization.api_id).ok()?;
            let group = world.group(provider, &api.group_id).ok()?;
            Some(Held {
                provider,
                api,
                group_name: &group.name,
                authorization,
            })
        })
        .collect();
    held.sort_by(|a, b| {
        (a.authorization.authorized_at, &a.api.id, &a.authorization.stage).cmp(&(
            b.authorization.authorized_at,
            &b.api.id,
            &b.authorization.stage,
        ))
    });
    Ok(held)
}

fn iso_or_empty(at: Option<time::OffsetDateTime>) -> String {
    at.map(timestamp::format).unwrap_or_default()
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct AuthorizedApi {
    api_id: String,
    api_name: String,
    /// (sic) the SDK model's spelling.
    auth_vaild_time: String,
    authorization_source: &'static str,
    authorized_time: String,
    description: String,
    group_id: String,
    group_name: String,
    operator: &'static str,
    region_id: String,
    stage_name: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct AuthorizedApis {
    authorized_api: Vec<AuthorizedApi>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct AuthorizedApisOutput {
    authorized_apis: AuthorizedApis,
    page_number: usize,
    page_size: usize,
    total_count: usize,
}

/// Grants through the API are the provider's, from the API (the mock has no console).
const OPERATOR: &str = "PROVIDER";
const SOURCE: &str = "API";

pub(crate) fn authorized_apis(context: &Context<'_>) -> ApiResult<AuthorizedApisOutput> {
    let page = Page::from_params(context.params)?;
    context.store.read(|world| {
        let held = held(world, context)?;
        let item = |h: Held<'_>| AuthorizedApi {
            api_id: h.api.id.clone(),
            api_name: h.api.definition.name.clone(),
            auth_vaild_time: iso_or_empty(h.authorization.valid_until),
            authorization_source: SOURCE,
            authorized_time: timestamp::format(h.authorization.authorized_at),
            description: h.authorization.description.clone(),
            group_id: h.api.group_id.clone(),
            group_name: h.group_name.to_owned(),
            operator: OPERATOR,
            region_id: h.provider.region.clone(),
            stage_name: h.authorization.stage.clone(),
        };
        Ok(AuthorizedApisOutput {
            total_count: held.len(),
            authorized_apis: AuthorizedApis {
                authorized_api: page.render(held.into_iter(), item),
            },
            page_number: page.number,
            page_size: page.size,
        })
    })
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct AppApiRelationInfo {
    api_id: String,
    api_name: String,
    /// DescribeApisByApp only: the integrated view says it per stage.
    #[serde(skip_serializing_if = "Option::is_none")]
    auth_vaild_time: Option<String>,
    authorization_source: &'static str,
    created_time: String,
    description: String,
    group_id: String,
    group_name: String,
    method: String,
    operator: &'static str,
    path: String,
    region_id: String,
    /// DescribeApisByApp only, as the stage's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    stage_alias: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stage_name: Option<String>,
    /// Only DescribeApisWithStageNameIntegratedByApp: each stage the app may call the API
    /// in, with the grant's expiry (inferred: the Go model has the map, no source its
    /// values).
    #[serde(skip_serializing_if = "Option::is_none")]
    stage_name_and_auth: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct AppApiRelationInfos {
    app_api_relation_info: Vec<AppApiRelationInfo>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ByAppOutput {
    app_api_relation_infos: AppApiRelationInfos,
    page_number: usize,
    page_size: usize,
    total_count: usize,
}

/// DescribeApisByApp's filters: ApiName fuzzy (documented), the others exact (inferred).
fn wanted(context: &Context<'_>, h: &Held<'_>) -> bool {
    let params = context.params;
    let d = &h.api.definition;
    params.non_empty("ApiName").is_none_or(|n| d.name.contains(n))
        && params.non_empty("ApiUid").is_none_or(|id| h.api.id == id)
        && params
            .non_empty("Method")
            .is_none_or(|m| d.request_config.request_http_method.eq_ignore_ascii_case(m))
        && params
            .non_empty("Path")
            .is_none_or(|p| d.request_config.request_path == p)
        && params
            .non_empty("Description")
            .is_none_or(|text| d.description.contains(text))
}

fn relation(h: &Held<'_>) -> AppApiRelationInfo {
    let d = &h.api.definition;
    let rfc = |at: Option<time::OffsetDateTime>| at.map(valid_time::rfc1123).unwrap_or_default();
    AppApiRelationInfo {
        api_id: h.api.id.clone(),
        api_name: d.name.clone(),
        auth_vaild_time: Some(rfc(h.authorization.valid_until)),
        authorization_source: SOURCE,
        created_time: rfc(Some(h.authorization.authorized_at)),
        description: h.authorization.description.clone(),
        group_id: h.api.group_id.clone(),
        group_name: h.group_name.to_owned(),
        method: d.request_config.request_http_method.clone(),
        operator: OPERATOR,
        path: d.request_config.request_path.clone(),
        region_id: h.provider.region.clone(),
        stage_alias: Some(stage_alias(&h.authorization.stage).to_owned()),
        stage_name: Some(h.authorization.stage.clone()),
        stage_name_and_auth: None,
    }
}

pub(crate) fn apis_by_app(context: &Context<'_>) -> ApiResult<ByAppOutput> {
    let page = Page::from_params(context.params)?;
    context.store.read(|world| {
        let held: Vec<Held<'_>> = held(world, context)?
            .into_iter()
            .filter(|h| wanted(context, h))
            .collect();
        Ok(ByAppOutput {
            total_count: held.len(),
            app_api_relation_infos: AppApiRelationInfos {
                app_api_relation_info: page.render(held.iter(), relation),
            },
            page_number: page.number,
            page_size: page.size,
        })
    })
}

/// One row per API, its stages and their expiries in `StageNameAndAuth` (the model has no
/// per-row stage or expiry; the map's values are inferred).
pub(crate) fn integrated_by_app(context: &Context<'_>) -> ApiResult<ByAppOutput> {
    let page = Page::from_params(context.params)?;
    context.store.read(|world| {
        let mut rows: Vec<AppApiRelationInfo> = Vec::new();
        for h in held(world, context)?.iter().filter(|h| wanted(context, h)) {
            let expiry = h.authorization.valid_until.map(valid_time::rfc1123).unwrap_or_default();
            match rows.iter_mut().find(|row| row.api_id == h.api.id) {
                Some(row) => {
                    if let Some(map) = row.stage_name_and_auth.as_mut() {
                        map.insert(h.authorization.stage.clone(), expiry);
                    }
                }
                None => {
                    let mut row = relation(h);
                    row.auth_vaild_time = None;
                    row.stage_alias = None;
                    row.stage_name = None;
                    row.stage_name_and_auth = Some(BTreeMap::from([(h.authorization.stage.clone(), expiry)]));
                    rows.push(row);
                }
            }
        }
        Ok(ByAppOutput {
            total_count: rows.len(),
            app_api_relation_infos: AppApiRelationInfos {
                app_api_relation_info: page.slice(rows.into_iter()),
            },
            page_number: page.number,
            page_size: page.size,
        })
    })
}
