//! Sends signed requests over HTTP and reads the replies, checking on every reply the
//! envelope rules that hold for all actions.

use cloudapi_core::RawRequest;
use serde_json::Value;

/// A reply as the client saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    /// The `x-acs-request-id` header.
    pub request_id_header: Option<String>,
    pub body: String,
}

impl Reply {
    pub fn is_xml(&self) -> bool {
        self.content_type.starts_with("text/xml")
    }

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
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = xml.find(&open)? + open.len();
    let end = start + xml[start..].find(&close)?;
    Some(unescape(&xml[start..end]))
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Sends `request` to `base_url` (`http://host:port`), exactly as signed: the query string
/// and body go on the wire byte for byte.
pub async fn send(http: &reqwest::Client, base_url: &str, request: &RawRequest) -> Result<Reply, String> {
    let mut url = format!("{}{}", base_url.trim_end_matches('/'), request.path);
    if !request.query.is_empty() {
        url.push('?');
        url.push_str(&request.query);
    }
    let method = reqwest::Method::from_bytes(request.method.as_bytes()).map_err(|e| format!("method: {e}"))?;
    let mut builder = http.request(method, &url);
    for (name, value) in &request.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let response = builder
        .body(request.body.clone())
        .send()
        .await
        .map_err(|e| format!("{} {url}: {e}", request.method))?;
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
    let body = response.text().await.map_err(|e| format!("reading the body: {e}"))?;
    Ok(Reply {
        status,
        content_type,
        request_id_header,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_xml_fields() {
        let xml = "<?xml version=\"1.0\"?><Error><RequestId>R</RequestId><Code>A&amp;B</Code></Error>";
        assert_eq!(xml_element(xml, "Code").as_deref(), Some("A&B"));
        assert_eq!(xml_element(xml, "Missing"), None);
    }
}
