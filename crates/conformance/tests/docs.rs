//! The documents cannot drift from what they describe: the inferred list in `docs/inferred.md`
//! is generated from the error catalogue and the features' `@inferred` tags and checked here,
//! and no document names a file the repository does not have.
//!
//! `UPDATE_DOCS=1 cargo test -p cloudapi-conformance --test docs` rewrites the generated parts.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cloudapi_core::{ErrorCode, Evidence};

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The catalogue's inferred codes, as a Markdown table.
fn inferred_codes() -> String {
    let mut table = String::from("| code | HTTP status | why it is inferred |\n|---|---|---|\n");
    for code in ErrorCode::ALL {
        let entry = code.entry();
        if let Evidence::Inferred(why) = entry.evidence {
            table.push_str(&format!(
                "| `{}` | {} | {} |\n",
                entry.code,
                entry.http_status,
                why.replace('|', "\\|")
            ));
        }
    }
    table
}

/// Every `.feature` file under `folder`, sorted.
fn feature_files(folder: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            feature_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "feature") {
            found.push(path);
        }
    }
}

/// The scenarios tagged `@inferred`, directly or through their feature or rule, as a table of
/// feature file and scenario title.
fn inferred_scenarios() -> String {
    let root = repository();
    let mut files = Vec::new();
    feature_files(&root.join("features"), &mut files);
    let mut table = String::from("| feature | scenario |\n|---|---|\n");
    for file in files {
        let relative = file.strip_prefix(&root).unwrap_or(&file).display().to_string();
        let mut pending_tags: Vec<String> = Vec::new();
        let mut feature_inferred = false;
        let mut rule_inferred = false;
        for line in read(&file).lines().map(str::trim) {
            if line.starts_with('@') {
                pending_tags.extend(line.split_whitespace().map(str::to_owned));
                continue;
            }
            let tagged = pending_tags.iter().any(|tag| tag == "@inferred");
            if line.starts_with("Feature:") {
                feature_inferred = tagged;
            } else if line.starts_with("Rule:") {
                rule_inferred = tagged;
            } else if let Some(title) = ["Scenario Outline:", "Scenario Template:", "Scenario:", "Example:"]
                .iter()
                .find_map(|keyword| line.strip_prefix(keyword))
            {
                if tagged || feature_inferred || rule_inferred {
                    table.push_str(&format!("| `{relative}` | {} |\n", title.trim().replace('|', "\\|")));
                }
            } else if line.is_empty() || line.starts_with('#') {
                continue;
            }
            pending_tags.clear();
        }
    }
    table
}

/// `text` with the part between the markers named `name` replaced by `generated`.
fn with_generated(text: &str, name: &str, generated: &str) -> String {
    let begin = format!("<!-- BEGIN generated: {name} -->\n");
    let end = format!("<!-- END generated: {name} -->");
    let (Some(from), Some(to)) = (text.find(&begin), text.find(&end)) else {
        panic!("docs/inferred.md has no markers for {name}");
    };
    format!("{}{begin}{generated}{}", &text[..from], &text[to..])
}

#[test]
fn the_inferred_list_is_the_catalogues_and_the_features() {
    let path = repository().join("docs/inferred.md");
    let written = read(&path);
    let expected = with_generated(
        &with_generated(&written, "inferred codes", &inferred_codes()),
        "inferred scenarios",
        &inferred_scenarios(),
    );
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    assert!(
        written == expected,
        "docs/inferred.md differs from the catalogue or the features' @inferred tags; \
         run UPDATE_DOCS=1 cargo test -p cloudapi-conformance --test docs and review the diff"
    );
}

/// The Markdown documents a newcomer reads.
fn documents() -> Vec<PathBuf> {
    let root = repository();
    let mut documents = vec![root.join("README.md")];
    let mut in_docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("docs/")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "md"))
        .collect();
    in_docs.sort();
    documents.extend(in_docs);
    documents
}

/// What a document names as a file: a code span or a link target that is a relative path or
/// ends with a file extension the repository uses.
fn named_files(text: &str) -> Vec<String> {
    let mut named = Vec::new();
    let spans = text.split('`').skip(1).step_by(2);
    let links = text.split("](").skip(1).filter_map(|rest| rest.split(')').next());
    for candidate in spans.chain(links) {
        let candidate = candidate.trim().trim_end_matches(['.', ',', ':']);
        let first = candidate.split_whitespace().next().unwrap_or_default();
        if first != candidate || candidate.is_empty() {
            // A command line or a phrase: its first word may still be a script.
            if first.ends_with(".sh") {
                named.push(first.to_owned());
            }
            continue;
        }
        // A folder (`features/apps/`); a name with a slash but neither (`verify/v2`) is a
        // benchmark's or a route's, not a file.
        let looks_like_path = candidate.ends_with('/')
            && !candidate.contains("://")
            && !candidate.starts_with('/')
            && !candidate.contains(['<', '{', '*', '$', '=', '?', '[', '\'', '"', '@']);
        let has_extension = [
            ".md", ".rs", ".toml", ".sh", ".json", ".feature", ".txt", ".py", ".js", ".snap",
        ]
        .iter()
        .any(|extension| candidate.ends_with(extension))
            && !candidate.contains(['<', '{', '*', '$', '=']);
        if looks_like_path || has_extension {
            named.push(candidate.to_owned());
        }
    }
    named
}

/// Every file in the repository by name, for a document that names one without its folder.
fn file_names(folder: &Path, names: &mut BTreeSet<String>) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "target" || name == "node_modules" || name.starts_with('.') && name != ".ci" {
            continue;
        }
        if path.is_dir() {
            file_names(&path, names);
        }
        names.insert(name);
    }
}

#[test]
fn no_document_names_a_file_the_repository_does_not_have() {
    let root = repository();
    let mut names = BTreeSet::new();
    file_names(&root, &mut names);
    // Written by a run, not kept in the repository.
    let produced = [
        "target/",
        ".venv",
        "node_modules",
        "state.json",
        ".snap.new",
        "fuzz/corpus",
        "validation.json",
    ];
    let mut missing = Vec::new();
    for document in documents() {
        let folder = document.parent().unwrap_or(&root).to_path_buf();
        for named in named_files(&read(&document)) {
            if produced.iter().any(|p| named.contains(p)) {
                continue;
            }
            let path = named.split('#').next().unwrap_or_default();
            if path.is_empty() {
                continue;
            }
            let exists =
                root.join(path).exists() || folder.join(path).exists() || (!path.contains('/') && names.contains(path));
            if !exists {
                missing.push(format!("{}: {named}", document.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "documents name files that are not here:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_file_check_sees_what_a_document_names() {
    let named = named_files("follows `DESIGN.md`, see [the suite](docs/contract-suite.md) and `features/apps/`; run `scripts/fuzz.sh 60`, not `verify/v2`");
    assert_eq!(
        named,
        [
            "DESIGN.md",
            "features/apps/",
            "scripts/fuzz.sh",
            "docs/contract-suite.md"
        ]
    );
}

#[test]
fn the_readme_is_short_and_starts_with_the_two_commands() {
    let readme = read(&repository().join("README.md"));
    assert!(readme.len() < 16 * 1024, "README.md is {} bytes", readme.len());
    let commands = readme.find("## Two commands").expect("a Two commands section");
    let first_other_section = readme[commands + 1..]
        .find("\n## ")
        .map_or(readme.len(), |at| at + commands + 1);
    let section = &readme[commands..first_other_section];
    assert!(section.contains("cargo run --release -p cloudapi-mock"), "{section}");
    assert!(section.contains("cargo test --workspace"), "{section}");
    assert!(
        readme[..commands].matches("\n## ").count() == 0,
        "the two commands are the first section"
    );
}
