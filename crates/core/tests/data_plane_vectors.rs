//! Every X-Ca digest vector of fixtures/vectors/data-plane.json (published by Alibaba's
//! Higress tests, or computed from the npm and PyPI clients): the gateway's string to sign
//! is rebuilt exactly from the request as sent; each positive vector verifies, each negative
//! one is refused.

use std::path::PathBuf;

use cloudapi_core::data_plane::signature::{self, Signable, SignatureMethod};
use serde_json::Value;

fn vectors() -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/vectors/data-plane.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let document: Value = serde_json::from_str(&text).expect("valid JSON");
    document["vectors"].as_array().expect("vectors").clone()
}

fn text<'a>(vector: &'a Value, field: &str) -> &'a str {
    vector[field]
        .as_str()
        .unwrap_or_else(|| panic!("{}: {field}", vector["id"]))
}

#[test]
fn every_vector_is_rebuilt_and_verified_or_refused() {
    let vectors = vectors();
    assert!(vectors.len() >= 11, "all the vectors");
    let (mut accepted, mut refused) = (0, 0);
    for vector in &vectors {
        let id = text(vector, "id");
        let headers: Vec<(String, String)> = vector["headers"]
            .as_object()
            .expect("headers")
            .iter()
            .map(|(name, value)| (name.clone(), value.as_str().expect("text").to_owned()))
            .collect();
        let request = Signable {
            method: text(vector, "method"),
            path: text(vector, "path"),
            query: text(vector, "query"),
            headers: &headers,
            body: text(vector, "body").as_bytes(),
        };
        let built = signature::string_to_sign(&request);
        assert_eq!(
            built,
            text(vector, "string_to_sign"),
            "{id}: the server's string to sign"
        );
        let method = SignatureMethod::named(Some(text(vector, "signature_method"))).expect("a known method");
        let received = request.header("x-ca-signature").expect("signed");
        let ok = signature::verifies(method, text(vector, "app_secret"), &built, received);
        if vector["valid"].as_bool().expect("valid") {
            assert!(ok, "{id} verifies");
            assert_eq!(
                signature::signature(method, text(vector, "app_secret"), &built),
                text(vector, "signature"),
                "{id}"
            );
            accepted += 1;
        } else {
            assert!(!ok, "{id} is refused");
            refused += 1;
        }
        if let Some(md5) = request.header("content-md5") {
            assert_eq!(
                signature::content_md5(request.body),
                md5,
                "{id}: Content-MD5 of the body"
            );
        }
    }
    assert!(accepted >= 9 && refused >= 2, "{accepted} accepted, {refused} refused");
}

#[test]
fn the_project_signer_reproduces_the_npm_client_vector() {
    let vector = vectors().into_iter().find(|v| v["id"] == "N-S5").expect("N-S5");
    let mut headers = vec![
        ("accept".to_owned(), "application/json".to_owned()),
        ("x-ca-stage".to_owned(), "RELEASE".to_owned()),
        ("x-custom-trace".to_owned(), "abc".to_owned()),
    ];
    let credentials = signature::Credentials {
        app_key: "24823915",
        app_secret: "c1ae97aaa7e45f21d10824bc44678fee",
        method: SignatureMethod::HmacSha256,
    };
    let signed = signature::sign(
        &credentials,
        signature::Outgoing {
            method: "GET",
            path: "/v1/ping",
            query: "",
            headers: &mut headers,
            body: b"",
            timestamp_ms: 1_700_000_000_000,
            nonce: "6f2d3c1a-9b8e-4f7d-a5c4-3b2a1f0e9d8c",
            extra_signed: &["x-custom-trace"],
        },
    );
    assert_eq!(signed, text(&vector, "string_to_sign"));
    let sent = headers
        .iter()
        .find(|(n, _)| n == "x-ca-signature")
        .map(|(_, v)| v.as_str());
    assert_eq!(sent, Some(text(&vector, "signature")));
}
