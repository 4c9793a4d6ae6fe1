//! The X-Ca digest signature of the data plane (reference/data-plane.md part 3), for both
//! sides: the gateway rebuilds the string to sign from the request as it arrived and
//! compares; a client ([`sign`]) builds the same string from what it is about to send. One
//! implementation, so the two cannot drift apart; the published and computed vectors of
//! `vectors/data-plane.json` are its tests.
//!
//! The string to sign is five fixed lines (method, `Accept`, `Content-MD5`, `Content-Type`,
//! `Date`, each present even when empty), then one `Name:value` line per header listed in
//! `X-Ca-Signature-Headers` (names as listed, sorted by the server in byte order), then the
//! path with the query and form parameters: decoded, sorted, the first value of a repeated
//! key, a bare key for an empty value. It shares HMAC and Base64 with the POP schemes and
//! nothing else.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::Sha256;

/// The headers that are fixed lines of the string or the signature itself: never in the
/// headers block, even when listed.
const NEVER_IN_BLOCK: [&str; 6] = [
    "x-ca-signature",
    "x-ca-signature-headers",
    "accept",
    "content-md5",
    "content-type",
    "date",
];

/// The HMAC an `X-Ca-Signature-Method` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureMethod {
    /// `HmacSHA256`, the default.
    HmacSha256,
    /// `HmacSHA1`, where the API allows it.
    HmacSha1,
}

impl SignatureMethod {
    /// The method a request names (`HmacSHA256` when it names none); `None` for a name the
    /// gateway does not know.
    pub fn named(name: Option<&str>) -> Option<SignatureMethod> {
        match name.map(str::trim) {
            None | Some("") => Some(SignatureMethod::HmacSha256),
            Some(name) if name.eq_ignore_ascii_case("HmacSHA256") => Some(SignatureMethod::HmacSha256),
            Some(name) if name.eq_ignore_ascii_case("HmacSHA1") => Some(SignatureMethod::HmacSha1),
            Some(_) => None,
        }
    }

    /// The name as `X-Ca-Signature-Method` spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            SignatureMethod::HmacSha256 => "HmacSHA256",
            SignatureMethod::HmacSha1 => "HmacSHA1",
        }
    }

    /// Whether an API's `AllowSignatureMethod` (`HmacSHA256` by default, or
    /// `HmacSHA1,HmacSHA256`) lets a caller use this method.
    pub fn allowed_by(self, allow_signature_method: &str) -> bool {
        let allowed = allow_signature_method.trim();
        if allowed.is_empty() {
            return self == SignatureMethod::HmacSha256;
        }
        allowed
            .split(',')
            .any(|name| name.trim().eq_ignore_ascii_case(self.as_str()))
    }
}

/// What the string to sign is built from: the request as sent (or about to be).
#[derive(Debug, Clone, Copy)]
pub struct Signable<'a> {
    /// The HTTP method.
    pub method: &'a str,
    /// The path as sent, without the query.
    pub path: &'a str,
    /// The query string as sent, without the `?`, still encoded.
    pub query: &'a str,
    /// Header names in any case (looked up case-insensitively, first occurrence), values
    /// as sent.
    pub headers: &'a [(String, String)],
    /// The body's bytes (form fields are signed when the Content-Type is a form).
    pub body: &'a [u8],
}

impl<'a> Signable<'a> {
    /// The first value of a header, by name in any case.
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn has_form_body(&self) -> bool {
        self.header("content-type").is_some_and(|value| {
            value
                .trim_start()
                .get(..33)
                .is_some_and(|prefix| prefix.eq_ignore_ascii_case("application/x-www-form-urlencoded"))
        })
    }
}

/// The names a request lists in `X-Ca-Signature-Headers`, without the fixed lines, sorted
/// in byte order of their spelling as listed.
pub fn signed_header_names(list: Option<&str>) -> Vec<&str> {
    let mut names: Vec<&str> = list
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .filter(|name| !NEVER_IN_BLOCK.iter().any(|fixed| name.eq_ignore_ascii_case(fixed)))
        .collect();
    // The one place the order of the block is decided (reference 10.1: whether a real
    // gateway lower-cases mixed-case names before sorting is still to be settled).
    names.sort_unstable();
    names.dedup();
    names
}

/// The query and form parameters as the string to sign has them: decoded (`+` as a space),
/// the first value of each key, query before form, sorted by key.
pub fn signed_parameters(request: &Signable<'_>) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = Vec::new();
    let mut add = |pairs: form_urlencoded::Parse<'_>| {
        for (key, value) in pairs {
            if !params.iter().any(|(k, _)| *k == key) {
                params.push((key.into_owned(), value.into_owned()));
            }
        }
    };
    add(form_urlencoded::parse(request.query.as_bytes()));
    if request.has_form_body() {
        add(form_urlencoded::parse(request.body));
    }
    params.sort_by(|a, b| a.0.cmp(&b.0));
    params
}

/// The string to sign the gateway builds for a request.
pub fn string_to_sign(request: &Signable<'_>) -> String {
    let mut out = String::with_capacity(256);
    out.push_str(&request.method.to_ascii_uppercase());
    out.push('\n');
    for fixed in ["accept", "content-md5", "content-type", "date"] {
        out.push_str(request.header(fixed).unwrap_or_default());
        out.push('\n');
    }
    for name in signed_header_names(request.header("x-ca-signature-headers")) {
        out.push_str(name);
        out.push(':');
        out.push_str(request.header(name).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(request.path);
    let params = signed_parameters(request);
    for (i, (key, value)) in params.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(key);
        if !value.is_empty() {
            out.push('=');
            out.push_str(value);
        }
    }
    out
}

/// Base64 of the HMAC of the string to sign, keyed with the AppSecret.
pub fn signature(method: SignatureMethod, app_secret: &str, string_to_sign: &str) -> String {
    let key = app_secret.as_bytes();
    let data = string_to_sign.as_bytes();
    let digest = match method {
        SignatureMethod::HmacSha256 => {
            let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
            mac.update(data);
            mac.finalize().into_bytes().to_vec()
        }
        SignatureMethod::HmacSha1 => {
            let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
            mac.update(data);
            mac.finalize().into_bytes().to_vec()
        }
    };
    base64::engine::general_purpose::STANDARD.encode(digest)
}

/// Whether `received` is the signature of `string_to_sign`, compared in constant time.
pub fn verifies(method: SignatureMethod, app_secret: &str, string_to_sign: &str, received: &str) -> bool {
    let expected = signature(method, app_secret, string_to_sign);
    crate::protocol::signature::signatures_equal(&expected, received.trim())
}

/// `Content-MD5` of a body: Base64 of its MD5.
pub fn content_md5(body: &[u8]) -> String {
    use md5::Digest as _;
    base64::engine::general_purpose::STANDARD.encode(md5::Md5::digest(body))
}

/// The string to sign as `X-Ca-Error-Message` shows it: newlines cannot travel in a
/// header, so each is a `#`.
pub fn shown_in_header(string_to_sign: &str) -> String {
    string_to_sign.replace('\n', "#")
}

/// What a client signs with.
#[derive(Debug, Clone)]
pub struct Credentials<'a> {
    /// The AppKey, sent as `X-Ca-Key`.
    pub app_key: &'a str,
    /// The AppSecret, which never travels.
    pub app_secret: &'a str,
    /// The HMAC to sign with.
    pub method: SignatureMethod,
}

/// A request a client is about to send, to be signed in place.
#[derive(Debug)]
pub struct Outgoing<'a> {
    /// The HTTP method.
    pub method: &'a str,
    /// The path as it will be sent.
    pub path: &'a str,
    /// The query as it will be sent, encoded, without the `?`.
    pub query: &'a str,
    /// The headers; the signature's are added.
    pub headers: &'a mut Vec<(String, String)>,
    /// The body's bytes.
    pub body: &'a [u8],
    /// `X-Ca-Timestamp` unless the headers have one: milliseconds since the epoch.
    pub timestamp_ms: i128,
    /// `X-Ca-Nonce` unless the headers have one.
    pub nonce: &'a str,
    /// Headers signed besides the `X-Ca-*` ones.
    pub extra_signed: &'a [&'a str],
}

/// Signs a request as the official clients do: adds `X-Ca-Key` and, unless present,
/// `X-Ca-Timestamp` and `X-Ca-Nonce`; `X-Ca-Signature-Method` when not HmacSHA256; then
/// lists every `X-Ca-*` header (and the `extra_signed` ones) in `X-Ca-Signature-Headers`
/// and adds `X-Ca-Signature`. Returns the string it signed.
pub fn sign(credentials: &Credentials<'_>, request: Outgoing<'_>) -> String {
    let Outgoing {
        method,
        path,
        query,
        headers,
        body,
        timestamp_ms,
        nonce,
        extra_signed,
    } = request;
    let mut set_default = |name: &str, value: String| {
        if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
            headers.push((name.to_owned(), value));
        }
    };
    set_default("x-ca-key", credentials.app_key.to_owned());
    set_default("x-ca-timestamp", timestamp_ms.to_string());
    set_default("x-ca-nonce", nonce.to_owned());
    if credentials.method != SignatureMethod::HmacSha256 {
        set_default("x-ca-signature-method", credentials.method.as_str().to_owned());
    }
    headers.retain(|(n, _)| {
        !n.eq_ignore_ascii_case("x-ca-signature") && !n.eq_ignore_ascii_case("x-ca-signature-headers")
    });
    let mut listed: Vec<String> = headers
        .iter()
        .map(|(n, _)| n.clone())
        .filter(|n| n.to_ascii_lowercase().starts_with("x-ca-"))
        .chain(extra_signed.iter().map(|n| (*n).to_owned()))
        .collect();
    listed.sort();
    listed.dedup();
    headers.push(("x-ca-signature-headers".to_owned(), listed.join(",")));
    let string = string_to_sign(&Signable {
        method,
        path,
        query,
        headers,
        body,
    });
    let signed = signature(credentials.method, credentials.app_secret, &string);
    headers.push(("x-ca-signature".to_owned(), signed));
    string
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md5_matches_the_published_content_md5_vectors() {
        assert_eq!(content_md5(b"{\"test\":\"test\"}"), "govO+HY8G8YW4loGvkuQ/w==");
        assert_eq!(content_md5(b"{\"test\":\"ok\"}"), "b969h28MOfCVGrra1smdCg==");
        assert_eq!(content_md5(b"{\"hello\":\"world\"}"), "+8JLzHoXlHWPwTJ/z+va9g==");
        assert_eq!(content_md5(b""), "1B2M2Y8AsgTpgAmY7PhCfg==");
    }

    #[test]
    fn the_methods_and_what_an_api_allows() {
        assert_eq!(SignatureMethod::named(None), Some(SignatureMethod::HmacSha256));
        assert_eq!(
            SignatureMethod::named(Some("hmacsha1")),
            Some(SignatureMethod::HmacSha1)
        );
        assert_eq!(SignatureMethod::named(Some("HmacMD5")), None);
        assert!(SignatureMethod::HmacSha256.allowed_by(""));
        assert!(!SignatureMethod::HmacSha1.allowed_by("HmacSHA256"));
        assert!(SignatureMethod::HmacSha1.allowed_by("HmacSHA1,HmacSHA256"));
    }

    #[test]
    fn unsorted_lists_are_sorted_and_fixed_lines_left_out() {
        let names = signed_header_names(Some(
            "x-ca-timestamp,x-ca-key, x-ca-nonce,Accept,x-ca-signature-method,,",
        ));
        assert_eq!(
            names,
            ["x-ca-key", "x-ca-nonce", "x-ca-signature-method", "x-ca-timestamp"]
        );
        // Byte order of the names as listed: upper case before lower case.
        assert_eq!(
            signed_header_names(Some("a-header1,X-Ca-Key")),
            ["X-Ca-Key", "a-header1"]
        );
    }

    #[test]
    fn a_client_signature_verifies_on_the_server_side() {
        let credentials = Credentials {
            app_key: "24823915",
            app_secret: "c1ae97aaa7e45f21d10824bc44678fee",
            method: SignatureMethod::HmacSha1,
        };
        let mut headers = vec![("accept".to_owned(), "application/json".to_owned())];
        let signed = sign(
            &credentials,
            Outgoing {
                method: "GET",
                path: "/v1/users/42",
                query: "name=Alice&age=30",
                headers: &mut headers,
                body: b"",
                timestamp_ms: 1_700_000_000_000,
                nonce: "n-1",
                extra_signed: &[],
            },
        );
        let request = Signable {
            method: "GET",
            path: "/v1/users/42",
            query: "name=Alice&age=30",
            headers: &headers,
            body: b"",
        };
        assert_eq!(string_to_sign(&request), signed);
        let received = request.header("x-ca-signature").expect("signed");
        assert_eq!(received.len(), 28);
        assert!(verifies(
            SignatureMethod::HmacSha1,
            credentials.app_secret,
            &signed,
            received
        ));
        assert!(!verifies(
            SignatureMethod::HmacSha256,
            credentials.app_secret,
            &signed,
            received
        ));
    }
}
