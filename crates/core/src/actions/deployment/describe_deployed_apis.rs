//! DescribeDeployedApis: what runs in a stage (every stage when none is named), one item
//! per API and stage, in `DeployedApis.DeployedApiItem[]`, paged (PageSize 10 by default,
//! at most 100), most recently deployed first. Filters as DescribeApis's (inferred).

use serde::Serialize;

use crate::actions::input::{self, Page};
use crate::actions::Context;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Declaration, Kind, Param};
use crate::protocol::timestamp;
use crate::store::apis::{stage_name, Api, Publication};
use crate::store::carries_tags;
use crate::store::groups::STAGE_NAMES;

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: &["RequestId", "ApiId", "GroupId", "DeployedTime"],
    creates: None,
    addresses: &[],
    params: &[
        input::GROUP_ID,
        Param::text("StageName"),
        Param::text("ApiId"),
        Param::text("ApiName"),
        Param::text("ApiPath"),
        Param::text("ApiMethod"),
        Param::new("EnableTagAuth", Kind::Text),
        input::TAGS,
        input::PAGE_NUMBER,
        input::PAGE_SIZE,
    ],
};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct DeployedApiItem {
    api_id: String,
    api_method: String,
    api_name: String,
    api_path: String,
    deployed_time: String,
    description: String,
    group_id: String,
    group_name: String,
    region_id: String,
    stage_name: String,
    visibility: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct DeployedApis {
    deployed_api_item: Vec<DeployedApiItem>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Output {
    deployed_apis: DeployedApis,
    page_number: usize,
    page_size: usize,
    total_count: usize,
}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let stages: Vec<&'static str> = match params.non_empty("StageName") {
        None => STAGE_NAMES.to_vec(),
        Some(name) => vec![stage_name(name).ok_or(ApiError::new(ErrorCode::NotFoundStage))?],
    };
    let group_id = params.non_empty("GroupId");
    let api_id = params.non_empty("ApiId");
    let api_name = params.non_empty("ApiName");
    let api_path = params.non_empty("ApiPath");
    let api_method = params.non_empty("ApiMethod");
    let tags = input::tags(params)?;
    let page = Page::from_params(params)?;
    context.store.read(|world| {
        if let Some(group_id) = group_id {
            world.group(context.scope, group_id)?;
        }
        let mut running: Vec<(&Api, &Publication)> = Vec::new();
        if let Some(tenancy) = world.tenancy(context.scope) {
            for api in tenancy.api_table().iter() {
                if group_id.is_some_and(|g| api.group_id != g) || api_id.is_some_and(|id| api.id != id) {
                    continue;
                }
                if !carries_tags(&api.tags, &tags) {
                    continue;
                }
                for stage in &stages {
                    let Some(publication) = api.deployed(stage) else {
                        continue;
                    };
                    let d = &publication.definition;
                    let wanted = api_name.is_none_or(|n| d.name.contains(n))
                        && api_path.is_none_or(|p| d.request_config.request_path == p)
                        && api_method.is_none_or(|m| d.request_config.request_http_method.eq_ignore_ascii_case(m));
                    if wanted {
                        running.push((api, publication));
                    }
                }
            }
        }
        running.sort_by(|a, b| b.1.version.cmp(&a.1.version));
        let tenancy = world.tenancy(context.scope);
        let item = |(api, publication): (&Api, &Publication)| {
            let d = &publication.definition;
            DeployedApiItem {
                api_id: api.id.clone(),
                api_method: d.request_config.request_http_method.clone(),
                api_name: d.name.clone(),
                api_path: d.request_config.request_path.clone(),
                deployed_time: timestamp::format(publication.deployed_at),
                description: d.description.clone(),
                group_id: api.group_id.clone(),
                group_name: tenancy
                    .and_then(|t| t.group(&api.group_id))
                    .map(|g| g.name.clone())
                    .unwrap_or_default(),
                region_id: context.scope.region.clone(),
                stage_name: publication.stage.clone(),
                visibility: d.visibility.clone(),
            }
        };
        Ok(Output {
            total_count: running.len(),
            deployed_apis: DeployedApis {
                deployed_api_item: page.render(running.into_iter(), item),
            },
            page_number: page.number,
            page_size: page.size,
        })
    })
}
