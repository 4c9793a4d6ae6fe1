//! The actions of CloudAPI 2016-07-14 the mock serves: one module per action, each with its
//! input (parsed and validated from the parameters), its execution against the store, and
//! its output. [`Action`] is the single list of what is supported.

mod app_credentials;
mod create_app;
mod delete_app;
mod describe_app;
mod describe_app_attributes;
mod describe_app_securities;
mod describe_app_security;
mod describe_apps;
pub mod input;
mod modify_app;
mod reset_app_code;
mod reset_app_secret;
pub mod rules;
mod tags;
mod views;

use time::OffsetDateTime;

use crate::config::Config;
use crate::error::ApiResult;
use crate::protocol::envelope::{self, Format};
use crate::protocol::params::Params;
use crate::protocol::request::RawResponse;
use crate::store::{Scope, Store};

macro_rules! actions {
    ($( $(#[$doc:meta])* $variant:ident => $run:path, throttled: $throttled:literal; )*) => {
        /// Every supported action.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $( $(#[$doc])* $variant, )*
        }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The action's wire name.
            pub fn name(self) -> &'static str {
                match self {
                    $( Action::$variant => stringify!($variant), )*
                }
            }

            /// Whether the documented per-account rate limit applies.
            pub fn is_throttled(self) -> bool {
                match self {
                    $( Action::$variant => $throttled, )*
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

actions! {
    /// Creates an app (documented: 1,000 per account, 50 calls per second per account).
    CreateApp => create_app::run, throttled: true;
    /// One app's attributes.
    DescribeApp => describe_app::run, throttled: false;
    /// The provider's view of apps, by AppId or AppOwner.
    DescribeApps => describe_apps::run, throttled: false;
    /// The caller's apps, filtered, sorted and paged.
    DescribeAppAttributes => describe_app_attributes::run, throttled: false;
    /// Changes an app's name, description, extend, disabled flag or tags (50 calls per second).
    ModifyApp => modify_app::run, throttled: true;
    /// Deletes an app with its credentials and tags (50 calls per second per account).
    DeleteApp => delete_app::run, throttled: true;
    /// The app's own key pair and AppCode.
    DescribeAppSecurity => describe_app_security::run, throttled: false;
    /// Every key pair and AppCode of the app.
    DescribeAppSecurities => describe_app_securities::run, throttled: false;
    /// A new secret (and optionally key) for the pair holding an AppKey.
    ResetAppSecret => reset_app_secret::run, throttled: false;
    /// A new AppCode in place of an old one, once a minute per app.
    ResetAppCode => reset_app_code::run, throttled: false;
    /// One more key pair for an app.
    CreateAppKey => app_credentials::create_key, throttled: false;
    /// Removes one of an app's key pairs.
    DeleteAppKey => app_credentials::delete_key, throttled: false;
    /// One more AppCode for an app.
    CreateAppCode => app_credentials::create_code, throttled: false;
    /// Removes one of an app's AppCodes.
    DeleteAppCode => app_credentials::delete_code, throttled: false;
    /// Binds tags to apps, all or none.
    TagResources => tags::tag, throttled: false;
    /// Removes tags from apps, all or none.
    UntagResources => tags::untag, throttled: false;
    /// Lists the tags of apps, by id or by tag.
    ListTagResources => tags::list, throttled: false;
}

impl Action {
    /// Looks an action up by its exact (case-sensitive) wire name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|action| action.name() == name)
    }

    /// Parses, validates and executes the action, and renders its output in `format`
    /// (straight from the typed output: every successful request goes through here).
    pub fn run(self, context: &Context<'_>, request_id: &str, format: Format) -> ApiResult<RawResponse> {
        self.execute(context, request_id, format)
    }
}

/// What an action runs with, once the gateway has let the request through.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub params: &'a Params,
    pub scope: &'a Scope,
    pub now: OffsetDateTime,
    pub config: &'a Config,
    pub store: &'a Store,
}
