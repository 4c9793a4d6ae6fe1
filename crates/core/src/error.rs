//! The one error type and the one catalogue of error codes.
//!
//! Every failure, from a malformed query string to an unknown app, leaves the service as an
//! [`ApiError`] naming an [`ErrorCode`]. The catalogue below is the only place where codes,
//! HTTP statuses and messages are written down; call sites name a code, never a string.

use std::fmt;

use crate::store::{Entity, StoreError};

/// How sure we are that the real service answers this way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// Stated by an official document, a captured real response or an official SDK's source.
    Confirmed(&'static str),
    /// Our reading where no source states it; a run against a real account settles it.
    Inferred(&'static str),
}

impl Evidence {
    /// Whether a source states it.
    pub fn is_confirmed(self) -> bool {
        matches!(self, Evidence::Confirmed(_))
    }

    /// The source, or why it is inferred.
    pub fn source(self) -> &'static str {
        match self {
            Evidence::Confirmed(source) | Evidence::Inferred(source) => source,
        }
    }
}

/// The service's templates for codes built from a name: the gateway's for parameters
/// (`Missing{Name}`, `Invalid{Name}`), the product's for values and resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Template {
    /// `Missing{Param}`: "{Param} is mandatory for this action."
    Missing,
    /// `Invalid{Param}` (the gateway's typing): "Specified parameter {Param} is not valid."
    Invalid,
    /// `Invalid{Param}` (the product's rules): "The specified parameter {Param} value is not valid."
    InvalidValue,
    /// `Invalid{Param}` for a JSON document, naming what in it is wrong: "Specified parameter
    /// {Param} is not valid: {what}."
    InvalidDocument,
    /// `NotFound{Resource}`: "Cannot find resource according to your specified {Resource}."
    NotFound,
    /// `Repeated{Name}`: "The specified {Name} is repeated."
    Repeated,
    /// `ExceedLimit{Resource}`: "The specified {Resource} count exceeds the limit."
    ExceedLimit,
    /// `DependencyViolation{Resource}`: "The specified {Resource} has {Other} definitions."
    DependencyViolation,
}

/// One row of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogueEntry {
    /// The code exactly as it appears on the wire.
    pub code: &'static str,
    /// The HTTP status it is answered with.
    pub http_status: u16,
    /// The message; `{}` marks where the error's detail goes (a parameter name, a string to sign).
    pub message: &'static str,
    /// Where the code, status and message come from.
    pub evidence: Evidence,
    /// The template the code and message were rendered from, with the name it was given;
    /// `None` for a code written out whole.
    pub template: Option<(Template, &'static str)>,
}

/// Renders a catalogue row from a template and a name, or takes one written out whole.
macro_rules! row {
    (missing $name:literal) => {
        (
            concat!("Missing", $name),
            400,
            concat!($name, " is mandatory for this action."),
            Some((Template::Missing, $name)),
        )
    };
    (invalid $name:literal) => {
        (
            concat!("Invalid", $name),
            400,
            concat!("Specified parameter ", $name, " is not valid."),
            Some((Template::Invalid, $name)),
        )
    };
    (invalid_value $name:literal) => {
        (
            concat!("Invalid", $name),
            400,
            concat!("The specified parameter ", $name, " value is not valid."),
            Some((Template::InvalidValue, $name)),
        )
    };
    (invalid_document $name:literal) => {
        (
            concat!("Invalid", $name),
            400,
            concat!("Specified parameter ", $name, " is not valid: {}."),
            Some((Template::InvalidDocument, $name)),
        )
    };
    (not_found $name:literal) => {
        (
            concat!("NotFound", $name),
            400,
            concat!("Cannot find resource according to your specified ", $name, "."),
            Some((Template::NotFound, $name)),
        )
    };
    (repeated $name:literal) => {
        (
            concat!("Repeated", $name),
            400,
            concat!("The specified ", $name, " is repeated."),
            Some((Template::Repeated, $name)),
        )
    };
    (exceed_limit $name:literal) => {
        (
            concat!("ExceedLimit", $name),
            400,
            concat!("The specified ", $name, " count exceeds the limit."),
            Some((Template::ExceedLimit, $name)),
        )
    };
    (dependency_violation $name:literal $other:literal) => {
        (
            concat!("DependencyViolation", $name),
            400,
            concat!("The specified ", $name, " has ", $other, " definitions."),
            Some((Template::DependencyViolation, $name)),
        )
    };
    (literal $code:literal $status:literal $message:literal) => {
        ($code, $status, $message, None)
    };
}

macro_rules! catalogue {
    ($( $(#[$doc:meta])* $variant:ident => $form:ident $($arg:literal)+, $evidence:expr; )*) => {
        /// Every error code the mock can answer with. A variant is named after its wire code;
        /// its status, message and evidence are its catalogue row ([`ErrorCode::entry`]).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum ErrorCode {
            $( $(#[$doc])* $variant, )*
        }

        const CATALOGUE: &[CatalogueEntry] = &[
            $( {
                let (code, http_status, message, template) = row!($form $($arg)+);
                CatalogueEntry { code, http_status, message, evidence: $evidence, template }
            }, )*
        ];

        impl ErrorCode {
            /// The whole catalogue, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The catalogue row of this code.
            pub const fn entry(self) -> &'static CatalogueEntry {
                &CATALOGUE[self as usize]
            }
        }
    };
}

use Evidence::{Confirmed, Inferred};

const POP_TABLE: &str = "API Gateway control-API common error table (developer.aliyun.com/ask/278265)";
const PRODUCT_TABLE: &str =
    "API Gateway control-API error table (help.aliyun.com/zh/api-gateway/traditional-api-gateway/support/control-openapi-error-code-table)";
const PRODUCT_TEMPLATE: &str = "follows the product table's template; concrete code not published";
const GATEWAY_TEMPLATE: &str =
    "follows the gateway's Missing{Name}/Invalid{Name} template, seen verbatim for other products";
const TERRAFORM: &str = "terraform-provider-alicloud matches the code; message and status from the product table";

catalogue! {
    // ---- gateway (POP) checks, before the product sees the request ----
    /// A common parameter (Action, Version, Timestamp, ...) is absent.
    MissingParameter => literal "MissingParameter" 400
        "The input parameter \"{}\" that is mandatory for processing this request is not supplied.",
        Confirmed("real cdn.aliyuncs.com response body");
    MissingAccessKeyId => literal "MissingAccessKeyId" 400 "AccessKeyId is mandatory for this action.",
        Confirmed("real response; Alibaba PHP SDK tests");
    InvalidVersion => literal "InvalidVersion" 400 "Specified parameter Version is not valid.",
        Inferred("message from a real dysmsapi body; HTTP status not published");
    InvalidActionNotFound => literal "InvalidAction.NotFound" 404
        "Specified api is not found, please check your url and method.",
        Confirmed("real cas.aliyuncs.com response body");
    UnsupportedHttpMethod => literal "UnsupportedHTTPMethod" 400
        "Specified signature is not matched with our calculation.", Confirmed(POP_TABLE);
    InvalidAccessKeyIdNotFound => literal "InvalidAccessKeyId.NotFound" 404 "Specified access key is not found.",
        Confirmed("real 404 responses; API Gateway error table");
    InvalidSignatureMethod => literal "InvalidSignatureMethod" 400 "Specified signature method is not valid.",
        Confirmed(POP_TABLE);
    InvalidTimeStampFormat => literal "InvalidTimeStamp.Format" 400
        "Specified time stamp or date value is not well formatted.", Confirmed(POP_TABLE);
    InvalidTimeStampExpired => literal "InvalidTimeStamp.Expired" 400
        "Specified time stamp or date value is expired.", Confirmed("real SMS response body");
    /// The detail is the server's string to sign; the Python SDK compares it with its own.
    SignatureDoesNotMatch => literal "SignatureDoesNotMatch" 400
        "Specified signature is not matched with our calculation. server string to sign is:{}",
        Confirmed("real alidns response body; Go SDK signature_does_not_match_wrapper.go");
    IncompleteSignature => literal "IncompleteSignature" 400
        "The request signature does not conform to Aliyun standards.",
        Inferred("code and message from a real ecs response; its use for an unparseable V3 Authorization header is ours");
    SignatureNonceUsed => literal "SignatureNonceUsed" 400 "Specified signature nonce was used already.",
        Confirmed("API Gateway error table; message quoted in aliyun-openapi-net-sdk#344");
    InvalidParameterFormat => literal "InvalidParameter.Format" 400 "Specified parameter format is not valid.",
        Confirmed(POP_TABLE);
    ThrottlingUser => literal "Throttling.User" 400 "Request was denied due to user flow control.",
        Confirmed("real response quoted at developer.aliyun.com/ask/571020");

    // ---- operation parameters (typed by the gateway from the API's metadata) ----
    MissingAppName => missing "AppName", Inferred(GATEWAY_TEMPLATE);
    MissingAppId => missing "AppId", Inferred(GATEWAY_TEMPLATE);
    InvalidAppId => invalid "AppId", Inferred(GATEWAY_TEMPLATE);
    InvalidAppOwner => invalid "AppOwner", Inferred(GATEWAY_TEMPLATE);
    MissingAppKey => missing "AppKey", Inferred(GATEWAY_TEMPLATE);
    MissingAppCode => missing "AppCode", Inferred(GATEWAY_TEMPLATE);
    MissingResourceType => missing "ResourceType", Inferred(GATEWAY_TEMPLATE);
    InvalidResourceType => invalid "ResourceType", Inferred(GATEWAY_TEMPLATE);
    MissingResourceId => missing "ResourceId", Inferred(GATEWAY_TEMPLATE);
    /// A `ResourceId.N` outside 1..=50.
    InvalidResourceId => invalid "ResourceId", Inferred(GATEWAY_TEMPLATE);
    MissingTag => missing "Tag", Inferred(GATEWAY_TEMPLATE);
    /// A `TagKey.N` outside 1..=20.
    InvalidTagKey => invalid "TagKey", Inferred(GATEWAY_TEMPLATE);
    InvalidPageNumber => invalid "PageNumber", Inferred(GATEWAY_TEMPLATE);
    /// PageSize outside 1..=100 (apps) or 1..=50 (groups), the documented maxima.
    InvalidPageSize => invalid "PageSize", Inferred(GATEWAY_TEMPLATE);
    InvalidSort => invalid "Sort", Inferred(GATEWAY_TEMPLATE);
    InvalidDisabled => invalid "Disabled", Inferred(GATEWAY_TEMPLATE);
    InvalidAll => invalid "All", Inferred(GATEWAY_TEMPLATE);
    InvalidNextToken => invalid "NextToken", Inferred(GATEWAY_TEMPLATE);
    /// A `Tag.N` outside 1..=20, or an N that is not a number.
    InvalidTag => invalid "Tag", Inferred(GATEWAY_TEMPLATE);
    InvalidRegionId => invalid "RegionId", Inferred(GATEWAY_TEMPLATE);
    InvalidParameterTagKey => literal "InvalidParameter.TagKey" 400 "Specified parameter TagKey is not valid.",
        Inferred("code confirmed by the TagResources doc for a Tag.N.Value without its Tag.N.Key; message ours");
    MissingGroupName => missing "GroupName", Inferred(GATEWAY_TEMPLATE);
    MissingGroupId => missing "GroupId", Inferred(GATEWAY_TEMPLATE);
    /// A JSON setting of ModifyApiGroup that is not JSON (terraform json-decodes it on read).
    InvalidUserLogConfig => invalid "UserLogConfig", Inferred(GATEWAY_TEMPLATE);
    InvalidCustomAppCodeConfig => invalid "CustomAppCodeConfig", Inferred(GATEWAY_TEMPLATE);
    InvalidCustomTraceConfig => invalid "CustomTraceConfig", Inferred(GATEWAY_TEMPLATE);

    // ---- product (CloudAPI) rules ----
    InvalidAppName => invalid_value "AppName", Inferred(PRODUCT_TEMPLATE);
    InvalidDescription => invalid_value "Description", Inferred(PRODUCT_TEMPLATE);
    RepeatedAppName => repeated "AppName", Inferred(PRODUCT_TEMPLATE);
    RepeatedAppKey => repeated "AppKey", Inferred(PRODUCT_TEMPLATE);
    RepeatedAppCode => repeated "AppCode", Inferred(PRODUCT_TEMPLATE);
    /// Terraform's provider matches on this code; the message follows the NotFound%s template.
    NotFoundApp => not_found "App", Confirmed(TERRAFORM);
    ExceedLimitApp => exceed_limit "App",
        Inferred("product table template ExceedLimit%s, whose doc names apps; quota of 1,000 from the CreateApp doc");
    /// Also ResetAppCode's answer when called again within a minute (inferred: the doc says
    /// "only once per minute" without naming the error; this code's doc says "do not submit
    /// requests too often").
    RepeatedCommit => literal "RepeatedCommit" 400 "Resubmit request.", Confirmed(PRODUCT_TABLE);
    MissingAppIdOrAppOwner => literal "MissingAppIdOrAppOwner" 400 "AppId or AppOwner must have a valid value.",
        Confirmed(PRODUCT_TABLE);
    NotFoundAppKey => not_found "AppKey", Inferred(PRODUCT_TEMPLATE);
    NotFoundAppCode => not_found "AppCode", Inferred(PRODUCT_TEMPLATE);
    /// Terraform's provider retries ListTagResources on this code.
    NotFoundResourceId => not_found "ResourceId", Confirmed(TERRAFORM);
    ExceedLimitTag => exceed_limit "Tag", Inferred(PRODUCT_TEMPLATE);
    ExceedLimitAppKey => exceed_limit "AppKey",
        Inferred("template ExceedLimit%s; the limit of 10 key pairs per app is the mock's");
    ExceedLimitAppCode => exceed_limit "AppCode",
        Inferred("template ExceedLimit%s; the limit of 10 AppCodes per app is the mock's");
    /// Terraform's provider maps this code to "gone" on DescribeApiGroup and every
    /// group-addressed action.
    NotFoundApiGroup => not_found "ApiGroup", Confirmed(TERRAFORM);
    /// Names are 4 to 50 letters, digits, `_` or CJK characters, a letter or CJK first.
    InvalidGroupName => invalid_value "GroupName", Inferred(PRODUCT_TEMPLATE);
    RepeatedGroupName => repeated "GroupName", Inferred(PRODUCT_TEMPLATE);
    /// The quota of groups per account and region (documented: 100).
    ExceedLimitApiGroup => exceed_limit "ApiGroup", Inferred(PRODUCT_TEMPLATE);
    /// "A group that still contains APIs cannot be deleted" (DeleteApiGroup doc); the code
    /// is not published.
    DependencyViolationApiGroup => dependency_violation "ApiGroup" "Api", Inferred(PRODUCT_TEMPLATE);
    /// A base path that does not start with `/`.
    InvalidBasePath => invalid_value "BasePath", Inferred(PRODUCT_TEMPLATE);
    /// An InstanceId that is neither shared instance (the mock has no dedicated ones).
    NotFoundInstance => not_found "Instance", Inferred(PRODUCT_TEMPLATE);

    // ---- APIs, stages and deployment (reference parts 4 and 5) ----
    MissingApiId => missing "ApiId", Inferred(GATEWAY_TEMPLATE);
    MissingApiName => missing "ApiName", Inferred(GATEWAY_TEMPLATE);
    MissingVisibility => missing "Visibility", Inferred(GATEWAY_TEMPLATE);
    MissingRequestConfig => missing "RequestConfig", Inferred(GATEWAY_TEMPLATE);
    MissingServiceConfig => missing "ServiceConfig", Inferred(GATEWAY_TEMPLATE);
    MissingStageName => missing "StageName", Inferred(GATEWAY_TEMPLATE);
    /// DeployApi and SwitchApi require a remark.
    MissingDescription => missing "Description", Inferred(GATEWAY_TEMPLATE);
    MissingHistoryVersion => missing "HistoryVersion", Inferred(GATEWAY_TEMPLATE);
    InvalidVisibility => invalid "Visibility", Inferred(GATEWAY_TEMPLATE);
    InvalidAuthType => invalid "AuthType", Inferred(GATEWAY_TEMPLATE);
    InvalidResultType => invalid "ResultType", Inferred(GATEWAY_TEMPLATE);
    InvalidAppCodeAuthType => invalid "AppCodeAuthType", Inferred(GATEWAY_TEMPLATE);
    InvalidWebSocketApiType => invalid "WebSocketApiType", Inferred(GATEWAY_TEMPLATE);
    InvalidAllowSignatureMethod => invalid "AllowSignatureMethod", Inferred(GATEWAY_TEMPLATE);
    InvalidForceNonceCheck => invalid "ForceNonceCheck", Inferred(GATEWAY_TEMPLATE);
    InvalidDisableInternet => invalid "DisableInternet", Inferred(GATEWAY_TEMPLATE);
    InvalidBackendEnable => invalid "BackendEnable", Inferred(GATEWAY_TEMPLATE);
    InvalidUnDeployed => invalid "UnDeployed", Inferred(GATEWAY_TEMPLATE);
    /// The API definition's JSON documents: malformed JSON, a missing member or a value
    /// outside its enumeration, named in the message.
    InvalidRequestConfig => invalid_document "RequestConfig", Inferred(GATEWAY_TEMPLATE);
    InvalidServiceConfig => invalid_document "ServiceConfig", Inferred(GATEWAY_TEMPLATE);
    InvalidRequestParameters => invalid_document "RequestParameters", Inferred(GATEWAY_TEMPLATE);
    InvalidServiceParameters => invalid_document "ServiceParameters", Inferred(GATEWAY_TEMPLATE);
    InvalidServiceParametersMap => invalid_document "ServiceParametersMap", Inferred(GATEWAY_TEMPLATE);
    InvalidConstantParameters => invalid_document "ConstantParameters", Inferred(GATEWAY_TEMPLATE);
    InvalidSystemParameters => invalid_document "SystemParameters", Inferred(GATEWAY_TEMPLATE);
    InvalidErrorCodeSamples => invalid_document "ErrorCodeSamples", Inferred(GATEWAY_TEMPLATE);
    InvalidOpenIdConnectConfig => invalid_document "OpenIdConnectConfig", Inferred(GATEWAY_TEMPLATE);
    InvalidApiName => invalid_value "ApiName", Inferred(PRODUCT_TEMPLATE);
    /// Terraform's provider maps this code to "gone" and treats it as success on DeleteApi.
    NotFoundApi => not_found "Api", Confirmed(TERRAFORM);
    /// "Seen in the wild" for two APIs of one name in a group (reference part 8, weak).
    RepeatedApiName => repeated "ApiName", Inferred("template Repeated%s; a community tool reports the code for a name clash");
    /// The docs: the request path must be unique in the group.
    RepeatedApiPath => repeated "ApiPath", Inferred(PRODUCT_TEMPLATE);
    /// 1,000 APIs per group (limits page).
    ExceedLimitApi => exceed_limit "Api", Inferred(PRODUCT_TEMPLATE);
    /// "An API that is published cannot be deleted" (DeleteApi doc); the code is not published.
    DependencyViolationApi => dependency_violation "Api" "Deployment", Inferred(PRODUCT_TEMPLATE);
    /// Terraform's provider maps this code to "gone"; the mock answers it for a stage that
    /// does not exist and for a stage the API is not deployed in (inferred).
    NotFoundStage => not_found "Stage", Confirmed(TERRAFORM);
    /// A HistoryVersion that is not one of the API's in that stage.
    NotFoundHistoryVersion => not_found "HistoryVersion", Inferred(PRODUCT_TEMPLATE);

    // ---- app-to-API authorization (reference part 6) ----
    /// Terraform's provider takes it as "already revoked" on RemoveAppsAuthorities.
    NotFoundAuthorization => not_found "Authorization", Confirmed(TERRAFORM);
    MissingAppIds => missing "AppIds", Inferred(GATEWAY_TEMPLATE);
    MissingApiIds => missing "ApiIds", Inferred(GATEWAY_TEMPLATE);
    /// More than 100 ids, or one that cannot be an AppId.
    InvalidAppIds => invalid "AppIds", Inferred(GATEWAY_TEMPLATE);
    InvalidApiIds => invalid "ApiIds", Inferred(GATEWAY_TEMPLATE);
    InvalidAuthValidTime => invalid "AuthValidTime", Inferred(GATEWAY_TEMPLATE);
    InvalidAppOwnerId => invalid "AppOwnerId", Inferred(GATEWAY_TEMPLATE);

    // ---- throttling policies (reference part 7.1) ----
    MissingTrafficControlName => missing "TrafficControlName", Inferred(GATEWAY_TEMPLATE);
    MissingTrafficControlUnit => missing "TrafficControlUnit", Inferred(GATEWAY_TEMPLATE);
    MissingApiDefault => missing "ApiDefault", Inferred(GATEWAY_TEMPLATE);
    MissingTrafficControlId => missing "TrafficControlId", Inferred(GATEWAY_TEMPLATE);
    MissingSpecialType => missing "SpecialType", Inferred(GATEWAY_TEMPLATE);
    MissingSpecialKey => missing "SpecialKey", Inferred(GATEWAY_TEMPLATE);
    MissingTrafficValue => missing "TrafficValue", Inferred(GATEWAY_TEMPLATE);
    /// A unit other than SECOND, MINUTE, HOUR and DAY.
    InvalidTrafficControlUnit => invalid "TrafficControlUnit", Inferred(GATEWAY_TEMPLATE);
    /// Not a whole number from 1 up.
    InvalidApiDefault => invalid "ApiDefault", Inferred(GATEWAY_TEMPLATE);
    /// Not a whole number from 1 up, or above the API limit (the console's rule, inferred).
    InvalidUserDefault => invalid "UserDefault", Inferred(GATEWAY_TEMPLATE);
    /// Not a whole number from 1 up, or above the user limit (the console's rule, inferred).
    InvalidAppDefault => invalid "AppDefault", Inferred(GATEWAY_TEMPLATE);
    /// Neither APP nor USER.
    InvalidSpecialType => invalid "SpecialType", Inferred(GATEWAY_TEMPLATE);
    /// Not a whole number from 1 up, or above the API limit ("may not exceed the API limit").
    InvalidTrafficValue => invalid "TrafficValue", Inferred(GATEWAY_TEMPLATE);
    /// 4 to 50 letters, digits or `_`, not starting with `_`.
    InvalidTrafficControlName => invalid_value "TrafficControlName", Inferred(PRODUCT_TEMPLATE);
    NotFoundTrafficControl => not_found "TrafficControl", Inferred(PRODUCT_TEMPLATE);
    /// "A policy still bound to APIs cannot be deleted" (DeleteTrafficControl doc); the code
    /// is not published.
    DependencyViolationTrafficControl => dependency_violation "TrafficControl" "Api", Inferred(PRODUCT_TEMPLATE);

    // ---- the transport's limits (the mock's own; the real gateway's are unpublished) ----
    RequestEntityTooLarge => literal "RequestEntityTooLarge" 413 "The request body is larger than the 1 MiB the service accepts.",
        Inferred("the mock's own limit and code; the real gateway's are unpublished");
    RequestTimeout => literal "RequestTimeout" 408 "The request body did not arrive in time.",
        Inferred("the mock's own limit and code; the real gateway's are unpublished");

    // ---- server side; the mock only answers these when a fault is injected ----
    InternalError => literal "InternalError" 500
        "The request processing has failed due to some unknown error, exception or failure.", Confirmed(PRODUCT_TABLE);
    ServiceUnavailable => literal "ServiceUnavailable" 503
        "The request has failed due to a temporary failure of the server.", Confirmed(PRODUCT_TABLE);
}

impl ErrorCode {
    /// The code as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        self.entry().code
    }

    /// Looks a wire code up in the catalogue.
    pub fn from_wire(code: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.iter().copied().find(|c| c.as_str() == code)
    }

    /// The code a template gives for a name (`Missing` and `AppName`: `MissingAppName`),
    /// if the catalogue holds it.
    ///
    /// ```
    /// use cloudapi_core::error::{ErrorCode, Template};
    /// assert_eq!(ErrorCode::templated(Template::Missing, "AppName"), Some(ErrorCode::MissingAppName));
    /// assert_eq!(ErrorCode::templated(Template::NotFound, "Nothing"), None);
    /// ```
    pub fn templated(template: Template, name: &str) -> Option<ErrorCode> {
        let same = |t: Template| match (t, template) {
            (
                Template::Invalid | Template::InvalidValue | Template::InvalidDocument,
                Template::Invalid | Template::InvalidValue | Template::InvalidDocument,
            ) => true,
            (a, b) => a == b,
        };
        ErrorCode::ALL
            .iter()
            .copied()
            .find(|code| code.entry().template.is_some_and(|(t, n)| same(t) && n == name))
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failure on its way to the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The code of the catalogue.
    pub code: ErrorCode,
    /// What fills the `{}` of the catalogue message, if anything.
    pub detail: Option<String>,
}

impl ApiError {
    /// An error with no detail.
    pub fn new(code: ErrorCode) -> Self {
        ApiError { code, detail: None }
    }

    /// An error whose message carries `detail` (a parameter name, a string to sign).
    pub fn with_detail(code: ErrorCode, detail: impl Into<String>) -> Self {
        ApiError {
            code,
            detail: Some(detail.into()),
        }
    }

    /// The HTTP status it is answered with.
    pub fn http_status(&self) -> u16 {
        self.code.entry().http_status
    }

    /// The message exactly as the client receives it.
    pub fn message(&self) -> String {
        let template = self.code.entry().message;
        template.replace("{}", self.detail.as_deref().unwrap_or(""))
    }
}

impl From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> Self {
        ApiError::new(code)
    }
}

/// How the management API words the state's refusals.
impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        use Entity as E;
        let code = match err {
            StoreError::NotFound(E::App | E::AppName) => ErrorCode::NotFoundApp,
            StoreError::NotFound(E::AppKey) => ErrorCode::NotFoundAppKey,
            StoreError::NotFound(E::AppCode) => ErrorCode::NotFoundAppCode,
            StoreError::NotFound(E::Tag) => ErrorCode::NotFoundResourceId,
            StoreError::NotFound(E::ApiGroup | E::GroupName) => ErrorCode::NotFoundApiGroup,
            StoreError::NotFound(E::Api | E::ApiName | E::ApiPath) => ErrorCode::NotFoundApi,
            StoreError::NotFound(E::Stage | E::Deployment) => ErrorCode::NotFoundStage,
            StoreError::NotFound(E::HistoryVersion) => ErrorCode::NotFoundHistoryVersion,
            StoreError::NotFound(E::Authorization) => ErrorCode::NotFoundAuthorization,
            StoreError::Taken(E::Authorization) | StoreError::LimitReached(E::Authorization) => {
                ErrorCode::RepeatedCommit
            }
            StoreError::Taken(E::Api | E::ApiName) => ErrorCode::RepeatedApiName,
            StoreError::Taken(E::ApiPath) => ErrorCode::RepeatedApiPath,
            StoreError::LimitReached(E::Api | E::ApiName | E::ApiPath) => ErrorCode::ExceedLimitApi,
            StoreError::InUse(E::Api | E::Deployment | E::Authorization) => ErrorCode::DependencyViolationApi,
            StoreError::Taken(E::Stage | E::Deployment | E::HistoryVersion)
            | StoreError::LimitReached(E::Stage | E::Deployment | E::HistoryVersion) => ErrorCode::RepeatedCommit,
            StoreError::Taken(E::App | E::AppName) => ErrorCode::RepeatedAppName,
            StoreError::Taken(E::AppKey) => ErrorCode::RepeatedAppKey,
            StoreError::Taken(E::AppCode) => ErrorCode::RepeatedAppCode,
            StoreError::Taken(E::ApiGroup | E::GroupName) => ErrorCode::RepeatedGroupName,
            StoreError::Taken(E::Tag) | StoreError::LimitReached(E::Tag) => ErrorCode::ExceedLimitTag,
            StoreError::LimitReached(E::App | E::AppName) => ErrorCode::ExceedLimitApp,
            StoreError::LimitReached(E::AppKey) => ErrorCode::ExceedLimitAppKey,
            StoreError::LimitReached(E::AppCode) => ErrorCode::ExceedLimitAppCode,
            StoreError::LimitReached(E::ApiGroup | E::GroupName) => ErrorCode::ExceedLimitApiGroup,
            StoreError::NotFound(E::TrafficControl) => ErrorCode::NotFoundTrafficControl,
            StoreError::InUse(E::TrafficControl) => ErrorCode::DependencyViolationTrafficControl,
            StoreError::Taken(E::TrafficControl) | StoreError::LimitReached(E::TrafficControl) => {
                ErrorCode::RepeatedCommit
            }
            StoreError::InUse(_) => ErrorCode::DependencyViolationApiGroup,
            StoreError::TooSoon(_) => ErrorCode::RepeatedCommit,
        };
        ApiError::new(code)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message())
    }
}

impl std::error::Error for ApiError {}

/// A result whose error is the service's.
pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn wire_codes_are_unique_and_round_trip() {
        let mut seen = HashSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.as_str()), "duplicate code {code}");
            assert_eq!(ErrorCode::from_wire(code.as_str()), Some(*code));
        }
    }

    #[test]
    fn templates_render_the_codes_and_messages_the_service_writes() {
        let row = ErrorCode::MissingAppName.entry();
        assert_eq!(
            (row.code, row.message),
            ("MissingAppName", "AppName is mandatory for this action.")
        );
        let row = ErrorCode::InvalidAppId.entry();
        assert_eq!(row.message, "Specified parameter AppId is not valid.");
        let row = ErrorCode::InvalidAppName.entry();
        assert_eq!(row.message, "The specified parameter AppName value is not valid.");
        let row = ErrorCode::NotFoundApp.entry();
        assert_eq!(row.message, "Cannot find resource according to your specified App.");
        let row = ErrorCode::DependencyViolationApiGroup.entry();
        assert_eq!(row.message, "The specified ApiGroup has Api definitions.");
        for code in ErrorCode::ALL {
            if let Some((template, name)) = code.entry().template {
                assert_eq!(ErrorCode::templated(template, name), Some(*code), "{code}");
            }
        }
    }

    #[test]
    fn every_code_names_its_source() {
        for code in ErrorCode::ALL {
            let evidence = code.entry().evidence;
            assert!(evidence.source().len() > 10, "{code} names no source");
        }
    }

    #[test]
    fn only_injected_faults_are_server_errors() {
        for code in ErrorCode::ALL {
            let status = code.entry().http_status;
            let server_side = matches!(code, ErrorCode::InternalError | ErrorCode::ServiceUnavailable);
            assert_eq!(status >= 500, server_side, "{code} has status {status}");
        }
    }

    #[test]
    fn detail_fills_the_template() {
        let err = ApiError::with_detail(ErrorCode::MissingParameter, "Action");
        assert_eq!(
            err.message(),
            "The input parameter \"Action\" that is mandatory for processing this request is not supplied."
        );
        let err = ApiError::with_detail(ErrorCode::SignatureDoesNotMatch, "GET&%2F&a%3Db");
        assert!(err.message().ends_with("server string to sign is:GET&%2F&a%3Db"));
    }
}
