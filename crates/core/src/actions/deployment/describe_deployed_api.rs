//! DescribeDeployedApi: the copy a stage runs, not the draft. A stage the API does not run
//! in is `NotFoundStage` (inferred: terraform's import keeps exactly the stages that do not
//! answer NotFoundApiGroup, NotFoundApi or NotFoundStage).

use crate::actions::apis::views::{Placement, PublicationView};
use crate::actions::{input, Context};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Declaration, Resource};

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: &["RequestId", "ApiId", "GroupId", "DeployedTime"],
    creates: None,
    addresses: &[("ApiId", Resource::Api), ("GroupId", Resource::ApiGroup)],
    params: &[super::API_ID, super::STAGE_NAME, input::GROUP_ID],
};

pub(crate) fn run(context: &Context<'_>) -> ApiResult<PublicationView> {
    let params = context.params;
    let api_id = params.non_empty("ApiId").unwrap_or_default();
    let stage = super::stage(params)?;
    let group_id = params.non_empty("GroupId");
    context.store.read(|world| {
        let api = world.api(context.scope, group_id, api_id)?;
        let group = world.group(context.scope, &api.group_id)?;
        let publication = api.deployed(stage).ok_or(ApiError::new(ErrorCode::NotFoundStage))?;
        let placement = Placement {
            api_id: api.id.clone(),
            group_id: api.group_id.clone(),
            group_name: group.name.clone(),
            region_id: context.scope.region.clone(),
        };
        Ok(PublicationView::of(api, publication, placement, false))
    })
}
