//! Secrets and signatures never leave the service: not in answers (the string to sign holds
//! none), not in the record that logs and the journal are made from.

mod common;

use cloudapi_core::client::{fresh_nonce, Call, Placement, Signer};
use cloudapi_core::protocol::params::decode_form;
use cloudapi_core::{Config, Format, Scheme};

#[test]
fn neither_answers_nor_records_hold_a_secret_or_a_signature() {
    let service = common::service(Config::default());
    for scheme in [Scheme::V2, Scheme::V3] {
        for secret in ["testsecret", "wrong-secret-value"] {
            let params = vec![("AppName".to_owned(), format!("secret_check_{}", scheme.as_str()))];
            let request = Signer::new("testid", secret).sign(&Call {
                action: "CreateApp",
                params: &params,
                scheme,
                method: "POST",
                placement: Placement::Query,
                format: Format::Json,
                host: "127.0.0.1:8080",
                timestamp: service.clock().now(),
                nonce: &fresh_nonce(),
            });
            let signature = match scheme {
                Scheme::V2 => decode_form(request.query.as_bytes())
                    .into_iter()
                    .find(|(name, _)| name == "Signature")
                    .map(|(_, value)| value)
                    .expect("signed"),
                Scheme::V3 => request
                    .header("authorization")
                    .and_then(|value| value.rsplit("Signature=").next())
                    .expect("signed")
                    .to_owned(),
            };
            let handled = service.handle_recorded(&request);
            let answer = handled.response.body_text();
            let record = format!(
                "{:?} {}",
                handled.record,
                serde_json::to_string(&handled.record).expect("json")
            );
            for leaked in ["testsecret", secret, signature.as_str()] {
                assert!(
                    !answer.contains(leaked),
                    "{scheme:?}: the answer holds {leaked}: {answer}"
                );
                assert!(
                    !record.contains(leaked),
                    "{scheme:?}: the record holds {leaked}: {record}"
                );
            }
        }
    }
}
