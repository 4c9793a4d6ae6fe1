//! What every operation of the management API declares once: whether it writes, whether the
//! documented rate limit applies, which response fields are volatile, which resource it
//! creates and which parameters address one, and its parameters with their types, so that
//! they are validated once, before the action runs, with the gateway's own codes
//! (`Missing{Param}`, `Invalid{Param}`, rendered from the service's templates).
//!
//! The conformance suite's write guard, its ledger and its sweep read these declarations
//! instead of guessing from an action's name; the journal and `/_mock/volatile` read the
//! volatile fields from them.

use crate::actions::Action;
use crate::error::{ApiError, ApiResult, ErrorCode, Template};
use crate::protocol::params::Params;

/// What a parameter holds, as the gateway types it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Any text.
    Text,
    /// A decimal 64-bit integer (a Long).
    Int64,
    /// A decimal unsigned 64-bit integer (an account UID).
    Uint64,
    /// An integer in a range (PageNumber, PageSize).
    Range {
        /// The least value taken.
        min: u64,
        /// The largest value taken.
        max: u64,
    },
    /// `true` or `false`, in any case.
    Bool,
    /// One of the listed values, exactly.
    OneOf(&'static [&'static str]),
    /// One of the listed values, in any case.
    OneOfAnyCase(&'static [&'static str]),
    /// `Name.N=value`, N from 1 to `max`.
    RepeatList {
        /// The largest N.
        max: u32,
    },
    /// `Name.N.Member=value`, N from 1 to `max`.
    RepeatObjects {
        /// The largest N.
        max: u32,
    },
    /// A JSON document in a string.
    Json,
    /// Values separated by commas, at most `max` of them.
    CommaList {
        /// The most values.
        max: usize,
    },
}

/// One declared parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    /// The parameter's wire name.
    pub name: &'static str,
    /// What its value must be.
    pub kind: Kind,
    /// Whether a request without it is refused.
    pub required: bool,
}

impl Param {
    /// An optional parameter of this kind.
    pub const fn new(name: &'static str, kind: Kind) -> Param {
        Param {
            name,
            kind,
            required: false,
        }
    }

    /// An optional parameter of free text.
    pub const fn text(name: &'static str) -> Param {
        Param::new(name, Kind::Text)
    }

    /// The parameter must be present and not empty (`Missing{Name}` otherwise).
    pub const fn required(self) -> Param {
        Param { required: true, ..self }
    }

    /// The code the gateway answers when the parameter is absent.
    pub fn missing_code(&self) -> Option<ErrorCode> {
        ErrorCode::templated(Template::Missing, self.name)
    }

    /// The code the gateway answers when the value does not have the declared type.
    pub fn invalid_code(&self) -> Option<ErrorCode> {
        ErrorCode::templated(Template::Invalid, self.name)
    }

    /// Whether a value (or, for repeat lists, the request) has this parameter's type.
    fn admits(&self, params: &Params) -> bool {
        match self.kind {
            Kind::Text => true,
            // Checked in one pass over the names, without building the list: the action
            // builds it once, after.
            Kind::RepeatList { max } => params
                .iter()
                .filter_map(|(name, _)| repeat_rest(name, self.name))
                .all(|rest| crate::protocol::params::parse_index(rest, max).is_some()),
            Kind::RepeatObjects { max } => {
                params
                    .iter()
                    .filter_map(|(name, _)| repeat_rest(name, self.name))
                    .all(|rest| {
                        rest.split_once('.')
                            .is_some_and(|(index, _member)| crate::protocol::params::parse_index(index, max).is_some())
                    })
            }
            _ => params.non_empty(self.name).is_none_or(|value| self.kind.admits(value)),
        }
    }

    fn is_present(&self, params: &Params) -> bool {
        match self.kind {
            // Any `Name.N...` counts, empty or not: an empty tag key is a key (TagResources doc).
            Kind::RepeatList { .. } | Kind::RepeatObjects { .. } => params.iter().any(|(name, _)| {
                name.strip_prefix(self.name)
                    .is_some_and(|rest| rest.len() > 1 && rest.starts_with('.'))
            }),
            _ => params.non_empty(self.name).is_some(),
        }
    }
}

/// What follows `prefix.` in a repeat-list name (`Tag.1.Key` and `Tag` give `1.Key`).
fn repeat_rest<'a>(name: &'a str, prefix: &str) -> Option<&'a str> {
    name.strip_prefix(prefix)?.strip_prefix('.')
}

impl Kind {
    fn admits(self, value: &str) -> bool {
        match self {
            Kind::Text | Kind::RepeatList { .. } | Kind::RepeatObjects { .. } => true,
            Kind::Int64 => value.parse::<i64>().is_ok(),
            Kind::Uint64 => value.parse::<u64>().is_ok(),
            Kind::Range { min, max } => value.parse::<u64>().is_ok_and(|n| (min..=max).contains(&n)),
            Kind::Bool => value.eq_ignore_ascii_case("true") || value.eq_ignore_ascii_case("false"),
            Kind::OneOf(values) => values.contains(&value),
            Kind::OneOfAnyCase(values) => values.iter().any(|v| v.eq_ignore_ascii_case(value)),
            Kind::Json => serde_json::from_str::<serde::de::IgnoredAny>(value).is_ok(),
            Kind::CommaList { max } => value.split(',').count() <= max,
        }
    }
}

/// The kinds of resource the management API creates and addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resource {
    /// An app.
    App,
    /// An API group.
    ApiGroup,
    /// An API of a group.
    Api,
    /// A throttling policy.
    TrafficControl,
}

impl Resource {
    /// Every kind of resource.
    pub const ALL: &'static [Resource] = &[
        Resource::App,
        Resource::ApiGroup,
        Resource::Api,
        Resource::TrafficControl,
    ];

    /// The resource this one lives in, which must outlive it: an API's group.
    pub fn parent(self) -> Option<Resource> {
        match self {
            Resource::Api => Some(Resource::ApiGroup),
            Resource::App | Resource::ApiGroup | Resource::TrafficControl => None,
        }
    }

    /// The field of a creation's answer, and the parameter, that holds its id.
    pub fn id_field(self) -> &'static str {
        match self {
            Resource::App => "AppId",
            Resource::ApiGroup => "GroupId",
            Resource::Api => "ApiId",
            Resource::TrafficControl => "TrafficControlId",
        }
    }

    /// The parameter that names it on creation.
    pub fn name_param(self) -> &'static str {
        match self {
            Resource::App => "AppName",
            Resource::ApiGroup => "GroupName",
            Resource::Api => "ApiName",
            Resource::TrafficControl => "TrafficControlName",
        }
    }

    /// The action that creates one.
    pub fn create_action(self) -> Action {
        match self {
            Resource::App => Action::CreateApp,
            Resource::ApiGroup => Action::CreateApiGroup,
            Resource::Api => Action::CreateApi,
            Resource::TrafficControl => Action::CreateTrafficControl,
        }
    }

    /// The action that reads one by id.
    pub fn describe_action(self) -> Action {
        match self {
            Resource::App => Action::DescribeApp,
            Resource::ApiGroup => Action::DescribeApiGroup,
            Resource::Api => Action::DescribeApi,
            // A listing: a missing id is an empty list, not a refusal.
            Resource::TrafficControl => Action::DescribeTrafficControls,
        }
    }

    /// The action that deletes a resource of this kind.
    pub fn delete_action(self) -> Action {
        match self {
            Resource::App => Action::DeleteApp,
            Resource::ApiGroup => Action::DeleteApiGroup,
            Resource::Api => Action::DeleteApi,
            Resource::TrafficControl => Action::DeleteTrafficControl,
        }
    }

    /// The action that lists the caller's resources of this kind, page by page.
    pub fn list_action(self) -> Action {
        match self {
            Resource::App => Action::DescribeAppAttributes,
            Resource::ApiGroup => Action::DescribeApiGroups,
            Resource::Api => Action::DescribeApis,
            Resource::TrafficControl => Action::DescribeTrafficControls,
        }
    }

    /// The largest page its listing serves.
    pub fn list_page_size(self) -> usize {
        match self {
            Resource::App | Resource::Api | Resource::TrafficControl => crate::actions::input::MAX_PAGE_SIZE,
            Resource::ApiGroup => crate::actions::input::MAX_GROUP_PAGE_SIZE,
        }
    }

    /// Its `ResourceType` in the tag actions.
    pub fn tag_type(self) -> &'static str {
        match self {
            Resource::App => "app",
            Resource::ApiGroup => "apiGroup",
            Resource::Api => "api",
            // Not a type the tag actions take: the name the suite's ledger knows it by.
            Resource::TrafficControl => "trafficControl",
        }
    }

    /// The resource a tag action's `ResourceType` names, if the mock holds that kind.
    pub fn from_tag_type(tag_type: &str) -> Option<Resource> {
        Resource::ALL.iter().copied().find(|r| r.tag_type() == tag_type)
    }

    /// The code that says one is absent.
    pub fn not_found_code(self) -> ErrorCode {
        match self {
            Resource::App => ErrorCode::NotFoundApp,
            Resource::ApiGroup => ErrorCode::NotFoundApiGroup,
            Resource::Api => ErrorCode::NotFoundApi,
            Resource::TrafficControl => ErrorCode::NotFoundTrafficControl,
        }
    }
}

/// One operation's facts.
#[derive(Debug, Clone, Copy)]
pub struct Declaration {
    /// Whether it changes state (the write guard and the ledger read this).
    pub writes: bool,
    /// Whether the documented per-account rate limit applies.
    pub throttled: bool,
    /// The response fields whose values differ from run to run, at any depth.
    pub volatile: &'static [&'static str],
    /// The resource it creates, whose id its answer carries in the resource's id field.
    pub creates: Option<Resource>,
    /// The parameters that name an existing resource it acts on. `ResourceId.N` of the tag
    /// actions names the kind its `ResourceType` says.
    pub addresses: &'static [(&'static str, Resource)],
    /// Its parameters, in the order the gateway checks them.
    pub params: &'static [Param],
}

impl Declaration {
    /// Checks the request against the declared parameters: the first absent required one
    /// is `Missing{Name}`, the first of the wrong type `Invalid{Name}`.
    pub fn validate(&self, params: &Params) -> ApiResult<()> {
        for param in self.params {
            if param.required && !param.is_present(params) {
                return Err(param.missing_code().map_or_else(
                    || ApiError::with_detail(ErrorCode::MissingParameter, param.name),
                    ApiError::new,
                ));
            }
            if !param.admits(params) {
                let code = param.invalid_code().unwrap_or(ErrorCode::InvalidParameterFormat);
                // A document's refusal says what is wrong in it; the others' messages have
                // no place for a detail.
                let detail = match (param.kind, params.non_empty(param.name)) {
                    (Kind::Json, Some(text)) => serde_json::from_str::<serde::de::IgnoredAny>(text)
                        .err()
                        .map(|e| e.to_string().replace(" at line 1 column ", " at column ")),
                    _ => None,
                };
                return Err(match detail {
                    Some(detail) => ApiError::with_detail(code, detail),
                    None => ApiError::new(code),
                });
            }
        }
        Ok(())
    }
}

/// One row of the coverage matrix: a code of the catalogue and the operations whose
/// declarations can answer it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// The code.
    pub code: ErrorCode,
    /// The operations whose declarations can answer it.
    pub actions: Vec<Action>,
}

/// For every code of the catalogue, the operations whose declared parameters produce it;
/// codes that only the gateway's checks or the actions' own rules answer list none.
pub fn coverage() -> Vec<Coverage> {
    ErrorCode::ALL
        .iter()
        .map(|code| Coverage {
            code: *code,
            actions: Action::ALL
                .iter()
                .copied()
                .filter(|action| {
                    action.declaration().params.iter().any(|param| {
                        (param.required && param.missing_code() == Some(*code))
                            || (param.kind != Kind::Text && param.invalid_code() == Some(*code))
                    })
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::params::decode_form;

    fn params(query: &str) -> Params {
        Params::new(decode_form(query.as_bytes()))
    }

    #[test]
    fn every_declared_parameter_has_its_codes_in_the_catalogue() {
        for action in Action::ALL {
            for param in action.declaration().params {
                if param.required {
                    assert!(
                        param.missing_code().is_some(),
                        "{}: Missing{}",
                        action.name(),
                        param.name
                    );
                }
                if param.kind != Kind::Text {
                    assert!(
                        param.invalid_code().is_some(),
                        "{}: Invalid{}",
                        action.name(),
                        param.name
                    );
                }
            }
        }
    }

    #[test]
    fn validation_follows_the_declared_order() {
        const PARAMS: &[Param] = &[
            Param::text("AppName").required(),
            Param::new("AppId", Kind::Int64),
            Param::new("Tag", Kind::RepeatObjects { max: 20 }),
        ];
        let declaration = Declaration {
            writes: false,
            throttled: false,
            volatile: &[],
            creates: None,
            addresses: &[],
            params: PARAMS,
        };
        let code = |q: &str| declaration.validate(&params(q)).err().map(|e| e.code);
        assert_eq!(code("AppId=x"), Some(ErrorCode::MissingAppName));
        assert_eq!(code("AppName=&AppId=1"), Some(ErrorCode::MissingAppName));
        assert_eq!(code("AppName=a&AppId=x"), Some(ErrorCode::InvalidAppId));
        assert_eq!(code("AppName=a&Tag.21.Key=k"), Some(ErrorCode::InvalidTag));
        assert_eq!(code("AppName=a&AppId=-4&Tag.1.Key=k"), None);
    }

    #[test]
    fn kinds_admit_what_the_gateway_types_admit() {
        assert!(Kind::Range { min: 1, max: 50 }.admits("50"));
        assert!(!Kind::Range { min: 1, max: 50 }.admits("51"));
        assert!(!Kind::Range { min: 1, max: 50 }.admits("0"));
        assert!(Kind::Bool.admits("TRUE") && !Kind::Bool.admits("yes"));
        assert!(Kind::Json.admits(r#"{"requestBody":true}"#) && !Kind::Json.admits("{"));
        assert!(Kind::CommaList { max: 2 }.admits("a,b") && !Kind::CommaList { max: 2 }.admits("a,b,c"));
        assert!(Kind::OneOf(&["asc", "desc"]).admits("asc") && !Kind::OneOf(&["asc"]).admits("ASC"));
    }

    #[test]
    fn resources_name_their_own_actions() {
        for resource in Resource::ALL {
            assert_eq!(resource.create_action().declaration().creates, Some(*resource));
            assert!(resource.delete_action().declaration().writes);
            assert!(!resource.list_action().declaration().writes);
            assert_eq!(Resource::from_tag_type(resource.tag_type()), Some(*resource));
            let describes = resource.describe_action().declaration().addresses;
            assert!(describes.contains(&(resource.id_field(), *resource)));
        }
    }

    #[test]
    fn the_coverage_matrix_covers_declared_codes() {
        let rows = coverage();
        assert_eq!(rows.len(), ErrorCode::ALL.len());
        let missing_name = rows
            .iter()
            .find(|row| row.code == ErrorCode::MissingAppName)
            .expect("row");
        assert_eq!(missing_name.actions, [Action::CreateApp]);
    }
}
