//! The data plane's one error type and its catalogue: the VPC generation's six-character
//! `X-Ca-Error-Code` values, each with its status, its `X-Ca-Error-Message` template and its
//! evidence (reference/data-plane.md part 4). A refusal has an empty body; the code and the
//! message travel in headers.

use crate::error::Evidence;

const ERROR_TABLE: &str = "API Gateway VPC error-code table (data-plane reference part 4.2)";

const CLASSIC_TABLE: &str = "classic-instance client error table (data-plane reference part 4.3, DOC-ERR-CL)";
const THROTTLED: &str =
    "the code is one of the T429 codes a third-party mapper shows (3P-CODES), which letter pair is which \
     is our reading; the message is the classic table's (which answered 403); the status is the code's";

const THIRD_PARTY: &str = "code seen in a third-party app's gateway-error mapper (reference 4.3, 3P-CODES)";

/// Every refusal the data plane can answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GatewayCode {
    /// The Host is bound to no group.
    I404DO,
    /// An `X-Ca-Stage` that names no stage.
    I400SG,
    /// No API for this method and path in this stage.
    I404NF,
    /// The API does not take calls over this scheme (`RequestProtocol`).
    I403PT,
    /// A header the gateway cannot use (`X-Ca-Signature-Method` unknown or not allowed).
    I400HD,
    /// A header the API requires is absent (`X-Ca-Nonce` under ForceNonceCheck).
    I400MH,
    /// `Content-MD5` does not match the body.
    I400I5,
    /// No credentials at all on an APP API.
    A400MA,
    /// `X-Ca-Key` names no key pair.
    A400IK,
    /// The AppCode is unknown, or not allowed by the API.
    A400AC,
    /// The signature does not match the gateway's.
    A403IS,
    /// `X-Ca-Key` sent without `X-Ca-Signature`: the classic message only.
    EmptySignature,
    /// `X-Ca-Timestamp` is not a number: the classic message only.
    InvalidTimestamp,
    /// `X-Ca-Timestamp` outside the window: the classic message only.
    TimestampExpired,
    /// The nonce came back within its window: the classic message only.
    NonceUsed,
    /// The app is not authorized for this API in this stage (or is disabled).
    I403AA,
    /// The app's authorization has expired on the mock's clock.
    A403EP,
    /// The HTTP backend refused the connection.
    D504RE,
    /// The HTTP backend did not answer within ServiceTimeout.
    D504TO,
    /// The gateway's own failure: what an injected fault answers on a data-plane call.
    X500ER,
    /// The body is larger than the transport takes.
    I413RL,
    /// The policy's limit of calls to the API in its unit.
    T429PA,
    /// The policy's limit of one account's calls to the API (UserDefault or a USER special).
    T429PR,
    /// The policy's limit of one app's calls to the API (AppDefault or an APP special).
    T429SR,
    /// The group's own limit of calls per second (its TrafficLimit).
    T429GR,
    /// The second-level domain's daily cap.
    T429ID,
}

/// One row of the data plane's catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GatewayEntry {
    /// The six-character `X-Ca-Error-Code`; `None` where only the classic generation's
    /// message is known (such refusals carry the message alone: no source shows a code).
    pub code: Option<&'static str>,
    /// The HTTP status.
    pub http_status: u16,
    /// The message; `{}` marks where the refusal's detail goes.
    pub message: &'static str,
    /// Where the code, status and message come from.
    pub evidence: Evidence,
}

impl GatewayEntry {
    /// What the journal and the log name the refusal by: its code, or its classic message.
    pub fn label(&self) -> &'static str {
        self.code.unwrap_or(self.message)
    }
}

impl GatewayCode {
    /// Every data-plane code.
    pub const ALL: &'static [GatewayCode] = &[
        GatewayCode::I404DO,
        GatewayCode::I400SG,
        GatewayCode::I404NF,
        GatewayCode::I403PT,
        GatewayCode::I400HD,
        GatewayCode::I400MH,
        GatewayCode::I400I5,
        GatewayCode::A400MA,
        GatewayCode::A400IK,
        GatewayCode::A400AC,
        GatewayCode::A403IS,
        GatewayCode::X500ER,
        GatewayCode::I413RL,
        GatewayCode::EmptySignature,
        GatewayCode::InvalidTimestamp,
        GatewayCode::TimestampExpired,
        GatewayCode::NonceUsed,
        GatewayCode::I403AA,
        GatewayCode::A403EP,
        GatewayCode::D504RE,
        GatewayCode::D504TO,
        GatewayCode::T429PA,
        GatewayCode::T429PR,
        GatewayCode::T429SR,
        GatewayCode::T429GR,
        GatewayCode::T429ID,
    ];

    /// The code's row of the catalogue.
    pub const fn entry(self) -> &'static GatewayEntry {
        match self {
            GatewayCode::I404DO => &GatewayEntry {
                code: Some("I404DO"),
                http_status: 404,
                message: "Invalid Domain `{}`",
                evidence: Evidence::Confirmed(ERROR_TABLE),
            },
            GatewayCode::I400SG => &GatewayEntry {
                code: Some("I400SG"),
                http_status: 400,
                message: "Invalid Stage",
                evidence: Evidence::Confirmed(ERROR_TABLE),
            },
            GatewayCode::I404NF => &GatewayEntry {
                code: Some("I404NF"),
                http_status: 404,
                message: "API not found {}",
                evidence: Evidence::Confirmed(
                    "VPC error-code table; the reason `with `GET /path`` observed in a public PDS SDK test",
                ),
            },
            GatewayCode::I403PT => &GatewayEntry {
                code: Some("I403PT"),
                http_status: 403,
                message: "Invalid protocol {} unsupported",
                evidence: Evidence::Confirmed(ERROR_TABLE),
            },
            GatewayCode::I400HD => &GatewayEntry {
                code: Some("I400HD"),
                http_status: 400,
                message: "Invalid Header `{}`",
                evidence: Evidence::Inferred(
                    "the code and template are the VPC table's; that an unknown or disallowed X-Ca-Signature-Method is \
                     answered with it is our reading (reference 2.1, 3.3: code unknown)",
                ),
            },
            GatewayCode::I400MH => &GatewayEntry {
                code: Some("I400MH"),
                http_status: 400,
                message: "Header `{}` is Required",
                evidence: Evidence::Inferred(
                    "the code and template are the VPC table's; that a missing X-Ca-Nonce under ForceNonceCheck is \
                     answered with it is our reading",
                ),
            },
            GatewayCode::I400I5 => &GatewayEntry {
                code: Some("I400I5"),
                http_status: 400,
                message: "Invalid Content-MD5",
                evidence: Evidence::Inferred(
                    "code from a third-party mapper (3P-CODES); message the classic table's `Invalid Content-MD5`",
                ),
            },
            GatewayCode::A400MA => &GatewayEntry {
                code: Some("A400MA"),
                http_status: 400,
                message: "Need authorization",
                evidence: Evidence::Inferred(THIRD_PARTY),
            },
            GatewayCode::A400IK => &GatewayEntry {
                code: Some("A400IK"),
                http_status: 400,
                message: "Invalid AppKey",
                evidence: Evidence::Confirmed(ERROR_TABLE),
            },
            GatewayCode::A400AC => &GatewayEntry {
                code: Some("A400AC"),
                http_status: 400,
                message: "Invalid AppCode {}",
                evidence: Evidence::Confirmed(ERROR_TABLE),
            },
            GatewayCode::A403IS => &GatewayEntry {
                code: Some("A403IS"),
                http_status: 403,
                message: "Invalid Signature, Server StringToSign:`{}`",
                evidence: Evidence::Confirmed(
                    "VPC error-code table (code, status, `Invalid Signature, Server StringToSign:${StringToSign}`); \
                     the backticks and `#` for each newline follow Alibaba's Higress hmac-auth plugin (inferred)",
                ),
            },
            GatewayCode::EmptySignature => &GatewayEntry {
                code: None,
                http_status: 401,
                message: "Empty Signature",
                evidence: Evidence::Inferred(
                    "the classic table's message and status (401 in ask/278260, 404 in the marketplace copies); \
                     the VPC code is unknown",
                ),
            },
            GatewayCode::InvalidTimestamp => &GatewayEntry {
                code: None,
                http_status: 400,
                message: "Invalid Timestamp",
                evidence: Evidence::Inferred(CLASSIC_TABLE),
            },
            GatewayCode::TimestampExpired => &GatewayEntry {
                code: None,
                http_status: 400,
                message: "Timestamp Expired",
                evidence: Evidence::Inferred(CLASSIC_TABLE),
            },
            GatewayCode::NonceUsed => &GatewayEntry {
                code: None,
                http_status: 400,
                message: "Nonce Used",
                evidence: Evidence::Inferred(CLASSIC_TABLE),
            },
            GatewayCode::I403AA => &GatewayEntry {
                code: Some("I403AA"),
                http_status: 403,
                message: "Unauthorized",
                evidence: Evidence::Inferred(
                    "code from a third-party mapper that maps it to `Unauthorized`, the classic table's message (403)",
                ),
            },
            GatewayCode::A403EP => &GatewayEntry {
                code: Some("A403EP"),
                http_status: 403,
                message: "Expiry of Authorization",
                evidence: Evidence::Inferred(
                    "code from a third-party mapper (`App authorization expired`); message and status the classic \
                     table's",
                ),
            },
            GatewayCode::D504RE => &GatewayEntry {
                code: Some("D504RE"),
                http_status: 504,
                message: "Backend service connect failed",
                evidence: Evidence::Inferred(THIRD_PARTY),
            },
            GatewayCode::D504TO => &GatewayEntry {
                code: Some("D504TO"),
                http_status: 504,
                message: "Backend service request timeout",
                evidence: Evidence::Inferred(
                    "code from a third-party mapper; also a retryable code in terraform-provider-alicloud",
                ),
            },
            GatewayCode::I413RL => &GatewayEntry {
                code: Some("I413RL"),
                http_status: 413,
                message: "Request body too Large",
                evidence: Evidence::Confirmed(ERROR_TABLE),
            },
            GatewayCode::T429PA => &GatewayEntry {
                code: Some("T429PA"),
                http_status: 429,
                message: "Throttled by API Flow Control",
                evidence: Evidence::Inferred(THROTTLED),
            },
            GatewayCode::T429PR => &GatewayEntry {
                code: Some("T429PR"),
                http_status: 429,
                message: "Throttled by USER Flow Control",
                evidence: Evidence::Inferred(THROTTLED),
            },
            GatewayCode::T429SR => &GatewayEntry {
                code: Some("T429SR"),
                http_status: 429,
                message: "Throttled by APP Flow Control",
                evidence: Evidence::Inferred(THROTTLED),
            },
            GatewayCode::T429GR => &GatewayEntry {
                code: Some("T429GR"),
                http_status: 429,
                message: "Throttled by GROUP Flow Control",
                evidence: Evidence::Inferred(THROTTLED),
            },
            GatewayCode::T429ID => &GatewayEntry {
                code: Some("T429ID"),
                http_status: 429,
                message: "Throttled by DOMAIN Flow Control",
                evidence: Evidence::Inferred(THROTTLED),
            },
            GatewayCode::X500ER => &GatewayEntry {
                code: Some("X500ER"),
                http_status: 500,
                message: "Internal Error",
                evidence: Evidence::Inferred(
                    "the access-log doc's example error code (doc-detail/173748); the classic message Internal Error",
                ),
            },
        }
    }
}

/// A data-plane refusal on its way to the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatewayError {
    /// The refusal's code.
    pub code: GatewayCode,
    /// What goes where the message's `{}` is.
    pub detail: String,
}

impl GatewayError {
    /// A refusal with this code and detail.
    pub fn new(code: GatewayCode, detail: impl Into<String>) -> GatewayError {
        GatewayError {
            code,
            detail: detail.into(),
        }
    }

    /// The `X-Ca-Error-Message` exactly as sent.
    pub fn message(&self) -> String {
        let message = self.code.entry().message;
        if self.detail.is_empty() {
            message.replace(" {}", "").replace("{}", "")
        } else {
            message.replace("{}", &self.detail)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_characters_with_their_status_inside() {
        for code in GatewayCode::ALL {
            let entry = code.entry();
            if let Some(wire) = entry.code {
                assert_eq!(wire.len(), 6, "{code:?}");
                assert_eq!(&wire[1..4], entry.http_status.to_string(), "{code:?}");
                assert_eq!(format!("{code:?}"), wire);
            } else {
                assert!(
                    !entry.evidence.is_confirmed(),
                    "{code:?}: a classic message alone is inferred"
                );
            }
        }
        let err = GatewayError::new(GatewayCode::I404NF, "with `GET /v2/user/abc`");
        assert_eq!(err.message(), "API not found with `GET /v2/user/abc`");
    }
}
