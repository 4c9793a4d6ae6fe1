//! DescribeAppAttributes, the caller's view: `Apps.AppAttribute[]` with `Tags.TagInfo[]`,
//! filtered, sorted by modification time (`Sort=asc|desc`, desc by default) and paged
//! (PageNumber 1, PageSize 10 up to 100 by default). `TotalCount` counts every match; a page
//! past the end is an empty list.
//!
//! Filter semantics are inferred: AppId, AppKey and AppCode match exactly (any of the app's
//! key pairs and codes); AppName matches as a case-sensitive substring, as the console
//! searches; every `Tag.N` given must be on the app, with its value when one is given.

use serde::Serialize;

use super::views::{AppView, PagedApps};
use crate::actions::input::{self, Page};
use crate::actions::Context;
use crate::error::{ApiResult, ErrorCode};
use crate::operations::{Declaration, Param};
use crate::store::carries_tags;
use crate::store::{App, AppId, Scope, Tag, World};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct TagInfo {
    key: String,
    value: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Tags {
    tag_info: Vec<TagInfo>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct AppAttribute {
    #[serde(flatten)]
    app: AppView,
    tags: Tags,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Apps {
    app_attribute: Vec<AppAttribute>,
}

pub(crate) type Output = PagedApps<Apps>;

struct Filter {
    app_id: Option<AppId>,
    app_name: Option<String>,
    app_key: Option<String>,
    app_code: Option<String>,
    tags: Vec<Tag>,
}

impl Filter {
    fn matches(&self, app: &App) -> bool {
        self.app_id.is_none_or(|id| app.id == id)
            && self.app_name.as_deref().is_none_or(|name| app.name.contains(name))
            && self
                .app_key
                .as_deref()
                .is_none_or(|key| app.key_pairs.iter().any(|p| p.app_key == key))
            && self
                .app_code
                .as_deref()
                .is_none_or(|code| app.app_codes.iter().any(|c| c.app_code == code))
            && carries_tags(&app.tags, &self.tags)
    }
}

impl Filter {
    /// `Some` when the filter names one app by an exact AppId, AppKey or AppCode: that app
    /// (`None` inside when no app of the scope has that key or code).
    fn pinned_app(&self, world: &World, scope: &Scope) -> Option<Option<AppId>> {
        if let Some(id) = self.app_id {
            return Some(Some(id));
        }
        if let Some(key) = &self.app_key {
            return Some(world.app_id_by_key(scope, key));
        }
        self.app_code.as_ref().map(|code| world.app_id_by_code(scope, code))
    }
}

fn attribute(app: &App) -> AppAttribute {
    AppAttribute {
        app: AppView::of(app),
        tags: Tags {
            tag_info: app
                .tags
                .iter()
                .map(|tag| TagInfo {
                    key: tag.key.clone(),
                    value: tag.value.clone(),
                })
                .collect(),
        },
    }
}

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: &["RequestId", "AppId", "CreatedTime", "ModifiedTime"],
    creates: None,
    addresses: &[],
    params: &[
        input::APP_ID,
        Param::text("AppName"),
        Param::text("AppKey"),
        Param::text("AppCode"),
        input::TAGS,
        input::SORT,
        input::PAGE_NUMBER,
        input::PAGE_SIZE,
    ],
};

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let filter = Filter {
        app_id: params.non_empty("AppId").map(input::parse_app_id).transpose()?,
        app_name: params.non_empty("AppName").map(str::to_owned),
        app_key: params.non_empty("AppKey").map(str::to_owned),
        app_code: params.non_empty("AppCode").map(str::to_owned),
        tags: input::tags(params)?,
    };
    let newest_first = match params.non_empty("Sort") {
        None => true,
        Some(sort) if sort.eq_ignore_ascii_case("desc") => true,
        Some(sort) if sort.eq_ignore_ascii_case("asc") => false,
        Some(_) => return Err(ErrorCode::InvalidSort.into()),
    };
    let page = Page::from_params(params)?;
    context.store.read(|world| {
        let Some(tenancy) = world.tenancy(context.scope) else {
            return Ok(Output {
                apps: Apps {
                    app_attribute: Vec::new(),
                },
                page_number: page.number,
                page_size: page.size,
                total_count: 0,
            });
        };
        let unfiltered = filter.app_id.is_none()
            && filter.app_name.is_none()
            && filter.app_key.is_none()
            && filter.app_code.is_none()
            && filter.tags.is_empty();
        // Without a filter the count is known and the page is read straight off the index.
        let (total_count, attributes) = if unfiltered {
            let page_items = tenancy
                .ids_by_modification(newest_first, page.offset())
                .take(page.size)
                .filter_map(|id| tenancy.app(id).map(attribute))
                .collect();
            (tenancy.len(), page_items)
        } else {
            let matching: Vec<&App> = match filter.pinned_app(world, context.scope) {
                // An exact id, key or code names one app at most: look it up, do not scan.
                Some(pinned) => pinned
                    .and_then(|id| tenancy.app(id))
                    .filter(|app| filter.matches(app))
                    .into_iter()
                    .collect(),
                None => tenancy
                    .by_modification(newest_first)
                    .filter(|app| filter.matches(app))
                    .collect(),
            };
            (matching.len(), page.render(matching.into_iter(), attribute))
        };
        Ok(Output {
            apps: Apps {
                app_attribute: attributes,
            },
            page_number: page.number,
            page_size: page.size,
            total_count,
        })
    })
}
