//! DescribeApiGroups: the caller's groups in `ApiGroupAttributes.ApiGroupAttribute[]`,
//! filtered, sorted by modification time (`Sort=asc|desc`, desc by default) and paged
//! (PageNumber 1, PageSize 10, at most 50). `TotalCount` counts every match; a page past the
//! end is an empty list.
//!
//! Filter semantics are inferred: GroupId, BasePath and InstanceId match exactly, GroupName
//! as a substring ("keyword contained in the name"), and every `Tag.N` given must be on the
//! group, with its value when one is given.

use serde::Serialize;

use super::views::GroupSummary;
use crate::actions::input::{self, Page, MAX_GROUP_PAGE_SIZE};
use crate::actions::Context;
use crate::error::ApiResult;
use crate::operations::{Declaration, Kind, Param};
use crate::store::carries_tags;
use crate::store::{ApiGroup, Tag};

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: &["RequestId", "GroupId", "SubDomain", "CreatedTime", "ModifiedTime"],
    creates: None,
    addresses: &[],
    params: &[
        input::GROUP_ID,
        Param::text("GroupName"),
        Param::text("BasePath"),
        Param::text("InstanceId"),
        Param::new("EnableTagAuth", Kind::Text),
        input::TAGS,
        input::SORT,
        input::PAGE_NUMBER,
        input::GROUP_PAGE_SIZE,
    ],
};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ApiGroupAttributes {
    api_group_attribute: Vec<GroupSummary>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Output {
    api_group_attributes: ApiGroupAttributes,
    page_number: usize,
    page_size: usize,
    total_count: usize,
}

struct Filter<'a> {
    group_id: Option<&'a str>,
    group_name: Option<&'a str>,
    base_path: Option<&'a str>,
    instance_id: Option<&'a str>,
    tags: Vec<Tag>,
}

impl Filter<'_> {
    fn matches(&self, group: &ApiGroup) -> bool {
        self.group_id.is_none_or(|id| group.id == id)
            && self.group_name.is_none_or(|name| group.name.contains(name))
            && self.base_path.is_none_or(|path| group.base_path == path)
            && self.instance_id.is_none_or(|id| group.instance_id == id)
            && carries_tags(&group.tags, &self.tags)
    }
}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let filter = Filter {
        group_id: params.non_empty("GroupId"),
        group_name: params.non_empty("GroupName"),
        base_path: params.non_empty("BasePath"),
        instance_id: params.non_empty("InstanceId"),
        tags: input::tags(params)?,
    };
    let newest_first = input::newest_first(params);
    let page = Page::from_params_up_to(params, MAX_GROUP_PAGE_SIZE)?;
    let region = &context.scope.region;
    context.store.read(|world| {
        let matching: Vec<&ApiGroup> = world
            .tenancy(context.scope)
            .map(|tenancy| {
                tenancy
                    .group_table()
                    .by_modification(newest_first)
                    .filter(|group| filter.matches(group))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Output {
            total_count: matching.len(),
            api_group_attributes: ApiGroupAttributes {
                api_group_attribute: page.render(matching.into_iter(), |group| GroupSummary::of(group, region)),
            },
            page_number: page.number,
            page_size: page.size,
        })
    })
}
