//! The API groups family: CreateApiGroup, DescribeApiGroup, DescribeApiGroups,
//! ModifyApiGroup and DeleteApiGroup (reference part 3).

pub(crate) mod create_group;
pub(crate) mod delete_group;
pub(crate) mod describe_group;
pub(crate) mod describe_groups;
pub(crate) mod modify_group;
pub(crate) mod views;
