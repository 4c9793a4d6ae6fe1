//! ResetAppCode, addressed by the old AppCode: `NewAppCode` or a generated one. "You can
//! call this operation only once per minute", per app, on the service's clock.

use serde::Serialize;

use crate::actions::Context;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Declaration, Param};

#[derive(Debug, Serialize)]
pub(crate) struct Output {}

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: true,
    throttled: false,
    volatile: &["RequestId"],
    creates: None,
    addresses: &[],
    params: &[Param::text("AppCode").required(), Param::text("NewAppCode")],
};

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let app_code = params
        .non_empty("AppCode")
        .ok_or(ApiError::new(ErrorCode::MissingAppCode))?;
    let new_code = params.non_empty("NewAppCode").map(str::to_owned);
    context
        .store
        .with(|world| world.reset_app_code(context.scope, app_code, new_code, context.now))?;
    Ok(Output {})
}
