//! The operation table of the management API: every action the mock serves, one line each,
//! naming the function that runs it and its [`Declaration`] (whether it writes, whether the
//! rate limit applies, its volatile fields, the resource it creates or addresses, its
//! parameters). An action lives in its family's folder with its declaration beside it;
//! adding one is a file there and a line here.

pub(crate) mod apis;
mod apps;
mod authorizations;
mod deployment;
pub(crate) mod groups;
pub mod input;
pub mod rules;
mod tags;
mod traffic_control;

use time::OffsetDateTime;

use crate::config::Config;
use crate::error::ApiResult;
use crate::operations::{Declaration, Resource};
use crate::protocol::envelope::{self, Format};
use crate::protocol::params::Params;
use crate::protocol::request::RawResponse;
use crate::store::{Scope, Store};

macro_rules! operations {
    ($( $(#[$doc:meta])* $variant:ident => $run:path, $declaration:path; )*) => {
        /// Every supported action.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $( $(#[$doc])* $variant, )*
        }

        impl Action {
            /// Every action, in declaration order.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The action's wire name.
            pub fn name(self) -> &'static str {
                match self {
                    $( Action::$variant => stringify!($variant), )*
                }
            }

            /// What the action declares about itself.
            pub fn declaration(self) -> &'static Declaration {
                match self {
                    $( Action::$variant => &$declaration, )*
                }
            }

            fn execute(self, context: &Context<'_>, request_id: &str, format: Format) -> ApiResult<RawResponse> {
                match self {
                    $( Action::$variant => envelope::success(self.name(), request_id, format, &$run(context)?), )*
                }
            }
        }
    };
}

operations! {
    /// Creates an app (documented: 1,000 per account, 50 calls per second per account).
    CreateApp => apps::create_app::run, apps::create_app::DECLARATION;
    /// One app's attributes.
    DescribeApp => apps::describe_app::run, apps::describe_app::DECLARATION;
    /// The provider's view of apps, by AppId or AppOwner.
    DescribeApps => apps::describe_apps::run, apps::describe_apps::DECLARATION;
    /// The caller's apps, filtered, sorted and paged.
    DescribeAppAttributes => apps::describe_app_attributes::run, apps::describe_app_attributes::DECLARATION;
    /// Changes an app's name, description, extend, disabled flag or tags (50 calls per second).
    ModifyApp => apps::modify_app::run, apps::modify_app::DECLARATION;
    /// Deletes an app with its credentials and tags (50 calls per second per account).
    DeleteApp => apps::delete_app::run, apps::delete_app::DECLARATION;
    /// The app's own key pair and AppCode.
    DescribeAppSecurity => apps::describe_app_security::run, apps::describe_app_security::DECLARATION;
    /// Every key pair and AppCode of the app.
    DescribeAppSecurities => apps::describe_app_securities::run, apps::describe_app_securities::DECLARATION;
    /// A new secret (and optionally key) for the pair holding an AppKey.
    ResetAppSecret => apps::reset_app_secret::run, apps::reset_app_secret::DECLARATION;
    /// A new AppCode in place of an old one, once a minute per app.
    ResetAppCode => apps::reset_app_code::run, apps::reset_app_code::DECLARATION;
    /// One more key pair for an app.
    CreateAppKey => apps::app_credentials::create_key, apps::app_credentials::CREATE_KEY;
    /// Removes one of an app's key pairs.
    DeleteAppKey => apps::app_credentials::delete_key, apps::app_credentials::DELETE_KEY;
    /// One more AppCode for an app.
    CreateAppCode => apps::app_credentials::create_code, apps::app_credentials::CREATE_CODE;
    /// Removes one of an app's AppCodes.
    DeleteAppCode => apps::app_credentials::delete_code, apps::app_credentials::DELETE_CODE;
    /// Binds tags to apps or groups, all or none.
    TagResources => tags::tag, tags::TAG;
    /// Removes tags from apps or groups, all or none.
    UntagResources => tags::untag, tags::UNTAG;
    /// Lists the tags of apps or groups, by id or by tag.
    ListTagResources => tags::list, tags::LIST;
    /// Creates an API group (documented: 100 per account and region, 50 calls per second).
    CreateApiGroup => groups::create_group::run, groups::create_group::DECLARATION;
    /// One group in full.
    DescribeApiGroup => groups::describe_group::run, groups::describe_group::DECLARATION;
    /// The caller's groups, filtered, sorted and paged.
    DescribeApiGroups => groups::describe_groups::run, groups::describe_groups::DECLARATION;
    /// Changes a group's name, description, base path or settings.
    ModifyApiGroup => groups::modify_group::run, groups::modify_group::DECLARATION;
    /// Deletes a group; a missing one is a success.
    DeleteApiGroup => groups::delete_group::run, groups::delete_group::DECLARATION;
    /// Defines an API in a group (documented: 1,000 per group, 50 calls per second).
    CreateApi => apis::create_api::run, apis::create_api::DECLARATION;
    /// The API's definition as it is being edited.
    DescribeApi => apis::describe_api::run, apis::describe_api::DECLARATION;
    /// The APIs being edited, of a group or of the region.
    DescribeApis => apis::describe_apis::run, apis::describe_apis::DECLARATION;
    /// Replaces an API's definition (the draft).
    ModifyApi => apis::modify_api::run, apis::modify_api::DECLARATION;
    /// Deletes an API that runs in no stage.
    DeleteApi => apis::delete_api::run, apis::delete_api::DECLARATION;
    /// Publishes the draft to a stage.
    DeployApi => deployment::deploy_api::run, deployment::deploy_api::DECLARATION;
    /// Takes an API out of a stage.
    AbolishApi => deployment::abolish_api::run, deployment::abolish_api::DECLARATION;
    /// The copy a stage runs.
    DescribeDeployedApi => deployment::describe_deployed_api::run, deployment::describe_deployed_api::DECLARATION;
    /// What runs in a stage, API by API.
    DescribeDeployedApis => deployment::describe_deployed_apis::run, deployment::describe_deployed_apis::DECLARATION;
    /// A group's publications.
    DescribeApiHistories => deployment::histories::histories, deployment::histories::HISTORIES;
    /// One publication in full.
    DescribeApiHistory => deployment::histories::history, deployment::histories::HISTORY;
    /// A group's publications, with the stages' aliases.
    DescribeHistoryApis => deployment::histories::history_apis, deployment::histories::HISTORY_APIS;
    /// Makes a recorded version run in a stage again.
    SwitchApi => deployment::switch_api::run, deployment::switch_api::DECLARATION;
    /// Authorizes apps (any account's) to call one of the caller's APIs in a stage.
    SetAppsAuthorities => authorizations::grants::set_apps, authorizations::grants::SET_APPS;
    /// Revokes apps' authorizations on one API.
    RemoveAppsAuthorities => authorizations::grants::remove_apps, authorizations::grants::REMOVE_APPS;
    /// Authorizes one app to call several of the caller's APIs in a stage.
    SetApisAuthorities => authorizations::grants::set_apis, authorizations::grants::SET_APIS;
    /// Revokes one app's authorizations on several APIs.
    RemoveApisAuthorities => authorizations::grants::remove_apis, authorizations::grants::REMOVE_APIS;
    /// The APIs the caller's app may call.
    DescribeAuthorizedApis => authorizations::describe_authorized_apis::authorized_apis,
        authorizations::describe_authorized_apis::AUTHORIZED_APIS;
    /// The apps that may call one of the caller's APIs.
    DescribeAuthorizedApps => authorizations::describe_authorized_apps::run, authorizations::describe_authorized_apps::DECLARATION;
    /// The caller's app's authorizations, with the APIs' paths and methods.
    DescribeApisByApp => authorizations::describe_authorized_apis::apis_by_app,
        authorizations::describe_authorized_apis::APIS_BY_APP;
    /// The same, one row per API with its stages.
    DescribeApisWithStageNameIntegratedByApp => authorizations::describe_authorized_apis::integrated_by_app,
        authorizations::describe_authorized_apis::INTEGRATED_BY_APP;
    /// Creates a throttling policy (50 calls per second).
    CreateTrafficControl => traffic_control::create_traffic_control::run,
        traffic_control::create_traffic_control::DECLARATION;
    /// Changes a policy's name, unit, limits or description (50 calls per second).
    ModifyTrafficControl => traffic_control::modify_traffic_control::run,
        traffic_control::modify_traffic_control::DECLARATION;
    /// Deletes a policy bound to no API (50 calls per second).
    DeleteTrafficControl => traffic_control::delete_traffic_control::run,
        traffic_control::delete_traffic_control::DECLARATION;
    /// The caller's policies, by id, name or the API they hold.
    DescribeTrafficControls => traffic_control::describe_traffic_controls::run,
        traffic_control::describe_traffic_controls::DECLARATION;
    /// The policy holding one API in one stage.
    DescribeTrafficControlsByApi => traffic_control::describe_traffic_controls_by_api::run,
        traffic_control::describe_traffic_controls_by_api::DECLARATION;
    /// Binds a policy to APIs of a group in a stage.
    SetTrafficControlApis => traffic_control::bindings::set, traffic_control::bindings::SET;
    /// Unbinds a policy from APIs of a group in a stage, or from all of them.
    RemoveTrafficControlApis => traffic_control::bindings::remove, traffic_control::bindings::REMOVE;
    /// Sets a special limit for one app or one account.
    AddTrafficSpecialControl => traffic_control::specials::add, traffic_control::specials::ADD;
    /// Removes a special limit.
    DeleteTrafficSpecialControl => traffic_control::specials::delete, traffic_control::specials::DELETE;
    /// Removes every special limit of a policy.
    DeleteAllTrafficSpecialControl => traffic_control::specials::delete_all, traffic_control::specials::DELETE_ALL;
    /// The APIs a policy holds, with their stages.
    DescribeApisByTrafficControl => traffic_control::describe_apis_by_traffic_control::run,
        traffic_control::describe_apis_by_traffic_control::DECLARATION;
    /// The policies holding a group's APIs in a stage.
    DescribeApiTrafficControls => traffic_control::describe_api_traffic_controls::run,
        traffic_control::describe_api_traffic_controls::DECLARATION;
}

impl Action {
    /// Looks an action up by its exact (case-sensitive) wire name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|action| action.name() == name)
    }

    /// Whether the action changes state.
    pub fn writes(self) -> bool {
        self.declaration().writes
    }

    /// Whether the documented per-account rate limit applies.
    pub fn is_throttled(self) -> bool {
        self.declaration().throttled
    }

    /// The resource the action creates, if any.
    pub fn creates(self) -> Option<Resource> {
        self.declaration().creates
    }

    /// The parameters that name an existing resource the action acts on.
    pub fn addressed_params(self) -> &'static [(&'static str, Resource)] {
        self.declaration().addresses
    }

    /// Validates the declared parameters, executes the action, and renders its output in
    /// `format` (straight from the typed output: every successful request goes through here).
    pub fn run(self, context: &Context<'_>, request_id: &str, format: Format) -> ApiResult<RawResponse> {
        self.declaration().validate(context.params)?;
        self.execute(context, request_id, format)
    }
}

/// What an action runs with, once the gateway has let the request through.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The request's decoded parameters.
    pub params: &'a Params,
    /// The account and region the request acts in.
    pub scope: &'a Scope,
    /// The mock's clock when the request arrived.
    pub now: OffsetDateTime,
    /// The service's configuration (quotas, limits).
    pub config: &'a Config,
    /// The state.
    pub store: &'a Store,
}
