//! CreateTrafficControl: a policy with its unit and limits, bound to nothing yet. Answers
//! `{RequestId, TrafficControlId}`.

use serde::Serialize;

use super::{
    check_limits, check_name, limit_value, unit, Limits, Sent, API_DEFAULT, APP_DEFAULT, TRAFFIC_CONTROL_NAME, UNIT,
    USER_DEFAULT,
};
use crate::actions::{rules, Context};
use crate::error::ApiResult;
use crate::operations::{Declaration, Param};
use crate::store::{NewTrafficControl, TrafficUnit};

/// 50 calls per second per account (CreateTrafficControl doc).
pub(crate) const DECLARATION: Declaration = Declaration {
    writes: true,
    throttled: true,
    volatile: &["RequestId", "TrafficControlId"],
    creates: Some(crate::operations::Resource::TrafficControl),
    addresses: &[],
    params: &[
        TRAFFIC_CONTROL_NAME.required(),
        UNIT.required(),
        API_DEFAULT.required(),
        USER_DEFAULT,
        APP_DEFAULT,
        Param::text("Description"),
    ],
};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Output {
    traffic_control_id: String,
}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let name = params.non_empty("TrafficControlName").unwrap_or_default();
    check_name(name)?;
    let api_default = limit_value(params, "ApiDefault").unwrap_or(1);
    let user_default = limit_value(params, "UserDefault");
    let app_default = limit_value(params, "AppDefault");
    check_limits(
        Limits {
            api: api_default,
            user: user_default,
            app: app_default,
        },
        Sent {
            user: user_default.is_some(),
            app: app_default.is_some(),
        },
    )?;
    let description = params.get("Description").unwrap_or_default();
    rules::check_description(description)?;
    let new = NewTrafficControl {
        name: name.to_owned(),
        unit: unit(params).unwrap_or(TrafficUnit::Second),
        api_default,
        user_default,
        app_default,
        description: description.to_owned(),
    };
    let policy = context
        .store
        .with(|world| world.create_traffic_control(context.scope, new, context.now));
    Ok(Output {
        traffic_control_id: policy.id,
    })
}
