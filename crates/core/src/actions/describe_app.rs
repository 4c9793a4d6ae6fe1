//! DescribeApp: one app's attributes.

use serde::Serialize;

use super::{input, Context};
use crate::error::ApiResult;
use crate::protocol::timestamp;
use crate::store::AppId;

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct Output {
    app_id: AppId,
    app_name: String,
    description: String,
    extend: String,
    disabled: bool,
    created_time: String,
    modified_time: String,
}

pub(super) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let app_id = input::required_app_id(context.params)?;
    context.store.with(|world| {
        let app = world.app(context.scope, app_id)?;
        Ok(Output {
            app_id: app.id,
            app_name: app.name.clone(),
            description: app.description.clone(),
            extend: app.extend.clone(),
            disabled: app.disabled,
            created_time: timestamp::format(app.created_at),
            modified_time: timestamp::format(app.modified_at),
        })
    })
}
