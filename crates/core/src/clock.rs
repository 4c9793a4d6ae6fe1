//! The one clock behind response timestamps, the signature window, nonce expiry and throttling.
//!
//! Tests can freeze it, set it and move it, so time-dependent rules are checked without
//! waiting.

use std::sync::RwLock;
use std::time::Duration;

use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Wall-clock time plus a skew in seconds.
    Real { skew_secs: i64 },
    /// Time stands still until advanced.
    Frozen { at: OffsetDateTime },
}

/// A clock that is real time by default and can be frozen, set and advanced.
#[derive(Debug)]
pub struct Clock {
    mode: RwLock<Mode>,
    /// The skew real time returns to ([`Clock::return_to_real_time`]).
    configured_skew_secs: i64,
}

impl Default for Clock {
    fn default() -> Self {
        Clock::real_with_skew(0)
    }
}

impl Clock {
    /// Real time shifted by `skew_secs` (positive: the mock runs ahead of the caller).
    pub fn real_with_skew(skew_secs: i64) -> Self {
        Clock {
            mode: RwLock::new(Mode::Real { skew_secs }),
            configured_skew_secs: skew_secs,
        }
    }

    /// A clock frozen at `at`.
    pub fn frozen(at: OffsetDateTime) -> Self {
        Clock {
            mode: RwLock::new(Mode::Frozen { at }),
            configured_skew_secs: 0,
        }
    }

    pub fn now(&self) -> OffsetDateTime {
        match *self.read() {
            // Unskewed is the usual case, and adding even zero to a date costs calendar
            // arithmetic on every request.
            Mode::Real { skew_secs: 0 } => OffsetDateTime::now_utc(),
            Mode::Real { skew_secs } => OffsetDateTime::now_utc() + time::Duration::seconds(skew_secs),
            Mode::Frozen { at } => at,
        }
    }

    /// Freezes the clock at `at`.
    pub fn set(&self, at: OffsetDateTime) {
        *self.write() = Mode::Frozen { at };
    }

    /// Moves the clock forward (or back, for a negative amount), frozen or not.
    pub fn advance(&self, by: time::Duration) {
        let mut mode = self.write();
        *mode = match *mode {
            Mode::Real { skew_secs } => Mode::Real {
                skew_secs: skew_secs.saturating_add(by.whole_seconds()),
            },
            Mode::Frozen { at } => Mode::Frozen {
                at: at.checked_add(by).unwrap_or(at),
            },
        };
    }

    /// Returns to real time with the given skew.
    pub fn resume_real_time(&self, skew_secs: i64) {
        *self.write() = Mode::Real { skew_secs };
    }

    /// Returns to real time with the skew the clock was made with (none for a clock made
    /// frozen): what an operator's "back to normal" means.
    ///
    /// ```
    /// let clock = cloudapi_core::Clock::real_with_skew(60);
    /// clock.set(time::OffsetDateTime::UNIX_EPOCH);
    /// clock.return_to_real_time();
    /// assert!(clock.now() > time::OffsetDateTime::now_utc());
    /// ```
    pub fn return_to_real_time(&self) {
        self.resume_real_time(self.configured_skew_secs);
    }

    pub fn is_frozen(&self) -> bool {
        matches!(*self.read(), Mode::Frozen { .. })
    }

    /// Time since the Unix epoch, the reference the rate limiter measures with.
    pub fn since_epoch(&self) -> Duration {
        let now = self.now();
        let nanos = now.unix_timestamp_nanos();
        Duration::from_nanos(u64::try_from(nanos).unwrap_or(0))
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Mode> {
        self.mode.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Mode> {
        self.mode.write().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn frozen_clock_moves_only_when_told() {
        let clock = Clock::frozen(datetime!(2026-11-30 09:31:28 UTC));
        assert_eq!(clock.now(), datetime!(2026-11-30 09:31:28 UTC));
        clock.advance(time::Duration::minutes(16));
        assert_eq!(clock.now(), datetime!(2026-11-30 09:47:28 UTC));
    }

    #[test]
    fn skew_shifts_real_time() {
        let clock = Clock::real_with_skew(3600);
        let ahead = clock.now() - OffsetDateTime::now_utc();
        assert!(ahead > time::Duration::minutes(59));
        clock.resume_real_time(0);
        assert!(!clock.is_frozen());
    }

    #[test]
    fn real_time_returns_with_the_configured_skew() {
        let clock = Clock::real_with_skew(-7200);
        clock.set(datetime!(2026-11-30 09:31:28 UTC));
        assert!(clock.is_frozen());
        clock.return_to_real_time();
        assert!(!clock.is_frozen());
        let behind = OffsetDateTime::now_utc() - clock.now();
        assert!(behind > time::Duration::minutes(119) && behind < time::Duration::minutes(121));
    }
}
