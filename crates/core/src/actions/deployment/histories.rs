//! The publication record: DescribeApiHistories and DescribeHistoryApis list a group's
//! publications (GroupId required; newest first; `Status` ONLINE for the version a stage
//! runs, OFFLINE otherwise), DescribeApiHistory shows one version in full. Only published
//! APIs have history. The item's `Description` is the deploy remark (inferred).

use serde::Serialize;

use crate::actions::apis::views::{Placement, PublicationView};
use crate::actions::input::{self, Page, MAX_GROUP_PAGE_SIZE};
use crate::actions::Context;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Declaration, Kind, Param, Resource};
use crate::protocol::timestamp;
use crate::store::apis::{stage_name, Api, Publication};

const LIST_PARAMS: &[Param] = &[
    input::GROUP_ID.required(),
    Param::text("ApiId"),
    Param::text("ApiName"),
    Param::text("StageName"),
    input::PAGE_NUMBER,
    input::PAGE_SIZE,
];

const HISTORY_FIELDS: &[&str] = &["RequestId", "ApiId", "GroupId", "HistoryVersion", "DeployedTime"];

pub(crate) const HISTORIES: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: HISTORY_FIELDS,
    creates: None,
    addresses: &[("GroupId", Resource::ApiGroup)],
    params: LIST_PARAMS,
};

/// DescribeHistoryApis types its paging as strings and pages up to 50.
pub(crate) const HISTORY_APIS: Declaration = Declaration {
    params: &[
        input::GROUP_ID.required(),
        Param::text("ApiId"),
        Param::text("ApiName"),
        Param::text("StageName"),
        input::PAGE_NUMBER,
        input::GROUP_PAGE_SIZE,
    ],
    ..HISTORIES
};

pub(crate) const HISTORY: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: HISTORY_FIELDS,
    creates: None,
    addresses: &[("ApiId", Resource::Api), ("GroupId", Resource::ApiGroup)],
    params: &[
        super::API_ID,
        super::STAGE_NAME,
        Param::new("HistoryVersion", Kind::Text).required(),
        input::GROUP_ID,
    ],
};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ApiHisItem {
    api_id: String,
    api_name: String,
    deployed_time: String,
    description: String,
    group_id: String,
    group_name: String,
    history_version: String,
    region_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    stage_alias: Option<&'static str>,
    stage_name: String,
    status: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ApiHisItems {
    api_his_item: Vec<ApiHisItem>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ListOutput {
    api_his_items: ApiHisItems,
    page_number: usize,
    page_size: usize,
    total_count: usize,
}

/// The console's names of the system stages (inferred from the example `Online`).
fn stage_alias(stage: &str) -> &'static str {
    match stage {
        "RELEASE" => "Online",
        "PRE" => "Pre",
        _ => "Test",
    }
}

fn list(context: &Context<'_>, max_page_size: usize, with_alias: bool) -> ApiResult<ListOutput> {
    let params = context.params;
    let group_id = params.non_empty("GroupId").unwrap_or_default();
    let api_id = params.non_empty("ApiId");
    let api_name = params.non_empty("ApiName");
    let stage = match params.non_empty("StageName") {
        None => None,
        Some(name) => Some(stage_name(name).ok_or(ApiError::new(ErrorCode::NotFoundStage))?),
    };
    let page = Page::from_params_up_to(params, max_page_size)?;
    context.store.read(|world| {
        let group = world.group(context.scope, group_id)?;
        let mut published: Vec<(&Api, &Publication)> = world
            .tenancy(context.scope)
            .map(|tenancy| {
                tenancy
                    .api_table()
                    .of_group(group_id)
                    .filter(|api| api_id.is_none_or(|id| api.id == id))
                    .flat_map(|api| api.history.iter().map(move |p| (api, p)))
                    .filter(|(_, p)| stage.is_none_or(|s| p.stage == s))
                    .filter(|(_, p)| api_name.is_none_or(|n| p.definition.name.contains(n)))
                    .collect()
            })
            .unwrap_or_default();
        published.sort_by(|a, b| b.1.version.cmp(&a.1.version));
        let item = |(api, p): (&Api, &Publication)| ApiHisItem {
            api_id: api.id.clone(),
            api_name: p.definition.name.clone(),
            deployed_time: timestamp::format(p.deployed_at),
            description: p.description.clone(),
            group_id: api.group_id.clone(),
            group_name: group.name.clone(),
            history_version: p.version.clone(),
            region_id: context.scope.region.clone(),
            stage_alias: with_alias.then(|| stage_alias(&p.stage)),
            stage_name: p.stage.clone(),
            status: if api.running.get(&p.stage) == Some(&p.version) {
                "ONLINE"
            } else {
                "OFFLINE"
            },
        };
        Ok(ListOutput {
            total_count: published.len(),
            api_his_items: ApiHisItems {
                api_his_item: page.render(published.into_iter(), item),
            },
            page_number: page.number,
            page_size: page.size,
        })
    })
}

pub(crate) fn histories(context: &Context<'_>) -> ApiResult<ListOutput> {
    list(context, input::MAX_PAGE_SIZE, false)
}

pub(crate) fn history_apis(context: &Context<'_>) -> ApiResult<ListOutput> {
    list(context, MAX_GROUP_PAGE_SIZE, true)
}

pub(crate) fn history(context: &Context<'_>) -> ApiResult<PublicationView> {
    let params = context.params;
    let api_id = params.non_empty("ApiId").unwrap_or_default();
    let stage = super::stage(params)?;
    let version = params.non_empty("HistoryVersion").unwrap_or_default();
    let group_id = params.non_empty("GroupId");
    context.store.read(|world| {
        let api = world.api(context.scope, group_id, api_id)?;
        let group = world.group(context.scope, &api.group_id)?;
        let publication = api
            .history
            .iter()
            .find(|p| p.stage == stage && p.version == version)
            .ok_or(ApiError::new(ErrorCode::NotFoundHistoryVersion))?;
        let placement = Placement {
            api_id: api.id.clone(),
            group_id: api.group_id.clone(),
            group_name: group.name.clone(),
            region_id: context.scope.region.clone(),
        };
        Ok(PublicationView::of(api, publication, placement, true))
    })
}
