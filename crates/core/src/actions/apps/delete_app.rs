//! DeleteApp: removes the app, its credentials and its tags; the id is unknown from then on.
//!
//! The request may carry `Tag.N`; its meaning is undocumented, so the mock validates the
//! list's shape and otherwise ignores it (inferred).

use serde::Serialize;

use crate::actions::{input, Context};
use crate::error::ApiResult;
use crate::operations::{Declaration, Resource};

#[derive(Debug, Serialize)]
pub(crate) struct Output {}

/// 50 calls per second per account.
pub(crate) const DECLARATION: Declaration = Declaration {
    writes: true,
    throttled: true,
    volatile: &["RequestId"],
    creates: None,
    addresses: &[("AppId", Resource::App)],
    params: &[input::APP_ID.required(), input::TAGS],
};

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let app_id = input::required_app_id(context.params)?;
    input::tags(context.params)?;
    context.store.with(|world| world.delete_app(context.scope, app_id))?;
    Ok(Output {})
}
