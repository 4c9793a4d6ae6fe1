//! CreateApp: `{RequestId, AppId, TagStatus}`.

use serde::Serialize;

use crate::actions::{input, rules, Context};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Declaration, Param, Resource};
use crate::store::{AppId, DrawnCredentials, NewApp};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Output {
    app_id: AppId,
    /// True when the request carried tags and they were stored (inferred: the docs' only
    /// example is `false`, for a request without tags).
    tag_status: bool,
}

/// "You can create up to 1,000 apps per account"; 50 calls per second per account.
pub(crate) const DECLARATION: Declaration = Declaration {
    writes: true,
    throttled: true,
    volatile: &["RequestId", "AppId"],
    creates: Some(Resource::App),
    addresses: &[],
    params: &[
        Param::text("AppName").required(),
        input::TAGS,
        Param::text("Description"),
        Param::text("Extend"),
        Param::text("AppKey"),
        Param::text("AppSecret"),
        Param::text("AppCode"),
    ],
};

fn parse(context: &Context<'_>) -> ApiResult<NewApp> {
    let params = context.params;
    let name = params
        .non_empty("AppName")
        .ok_or(ApiError::new(ErrorCode::MissingAppName))?;
    let tags = input::tags(params)?;
    rules::check_app_name(name)?;
    let description = params.get("Description").unwrap_or_default();
    rules::check_description(description)?;
    let optional = |name: &str| params.non_empty(name).map(str::to_owned);
    Ok(NewApp {
        name: name.to_owned(),
        description: description.to_owned(),
        extend: params.get("Extend").unwrap_or_default().to_owned(),
        tags,
        app_key: optional("AppKey"),
        app_secret: optional("AppSecret"),
        app_code: optional("AppCode"),
        drawn: None,
    })
}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let mut new_app = parse(context)?;
    if new_app.app_key.is_none() || new_app.app_code.is_none() || new_app.app_secret.is_none() {
        new_app.drawn = Some(DrawnCredentials::draw());
    }
    let tag_status = !new_app.tags.is_empty();
    let app_id = context
        .store
        .with(|world| world.create_app(context.scope, new_app, context.config.app_quota, context.now))?;
    Ok(Output { app_id, tag_status })
}
