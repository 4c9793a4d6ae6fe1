//! Success and error bodies, in JSON and XML, as the POP gateway wraps them.

use serde_json::{Map, Value};

use super::request::RawResponse;
use crate::error::ApiError;

pub const JSON_CONTENT_TYPE: &str = "application/json;charset=utf-8";
/// The Tea SDKs parse an error body as XML only for exactly this content type.
pub const XML_CONTENT_TYPE: &str = "text/xml;charset=utf-8";
pub const REQUEST_ID_HEADER: &str = "x-acs-request-id";

/// The body format a request asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    #[serde(rename = "JSON")]
    Json,
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

/// A 200 answer: `RequestId` first, then the action's fields. Never a top-level `Code`:
/// pop-core treats one as an error even on HTTP 200.
pub fn success(action: &str, request_id: &str, format: Format, fields: Map<String, Value>) -> RawResponse {
    render(200, &format!("{action}Response"), request_id, format, &fields)
}

/// An error answer with the catalogue's status and message.
pub fn error(err: &ApiError, request_id: &str, region: &str, format: Format) -> RawResponse {
    error_with_status(err, err.http_status(), request_id, region, format)
}

/// An error answer with a chosen status (injected faults may pick their own).
pub fn error_with_status(err: &ApiError, status: u16, request_id: &str, region: &str, format: Format) -> RawResponse {
    let code = err.code.as_str();
    let mut fields = Map::with_capacity(4);
    fields.insert("HostId".into(), Value::String(host_id(region)));
    fields.insert("Code".into(), Value::String(code.into()));
    fields.insert("Message".into(), Value::String(err.message()));
    fields.insert(
        "Recommend".into(),
        Value::String(format!(
            "https://api.aliyun.com/troubleshoot?q={code}&product=CloudAPI&requestId={request_id}"
        )),
    );
    render(status, "Error", request_id, format, &fields)
}

/// The body is `RequestId` followed by `fields`, written straight out rather than gathered
/// into one more map first: every answer goes through here.
fn render(status: u16, xml_root: &str, request_id: &str, format: Format, fields: &Map<String, Value>) -> RawResponse {
    let bytes = match format {
        Format::Json => json_object(request_id, fields).unwrap_or_default(),
        Format::Xml => {
            let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            open(&mut xml, xml_root);
            write_element(&mut xml, "RequestId", &Value::String(request_id.to_owned()));
            for (child, child_value) in fields {
                write_element(&mut xml, child, child_value);
            }
            close(&mut xml, xml_root);
            xml.into_bytes()
        }
    };
    RawResponse {
        status,
        headers: vec![
            ("content-type", format.content_type().to_owned()),
            (REQUEST_ID_HEADER, request_id.to_owned()),
        ],
        body: bytes,
    }
}

fn json_object(request_id: &str, fields: &Map<String, Value>) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(64 + request_id.len() + fields.len() * 32);
    out.extend_from_slice(b"{\"RequestId\":");
    serde_json::to_writer(&mut out, request_id)?;
    for (name, value) in fields {
        out.push(b',');
        serde_json::to_writer(&mut out, name)?;
        out.push(b':');
        serde_json::to_writer(&mut out, value)?;
    }
    out.push(b'}');
    Ok(out)
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
    use crate::error::ErrorCode;
    use serde_json::json;

    fn fields(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

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
            fields(json!({"AppId": 7, "TagStatus": false})),
        );
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
            fields(json!({"Apps": {"AppItem": [{"AppId": 1}, {"AppId": 2}]}, "Note": "a<b&c"})),
        );
        assert_eq!(
            response.body_text(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DescribeAppsResponse><RequestId>R-1</RequestId>\
             <Apps><AppItem><AppId>1</AppId></AppItem><AppItem><AppId>2</AppId></AppItem></Apps>\
             <Note>a&lt;b&amp;c</Note></DescribeAppsResponse>"
        );
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
