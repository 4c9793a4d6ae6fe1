//! Every published signature example, as fixtures/vectors/signatures.json holds it, signed
//! and verified by the project's own signer.

use std::path::PathBuf;

use cloudapi_core::protocol::signature::{signatures_equal, v2, v3};
use serde_json::Value;

fn vectors() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/vectors/signatures.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("valid JSON")
}

fn pairs(value: &Value) -> Vec<(String, String)> {
    value
        .as_array()
        .expect("pairs")
        .iter()
        .map(|pair| {
            (
                pair[0].as_str().expect("name").to_owned(),
                pair[1].as_str().expect("value").to_owned(),
            )
        })
        .collect()
}

fn text<'a>(vector: &'a Value, field: &str) -> &'a str {
    vector[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} in {}", vector["name"]))
}

#[test]
fn every_v2_vector_signs_to_its_published_value() {
    let all = vectors();
    let list = all["v1"].as_array().expect("v1 list");
    assert_eq!(list.len(), 4);
    for vector in list {
        let name = text(vector, "name");
        let params = pairs(&vector["params"]);
        let method = text(vector, "method");
        let sts = v2::string_to_sign(method, params.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        if let Some(expected) = vector["string_to_sign"].as_str() {
            assert_eq!(sts, expected, "{name}: string to sign");
        }
        let signature = v2::sign(text(vector, "access_key_secret"), &sts);
        assert_eq!(signature, text(vector, "signature"), "{name}: signature");
        assert!(signatures_equal(&signature, text(vector, "signature")));
        if let Some(url_form) = vector["signature_url_encoded"].as_str() {
            assert_eq!(
                cloudapi_core::protocol::signature::encode::percent_encode(&signature),
                url_form,
                "{name}: URL form"
            );
        }
    }
}

#[test]
fn every_v3_vector_signs_to_its_published_authorization() {
    let all = vectors();
    let list = all["v3"].as_array().expect("v3 list");
    assert_eq!(list.len(), 2);
    for vector in list {
        let name = text(vector, "name");
        let query = pairs(&vector["query"]);
        let query: Vec<(&str, &str)> = query.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let headers = pairs(&vector["headers"]);
        let mut signed_headers: Vec<String> = headers.iter().map(|(n, _)| n.clone()).collect();
        signed_headers.sort_unstable();
        let hashed_payload = match vector["hashed_payload"].as_str() {
            Some(hash) => hash.to_owned(),
            None => v3::hash_payload(text(vector, "body").as_bytes()),
        };
        let input = v3::CanonicalInput {
            method: text(vector, "method"),
            path: text(vector, "path"),
            query: &query,
            headers: &headers,
            signed_headers: &signed_headers,
            hashed_payload: &hashed_payload,
        };
        let canonical = v3::canonical_request(&input);
        if let Some(expected) = vector["canonical_request"].as_str() {
            assert_eq!(canonical, expected, "{name}: canonical request");
        }
        let sts = v3::string_to_sign(&canonical);
        if let Some(expected) = vector["string_to_sign"].as_str() {
            assert_eq!(sts, expected, "{name}: string to sign");
        }
        if let Some(expected) = vector["signature"].as_str() {
            assert_eq!(
                v3::sign(text(vector, "access_key_secret"), &sts),
                expected,
                "{name}: signature"
            );
        }
        let authorization = v3::authorize(text(vector, "access_key_id"), text(vector, "access_key_secret"), &input);
        assert_eq!(authorization, text(vector, "authorization"), "{name}: authorization");
        let parsed = v3::Authorization::parse(&authorization).expect("our own header parses");
        assert_eq!(parsed.header_value(), authorization);
    }
}

/// Derived values the reference quotes (not published, recomputed there): the same inputs
/// under the other HTTP method.
#[test]
fn method_is_part_of_what_is_signed() {
    let all = vectors();
    let ecs = &all["v1"][0];
    let params = pairs(&ecs["params"]);
    let post = v2::sign_params(
        "POST",
        "testsecret",
        params.iter().map(|(n, v)| (n.as_str(), v.as_str())),
    );
    assert_eq!(post, "MxbnVAM4w6sft9xjVpe/GCKueuk=");

    let run_instances = &all["v3"][0];
    let query = pairs(&run_instances["query"]);
    let query: Vec<(&str, &str)> = query.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let headers = pairs(&run_instances["headers"]);
    let signed: Vec<String> = headers.iter().map(|(n, _)| n.clone()).collect();
    let hashed = v3::hash_payload(b"");
    let canonical = v3::canonical_request(&v3::CanonicalInput {
        method: "GET",
        path: "/",
        query: &query,
        headers: &headers,
        signed_headers: &signed,
        hashed_payload: &hashed,
    });
    assert_eq!(
        v3::sign("YourAccessKeySecret", &v3::string_to_sign(&canonical)),
        "9f6beca8bc1d657b9dfa220898e087dd255411946c1091ced04ef0dc2ed19d87"
    );
}
