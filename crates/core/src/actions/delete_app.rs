//! DeleteApp: removes the app, its credentials and its tags; the id is unknown from then on.
//!
//! The request may carry `Tag.N`; its meaning is undocumented, so the mock validates the
//! list's shape and otherwise ignores it (inferred).

use serde::Serialize;

use super::{input, Context};
use crate::error::ApiResult;

#[derive(Debug, Serialize)]
pub(super) struct Output {}

pub(super) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let app_id = input::required_app_id(context.params)?;
    input::tags(context.params)?;
    context.store.with(|world| world.delete_app(context.scope, app_id))?;
    Ok(Output {})
}
