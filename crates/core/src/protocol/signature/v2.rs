//! HMAC-SHA1 query signature (`SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`).
//!
//! ```text
//! StringToSign = METHOD & %2F & pe(canonical query of every parameter but Signature)
//! Signature    = base64(HMAC-SHA1(secret + "&", StringToSign))
//! ```

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::encode::percent_encode_twice_into;

/// The parameter that carries the signature and is left out of what is signed.
pub const SIGNATURE_PARAM: &str = "Signature";
/// The only `SignatureMethod` V2 takes.
pub const SIGNATURE_METHOD: &str = "HMAC-SHA1";
/// The only `SignatureVersion` V2 takes.
pub const SIGNATURE_VERSION: &str = "1.0";

/// The string to sign for these decoded parameters (query and form body together).
pub fn string_to_sign<'a>(method: &str, params: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut pairs: Vec<(&str, &str)> = params
        .into_iter()
        .filter(|(name, _)| *name != SIGNATURE_PARAM)
        .collect();
    // The canonical query, sorted as `canonical_query` sorts it, is percent-encoded once more
    // as a whole; both encodings are done in one pass, separators included (`=` is `%3D`,
    // `&` is `%26`), without building the canonical query itself.
    pairs.sort_unstable();
    let encoded_len: usize = pairs.iter().map(|(n, v)| n.len() + v.len() + 6).sum();
    let mut out = String::with_capacity(method.len() + 5 + encoded_len * 3 / 2);
    out.push_str(method);
    out.push_str("&%2F&");
    for (i, (name, value)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.push_str("%26");
        }
        percent_encode_twice_into(&mut out, name);
        out.push_str("%3D");
        percent_encode_twice_into(&mut out, value);
    }
    out
}

/// The base64 signature of a string to sign.
pub fn sign(secret: &str, string_to_sign: &str) -> String {
    SigningKey::new(secret).sign(string_to_sign)
}

/// A secret keyed into HMAC-SHA1 once. Keying hashes two blocks (the key with each pad),
/// about a fifth of what verifying a request's signature costs: a server that checks many
/// requests signed with the same few secrets keeps one per secret and clones it.
#[derive(Clone)]
pub struct SigningKey(Hmac<Sha1>);

impl SigningKey {
    /// The key V2 signs with: the secret followed by `&`.
    pub fn new(secret: &str) -> SigningKey {
        let key = format!("{secret}&");
        // HMAC accepts keys of any length, so this cannot fail.
        SigningKey(<Hmac<Sha1> as Mac>::new_from_slice(key.as_bytes()).expect("HMAC takes any key length"))
    }

    /// The base64 signature of a string to sign.
    pub fn sign(&self, string_to_sign: &str) -> String {
        let mut mac = self.0.clone();
        mac.update(string_to_sign.as_bytes());
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    }
}

/// Shows no key material.
impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("v2::SigningKey(..)")
    }
}

/// Signs decoded parameters; the result goes into the `Signature` parameter.
pub fn sign_params<'a>(method: &str, secret: &str, params: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    sign(secret, &string_to_sign(method, params))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::signature::encode::{canonical_query, percent_encode};

    #[test]
    fn a_prepared_key_signs_as_the_secret_does() {
        let key = SigningKey::new("testsecret");
        for text in ["", "GET&%2F&a%3D1", &"x".repeat(200)] {
            let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(b"testsecret&").expect("any length");
            mac.update(text.as_bytes());
            let plain = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
            assert_eq!(key.sign(text), plain);
            assert_eq!(sign("testsecret", text), plain);
        }
        assert!(!format!("{key:?}").contains("testsecret"));
    }

    #[test]
    fn string_to_sign_encodes_the_canonical_query_once_more() {
        let params = [("b", "x y"), ("a", "1=2&3"), ("Signature", "dropped"), ("A", "阿*")];
        let canonical = canonical_query(params.into_iter().filter(|(n, _)| *n != SIGNATURE_PARAM));
        assert_eq!(
            string_to_sign("GET", params),
            format!("GET&%2F&{}", percent_encode(&canonical))
        );
    }
}
