//! SwitchApi: a version recorded for the stage runs there again (a rollback, or forward
//! again); a version that is not the API's in that stage is `NotFoundHistoryVersion`
//! (inferred). The remark is required, up to 200 characters.

use serde::Serialize;

use crate::actions::{input, Context};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Declaration, Param, Resource};

/// "Description ... up to 200 characters" (SwitchApi doc).
const MAX_REMARK: usize = 200;

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: true,
    throttled: false,
    volatile: &["RequestId"],
    creates: None,
    addresses: &[("ApiId", Resource::Api), ("GroupId", Resource::ApiGroup)],
    params: &[
        super::API_ID,
        super::STAGE_NAME,
        Param::text("HistoryVersion").required(),
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
    let version = params.non_empty("HistoryVersion").unwrap_or_default();
    if params.get("Description").unwrap_or_default().chars().count() > MAX_REMARK {
        return Err(ApiError::new(ErrorCode::InvalidDescription));
    }
    let group_id = params.non_empty("GroupId");
    context
        .store
        .with(|world| world.switch_api(context.scope, group_id, api_id, stage, version))?;
    Ok(Output {})
}
