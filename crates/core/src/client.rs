//! The client side: build a signed request, under either scheme, as the official SDKs do.
//! The contract suite, the benchmark and the tests sign with this; the server verifies with
//! the same [`crate::protocol::signature`] code.

use time::OffsetDateTime;

use crate::config::API_VERSION;
use crate::protocol::envelope::Format;
use crate::protocol::request::RawRequest;
use crate::protocol::signature::encode::percent_encode;
use crate::protocol::signature::{v2, v3, Scheme};
use crate::protocol::timestamp;

/// Where a V2 request carries its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Placement {
    /// Everything in the query string (GET, the classic Python SDK's default).
    #[default]
    Query,
    /// Everything, `Signature` included, in a form body (pop-core's POST).
    FormBody,
}

/// Signs requests for one access key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    /// The access key id requests are signed for.
    pub access_key_id: String,
    /// Its secret.
    pub access_key_secret: String,
    /// An STS token, sent as `SecurityToken` (V2) or `x-acs-security-token` (V3).
    pub security_token: Option<String>,
}

/// One call to sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call<'a> {
    /// The action's wire name.
    pub action: &'a str,
    /// Business parameters, decoded.
    pub params: &'a [(String, String)],
    /// The signature scheme.
    pub scheme: Scheme,
    /// `GET` or `POST`.
    pub method: &'a str,
    /// Where the parameters go.
    pub placement: Placement,
    /// V2 only; V3 always answers JSON.
    pub format: Format,
    /// The `host` header, port included when it is not the scheme's default.
    pub host: &'a str,
    /// The request's timestamp.
    pub timestamp: OffsetDateTime,
    /// The signature nonce.
    pub nonce: &'a str,
}

impl Signer {
    /// A signer for this access key, without an STS token.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Signer {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
            security_token: None,
        }
    }

    /// A signed request, ready to send to `call.host`.
    pub fn sign(&self, call: &Call<'_>) -> RawRequest {
        match call.scheme {
            Scheme::V2 => self.sign_v2(call),
            Scheme::V3 => self.sign_v3(call),
        }
    }

    fn sign_v2(&self, call: &Call<'_>) -> RawRequest {
        let format = match call.format {
            Format::Json => "JSON",
            Format::Xml => "XML",
        };
        let mut params: Vec<(String, String)> = vec![
            ("Action".into(), call.action.into()),
            ("Version".into(), API_VERSION.into()),
            ("Format".into(), format.into()),
            ("AccessKeyId".into(), self.access_key_id.clone()),
            ("SignatureMethod".into(), v2::SIGNATURE_METHOD.into()),
            ("SignatureVersion".into(), v2::SIGNATURE_VERSION.into()),
            ("SignatureNonce".into(), call.nonce.into()),
            ("Timestamp".into(), timestamp::format(call.timestamp)),
        ];
        if let Some(token) = &self.security_token {
            params.push(("SecurityToken".into(), token.clone()));
        }
        params.extend(call.params.iter().cloned());
        let signature = v2::sign_params(
            call.method,
            &self.access_key_secret,
            params.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        );
        params.push((v2::SIGNATURE_PARAM.into(), signature));
        let encoded = encode_pairs(&params);
        let mut headers = vec![("host".to_owned(), call.host.to_owned())];
        let (query, body) = match call.placement {
            Placement::Query => (encoded, Vec::new()),
            Placement::FormBody => {
                headers.push(("content-type".into(), "application/x-www-form-urlencoded".into()));
                (String::new(), encoded.into_bytes())
            }
        };
        RawRequest {
            method: call.method.into(),
            path: "/".into(),
            query,
            headers,
            body,
        }
    }

    fn sign_v3(&self, call: &Call<'_>) -> RawRequest {
        let body = match call.placement {
            Placement::Query => Vec::new(),
            Placement::FormBody => encode_pairs(call.params).into_bytes(),
        };
        let query_pairs: &[(String, String)] = match call.placement {
            Placement::Query => call.params,
            Placement::FormBody => &[],
        };
        let query: Vec<(&str, &str)> = query_pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let hashed_payload = v3::hash_payload(&body);
        let mut headers: Vec<(String, String)> = vec![
            ("host".into(), call.host.into()),
            (v3::ACTION_HEADER.into(), call.action.into()),
            (v3::VERSION_HEADER.into(), API_VERSION.into()),
            (v3::DATE_HEADER.into(), timestamp::format(call.timestamp)),
            (v3::NONCE_HEADER.into(), call.nonce.into()),
            (v3::CONTENT_SHA256_HEADER.into(), hashed_payload.clone()),
        ];
        if !body.is_empty() {
            headers.push(("content-type".into(), "application/x-www-form-urlencoded".into()));
        }
        if let Some(token) = &self.security_token {
            headers.push(("x-acs-security-token".into(), token.clone()));
        }
        let mut signed_headers: Vec<String> = headers.iter().map(|(name, _)| name.clone()).collect();
        signed_headers.sort_unstable();
        let authorization = v3::authorize(
            &self.access_key_id,
            &self.access_key_secret,
            &v3::CanonicalInput {
                method: call.method,
                path: "/",
                query: &query,
                headers: &headers,
                signed_headers: &signed_headers,
                hashed_payload: &hashed_payload,
            },
        );
        headers.push((v3::AUTHORIZATION_HEADER.into(), authorization));
        RawRequest {
            method: call.method.into(),
            path: "/".into(),
            query: encode_pairs(query_pairs),
            headers,
            body,
        }
    }
}

/// `name=value&...`, RFC 3986 encoded, in the given order.
pub fn encode_pairs(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| format!("{}={}", percent_encode(name), percent_encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A fresh nonce, in the SDKs' shape (32 lower-case hex digits).
pub fn fresh_nonce() -> String {
    crate::store::random_hex32()
}
