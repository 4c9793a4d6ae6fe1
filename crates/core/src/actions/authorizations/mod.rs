//! App-to-API authorization (reference part 6; the app actions' reference parts 4.13 to
//! 4.17): a provider authorizes apps, its own or another account's by AppId, to call its
//! APIs in a stage, for a time or for ever; the provider reads who may call an API, the
//! app's owner reads what its app may call.

pub(crate) mod describe_authorized_apis;
pub(crate) mod describe_authorized_apps;
pub(crate) mod grants;
mod valid_time;

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Kind, Param};
use crate::protocol::params::Params;
use crate::store::apis::stage_name;
use crate::store::{AppId, MAX_IDS_PER_CALL};

pub(crate) const STAGE_NAME: Param = Param::text("StageName").required();
pub(crate) const APP_IDS: Param = Param::new("AppIds", Kind::CommaList { max: MAX_IDS_PER_CALL });
pub(crate) const API_IDS: Param = Param::new("ApiIds", Kind::CommaList { max: MAX_IDS_PER_CALL });

/// The system stage a request names (any case); another name is `NotFoundStage`.
pub(crate) fn stage(params: &Params) -> ApiResult<&'static str> {
    stage_name(params.non_empty("StageName").unwrap_or_default()).ok_or(ApiError::new(ErrorCode::NotFoundStage))
}

/// A comma list's items, blanks dropped and each once, in order.
fn comma_list(raw: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for item in raw.split(',').map(str::trim).filter(|item| !item.is_empty()) {
        if !items.iter().any(|seen| seen == item) {
            items.push(item.to_owned());
        }
    }
    items
}

/// `AppIds`, required: at most 100 AppIds, comma-separated.
pub(crate) fn app_ids(params: &Params) -> ApiResult<Vec<AppId>> {
    let items = comma_list(params.non_empty("AppIds").unwrap_or_default());
    if items.is_empty() {
        return Err(ErrorCode::MissingAppIds.into());
    }
    items
        .iter()
        .map(|item| {
            item.parse::<AppId>()
                .map_err(|_| ApiError::new(ErrorCode::InvalidAppIds))
        })
        .collect()
}

/// `ApiIds`, required: at most 100 ApiIds, comma-separated.
pub(crate) fn api_ids(params: &Params) -> ApiResult<Vec<String>> {
    let items = comma_list(params.non_empty("ApiIds").unwrap_or_default());
    if items.is_empty() {
        return Err(ErrorCode::MissingApiIds.into());
    }
    Ok(items)
}

/// The console's names of the system stages (inferred from the examples' `Online`).
pub(crate) fn stage_alias(stage: &str) -> &'static str {
    match stage {
        "RELEASE" => "Online",
        "PRE" => "Pre",
        _ => "Test",
    }
}
