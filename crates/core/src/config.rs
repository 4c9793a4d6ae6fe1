//! What the service is configured with: accounts, region, limits and how strict it is.

use std::time::Duration;

use sha2::{Digest, Sha256};

/// The published examples' credentials, always present.
pub const DEFAULT_ACCESS_KEY_ID: &str = "testid";
/// The secret of [`DEFAULT_ACCESS_KEY_ID`].
pub const DEFAULT_ACCESS_KEY_SECRET: &str = "testsecret";
/// The account UID of [`DEFAULT_ACCESS_KEY_ID`].
pub const DEFAULT_ACCOUNT_UID: &str = "1234567890123456";
/// The region of requests that name none.
pub const DEFAULT_REGION: &str = "cn-hangzhou";
/// The only API version of the product.
pub const API_VERSION: &str = "2016-07-14";

/// An access key and the account it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Credential {
    /// The access key id, as requests name it.
    pub access_key_id: String,
    /// The secret requests are signed with.
    pub access_key_secret: String,
    /// The account's UID; several keys may share one account.
    pub account_uid: String,
}

impl Credential {
    /// A credential; without a UID, one derived from the access key id (an account of its own).
    pub fn new(access_key_id: impl Into<String>, secret: impl Into<String>, uid: Option<String>) -> Self {
        let access_key_id = access_key_id.into();
        let account_uid = uid.unwrap_or_else(|| uid_for_key(&access_key_id));
        Credential {
            access_key_id,
            access_key_secret: secret.into(),
            account_uid,
        }
    }

    /// Parses `ACCESS_KEY_ID:SECRET[:UID]`, the `--account` flag's syntax. The id ends at the
    /// first colon; a last part of digits after a colon is the UID; everything between is the
    /// secret, colons included.
    ///
    /// ```
    /// use cloudapi_core::Credential;
    /// let credential = Credential::parse("ak:se:cret:42").unwrap();
    /// assert_eq!((credential.access_key_secret.as_str(), credential.account_uid.as_str()), ("se:cret", "42"));
    /// ```
    pub fn parse(spec: &str) -> Result<Credential, String> {
        let Some((id, rest)) = spec.split_once(':') else {
            return Err(format!("{spec:?}: expected ACCESS_KEY_ID:SECRET[:UID]"));
        };
        let (secret, uid) = match rest.rsplit_once(':') {
            Some((_, "")) => return Err(format!("{spec:?}: the account UID after the last colon is empty")),
            Some((secret, uid)) if uid.bytes().all(|b| b.is_ascii_digit()) => (secret, Some(uid.to_owned())),
            _ => (rest, None),
        };
        if id.is_empty() || secret.is_empty() {
            return Err(format!("{spec:?}: the access key id and the secret must not be empty"));
        }
        Ok(Credential::new(id, secret, uid))
    }

    /// `testid` / `testsecret`, account `1234567890123456`: the published examples' pair.
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

/// What the service is configured with; [`Config::validate`] checks its bounds.
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
    /// Whether signatures are checked.
    pub auth: AuthMode,
    /// Whether each group's own limit of calls per second (its `TrafficLimit`, 500) holds on
    /// the data plane.
    pub group_traffic_limit: bool,
    /// Calls per day through a group's second-level domain in the Chinese mainland's regions
    /// (documented: 1,000); 0 is no cap.
    pub domain_daily_cap_mainland: u32,
    /// The same elsewhere, Hong Kong included (documented: 100); 0 is no cap.
    pub domain_daily_cap_elsewhere: u32,
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
            group_traffic_limit: true,
            domain_daily_cap_mainland: 1_000,
            domain_daily_cap_elsewhere: 100,
        }
    }
}

impl Config {
    /// Checks what the clock's arithmetic relies on: the timestamp window and the nonce TTL
    /// are added to the clock's time, so each is at most [`Clock::MAX_LOOKAHEAD`]; the
    /// region is shaped like one. The message names the setting as the binary's flag does.
    ///
    /// ```
    /// use std::time::Duration;
    /// use cloudapi_core::Config;
    /// assert!(Config::default().validate().is_ok());
    /// let forever = Config { nonce_ttl: Duration::from_secs(u64::MAX), ..Config::default() };
    /// assert!(forever.validate().unwrap_err().contains("nonce-ttl-secs"));
    /// ```
    ///
    /// [`Clock::MAX_LOOKAHEAD`]: crate::Clock::MAX_LOOKAHEAD
    pub fn validate(&self) -> Result<(), String> {
        let limit = crate::Clock::MAX_LOOKAHEAD;
        for (setting, value) in [
            ("timestamp-window-secs", self.timestamp_window),
            ("nonce-ttl-secs", self.nonce_ttl),
        ] {
            if value > limit {
                return Err(format!(
                    "{setting} {} is over the limit of {} (30 days)",
                    value.as_secs(),
                    limit.as_secs()
                ));
            }
        }
        if !crate::gateway::is_region_shaped(&self.default_region) {
            return Err(format!(
                "region {:?} is not a region id such as cn-hangzhou",
                self.default_region
            ));
        }
        Ok(())
    }

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
        for bad in ["", "ak", ":sk", "ak:", "ak:sk:", "ak::42"] {
            assert!(Credential::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn with_colon_in_secret() {
        let with_colon_in_secret = Credential::parse("ak:se:cret").expect("valid");
        assert_eq!(with_colon_in_secret.access_key_secret, "se:cret");
        assert_eq!(with_colon_in_secret.account_uid.len(), 16, "no UID given: one derived");
        let colon_and_uid = Credential::parse("ak:se:cret:42").expect("valid");
        assert_eq!(
            (
                colon_and_uid.access_key_secret.as_str(),
                colon_and_uid.account_uid.as_str()
            ),
            ("se:cret", "42")
        );
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
