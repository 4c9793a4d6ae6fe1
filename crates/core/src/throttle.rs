//! Per-account flow control (`Throttling.User`), measured on the service's own clock.

use std::num::NonZeroU32;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use governor::clock::Clock as GovernorClock;
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::HashMapStateStore;
use governor::{Quota, RateLimiter};

use crate::clock::Clock;

/// Lets governor read the service clock, so a frozen clock freezes the rate too.
#[derive(Debug, Clone)]
struct ServiceClock(Arc<Clock>);

impl GovernorClock for ServiceClock {
    type Instant = Duration;

    fn now(&self) -> Duration {
        self.0.since_epoch()
    }
}

/// What a budget is kept for: an account calling one action.
pub type ThrottleKey = (String, &'static str);

type Limiter = RateLimiter<ThrottleKey, HashMapStateStore<ThrottleKey>, ServiceClock, NoOpMiddleware<Duration>>;

/// Per-account rate limits for the throttled actions, on the service's clock.
#[derive(Debug)]
pub struct Throttle {
    clock: Arc<Clock>,
    limiter: RwLock<Option<Limiter>>,
    /// Whether `limiter` is `Some`, readable without the lock: with throttling off a
    /// throttled action neither takes the lock (whose cache line two cores would pass back
    /// and forth) nor builds a key. Written under the write lock, with `limiter`.
    on: AtomicBool,
}

impl Throttle {
    /// `per_second` calls per second per key; 0 switches throttling off.
    pub fn new(clock: Arc<Clock>, per_second: u32) -> Self {
        let throttle = Throttle {
            clock,
            limiter: RwLock::new(None),
            on: AtomicBool::new(false),
        };
        throttle.set_rate(per_second);
        throttle
    }

    /// Replaces the rate, forgetting what was spent.
    pub fn set_rate(&self, per_second: u32) {
        let limiter = NonZeroU32::new(per_second).map(|rate| {
            RateLimiter::new(
                Quota::per_second(rate),
                HashMapStateStore::default(),
                ServiceClock(self.clock.clone()),
            )
        });
        let mut current = self.limiter.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        self.on.store(limiter.is_some(), Ordering::Release);
        *current = limiter;
    }

    /// Spends one call of the budget of `account_uid` calling `action`; false when the
    /// budget is exhausted.
    pub fn admit(&self, account_uid: &str, action: &'static str) -> bool {
        if !self.on.load(Ordering::Acquire) {
            return true;
        }
        let limiter = self.limiter.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        match limiter.as_ref() {
            Some(limiter) => limiter.check_key(&(account_uid.to_owned(), action)).is_ok(),
            None => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_burst_over_the_rate_is_refused_until_time_moves() {
        let clock = Arc::new(Clock::frozen(datetime!(2026-11-30 09:00:00 UTC)));
        let throttle = Throttle::new(clock.clone(), 50);
        assert!((0..50).all(|_| throttle.admit("1", "CreateApp")));
        assert!(!throttle.admit("1", "CreateApp"));
        assert!(throttle.admit("2", "CreateApp"), "other accounts have their own budget");
        assert!(throttle.admit("1", "ModifyApp"), "other actions have their own budget");
        clock.advance(time::Duration::seconds(1));
        assert!(throttle.admit("1", "CreateApp"));
    }

    #[test]
    fn zero_switches_it_off() {
        let clock = Arc::new(Clock::frozen(datetime!(2026-11-30 09:00:00 UTC)));
        let throttle = Throttle::new(clock, 0);
        assert!((0..1000).all(|_| throttle.admit("1", "CreateApp")));
    }

    #[test]
    fn a_rate_set_later_holds_and_zero_lifts_it_again() {
        let clock = Arc::new(Clock::frozen(datetime!(2026-11-30 09:00:00 UTC)));
        let throttle = Throttle::new(clock, 0);
        throttle.set_rate(2);
        assert!(throttle.admit("1", "CreateApp") && throttle.admit("1", "CreateApp"));
        assert!(!throttle.admit("1", "CreateApp"));
        throttle.set_rate(0);
        assert!((0..100).all(|_| throttle.admit("1", "CreateApp")));
    }
}
