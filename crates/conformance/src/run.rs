//! One run of the suite: its settings, its name prefix, what it created, its counters,
//! its parity gaps and the scenarios that passed; and what happens when it ends or is
//! interrupted.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::api::Api;
use crate::cleanup::{self, CleanupOutcome, Tracked, Tracker};
use crate::naming::RunPrefix;
use crate::parity::ParityReport;
use crate::stats::RunStats;
use crate::sweep;
use crate::target::{Settings, TargetKind};
use cloudapi_core::operations::Resource;

/// The tag of scenarios that never run against a remote target.
pub const MOCK_ONLY_TAG: &str = "mock-only";

/// The tag of scenarios that expect the region to hold only the apps and groups they create
/// (listings with counts, orders, pages): on a remote target they run only when the region
/// held no app and no API group at the start of the run.
pub const EMPTY_REGION_TAG: &str = "empty-region";

/// Which scenarios a run runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// Whether the target is remote (a real account, or the binary over HTTP).
    pub remote: bool,
    /// The region held no app and no API group when the run started (always true on the mock).
    pub region_empty: bool,
}

impl Selection {
    /// The mock's: everything.
    pub const MOCK: Selection = Selection {
        remote: false,
        region_empty: true,
    };

    /// Whether a scenario with these tags (feature, rule and scenario tags together) runs: on
    /// a remote target nothing `@mock-only`, and nothing `@empty-region` unless the region is.
    ///
    /// ```
    /// use cloudapi_conformance::run::Selection;
    /// let remote = Selection { remote: true, region_empty: false };
    /// assert!(Selection::MOCK.runs(["limits", "mock-only"]));
    /// assert!(!remote.runs(["limits", "mock-only"]));
    /// assert!(!remote.runs(["empty-region"]));
    /// assert!(Selection { region_empty: true, ..remote }.runs(["empty-region"]));
    /// assert!(remote.runs(["apps", "documented"]));
    /// ```
    pub fn runs<'a>(&self, tags: impl IntoIterator<Item = &'a str>) -> bool {
        tags.into_iter().all(|tag| match tag {
            MOCK_ONLY_TAG => !self.remote,
            EMPTY_REGION_TAG => !self.remote || self.region_empty,
            _ => true,
        })
    }
}

/// How a scenario is named in reports and validation stamps: `apps/create_app: <scenario>`.
pub fn scenario_key(feature: &str, scenario: &str) -> String {
    format!("{feature}: {scenario}")
}

/// Where a run writes what it reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outputs {
    /// JUnit XML (`CLOUDAPI_JUNIT`, default `target/cloudapi-conformance/junit.xml`).
    pub junit: PathBuf,
    /// The parity report of a remote run (`CLOUDAPI_PARITY_REPORT`, default
    /// `target/cloudapi-conformance/parity-report.md`).
    pub parity_report: PathBuf,
    /// The ledger of created apps and groups (`CLOUDAPI_LEDGER`, default `target/cloudapi-conformance/ledger.json`).
    pub ledger: PathBuf,
    /// Validation stamps, when a remote run records them (`CLOUDAPI_RECORD_VALIDATION=1`;
    /// `CLOUDAPI_VALIDATION_FILE`, default `fixtures/validation.json`).
    pub validation: Option<PathBuf>,
}

impl Outputs {
    /// The output paths, from `CLOUDAPI_JUNIT`, `CLOUDAPI_PARITY_REPORT`, `CLOUDAPI_LEDGER` and the validation variables, or their defaults.
    pub fn from_env() -> Outputs {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let dir = default_output_dir();
        let workspace = workspace_dir();
        Outputs {
            junit: var("CLOUDAPI_JUNIT").map_or_else(|| dir.join("junit.xml"), PathBuf::from),
            parity_report: var("CLOUDAPI_PARITY_REPORT").map_or_else(|| dir.join("parity-report.md"), PathBuf::from),
            ledger: ledger_path(),
            validation: (var("CLOUDAPI_RECORD_VALIDATION").as_deref() == Some("1")).then(|| {
                var("CLOUDAPI_VALIDATION_FILE")
                    .map_or_else(|| workspace.join("fixtures/validation.json"), PathBuf::from)
            }),
        }
    }
}

/// `$CARGO_TARGET_DIR/cloudapi-conformance`, or the workspace's `target/cloudapi-conformance`.
pub fn default_output_dir() -> PathBuf {
    let target = std::env::var("CARGO_TARGET_DIR")
        .ok()
        .filter(|v| !v.is_empty())
        .map_or_else(|| workspace_dir().join("target"), PathBuf::from);
    target.join("cloudapi-conformance")
}

/// The workspace's root.
pub fn workspace_dir() -> PathBuf {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.ancestors().nth(2).unwrap_or(manifest).to_path_buf()
}

/// The ledger's path (`CLOUDAPI_LEDGER` or the default), shared by the suite and the sweep.
pub fn ledger_path() -> PathBuf {
    std::env::var("CLOUDAPI_LEDGER")
        .ok()
        .filter(|v| !v.is_empty())
        .map_or_else(|| default_output_dir().join("ledger.json"), PathBuf::from)
}

/// The shared state of one run.
#[derive(Debug)]
pub struct Run {
    /// What the run was started with.
    pub settings: Settings,
    /// The prefix of every name the run creates.
    pub prefix: RunPrefix,
    /// The ledger of what the run created.
    pub tracker: Tracker,
    /// What the run counted.
    pub stats: Arc<RunStats>,
    /// The snapshots the target did not reproduce.
    pub parity: ParityReport,
    /// Where the run writes its reports.
    pub outputs: Outputs,
    /// Remote only: the caller the cleanup uses.
    pub api: Option<Api>,
    passed: Mutex<Vec<String>>,
    /// Held by whoever ends the run (its normal end, or an interruption), so that the other
    /// waits: an interrupted run must not exit while what it created is being deleted.
    ending: tokio::sync::Mutex<()>,
    /// Why `@empty-region` scenarios do not run, when they do not.
    region_note: Mutex<Option<String>>,
}

impl Run {
    /// The run the environment describes. `CLOUDAPI_RUN_PREFIX` fixes the prefix (else random).
    pub fn from_env() -> Result<Run, String> {
        let settings = Settings::from_env()?;
        let prefix = match std::env::var("CLOUDAPI_RUN_PREFIX").ok().filter(|v| !v.is_empty()) {
            Some(text) => RunPrefix::parse(&text)?,
            None => RunPrefix::random(),
        };
        Run::new(settings, prefix, Outputs::from_env())
    }

    /// A run of these settings; refused when a remote target cannot be reached or used safely.
    pub fn new(settings: Settings, prefix: RunPrefix, outputs: Outputs) -> Result<Run, String> {
        let stats = Arc::new(RunStats::default());
        let remote = settings.kind == TargetKind::Remote;
        let tracker = if remote {
            Tracker::new(settings.max_apps, Some(outputs.ledger.clone()))?
        } else {
            Tracker::new(usize::MAX, None)?
        };
        let api = if remote {
            Some(Api::for_settings(&settings, stats.clone())?)
        } else {
            None
        };
        Ok(Run {
            settings,
            prefix,
            tracker,
            stats,
            parity: ParityReport::default(),
            outputs,
            api,
            passed: Mutex::new(Vec::new()),
            ending: tokio::sync::Mutex::new(()),
            region_note: Mutex::new(None),
        })
    }

    /// Whether the target is remote.
    pub fn is_remote(&self) -> bool {
        self.settings.kind == TargetKind::Remote
    }

    /// The endpoint the run calls.
    pub fn endpoint(&self) -> &str {
        self.settings.endpoint.as_deref().unwrap_or("in-process mock")
    }

    /// Which scenarios this run runs. On a remote target this lists the region's apps and
    /// groups once, to learn whether it holds any (anyone's: counts and pages would include
    /// them); only their number is kept, never their names.
    pub async fn selection(&self) -> Selection {
        let Some(api) = &self.api else {
            return Selection::MOCK;
        };
        let mut held = Vec::new();
        let mut problem = None;
        for &resource in Resource::ALL {
            match sweep::list(api, resource).await {
                Ok(Some(listed)) if listed.is_empty() => {}
                Ok(Some(listed)) => held.push(format!("{} {}(s)", listed.len(), resource.tag_type())),
                Ok(None) => {
                    problem = Some(format!(
                        "the endpoint does not offer {}, so the region could not be checked for {}s",
                        resource.list_action().name(),
                        resource.tag_type()
                    ));
                }
                Err(e) => problem = Some(format!("listing the region failed: {e}")),
            }
            if problem.is_some() || !held.is_empty() {
                break;
            }
        }
        let note = match (problem, held.is_empty()) {
            (Some(problem), _) => Some(format!("scenarios tagged @{EMPTY_REGION_TAG} were not run: {problem}")),
            (None, false) => Some(format!(
                "scenarios tagged @{EMPTY_REGION_TAG} were not run: region {} held {} when the run \
                 started, and their listings would count them. Run in a region without apps and groups (or \
                 sweep the suite's leftovers first) to check them",
                self.settings.region,
                held.join(" and ")
            )),
            (None, true) => None,
        };
        let region_empty = note.is_none();
        *self
            .region_note
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = note;
        Selection {
            remote: true,
            region_empty,
        }
    }

    /// A scenario passed (and cleaned up after itself).
    pub fn record_passed(&self, key: String) {
        self.passed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(key);
    }

    /// The scenarios that passed, as `feature: scenario`.
    pub fn passed(&self) -> Vec<String> {
        self.passed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Deletes the given resources of this run (a scenario's, after it ended).
    pub async fn delete(&self, resources: &[Tracked]) -> CleanupOutcome {
        match &self.api {
            Some(api) => cleanup::delete_all(api, &self.tracker, &self.stats, resources).await,
            None => CleanupOutcome::default(),
        }
    }

    /// The right to end the run: [`Run::finish`] takes it, and an interruption handler holds it
    /// from before [`Run::interrupt`] until the process exits.
    pub async fn ending(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.ending.lock().await
    }

    /// Ctrl-C or SIGTERM: stop creating, delete this run's live resources, then look for apps
    /// and groups with this run's prefix that a creation in flight may have made. The caller holds
    /// [`Run::ending`] and exits afterwards.
    pub async fn interrupt(&self) -> CleanupOutcome {
        let Some(api) = &self.api else {
            return CleanupOutcome::default();
        };
        let mut outcome = cleanup::abandon_run(api, &self.tracker, &self.stats, Duration::from_secs(15)).await;
        let prefix = self.prefix.as_str().to_owned();
        let now = now_rfc3339();
        match sweep::plan(api, &self.settings.region, &[], |name| name.starts_with(&prefix), &now).await {
            Ok(plan) => {
                // A listing may lag behind the deletions just made.
                let handled = |id: &str| outcome.deleted.iter().chain(&outcome.already_gone).any(|d| d == id);
                let stray: Vec<_> = plan
                    .leftovers
                    .into_iter()
                    .map(|l| l.tracked)
                    .filter(|tracked| !handled(&tracked.id))
                    .collect();
                let more = cleanup::delete_all(api, &self.tracker, &self.stats, &stray).await;
                outcome.extend(more);
            }
            Err(e) => eprintln!("cloudapi-conformance: could not list apps and groups to find strays: {e}"),
        }
        outcome
    }

    /// At the end of the run: deletes anything still tracked (a hook that could not run),
    /// writes the parity report and the validation stamps; answers the summary and whether the
    /// run left the account clean.
    pub async fn finish(&self, suite_passed: bool) -> (String, bool) {
        let _ending = self.ending().await;
        let mut clean = true;
        let mut notes = Vec::new();
        if let Some(api) = &self.api {
            let live = self.tracker.live();
            if !live.is_empty() {
                let outcome = cleanup::delete_all(api, &self.tracker, &self.stats, &live).await;
                if !outcome.is_clean() {
                    clean = false;
                    notes.push(outcome.failure_report());
                }
            }
            if let Err(e) = self
                .parity
                .write(&self.outputs.parity_report, self.endpoint(), &self.settings.region)
            {
                notes.push(format!("could not write the parity report: {e}"));
            }
            if let Some(path) = &self.outputs.validation {
                let passed = self.passed();
                match crate::validation::record(
                    path,
                    &passed,
                    self.endpoint(),
                    &self.settings.region,
                    time::OffsetDateTime::now_utc(),
                ) {
                    Ok(count) => notes.push(format!(
                        "validation stamps: {count} scenario(s) stamped in {}{}",
                        path.display(),
                        if suite_passed {
                            ""
                        } else {
                            " (the failed ones keep their earlier stamp)"
                        }
                    )),
                    Err(e) => notes.push(format!("could not write the validation stamps: {e}")),
                }
            } else {
                notes.push("validation stamps: not recorded (CLOUDAPI_RECORD_VALIDATION=1 records them)".to_owned());
            }
        }
        (self.summary(&notes), clean && self.tracker.live().is_empty())
    }

    /// The closing summary.
    pub fn summary(&self, notes: &[String]) -> String {
        let stats = self.stats.snapshot();
        let mut text = String::from("== cloudapi-conformance run summary\n");
        text.push_str(&format!(
            "target: {} ({}), region {}, signatures {}, run prefix {}\n",
            self.endpoint(),
            if self.is_remote() { "remote" } else { "mock" },
            self.settings.region,
            self.settings.default_scheme.as_str(),
            self.prefix
        ));
        if self.is_remote() {
            let left = self.tracker.live().len();
            text.push_str(&format!(
                "apps, API groups and APIs created: {} (cap {}); deleted by their scenarios: {}; deleted by cleanup: {}; left behind: {left}\n",
                stats.created,
                self.settings.max_apps,
                stats.deleted_by_scenarios,
                stats.deleted_by_cleanup,
            ));
            text.push_str(&format!(
                "calls sent: {}; throttled replies retried: {}; gave up after retries: {}\n",
                stats.calls_sent, stats.throttled_retries, stats.throttled_gave_up
            ));
            let gaps = self.parity.gaps().len();
            text.push_str(&format!(
                "parity gaps: {gaps} (report: {})\n",
                self.outputs.parity_report.display()
            ));
            if left > 0 || stats.cleanup_failures > 0 {
                text.push_str(&format!(
                    "cleanup failures: {}; the ledger {} lists what is left: run `cargo run -p cloudapi-conformance --bin cloudapi-sweep -- --delete`\n",
                    stats.cleanup_failures,
                    self.outputs.ledger.display()
                ));
            }
        }
        if let Some(note) = self
            .region_note
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .as_ref()
        {
            text.push_str(note);
            text.push('\n');
        }
        text.push_str(&format!("JUnit XML: {}\n", self.outputs.junit.display()));
        for note in notes {
            text.push_str(note);
            text.push('\n');
        }
        text
    }
}

/// Now, RFC 3339 UTC, whole seconds.
pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    now.replace_nanosecond(0)
        .unwrap_or(now)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
