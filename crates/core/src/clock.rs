//! The one clock behind response timestamps, the signature window, nonce expiry and throttling.
//!
//! Tests can freeze it, set it and move it, so time-dependent rules are checked without
//! waiting. It never leaves [`Clock::EARLIEST`]..=[`Clock::LATEST`]: past the latest there
//! is room in the calendar for everything the gateway adds to the clock's time (a nonce's
//! time to live, the timestamp window, both at most [`Clock::MAX_LOOKAHEAD`]), so no
//! arithmetic on a time the mock shows can leave the calendar.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{RwLock, RwLockWriteGuard};
use std::time::Duration;

use time::macros::datetime;
use time::{OffsetDateTime, UtcOffset};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Wall-clock time plus a skew in seconds.
    Real { skew_secs: i64 },
    /// Time stands still until advanced; always in range, in UTC.
    Frozen { at: OffsetDateTime },
}

/// A clock that is real time by default and can be frozen, set and advanced.
///
/// ```
/// use time::macros::datetime;
/// let clock = cloudapi_core::Clock::default();
/// clock.try_set(datetime!(2026-11-30 09:31:28 UTC)).unwrap();
/// clock.try_advance(time::Duration::minutes(31)).unwrap();
/// assert_eq!(clock.now(), datetime!(2026-11-30 10:02:28 UTC));
/// // Outside the range: refused, and the clock stays where it was.
/// assert!(clock.try_set(datetime!(9999-12-31 23:59:59 -1)).is_err());
/// assert_eq!(clock.now(), datetime!(2026-11-30 10:02:28 UTC));
/// ```
#[derive(Debug)]
pub struct Clock {
    mode: RwLock<Mode>,
    /// Whether `mode` is real time without skew, the usual case: then [`Clock::now`] reads
    /// the wall clock without taking the lock. Two requests on two cores each taking a read
    /// lock twice bounce the lock's cache line between the cores; a load leaves it shared.
    /// Written only under the write lock, after `mode`.
    plain_real_time: AtomicBool,
    /// The skew real time returns to ([`Clock::return_to_real_time`]).
    configured_skew_secs: i64,
}

/// A time, or a move of the clock, that would take it outside
/// [`Clock::EARLIEST`]..=[`Clock::LATEST`]; the clock did not change.
///
/// ```
/// let clock = cloudapi_core::Clock::default();
/// let refused = clock.try_advance(time::Duration::days(10_000 * 366)).unwrap_err();
/// assert!(refused.to_string().contains("1970-01-01T00:00:00Z"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfRange {
    /// What was asked for, in words.
    pub requested: String,
}

impl fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is outside the mock's clock range, {} to {}",
            self.requested,
            crate::protocol::timestamp::format(Clock::EARLIEST),
            crate::protocol::timestamp::format(Clock::LATEST)
        )
    }
}

impl std::error::Error for OutOfRange {}

impl Default for Clock {
    fn default() -> Self {
        Clock::real_with_skew(0)
    }
}

impl Clock {
    /// The earliest time the clock shows: the Unix epoch, which the rate limiter measures from.
    pub const EARLIEST: OffsetDateTime = datetime!(1970-01-01 00:00:00 UTC);
    /// The latest time the clock shows, a year short of the calendar's end.
    pub const LATEST: OffsetDateTime = datetime!(9999-01-01 00:00:00 UTC);
    /// The most the service adds to the clock's time (the nonce TTL, the timestamp window):
    /// [`Clock::LATEST`] plus this still fits the calendar.
    pub const MAX_LOOKAHEAD: Duration = Duration::from_secs(30 * 24 * 3600);

    /// Real time shifted by `skew_secs` (positive: the mock runs ahead of the caller). A skew
    /// that takes the clock out of range is held at the range's edge; see
    /// [`Clock::try_real_with_skew`] to refuse it instead.
    ///
    /// ```
    /// let clock = cloudapi_core::Clock::real_with_skew(i64::MAX);
    /// assert_eq!(clock.now(), cloudapi_core::Clock::LATEST);
    /// ```
    pub fn real_with_skew(skew_secs: i64) -> Self {
        let mode = Mode::Real { skew_secs };
        Clock {
            mode: RwLock::new(mode),
            plain_real_time: AtomicBool::new(mode.is_plain_real_time()),
            configured_skew_secs: skew_secs,
        }
    }

    /// Real time shifted by `skew_secs`, refused when that is out of range now.
    ///
    /// ```
    /// use cloudapi_core::Clock;
    /// assert!(Clock::try_real_with_skew(-3600).is_ok());
    /// assert!(Clock::try_real_with_skew(i64::MIN).is_err());
    /// ```
    pub fn try_real_with_skew(skew_secs: i64) -> Result<Self, OutOfRange> {
        skewed_now(skew_secs)
            .filter(in_range)
            .map(|_| Clock::real_with_skew(skew_secs))
            .ok_or_else(|| OutOfRange {
                requested: format!("a clock {skew_secs} s off this machine's"),
            })
    }

    /// A clock frozen at `at`, held to the range.
    ///
    /// ```
    /// use time::macros::datetime;
    /// let clock = cloudapi_core::Clock::frozen(datetime!(2026-11-30 09:31:28 UTC));
    /// assert!(clock.is_frozen());
    /// ```
    pub fn frozen(at: OffsetDateTime) -> Self {
        Clock {
            mode: RwLock::new(Mode::Frozen { at: clamp(at) }),
            plain_real_time: AtomicBool::new(false),
            configured_skew_secs: 0,
        }
    }

    /// The mock's time now, in UTC.
    ///
    /// ```
    /// let clock = cloudapi_core::Clock::default();
    /// assert!(clock.now() >= cloudapi_core::Clock::EARLIEST);
    /// ```
    pub fn now(&self) -> OffsetDateTime {
        // A change of mode that this load does not see yet was not over when `now` began.
        if self.plain_real_time.load(Ordering::Acquire) {
            return clamp_utc(OffsetDateTime::now_utc());
        }
        match *self.read() {
            // Unskewed is the usual case, and adding even zero to a date costs calendar
            // arithmetic on every request.
            Mode::Real { skew_secs: 0 } => clamp_utc(OffsetDateTime::now_utc()),
            Mode::Real { skew_secs } => {
                skewed_now(skew_secs).map_or(if skew_secs > 0 { Clock::LATEST } else { Clock::EARLIEST }, clamp)
            }
            Mode::Frozen { at } => at,
        }
    }

    /// Freezes the clock at `at`, held to the range; [`Clock::try_set`] refuses instead.
    ///
    /// ```
    /// use time::macros::datetime;
    /// let clock = cloudapi_core::Clock::default();
    /// clock.set(datetime!(2026-11-30 09:31:28 UTC));
    /// assert_eq!(clock.now(), datetime!(2026-11-30 09:31:28 UTC));
    /// ```
    pub fn set(&self, at: OffsetDateTime) {
        *self.write() = Mode::Frozen { at: clamp(at) };
    }

    /// Freezes the clock at `at`, or refuses a time out of range and changes nothing.
    ///
    /// ```
    /// use time::macros::datetime;
    /// let clock = cloudapi_core::Clock::default();
    /// assert!(clock.try_set(datetime!(0000-01-01 00:00:00 +1)).is_err());
    /// assert!(!clock.is_frozen());
    /// ```
    pub fn try_set(&self, at: OffsetDateTime) -> Result<(), OutOfRange> {
        if !in_range(&at) {
            return Err(OutOfRange {
                requested: describe(at),
            });
        }
        self.set(at);
        Ok(())
    }

    /// Moves the clock forward (or back, for a negative amount), frozen or not, held to the
    /// range; [`Clock::try_advance`] refuses instead.
    ///
    /// ```
    /// use time::macros::datetime;
    /// let clock = cloudapi_core::Clock::frozen(datetime!(2026-11-30 09:31:28 UTC));
    /// clock.advance(time::Duration::MAX);
    /// assert_eq!(clock.now(), cloudapi_core::Clock::LATEST);
    /// ```
    pub fn advance(&self, by: time::Duration) {
        let mut mode = self.write();
        *mode = match *mode {
            Mode::Real { skew_secs } => Mode::Real {
                skew_secs: skew_secs.saturating_add(by.whole_seconds()),
            },
            Mode::Frozen { at } => Mode::Frozen {
                at: at.checked_add(by).map_or(
                    if by.is_positive() {
                        Clock::LATEST
                    } else {
                        Clock::EARLIEST
                    },
                    clamp,
                ),
            },
        };
    }

    /// Moves the clock by `by`, or refuses a move that leaves the range and changes nothing.
    ///
    /// ```
    /// let clock = cloudapi_core::Clock::default();
    /// assert!(clock.try_advance(time::Duration::seconds(i64::MIN)).is_err());
    /// assert!(clock.try_advance(time::Duration::minutes(-31)).is_ok());
    /// ```
    pub fn try_advance(&self, by: time::Duration) -> Result<(), OutOfRange> {
        let mut mode = self.write();
        let refused = || OutOfRange {
            requested: format!("moving the clock by {} s", by.whole_seconds()),
        };
        *mode = match *mode {
            Mode::Real { skew_secs } => {
                let skew_secs = skew_secs.checked_add(by.whole_seconds()).ok_or_else(refused)?;
                skewed_now(skew_secs).filter(in_range).ok_or_else(refused)?;
                Mode::Real { skew_secs }
            }
            Mode::Frozen { at } => Mode::Frozen {
                at: at.checked_add(by).filter(in_range).ok_or_else(refused)?,
            },
        };
        Ok(())
    }

    /// Returns to real time with the given skew (held to the range, as
    /// [`Clock::real_with_skew`]).
    ///
    /// ```
    /// let clock = cloudapi_core::Clock::frozen(time::OffsetDateTime::UNIX_EPOCH);
    /// clock.resume_real_time(0);
    /// assert!(!clock.is_frozen());
    /// ```
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

    /// Whether the clock is frozen (set, or made frozen) rather than following real time.
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

    fn write(&self) -> ModeChange<'_> {
        ModeChange {
            mode: self.mode.write().unwrap_or_else(std::sync::PoisonError::into_inner),
            plain_real_time: &self.plain_real_time,
        }
    }
}

/// The clock's mode held for a change; letting go of it publishes whether the new mode is
/// plain real time, before the lock is released.
struct ModeChange<'a> {
    mode: RwLockWriteGuard<'a, Mode>,
    plain_real_time: &'a AtomicBool,
}

impl std::ops::Deref for ModeChange<'_> {
    type Target = Mode;

    fn deref(&self) -> &Mode {
        &self.mode
    }
}

impl std::ops::DerefMut for ModeChange<'_> {
    fn deref_mut(&mut self) -> &mut Mode {
        &mut self.mode
    }
}

impl Drop for ModeChange<'_> {
    fn drop(&mut self) {
        // Fields drop after this body: the flag is stored while the write lock is held.
        self.plain_real_time
            .store(self.mode.is_plain_real_time(), Ordering::Release);
    }
}

impl Mode {
    fn is_plain_real_time(&self) -> bool {
        matches!(self, Mode::Real { skew_secs: 0 })
    }
}

/// The wall clock shifted by a skew, `None` past the calendar.
fn skewed_now(skew_secs: i64) -> Option<OffsetDateTime> {
    OffsetDateTime::now_utc().checked_add(time::Duration::seconds(skew_secs))
}

fn in_range(at: &OffsetDateTime) -> bool {
    (Clock::EARLIEST..=Clock::LATEST).contains(at)
}

/// In range and in UTC: every reader formats the clock's time in UTC, and an offset could put
/// that past the calendar's last year.
fn clamp(at: OffsetDateTime) -> OffsetDateTime {
    at.clamp(Clock::EARLIEST, Clock::LATEST).to_offset(UtcOffset::UTC)
}

/// [`clamp`] of a time already in UTC, as real time is: any year from the earliest's to the
/// one before the latest's is in range, and a year is read without the calendar arithmetic
/// that comparing two times costs, on every request.
fn clamp_utc(at: OffsetDateTime) -> OffsetDateTime {
    if at.offset().is_utc() && (Clock::EARLIEST.year()..Clock::LATEST.year()).contains(&at.year()) {
        at
    } else {
        clamp(at)
    }
}

/// A time as the operator gave it, also one whose UTC is outside the calendar.
fn describe(at: OffsetDateTime) -> String {
    let offset = at.offset();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02} at UTC offset {:+03}:{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        offset.whole_hours(),
        offset.minutes_past_hour().unsigned_abs()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_shortcut_for_utc_clamps_as_clamp_does() {
        let second = time::Duration::SECOND;
        let nano = time::Duration::NANOSECOND;
        let samples = [
            Clock::EARLIEST,
            Clock::EARLIEST - nano,
            Clock::EARLIEST - 400 * time::Duration::DAY,
            Clock::LATEST,
            Clock::LATEST - nano,
            Clock::LATEST + second,
            datetime!(9998-12-31 23:59:59.999_999_999 UTC),
            datetime!(-9999-01-01 00:00:00 UTC),
            datetime!(2026-11-30 09:31:28 UTC),
            datetime!(2026-11-30 09:31:28 +8),
            datetime!(1970-01-01 07:00:00 +8),
            datetime!(9998-12-31 23:00:00 -2),
        ];
        for at in samples {
            let (fast, reference) = (clamp_utc(at), clamp(at));
            assert_eq!(fast, reference, "{at}");
            assert_eq!(fast.offset(), reference.offset(), "{at}");
        }
    }

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

    /// `now` skips the lock only while the clock is real time without skew: every change of
    /// mode, from either side and through every way of making it, is seen by the next read.
    #[test]
    fn every_change_of_mode_is_seen_by_the_next_read() {
        let at = datetime!(2026-11-30 09:31:28 UTC);
        let near_real_time =
            |clock: &Clock| (clock.now() - OffsetDateTime::now_utc()).abs() < time::Duration::minutes(1);
        let clock = Clock::default();
        assert!(near_real_time(&clock));
        clock.set(at);
        assert_eq!(clock.now(), at);
        clock.return_to_real_time();
        assert!(near_real_time(&clock));
        assert!(clock.try_set(at).is_ok());
        assert_eq!(clock.now(), at);
        clock.resume_real_time(0);
        assert!(near_real_time(&clock));
        clock.advance(time::Duration::hours(2));
        assert!(clock.now() - OffsetDateTime::now_utc() > time::Duration::minutes(119));
        assert!(clock.try_advance(time::Duration::hours(-2)).is_ok());
        assert!(near_real_time(&clock));
        // A refused move changes nothing, and leaves the shortcut as it was.
        assert!(clock.try_advance(time::Duration::seconds(i64::MIN)).is_err());
        assert!(near_real_time(&clock));
        assert!(!clock.is_frozen());
    }

    #[test]
    fn times_out_of_range_are_refused_and_change_nothing() {
        let clock = Clock::frozen(datetime!(2026-11-30 09:31:28 UTC));
        for outside in [
            datetime!(9999-12-31 23:59:59 -1),
            datetime!(9999-12-31 23:59:59 UTC),
            datetime!(0000-01-01 00:00:00 +1),
            datetime!(1969-12-31 23:59:59 UTC),
            datetime!(-9999-01-01 00:00:00 UTC),
        ] {
            assert!(clock.try_set(outside).is_err(), "{outside}");
        }
        for by in [
            time::Duration::MAX,
            time::Duration::MIN,
            time::Duration::days(3_000_000),
        ] {
            assert!(clock.try_advance(by).is_err(), "{by}");
        }
        assert_eq!(clock.now(), datetime!(2026-11-30 09:31:28 UTC));
        clock.try_set(Clock::LATEST).expect("the edge is in range");
        assert!(clock.try_advance(time::Duration::seconds(1)).is_err());
        clock.try_set(Clock::EARLIEST).expect("the edge is in range");
        assert!(clock.try_advance(time::Duration::seconds(-1)).is_err());
    }

    #[test]
    fn a_time_with_an_offset_is_kept_in_utc() {
        let clock = Clock::default();
        clock.try_set(datetime!(2026-11-30 17:31:28 +8)).expect("in range");
        assert_eq!(clock.now().offset(), UtcOffset::UTC);
        assert_eq!(clock.now(), datetime!(2026-11-30 09:31:28 UTC));
    }

    #[test]
    fn a_real_clock_stays_in_range_whatever_its_skew() {
        for skew in [i64::MAX, i64::MIN, 400 * 366 * 86_400 * 100] {
            assert!(Clock::try_real_with_skew(skew).is_err(), "{skew}");
            let held = Clock::real_with_skew(skew).now();
            assert!(in_range(&held), "{skew}: {held}");
        }
        let real = Clock::default();
        assert!(real.try_advance(time::Duration::seconds(i64::MAX)).is_err());
        real.advance(time::Duration::seconds(i64::MAX));
        assert_eq!(real.now(), Clock::LATEST);
    }

    #[test]
    fn the_latest_time_plus_the_lookahead_fits_the_calendar() {
        let lookahead = time::Duration::try_from(Clock::MAX_LOOKAHEAD).expect("small");
        assert!(Clock::LATEST.checked_add(lookahead).is_some());
        assert!(Clock::EARLIEST.checked_sub(lookahead).is_some());
    }
}
