//! DeleteApiGroup: "Deleting a group that does not exist succeeds"; a group that still
//! holds APIs is refused (`DependencyViolationApiGroup`, inferred); the group's tags and
//! its second-level domain go with it.

use serde::Serialize;

use crate::actions::{input, Context};
use crate::error::ApiResult;
use crate::operations::{Declaration, Resource};

/// 50 calls per second per account (DeleteApiGroup doc).
pub(crate) const DECLARATION: Declaration = Declaration {
    writes: true,
    throttled: true,
    volatile: &["RequestId"],
    creates: None,
    addresses: &[("GroupId", Resource::ApiGroup)],
    params: &[input::GROUP_ID.required(), input::TAGS],
};

#[derive(Debug, Serialize)]
pub(crate) struct Output {}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let group_id = context.params.non_empty("GroupId").unwrap_or_default();
    context
        .store
        .with(|world| world.delete_group(context.scope, group_id))?;
    Ok(Output {})
}
