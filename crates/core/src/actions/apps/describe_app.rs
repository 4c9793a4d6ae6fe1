//! DescribeApp: one app's attributes.

use super::views::AppView;
use crate::actions::{input, Context};
use crate::error::ApiResult;
use crate::operations::{Declaration, Resource};

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: &["RequestId", "AppId", "CreatedTime", "ModifiedTime"],
    creates: None,
    addresses: &[("AppId", Resource::App)],
    params: &[input::APP_ID.required()],
};

pub(crate) fn run(context: &Context<'_>) -> ApiResult<AppView> {
    let app_id = input::required_app_id(context.params)?;
    context
        .store
        .read(|world| world.app(context.scope, app_id).map(AppView::of))
        .map_err(Into::into)
}
