//! DescribeTrafficControlsByApi: the policy holding one API in one stage, as
//! `TrafficControlItems.TrafficControlItem[]{TrafficControlItemId, TrafficControlItemName,
//! BoundTime}` (empty when none does).

use serde::Serialize;

use crate::actions::authorizations::{stage, STAGE_NAME};
use crate::actions::{input, Context};
use crate::error::ApiResult;
use crate::operations::{Declaration, Param, Resource};
use crate::protocol::timestamp;

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: &["RequestId", "TrafficControlItemId", "BoundTime"],
    creates: None,
    addresses: &[("ApiId", Resource::Api), ("GroupId", Resource::ApiGroup)],
    params: &[input::GROUP_ID.required(), Param::text("ApiId").required(), STAGE_NAME],
};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct TrafficControlItem {
    bound_time: String,
    traffic_control_item_id: String,
    traffic_control_item_name: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct TrafficControlItems {
    traffic_control_item: Vec<TrafficControlItem>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Output {
    traffic_control_items: TrafficControlItems,
}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let group_id = params.non_empty("GroupId").unwrap_or_default();
    let api_id = params.non_empty("ApiId").unwrap_or_default();
    let stage = stage(params)?;
    context.store.read(|world| {
        world.api(context.scope, Some(group_id), api_id)?;
        let bound = world
            .tenancy(context.scope)
            .and_then(|tenancy| tenancy.traffic_control_table().bound_to(api_id, stage));
        Ok(Output {
            traffic_control_items: TrafficControlItems {
                traffic_control_item: bound
                    .into_iter()
                    .map(|(policy, binding)| TrafficControlItem {
                        bound_time: timestamp::format(binding.bound_at),
                        traffic_control_item_id: policy.id.clone(),
                        traffic_control_item_name: policy.name.clone(),
                    })
                    .collect(),
            },
        })
    })
}
