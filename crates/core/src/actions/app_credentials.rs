//! CreateAppKey, DeleteAppKey, CreateAppCode, DeleteAppCode: extra key pairs and AppCodes
//! beside the app's own. `AppId` is typed string in these four SDK models; it still has to
//! be an app id. Omitted credentials are generated (inferred).

use serde::Serialize;

use super::{input, Context};
use crate::error::{ApiError, ApiResult, ErrorCode};

#[derive(Debug, Serialize)]
pub(super) struct Output {}

pub(super) fn create_key(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let app_id = input::required_app_id(params)?;
    let app_key = params.non_empty("AppKey").map(str::to_owned);
    let app_secret = params.non_empty("AppSecret").map(str::to_owned);
    context
        .store
        .with(|world| world.add_key_pair(context.scope, app_id, app_key, app_secret, context.now))?;
    Ok(Output {})
}

pub(super) fn delete_key(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let app_id = input::required_app_id(params)?;
    let app_key = params
        .non_empty("AppKey")
        .ok_or(ApiError::new(ErrorCode::MissingAppKey))?;
    context
        .store
        .with(|world| world.remove_key_pair(context.scope, app_id, app_key))?;
    Ok(Output {})
}

pub(super) fn create_code(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let app_id = input::required_app_id(params)?;
    let app_code = params.non_empty("AppCode").map(str::to_owned);
    context
        .store
        .with(|world| world.add_app_code(context.scope, app_id, app_code, context.now))?;
    Ok(Output {})
}

pub(super) fn delete_code(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let app_id = input::required_app_id(params)?;
    let app_code = params
        .non_empty("AppCode")
        .ok_or(ApiError::new(ErrorCode::MissingAppCode))?;
    context
        .store
        .with(|world| world.remove_app_code(context.scope, app_id, app_code))?;
    Ok(Output {})
}
