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
/// assert!(FaultRule::delay(Duration::from_millis(MAX_LATENCY_MS + 1)).is_err());
/// assert!(mock.inject_fault(FaultRule::delay(Duration::from_millis(MAX_LATENCY_MS)).unwrap()).is_ok());
/// # }
/// ```
pub const MAX_LATENCY_MS: u64 = 10 * 60 * 1000;

/// What to break, when, and how: an error of the catalogue, a delay, or both (the error then
/// comes late), for calls of an action and an account, a number of times or at random.
///
/// A rule is checked when it is built: the error and the action are typed values, and each
/// number is checked by the method that takes it. The admin API takes the same rule as JSON,
/// with the wire names of the code and the action.
///
/// ```
/// use cloudapi_mock::{Action, ErrorCode, FaultRule};
///
/// // The next two CreateApp calls of testid's account fail with the gateway's throttling error.
/// let rule = FaultRule::error(ErrorCode::ThrottlingUser)
///     .for_action(Action::CreateApp)
///     .for_account("testid")
///     .times(2)
///     .unwrap();
/// assert_eq!(rule.answered_error(), Some((ErrorCode::ThrottlingUser, 400)));
/// // The same rule as the admin API takes it.
/// let json: FaultRule = serde_json::from_str(
///     r#"{"action": "CreateApp", "account": "testid", "code": "Throttling.User", "count": 2}"#,
/// ).unwrap();
/// assert_eq!(json, rule);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "FaultRuleJson", into = "FaultRuleJson")]
pub struct FaultRule {
    action: Option<Action>,
    account: Option<String>,
    error: Option<(ErrorCode, u16)>,
    delay: Option<Duration>,
    count: Option<u64>,
    after: Option<u64>,
    probability: Option<f64>,
}

impl FaultRule {
    /// Answers matching calls with this error, its catalogue status and message.
    ///
    /// ```
    /// use cloudapi_mock::{ErrorCode, FaultRule};
    /// let rule = FaultRule::error(ErrorCode::ServiceUnavailable);
    /// assert_eq!(rule.answered_error(), Some((ErrorCode::ServiceUnavailable, 503)));
    /// ```
    pub fn error(code: ErrorCode) -> FaultRule {
        FaultRule {
            action: None,
            account: None,
            error: Some((code, code.entry().http_status)),
            delay: None,
            count: None,
            after: None,
            probability: None,
        }
    }

    /// Answers matching calls this much later, normally otherwise; refused over
    /// [`MAX_LATENCY_MS`].
    ///
    /// ```
    /// use std::time::Duration;
    /// use cloudapi_mock::FaultRule;
    /// let rule = FaultRule::delay(Duration::from_millis(250)).unwrap();
    /// assert_eq!(rule.latency(), Some(Duration::from_millis(250)));
    /// assert!(FaultRule::delay(Duration::from_secs(3600)).is_err());
    /// ```
    pub fn delay(latency: Duration) -> Result<FaultRule, AdminError> {
        let no_error = FaultRule {
            error: None,
            ..FaultRule::error(ErrorCode::InternalError)
        };
        no_error.with_delay(latency)
    }

    /// Adds a delay before the answer (the error, if the rule has one, comes late); refused
    /// over [`MAX_LATENCY_MS`].
    ///
    /// ```
    /// use std::time::Duration;
    /// use cloudapi_mock::{ErrorCode, FaultRule};
    /// let late_error = FaultRule::error(ErrorCode::InternalError).with_delay(Duration::from_millis(5)).unwrap();
    /// assert!(late_error.answered_error().is_some() && late_error.latency().is_some());
    /// ```
    pub fn with_delay(mut self, latency: Duration) -> Result<FaultRule, AdminError> {
        if latency > Duration::from_millis(MAX_LATENCY_MS) {
            return Err(AdminError::Invalid(format!(
                "latency_ms {} is over the limit of {MAX_LATENCY_MS}",
                latency.as_millis()
            )));
        }
        self.delay = Some(latency);
        Ok(self)
    }

    /// Only calls of this action.
    ///
    /// ```
    /// use cloudapi_mock::{Action, ErrorCode, FaultRule};
    /// let rule = FaultRule::error(ErrorCode::InternalError).for_action(Action::DeleteApp);
    /// assert_eq!(rule.action(), Some(Action::DeleteApp));
    /// ```
    #[must_use]
    pub fn for_action(mut self, action: Action) -> FaultRule {
        self.action = Some(action);
        self
    }

    /// Only calls of this account, by access key id or account UID; an account the mock does
    /// not have is refused when the rule is injected.
    ///
    /// ```
    /// use cloudapi_mock::{ErrorCode, FaultRule};
    /// let rule = FaultRule::error(ErrorCode::InternalError).for_account("testid");
    /// assert_eq!(rule.account(), Some("testid"));
    /// ```
    #[must_use]
    pub fn for_account(mut self, account: impl Into<String>) -> FaultRule {
        self.account = Some(account.into());
        self
    }

    /// Answers the error with this HTTP status instead of the catalogue's; refused for a rule
    /// without an error, or a status outside 400 to 599.
    ///
    /// ```
    /// use cloudapi_mock::{ErrorCode, FaultRule};
    /// let rule = FaultRule::error(ErrorCode::ThrottlingUser).with_status(429).unwrap();
    /// assert_eq!(rule.answered_error(), Some((ErrorCode::ThrottlingUser, 429)));
    /// assert!(FaultRule::error(ErrorCode::ThrottlingUser).with_status(200).is_err());
    /// ```
    pub fn with_status(mut self, status: u16) -> Result<FaultRule, AdminError> {
        let Some((code, _)) = self.error else {
            return Err(AdminError::Invalid("a status needs a code".to_owned()));
        };
        if !(400..=599).contains(&status) {
            return Err(AdminError::Invalid(format!(
                "status {status} is not an error status (400 to 599)"
            )));
        }
        self.error = Some((code, status));
        Ok(self)
    }

    /// Fires for the next `count` matching calls only; refused for 0 (leave it out for no
    /// limit).
    ///
    /// ```
    /// use cloudapi_mock::{ErrorCode, FaultRule};
    /// let rule = FaultRule::error(ErrorCode::InternalError).times(1).unwrap();
    /// assert_eq!(rule.count(), Some(1));
    /// assert!(FaultRule::error(ErrorCode::InternalError).times(0).is_err());
    /// ```
    pub fn times(mut self, count: u64) -> Result<FaultRule, AdminError> {
        if count == 0 {
            return Err(AdminError::Invalid(
                "count must be at least 1 (leave it out for no limit)".to_owned(),
            ));
        }
        self.count = Some(count);
        Ok(self)
    }

    /// Lets `calls` matching calls through first: `after(1).times(2)` fails the 2nd and 3rd.
    ///
    /// ```
    /// use cloudapi_mock::{ErrorCode, FaultRule};
    /// let rule = FaultRule::error(ErrorCode::InternalError).after(1).times(2).unwrap();
    /// assert_eq!((rule.skipped(), rule.count()), (Some(1), Some(2)));
    /// ```
    #[must_use]
    pub fn after(mut self, calls: u64) -> FaultRule {
        self.after = Some(calls);
        self
    }

    /// Fires on a matching call with this chance, from 0 (never) to 1 (always); refused
    /// outside that.
    ///
    /// ```
    /// use std::time::Duration;
    /// use cloudapi_mock::FaultRule;
    /// let rule = FaultRule::delay(Duration::from_secs(2)).unwrap().with_probability(0.1).unwrap();
    /// assert_eq!(rule.probability(), Some(0.1));
    /// assert!(FaultRule::delay(Duration::from_secs(2)).unwrap().with_probability(f64::NAN).is_err());
    /// ```
    pub fn with_probability(mut self, probability: f64) -> Result<FaultRule, AdminError> {
        if !(0.0..=1.0).contains(&probability) {
            return Err(AdminError::Invalid(format!(
                "probability {probability} is not between 0 and 1"
            )));
        }
        self.probability = Some(probability);
        Ok(self)
    }

    /// The error it answers with, and the HTTP status.
    ///
    /// ```
    /// # use std::time::Duration;
    /// assert_eq!(cloudapi_mock::FaultRule::delay(Duration::ZERO).unwrap().answered_error(), None);
    /// ```
    pub fn answered_error(&self) -> Option<(ErrorCode, u16)> {
        self.error
    }

    /// The delay it adds.
    ///
    /// ```
    /// # use cloudapi_mock::{ErrorCode, FaultRule};
    /// assert_eq!(FaultRule::error(ErrorCode::InternalError).latency(), None);
    /// ```
    pub fn latency(&self) -> Option<Duration> {
        self.delay
    }

    /// The action it is for; any when `None`.
    ///
    /// ```
    /// # use cloudapi_mock::{ErrorCode, FaultRule};
    /// assert_eq!(FaultRule::error(ErrorCode::InternalError).action(), None);
    /// ```
    pub fn action(&self) -> Option<Action> {
        self.action
    }

    /// The account it is for, as given; any when `None`.
    ///
    /// ```
    /// # use cloudapi_mock::{ErrorCode, FaultRule};
    /// assert_eq!(FaultRule::error(ErrorCode::InternalError).account(), None);
    /// ```
    pub fn account(&self) -> Option<&str> {
        self.account.as_deref()
    }

    /// How many times it fires; no limit when `None`.
    ///
    /// ```
    /// # use cloudapi_mock::{ErrorCode, FaultRule};
    /// assert_eq!(FaultRule::error(ErrorCode::InternalError).count(), None);
    /// ```
    pub fn count(&self) -> Option<u64> {
        self.count
    }

    /// How many matching calls it lets through first.
    ///
    /// ```
    /// # use cloudapi_mock::{ErrorCode, FaultRule};
    /// assert_eq!(FaultRule::error(ErrorCode::InternalError).skipped(), None);
    /// ```
    pub fn skipped(&self) -> Option<u64> {
        self.after
    }

    /// The chance it fires on a matching call; always when `None`.
    ///
    /// ```
    /// # use cloudapi_mock::{ErrorCode, FaultRule};
    /// assert_eq!(FaultRule::error(ErrorCode::InternalError).probability(), None);
    /// ```
    pub fn probability(&self) -> Option<f64> {
        self.probability
    }

    fn effect(&self) -> Effect {
        Effect {
            error: self.error,
            delay: self.delay,
        }
    }
}

/// A fault rule as the admin API reads and writes it: wire names and plain numbers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultRuleJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    latency_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    after: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    probability: Option<f64>,
}

impl TryFrom<FaultRuleJson> for FaultRule {
    type Error = AdminError;

    fn try_from(json: FaultRuleJson) -> Result<FaultRule, AdminError> {
        let invalid = |message: String| AdminError::Invalid(message);
        let mut rule = match (&json.code, json.latency_ms) {
            (Some(code), _) => FaultRule::error(ErrorCode::from_wire(code).ok_or_else(|| {
                let known: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
                invalid(format!(
                    "{code:?} is not in the error catalogue; known codes: {}",
                    known.join(", ")
                ))
            })?),
            (None, Some(_)) if json.status.is_some() => return Err(invalid("a status needs a code".to_owned())),
            (None, Some(ms)) => FaultRule::delay(Duration::from_millis(ms))?,
            (None, None) => return Err(invalid("a fault rule needs a code, a latency_ms, or both".to_owned())),
        };
        if let (Some(_), Some(ms)) = (&json.code, json.latency_ms) {
            rule = rule.with_delay(Duration::from_millis(ms))?;
        }
        if let Some(status) = json.status {
            rule = rule.with_status(status)?;
        }
        if let Some(name) = &json.action {
            let action = Action::from_name(name).ok_or_else(|| invalid(format!("the mock has no action {name:?}")))?;
            rule = rule.for_action(action);
        }
        if let Some(account) = json.account {
            rule = rule.for_account(account);
        }
        if let Some(count) = json.count {
            rule = rule.times(count)?;
        }
        if let Some(calls) = json.after {
            rule = rule.after(calls);
        }
        if let Some(probability) = json.probability {
            rule = rule.with_probability(probability)?;
        }
        Ok(rule)
    }
}

impl From<FaultRule> for FaultRuleJson {
    fn from(rule: FaultRule) -> FaultRuleJson {
        let (code, status) = match rule.error {
            // The status is shown only when it is not the catalogue's, as it was given.
            Some((code, status)) => (
                Some(code.as_str().to_owned()),
                (status != code.entry().http_status).then_some(status),
            ),
            None => (None, None),
        };
        FaultRuleJson {
            action: rule.action.map(|action| action.name().to_owned()),
            account: rule.account,
            code,
            status,
            latency_ms: rule
                .delay
                .map(|delay| u64::try_from(delay.as_millis()).unwrap_or(u64::MAX)),
            count: rule.count,
            after: rule.after,
            probability: rule.probability,
        }
    }
}

/// A rule as the mock keeps it, with what it has done so far.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use cloudapi_mock::{ErrorCode, FaultRule, MockServer};
/// let mock = MockServer::start().await;
/// mock.inject_fault(FaultRule::error(ErrorCode::InternalError).times(3).unwrap()).unwrap();
/// let fault = &mock.faults()[0];
/// assert_eq!((fault.matched, fault.fired, fault.remaining), (0, 0, Some(3)));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fault {
    /// The rule's number, for `DELETE /_mock/faults/{id}` and [`crate::Mock::remove_fault`].
    pub id: FaultId,
    /// The rule as it was given.
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
        rule.action.is_none_or(|wanted| action == Some(wanted.name()))
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
    /// Adds a rule, checked when it was built; `account_uid` is the UID of the account it
    /// names, resolved by the caller.
    pub fn add(&self, rule: FaultRule, account_uid: Option<String>) -> FaultId {
        let effect = rule.effect();
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
        id
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

    fn internal_error() -> FaultRule {
        FaultRule::error(ErrorCode::InternalError)
    }

    #[test]
    fn count_and_after_script_a_sequence() {
        let faults = Faults::default();
        faults.add(internal_error().after(1).times(2).expect("valid"), None);
        assert_eq!(fired(&faults, "CreateApp", "1", 5), [false, true, true, false, false]);
        let listed = &faults.list()[0];
        assert_eq!((listed.matched, listed.fired, listed.remaining), (3, 2, Some(0)));
    }

    #[test]
    fn probability_zero_never_fires_and_one_always_does() {
        let faults = Faults::default();
        faults.add(internal_error().with_probability(0.0).expect("valid"), None);
        assert!(fired(&faults, "CreateApp", "1", 200).iter().all(|f| !f));
        faults.clear();
        faults.add(internal_error().with_probability(1.0).expect("valid"), None);
        assert!(fired(&faults, "CreateApp", "1", 200).iter().all(|f| *f));
    }

    #[test]
    fn action_and_account_narrow_a_rule() {
        let faults = Faults::default();
        faults.add(internal_error().for_action(Action::DeleteApp), Some("1".into()));
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
        let once = FaultRule::delay(Duration::from_millis(5)).and_then(|rule| rule.times(1));
        let first = faults.add(once.expect("valid"), None);
        let second = faults.add(FaultRule::error(ErrorCode::ServiceUnavailable), None);
        assert_eq!(faults.decide(Some("CreateApp"), None).map(|f| f.id), Some(first));
        assert_eq!(faults.decide(Some("CreateApp"), None).map(|f| f.id), Some(second));
        assert!(faults.remove(second));
        assert!(!faults.remove(second));
        assert!(faults.decide(Some("CreateApp"), None).is_none());
    }

    #[test]
    fn invalid_rules_are_refused_when_built() {
        assert!(internal_error().with_status(200).is_err());
        assert!(internal_error().with_status(600).is_err());
        assert!(internal_error().times(0).is_err());
        assert!(internal_error().with_probability(1.5).is_err());
        assert!(internal_error().with_probability(f64::NAN).is_err());
        assert!(FaultRule::delay(Duration::from_secs(3600)).is_err());
        let delay_only = FaultRule::delay(Duration::from_millis(1)).expect("valid");
        assert!(delay_only.with_status(500).is_err(), "a status needs a code");
    }

    #[test]
    fn the_admin_apis_json_is_checked_as_the_builder_checks() {
        for json in [
            r#"{}"#,
            r#"{"code": "NoSuchCode"}"#,
            r#"{"code": "InternalError", "status": 200}"#,
            r#"{"code": "InternalError", "action": "NoSuchAction"}"#,
            r#"{"code": "InternalError", "count": 0}"#,
            r#"{"code": "InternalError", "probability": 1.5}"#,
            r#"{"latency_ms": 3600000}"#,
            r#"{"status": 500, "latency_ms": 1}"#,
            r#"{"code": "InternalError", "surprise": 1}"#,
        ] {
            assert!(serde_json::from_str::<FaultRule>(json).is_err(), "{json}");
        }
        let rule: FaultRule =
            serde_json::from_str(r#"{"code": "InternalError", "status": 502, "latency_ms": 5, "after": 1}"#)
                .expect("valid");
        let expected = internal_error()
            .with_status(502)
            .and_then(|rule| rule.with_delay(Duration::from_millis(5)))
            .map(|rule| rule.after(1))
            .expect("valid");
        assert_eq!(rule, expected);
        assert_eq!(
            serde_json::to_value(&rule).expect("serialises"),
            serde_json::json!({"code": "InternalError", "status": 502, "latency_ms": 5, "after": 1})
        );
    }
}
