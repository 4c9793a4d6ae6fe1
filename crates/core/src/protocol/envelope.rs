//! Success and error bodies, in JSON and XML, as the POP gateway wraps them.

use serde::Serialize;
use serde_json::Value;

use super::request::RawResponse;
use crate::error::{ApiError, ApiResult, ErrorCode};

/// The `content-type` of a JSON answer.
pub const JSON_CONTENT_TYPE: &str = "application/json;charset=utf-8";
/// The Tea SDKs parse an error body as XML only for exactly this content type.
pub const XML_CONTENT_TYPE: &str = "text/xml;charset=utf-8";
/// The header that repeats an answer's `RequestId`.
pub const REQUEST_ID_HEADER: &str = "x-acs-request-id";

/// The body format a request asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    /// `application/json`.
    #[serde(rename = "JSON")]
    Json,
    /// `text/xml`.
    #[serde(rename = "XML")]
    Xml,
}

impl Format {
    /// Reads a V2 request's `Format` parameter: case-insensitive, XML when absent (as the
    /// common-parameter docs state), `None` for anything else.
    pub fn from_param(value: Option<&str>) -> Option<Format> {
        match value {
            None => Some(Format::Xml),
            Some(v) if v.eq_ignore_ascii_case("json") => Some(Format::Json),
            Some(v) if v.eq_ignore_ascii_case("xml") => Some(Format::Xml),
            Some(_) => None,
        }
    }

    /// The answer's `content-type`.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => JSON_CONTENT_TYPE,
            Format::Xml => XML_CONTENT_TYPE,
        }
    }
}

/// The host a region's endpoint answers on; it is the `HostId` of error bodies.
pub fn host_id(region: &str) -> String {
    format!("apigateway.{region}.aliyuncs.com")
}

/// A 200 answer: `RequestId` first, then the action's output fields. Never a top-level
/// `Code`: pop-core treats one as an error even on HTTP 200. An output that is not a struct
/// or a map is a bug, answered as `InternalError`.
pub fn success<T: Serialize + ?Sized>(
    action: &str,
    request_id: &str,
    format: Format,
    output: &T,
) -> ApiResult<RawResponse> {
    let body = Reply { request_id, output };
    render(200, &format!("{action}Response"), request_id, format, &body).ok_or(ApiError::new(ErrorCode::InternalError))
}

/// An error answer with the catalogue's status and message.
pub fn error(err: &ApiError, request_id: &str, region: &str, format: Format) -> RawResponse {
    error_with_status(err, err.http_status(), request_id, region, format)
}

/// An error answer with a chosen status (injected faults may pick their own).
pub fn error_with_status(err: &ApiError, status: u16, request_id: &str, region: &str, format: Format) -> RawResponse {
    let code = err.code.as_str();
    let body = ErrorBody {
        request_id,
        host_id: host_id(region),
        code,
        message: err.message(),
        recommend: format!("https://api.aliyun.com/troubleshoot?q={code}&product=CloudAPI&requestId={request_id}"),
    };
    // Five strings always serialise; the fallback only keeps this function total.
    render(status, "Error", request_id, format, &body).unwrap_or_else(|| RawResponse {
        status,
        headers: headers(request_id, format),
        body: Vec::new(),
    })
}

/// A success body: the request id, then the output's own fields, written in one pass.
#[derive(Serialize)]
struct Reply<'a, T: ?Sized> {
    #[serde(rename = "RequestId")]
    request_id: &'a str,
    #[serde(flatten)]
    output: &'a T,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ErrorBody<'a> {
    request_id: &'a str,
    host_id: String,
    code: &'a str,
    message: String,
    recommend: String,
}

/// JSON is serialised straight from the typed body; XML goes through a JSON value, whose
/// objects and arrays map onto elements. `None` when the body is not an object.
fn render<T: Serialize>(
    status: u16,
    xml_root: &str,
    request_id: &str,
    format: Format,
    body: &T,
) -> Option<RawResponse> {
    let bytes = match format {
        Format::Json => serde_json::to_vec(body).ok()?,
        Format::Xml => {
            let value = serde_json::to_value(body).ok()?;
            if !value.is_object() {
                return None;
            }
            let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            write_element(&mut xml, xml_root, &value);
            xml.into_bytes()
        }
    };
    Some(RawResponse {
        status,
        headers: headers(request_id, format),
        body: bytes,
    })
}

fn headers(request_id: &str, format: Format) -> Vec<(&'static str, String)> {
    vec![
        ("content-type", format.content_type().to_owned()),
        (REQUEST_ID_HEADER, request_id.to_owned()),
    ]
}

/// Objects become child elements; an array under `Name` becomes repeated `<Name>` elements,
/// so `{"Apps":{"AppItem":[..]}}` renders as `<Apps><AppItem>..</AppItem>..</Apps>`.
fn write_element(out: &mut String, name: &str, value: &Value) {
    match value {
        Value::Array(items) => {
            for item in items {
                write_element(out, name, item);
            }
        }
        Value::Object(fields) => {
            open(out, name);
            for (child, child_value) in fields {
                write_element(out, child, child_value);
            }
            close(out, name);
        }
        Value::Null => {
            open(out, name);
            close(out, name);
        }
        Value::String(text) => {
            open(out, name);
            out.push_str(&quick_xml::escape::escape(text.as_str()));
            close(out, name);
        }
        Value::Bool(_) | Value::Number(_) => {
            open(out, name);
            out.push_str(&value.to_string());
            close(out, name);
        }
    }
}

fn open(out: &mut String, name: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
}

fn close(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn format_is_case_insensitive_and_defaults_to_xml() {
        assert_eq!(Format::from_param(None), Some(Format::Xml));
        assert_eq!(Format::from_param(Some("json")), Some(Format::Json));
        assert_eq!(Format::from_param(Some("JSON")), Some(Format::Json));
        assert_eq!(Format::from_param(Some("Xml")), Some(Format::Xml));
        assert_eq!(Format::from_param(Some("yaml")), None);
    }

    #[test]
    fn json_success_starts_with_request_id() {
        let response = success(
            "CreateApp",
            "R-1",
            Format::Json,
            &json!({"AppId": 7, "TagStatus": false}),
        )
        .expect("an object");
        assert_eq!(
            response.body_text(),
            r#"{"RequestId":"R-1","AppId":7,"TagStatus":false}"#
        );
        assert_eq!(response.header("x-acs-request-id"), Some("R-1"));
        assert_eq!(response.header("content-type"), Some(JSON_CONTENT_TYPE));
    }

    #[test]
    fn xml_lists_repeat_the_item_element() {
        let response = success(
            "DescribeApps",
            "R-1",
            Format::Xml,
            &json!({"Apps": {"AppItem": [{"AppId": 1}, {"AppId": 2}]}, "Note": "a<b&c"}),
        )
        .expect("an object");
        assert_eq!(
            response.body_text(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DescribeAppsResponse><RequestId>R-1</RequestId>\
             <Apps><AppItem><AppId>1</AppId></AppItem><AppItem><AppId>2</AppId></AppItem></Apps>\
             <Note>a&lt;b&amp;c</Note></DescribeAppsResponse>"
        );
    }

    #[test]
    fn an_output_that_is_not_an_object_is_an_internal_error() {
        for format in [Format::Json, Format::Xml] {
            let err = success("CreateApp", "R-1", format, &7).expect_err("not an object");
            assert_eq!(err.code, ErrorCode::InternalError);
        }
    }

    #[test]
    fn error_bodies_carry_the_five_string_fields() {
        let response = error(
            &ApiError::new(ErrorCode::NotFoundApp),
            "R-9",
            "cn-hangzhou",
            Format::Json,
        );
        assert_eq!(response.status, 400);
        let body: Value = serde_json::from_slice(&response.body).expect("json");
        assert_eq!(body["Code"], "NotFoundApp");
        assert_eq!(body["HostId"], "apigateway.cn-hangzhou.aliyuncs.com");
        assert_eq!(
            body["Recommend"],
            "https://api.aliyun.com/troubleshoot?q=NotFoundApp&product=CloudAPI&requestId=R-9"
        );
        assert!(body.as_object().expect("object").values().all(Value::is_string));
    }
}
