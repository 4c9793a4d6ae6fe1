//! AbolishApi: the API no longer runs in the stage. A stage it does not run in is a success
//! (inferred, strongly: terraform abolished every stage not listed, for years, and failed on
//! any error). Authorizations and bindings survive, as the manual says.

use serde::Serialize;

use crate::actions::{input, Context};
use crate::error::ApiResult;
use crate::operations::{Declaration, Resource};

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: true,
    throttled: false,
    volatile: &["RequestId"],
    creates: None,
    addresses: &[("ApiId", Resource::Api), ("GroupId", Resource::ApiGroup)],
    params: &[super::API_ID, super::STAGE_NAME, input::GROUP_ID],
};

#[derive(Debug, Serialize)]
pub(crate) struct Output {}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let api_id = params.non_empty("ApiId").unwrap_or_default();
    let stage = super::stage(params)?;
    let group_id = params.non_empty("GroupId");
    context
        .store
        .with(|world| world.abolish_api(context.scope, group_id, api_id, stage))?;
    Ok(Output {})
}
