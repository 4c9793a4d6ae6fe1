//! Parity with the real service: a snapshot that a remote target does not reproduce is a
//! parity gap, a finding about the mock (or about the snapshot's redaction), never a second
//! snapshot. The run collects its gaps and writes them, with their diffs, to one report.

use std::path::Path;
use std::sync::Mutex;

/// One snapshot a remote target did not reproduce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParityGap {
    /// `apps/create_app`.
    pub feature: String,
    /// The scenario's name.
    pub scenario: String,
    /// The snapshot's name within the feature.
    pub snapshot: String,
    /// A unified diff (`-` the snapshot, `+` the remote reply), or why there is none.
    pub diff: String,
}

impl ParityGap {
    /// The step's failure message.
    pub fn message(&self) -> String {
        format!(
            "PARITY GAP: the target's reply differs from snapshot {feature}/{snapshot} \
             (fixtures/snapshots/{feature}/{snapshot}.snap); the snapshot is not rewritten.\n{diff}",
            feature = self.feature,
            snapshot = self.snapshot,
            diff = self.diff
        )
    }
}

/// The gaps of one run.
#[derive(Debug, Default)]
pub struct ParityReport {
    gaps: Mutex<Vec<ParityGap>>,
}

impl ParityReport {
    /// Adds a gap.
    pub fn record(&self, gap: ParityGap) {
        self.gaps
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(gap);
    }

    /// Every gap recorded, in order.
    pub fn gaps(&self) -> Vec<ParityGap> {
        self.gaps
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// The report as Markdown.
    pub fn render(&self, endpoint: &str, region: &str) -> String {
        let gaps = self.gaps();
        let mut text = format!(
            "# Parity report\n\nTarget `{endpoint}`, region `{region}`: {} parity gap(s).\n",
            gaps.len()
        );
        if gaps.is_empty() {
            text.push_str("\nEvery snapshot the run checked matched.\n");
        } else {
            text.push_str(
                "\nEach gap is a snapshot the target did not reproduce. `-` lines are the snapshot \
                 (what the mock does), `+` lines what the target answered. Fix the mock (or the \
                 redaction, if the difference is a volatile value) and re-run; never re-record the \
                 snapshot from a remote target by hand.\n",
            );
        }
        for gap in &gaps {
            text.push_str(&format!(
                "\n## {} — {}\n\nsnapshot `fixtures/snapshots/{}/{}.snap`\n\n```diff\n{}\n```\n",
                gap.feature,
                gap.scenario,
                gap.feature,
                gap.snapshot,
                gap.diff.trim_end()
            ));
        }
        text
    }

    /// Writes the report to `path`.
    pub fn write(&self, path: &Path, endpoint: &str, region: &str) -> Result<(), String> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(path, self.render(endpoint, region)).map_err(|e| format!("{}: {e}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_lists_every_gap_with_its_diff() {
        let report = ParityReport::default();
        assert!(report.render("https://e", "cn-hangzhou").contains("0 parity gap(s)"));
        report.record(ParityGap {
            feature: "apps/create_app".to_owned(),
            scenario: "The refusal of an invalid name".to_owned(),
            snapshot: "invalid-name".to_owned(),
            diff: "-  \"Code\": \"InvalidAppName\"\n+  \"Code\": \"InvalidParameter.AppName\"".to_owned(),
        });
        let text = report.render("https://e", "cn-hangzhou");
        assert!(text.contains("1 parity gap(s)"), "{text}");
        assert!(
            text.contains("## apps/create_app — The refusal of an invalid name"),
            "{text}"
        );
        assert!(text.contains("+  \"Code\": \"InvalidParameter.AppName\""), "{text}");
        assert!(report.gaps()[0].message().starts_with("PARITY GAP"));
    }
}
