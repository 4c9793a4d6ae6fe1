//! The one error type and the one catalogue of error codes.
//!
//! Every failure, from a malformed query string to an unknown app, leaves the service as an
//! [`ApiError`] naming an [`ErrorCode`]. The catalogue below is the only place where codes,
//! HTTP statuses and messages are written down; call sites name a code, never a string.

use std::fmt;

/// How sure we are that the real service answers this way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// Stated by an official document, a captured real response or an official SDK's source.
    Confirmed(&'static str),
    /// Our reading where no source states it; a run against a real account settles it.
    Inferred(&'static str),
}

impl Evidence {
    pub fn is_confirmed(self) -> bool {
        matches!(self, Evidence::Confirmed(_))
    }

    pub fn source(self) -> &'static str {
        match self {
            Evidence::Confirmed(source) | Evidence::Inferred(source) => source,
        }
    }
}

/// One row of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogueEntry {
    /// The code exactly as it appears on the wire.
    pub code: &'static str,
    pub http_status: u16,
    /// The message; `{}` marks where the error's detail goes (a parameter name, a string to sign).
    pub message: &'static str,
    pub evidence: Evidence,
}

macro_rules! catalogue {
    ($( $(#[$doc:meta])* $variant:ident => ($code:literal, $status:literal, $message:literal, $evidence:expr); )*) => {
        /// Every error code the mock can answer with.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $( $(#[$doc])* $variant, )*
        }

        impl ErrorCode {
            /// The whole catalogue, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The catalogue row of this code.
            pub const fn entry(self) -> &'static CatalogueEntry {
                match self {
                    $( ErrorCode::$variant => &CatalogueEntry {
                        code: $code,
                        http_status: $status,
                        message: $message,
                        evidence: $evidence,
                    }, )*
                }
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

catalogue! {
    // ---- gateway (POP) checks, before the product sees the request ----
    /// A common parameter (Action, Version, Timestamp, ...) is absent.
    MissingParameter => ("MissingParameter", 400,
        "The input parameter \"{}\" that is mandatory for processing this request is not supplied.",
        Confirmed("real cdn.aliyuncs.com response body"));
    MissingAccessKeyId => ("MissingAccessKeyId", 400, "AccessKeyId is mandatory for this action.",
        Confirmed("real response; Alibaba PHP SDK tests"));
    InvalidVersion => ("InvalidVersion", 400, "Specified parameter Version is not valid.",
        Inferred("message from a real dysmsapi body; HTTP status not published"));
    InvalidActionNotFound => ("InvalidAction.NotFound", 404,
        "Specified api is not found, please check your url and method.",
        Confirmed("real cas.aliyuncs.com response body"));
    UnsupportedHttpMethod => ("UnsupportedHTTPMethod", 400,
        "Specified signature is not matched with our calculation.", Confirmed(POP_TABLE));
    InvalidAccessKeyIdNotFound => ("InvalidAccessKeyId.NotFound", 404, "Specified access key is not found.",
        Confirmed("real 404 responses; API Gateway error table"));
    InvalidSignatureMethod => ("InvalidSignatureMethod", 400, "Specified signature method is not valid.",
        Confirmed(POP_TABLE));
    InvalidTimeStampFormat => ("InvalidTimeStamp.Format", 400,
        "Specified time stamp or date value is not well formatted.", Confirmed(POP_TABLE));
    InvalidTimeStampExpired => ("InvalidTimeStamp.Expired", 400,
        "Specified time stamp or date value is expired.", Confirmed("real SMS response body"));
    /// The detail is the server's string to sign; the Python SDK compares it with its own.
    SignatureDoesNotMatch => ("SignatureDoesNotMatch", 400,
        "Specified signature is not matched with our calculation. server string to sign is:{}",
        Confirmed("real alidns response body; Go SDK signature_does_not_match_wrapper.go"));
    IncompleteSignature => ("IncompleteSignature", 400,
        "The request signature does not conform to Aliyun standards.",
        Inferred("code and message from a real ecs response; its use for an unparseable V3 Authorization header is ours"));
    SignatureNonceUsed => ("SignatureNonceUsed", 400, "Specified signature nonce was used already.",
        Confirmed("API Gateway error table; message quoted in aliyun-openapi-net-sdk#344"));
    InvalidParameterFormat => ("InvalidParameter.Format", 400, "Specified parameter format is not valid.",
        Confirmed(POP_TABLE));
    ThrottlingUser => ("Throttling.User", 400, "Request was denied due to user flow control.",
        Confirmed("real response quoted at developer.aliyun.com/ask/571020"));

    // ---- operation parameters (typed by the gateway from the API's metadata) ----
    MissingAppName => ("MissingAppName", 400, "AppName is mandatory for this action.", Inferred(GATEWAY_TEMPLATE));
    MissingAppId => ("MissingAppId", 400, "AppId is mandatory for this action.", Inferred(GATEWAY_TEMPLATE));
    InvalidAppId => ("InvalidAppId", 400, "Specified parameter AppId is not valid.", Inferred(GATEWAY_TEMPLATE));
    InvalidAppOwner => ("InvalidAppOwner", 400, "Specified parameter AppOwner is not valid.", Inferred(GATEWAY_TEMPLATE));
    MissingAppKey => ("MissingAppKey", 400, "AppKey is mandatory for this action.", Inferred(GATEWAY_TEMPLATE));
    MissingAppCode => ("MissingAppCode", 400, "AppCode is mandatory for this action.", Inferred(GATEWAY_TEMPLATE));
    MissingResourceType => ("MissingResourceType", 400, "ResourceType is mandatory for this action.",
        Inferred(GATEWAY_TEMPLATE));
    InvalidResourceType => ("InvalidResourceType", 400, "Specified parameter ResourceType is not valid.",
        Inferred(GATEWAY_TEMPLATE));
    MissingResourceId => ("MissingResourceId", 400, "ResourceId is mandatory for this action.", Inferred(GATEWAY_TEMPLATE));
    /// A `ResourceId.N` outside 1..=50.
    InvalidResourceId => ("InvalidResourceId", 400, "Specified parameter ResourceId is not valid.", Inferred(GATEWAY_TEMPLATE));
    MissingTag => ("MissingTag", 400, "Tag is mandatory for this action.", Inferred(GATEWAY_TEMPLATE));
    /// A `TagKey.N` outside 1..=20.
    InvalidTagKey => ("InvalidTagKey", 400, "Specified parameter TagKey is not valid.", Inferred(GATEWAY_TEMPLATE));
    InvalidPageNumber => ("InvalidPageNumber", 400, "Specified parameter PageNumber is not valid.", Inferred(GATEWAY_TEMPLATE));
    /// PageSize outside 1..=100 (documented maximum: 100).
    InvalidPageSize => ("InvalidPageSize", 400, "Specified parameter PageSize is not valid.", Inferred(GATEWAY_TEMPLATE));
    InvalidSort => ("InvalidSort", 400, "Specified parameter Sort is not valid.", Inferred(GATEWAY_TEMPLATE));
    InvalidDisabled => ("InvalidDisabled", 400, "Specified parameter Disabled is not valid.", Inferred(GATEWAY_TEMPLATE));
    InvalidAll => ("InvalidAll", 400, "Specified parameter All is not valid.", Inferred(GATEWAY_TEMPLATE));
    InvalidNextToken => ("InvalidNextToken", 400, "Specified parameter NextToken is not valid.", Inferred(GATEWAY_TEMPLATE));
    /// A `Tag.N` outside 1..=20, or an N that is not a number.
    InvalidTag => ("InvalidTag", 400, "Specified parameter Tag is not valid.", Inferred(GATEWAY_TEMPLATE));
    InvalidRegionId => ("InvalidRegionId", 400, "Specified parameter RegionId is not valid.", Inferred(GATEWAY_TEMPLATE));
    InvalidParameterTagKey => ("InvalidParameter.TagKey", 400, "Specified parameter TagKey is not valid.",
        Inferred("code confirmed by the TagResources doc for a Tag.N.Value without its Tag.N.Key; message ours"));

    // ---- product (CloudAPI) rules ----
    InvalidAppName => ("InvalidAppName", 400, "The specified parameter AppName value is not valid.",
        Inferred(PRODUCT_TEMPLATE));
    InvalidDescription => ("InvalidDescription", 400, "The specified parameter Description value is not valid.",
        Inferred(PRODUCT_TEMPLATE));
    RepeatedAppName => ("RepeatedAppName", 400, "The specified AppName is repeated.", Inferred(PRODUCT_TEMPLATE));
    RepeatedAppKey => ("RepeatedAppKey", 400, "The specified AppKey is repeated.", Inferred(PRODUCT_TEMPLATE));
    RepeatedAppCode => ("RepeatedAppCode", 400, "The specified AppCode is repeated.", Inferred(PRODUCT_TEMPLATE));
    /// Terraform's provider matches on this code; the message follows the NotFound%s template.
    NotFoundApp => ("NotFoundApp", 400, "Cannot find resource according to your specified App.",
        Confirmed("terraform-provider-alicloud matches the code; message and status from the product table"));
    ExceedLimitApp => ("ExceedLimitApp", 400, "The specified App count exceeds the limit.",
        Inferred("product table template ExceedLimit%s, whose doc names apps; quota of 1,000 from the CreateApp doc"));
    /// Also ResetAppCode's answer when called again within a minute (inferred: the doc says
    /// "only once per minute" without naming the error; this code's doc says "do not submit
    /// requests too often").
    RepeatedCommit => ("RepeatedCommit", 400, "Resubmit request.", Confirmed(PRODUCT_TABLE));
    MissingAppIdOrAppOwner => ("MissingAppIdOrAppOwner", 400, "AppId or AppOwner must have a valid value.",
        Confirmed(PRODUCT_TABLE));
    NotFoundAppKey => ("NotFoundAppKey", 400, "Cannot find resource according to your specified AppKey.",
        Inferred(PRODUCT_TEMPLATE));
    NotFoundAppCode => ("NotFoundAppCode", 400, "Cannot find resource according to your specified AppCode.",
        Inferred(PRODUCT_TEMPLATE));
    /// Terraform's provider retries ListTagResources on this code.
    NotFoundResourceId => ("NotFoundResourceId", 400, "Cannot find resource according to your specified ResourceId.",
        Confirmed("terraform-provider-alicloud matches the code; message and status from the product table"));
    ExceedLimitTag => ("ExceedLimitTag", 400, "The specified Tag count exceeds the limit.", Inferred(PRODUCT_TEMPLATE));
    ExceedLimitAppKey => ("ExceedLimitAppKey", 400, "The specified AppKey count exceeds the limit.",
        Inferred("template ExceedLimit%s; the limit of 10 key pairs per app is the mock's"));
    ExceedLimitAppCode => ("ExceedLimitAppCode", 400, "The specified AppCode count exceeds the limit.",
        Inferred("template ExceedLimit%s; the limit of 10 AppCodes per app is the mock's"));

    // ---- the transport's limits (the mock's own; the real gateway's are unpublished) ----
    RequestEntityTooLarge => ("RequestEntityTooLarge", 413, "The request body is larger than the 1 MiB the service accepts.",
        Inferred("the mock's own limit and code; the real gateway's are unpublished"));
    RequestTimeout => ("RequestTimeout", 408, "The request body did not arrive in time.",
        Inferred("the mock's own limit and code; the real gateway's are unpublished"));

    // ---- server side; the mock only answers these when a fault is injected ----
    InternalError => ("InternalError", 500,
        "The request processing has failed due to some unknown error, exception or failure.", Confirmed(PRODUCT_TABLE));
    ServiceUnavailable => ("ServiceUnavailable", 503,
        "The request has failed due to a temporary failure of the server.", Confirmed(PRODUCT_TABLE));
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
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failure on its way to the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub code: ErrorCode,
    /// What fills the `{}` of the catalogue message, if anything.
    pub detail: Option<String>,
}

impl ApiError {
    pub fn new(code: ErrorCode) -> Self {
        ApiError { code, detail: None }
    }

    pub fn with_detail(code: ErrorCode, detail: impl Into<String>) -> Self {
        ApiError {
            code,
            detail: Some(detail.into()),
        }
    }

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

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message())
    }
}

impl std::error::Error for ApiError {}

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
