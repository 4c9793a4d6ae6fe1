//! Throttling policies (reference cloudapi-apis.md part 7.1): CreateTrafficControl,
//! ModifyTrafficControl, DeleteTrafficControl, DescribeTrafficControls,
//! DescribeTrafficControlsByApi, SetTrafficControlApis, RemoveTrafficControlApis,
//! AddTrafficSpecialControl, DeleteTrafficSpecialControl and DeleteAllTrafficSpecialControl,
//! and the two readings by API: DescribeApisByTrafficControl and DescribeApiTrafficControls.
//! The data plane enforces what they set up (`data_plane::throttling`).

pub(crate) mod bindings;
pub(crate) mod create_traffic_control;
pub(crate) mod delete_traffic_control;
pub(crate) mod describe_api_traffic_controls;
pub(crate) mod describe_apis_by_traffic_control;
pub(crate) mod describe_traffic_controls;
pub(crate) mod describe_traffic_controls_by_api;
pub(crate) mod modify_traffic_control;
pub(crate) mod specials;
mod views;

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Kind, Param};
use crate::protocol::params::Params;
use crate::store::TrafficUnit;

/// The largest limit a policy takes: the SDKs type the limits as 32-bit integers.
pub(crate) const MAX_LIMIT: u64 = i32::MAX as u64;

pub(crate) const TRAFFIC_CONTROL_ID: Param = Param::text("TrafficControlId");
pub(crate) const TRAFFIC_CONTROL_NAME: Param = Param::text("TrafficControlName");
pub(crate) const UNIT: Param = Param::new(
    "TrafficControlUnit",
    Kind::OneOfAnyCase(&["SECOND", "MINUTE", "HOUR", "DAY"]),
);
pub(crate) const API_DEFAULT: Param = limit("ApiDefault");
pub(crate) const USER_DEFAULT: Param = limit("UserDefault");
pub(crate) const APP_DEFAULT: Param = limit("AppDefault");

const fn limit(name: &'static str) -> Param {
    Param::new(name, Kind::Range { min: 1, max: MAX_LIMIT })
}

/// The shortest policy name, in characters.
pub const NAME_MIN: usize = 4;
/// The longest policy name, in characters.
pub const NAME_MAX: usize = 50;

/// TrafficControlName: "4 to 50 characters, letters, digits and underscores (_), and cannot
/// start with an underscore" (CreateTrafficControl doc). Chinese characters count as letters
/// as they do in group names (inferred).
pub fn is_valid_name(name: &str) -> bool {
    let count = name.chars().count();
    !name.starts_with('_')
        && (NAME_MIN..=NAME_MAX).contains(&count)
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || ('\u{4e00}'..='\u{9fa5}').contains(&c))
}

pub(crate) fn check_name(name: &str) -> ApiResult<()> {
    if is_valid_name(name) {
        Ok(())
    } else {
        Err(ErrorCode::InvalidTrafficControlName.into())
    }
}

/// A limit the declaration has typed already (1 to [`MAX_LIMIT`]).
pub(crate) fn limit_value(params: &Params, name: &str) -> Option<u32> {
    params.non_empty(name).and_then(|raw| raw.parse().ok())
}

/// The unit the declaration has typed already.
pub(crate) fn unit(params: &Params) -> Option<TrafficUnit> {
    params.non_empty("TrafficControlUnit").and_then(TrafficUnit::parse)
}

/// The console's rule, which the documents state for the meaning of the limits: an app's
/// limit is at most its account's, an account's at most the API's (inferred for the API).
/// A breach names the limit the request sent: the lower one when it sent it, else the higher
/// (a ModifyTrafficControl that lowers only ApiDefault under the UserDefault is refused as
/// `InvalidApiDefault`).
pub(crate) fn check_limits(limits: Limits, sent: Sent) -> ApiResult<()> {
    if limits.user.is_some_and(|user| user > limits.api) {
        let code = if sent.user {
            ErrorCode::InvalidUserDefault
        } else {
            ErrorCode::InvalidApiDefault
        };
        return Err(ApiError::new(code));
    }
    if limits.app.is_some_and(|app| app > limits.user.unwrap_or(limits.api)) {
        let code = match (sent.app, limits.user) {
            (true, _) => ErrorCode::InvalidAppDefault,
            (false, Some(_)) => ErrorCode::InvalidUserDefault,
            (false, None) => ErrorCode::InvalidApiDefault,
        };
        return Err(ApiError::new(code));
    }
    Ok(())
}

/// A policy's three limits, as they are or will be.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub(crate) api: u32,
    pub(crate) user: Option<u32>,
    pub(crate) app: Option<u32>,
}

/// Which of the limits the request sent.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sent {
    pub(crate) user: bool,
    pub(crate) app: bool,
}
