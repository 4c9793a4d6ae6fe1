//! ModifyApp: partial. Omitted fields stay; nothing to change is a success that changes
//! nothing ("If these parameters are not specified, no modifications are made and the
//! operation will directly return a successful response."). The app's own name is no
//! conflict (terraform always resends it); another app's is. `Tag.N` is merged by key, as
//! TagResources does (inferred).

use serde::Serialize;

use crate::actions::{input, rules, Context};
use crate::error::{ApiResult, ErrorCode};
use crate::operations::{Declaration, Kind, Param, Resource};
use crate::store::AppChanges;

#[derive(Debug, Serialize)]
pub(crate) struct Output {}

/// 50 calls per second per account.
pub(crate) const DECLARATION: Declaration = Declaration {
    writes: true,
    throttled: true,
    volatile: &["RequestId"],
    creates: None,
    addresses: &[("AppId", Resource::App)],
    params: &[
        input::APP_ID.required(),
        input::TAGS,
        Param::new("Disabled", Kind::Bool),
        Param::text("AppName"),
        Param::text("Description"),
        Param::text("Extend"),
    ],
};

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let app_id = input::required_app_id(params)?;
    let tags = input::tags(params)?;
    let disabled = input::optional_bool(params, "Disabled", ErrorCode::InvalidDisabled)?;
    let name = params.non_empty("AppName");
    if let Some(name) = name {
        rules::check_app_name(name)?;
    }
    let description = params.get("Description");
    if let Some(description) = description {
        rules::check_description(description)?;
    }
    let changes = AppChanges {
        name: name.map(str::to_owned),
        description: description.map(str::to_owned),
        extend: params.get("Extend").map(str::to_owned),
        disabled,
        tags,
    };
    context
        .store
        .with(|world| world.modify_app(context.scope, app_id, changes, context.now))?;
    Ok(Output {})
}
