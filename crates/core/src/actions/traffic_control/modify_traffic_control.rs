//! ModifyTrafficControl: changes what is given of a policy's name, unit, limits and
//! description; the limits' rule holds for the policy as it will be.

use serde::Serialize;

use super::{
    check_limits, check_name, limit_value, unit, Limits, Sent, API_DEFAULT, APP_DEFAULT, TRAFFIC_CONTROL_ID,
    TRAFFIC_CONTROL_NAME, UNIT, USER_DEFAULT,
};
use crate::actions::{rules, Context};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Declaration, Param, Resource};

/// 50 calls per second per account (ModifyTrafficControl doc).
pub(crate) const DECLARATION: Declaration = Declaration {
    writes: true,
    throttled: true,
    volatile: &["RequestId"],
    creates: None,
    addresses: &[("TrafficControlId", Resource::TrafficControl)],
    params: &[
        TRAFFIC_CONTROL_ID.required(),
        TRAFFIC_CONTROL_NAME,
        UNIT,
        API_DEFAULT,
        USER_DEFAULT,
        APP_DEFAULT,
        Param::text("Description"),
    ],
};

#[derive(Debug, Serialize)]
pub(crate) struct Output {}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let id = params.non_empty("TrafficControlId").unwrap_or_default();
    let name = params.non_empty("TrafficControlName");
    if let Some(name) = name {
        check_name(name)?;
    }
    let description = params.get("Description");
    if let Some(description) = description {
        rules::check_description(description)?;
    }
    let new_unit = unit(params);
    let api_default = limit_value(params, "ApiDefault");
    let user_default = limit_value(params, "UserDefault");
    let app_default = limit_value(params, "AppDefault");
    context.store.with(|world| {
        world.modify_traffic_control(context.scope, id, context.now, |policy| {
            let api = api_default.unwrap_or(policy.api_default);
            let user = user_default.or(policy.user_default);
            let app = app_default.or(policy.app_default);
            let sent = Sent {
                user: user_default.is_some(),
                app: app_default.is_some(),
            };
            check_limits(Limits { api, user, app }, sent)?;
            if policy.specials.iter().any(|special| special.limit > api) {
                return Err(ApiError::new(ErrorCode::InvalidApiDefault));
            }
            if let Some(name) = name {
                name.clone_into(&mut policy.name);
            }
            if let Some(description) = description {
                description.clone_into(&mut policy.description);
            }
            if let Some(unit) = new_unit {
                policy.unit = unit;
            }
            (policy.api_default, policy.user_default, policy.app_default) = (api, user, app);
            Ok::<(), ApiError>(())
        })
    })?;
    Ok(Output {})
}
