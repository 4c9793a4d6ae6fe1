//! DeleteApi: "An API that is published cannot be deleted: unpublish it first"; an unknown
//! API is `NotFoundApi` (terraform takes it as already deleted); DescribeApi answers
//! `NotFoundApi` at once after.

use serde::Serialize;

use crate::actions::{input, Context};
use crate::error::ApiResult;
use crate::operations::{Declaration, Param, Resource};

/// 50 calls per second per account (DeleteApi doc).
pub(crate) const DECLARATION: Declaration = Declaration {
    writes: true,
    throttled: true,
    volatile: &["RequestId"],
    creates: None,
    addresses: &[("ApiId", Resource::Api), ("GroupId", Resource::ApiGroup)],
    params: &[Param::text("ApiId").required(), input::GROUP_ID],
};

#[derive(Debug, Serialize)]
pub(crate) struct Output {}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let api_id = params.non_empty("ApiId").unwrap_or_default();
    let group_id = params.non_empty("GroupId");
    context
        .store
        .with(|world| world.delete_api(context.scope, group_id, api_id))?;
    Ok(Output {})
}
