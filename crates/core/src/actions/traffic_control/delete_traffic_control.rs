//! DeleteTrafficControl: a policy still bound to an API is refused
//! (`DependencyViolationTrafficControl`, inferred code); its special limits go with it.

use serde::Serialize;

use super::TRAFFIC_CONTROL_ID;
use crate::actions::Context;
use crate::error::ApiResult;
use crate::operations::{Declaration, Resource};

/// 50 calls per second per account (DeleteTrafficControl doc).
pub(crate) const DECLARATION: Declaration = Declaration {
    writes: true,
    throttled: true,
    volatile: &["RequestId"],
    creates: None,
    addresses: &[("TrafficControlId", Resource::TrafficControl)],
    params: &[TRAFFIC_CONTROL_ID.required()],
};

#[derive(Debug, Serialize)]
pub(crate) struct Output {}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let id = context.params.non_empty("TrafficControlId").unwrap_or_default();
    context
        .store
        .with(|world| world.delete_traffic_control(context.scope, id))?;
    Ok(Output {})
}
