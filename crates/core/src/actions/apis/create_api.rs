//! CreateApi: a new API in a group, with its definition; no stage runs it until DeployApi.
//! Answers `{RequestId, ApiId}`. "The API name and the request path must be unique in the
//! group"; a group holds at most 1,000 APIs.

use serde::Serialize;

use super::definition::{self, DEFINITION_PARAMS};
use crate::actions::{input, Context};
use crate::error::ApiResult;
use crate::operations::{Declaration, Param, Resource};
use crate::store::NewApi;

const PARAMS: &[Param] = &concat_params();

/// GroupId first, then what CreateApi and ModifyApi share, then `Tag.N`.
const fn concat_params() -> [Param; DEFINITION_PARAMS.len() + 2] {
    let mut out = [input::GROUP_ID.required(); DEFINITION_PARAMS.len() + 2];
    let mut i = 0;
    while i < DEFINITION_PARAMS.len() {
        out[i + 1] = DEFINITION_PARAMS[i];
        i += 1;
    }
    out[DEFINITION_PARAMS.len() + 1] = input::TAGS;
    out
}

/// 50 calls per second per account (CreateApi doc).
pub(crate) const DECLARATION: Declaration = Declaration {
    writes: true,
    throttled: true,
    volatile: &["RequestId", "ApiId"],
    creates: Some(Resource::Api),
    addresses: &[("GroupId", Resource::ApiGroup)],
    params: PARAMS,
};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Output {
    api_id: String,
}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let group_id = params.non_empty("GroupId").unwrap_or_default().to_owned();
    let tags = input::tags(params)?;
    let definition = definition::parse(params, None)?;
    let new = NewApi {
        group_id,
        definition,
        tags,
    };
    let api_id = context
        .store
        .with(|world| world.create_api(context.scope, new, context.config.api_quota, context.now))?;
    Ok(Output { api_id })
}
