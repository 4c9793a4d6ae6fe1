//! The actions of CloudAPI 2016-07-14 the mock serves: one module per action, each with its
//! input (parsed and validated from the parameters), its execution against the store, and
//! its output. [`Action`] is the single list of what is supported.

mod create_app;
mod delete_app;
mod describe_app;
pub mod input;
pub mod rules;

use time::OffsetDateTime;

use crate::config::Config;
use crate::error::ApiResult;
use crate::protocol::envelope::{self, Format};
use crate::protocol::params::Params;
use crate::protocol::request::RawResponse;
use crate::store::{Scope, Store};

macro_rules! actions {
    ($( $(#[$doc:meta])* $variant:ident => $module:ident, throttled: $throttled:literal; )*) => {
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
                    $( Action::$variant => envelope::success(self.name(), request_id, format, &$module::run(context)?), )*
                }
            }
        }
    };
}

actions! {
    /// Creates an app (documented: 1,000 per account, 50 calls per second per account).
    CreateApp => create_app, throttled: true;
    /// One app's attributes.
    DescribeApp => describe_app, throttled: false;
    /// Deletes an app with its credentials and tags (50 calls per second per account).
    DeleteApp => delete_app, throttled: true;
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
