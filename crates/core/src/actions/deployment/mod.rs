//! Deployment, stages and history: DeployApi, AbolishApi, DescribeDeployedApi,
//! DescribeDeployedApis, DescribeApiHistories, DescribeApiHistory, DescribeHistoryApis and
//! SwitchApi (reference part 5). A stage runs a frozen copy of the definition; every
//! publication is recorded under a 17-digit HistoryVersion.

pub(crate) mod abolish_api;
pub(crate) mod deploy_api;
pub(crate) mod describe_deployed_api;
pub(crate) mod describe_deployed_apis;
pub(crate) mod histories;
pub(crate) mod switch_api;

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::Param;
use crate::protocol::params::Params;
use crate::store::apis::stage_name;

pub(crate) const API_ID: Param = Param::text("ApiId").required();
pub(crate) const STAGE_NAME: Param = Param::text("StageName").required();

/// The system stage a request names (any case); another name is `NotFoundStage`.
pub(crate) fn stage(params: &Params) -> ApiResult<&'static str> {
    stage_name(params.non_empty("StageName").unwrap_or_default()).ok_or(ApiError::new(ErrorCode::NotFoundStage))
}
