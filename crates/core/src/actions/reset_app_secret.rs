//! ResetAppSecret, addressed by AppKey. A new secret is generated unless `NewAppSecret` is
//! given; `NewAppKey` ("must be globally unique") replaces the key too. The answer holds
//! only the RequestId: the secret is read with DescribeAppSecurity.

use serde::Serialize;

use super::Context;
use crate::error::{ApiError, ApiResult, ErrorCode};

#[derive(Debug, Serialize)]
pub(super) struct Output {}

pub(super) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let app_key = params
        .non_empty("AppKey")
        .ok_or(ApiError::new(ErrorCode::MissingAppKey))?;
    let new_key = params.non_empty("NewAppKey").map(str::to_owned);
    let new_secret = params.non_empty("NewAppSecret").map(str::to_owned);
    context
        .store
        .with(|world| world.reset_app_secret(context.scope, app_key, new_key, new_secret, context.now))?;
    Ok(Output {})
}
