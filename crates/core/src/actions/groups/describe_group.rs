//! DescribeApiGroup: one group in full, with its stages and (empty) custom domains.
//! A group deleted a moment ago is `NotFoundApiGroup` at once: terraform polls for that
//! without sleeping.

use super::views::GroupAttributes;
use crate::actions::{input, Context};
use crate::error::ApiResult;
use crate::operations::{Declaration, Resource};

pub(crate) const DECLARATION: Declaration = Declaration {
    writes: false,
    throttled: false,
    volatile: &[
        "RequestId",
        "GroupId",
        "SubDomain",
        "StageId",
        "CreatedTime",
        "ModifiedTime",
    ],
    creates: None,
    addresses: &[("GroupId", Resource::ApiGroup)],
    // `Tag.N` is a tag-authorization filter whose meaning is undocumented: its shape is
    // checked, its content ignored (inferred).
    params: &[input::GROUP_ID.required(), input::TAGS],
};

pub(crate) fn run(context: &Context<'_>) -> ApiResult<GroupAttributes> {
    let group_id = context.params.non_empty("GroupId").unwrap_or_default();
    context.store.read(|world| {
        let group = world.group(context.scope, group_id)?;
        Ok(GroupAttributes::of(group, &context.scope.region))
    })
}
