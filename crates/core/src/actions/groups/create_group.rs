//! CreateApiGroup: the container of APIs, with the second-level domain the system assigns.
//! Answers `{RequestId, GroupId, GroupName, SubDomain, BasePath, Description, InstanceId,
//! InstanceType, TagStatus}`; the group gets the base path `/` and the shared VPC instance
//! unless told otherwise, and the stages RELEASE, PRE and TEST.

use serde::Serialize;

use crate::actions::{input, rules, Context};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Declaration, Param, Resource};
use crate::store::groups::is_known_instance;
use crate::store::NewGroup;

/// 50 calls per second per account (CreateApiGroup doc).
pub(crate) const DECLARATION: Declaration = Declaration {
    writes: true,
    throttled: true,
    volatile: &["RequestId", "GroupId", "SubDomain"],
    creates: Some(Resource::ApiGroup),
    addresses: &[],
    params: &[
        Param::text("GroupName").required(),
        input::TAGS,
        Param::text("Description"),
        Param::text("BasePath"),
        Param::text("InstanceId"),
        Param::text("Source"),
    ],
};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Output {
    base_path: String,
    description: String,
    group_id: String,
    group_name: String,
    instance_id: String,
    instance_type: &'static str,
    sub_domain: String,
    /// True when the request carried tags and they were stored (the zh doc: whether tags
    /// were attached).
    tag_status: bool,
}

fn parse(context: &Context<'_>) -> ApiResult<NewGroup> {
    let params = context.params;
    let name = params.non_empty("GroupName").unwrap_or_default();
    let tags = input::tags(params)?;
    rules::check_group_name(name)?;
    let description = params.get("Description").unwrap_or_default();
    rules::check_description(description)?;
    let base_path = params.non_empty("BasePath");
    if let Some(base_path) = base_path {
        rules::check_base_path(base_path)?;
    }
    let instance_id = params.non_empty("InstanceId");
    if instance_id.is_some_and(|id| !is_known_instance(id)) {
        return Err(ApiError::new(ErrorCode::NotFoundInstance));
    }
    Ok(NewGroup {
        name: name.to_owned(),
        description: description.to_owned(),
        base_path: base_path.map(str::to_owned),
        instance_id: instance_id.map(str::to_owned),
        tags,
    })
}

pub(crate) fn run(context: &Context<'_>) -> ApiResult<Output> {
    let new_group = parse(context)?;
    let tag_status = !new_group.tags.is_empty();
    let group = context
        .store
        .with(|world| world.create_group(context.scope, new_group, context.config.group_quota, context.now))?;
    Ok(Output {
        sub_domain: group.sub_domain(&context.scope.region),
        instance_type: group.instance_type(),
        base_path: group.base_path,
        description: group.description,
        group_id: group.id,
        group_name: group.name,
        instance_id: group.instance_id,
        tag_status,
    })
}
