//! Counters of one run, for its closing summary.

use std::sync::atomic::{AtomicU64, Ordering};

/// What the run did to the account, counted as it happens (shared by every scenario).
#[derive(Debug, Default)]
pub struct RunStats {
    calls_sent: AtomicU64,
    created: AtomicU64,
    deleted_by_scenarios: AtomicU64,
    deleted_by_cleanup: AtomicU64,
    cleanup_failures: AtomicU64,
    throttled_retries: AtomicU64,
    throttled_gave_up: AtomicU64,
}

/// The counters at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatsSnapshot {
    /// HTTP requests sent through the retrying path, retries included.
    pub calls_sent: u64,
    /// Apps, API groups: whatever the run created.
    pub created: u64,
    pub deleted_by_scenarios: u64,
    pub deleted_by_cleanup: u64,
    pub cleanup_failures: u64,
    pub throttled_retries: u64,
    pub throttled_gave_up: u64,
}

impl RunStats {
    pub fn record_call_sent(&self) {
        self.calls_sent.fetch_add(1, Ordering::Relaxed);
    }

    pub fn record_created(&self) {
        self.created.fetch_add(1, Ordering::Relaxed);
    }

    pub fn record_deleted_by_scenario(&self) {
        self.deleted_by_scenarios.fetch_add(1, Ordering::Relaxed);
    }

    pub fn record_deleted_by_cleanup(&self) {
        self.deleted_by_cleanup.fetch_add(1, Ordering::Relaxed);
    }

    pub fn record_cleanup_failure(&self) {
        self.cleanup_failures.fetch_add(1, Ordering::Relaxed);
    }

    pub fn record_throttled_retry(&self) {
        self.throttled_retries.fetch_add(1, Ordering::Relaxed);
    }

    pub fn record_throttling_gave_up(&self) {
        self.throttled_gave_up.fetch_add(1, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> StatsSnapshot {
        let read = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        StatsSnapshot {
            calls_sent: read(&self.calls_sent),
            created: read(&self.created),
            deleted_by_scenarios: read(&self.deleted_by_scenarios),
            deleted_by_cleanup: read(&self.deleted_by_cleanup),
            cleanup_failures: read(&self.cleanup_failures),
            throttled_retries: read(&self.throttled_retries),
            throttled_gave_up: read(&self.throttled_gave_up),
        }
    }
}
