//! ResetAppSecret, addressed by AppKey. A new secret is generated unless `NewAppSecret` is
//! given; `NewAppKey` ("must be globally unique") replaces the key too. The answer holds
//! only the RequestId: the secret is read with DescribeAppSecurity.

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
    params: &[
        Param::text("AppKey").required(),
        Param::text("NewAppKey"),
        Param::text("NewAppSecret"),
    ],
};

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
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
