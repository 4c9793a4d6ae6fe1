//! DescribeApiTrafficControls: the policies holding a group's APIs in one stage, as
//! `ApiTrafficControls.ApiTrafficControlItem[]{ApiId, ApiName, BoundTime, TrafficControlId,
//! TrafficControlName}` (the SDK models' shape): every API of the group held by a policy
//! there, or those of `ApiIds`, in the APIs' creation order (inferred: an API no policy holds
//! is left out), paged (PageNumber 1, PageSize 10, at most 100).

use serde::Serialize;

use crate::actions::authorizations::{api_ids, stage, API_IDS, STAGE_NAME};
use crate::actions::input::{self, Page};
use crate::actions::Context;
use crate::error::ApiResult;
use crate::operations::{Declaration, Resource};
use crate::protocol::timestamp;

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: &["RequestId", "ApiId", "BoundTime", "TrafficControlId"],
    creates: None,
    addresses: &[("GroupId", Resource::ApiGroup)],
    params: &[
        input::GROUP_ID.required(),
        STAGE_NAME,
        API_IDS,
        input::PAGE_NUMBER,
        input::PAGE_SIZE,
    ],
};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ApiTrafficControlItem {
    api_id: String,
    api_name: String,
    bound_time: String,
    traffic_control_id: String,
    traffic_control_name: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ApiTrafficControls {
    api_traffic_control_item: Vec<ApiTrafficControlItem>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Output {
    api_traffic_controls: ApiTrafficControls,
    page_number: usize,
    page_size: usize,
    total_count: usize,
}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let group_id = params.non_empty("GroupId").unwrap_or_default();
    let stage = stage(params)?;
    let named = params.non_empty("ApiIds").map(|_| api_ids(params)).transpose()?;
    let page = Page::from_params(params)?;
    let scope = context.scope;
    context.store.read(|world| {
        world.group(scope, group_id)?;
        let Some(tenancy) = world.tenancy(scope) else {
            return Ok(Output {
                api_traffic_controls: ApiTrafficControls {
                    api_traffic_control_item: Vec::new(),
                },
                page_number: page.number,
                page_size: page.size,
                total_count: 0,
            });
        };
        let policies = tenancy.traffic_control_table();
        let held: Vec<_> = tenancy
            .api_table()
            .of_group(group_id)
            .filter(|api| named.as_ref().is_none_or(|ids| ids.contains(&api.id)))
            .filter_map(|api| policies.bound_to(&api.id, stage).map(|bound| (api, bound)))
            .collect();
        Ok(Output {
            total_count: held.len(),
            api_traffic_controls: ApiTrafficControls {
                api_traffic_control_item: page.render(held.into_iter(), |(api, (policy, binding))| {
                    ApiTrafficControlItem {
                        api_id: api.id.clone(),
                        api_name: api.definition.name.clone(),
                        bound_time: timestamp::format(binding.bound_at),
                        traffic_control_id: policy.id.clone(),
                        traffic_control_name: policy.name.clone(),
                    }
                }),
            },
            page_number: page.number,
            page_size: page.size,
        })
    })
}
