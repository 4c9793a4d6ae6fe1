//! DescribeAppSecurity: the app's key pair and AppCode. With more than one (after
//! CreateAppKey or CreateAppCode) it answers the first, the app's own (inferred).
//! `CreatedTime` is the app's creation time ("the same as the app creation time");
//! `ModifiedTime` is the key pair's, which ResetAppSecret moves.

use serde::Serialize;

use crate::actions::{input, Context};
use crate::error::ApiResult;
use crate::operations::{Declaration, Resource};
use crate::protocol::timestamp;

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Output {
    app_key: String,
    app_secret: String,
    app_code: String,
    created_time: String,
    modified_time: String,
}

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: SECURITY_FIELDS,
    creates: None,
    addresses: &[("AppId", Resource::App)],
    params: &[input::APP_ID.required(), input::TAGS],
};

/// The volatile fields of an answer that shows credentials.
pub(crate) const SECURITY_FIELDS: &[&str] = &[
    "RequestId",
    "AppKey",
    "AppSecret",
    "AppCode",
    "CreatedTime",
    "ModifiedTime",
];

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let app_id = input::required_app_id(context.params)?;
    input::tags(context.params)?;
    context.store.read(|world| {
        let app = world.app(context.scope, app_id)?;
        let pair = app.key_pairs.first();
        Ok(Output {
            app_key: pair.map(|p| p.app_key.clone()).unwrap_or_default(),
            app_secret: pair.map(|p| p.app_secret.clone()).unwrap_or_default(),
            app_code: app.app_codes.first().map(|c| c.app_code.clone()).unwrap_or_default(),
            created_time: timestamp::format(app.created_at),
            modified_time: timestamp::format(pair.map_or(app.created_at, |p| p.modified_at)),
        })
    })
}
