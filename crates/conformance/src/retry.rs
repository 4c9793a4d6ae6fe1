//! Throttling from a real account: the service answers `Throttling*` codes when the account
//! calls too fast (50 CreateApp, ModifyApp or DeleteApp calls per second). On a remote target
//! such a reply is not what a scenario checks, so the call is signed again (fresh nonce and
//! timestamp) and sent again after a growing pause, and every retry is counted for the run's
//! summary. The mock target never retries: its throttling scenarios expect the throttled reply.

use std::borrow::Borrow;
use std::future::Future;
use std::time::Duration;

use crate::client::Reply;
use crate::stats::RunStats;

/// How often and how patiently a throttled call is repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 never retries.
    pub retries: u32,
    /// The pause before the first retry; it doubles after each.
    pub first_delay: Duration,
    /// The longest pause between two attempts.
    pub max_delay: Duration,
}

impl RetryPolicy {
    /// No retry at all (the mock target).
    pub const NEVER: RetryPolicy = RetryPolicy {
        retries: 0,
        first_delay: Duration::ZERO,
        max_delay: Duration::ZERO,
    };

    /// The remote default: 6 retries from 0.5 s, doubling, at most 8 s apart (about 24 s in
    /// all, well past the service's one-second windows).
    pub const REMOTE: RetryPolicy = RetryPolicy {
        retries: 6,
        first_delay: Duration::from_millis(500),
        max_delay: Duration::from_secs(8),
    };

    /// The pause before retry `retry` (0-based): doubling from `first_delay`, at most
    /// `max_delay`, less up to a fifth at random so that parallel callers spread out.
    pub fn delay(&self, retry: u32) -> Duration {
        let doubled = self.first_delay.saturating_mul(2_u32.saturating_pow(retry.min(16)));
        let capped = doubled.min(self.max_delay);
        let jitter_fifths = u32::from(uuid::Uuid::new_v4().as_bytes()[0]) % 100;
        capped.saturating_sub(capped / 500 * jitter_fifths)
    }
}

/// Whether a reply is the service refusing because of the call rate: any code containing
/// `Throttling` (`Throttling`, `Throttling.User`, `Throttling.Api`, `Rejected.Throttling`), as
/// the official SDKs classify it.
pub fn is_throttling(reply: &Reply) -> bool {
    reply.status >= 400 && reply.code().is_some_and(|code| code.contains("Throttling"))
}

/// Runs `attempt` until its reply is not throttled or the policy's retries are spent, and
/// answers the last reply (a throttled one when the retries ran out). `attempt` must sign the
/// call afresh each time: the service refuses a nonce it has seen.
pub async fn retry_throttled<T, F, Fut>(
    policy: &RetryPolicy,
    stats: &RunStats,
    action: &str,
    mut attempt: F,
) -> Result<T, String>
where
    T: Borrow<Reply>,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, String>>,
{
    let mut retry = 0;
    loop {
        stats.record_call_sent();
        let outcome = attempt().await?;
        let reply: &Reply = outcome.borrow();
        if !is_throttling(reply) {
            return Ok(outcome);
        }
        let code = reply.code().unwrap_or_default();
        if retry >= policy.retries {
            if policy.retries > 0 {
                stats.record_throttling_gave_up();
                eprintln!("cloudapi-conformance: {action} still answered {code} after {retry} retries; giving up");
            }
            return Ok(outcome);
        }
        let pause = policy.delay(retry);
        stats.record_throttled_retry();
        eprintln!(
            "cloudapi-conformance: {action} answered {code}; retry {} of {} in {} ms",
            retry + 1,
            policy.retries,
            pause.as_millis()
        );
        tokio::time::sleep(pause).await;
        retry += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(status: u16, code: Option<&str>) -> Reply {
        let body = match code {
            Some(code) => format!(r#"{{"RequestId":"R","Code":"{code}"}}"#),
            None => r#"{"RequestId":"R"}"#.to_owned(),
        };
        Reply {
            status,
            content_type: "application/json;charset=utf-8".to_owned(),
            request_id_header: Some("R".to_owned()),
            body,
        }
    }

    #[test]
    fn throttling_codes() {
        for code in ["Throttling", "Throttling.User", "Throttling.Api", "Rejected.Throttling"] {
            assert!(is_throttling(&reply(400, Some(code))), "{code}");
        }
        assert!(!is_throttling(&reply(400, Some("InvalidAppName"))));
        assert!(!is_throttling(&reply(200, None)));
    }

    #[test]
    fn delays_double_up_to_the_cap() {
        let policy = RetryPolicy {
            retries: 10,
            first_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(1000),
        };
        let expected = [100, 200, 400, 800, 1000, 1000];
        for (retry, full) in expected.iter().enumerate() {
            let delay = policy.delay(u32::try_from(retry).unwrap_or(u32::MAX)).as_millis();
            assert!(delay <= *full && delay >= full * 4 / 5, "retry {retry}: {delay} ms");
        }
        assert!(policy.delay(u32::MAX) <= policy.max_delay);
    }

    #[tokio::test]
    async fn retries_until_not_throttled_and_counts() {
        let stats = RunStats::default();
        let policy = RetryPolicy {
            retries: 5,
            first_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(2),
        };
        let mut calls = 0;
        let outcome = retry_throttled(&policy, &stats, "CreateApp", || {
            calls += 1;
            let answer = if calls < 3 {
                reply(400, Some("Throttling.User"))
            } else {
                reply(200, None)
            };
            async move { Ok::<_, String>(answer) }
        })
        .await
        .expect("a reply");
        assert_eq!(outcome.status, 200);
        assert_eq!(calls, 3);
        assert_eq!(stats.snapshot().throttled_retries, 2);
    }

    #[tokio::test]
    async fn never_means_the_throttled_reply_comes_back() {
        let stats = RunStats::default();
        let mut calls = 0;
        let outcome = retry_throttled(&RetryPolicy::NEVER, &stats, "CreateApp", || {
            calls += 1;
            async { Ok::<_, String>(reply(400, Some("Throttling.User"))) }
        })
        .await
        .expect("a reply");
        assert_eq!(outcome.code().as_deref(), Some("Throttling.User"));
        assert_eq!(calls, 1);
        assert_eq!(stats.snapshot().throttled_retries, 0);
        assert_eq!(stats.snapshot().throttled_gave_up, 0);
    }
}
