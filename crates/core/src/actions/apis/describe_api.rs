//! DescribeApi: the definition as it is being edited, which may differ from what a stage
//! runs (DescribeDeployedApi). An API deleted a moment ago is `NotFoundApi` at once.

use super::views::ApiView;
use crate::actions::{input, Context};
use crate::error::ApiResult;
use crate::operations::{Declaration, Param, Resource};

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: &[
        "RequestId",
        "ApiId",
        "GroupId",
        "CreatedTime",
        "ModifiedTime",
        "EffectiveVersion",
    ],
    creates: None,
    addresses: &[("ApiId", Resource::Api), ("GroupId", Resource::ApiGroup)],
    params: &[Param::text("ApiId").required(), input::GROUP_ID],
};

pub(crate) fn run(context: &Context<'_>) -> ApiResult<ApiView> {
    let params = context.params;
    let api_id = params.non_empty("ApiId").unwrap_or_default();
    let group_id = params.non_empty("GroupId");
    context.store.read(|world| {
        let api = world.api(context.scope, group_id, api_id)?;
        let group = world.group(context.scope, &api.group_id)?;
        Ok(ApiView::of(api, &group.name, &context.scope.region))
    })
}
