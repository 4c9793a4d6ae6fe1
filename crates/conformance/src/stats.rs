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
    /// Resources deleted by the scenario that created them.
    pub deleted_by_scenarios: u64,
    /// Resources deleted by the cleanup after their scenario.
    pub deleted_by_cleanup: u64,
    /// Deletions the cleanup could not make.
    pub cleanup_failures: u64,
    /// Throttled calls retried.
    pub throttled_retries: u64,
    /// Throttled calls given up on after every retry.
    pub throttled_gave_up: u64,
}

impl RunStats {
    /// Counts one HTTP request sent.
    pub fn record_call_sent(&self) {
        self.calls_sent.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one resource created.
    pub fn record_created(&self) {
        self.created.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one resource deleted by its scenario.
    pub fn record_deleted_by_scenario(&self) {
        self.deleted_by_scenarios.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one resource deleted by the cleanup.
    pub fn record_deleted_by_cleanup(&self) {
        self.deleted_by_cleanup.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one deletion the cleanup could not make.
    pub fn record_cleanup_failure(&self) {
        self.cleanup_failures.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one throttled call retried.
    pub fn record_throttled_retry(&self) {
        self.throttled_retries.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one throttled call given up on.
    pub fn record_throttling_gave_up(&self) {
        self.throttled_gave_up.fetch_add(1, Ordering::Relaxed);
    }

    /// The counts so far.
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
