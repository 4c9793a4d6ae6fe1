//! What the service is configured with: accounts, region, limits and how strict it is.

use std::time::Duration;

use sha2::{Digest, Sha256};

/// The published examples' credentials, always present.
pub const DEFAULT_ACCESS_KEY_ID: &str = "testid";
pub const DEFAULT_ACCESS_KEY_SECRET: &str = "testsecret";
pub const DEFAULT_ACCOUNT_UID: &str = "1234567890123456";
pub const DEFAULT_REGION: &str = "cn-hangzhou";
/// The only API version of the product.
pub const API_VERSION: &str = "2016-07-14";

/// An access key and the account it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Credential {
    pub access_key_id: String,
    pub access_key_secret: String,
    /// The account's UID; several keys may share one account.
    pub account_uid: String,
}

impl Credential {
    pub fn new(access_key_id: impl Into<String>, secret: impl Into<String>, uid: Option<String>) -> Self {
        let access_key_id = access_key_id.into();
        let account_uid = uid.unwrap_or_else(|| uid_for_key(&access_key_id));
        Credential {
            access_key_id,
            access_key_secret: secret.into(),
            account_uid,
        }
    }

    /// Parses `ACCESS_KEY_ID:SECRET[:UID]`, the `--account` flag's syntax.
    pub fn parse(spec: &str) -> Result<Credential, String> {
        let mut parts = spec.splitn(3, ':');
        let (Some(id), Some(secret)) = (parts.next(), parts.next()) else {
            return Err(format!("{spec:?}: expected ACCESS_KEY_ID:SECRET[:UID]"));
        };
        if id.is_empty() || secret.is_empty() {
            return Err(format!("{spec:?}: the access key id and the secret must not be empty"));
        }
        let uid = match parts.next() {
            Some(uid) if !uid.is_empty() && uid.bytes().all(|b| b.is_ascii_digit()) => Some(uid.to_owned()),
            Some(uid) => return Err(format!("{spec:?}: the account UID {uid:?} must be digits")),
            None => None,
        };
        Ok(Credential::new(id, secret, uid))
    }

    pub fn default_account() -> Self {
        Credential::new(
            DEFAULT_ACCESS_KEY_ID,
            DEFAULT_ACCESS_KEY_SECRET,
            Some(DEFAULT_ACCOUNT_UID.to_owned()),
        )
    }
}

/// A key given without a UID is an account of its own: derive a stable 16-digit UID from it.
fn uid_for_key(access_key_id: &str) -> String {
    let digest = Sha256::digest(access_key_id.as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    let n = u64::from_be_bytes(bytes) % 9_000_000_000_000_000 + 1_000_000_000_000_000;
    n.to_string()
}

/// Whether signatures are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthMode {
    /// Every gateway check, as the real service applies them.
    #[default]
    Strict,
    /// Skips the signature and nonce checks, for quick stubbing with hand-made requests.
    Lenient,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Extra access keys; the default `testid` account is always there too.
    pub credentials: Vec<Credential>,
    /// Region of requests that name none (no `RegionId`, no regional Host).
    pub default_region: String,
    /// Apps per account (documented: 1,000).
    pub app_quota: usize,
    /// API groups per account and region (documented: 100 by the CreateApiGroup doc, 200 by
    /// the current limits page; the mock takes 100).
    pub group_quota: usize,
    /// APIs per group (documented: 1,000).
    pub api_quota: usize,
    /// Calls per second per account for CreateApp, ModifyApp and DeleteApp (documented: 50);
    /// 0 switches throttling off.
    pub throttle_per_second: u32,
    /// How far a request's timestamp may be from the mock's clock, either way.
    pub timestamp_window: Duration,
    /// How long a nonce is remembered.
    pub nonce_ttl: Duration,
    /// How many nonces are remembered at most; the oldest are forgotten first.
    pub nonce_capacity: usize,
    pub auth: AuthMode,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            credentials: Vec::new(),
            default_region: DEFAULT_REGION.to_owned(),
            app_quota: 1_000,
            group_quota: 100,
            api_quota: 1_000,
            throttle_per_second: 50,
            timestamp_window: Duration::from_secs(15 * 60),
            nonce_ttl: Duration::from_secs(31 * 60),
            // A few dozen bytes each; a 31-minute window at over 500 requests a second.
            nonce_capacity: 1_000_000,
            auth: AuthMode::Strict,
        }
    }
}

impl Config {
    /// Every credential the service accepts, the default one first.
    pub fn all_credentials(&self) -> Vec<Credential> {
        let mut all = vec![Credential::default_account()];
        for credential in &self.credentials {
            if let Some(existing) = all.iter_mut().find(|c| c.access_key_id == credential.access_key_id) {
                *existing = credential.clone();
            } else {
                all.push(credential.clone());
            }
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_account_specs() {
        let with_uid = Credential::parse("ak:sk:42").expect("valid");
        assert_eq!(with_uid.account_uid, "42");
        let without = Credential::parse("ak2:sk").expect("valid");
        assert_eq!(without.account_uid.len(), 16);
        assert_ne!(
            without.account_uid,
            Credential::parse("ak3:sk").expect("valid").account_uid
        );
        let with_colon_in_secret = Credential::parse("ak:s").expect("valid");
        assert_eq!(with_colon_in_secret.access_key_secret, "s");
        for bad in ["", "ak", ":sk", "ak:", "ak:sk:notdigits"] {
            assert!(Credential::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn default_account_is_always_present() {
        let config = Config {
            credentials: vec![Credential::parse("other:secret").expect("valid")],
            ..Config::default()
        };
        let ids: Vec<_> = config.all_credentials().into_iter().map(|c| c.access_key_id).collect();
        assert_eq!(ids, vec!["testid", "other"]);
    }
}
