//! DescribeApp: one app's attributes.

use super::views::AppView;
use super::{input, Context};
use crate::error::ApiResult;

pub(super) fn run(context: &Context<'_>) -> ApiResult<AppView> {
    let app_id = input::required_app_id(context.params)?;
    context
        .store
        .with(|world| world.app(context.scope, app_id).map(AppView::of))
}
