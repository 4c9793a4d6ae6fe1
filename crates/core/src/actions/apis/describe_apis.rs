//! DescribeApis: the APIs being edited, of one group or of the whole region, in
//! `ApiSummarys.ApiSummary[]` (sic), paged (PageNumber 1, PageSize 10 by default). Filter
//! semantics are inferred: ApiId, ApiPath, ApiMethod and Visibility match exactly, ApiName
//! as a substring ("fuzzy"), `Tag.N` as the group listing does; UnDeployed keeps the APIs
//! that run in no stage (in `StageName`, when one is named). Newest first.

use serde::Serialize;

use super::views::{DeployedInfos, TagList};
use crate::actions::input::{self, Page};
use crate::actions::Context;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Declaration, Kind, Param};
use crate::protocol::timestamp;
use crate::store::apis::{stage_name, Api};
use crate::store::carries_tags;
use crate::store::Tag;

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: &[
        "RequestId",
        "ApiId",
        "GroupId",
        "CreatedTime",
        "ModifiedTime",
        "EffectiveVersion",
    ],
    creates: None,
    addresses: &[],
    params: &[
        input::GROUP_ID,
        Param::text("ApiId"),
        Param::text("ApiName"),
        Param::text("ApiPath"),
        Param::text("ApiMethod"),
        Param::text("CatalogId"),
        Param::text("Visibility"),
        Param::text("StageName"),
        Param::new("UnDeployed", Kind::Bool),
        Param::new("EnableTagAuth", Kind::Text),
        input::TAGS,
        input::PAGE_NUMBER,
        input::PAGE_SIZE,
    ],
};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ApiSummary {
    api_id: String,
    api_method: String,
    api_name: String,
    api_path: String,
    created_time: String,
    deployed_infos: DeployedInfos,
    description: String,
    group_id: String,
    group_name: String,
    modified_time: String,
    region_id: String,
    tag_list: TagList,
    visibility: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ApiSummarys {
    api_summary: Vec<ApiSummary>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Output {
    api_summarys: ApiSummarys,
    page_number: usize,
    page_size: usize,
    total_count: usize,
}

struct Filter<'a> {
    api_id: Option<&'a str>,
    api_name: Option<&'a str>,
    api_path: Option<&'a str>,
    api_method: Option<&'a str>,
    visibility: Option<&'a str>,
    undeployed_in: Option<Option<&'static str>>,
    tags: Vec<Tag>,
}

impl Filter<'_> {
    fn matches(&self, api: &Api) -> bool {
        let d = &api.definition;
        self.api_id.is_none_or(|id| api.id == id)
            && self.api_name.is_none_or(|name| d.name.contains(name))
            && self.api_path.is_none_or(|path| d.request_config.request_path == path)
            && self
                .api_method
                .is_none_or(|method| d.request_config.request_http_method.eq_ignore_ascii_case(method))
            && self.visibility.is_none_or(|v| d.visibility == v)
            && self.undeployed_in.is_none_or(|stage| match stage {
                Some(stage) => !api.running.contains_key(stage),
                None => api.running.is_empty(),
            })
            && carries_tags(&api.tags, &self.tags)
    }
}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let stage = match params.non_empty("StageName") {
        None => None,
        Some(name) => Some(stage_name(name).ok_or(ApiError::new(ErrorCode::NotFoundStage))?),
    };
    let undeployed = input::optional_bool(params, "UnDeployed", ErrorCode::InvalidUnDeployed)?.unwrap_or(false);
    let filter = Filter {
        api_id: params.non_empty("ApiId"),
        api_name: params.non_empty("ApiName"),
        api_path: params.non_empty("ApiPath"),
        api_method: params.non_empty("ApiMethod"),
        visibility: params.non_empty("Visibility"),
        undeployed_in: undeployed.then_some(stage),
        tags: input::tags(params)?,
    };
    let group_id = params.non_empty("GroupId");
    let page = Page::from_params(params)?;
    let region = &context.scope.region;
    context.store.read(|world| {
        if let Some(group_id) = group_id {
            world.group(context.scope, group_id)?;
        }
        let Some(tenancy) = world.tenancy(context.scope) else {
            return Ok(Output {
                api_summarys: ApiSummarys {
                    api_summary: Vec::new(),
                },
                page_number: page.number,
                page_size: page.size,
                total_count: 0,
            });
        };
        let table = tenancy.api_table();
        let mut matching: Vec<&Api> = match group_id {
            Some(group_id) => table.of_group(group_id).filter(|api| filter.matches(api)).collect(),
            None => table.iter().filter(|api| filter.matches(api)).collect(),
        };
        // Newest first; creation order breaks ties, newest first too.
        matching.reverse();
        matching.sort_by_key(|api| std::cmp::Reverse(api.modified_at));
        let summary = |api: &Api| {
            let d = &api.definition;
            ApiSummary {
                api_id: api.id.clone(),
                api_method: d.request_config.request_http_method.clone(),
                api_name: d.name.clone(),
                api_path: d.request_config.request_path.clone(),
                created_time: timestamp::format(api.created_at),
                deployed_infos: DeployedInfos::of(api),
                description: d.description.clone(),
                group_id: api.group_id.clone(),
                group_name: tenancy.group(&api.group_id).map(|g| g.name.clone()).unwrap_or_default(),
                modified_time: timestamp::format(api.modified_at),
                region_id: region.clone(),
                tag_list: TagList::of(&api.tags),
                visibility: d.visibility.clone(),
            }
        };
        Ok(Output {
            total_count: matching.len(),
            api_summarys: ApiSummarys {
                api_summary: page.render(matching.into_iter(), summary),
            },
            page_number: page.number,
            page_size: page.size,
        })
    })
}
