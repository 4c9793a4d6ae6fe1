//! The JSON documents of an API definition (RequestConfig, ServiceConfig, the parameter
//! arrays ...), read as real clients write them.
//!
//! Keys match whatever their case: the docs write PascalCase (`RequestProtocol`), terraform
//! camelCase (`requestProtocol`); both become the model's snake case before they are read.
//! Numbers may come as strings (`"ServiceTimeout": "1000"`), booleans as strings
//! (`"Mock": "TRUE"`). What does not fit is refused as `Invalid{Param}`, naming the member.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::protocol::params::Params;

/// How deep a document may nest: the deepest the model has is three levels, so a client's
/// document a hundred levels deep is refused before it is walked.
const MAX_DEPTH: usize = 16;

/// `RequestProtocol`, `requestProtocol` and `request_protocol` all become `request_protocol`.
pub fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    let mut previous_lower = false;
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            if previous_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            previous_lower = false;
        } else {
            out.push(c);
            previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        }
    }
    out
}

/// `request_protocol` becomes `RequestProtocol`, as the answers write it.
pub fn pascal_case(key: &str) -> String {
    key.split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// Every key of a document in snake case, every scalar a string, number or boolean as the
/// model's type wants it; `None` when it nests deeper than [`MAX_DEPTH`].
fn normalise(value: Value, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    Some(match value {
        Value::Object(fields) => {
            let mut out = Map::with_capacity(fields.len());
            for (key, value) in fields {
                let key = snake_case(&key);
                // A value in the wrong shape for a known member is repaired where clients
                // differ (a number as a string, "TRUE" for true); null is absence.
                let value = coerce(&key, normalise(value, depth + 1)?);
                if !value.is_null() {
                    out.insert(key, value);
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| normalise(item, depth + 1))
                .collect::<Option<_>>()?,
        ),
        other => other,
    })
}

/// Members the model keeps as integers.
const INTEGERS: &[&str] = &[
    "service_timeout",
    "mock_status_code",
    "max_value",
    "min_value",
    "max_length",
    "min_length",
    "doc_order",
    "port",
];
/// Members the model keeps as booleans.
const BOOLEANS: &[&str] = &["mock", "service_vpc_enable", "escape_path_param", "only_business_path"];

fn coerce(key: &str, value: Value) -> Value {
    if INTEGERS.contains(&key) {
        if let Value::String(text) = &value {
            let text = text.trim();
            if text.is_empty() {
                return Value::Null;
            }
            if let Ok(n) = text.parse::<i64>() {
                return Value::from(n);
            }
        }
    }
    if BOOLEANS.contains(&key) {
        if let Value::String(text) = &value {
            if text.is_empty() {
                return Value::Null;
            }
            if text.eq_ignore_ascii_case("true") {
                return Value::Bool(true);
            }
            if text.eq_ignore_ascii_case("false") {
                return Value::Bool(false);
            }
        }
    }
    value
}

/// A serde message with the model's member names written as the service writes them.
fn explain(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('`') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        out.push_str(&pascal_case(&after[..end]));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out.replace(" at line 1 column ", " at column ")
}

/// The invalid code of a document parameter (`InvalidRequestConfig`), with what is wrong.
pub fn invalid(param: &str, what: impl Into<String>) -> ApiError {
    let code = ErrorCode::from_wire(&format!("Invalid{param}")).unwrap_or(ErrorCode::InvalidParameterFormat);
    ApiError::with_detail(code, what)
}

/// Reads the document `param` into `T`; `None` when it is absent or empty.
pub fn read<T: DeserializeOwned>(params: &Params, param: &str) -> ApiResult<Option<T>> {
    let Some(text) = params.non_empty(param) else {
        return Ok(None);
    };
    let raw: Value = serde_json::from_str(text).map_err(|e| invalid(param, explain(&e.to_string())))?;
    let normalised = normalise(raw, 0).ok_or_else(|| invalid(param, "it nests too deep"))?;
    serde_json::from_value(normalised)
        .map(Some)
        .map_err(|e| invalid(param, explain(&e.to_string())))
}

/// A member that must be one of `allowed` (any case); `what` names it in the refusal.
pub fn check_one_of(param: &str, what: &str, value: &str, allowed: &[&str]) -> ApiResult<()> {
    if allowed.iter().any(|a| a.eq_ignore_ascii_case(value)) {
        Ok(())
    } else {
        Err(invalid(
            param,
            format!("{what} {value:?} is not one of {}", allowed.join(", ")),
        ))
    }
}

/// A member that must be present and not empty.
pub fn check_present(param: &str, what: &str, value: &str) -> ApiResult<()> {
    if value.trim().is_empty() {
        Err(invalid(param, format!("{what} is missing")))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::params::decode_form;
    use crate::store::apis::{RequestConfig, ServiceConfig};

    fn params(pairs: &[(&str, &str)]) -> Params {
        let query: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        Params::new(decode_form(query.as_bytes()))
    }

    #[test]
    fn keys_of_any_case_become_the_model_s() {
        assert_eq!(snake_case("RequestProtocol"), "request_protocol");
        assert_eq!(snake_case("requestProtocol"), "request_protocol");
        assert_eq!(snake_case("request_protocol"), "request_protocol");
        assert_eq!(snake_case("fcRegionId"), "fc_region_id");
        assert_eq!(snake_case("ContentTypeCatagory"), "content_type_catagory");
        assert_eq!(pascal_case("content_type_catagory"), "ContentTypeCatagory");
        let pascal = r#"{"RequestProtocol":"HTTP","RequestPath":"/a"}"#;
        let camel = r#"{"requestProtocol":"HTTP","requestPath":"/a"}"#;
        let read_config = |text: &str| -> RequestConfig {
            read(&params(&[("RequestConfig", text)]), "RequestConfig")
                .expect("valid")
                .expect("present")
        };
        let (a, b) = (read_config(pascal), read_config(camel));
        assert_eq!(a, b);
        assert_eq!(a.request_path, "/a");
    }

    #[test]
    fn numbers_and_booleans_in_either_form() {
        let sent = r#"{"serviceProtocol":"HTTP","serviceTimeout":"1000","mock":"TRUE","mockStatusCode":200,
            "vpcConfig":{"name":"","vpcScheme":""},"functionComputeConfig":{"fcRegionId":""}}"#;
        let config: ServiceConfig = read(&params(&[("ServiceConfig", sent)]), "ServiceConfig")
            .expect("valid")
            .expect("present");
        assert_eq!(config.service_timeout, 1000);
        assert!(config.mock);
        assert_eq!(config.mock_status_code, Some(200));
    }

    #[test]
    fn what_does_not_fit_is_named() {
        let broken = read::<RequestConfig>(&params(&[("RequestConfig", "{")]), "RequestConfig").expect_err("broken");
        assert_eq!(broken.code, ErrorCode::InvalidRequestConfig);
        let wrong = read::<ServiceConfig>(
            &params(&[("ServiceConfig", r#"{"ServiceTimeout":"soon"}"#)]),
            "ServiceConfig",
        )
        .expect_err("wrong type");
        assert!(wrong.message().contains("invalid type"), "{}", wrong.message());
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        let err = read::<Vec<Value>>(&params(&[("RequestParameters", &deep)]), "RequestParameters").expect_err("deep");
        assert!(err.message().contains("too deep"), "{}", err.message());
        assert_eq!(
            read::<RequestConfig>(&params(&[]), "RequestConfig").expect("absent"),
            None
        );
    }
}
