//! Sends signed requests over HTTP and reads the replies, checking on every reply the
//! envelope rules that hold for all actions.

use std::time::Duration;

use cloudapi_core::RawRequest;
use serde_json::Value;

/// A reply as the client saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The `content-type` header, empty when absent.
    pub content_type: String,
    /// The `x-acs-request-id` header.
    pub request_id_header: Option<String>,
    /// The body as text (lossy UTF-8).
    pub body: String,
}

impl Reply {
    /// Whether the body is XML (`text/xml`).
    pub fn is_xml(&self) -> bool {
        self.content_type.starts_with("text/xml")
    }

    /// The body as JSON, when it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_str(&self.body).ok()
    }

    /// A top-level field, from the JSON body or the XML body's first element of that name.
    pub fn field(&self, name: &str) -> Option<String> {
        if self.is_xml() {
            xml_element(&self.body, name)
        } else {
            self.json().and_then(|body| match body.get(name)? {
                Value::String(text) => Some(text.clone()),
                other => Some(other.to_string()),
            })
        }
    }

    /// Every value of a field at any depth: the XML body's elements of that name, or the JSON
    /// body's members of that name (inside lists such as `Apps.AppAttribute[]` too).
    pub fn fields(&self, name: &str) -> Vec<String> {
        if self.is_xml() {
            return xml_elements(&self.body, name);
        }
        fn collect(value: &Value, name: &str, found: &mut Vec<String>) {
            match value {
                Value::Object(members) => {
                    for (member, inner) in members {
                        match inner {
                            Value::String(text) if member == name => found.push(text.clone()),
                            Value::Object(_) | Value::Array(_) => collect(inner, name, found),
                            other if member == name => found.push(other.to_string()),
                            _ => {}
                        }
                    }
                }
                Value::Array(items) => items.iter().for_each(|item| collect(item, name, found)),
                _ => {}
            }
        }
        let mut found = Vec::new();
        if let Some(body) = self.json() {
            collect(&body, name, &mut found);
        }
        found
    }

    /// The error code, if the reply is an error.
    pub fn code(&self) -> Option<String> {
        self.field("Code")
    }

    /// Checks what every reply of the service must satisfy; returns what is wrong.
    pub fn envelope_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let body_request_id = self.field("RequestId");
        match (&body_request_id, &self.request_id_header) {
            (None, _) => problems.push("the body has no RequestId".to_owned()),
            (Some(body), Some(header)) if body != header => {
                problems.push(format!("RequestId {body} differs from x-acs-request-id {header}"));
            }
            (Some(_), None) => problems.push("no x-acs-request-id header".to_owned()),
            _ => {}
        }
        let success = (200..300).contains(&self.status);
        if success && self.code().is_some() {
            problems.push("a success body carries a top-level Code".to_owned());
        }
        if !success && !self.is_xml() {
            match self.json() {
                Some(Value::Object(fields)) => {
                    for name in ["RequestId", "HostId", "Code", "Message", "Recommend"] {
                        if !fields.get(name).is_some_and(Value::is_string) {
                            problems.push(format!("error field {name} is missing or not a string"));
                        }
                    }
                }
                _ => problems.push("an error body that is not a JSON object".to_owned()),
            }
        }
        problems
    }
}

/// The text of the first `<name>...</name>` element.
pub fn xml_element(xml: &str, name: &str) -> Option<String> {
    xml_elements(xml, name).into_iter().next()
}

/// The text of every `<name>...</name>` element (an empty `<name/>` is an empty text), in
/// document order, entities decoded; what an unreadable document holds up to where it breaks.
pub fn xml_elements(xml: &str, name: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut found = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(start)) if start.name().as_ref() == name.as_bytes() => {
                let Ok(text) = reader.read_text(start.name()) else {
                    break;
                };
                let Ok(text) = quick_xml::escape::unescape(&text) else {
                    break;
                };
                found.push(text.into_owned());
            }
            Ok(Event::Empty(empty)) if empty.name().as_ref() == name.as_bytes() => found.push(String::new()),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    found
}

/// An HTTP client for a target: bounded connect and total times, so that an endpoint that
/// does not answer fails the call instead of hanging the run; no proxy for a loopback target
/// (the usual proxy variables stay in force for a real endpoint).
pub fn http_client(base_url: &str, timeout: Duration) -> Result<reqwest::Client, String> {
    let mut builder = reqwest::Client::builder()
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .timeout(timeout);
    if is_loopback(base_url) {
        builder = builder.no_proxy();
    }
    builder
        .build()
        .map_err(|e| format!("building the HTTP client: {}", error_chain(&e)))
}

fn is_loopback(base_url: &str) -> bool {
    let authority = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or_default();
    let host = authority
        .rsplit_once(':')
        .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()))
        .map_or(authority, |(host, _)| host);
    matches!(host, "localhost" | "127.0.0.1" | "[::1]") || host.starts_with("127.")
}

/// An error and its causes, `a: b: c` (reqwest's own message leaves the cause out).
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

/// Sends `request` to `base_url` (`http://host:port`), exactly as signed: the query string
/// and body go on the wire byte for byte. Errors name the method, endpoint and path, never the
/// query string, which carries the access key id (and, with STS, the token).
pub async fn send(http: &reqwest::Client, base_url: &str, request: &RawRequest) -> Result<Reply, String> {
    let base_url = base_url.trim_end_matches('/');
    let mut url = format!("{base_url}{}", request.path);
    let shown = format!("{} {url}", request.method);
    if !request.query.is_empty() {
        url.push('?');
        url.push_str(&request.query);
    }
    let method = reqwest::Method::from_bytes(request.method.as_bytes()).map_err(|e| format!("method: {e}"))?;
    let mut builder = http.request(method, &url);
    for (name, value) in &request.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let failed = |stage: &str, e: reqwest::Error| {
        let timed_out = if e.is_timeout() { " (timed out)" } else { "" };
        format!("{shown}: {stage}{timed_out}: {}", error_chain(&e.without_url()))
    };
    let response = builder
        .body(request.body.clone())
        .send()
        .await
        .map_err(|e| failed("no answer", e))?;
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let content_type = header("content-type").unwrap_or_default();
    let request_id_header = header("x-acs-request-id");
    let body = response.text().await.map_err(|e| failed("reading the body", e))?;
    Ok(Reply {
        status,
        content_type,
        request_id_header,
        body,
    })
}

/// Why a reply breaks the envelope rules, with everything needed to see what the endpoint
/// did: status, content type and the whole body.
pub fn unexpected_reply(action: &str, reply: &Reply, problems: &[String]) -> String {
    let kind = if reply.status >= 500 {
        "the endpoint failed"
    } else {
        "the reply is not the service's envelope"
    };
    format!(
        "{action}: {kind}: HTTP {} content-type {:?}\n  {}\n--- body ({} bytes) ---\n{}\n--- end of body ---",
        reply.status,
        reply.content_type,
        problems.join("\n  "),
        reply.body.len(),
        reply.body
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_xml_fields() {
        let xml = "<?xml version=\"1.0\"?><Error><RequestId>R</RequestId><Code>A&amp;B&#x4e2d;</Code></Error>";
        assert_eq!(xml_element(xml, "Code").as_deref(), Some("A&B中"));
        assert_eq!(xml_element(xml, "Missing"), None);
        // A name that only begins another element's is not that element.
        assert_eq!(
            xml_element("<CodeX>no</CodeX><Code>yes</Code>", "Code").as_deref(),
            Some("yes")
        );
        assert_eq!(xml_element("<Code/>", "Code").as_deref(), Some(""));
        assert_eq!(xml_element("<Code>unclosed", "Code"), None);
    }

    #[test]
    fn reads_every_field_of_a_list() {
        let xml = "<R><Apps><AppAttribute><AppName>a</AppName></AppAttribute><AppAttribute><AppName>b</AppName></AppAttribute></Apps></R>";
        assert_eq!(xml_elements(xml, "AppName"), ["a", "b"]);
        let json = Reply {
            status: 200,
            content_type: "application/json".into(),
            request_id_header: None,
            body: r#"{"Apps": {"AppAttribute": [{"AppName": "a", "AppId": 1}, {"AppName": "b"}]}, "AppName": "c"}"#
                .into(),
        };
        assert_eq!(json.fields("AppName"), ["a", "b", "c"]);
        assert_eq!(json.fields("AppId"), ["1"]);
    }

    #[test]
    fn loopback_endpoints() {
        for url in [
            "http://127.0.0.1:8080",
            "http://localhost:1/",
            "http://[::1]:9",
            "http://127.0.0.2",
        ] {
            assert!(is_loopback(url), "{url}");
        }
        for url in ["https://apigateway.cn-hangzhou.aliyuncs.com", "http://10.0.0.1:80"] {
            assert!(!is_loopback(url), "{url}");
        }
    }
}
