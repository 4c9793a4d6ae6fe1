//! TagResources, UntagResources and ListTagResources, for `ResourceType=app` (the
//! `ResourceId.N` is the AppId as a decimal string). The other resource types are valid
//! names, but the mock holds no API groups, plug-ins or APIs, so their ids are never found.
//!
//! Documented: tagging several resources is all or nothing; a key already bound takes the
//! new value; a value needs its key; UntagResources removes the keys given (`TagKey.N`), or
//! every tag with `All=true` and no keys, and does nothing with neither. ListTagResources
//! needs at least one of `ResourceId.N` and `Tag.N`; an untagged app lists as an empty list.

use serde::Serialize;

use super::input::{self, ResourceType};
use super::Context;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::store::{App, AppId};

#[derive(Debug, Serialize)]
pub(super) struct Empty {}

/// The AppIds a tag request names; they must name apps to exist at all.
fn named_apps(resource_type: ResourceType, ids: &[String]) -> ApiResult<Vec<AppId>> {
    if ids.is_empty() {
        return Err(ErrorCode::MissingResourceId.into());
    }
    if resource_type != ResourceType::App {
        return Err(ErrorCode::NotFoundResourceId.into());
    }
    input::app_resource_ids(ids)
}

pub(super) fn tag(context: &Context<'_>) -> ApiResult<Empty> {
    let params = context.params;
    let resource_type = ResourceType::from_params(params, false)?;
    let ids = input::resource_ids(params)?;
    let tags = input::tags(params)?;
    let app_ids = named_apps(resource_type, &ids)?;
    if tags.is_empty() {
        return Err(ErrorCode::MissingTag.into());
    }
    context
        .store
        .with(|world| world.tag_apps(context.scope, &app_ids, &tags))?;
    Ok(Empty {})
}

pub(super) fn untag(context: &Context<'_>) -> ApiResult<Empty> {
    let params = context.params;
    let resource_type = ResourceType::from_params(params, false)?;
    let ids = input::resource_ids(params)?;
    let keys = input::tag_keys(params)?;
    let all = input::optional_bool(params, "All", ErrorCode::InvalidAll)?.unwrap_or(false);
    let app_ids = named_apps(resource_type, &ids)?;
    let keys = match (keys.is_empty(), all) {
        (false, _) => Some(keys),
        (true, true) => None,
        // No keys and not All: "the request is not processed but a success is returned",
        // once the resources are known to exist.
        (true, false) => Some(Vec::new()),
    };
    context
        .store
        .with(|world| world.untag_apps(context.scope, &app_ids, keys.as_deref()))?;
    Ok(Empty {})
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct TagResource {
    resource_id: String,
    resource_type: &'static str,
    tag_key: String,
    tag_value: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct TagResources {
    tag_resource: Vec<TagResource>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct ListOutput {
    next_token: String,
    tag_resources: TagResources,
}

/// Rows per ListTagResources page (not documented; the request has no page size).
pub const TAG_ROWS_PER_PAGE: usize = 50;
/// "A NextToken value of -1 indicates that a next query does not exist."
const NO_NEXT_PAGE: &str = "-1";

pub(super) fn list(context: &Context<'_>) -> ApiResult<ListOutput> {
    let params = context.params;
    let resource_type = ResourceType::from_params(params, true)?;
    let ids = input::resource_ids(params)?;
    let filters = input::tags(params)?;
    if ids.is_empty() && filters.is_empty() {
        return Err(ErrorCode::MissingResourceId.into());
    }
    let offset = match params.non_empty("NextToken") {
        None => 0,
        Some(token) => token
            .parse::<usize>()
            .map_err(|_| ApiError::new(ErrorCode::InvalidNextToken))?,
    };
    let rows: Vec<TagResource> = if resource_type != ResourceType::App {
        if !ids.is_empty() {
            return Err(ErrorCode::NotFoundResourceId.into());
        }
        Vec::new()
    } else {
        let app_ids = if ids.is_empty() {
            None
        } else {
            Some(input::app_resource_ids(&ids)?)
        };
        context.store.with(|world| -> ApiResult<Vec<TagResource>> {
            let apps: Vec<&App> = match &app_ids {
                Some(app_ids) => app_ids
                    .iter()
                    .map(|id| {
                        world
                            .app(context.scope, *id)
                            .map_err(|_| ApiError::new(ErrorCode::NotFoundResourceId))
                    })
                    .collect::<ApiResult<_>>()?,
                None => world
                    .tenancy(context.scope)
                    .map(|t| t.apps().collect())
                    .unwrap_or_default(),
            };
            Ok(apps
                .into_iter()
                .filter(|app| {
                    filters.iter().all(|wanted| {
                        app.tags
                            .iter()
                            .any(|t| t.key == wanted.key && (wanted.value.is_empty() || t.value == wanted.value))
                    })
                })
                .flat_map(|app| {
                    app.tags.iter().map(|tag| TagResource {
                        resource_id: app.id.to_string(),
                        resource_type: ResourceType::App.as_str(),
                        tag_key: tag.key.clone(),
                        tag_value: tag.value.clone(),
                    })
                })
                .collect())
        })?
    };
    let total = rows.len();
    let page: Vec<TagResource> = rows.into_iter().skip(offset).take(TAG_ROWS_PER_PAGE).collect();
    let next = offset.saturating_add(TAG_ROWS_PER_PAGE);
    Ok(ListOutput {
        next_token: if next < total {
            next.to_string()
        } else {
            NO_NEXT_PAGE.to_owned()
        },
        tag_resources: TagResources { tag_resource: page },
    })
}
