//! SetTrafficControlApis binds a policy to APIs of a group in a stage, at once; a newer
//! binding replaces the older (documented), so an API is held by one policy per stage
//! (inferred). RemoveTrafficControlApis unbinds the APIs named, or without `ApiIds` every
//! API of that group and stage (documented).

use serde::Serialize;

use super::TRAFFIC_CONTROL_ID;
use crate::actions::authorizations::{api_ids, stage, API_IDS, STAGE_NAME};
use crate::actions::{input, Context};
use crate::error::ApiResult;
use crate::operations::{Declaration, Resource};

pub(crate) const SET: Declaration = Declaration {
    writes: true,
    throttled: false,
    volatile: &["RequestId"],
    creates: None,
    addresses: &[
        ("TrafficControlId", Resource::TrafficControl),
        ("GroupId", Resource::ApiGroup),
    ],
    params: &[
        TRAFFIC_CONTROL_ID.required(),
        input::GROUP_ID.required(),
        API_IDS.required(),
        STAGE_NAME,
    ],
};

pub(crate) const REMOVE: Declaration = Declaration {
    writes: true,
    throttled: false,
    volatile: &["RequestId"],
    creates: None,
    addresses: &[
        ("TrafficControlId", Resource::TrafficControl),
        ("GroupId", Resource::ApiGroup),
    ],
    params: &[
        TRAFFIC_CONTROL_ID.required(),
        input::GROUP_ID.required(),
        API_IDS,
        STAGE_NAME,
    ],
};

#[derive(Debug, Serialize)]
pub(crate) struct Output {}

pub(crate) fn set(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let id = params.non_empty("TrafficControlId").unwrap_or_default();
    let group_id = params.non_empty("GroupId").unwrap_or_default();
    let apis = api_ids(params)?;
    let stage = stage(params)?;
    context
        .store
        .with(|world| world.bind_traffic_control(context.scope, id, group_id, &apis, stage, context.now))?;
    Ok(Output {})
}

pub(crate) fn remove(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let id = params.non_empty("TrafficControlId").unwrap_or_default();
    let group_id = params.non_empty("GroupId").unwrap_or_default();
    let apis = match params.non_empty("ApiIds") {
        Some(_) => Some(api_ids(params)?),
        None => None,
    };
    let stage = stage(params)?;
    context
        .store
        .with(|world| world.unbind_traffic_control(context.scope, id, group_id, apis.as_deref(), stage))?;
    Ok(Output {})
}
