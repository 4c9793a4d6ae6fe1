//! A client of the data plane: calls an API a group publishes, signed with an app's key
//! pair by the project's own implementation of the X-Ca digest
//! (`cloudapi_core::data_plane::signature`), by AppCode, or anonymously.
//!
//! Against the mock the call goes to the mock's listener with the group's SubDomain as
//! Host; against a real account it goes to the SubDomain itself.

use std::time::Duration;

use cloudapi_core::data_plane::signature::{self, Credentials, SignatureMethod};
use time::OffsetDateTime;

use crate::redact::Redactor;

/// How a call proves who makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// No credentials.
    Anonymous,
    /// The X-Ca digest with this key pair and method.
    Signed {
        /// `X-Ca-Key`.
        app_key: String,
        /// The secret signed with (not necessarily the app's).
        app_secret: String,
        /// HmacSHA256 or HmacSHA1.
        method: SignatureMethod,
    },
    /// `Authorization: APPCODE <code>`.
    AppCode(String),
}

/// One call to a published API.
#[derive(Debug, Clone)]
pub struct GatewayCall {
    /// The HTTP method.
    pub method: String,
    /// The path, BasePath included.
    pub path: String,
    /// The query as sent, encoded.
    pub query: String,
    /// Headers, names as the client spells them.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// The credentials.
    pub auth: Auth,
    /// `X-Ca-Timestamp`, milliseconds.
    pub timestamp: OffsetDateTime,
    /// `X-Ca-Nonce`.
    pub nonce: String,
    /// Headers changed after signing (to tamper with a signed call).
    pub after_signing: Vec<(String, String)>,
    /// The body sent instead of the signed one.
    pub body_after_signing: Option<Vec<u8>>,
}

/// What the gateway answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatewayReply {
    /// The HTTP status.
    pub status: u16,
    /// Headers, names lower-case.
    pub headers: Vec<(String, String)>,
    /// The body as text (lossy UTF-8).
    pub body: String,
    /// The string the client signed, for comparison with the gateway's.
    pub signed: Option<String>,
}

impl GatewayReply {
    /// A header by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The answer as a snapshot shows it: status, the gateway's own headers (request id
    /// replaced by a reference) and the body.
    pub fn render(&self, redactor: &mut Redactor) -> String {
        let mut out = format!("HTTP {}\n", self.status);
        for name in [
            "x-ca-error-code",
            "x-ca-error-message",
            "content-type",
            "content-disposition",
        ] {
            if let Some(value) = self.header(name) {
                out.push_str(&format!("{name}: {}\n", redactor.redact_text(value)));
            }
        }
        if let Some(id) = self.header("x-ca-request-id") {
            let shape_ok = id.len() == 36 && id == id.to_uppercase();
            out.push_str(&format!(
                "x-ca-request-id: {}\n",
                if shape_ok { "[upper-case UUID]" } else { id }
            ));
        }
        out.push('\n');
        out.push_str(&redactor.redact_text(&self.body));
        out.push('\n');
        out
    }
}

/// Where calls go: the listener and the Host that names the group.
#[derive(Debug, Clone)]
pub struct Destination {
    /// `http://127.0.0.1:<port>` for the mock, `http://<SubDomain>` for a real gateway.
    pub base_url: String,
    /// The group's SubDomain.
    pub host: String,
}

/// Signs (or not) and sends one call.
pub async fn send(http: &reqwest::Client, to: &Destination, call: &GatewayCall) -> Result<GatewayReply, String> {
    let mut headers = call.headers.clone();
    let mut signed = None;
    match &call.auth {
        Auth::Anonymous => {}
        Auth::AppCode(code) => headers.push(("Authorization".to_owned(), format!("APPCODE {code}"))),
        Auth::Signed {
            app_key,
            app_secret,
            method,
        } => {
            let credentials = Credentials {
                app_key,
                app_secret,
                method: *method,
            };
            signed = Some(signature::sign(
                &credentials,
                signature::Outgoing {
                    method: &call.method,
                    path: &call.path,
                    query: &call.query,
                    headers: &mut headers,
                    body: &call.body,
                    timestamp_ms: call.timestamp.unix_timestamp_nanos() / 1_000_000,
                    nonce: &call.nonce,
                    extra_signed: &[],
                },
            ));
        }
    }
    for (name, value) in &call.after_signing {
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        headers.push((name.clone(), value.clone()));
    }
    let mut url = format!("{}{}", to.base_url.trim_end_matches('/'), call.path);
    if !call.query.is_empty() {
        url.push('?');
        url.push_str(&call.query);
    }
    let method = reqwest::Method::from_bytes(call.method.as_bytes()).map_err(|e| e.to_string())?;
    let body = call.body_after_signing.clone().unwrap_or_else(|| call.body.clone());
    let mut request = http.request(method, url).header("host", &to.host).body(body);
    for (name, value) in &headers {
        request = request.header(name.as_str(), value.as_str());
    }
    let response = request
        .timeout(Duration::from_secs(30))
        .send()
        .await
        .map_err(|e| format!("calling the gateway: {e}"))?;
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let body = response.bytes().await.map_err(|e| e.to_string())?;
    Ok(GatewayReply {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
        signed,
    })
}
