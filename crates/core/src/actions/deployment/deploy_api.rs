//! DeployApi: the draft runs in the stage from the answer on (the real service takes about
//! five seconds; terraform reads DescribeDeployedApi right after, so the mock is
//! synchronous), recorded under a new HistoryVersion. The remark is required.

use serde::Serialize;

use crate::actions::{input, Context};
use crate::error::ApiResult;
use crate::operations::{Declaration, Param, Resource};

/// 50 calls per second per account (DeployApi doc).
pub(crate) const DECLARATION: Declaration = Declaration {
    writes: true,
    throttled: true,
    volatile: &["RequestId"],
    creates: None,
    addresses: &[("ApiId", Resource::Api), ("GroupId", Resource::ApiGroup)],
    params: &[
        super::API_ID,
        super::STAGE_NAME,
        Param::text("Description").required(),
        input::GROUP_ID,
    ],
};

#[derive(Debug, Serialize)]
pub(crate) struct Output {}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let api_id = params.non_empty("ApiId").unwrap_or_default();
    let stage = super::stage(params)?;
    let remark = params.get("Description").unwrap_or_default();
    let group_id = params.non_empty("GroupId");
    context
        .store
        .with(|world| world.deploy_api(context.scope, group_id, api_id, stage, remark, context.now))?;
    Ok(Output {})
}
