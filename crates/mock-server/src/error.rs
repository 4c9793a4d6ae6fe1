//! Why an operator's request was refused. The admin API answers these as
//! `{"error": "..."}` with a 4xx status; they never reach the gateway's clients.

use std::fmt;

/// An operator's request the mock refuses; nothing was changed.
///
/// ```
/// use cloudapi_mock::{AdminError, Mock};
/// let refused = Mock::default().reset_account("nobody").unwrap_err();
/// assert!(matches!(refused, AdminError::UnknownAccount(_)));
/// assert!(refused.to_string().contains("nobody"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminError {
    /// The request is malformed or names something the mock does not have (HTTP 400).
    Invalid(String),
    /// No account has this access key id or account UID (HTTP 404).
    UnknownAccount(String),
    /// Nothing of that name to act on, such as a fault rule already removed (HTTP 404).
    NotFound(String),
    /// The change would break what the mock guarantees, such as an AppKey used twice
    /// (HTTP 409).
    Conflict(String),
    /// In durable mode, the change could not be committed to the data directory (HTTP 500):
    /// it is not acknowledged, and the mock takes no more writes.
    NotDurable(String),
}

impl AdminError {
    /// The HTTP status the admin API answers with.
    ///
    /// ```
    /// use cloudapi_mock::AdminError;
    /// assert_eq!(AdminError::UnknownAccount("nobody".into()).http_status(), 404);
    /// ```
    pub fn http_status(&self) -> u16 {
        match self {
            AdminError::Invalid(_) => 400,
            AdminError::UnknownAccount(_) | AdminError::NotFound(_) => 404,
            AdminError::Conflict(_) => 409,
            AdminError::NotDurable(_) => 500,
        }
    }
}

impl fmt::Display for AdminError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AdminError::Invalid(message)
            | AdminError::NotFound(message)
            | AdminError::Conflict(message)
            | AdminError::NotDurable(message) => f.write_str(message),
            AdminError::UnknownAccount(account) => {
                write!(f, "no account has the access key id or account UID {account:?}")
            }
        }
    }
}

impl std::error::Error for AdminError {}
