//! The data plane's one error type and its catalogue: the VPC generation's six-character
//! `X-Ca-Error-Code` values, each with its status, its `X-Ca-Error-Message` template and its
//! evidence (reference/data-plane.md part 4). A refusal has an empty body; the code and the
//! message travel in headers.

use crate::error::Evidence;

const ERROR_TABLE: &str = "API Gateway VPC error-code table (data-plane reference part 4.2)";

/// Every refusal the data plane can answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GatewayCode {
    /// The Host is bound to no group.
    I404DO,
    /// An `X-Ca-Stage` that names no stage.
    I400SG,
    /// No API for this method and path in this stage.
    I404NF,
}

/// One row of the data plane's catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GatewayEntry {
    /// The `X-Ca-Error-Code` value.
    pub code: &'static str,
    /// The HTTP status.
    pub http_status: u16,
    /// The message; `{}` marks where the refusal's detail goes.
    pub message: &'static str,
    /// Where the code, status and message come from.
    pub evidence: Evidence,
}

impl GatewayCode {
    /// Every data-plane code.
    pub const ALL: &'static [GatewayCode] = &[GatewayCode::I404DO, GatewayCode::I400SG, GatewayCode::I404NF];

    /// The code's row of the catalogue.
    pub const fn entry(self) -> &'static GatewayEntry {
        match self {
            GatewayCode::I404DO => &GatewayEntry {
                code: "I404DO",
                http_status: 404,
                message: "Invalid Domain `{}`",
                evidence: Evidence::Confirmed(ERROR_TABLE),
            },
            GatewayCode::I400SG => &GatewayEntry {
                code: "I400SG",
                http_status: 400,
                message: "Invalid Stage",
                evidence: Evidence::Confirmed(ERROR_TABLE),
            },
            GatewayCode::I404NF => &GatewayEntry {
                code: "I404NF",
                http_status: 404,
                message: "API not found {}",
                evidence: Evidence::Confirmed(
                    "VPC error-code table; the reason `with `GET /path`` observed in a public PDS SDK test",
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
        self.code.entry().message.replace("{}", &self.detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_characters_with_their_status_inside() {
        for code in GatewayCode::ALL {
            let entry = code.entry();
            assert_eq!(entry.code.len(), 6, "{code:?}");
            assert_eq!(&entry.code[1..4], entry.http_status.to_string(), "{code:?}");
        }
        let err = GatewayError::new(GatewayCode::I404NF, "with `GET /v2/user/abc`");
        assert_eq!(err.message(), "API not found with `GET /v2/user/abc`");
    }
}
