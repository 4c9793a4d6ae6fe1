//! TagResources, UntagResources and ListTagResources, for `ResourceType=app` (the
//! `ResourceId.N` is the AppId as a decimal string) and `ResourceType=apiGroup` (the
//! GroupId). ListTagResources also takes `api` (the reference confirms it for that action
//! only), listing the tags CreateApi gave; the mock holds no plug-ins, so their ids are
//! never found.
//!
//! Documented: tagging several resources is all or nothing; a key already bound takes the
//! new value; a value needs its key; UntagResources removes the keys given (`TagKey.N`), or
//! every tag with `All=true` and no keys, and does nothing with neither. ListTagResources
//! needs at least one of `ResourceId.N` and `Tag.N`; an untagged resource lists as an empty
//! list.

use serde::Serialize;

use crate::actions::input::{self, ResourceType};
use crate::actions::Context;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Declaration, Kind, Param};
use crate::store::{carries_tags, AppId, StoreError, Tag, World};

const TAG_OR_UNTAG_TYPES: &[&str] = &["app", "apiGroup", "plugin"];
const LISTED_TYPES: &[&str] = &["app", "apiGroup", "plugin", "api"];

/// Tag writes name their resources through `ResourceType` and `ResourceId.N`, which the
/// write guard reads from there.
pub(crate) const TAG: Declaration = Declaration {
    writes: true,
    throttled: false,
    volatile: &["RequestId"],
    creates: None,
    addresses: &[],
    params: &[
        Param::new("ResourceType", Kind::OneOf(TAG_OR_UNTAG_TYPES)).required(),
        input::RESOURCE_IDS.required(),
        input::TAGS.required(),
    ],
};

pub(crate) const UNTAG: Declaration = Declaration {
    writes: true,
    throttled: false,
    volatile: &["RequestId"],
    creates: None,
    addresses: &[],
    params: &[
        Param::new("ResourceType", Kind::OneOf(TAG_OR_UNTAG_TYPES)).required(),
        input::RESOURCE_IDS.required(),
        input::TAG_KEYS,
        Param::new("All", Kind::Bool),
    ],
};

pub(crate) const LIST: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: &["RequestId", "ResourceId"],
    creates: None,
    addresses: &[],
    params: &[
        Param::new("ResourceType", Kind::OneOf(LISTED_TYPES)).required(),
        input::RESOURCE_IDS,
        input::TAGS,
        Param::new("NextToken", Kind::Range { min: 0, max: u64::MAX }),
    ],
};

#[derive(Debug, Serialize)]
pub(crate) struct Empty {}

/// The resources a tag request names, of a kind the mock holds.
enum Named {
    Apps(Vec<AppId>),
    Groups(Vec<String>),
    /// Only ListTagResources names APIs (the tags CreateApi gave them).
    Apis(Vec<String>),
}

/// The resources named by `ResourceId.N`; an id that cannot name one of its kind is not found.
fn named(resource_type: ResourceType, ids: Vec<String>) -> ApiResult<Named> {
    if ids.is_empty() {
        return Err(ErrorCode::MissingResourceId.into());
    }
    match resource_type {
        ResourceType::App => Ok(Named::Apps(input::app_resource_ids(&ids)?)),
        ResourceType::ApiGroup => Ok(Named::Groups(ids)),
        ResourceType::Api => Ok(Named::Apis(ids)),
        ResourceType::Plugin => Err(ErrorCode::NotFoundResourceId.into()),
    }
}

/// A tag action's refusal: a resource it names that does not exist is `NotFoundResourceId`,
/// whatever its kind.
fn tag_refusal(err: StoreError) -> ApiError {
    match err {
        StoreError::NotFound(_) => ErrorCode::NotFoundResourceId.into(),
        other => other.into(),
    }
}

pub(crate) fn tag(context: &Context<'_>) -> ApiResult<Empty> {
    let params = context.params;
    let resource_type = ResourceType::from_params(params, false)?;
    let tags = input::tags(params)?;
    let resources = named(resource_type, input::resource_ids(params)?)?;
    if tags.is_empty() {
        return Err(ErrorCode::MissingTag.into());
    }
    context
        .store
        .with(|world| match &resources {
            Named::Apps(ids) => world.tag_apps(context.scope, ids, &tags),
            Named::Groups(ids) => world.tag_groups(context.scope, ids, &tags),
            Named::Apis(_) => Err(StoreError::NotFound(crate::store::Entity::Api)),
        })
        .map_err(tag_refusal)?;
    Ok(Empty {})
}

pub(crate) fn untag(context: &Context<'_>) -> ApiResult<Empty> {
    let params = context.params;
    let resource_type = ResourceType::from_params(params, false)?;
    let keys = input::tag_keys(params)?;
    let all = input::optional_bool(params, "All", ErrorCode::InvalidAll)?.unwrap_or(false);
    let resources = named(resource_type, input::resource_ids(params)?)?;
    let keys = match (keys.is_empty(), all) {
        (false, _) => Some(keys),
        (true, true) => None,
        // No keys and not All: "the request is not processed but a success is returned",
        // once the resources are known to exist.
        (true, false) => Some(Vec::new()),
    };
    context
        .store
        .with(|world| match &resources {
            Named::Apps(ids) => world.untag_apps(context.scope, ids, keys.as_deref()),
            Named::Groups(ids) => world.untag_groups(context.scope, ids, keys.as_deref()),
            Named::Apis(_) => Err(StoreError::NotFound(crate::store::Entity::Api)),
        })
        .map_err(tag_refusal)?;
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
pub(crate) struct ListOutput {
    next_token: String,
    tag_resources: TagResources,
}

/// Rows per ListTagResources page (not documented; the request has no page size).
pub const TAG_ROWS_PER_PAGE: usize = 50;
/// "A NextToken value of -1 indicates that a next query does not exist."
const NO_NEXT_PAGE: &str = "-1";

fn rows(resource_type: ResourceType, id: String, tags: &[Tag]) -> impl Iterator<Item = TagResource> + '_ {
    tags.iter().map(move |tag| TagResource {
        resource_id: id.clone(),
        resource_type: resource_type.as_str(),
        tag_key: tag.key.clone(),
        tag_value: tag.value.clone(),
    })
}

/// The tagged resources of one kind: those named, each of which must exist, or every one of
/// the scope.
fn listed(
    world: &World,
    context: &Context<'_>,
    resources: Option<&Named>,
    resource_type: ResourceType,
) -> ApiResult<Vec<(String, Vec<Tag>)>> {
    let scope = context.scope;
    let tenancy = world.tenancy(scope);
    let found = match (resource_type, resources) {
        (_, Some(Named::Apps(ids))) => ids
            .iter()
            .map(|id| world.app(scope, *id).map(|app| (app.id.to_string(), app.tags.clone())))
            .collect::<Result<_, _>>()
            .map_err(tag_refusal)?,
        (_, Some(Named::Groups(ids))) => ids
            .iter()
            .map(|id| {
                world
                    .group(scope, id)
                    .map(|group| (group.id.clone(), group.tags.clone()))
            })
            .collect::<Result<_, _>>()
            .map_err(tag_refusal)?,
        (_, Some(Named::Apis(ids))) => ids
            .iter()
            .map(|id| world.api(scope, None, id).map(|api| (api.id.clone(), api.tags.clone())))
            .collect::<Result<_, _>>()
            .map_err(tag_refusal)?,
        (ResourceType::App, None) => tenancy
            .map(|t| t.apps().map(|app| (app.id.to_string(), app.tags.clone())).collect())
            .unwrap_or_default(),
        (ResourceType::ApiGroup, None) => tenancy
            .map(|t| {
                t.group_table()
                    .iter()
                    .map(|group| (group.id.clone(), group.tags.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        (ResourceType::Api, None) => tenancy
            .map(|t| {
                t.api_table()
                    .iter()
                    .map(|api| (api.id.clone(), api.tags.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        (ResourceType::Plugin, None) => Vec::new(),
    };
    Ok(found)
}

pub(crate) fn list(context: &Context<'_>) -> ApiResult<ListOutput> {
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
    let resources = if ids.is_empty() {
        None
    } else {
        Some(named(resource_type, ids)?)
    };
    let tagged = context
        .store
        .read(|world| listed(world, context, resources.as_ref(), resource_type))?;
    let rows: Vec<TagResource> = tagged
        .into_iter()
        .filter(|(_, tags)| carries_tags(tags, &filters))
        .flat_map(|(id, tags)| rows(resource_type, id, &tags).collect::<Vec<_>>())
        .collect();
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
