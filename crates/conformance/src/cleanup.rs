//! Nothing the suite creates on a real account may outlive the run. Every resource a remote
//! scenario creates (an app, an API group: whatever its action declares it creates) is tracked
//! from the moment its id is known, in memory and in a ledger file; it is deleted when its
//! scenario ends, passed or failed; on Ctrl-C or SIGTERM the run stops creating, waits for
//! calls in flight, and deletes what is left; whatever a crash still leaves behind stays in
//! the ledger for the sweep (`cloudapi-sweep`). Deleting goes through each resource's declared
//! delete action, in dependency order ([`crate::teardown`]): what lives inside another first
//! (an API before its group), newest first; a deployed API is abolished from its stages
//! first, and a group whose deletion is refused has the APIs it still holds deleted first.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::api::Api;
use crate::stats::RunStats;
use crate::{sweep, teardown};
use cloudapi_core::operations::Resource;

/// One resource the suite created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracked {
    /// What it is, by its tag type (`app`, `apiGroup`); ledgers written before groups existed
    /// list apps only and say nothing.
    #[serde(default = "default_resource", with = "resource_name")]
    pub resource: Resource,
    /// Its id (`AppId`, `GroupId`).
    #[serde(alias = "app_id")]
    pub id: String,
    /// The name on the wire (with the run prefix, unless the scenario used exact names).
    pub name: String,
    /// `feature: scenario`.
    pub scenario: String,
    /// The endpoint it was created at.
    pub endpoint: String,
    /// The region it was created in.
    pub region: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

impl Tracked {
    /// `AppId 7`, `GroupId 0f…`: how reports name it.
    pub fn label(&self) -> String {
        format!("{} {}", self.resource.id_field(), self.id)
    }
}

fn default_resource() -> Resource {
    Resource::App
}

/// A resource in the ledger is written by its tag type.
mod resource_name {
    use serde::{Deserialize, Deserializer, Serializer};

    use cloudapi_core::operations::Resource;

    /// Writes the resource as its tag type (`app`, `apiGroup`).
    pub fn serialize<S: Serializer>(resource: &Resource, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(resource.tag_type())
    }

    /// Reads a resource from its tag type.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Resource, D::Error> {
        let name = String::deserialize(deserializer)?;
        Resource::ALL
            .iter()
            .copied()
            .find(|resource| resource.tag_type() == name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown resource {name:?}")))
    }
}

/// The ledger file: resources created and not yet known to be deleted, across runs.
#[derive(Debug, Default, Serialize, Deserialize)]
struct LedgerFile {
    note: String,
    #[serde(alias = "apps")]
    resources: Vec<Tracked>,
}

const LEDGER_NOTE: &str = "Apps, API groups and APIs the contract suite created on remote targets and has not seen deleted. \
    `cargo run -p cloudapi-conformance --bin cloudapi-sweep` deletes them. Written by the suite; safe to delete once empty.";

/// Reads a ledger; a missing file is an empty ledger.
pub fn read_ledger(path: &Path) -> Result<Vec<Tracked>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str::<LedgerFile>(&text)
            .map(|ledger| ledger.resources)
            .map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Writes a ledger, through a temporary file so that an interruption leaves the old one.
pub fn write_ledger(path: &Path, resources: &[Tracked]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let ledger = LedgerFile {
        note: LEDGER_NOTE.to_owned(),
        resources: resources.to_vec(),
    };
    let text = serde_json::to_string_pretty(&ledger).map_err(|e| e.to_string())?;
    let temporary = path.with_extension("json.tmp");
    std::fs::write(&temporary, text + "\n").map_err(|e| format!("{}: {e}", temporary.display()))?;
    std::fs::rename(&temporary, path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The key of one resource in the tracker: its kind and its id (an AppId and a GroupId never
/// compare).
fn key(resource: Resource, id: &str) -> (&'static str, String) {
    (resource.tag_type(), id.to_owned())
}

#[derive(Debug, Default)]
struct TrackerState {
    /// This run's live resources, oldest first.
    live: Vec<Tracked>,
    /// Entries of earlier runs found in the ledger: kept as they are, for the sweep.
    inherited: Vec<Tracked>,
    /// Every resource this run created, deleted ones included.
    ever_created: BTreeSet<(&'static str, String)>,
    created_total: usize,
    creating: usize,
    stopping: bool,
}

/// The resources of one run, with the cap on how many it may create.
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

    /// Asks to create one resource: refused once the run is stopping or has reached its cap.
    /// The guard must be told the resource if the creation succeeded.
    pub fn begin_create(&self) -> Result<CreateGuard<'_>, String> {
        let mut state = self.lock();
        if state.stopping {
            return Err("the run is stopping: nothing more is created".to_owned());
        }
        if state.created_total + state.creating >= self.cap {
            return Err(format!(
                "this run has created {} apps, API groups and APIs, its cap (CLOUDAPI_MAX_APPS={}); raise the cap if the suite really needs more",
                state.created_total, self.cap
            ));
        }
        state.creating += 1;
        Ok(CreateGuard { tracker: self })
    }

    /// A resource the service deleted (or reports as not found); answers whether it was one
    /// of this run's live ones.
    pub fn forget(&self, resource: Resource, id: &str) -> bool {
        let mut state = self.lock();
        let is_it = |tracked: &Tracked| tracked.resource == resource && tracked.id == id;
        let before = (state.live.len(), state.inherited.len());
        state.live.retain(|tracked| !is_it(tracked));
        state.inherited.retain(|tracked| !is_it(tracked));
        let known = before.0 != state.live.len();
        if known || before.1 != state.inherited.len() {
            self.persist(&state);
        }
        known
    }

    /// Whether this run created the `resource` `id` (whether or not it still exists).
    pub fn created_by_run(&self, resource: Resource, id: &str) -> bool {
        self.lock().ever_created.contains(&key(resource, id))
    }

    /// Whether the `resource` `id` is one of this run's live ones.
    pub fn is_live(&self, resource: Resource, id: &str) -> bool {
        self.lock()
            .live
            .iter()
            .any(|tracked| tracked.resource == resource && tracked.id == id)
    }

    /// This run's live resources, oldest first.
    pub fn live(&self) -> Vec<Tracked> {
        self.lock().live.clone()
    }

    /// Resources earlier runs left in the ledger.
    pub fn inherited(&self) -> Vec<Tracked> {
        self.lock().inherited.clone()
    }

    /// How many resources the run has created so far.
    pub fn created_total(&self) -> usize {
        self.lock().created_total
    }

    /// From now on nothing is created.
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
        let mut resources = state.inherited.clone();
        resources.extend(state.live.iter().cloned());
        if let Err(e) = write_ledger(path, &resources) {
            eprintln!("cloudapi-conformance: cannot write the ledger: {e}");
        }
    }
}

/// One creation in flight; dropping it without [`CreateGuard::created`] means nothing came of it.
#[derive(Debug)]
pub struct CreateGuard<'a> {
    tracker: &'a Tracker,
}

impl CreateGuard<'_> {
    /// The service created `tracked`.
    pub fn created(self, tracked: Tracked) {
        let mut state = self.tracker.lock();
        state.created_total += 1;
        state.ever_created.insert(key(tracked.resource, &tracked.id));
        state.live.push(tracked);
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
    /// Ids deleted.
    pub deleted: Vec<String>,
    /// Ids already gone (the service answered the resource's not-found code).
    pub already_gone: Vec<String>,
    /// What could not be deleted, with why (the whole reply).
    pub failed: Vec<(Tracked, String)>,
}

impl CleanupOutcome {
    /// Whether every resource the cleanup meant to delete is gone.
    pub fn is_clean(&self) -> bool {
        self.failed.is_empty()
    }

    /// A report of the failures, for a hook's panic or the run's summary.
    pub fn failure_report(&self) -> String {
        let mut text = format!(
            "{} resource(s) could not be deleted; they stay in the ledger, run `cargo run -p cloudapi-conformance --bin cloudapi-sweep -- --delete`:",
            self.failed.len()
        );
        for (tracked, why) in &self.failed {
            text.push_str(&format!("\n- {}: {why}", tracked.label()));
        }
        text
    }

    /// Adds what another cleanup did.
    pub fn extend(&mut self, more: CleanupOutcome) {
        self.deleted.extend(more.deleted);
        self.already_gone.extend(more.already_gone);
        self.failed.extend(more.failed);
    }
}

/// Deletes `resources` one by one (a failure does not stop the others), in dependency order:
/// what lives inside another first (APIs before their group), newest first within one depth;
/// each with its declared delete action. Those deleted or already gone leave the tracker.
pub async fn delete_all(api: &Api, tracker: &Tracker, stats: &RunStats, resources: &[Tracked]) -> CleanupOutcome {
    let mut outcome = CleanupOutcome::default();
    for index in teardown::deletion_order(resources, |tracked| tracked.resource) {
        let tracked = &resources[index];
        match delete_one(api, tracker, stats, tracked.resource, &tracked.id, 0).await {
            Ok(Deleted::Now) => {
                stats.record_deleted_by_cleanup();
                outcome.deleted.push(tracked.id.clone());
            }
            Ok(Deleted::AlreadyGone) => outcome.already_gone.push(tracked.id.clone()),
            Err(why) => {
                stats.record_cleanup_failure();
                outcome.failed.push((tracked.clone(), why));
            }
        }
    }
    outcome
}

/// How a deletion ended well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Deleted {
    Now,
    AlreadyGone,
}

/// Deletes one resource. When its delete action refuses, what may stand in the way is taken
/// away first and the deletion tried once more: a resource some stage runs is taken out of
/// every stage (an API is abolished from RELEASE, PRE and TEST), and a resource that holds
/// others has them deleted, each the same way (a group's APIs, found by the listing of their
/// kind filtered by the group's id). A refusal's code is not relied on: the real service's
/// codes for these refusals are not documented.
async fn delete_one(
    api: &Api,
    tracker: &Tracker,
    stats: &RunStats,
    resource: Resource,
    id: &str,
    nesting: usize,
) -> Result<Deleted, String> {
    let first = match attempt_delete(api, tracker, resource, id).await? {
        Ok(deleted) => return Ok(deleted),
        Err(refusal) => refusal,
    };
    let mut cleared = false;
    if let Some(release) = teardown::release(resource) {
        for stage in release.stages {
            let params = [
                (resource.id_field().to_owned(), id.to_owned()),
                (release.stage_param.to_owned(), (*stage).to_owned()),
            ];
            // Taking it out of a stage that does not run it may succeed or not: either way
            // the deletion is tried again below, and its answer is what counts.
            let _ = api.call(release.action, &params).await;
        }
        cleared = true;
    }
    for child in teardown::children(resource) {
        if nesting > Resource::ALL.len() {
            break;
        }
        let filter = [(resource.id_field().to_owned(), id.to_owned())];
        let inside = match sweep::list_matching(api, child, &filter).await {
            Ok(Some(inside)) => inside,
            Ok(None) => continue,
            Err(e) => return Err(format!("{first}; listing what it holds: {e}")),
        };
        for (child_id, _) in inside {
            match Box::pin(delete_one(api, tracker, stats, child, &child_id, nesting + 1)).await {
                Ok(Deleted::Now) => stats.record_deleted_by_cleanup(),
                Ok(Deleted::AlreadyGone) => {}
                Err(why) => {
                    return Err(format!(
                        "{first}; deleting the {} {child_id} it holds: {why}",
                        child.tag_type()
                    ))
                }
            }
        }
        cleared = true;
    }
    if !cleared {
        return Err(first);
    }
    match attempt_delete(api, tracker, resource, id).await? {
        Ok(deleted) => Ok(deleted),
        Err(again) => Err(format!("{again} (first: {first})")),
    }
}

/// One call of the resource's delete action: `Ok(Ok(_))` when it is gone, `Ok(Err(why))` when
/// the service refused, `Err` when no answer came.
async fn attempt_delete(
    api: &Api,
    tracker: &Tracker,
    resource: Resource,
    id: &str,
) -> Result<Result<Deleted, String>, String> {
    let action = resource.delete_action().name();
    let params = [(resource.id_field().to_owned(), id.to_owned())];
    let reply = api.call(action, &params).await?;
    if reply.status == 200 {
        tracker.forget(resource, id);
        Ok(Ok(Deleted::Now))
    } else if reply.code().as_deref() == Some(resource.not_found_code().as_str()) {
        tracker.forget(resource, id);
        Ok(Ok(Deleted::AlreadyGone))
    } else {
        Ok(Err(format!("{action} answered HTTP {}: {}", reply.status, reply.body)))
    }
}

/// The interruption path: stop creating, let calls in flight land (at most `grace`), then
/// delete everything of this run still alive.
pub async fn abandon_run(api: &Api, tracker: &Tracker, stats: &RunStats, grace: Duration) -> CleanupOutcome {
    tracker.stop();
    if !tracker.wait_idle(grace).await {
        eprintln!(
            "cloudapi-conformance: a creation was still in flight after {} s; if it succeeded, what it made carries the run prefix for the sweep",
            grace.as_secs()
        );
    }
    let live = tracker.live();
    delete_all(api, tracker, stats, &live).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(id: &str) -> Tracked {
        Tracked {
            resource: Resource::App,
            id: id.to_owned(),
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
        assert!(tracker.forget(Resource::App, "1"));
        let left = read_ledger(&path).expect("ledger");
        assert_eq!(left, vec![app("2")]);
        assert!(!tracker.forget(Resource::App, "1"));
    }

    #[test]
    fn earlier_entries_are_kept_for_the_sweep() {
        let path = temporary_ledger("kept");
        write_ledger(&path, &[app("7")]).expect("written");
        let tracker = Tracker::new(10, Some(path.clone())).expect("tracker");
        tracker.begin_create().expect("allowed").created(app("8"));
        let ids: Vec<String> = read_ledger(&path).expect("ledger").into_iter().map(|a| a.id).collect();
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
        tracker.forget(Resource::App, "1");
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

    #[test]
    fn groups_and_apps_are_tracked_apart() {
        let path = temporary_ledger("kinds");
        let tracker = Tracker::new(10, Some(path.clone())).expect("tracker");
        let mut group = app("1");
        group.resource = Resource::ApiGroup;
        group.id = "0123456789abcdef0123456789abcdef".to_owned();
        tracker.begin_create().expect("allowed").created(app("1"));
        tracker.begin_create().expect("allowed").created(group.clone());
        assert!(tracker.created_by_run(Resource::ApiGroup, &group.id));
        assert!(!tracker.created_by_run(Resource::ApiGroup, "1"));
        assert!(!tracker.forget(Resource::ApiGroup, "1"), "an AppId is no GroupId");
        assert_eq!(read_ledger(&path).expect("ledger"), vec![app("1"), group.clone()]);
        let text = std::fs::read_to_string(&path).expect("ledger text");
        assert!(text.contains("\"resource\": \"apiGroup\""), "{text}");
        assert!(tracker.forget(Resource::ApiGroup, &group.id));
        assert_eq!(tracker.live(), vec![app("1")]);
    }

    #[test]
    fn a_ledger_of_apps_only_still_reads() {
        let path = temporary_ledger("old");
        std::fs::create_dir_all(path.parent().expect("dir")).expect("dir");
        let old = r#"{"note": "x", "apps": [{"app_id": "7", "name": "cm1ab_app_7", "scenario": "apps/x: y",
            "endpoint": "http://127.0.0.1:1", "region": "cn-hangzhou", "created_at": "2026-01-01T00:00:00Z"}]}"#;
        std::fs::write(&path, old).expect("written");
        assert_eq!(read_ledger(&path).expect("ledger"), vec![app("7")]);
    }
}
