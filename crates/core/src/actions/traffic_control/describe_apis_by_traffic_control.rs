//! DescribeApisByTrafficControl: the APIs one policy holds, each with its stage, as
//! `ApiInfos.ApiInfo[]{ApiId, ApiName, BoundTime, Description, GroupId, GroupName, RegionId,
//! StageName, Visibility}` (the SDK models' shape), in the order they were bound (inferred),
//! paged (PageNumber 1, PageSize 10, at most 100).

use serde::Serialize;

use super::TRAFFIC_CONTROL_ID;
use crate::actions::input::{self, Page};
use crate::actions::Context;
use crate::error::ApiResult;
use crate::operations::{Declaration, Resource};
use crate::protocol::timestamp;

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: &["RequestId", "ApiId", "GroupId", "BoundTime"],
    creates: None,
    addresses: &[("TrafficControlId", Resource::TrafficControl)],
    params: &[TRAFFIC_CONTROL_ID.required(), input::PAGE_NUMBER, input::PAGE_SIZE],
};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ApiInfo {
    api_id: String,
    api_name: String,
    bound_time: String,
    description: String,
    group_id: String,
    group_name: String,
    region_id: String,
    stage_name: String,
    visibility: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ApiInfos {
    api_info: Vec<ApiInfo>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Output {
    api_infos: ApiInfos,
    page_number: usize,
    page_size: usize,
    total_count: usize,
}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let id = params.non_empty("TrafficControlId").unwrap_or_default();
    let page = Page::from_params(params)?;
    let scope = context.scope;
    context.store.read(|world| {
        let policy = world.traffic_control(scope, id)?;
        let api_info = page.render(policy.bindings.iter(), |binding| {
            let api = world.api(scope, None, &binding.api_id).ok();
            let group = world.group(scope, &binding.group_id).ok();
            ApiInfo {
                api_id: binding.api_id.clone(),
                api_name: api.map(|a| a.definition.name.clone()).unwrap_or_default(),
                bound_time: timestamp::format(binding.bound_at),
                description: api.map(|a| a.definition.description.clone()).unwrap_or_default(),
                group_id: binding.group_id.clone(),
                group_name: group.map(|g| g.name.clone()).unwrap_or_default(),
                region_id: scope.region.clone(),
                stage_name: binding.stage.clone(),
                visibility: api.map(|a| a.definition.visibility.clone()).unwrap_or_default(),
            }
        });
        Ok(Output {
            total_count: policy.bindings.len(),
            api_infos: ApiInfos { api_info },
            page_number: page.number,
            page_size: page.size,
        })
    })
}
