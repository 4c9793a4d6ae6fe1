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
    let key = format!("{secret}&");
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(key.as_bytes()).expect("HMAC takes any key length");
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
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
    fn string_to_sign_encodes_the_canonical_query_once_more() {
        let params = [("b", "x y"), ("a", "1=2&3"), ("Signature", "dropped"), ("A", "阿*")];
        let canonical = canonical_query(params.into_iter().filter(|(n, _)| *n != SIGNATURE_PARAM));
        assert_eq!(
            string_to_sign("GET", params),
            format!("GET&%2F&{}", percent_encode(&canonical))
        );
    }
}
