//! Faults on purpose: rules that make matching requests fail with a code of the catalogue,
//! answer late, or both, for a number of calls or at random.
//!
//! A rule is checked before the gateway's checks: a request it fails is not executed and does
//! not spend its nonce, as when the real service fails before doing anything. The first rule
//! that matches and fires decides; one request gets at most one fault.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rand::Rng;
use serde::{Deserialize, Serialize};

use cloudapi_core::{Action, ErrorCode};

use crate::error::AdminError;

/// A fault rule's number, unique for the mock's lifetime.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use cloudapi_mock::{ErrorCode, FaultId, FaultRule, MockServer};
/// let mock = MockServer::start().await;
/// let first: FaultId = mock.inject_fault(FaultRule::error(ErrorCode::InternalError)).unwrap();
/// let second = mock.inject_fault(FaultRule::error(ErrorCode::InternalError)).unwrap();
/// assert!(second > first);
/// # }
/// ```
pub type FaultId = u64;

/// The longest delay a rule may add: ten minutes.
///
/// ```
/// use std::time::Duration;
/// use cloudapi_mock::{FaultRule, MockServer, MAX_LATENCY_MS};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let mock = MockServer::start().await;
/// let too_long = FaultRule::delay(Duration::from_millis(MAX_LATENCY_MS + 1));
/// assert!(mock.inject_fault(too_long).is_err());
/// # }
/// ```
pub const MAX_LATENCY_MS: u64 = 10 * 60 * 1000;

/// What to break, when, and how. A rule names an error `code`, a delay (`latency_ms`), or
/// both (the error then comes late).
///
/// ```
/// use cloudapi_core::ErrorCode;
/// use cloudapi_mock::FaultRule;
///
/// // The next two CreateApp calls of testid's account fail with the gateway's throttling error.
/// let rule = FaultRule::error(ErrorCode::ThrottlingUser)
///     .for_action("CreateApp")
///     .for_account("testid")
///     .times(2);
/// assert_eq!(rule.code.as_deref(), Some("Throttling.User"));
/// // The same rule as the admin API takes it.
/// let json: FaultRule = serde_json::from_str(
///     r#"{"action": "CreateApp", "account": "testid", "code": "Throttling.User", "count": 2}"#,
/// ).unwrap();
/// assert_eq!(json, rule);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    /// Only requests naming this action; any action when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// Only requests of this account, by access key id or account UID; any when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The error code to answer with, from the catalogue; its message comes from there too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The HTTP status of the error; the catalogue's when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// How long to wait before answering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<u64>,
    /// Fires this many times, then no more; no limit when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// Lets this many matching calls through before it starts firing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<u64>,
    /// The chance, from 0 to 1, that it fires on a matching call; always when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
}

impl FaultRule {
    /// Answers matching calls with this error, its catalogue status and message.
    ///
    /// ```
    /// use cloudapi_core::ErrorCode;
    /// let rule = cloudapi_mock::FaultRule::error(ErrorCode::ServiceUnavailable);
    /// assert_eq!(rule.code.as_deref(), Some("ServiceUnavailable"));
    /// ```
    pub fn error(code: ErrorCode) -> FaultRule {
        FaultRule {
            code: Some(code.as_str().to_owned()),
            ..FaultRule::default()
        }
    }

    /// Answers matching calls this much later, normally otherwise.
    ///
    /// ```
    /// use std::time::Duration;
    /// let rule = cloudapi_mock::FaultRule::delay(Duration::from_millis(250));
    /// assert_eq!(rule.latency_ms, Some(250));
    /// ```
    pub fn delay(latency: Duration) -> FaultRule {
        FaultRule {
            latency_ms: Some(u64::try_from(latency.as_millis()).unwrap_or(u64::MAX)),
            ..FaultRule::default()
        }
    }

    /// Only calls of this action.
    ///
    /// ```
    /// # use cloudapi_core::ErrorCode;
    /// let rule = cloudapi_mock::FaultRule::error(ErrorCode::InternalError).for_action("DeleteApp");
    /// assert_eq!(rule.action.as_deref(), Some("DeleteApp"));
    /// ```
    #[must_use]
    pub fn for_action(mut self, action: impl Into<String>) -> FaultRule {
        self.action = Some(action.into());
        self
    }

    /// Only calls of this account, by access key id or account UID.
    ///
    /// ```
    /// # use cloudapi_core::ErrorCode;
    /// let rule = cloudapi_mock::FaultRule::error(ErrorCode::InternalError).for_account("testid");
    /// assert_eq!(rule.account.as_deref(), Some("testid"));
    /// ```
    #[must_use]
    pub fn for_account(mut self, account: impl Into<String>) -> FaultRule {
        self.account = Some(account.into());
        self
    }

    /// Answers the error with this HTTP status instead of the catalogue's.
    ///
    /// ```
    /// # use cloudapi_core::ErrorCode;
    /// let rule = cloudapi_mock::FaultRule::error(ErrorCode::ThrottlingUser).with_status(429);
    /// assert_eq!(rule.status, Some(429));
    /// ```
    #[must_use]
    pub fn with_status(mut self, status: u16) -> FaultRule {
        self.status = Some(status);
        self
    }

    /// Fires for the next `count` matching calls only.
    ///
    /// ```
    /// # use cloudapi_core::ErrorCode;
    /// let rule = cloudapi_mock::FaultRule::error(ErrorCode::InternalError).times(1);
    /// assert_eq!(rule.count, Some(1));
    /// ```
    #[must_use]
    pub fn times(mut self, count: u64) -> FaultRule {
        self.count = Some(count);
        self
    }

    /// Lets `calls` matching calls through first: `after(1).times(2)` fails the 2nd and 3rd.
    ///
    /// ```
    /// # use cloudapi_core::ErrorCode;
    /// let rule = cloudapi_mock::FaultRule::error(ErrorCode::InternalError).after(1).times(2);
    /// assert_eq!((rule.after, rule.count), (Some(1), Some(2)));
    /// ```
    #[must_use]
    pub fn after(mut self, calls: u64) -> FaultRule {
        self.after = Some(calls);
        self
    }

    /// Fires on a matching call with this chance, from 0 (never) to 1 (always).
    ///
    /// ```
    /// use std::time::Duration;
    /// let rule = cloudapi_mock::FaultRule::delay(Duration::from_secs(2)).with_probability(0.1);
    /// assert_eq!(rule.probability, Some(0.1));
    /// ```
    #[must_use]
    pub fn with_probability(mut self, probability: f64) -> FaultRule {
        self.probability = Some(probability);
        self
    }

    /// Checks the rule and works out what it does.
    fn arm(&self) -> Result<Effect, AdminError> {
        let invalid = |message: String| Err(AdminError::Invalid(message));
        if let Some(action) = &self.action {
            if Action::from_name(action).is_none() {
                return invalid(format!("the mock has no action {action:?}"));
            }
        }
        let error = match &self.code {
            Some(code) => {
                let Some(code) = ErrorCode::from_wire(code) else {
                    let known: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
                    return invalid(format!(
                        "{code:?} is not in the error catalogue; known codes: {}",
                        known.join(", ")
                    ));
                };
                let status = self.status.unwrap_or(code.entry().http_status);
                if !(400..=599).contains(&status) {
                    return invalid(format!("status {status} is not an error status (400 to 599)"));
                }
                Some((code, status))
            }
            None if self.status.is_some() => return invalid("a status needs a code".to_owned()),
            None => None,
        };
        let delay = match self.latency_ms {
            Some(ms) if ms > MAX_LATENCY_MS => {
                return invalid(format!("latency_ms {ms} is over the limit of {MAX_LATENCY_MS}"));
            }
            Some(ms) => Some(Duration::from_millis(ms)),
            None => None,
        };
        if error.is_none() && delay.is_none() {
            return invalid("a fault rule needs a code, a latency_ms, or both".to_owned());
        }
        if self.count == Some(0) {
            return invalid("count must be at least 1 (leave it out for no limit)".to_owned());
        }
        if let Some(p) = self.probability {
            if !(0.0..=1.0).contains(&p) {
                return invalid(format!("probability {p} is not between 0 and 1"));
            }
        }
        Ok(Effect { error, delay })
    }
}

/// A rule as the mock keeps it, with what it has done so far.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use cloudapi_mock::{ErrorCode, FaultRule, MockServer};
/// let mock = MockServer::start().await;
/// mock.inject_fault(FaultRule::error(ErrorCode::InternalError).times(3)).unwrap();
/// let fault = &mock.faults()[0];
/// assert_eq!((fault.matched, fault.fired, fault.remaining), (0, 0, Some(3)));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fault {
    pub id: FaultId,
    #[serde(flatten)]
    pub rule: FaultRule,
    /// Calls that matched the rule's action and account while it was not spent.
    pub matched: u64,
    /// Calls it failed or delayed.
    pub fired: u64,
    /// How many more times it fires; `None` for no limit.
    pub remaining: Option<u64>,
}

/// What a firing rule does to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Effect {
    /// The error to answer with, and its HTTP status.
    pub error: Option<(ErrorCode, u16)>,
    pub delay: Option<Duration>,
}

/// A rule that fired for a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Firing {
    pub id: FaultId,
    pub effect: Effect,
}

#[derive(Debug)]
struct Armed {
    fault: Fault,
    /// The account the rule names, resolved to its UID.
    account_uid: Option<String>,
    effect: Effect,
}

impl Armed {
    fn matches(&self, action: Option<&str>, account_uid: Option<&str>) -> bool {
        let rule = &self.fault.rule;
        rule.action.as_deref().is_none_or(|wanted| action == Some(wanted))
            && self
                .account_uid
                .as_deref()
                .is_none_or(|wanted| account_uid == Some(wanted))
            && self.fault.remaining != Some(0)
    }
}

/// The rules in force.
#[derive(Debug, Default)]
pub struct Faults {
    rules: Mutex<Vec<Armed>>,
    /// Lets requests skip the lock while no rule exists.
    any: AtomicBool,
    last_id: AtomicU64,
}

impl Faults {
    /// Adds a rule; `account_uid` is the UID of the account it names, resolved by the caller.
    pub fn add(&self, rule: FaultRule, account_uid: Option<String>) -> Result<FaultId, AdminError> {
        let effect = rule.arm()?;
        let id = self.last_id.fetch_add(1, Ordering::Relaxed) + 1;
        let mut rules = self.lock();
        rules.push(Armed {
            fault: Fault {
                id,
                remaining: rule.count,
                rule,
                matched: 0,
                fired: 0,
            },
            account_uid,
            effect,
        });
        self.any.store(true, Ordering::Release);
        Ok(id)
    }

    /// Decides whether a request of `action` by `account_uid` gets a fault, and counts it.
    pub fn decide(&self, action: Option<&str>, account_uid: Option<&str>) -> Option<Firing> {
        if !self.any.load(Ordering::Acquire) {
            return None;
        }
        let mut rules = self.lock();
        for armed in rules.iter_mut() {
            if !armed.matches(action, account_uid) {
                continue;
            }
            let fault = &mut armed.fault;
            fault.matched += 1;
            if fault.matched <= fault.rule.after.unwrap_or(0) {
                continue;
            }
            let fires = match fault.rule.probability {
                Some(p) if p < 1.0 => p > 0.0 && rand::rng().random_bool(p),
                _ => true,
            };
            if !fires {
                continue;
            }
            fault.fired += 1;
            if let Some(remaining) = fault.remaining.as_mut() {
                *remaining -= 1;
            }
            return Some(Firing {
                id: fault.id,
                effect: armed.effect,
            });
        }
        None
    }

    /// Every rule, in the order they are checked, spent ones included.
    pub fn list(&self) -> Vec<Fault> {
        self.lock().iter().map(|armed| armed.fault.clone()).collect()
    }

    /// Whether any rule exists, without taking the lock.
    pub fn any(&self) -> bool {
        self.any.load(Ordering::Acquire)
    }

    /// Removes one rule; false if there was none of that id.
    pub fn remove(&self, id: FaultId) -> bool {
        self.retain(|armed| armed.fault.id != id)
    }

    pub fn clear(&self) {
        self.retain(|_| false);
    }

    /// Removes the rules aimed at one account.
    pub fn forget_account(&self, account_uid: &str) {
        self.retain(|armed| armed.account_uid.as_deref() != Some(account_uid));
    }

    fn retain(&self, keep: impl FnMut(&Armed) -> bool) -> bool {
        let mut rules = self.lock();
        let before = rules.len();
        rules.retain(keep);
        self.any.store(!rules.is_empty(), Ordering::Release);
        rules.len() != before
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Armed>> {
        self.rules.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fired(faults: &Faults, action: &str, account: &str, calls: usize) -> Vec<bool> {
        (0..calls)
            .map(|_| faults.decide(Some(action), Some(account)).is_some())
            .collect()
    }

    #[test]
    fn count_and_after_script_a_sequence() {
        let faults = Faults::default();
        faults
            .add(FaultRule::error(ErrorCode::InternalError).after(1).times(2), None)
            .expect("valid");
        assert_eq!(fired(&faults, "CreateApp", "1", 5), [false, true, true, false, false]);
        let listed = &faults.list()[0];
        assert_eq!((listed.matched, listed.fired, listed.remaining), (3, 2, Some(0)));
    }

    #[test]
    fn probability_zero_never_fires_and_one_always_does() {
        let faults = Faults::default();
        faults
            .add(FaultRule::error(ErrorCode::InternalError).with_probability(0.0), None)
            .expect("valid");
        assert!(fired(&faults, "CreateApp", "1", 200).iter().all(|f| !f));
        faults.clear();
        faults
            .add(FaultRule::error(ErrorCode::InternalError).with_probability(1.0), None)
            .expect("valid");
        assert!(fired(&faults, "CreateApp", "1", 200).iter().all(|f| *f));
    }

    #[test]
    fn action_and_account_narrow_a_rule() {
        let faults = Faults::default();
        faults
            .add(
                FaultRule::error(ErrorCode::InternalError).for_action("DeleteApp"),
                Some("1".into()),
            )
            .expect("valid");
        assert!(faults.decide(Some("CreateApp"), Some("1")).is_none());
        assert!(faults.decide(Some("DeleteApp"), Some("2")).is_none());
        assert!(faults.decide(Some("DeleteApp"), None).is_none());
        assert!(faults.decide(Some("DeleteApp"), Some("1")).is_some());
        faults.forget_account("1");
        assert!(faults.list().is_empty());
    }

    #[test]
    fn the_first_rule_that_fires_decides() {
        let faults = Faults::default();
        let first = faults
            .add(FaultRule::delay(Duration::from_millis(5)).times(1), None)
            .expect("valid");
        let second = faults
            .add(FaultRule::error(ErrorCode::ServiceUnavailable), None)
            .expect("valid");
        assert_eq!(faults.decide(Some("CreateApp"), None).map(|f| f.id), Some(first));
        assert_eq!(faults.decide(Some("CreateApp"), None).map(|f| f.id), Some(second));
        assert!(faults.remove(second));
        assert!(!faults.remove(second));
        assert!(faults.decide(Some("CreateApp"), None).is_none());
    }

    #[test]
    fn invalid_rules_are_refused() {
        let faults = Faults::default();
        for rule in [
            FaultRule::default(),
            FaultRule {
                code: Some("NoSuchCode".into()),
                ..FaultRule::default()
            },
            FaultRule::error(ErrorCode::InternalError).with_status(200),
            FaultRule::error(ErrorCode::InternalError).for_action("NoSuchAction"),
            FaultRule::error(ErrorCode::InternalError).times(0),
            FaultRule::error(ErrorCode::InternalError).with_probability(1.5),
            FaultRule::error(ErrorCode::InternalError).with_probability(f64::NAN),
            FaultRule::delay(Duration::from_secs(3600)),
            FaultRule {
                status: Some(500),
                latency_ms: Some(1),
                ..FaultRule::default()
            },
        ] {
            assert!(
                matches!(faults.add(rule.clone(), None), Err(AdminError::Invalid(_))),
                "{rule:?}"
            );
        }
        assert!(faults.list().is_empty());
    }
}
