//! ModifyApi: replaces the draft, whole ("partial updates are not supported"): what is left
//! out takes its default, except ForceNonceCheck and DisableInternet, which keep their
//! values. The API's own name and path are no conflict. The stages run what they ran until
//! the next DeployApi.

use serde::Serialize;

use super::definition::{self, DEFINITION_PARAMS};
use crate::actions::{input, Context};
use crate::error::ApiResult;
use crate::operations::{Declaration, Param, Resource};

const PARAMS: &[Param] = &concat_params();

/// ApiId first, GroupId (optional here), then what CreateApi and ModifyApi share.
const fn concat_params() -> [Param; DEFINITION_PARAMS.len() + 2] {
    let mut out = [Param::text("ApiId").required(); DEFINITION_PARAMS.len() + 2];
    out[1] = input::GROUP_ID;
    let mut i = 0;
    while i < DEFINITION_PARAMS.len() {
        out[i + 2] = DEFINITION_PARAMS[i];
        i += 1;
    }
    out
}

/// 50 calls per second per account (ModifyApi doc).
pub(crate) const DECLARATION: Declaration = Declaration {
    writes: true,
    throttled: true,
    volatile: &["RequestId"],
    creates: None,
    addresses: &[("ApiId", Resource::Api), ("GroupId", Resource::ApiGroup)],
    params: PARAMS,
};

#[derive(Debug, Serialize)]
pub(crate) struct Output {}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let api_id = params.non_empty("ApiId").unwrap_or_default();
    let group_id = params.non_empty("GroupId");
    let previous = context.store.read(|world| {
        world
            .api(context.scope, group_id, api_id)
            .map(|api| api.definition.clone())
    })?;
    let definition = definition::parse(params, Some(&previous))?;
    context
        .store
        .with(|world| world.modify_api(context.scope, group_id, api_id, definition, context.now))?;
    Ok(Output {})
}
