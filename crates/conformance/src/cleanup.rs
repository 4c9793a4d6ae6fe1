//! Nothing the suite creates on a real account may outlive the run. Every app a remote
//! scenario creates is tracked from the moment its id is known, in memory and in a ledger
//! file; it is deleted when its scenario ends, passed or failed; on Ctrl-C or SIGTERM the run
//! stops creating, waits for calls in flight, and deletes what is left; whatever a crash still
//! leaves behind stays in the ledger for the sweep (`cloudapi-sweep`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::api::Api;
use crate::stats::RunStats;

/// One app the suite created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackedApp {
    pub app_id: String,
    /// The name on the wire (with the run prefix, unless the scenario used exact names).
    pub name: String,
    /// `feature: scenario`.
    pub scenario: String,
    pub endpoint: String,
    pub region: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// The ledger file: apps created and not yet known to be deleted, across runs.
#[derive(Debug, Default, Serialize, Deserialize)]
struct LedgerFile {
    note: String,
    apps: Vec<TrackedApp>,
}

const LEDGER_NOTE: &str = "Apps the contract suite created on remote targets and has not seen deleted. \
    `cargo run -p cloudapi-conformance --bin cloudapi-sweep` deletes them. Written by the suite; safe to delete once empty.";

/// Reads a ledger; a missing file is an empty ledger.
pub fn read_ledger(path: &Path) -> Result<Vec<TrackedApp>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str::<LedgerFile>(&text)
            .map(|ledger| ledger.apps)
            .map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Writes a ledger, through a temporary file so that an interruption leaves the old one.
pub fn write_ledger(path: &Path, apps: &[TrackedApp]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let ledger = LedgerFile {
        note: LEDGER_NOTE.to_owned(),
        apps: apps.to_vec(),
    };
    let text = serde_json::to_string_pretty(&ledger).map_err(|e| e.to_string())?;
    let temporary = path.with_extension("json.tmp");
    std::fs::write(&temporary, text + "\n").map_err(|e| format!("{}: {e}", temporary.display()))?;
    std::fs::rename(&temporary, path).map_err(|e| format!("{}: {e}", path.display()))
}

#[derive(Debug, Default)]
struct TrackerState {
    /// This run's live apps, by id.
    live: BTreeMap<String, TrackedApp>,
    /// Entries of earlier runs found in the ledger: kept as they are, for the sweep.
    inherited: Vec<TrackedApp>,
    /// Every id this run created, deleted ones included.
    ever_created: std::collections::BTreeSet<String>,
    created_total: usize,
    creating: usize,
    stopping: bool,
}

/// The apps of one run, with the cap on how many it may create.
#[derive(Debug)]
pub struct Tracker {
    state: Mutex<TrackerState>,
    ledger: Option<PathBuf>,
    cap: usize,
}

impl Tracker {
    /// A tracker allowing `cap` creations, keeping its ledger at `ledger` (earlier entries are
    /// kept for the sweep, never deleted by a run).
    pub fn new(cap: usize, ledger: Option<PathBuf>) -> Result<Tracker, String> {
        let inherited = match &ledger {
            Some(path) => read_ledger(path)?,
            None => Vec::new(),
        };
        Ok(Tracker {
            state: Mutex::new(TrackerState {
                inherited,
                ..TrackerState::default()
            }),
            ledger,
            cap,
        })
    }

    fn lock(&self) -> MutexGuard<'_, TrackerState> {
        // A panic elsewhere must not stop the cleanup: the state stays consistent per call.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Asks to create one app: refused once the run is stopping or has reached its cap. The
    /// guard must be told the app's id if the creation succeeded.
    pub fn begin_create(&self) -> Result<CreateGuard<'_>, String> {
        let mut state = self.lock();
        if state.stopping {
            return Err("the run is stopping: no more apps are created".to_owned());
        }
        if state.created_total + state.creating >= self.cap {
            return Err(format!(
                "this run has created {} apps, its cap (CLOUDAPI_MAX_APPS={}); raise the cap if the suite really needs more",
                state.created_total, self.cap
            ));
        }
        state.creating += 1;
        Ok(CreateGuard { tracker: self })
    }

    /// An app the service deleted (or reports as not found).
    pub fn forget(&self, app_id: &str) -> bool {
        let mut state = self.lock();
        let known = state.live.remove(app_id).is_some();
        let before = state.inherited.len();
        state.inherited.retain(|app| app.app_id != app_id);
        let changed = known || before != state.inherited.len();
        if changed {
            self.persist(&state);
        }
        known
    }

    /// Whether this run created `app_id` (whether or not it still exists).
    pub fn created_by_run(&self, app_id: &str) -> bool {
        self.lock().ever_created.contains(app_id)
    }

    /// Whether `app_id` is one of this run's live apps.
    pub fn is_live(&self, app_id: &str) -> bool {
        self.lock().live.contains_key(app_id)
    }

    /// This run's live apps.
    pub fn live(&self) -> Vec<TrackedApp> {
        self.lock().live.values().cloned().collect()
    }

    /// Apps earlier runs left in the ledger.
    pub fn inherited(&self) -> Vec<TrackedApp> {
        self.lock().inherited.clone()
    }

    pub fn created_total(&self) -> usize {
        self.lock().created_total
    }

    /// From now on no app is created.
    pub fn stop(&self) {
        self.lock().stopping = true;
    }

    /// Waits until no creation is in flight, at most `timeout`; answers whether it got there.
    pub async fn wait_idle(&self, timeout: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if self.lock().creating == 0 {
                return true;
            }
            if tokio::time::Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    fn persist(&self, state: &TrackerState) {
        let Some(path) = &self.ledger else { return };
        let mut apps = state.inherited.clone();
        apps.extend(state.live.values().cloned());
        if let Err(e) = write_ledger(path, &apps) {
            eprintln!("cloudapi-conformance: cannot write the ledger: {e}");
        }
    }
}

/// One creation in flight; dropping it without [`CreateGuard::created`] means no app came of it.
#[derive(Debug)]
pub struct CreateGuard<'a> {
    tracker: &'a Tracker,
}

impl CreateGuard<'_> {
    /// The service created `app`.
    pub fn created(self, app: TrackedApp) {
        let mut state = self.tracker.lock();
        state.created_total += 1;
        state.ever_created.insert(app.app_id.clone());
        state.live.insert(app.app_id.clone(), app);
        self.tracker.persist(&state);
    }
}

impl Drop for CreateGuard<'_> {
    fn drop(&mut self) {
        let mut state = self.tracker.lock();
        state.creating = state.creating.saturating_sub(1);
    }
}

/// What a cleanup did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CleanupOutcome {
    pub deleted: Vec<String>,
    /// Already gone (the service answered `NotFoundApp`).
    pub already_gone: Vec<String>,
    /// Ids that could not be deleted, with why (the whole reply).
    pub failed: Vec<(String, String)>,
}

impl CleanupOutcome {
    pub fn is_clean(&self) -> bool {
        self.failed.is_empty()
    }

    /// A report of the failures, for a hook's panic or the run's summary.
    pub fn failure_report(&self) -> String {
        let mut text = format!(
            "{} app(s) could not be deleted; they stay in the ledger, run `cargo run -p cloudapi-conformance --bin cloudapi-sweep -- --delete`:",
            self.failed.len()
        );
        for (app_id, why) in &self.failed {
            text.push_str(&format!("\n- AppId {app_id}: {why}"));
        }
        text
    }
}

/// Deletes `apps` one by one (a failure does not stop the others); ids deleted or already
/// gone leave the tracker.
pub async fn delete_apps(api: &Api, tracker: &Tracker, stats: &RunStats, apps: &[TrackedApp]) -> CleanupOutcome {
    let mut outcome = CleanupOutcome::default();
    for app in apps {
        let params = [("AppId".to_owned(), app.app_id.clone())];
        match api.call("DeleteApp", &params).await {
            Ok(reply) if reply.status == 200 => {
                tracker.forget(&app.app_id);
                stats.record_app_deleted_by_cleanup();
                outcome.deleted.push(app.app_id.clone());
            }
            Ok(reply) if reply.code().as_deref() == Some("NotFoundApp") => {
                tracker.forget(&app.app_id);
                outcome.already_gone.push(app.app_id.clone());
            }
            Ok(reply) => {
                stats.record_cleanup_failure();
                outcome.failed.push((
                    app.app_id.clone(),
                    format!("DeleteApp answered HTTP {}: {}", reply.status, reply.body),
                ));
            }
            Err(e) => {
                stats.record_cleanup_failure();
                outcome.failed.push((app.app_id.clone(), e));
            }
        }
    }
    outcome
}

/// The interruption path: stop creating, let calls in flight land (at most `grace`), then
/// delete every app of this run still alive.
pub async fn abandon_run(api: &Api, tracker: &Tracker, stats: &RunStats, grace: Duration) -> CleanupOutcome {
    tracker.stop();
    if !tracker.wait_idle(grace).await {
        eprintln!(
            "cloudapi-conformance: a CreateApp was still in flight after {} s; if it succeeded, its app carries the run prefix for the sweep",
            grace.as_secs()
        );
    }
    let live = tracker.live();
    delete_apps(api, tracker, stats, &live).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(id: &str) -> TrackedApp {
        TrackedApp {
            app_id: id.to_owned(),
            name: format!("cm1ab_app_{id}"),
            scenario: "apps/x: y".to_owned(),
            endpoint: "http://127.0.0.1:1".to_owned(),
            region: "cn-hangzhou".to_owned(),
            created_at: "2026-01-01T00:00:00Z".to_owned(),
        }
    }

    fn temporary_ledger(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("cloudapi-conformance-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir.join("ledger.json")
    }

    #[test]
    fn the_ledger_follows_creations_and_deletions() {
        let path = temporary_ledger("follows");
        let tracker = Tracker::new(10, Some(path.clone())).expect("tracker");
        tracker.begin_create().expect("allowed").created(app("1"));
        tracker.begin_create().expect("allowed").created(app("2"));
        assert_eq!(read_ledger(&path).expect("ledger").len(), 2);
        assert!(tracker.forget("1"));
        let left = read_ledger(&path).expect("ledger");
        assert_eq!(left, vec![app("2")]);
        assert!(!tracker.forget("1"));
    }

    #[test]
    fn earlier_entries_are_kept_for_the_sweep() {
        let path = temporary_ledger("kept");
        write_ledger(&path, &[app("7")]).expect("written");
        let tracker = Tracker::new(10, Some(path.clone())).expect("tracker");
        tracker.begin_create().expect("allowed").created(app("8"));
        let ids: Vec<String> = read_ledger(&path)
            .expect("ledger")
            .into_iter()
            .map(|a| a.app_id)
            .collect();
        assert_eq!(ids, ["7", "8"]);
        assert_eq!(tracker.inherited(), vec![app("7")]);
        assert_eq!(tracker.live(), vec![app("8")]);
    }

    #[test]
    fn the_cap_counts_creations_in_flight() {
        let tracker = Tracker::new(2, None).expect("tracker");
        let first = tracker.begin_create().expect("first");
        let second = tracker.begin_create().expect("second");
        let refused = tracker.begin_create().expect_err("third");
        assert!(refused.contains("CLOUDAPI_MAX_APPS=2"), "{refused}");
        drop(second);
        first.created(app("1"));
        tracker
            .begin_create()
            .expect("a failed creation gives its place back")
            .created(app("2"));
        assert!(tracker.begin_create().is_err());
        tracker.forget("1");
        assert!(
            tracker.begin_create().is_err(),
            "the cap counts creations, not live apps"
        );
    }

    #[tokio::test]
    async fn stopping_refuses_and_waits_for_flight() {
        let tracker = std::sync::Arc::new(Tracker::new(10, None).expect("tracker"));
        let guard = tracker.begin_create().expect("allowed");
        tracker.stop();
        assert!(tracker.begin_create().is_err());
        assert!(!tracker.wait_idle(Duration::from_millis(50)).await);
        guard.created(app("3"));
        assert!(tracker.wait_idle(Duration::from_millis(50)).await);
        assert_eq!(tracker.live().len(), 1);
    }
}
