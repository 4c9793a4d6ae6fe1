//! CreateAppKey, DeleteAppKey, CreateAppCode, DeleteAppCode: extra key pairs and AppCodes
//! beside the app's own. `AppId` is typed string in these four SDK models; it still has to
//! be an app id. Omitted credentials are generated (inferred).

use serde::Serialize;

use crate::actions::{input, Context};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Declaration, Param, Resource};

#[derive(Debug, Serialize)]
pub(crate) struct Output {}

const fn credential_write(params: &'static [Param]) -> Declaration {
    Declaration {
        writes: true,
        throttled: false,
        volatile: &["RequestId"],
        creates: None,
        addresses: &[("AppId", Resource::App)],
        params,
    }
}

pub(crate) const CREATE_KEY: Declaration = credential_write(&[
    input::APP_ID.required(),
    Param::text("AppKey"),
    Param::text("AppSecret"),
]);
pub(crate) const DELETE_KEY: Declaration =
    credential_write(&[input::APP_ID.required(), Param::text("AppKey").required()]);
pub(crate) const CREATE_CODE: Declaration = credential_write(&[input::APP_ID.required(), Param::text("AppCode")]);
pub(crate) const DELETE_CODE: Declaration =
    credential_write(&[input::APP_ID.required(), Param::text("AppCode").required()]);

pub(crate) fn create_key(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let app_id = input::required_app_id(params)?;
    let app_key = params.non_empty("AppKey").map(str::to_owned);
    let app_secret = params.non_empty("AppSecret").map(str::to_owned);
    context
        .store
        .with(|world| world.add_key_pair(context.scope, app_id, app_key, app_secret, context.now))?;
    Ok(Output {})
}

pub(crate) fn delete_key(context: &Context<'_>) -> ApiResult<Output> {
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

pub(crate) fn create_code(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let app_id = input::required_app_id(params)?;
    let app_code = params.non_empty("AppCode").map(str::to_owned);
    context
        .store
        .with(|world| world.add_app_code(context.scope, app_id, app_code, context.now))?;
    Ok(Output {})
}

pub(crate) fn delete_code(context: &Context<'_>) -> ApiResult<Output> {
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
