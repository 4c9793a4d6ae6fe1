//! Validation stamps, after LocalStack's `*.validation.json`: a remote run asked to record
//! them (`CLOUDAPI_RECORD_VALIDATION=1`) writes, for every scenario that passed, the date it
//! last passed against a real endpoint, which endpoint, and which region. Scenarios that did
//! not pass keep their earlier stamp; the file is sorted so that its diffs stay small.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// When and where one scenario last passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// RFC 3339, UTC, whole seconds.
    pub last_validated: String,
    /// The endpoint it passed against.
    pub endpoint: String,
    /// The region it passed in.
    pub region: String,
}

/// Scenario key (`apps/create_app: Create an app with only a name (v2)`) -> stamp.
pub type Stamps = BTreeMap<String, Stamp>;

/// Reads the stamps; a missing file holds none.
pub fn read(path: &Path) -> Result<Stamps, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Stamps::new()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Stamps `passed` scenarios with `now` and writes the merged file; answers how many.
pub fn record(
    path: &Path,
    passed: &[String],
    endpoint: &str,
    region: &str,
    now: time::OffsetDateTime,
) -> Result<usize, String> {
    let mut stamps = read(path)?;
    let date = now
        .replace_nanosecond(0)
        .unwrap_or(now)
        .format(&time::format_description::well_known::Rfc3339)
        .map_err(|e| e.to_string())?;
    for scenario in passed {
        stamps.insert(
            scenario.clone(),
            Stamp {
                last_validated: date.clone(),
                endpoint: endpoint.to_owned(),
                region: region.to_owned(),
            },
        );
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let text = serde_json::to_string_pretty(&stamps).map_err(|e| e.to_string())?;
    std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(passed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_merge_and_stay_sorted() {
        let dir = std::env::temp_dir().join(format!("cloudapi-validation-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("validation.json");
        let first = time::macros::datetime!(2026-01-02 03:04:05.678 UTC);
        let second = time::macros::datetime!(2026-02-03 04:05:06 UTC);
        record(
            &path,
            &["b: two".to_owned(), "a: one".to_owned()],
            "https://x",
            "cn-hangzhou",
            first,
        )
        .expect("written");
        record(&path, &["b: two".to_owned()], "https://y", "cn-shanghai", second).expect("written");
        let stamps = read(&path).expect("read");
        assert_eq!(stamps.keys().collect::<Vec<_>>(), ["a: one", "b: two"]);
        assert_eq!(stamps["a: one"].last_validated, "2026-01-02T03:04:05Z");
        assert_eq!(stamps["b: two"].endpoint, "https://y");
        assert_eq!(stamps["b: two"].region, "cn-shanghai");
        let text = std::fs::read_to_string(&path).expect("text");
        assert!(text.find("a: one") < text.find("b: two"));
    }
}
