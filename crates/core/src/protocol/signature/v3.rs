//! `ACS3-HMAC-SHA256` header signature.
//!
//! ```text
//! CanonicalRequest = METHOD \n / \n canonical query \n canonical headers \n signed headers \n hex(sha256(body))
//! StringToSign     = "ACS3-HMAC-SHA256" \n hex(sha256(CanonicalRequest))
//! Signature        = hex(HMAC-SHA256(secret, StringToSign))
//! ```
//!
//! The canonical headers come from the request's own `SignedHeaders` list: the Python SDK
//! signs every header it sends, the Node SDK only `host`, `content-type` and `x-acs-*`.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::encode::{canonical_query_into, lower_hex};

/// The only algorithm V3 takes.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";
/// The header that carries a V3 signature.
pub const AUTHORIZATION_HEADER: &str = "authorization";
/// The header that names the action.
pub const ACTION_HEADER: &str = "x-acs-action";
/// The header that names the API version.
pub const VERSION_HEADER: &str = "x-acs-version";
/// The header that carries the timestamp.
pub const DATE_HEADER: &str = "x-acs-date";
/// The header that carries the nonce.
pub const NONCE_HEADER: &str = "x-acs-signature-nonce";
/// The header that carries the body's SHA-256.
pub const CONTENT_SHA256_HEADER: &str = "x-acs-content-sha256";

/// The parts of an `Authorization: ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    /// `ACS3-HMAC-SHA256`, as given.
    pub algorithm: String,
    /// From `Credential=`.
    pub access_key_id: String,
    /// Lower-cased and sorted, as the canonical request lists them.
    pub signed_headers: Vec<String>,
    /// From `Signature=`, hex.
    pub signature: String,
}

impl Authorization {
    /// Parses the header; `None` when it is not of the documented shape. Spaces after the
    /// commas are tolerated.
    pub fn parse(value: &str) -> Option<Authorization> {
        let (algorithm, rest) = value.trim().split_once(' ')?;
        let (mut credential, mut signed_headers, mut signature) = (None, None, None);
        for field in rest.split(',') {
            let (name, field_value) = field.trim().split_once('=')?;
            let slot = match name {
                "Credential" => &mut credential,
                "SignedHeaders" => &mut signed_headers,
                "Signature" => &mut signature,
                _ => return None,
            };
            if slot.replace(field_value).is_some() {
                return None;
            }
        }
        let mut signed_headers: Vec<String> = signed_headers?
            .split(';')
            .filter(|name| !name.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        signed_headers.sort_unstable();
        signed_headers.dedup();
        let signature = signature?;
        if algorithm.is_empty() || signature.is_empty() || signed_headers.is_empty() {
            return None;
        }
        Some(Authorization {
            algorithm: algorithm.to_owned(),
            access_key_id: credential?.to_owned(),
            signed_headers,
            signature: signature.to_owned(),
        })
    }

    /// Renders the header value.
    pub fn header_value(&self) -> String {
        format!(
            "{} Credential={},SignedHeaders={},Signature={}",
            self.algorithm,
            self.access_key_id,
            self.signed_headers.join(";"),
            self.signature
        )
    }
}

/// The SHA-256 of an empty body: most RPC calls send their parameters in the query.
const EMPTY_PAYLOAD_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Lower-case hex SHA-256 of the body exactly as sent.
pub fn hash_payload(body: &[u8]) -> String {
    if body.is_empty() {
        return EMPTY_PAYLOAD_SHA256.to_owned();
    }
    lower_hex(&Sha256::digest(body))
}

/// What a canonical request is built from.
#[derive(Debug, Clone, Copy)]
pub struct CanonicalInput<'a> {
    /// The request's method.
    pub method: &'a str,
    /// The request's path.
    pub path: &'a str,
    /// Decoded query parameters only; form-body parameters are covered by the payload hash.
    pub query: &'a [(&'a str, &'a str)],
    /// Received headers, names lower-cased; a name may repeat.
    pub headers: &'a [(String, String)],
    /// Lower-cased, sorted.
    pub signed_headers: &'a [String],
    /// The body's SHA-256, lower-case hex.
    pub hashed_payload: &'a str,
}

/// The canonical request, as the published algorithm builds it.
pub fn canonical_request(input: &CanonicalInput<'_>) -> String {
    let path = if input.path.is_empty() { "/" } else { input.path };
    let mut out = String::with_capacity(1024);
    out.push_str(input.method);
    out.push('\n');
    out.push_str(path);
    out.push('\n');
    canonical_query_into(&mut out, input.query.iter().copied());
    out.push('\n');
    for name in input.signed_headers {
        out.push_str(name);
        out.push(':');
        let mut values = input.headers.iter().filter(|(n, _)| n == name).map(|(_, v)| v.trim());
        match (values.next(), values.next()) {
            // One value, the usual case: no list to sort and join.
            (Some(only), None) => out.push_str(only),
            (first, second) => {
                let mut all: Vec<&str> = first.into_iter().chain(second).chain(values).collect();
                all.sort_unstable();
                out.push_str(&all.join(","));
            }
        }
        out.push('\n');
    }
    out.push('\n');
    for (i, name) in input.signed_headers.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(name);
    }
    out.push('\n');
    out.push_str(input.hashed_payload);
    out
}

/// The string to sign: the algorithm and the canonical request's hash.
pub fn string_to_sign(canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{}",
        lower_hex(&Sha256::digest(canonical_request.as_bytes()))
    )
}

/// Lower-case hex HMAC-SHA256 keyed with the raw secret (no trailing `&`, unlike V2).
pub fn sign(secret: &str, string_to_sign: &str) -> String {
    SigningKey::new(secret).sign(string_to_sign)
}

/// A secret keyed into HMAC-SHA256 once, as [`super::v2::SigningKey`] is for V2: keying
/// hashes two blocks that a server need not hash again for every request.
#[derive(Clone)]
pub struct SigningKey(Hmac<Sha256>);

impl SigningKey {
    /// The key V3 signs with: the raw secret.
    pub fn new(secret: &str) -> SigningKey {
        // HMAC accepts keys of any length, so this cannot fail.
        SigningKey(<Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length"))
    }

    /// The lower-case hex signature of a string to sign.
    pub fn sign(&self, string_to_sign: &str) -> String {
        let mut mac = self.0.clone();
        mac.update(string_to_sign.as_bytes());
        lower_hex(&mac.finalize().into_bytes())
    }
}

/// Shows no key material.
impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("v3::SigningKey(..)")
    }
}

/// Signs a request for a client: returns the `Authorization` header value.
pub fn authorize(access_key_id: &str, secret: &str, input: &CanonicalInput<'_>) -> String {
    let signature = sign(secret, &string_to_sign(&canonical_request(input)));
    Authorization {
        algorithm: ALGORITHM.to_owned(),
        access_key_id: access_key_id.to_owned(),
        signed_headers: input.signed_headers.to_vec(),
        signature,
    }
    .header_value()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prepared_key_signs_as_the_secret_does() {
        let key = SigningKey::new("testsecret");
        for text in ["", "ACS3-HMAC-SHA256\nabc", &"x".repeat(200)] {
            let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(b"testsecret").expect("any length");
            mac.update(text.as_bytes());
            assert_eq!(key.sign(text), lower_hex(&mac.finalize().into_bytes()));
            assert_eq!(sign("testsecret", text), key.sign(text));
        }
        assert!(!format!("{key:?}").contains("testsecret"));
    }

    #[test]
    fn parses_the_documented_header() {
        let auth = Authorization::parse(
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action,Signature=abc",
        )
        .expect("parses");
        assert_eq!(auth.access_key_id, "YourAccessKeyId");
        assert_eq!(auth.signed_headers, vec!["host", "x-acs-action"]);
        assert_eq!(auth.signature, "abc");
    }

    #[test]
    fn tolerates_spaces_after_commas() {
        assert!(Authorization::parse("ACS3-HMAC-SHA256 Credential=a, SignedHeaders=host, Signature=b").is_some());
    }

    #[test]
    fn refuses_malformed_headers() {
        for bad in [
            "",
            "ACS3-HMAC-SHA256",
            "ACS3-HMAC-SHA256 Credential=a",
            "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=,Signature=b",
            "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=",
            "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=b,Signature=c",
            "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=b,Extra=d",
            "ACS3-HMAC-SHA256 Credential",
        ] {
            assert_eq!(Authorization::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn empty_body_hash() {
        assert_eq!(hash_payload(b""), hex::encode(Sha256::digest(b"")));
        assert_eq!(hash_payload(b"a=1"), hex::encode(Sha256::digest(b"a=1")));
    }

    #[test]
    fn repeated_headers_are_sorted_and_joined() {
        let headers = vec![
            ("host".to_owned(), "h".to_owned()),
            ("x-acs-b".to_owned(), " 2 ".to_owned()),
            ("x-acs-b".to_owned(), "1".to_owned()),
        ];
        let signed = vec!["host".to_owned(), "x-acs-b".to_owned()];
        let canonical = canonical_request(&CanonicalInput {
            method: "POST",
            path: "",
            query: &[("b", "2"), ("a", "x y")],
            headers: &headers,
            signed_headers: &signed,
            hashed_payload: "hash",
        });
        assert_eq!(
            canonical,
            "POST\n/\na=x%20y&b=2\nhost:h\nx-acs-b:1,2\n\nhost;x-acs-b\nhash"
        );
    }
}
