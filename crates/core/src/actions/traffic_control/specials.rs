//! AddTrafficSpecialControl sets a special limit for one app (`APP`, by AppId) or one
//! account (`USER`, by UID), overwriting one of the same key (documented); it may not pass
//! the API limit (documented; the code is inferred). DeleteTrafficSpecialControl removes
//! it; removing one that is not there succeeds (inferred). DeleteAllTrafficSpecialControl
//! removes every one of the policy's.

use serde::Serialize;

use super::{MAX_LIMIT, TRAFFIC_CONTROL_ID};
use crate::actions::Context;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Declaration, Kind, Param, Resource};
use crate::store::{SpecialLimit, SpecialType};

const SPECIAL_TYPE: Param = Param::new("SpecialType", Kind::OneOf(&["APP", "USER"])).required();
const SPECIAL_KEY: Param = Param::text("SpecialKey").required();

pub(crate) const ADD: Declaration = Declaration {
    writes: true,
    throttled: false,
    volatile: &["RequestId"],
    creates: None,
    addresses: &[("TrafficControlId", Resource::TrafficControl)],
    params: &[
        TRAFFIC_CONTROL_ID.required(),
        SPECIAL_TYPE,
        SPECIAL_KEY,
        Param::new("TrafficValue", Kind::Range { min: 1, max: MAX_LIMIT }).required(),
    ],
};

pub(crate) const DELETE: Declaration = Declaration {
    writes: true,
    throttled: false,
    volatile: &["RequestId"],
    creates: None,
    addresses: &[("TrafficControlId", Resource::TrafficControl)],
    params: &[TRAFFIC_CONTROL_ID.required(), SPECIAL_TYPE, SPECIAL_KEY],
};

pub(crate) const DELETE_ALL: Declaration = Declaration {
    writes: true,
    throttled: false,
    volatile: &["RequestId"],
    creates: None,
    addresses: &[("TrafficControlId", Resource::TrafficControl)],
    params: &[TRAFFIC_CONTROL_ID.required()],
};

#[derive(Debug, Serialize)]
pub(crate) struct Output {}

fn special_type(context: &Context<'_>) -> SpecialType {
    context
        .params
        .non_empty("SpecialType")
        .and_then(SpecialType::parse)
        .unwrap_or(SpecialType::App)
}

pub(crate) fn add(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let id = params.non_empty("TrafficControlId").unwrap_or_default();
    let kind = special_type(context);
    let key = params.non_empty("SpecialKey").unwrap_or_default().trim().to_owned();
    let limit: u32 = params
        .non_empty("TrafficValue")
        .and_then(|raw| raw.parse().ok())
        .ok_or(ApiError::new(ErrorCode::InvalidTrafficValue))?;
    context.store.with(|world| {
        world.modify_traffic_control(context.scope, id, context.now, |policy| {
            if limit > policy.api_default {
                return Err(ApiError::new(ErrorCode::InvalidTrafficValue));
            }
            match policy.specials.iter_mut().find(|s| s.kind == kind && s.key == key) {
                Some(special) => special.limit = limit,
                None => policy.specials.push(SpecialLimit { kind, key, limit }),
            }
            Ok(())
        })
    })?;
    Ok(Output {})
}

pub(crate) fn delete(context: &Context<'_>) -> ApiResult<Output> {
    let params = context.params;
    let id = params.non_empty("TrafficControlId").unwrap_or_default();
    let kind = special_type(context);
    let key = params.non_empty("SpecialKey").unwrap_or_default().trim();
    context.store.with(|world| {
        world.modify_traffic_control(context.scope, id, context.now, |policy| {
            policy.specials.retain(|s| !(s.kind == kind && s.key == key));
            Ok::<(), ApiError>(())
        })
    })?;
    Ok(Output {})
}

pub(crate) fn delete_all(context: &Context<'_>) -> ApiResult<Output> {
    let id = context.params.non_empty("TrafficControlId").unwrap_or_default();
    context.store.with(|world| {
        world.modify_traffic_control(context.scope, id, context.now, |policy| {
            policy.specials.clear();
            Ok::<(), ApiError>(())
        })
    })?;
    Ok(Output {})
}
