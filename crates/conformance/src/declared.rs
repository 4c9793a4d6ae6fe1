//! TEMPORARY: the operation declarations of `cloudapi_core::operations` as issue 12 describes
//! them, until they land on main; then this module goes and its users import the real ones.

use cloudapi_core::Action;

/// A kind of resource the suite creates and must delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Resource {
    App,
    ApiGroup,
}

impl Resource {
    pub const ALL: &'static [Resource] = &[Resource::App, Resource::ApiGroup];

    pub fn id_field(self) -> &'static str {
        match self {
            Resource::App => "AppId",
            Resource::ApiGroup => "GroupId",
        }
    }

    pub fn name_param(self) -> &'static str {
        match self {
            Resource::App => "AppName",
            Resource::ApiGroup => "GroupName",
        }
    }

    pub fn delete_action(self) -> &'static str {
        match self {
            Resource::App => "DeleteApp",
            Resource::ApiGroup => "DeleteApiGroup",
        }
    }

    pub fn list_action(self) -> &'static str {
        match self {
            Resource::App => "DescribeAppAttributes",
            Resource::ApiGroup => "DescribeApiGroups",
        }
    }

    pub fn list_page_size(self) -> usize {
        match self {
            Resource::App => 100,
            Resource::ApiGroup => 50,
        }
    }

    pub fn tag_type(self) -> &'static str {
        match self {
            Resource::App => "app",
            Resource::ApiGroup => "apiGroup",
        }
    }

    pub fn describe_action(self) -> &'static str {
        match self {
            Resource::App => "DescribeApp",
            Resource::ApiGroup => "DescribeApiGroup",
        }
    }

    pub fn not_found_code(self) -> &'static str {
        match self {
            Resource::App => "NotFoundApp",
            Resource::ApiGroup => "NotFoundApiGroup",
        }
    }
}

/// What an operation declares.
pub trait Declared {
    fn writes(self) -> bool;
    fn creates(self) -> Option<Resource>;
    fn addressed_params(self) -> &'static [(&'static str, Resource)];
}

impl Declared for Action {
    fn writes(self) -> bool {
        !(self.name().starts_with("Describe") || self.name().starts_with("List"))
    }

    fn creates(self) -> Option<Resource> {
        (self == Action::CreateApp).then_some(Resource::App)
    }

    fn addressed_params(self) -> &'static [(&'static str, Resource)] {
        match self {
            Action::CreateApp | Action::DescribeAppAttributes | Action::DescribeApps => &[],
            Action::ResetAppSecret => &[("AppKey", Resource::App)],
            Action::ResetAppCode => &[("AppCode", Resource::App)],
            Action::TagResources | Action::UntagResources | Action::ListTagResources => &[],
            _ => &[("AppId", Resource::App)],
        }
    }
}
