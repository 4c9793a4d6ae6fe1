//! Properties: decoding undoes any client's encoding; a signed request verifies, and changing
//! what was signed breaks it; the name and description rules agree with a plain model.

mod common;

use cloudapi_core::actions::rules;
use cloudapi_core::client::{encode_pairs, fresh_nonce, Call, Placement, Signer};
use cloudapi_core::protocol::params::decode_form;
use cloudapi_core::{Config, Format, RawRequest, Scheme, Service};
use proptest::prelude::*;

fn names() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9._]{0,15}"
}

fn values() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,40}",
        "[a-z *~+'()!&=/%:]{0,20}",
        "[\u{4e00}-\u{9fa5} a]{0,10}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The RFC 3986 encoding the signers use, and the `+`-for-space form encoding other
    /// clients use, both decode to what was sent.
    #[test]
    fn decoding_undoes_encoding(pairs in proptest::collection::vec((names(), values()), 0..12)) {
        prop_assert_eq!(decode_form(encode_pairs(&pairs).as_bytes()), pairs.clone());
        let form = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs.iter()).finish();
        prop_assert_eq!(decode_form(form.as_bytes()), pairs);
    }

    /// Any byte string decodes without failing.
    #[test]
    fn any_bytes_decode(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = decode_form(&bytes);
    }
}

fn signed(service: &Service, scheme: Scheme, placement: Placement, params: &[(String, String)]) -> RawRequest {
    Signer::new("testid", "testsecret").sign(&Call {
        action: "DescribeAppAttributes",
        params,
        scheme,
        method: "POST",
        placement,
        format: Format::Json,
        host: "127.0.0.1:8080",
        timestamp: service.clock().now(),
        nonce: &fresh_nonce(),
    })
}

fn code(service: &Service, request: &RawRequest) -> Option<String> {
    let body: serde_json::Value = serde_json::from_slice(&service.handle(request).body).unwrap_or_default();
    body["Code"].as_str().map(str::to_owned)
}

/// Filters DescribeAppAttributes ignores or answers with an empty page: any value is a
/// request the product accepts.
fn free_text_params() -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::vec(
        (
            prop_oneof![Just("AppName"), Just("AppKey"), Just("AppCode"), Just("Extend")],
            values(),
        ),
        1..4,
    )
    .prop_map(|pairs| pairs.into_iter().map(|(n, v)| (n.to_owned(), v)).collect())
}

fn schemes() -> impl Strategy<Value = (Scheme, Placement)> {
    prop_oneof![
        Just((Scheme::V2, Placement::Query)),
        Just((Scheme::V2, Placement::FormBody)),
        Just((Scheme::V3, Placement::Query)),
        Just((Scheme::V3, Placement::FormBody)),
    ]
}

/// Re-encodes the request's parameters with the value at `index` changed.
fn tamper_value(request: &mut RawRequest, index: usize, change: &str) -> bool {
    let in_body = request.query.is_empty() || (request.has_form_body() && request.query.is_empty());
    let wire = if in_body {
        String::from_utf8_lossy(&request.body).into_owned()
    } else {
        request.query.clone()
    };
    let mut pairs = decode_form(wire.as_bytes());
    let candidates: Vec<usize> = pairs
        .iter()
        .enumerate()
        .filter(|(_, (name, _))| ["AppName", "AppKey", "AppCode", "Extend"].contains(&name.as_str()))
        .map(|(i, _)| i)
        .collect();
    let Some(&target) = candidates.get(index % candidates.len().max(1)) else {
        return false;
    };
    let before = pairs[target].1.clone();
    pairs[target].1.push_str(change);
    if pairs[target].1 == before {
        return false;
    }
    let encoded = encode_pairs(&pairs);
    if in_body {
        request.body = encoded.into_bytes();
    } else {
        request.query = encoded;
    }
    true
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Sign, then verify: the request is served.
    #[test]
    fn a_signed_request_verifies((scheme, placement) in schemes(), params in free_text_params()) {
        let service = common::service(Config::default());
        let request = signed(&service, scheme, placement, &params);
        prop_assert_eq!(code(&service, &request), None);
    }

    /// Changing any signed value after signing gives SignatureDoesNotMatch.
    #[test]
    fn a_changed_value_breaks_the_signature(
        (scheme, placement) in schemes(),
        params in free_text_params(),
        index in any::<usize>(),
        change in "[ -~]{1,8}",
    ) {
        let service = common::service(Config::default());
        let mut request = signed(&service, scheme, placement, &params);
        prop_assume!(tamper_value(&mut request, index, &change));
        prop_assert_eq!(code(&service, &request), Some("SignatureDoesNotMatch".to_owned()));
    }

    /// Changing any byte of the signature, or of a signed header's value, breaks it too.
    #[test]
    fn a_changed_signature_or_header_breaks_it(
        (scheme, placement) in schemes(),
        params in free_text_params(),
        position in any::<usize>(),
    ) {
        let service = common::service(Config::default());
        let mut request = signed(&service, scheme, placement, &params);
        match scheme {
            Scheme::V2 => {
                let wire = if placement == Placement::Query { request.query.clone() } else { String::from_utf8_lossy(&request.body).into_owned() };
                let mut pairs = decode_form(wire.as_bytes());
                let signature = pairs.iter_mut().find(|(n, _)| n == "Signature").expect("signed");
                let mut bytes = signature.1.clone().into_bytes();
                let at = position % bytes.len();
                bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
                signature.1 = String::from_utf8(bytes).expect("ascii");
                let encoded = encode_pairs(&pairs);
                if placement == Placement::Query { request.query = encoded } else { request.body = encoded.into_bytes() }
            }
            Scheme::V3 => {
                // The nonce and the host are signed headers that no earlier check reads.
                let name = if position % 2 == 0 { "x-acs-signature-nonce" } else { "host" };
                let header = request.headers.iter_mut().find(|(n, _)| n == name).expect("signed header");
                header.1.push('x');
            }
        }
        prop_assert_eq!(code(&service, &request), Some("SignatureDoesNotMatch".to_owned()));
    }
}

/// The name rule written out as plainly as possible, to check the implementation against.
fn model_name_is_valid(name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    let chinese = |c: char| ('\u{4e00}'..='\u{9fa5}').contains(&c);
    if chars.is_empty() {
        return false;
    }
    let first = chars[0];
    if !(first.is_ascii_uppercase() || first.is_ascii_lowercase() || chinese(first)) {
        return false;
    }
    let mut length = 0;
    for c in &chars {
        let allowed =
            c.is_ascii_uppercase() || c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || chinese(*c);
        if !allowed {
            return false;
        }
        length += if chinese(*c) { 2 } else { 1 };
    }
    (4..=26).contains(&length)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn app_names_follow_the_model(name in prop_oneof![
        "[A-Za-z0-9_\u{4e00}-\u{4e10}]{0,30}",
        "[a-z_ !-]{0,8}",
        any::<String>(),
    ]) {
        prop_assert_eq!(rules::is_valid_app_name(&name), model_name_is_valid(&name));
    }

    #[test]
    fn descriptions_follow_the_model(description in prop_oneof!["[a-z]{170,190}", "[\u{4e00}-\u{4e10}]{170,190}", any::<String>()]) {
        let model = description.chars().count() <= 180;
        prop_assert_eq!(rules::check_description(&description).is_ok(), model);
    }
}
