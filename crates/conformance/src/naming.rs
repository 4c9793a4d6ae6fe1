//! Names of what the suite creates (apps, API groups): every run puts its own prefix in front
//! of the names the scenarios choose, so that a run never takes a name someone else uses, and
//! so that what it leaves behind can be recognised and swept.
//!
//! A prefix is `cm`, a digit, two lower-case letters or digits, and `_` (`cm7k2_`): six
//! characters that keep a name valid (a letter first, then letters, digits and `_`) and leave
//! twenty of the 26 an app name may have (44 of a group's 50). Scenarios whose subject is the
//! name itself (its length, its first character) send their names exactly as written; they
//! are tagged [`EXACT_NAMES_TAG`].

use std::fmt;

use cloudapi_core::operations::Resource;

/// The tag of scenarios whose app names go on the wire exactly as written.
pub const EXACT_NAMES_TAG: &str = "exact-names";

/// The most an app name may count (a Chinese character counts as two).
pub const MAX_NAME_LENGTH: usize = 26;

/// The most a name of `resource` may count: 26 for an app (CreateApp reference), 50 for an
/// API group, an API or a throttling policy (their references). Counted as
/// [`counted_length`] counts, erring long.
pub fn max_name_length(resource: Resource) -> usize {
    match resource {
        Resource::App => MAX_NAME_LENGTH,
        Resource::ApiGroup | Resource::Api | Resource::TrafficControl => 50,
    }
}

const FAMILY: &str = "cm";
const PREFIX_LENGTH: usize = 6;

/// One run's prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunPrefix(String);

impl RunPrefix {
    /// A random prefix.
    ///
    /// ```
    /// let prefix = cloudapi_conformance::naming::RunPrefix::random();
    /// assert!(cloudapi_conformance::naming::is_suite_name(&format!("{prefix}app")));
    /// ```
    pub fn random() -> RunPrefix {
        let bytes = *uuid::Uuid::new_v4().as_bytes();
        let alphabet = b"0123456789abcdefghijklmnopqrstuvwxyz";
        let digit = char::from(b'0' + bytes[0] % 10);
        let second = char::from(alphabet[usize::from(bytes[1]) % alphabet.len()]);
        let third = char::from(alphabet[usize::from(bytes[2]) % alphabet.len()]);
        RunPrefix(format!("{FAMILY}{digit}{second}{third}_"))
    }

    /// A prefix given as text (`CLOUDAPI_RUN_PREFIX`), if it has the family's shape.
    pub fn parse(text: &str) -> Result<RunPrefix, String> {
        if text.len() == PREFIX_LENGTH && is_suite_name(text) {
            Ok(RunPrefix(text.to_owned()))
        } else {
            Err(format!(
                "{text:?} is not a run prefix: expected `cm`, a digit, two lower-case letters or digits, and `_`, such as cm7k2_"
            ))
        }
    }

    /// The prefix, such as `cm7k2_`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name a scenario's `logical` app name has on the wire.
    ///
    /// ```
    /// use cloudapi_conformance::naming::RunPrefix;
    /// let prefix = RunPrefix::parse("cm1ab_").unwrap();
    /// assert_eq!(prefix.wire_name("tagged_app").unwrap(), "cm1ab_tagged_app");
    /// assert!(prefix.wire_name("twenty_one_characters").is_err());
    /// ```
    pub fn wire_name(&self, logical: &str) -> Result<String, String> {
        self.wire_name_of(Resource::App, logical)
    }

    /// The name a scenario's `logical` name of a `resource` has on the wire.
    ///
    /// ```
    /// use cloudapi_core::operations::Resource;
    /// use cloudapi_conformance::naming::RunPrefix;
    /// let prefix = RunPrefix::parse("cm1ab_").unwrap();
    /// assert!(prefix.wire_name_of(Resource::ApiGroup, "twenty_one_characters").is_ok());
    /// assert!(prefix.wire_name_of(Resource::ApiGroup, &"g".repeat(45)).is_err());
    /// ```
    pub fn wire_name_of(&self, resource: Resource, logical: &str) -> Result<String, String> {
        let wire = format!("{}{logical}", self.0);
        let max = max_name_length(resource);
        if counted_length(&wire) > max {
            return Err(format!(
                "the {} name {logical:?} counts {} characters; with the run prefix {} it would count {}, \
                 more than the {max} a name may have. Shorten it to {} or fewer, or tag the \
                 scenario @{EXACT_NAMES_TAG} if the name itself is what it checks",
                resource.tag_type(),
                counted_length(logical),
                self.0,
                counted_length(&wire),
                max - PREFIX_LENGTH,
            ));
        }
        Ok(wire)
    }

    /// The scenario's name for a `wire` name, when it carries this prefix.
    pub fn logical_name<'a>(&self, wire: &'a str) -> &'a str {
        wire.strip_prefix(self.0.as_str()).unwrap_or(wire)
    }
}

impl fmt::Display for RunPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `name` carries a prefix of the suite's family (`cm`, a digit, two lower-case letters
/// or digits, `_`): the names the sweep may remove.
///
/// ```
/// use cloudapi_conformance::naming::is_suite_name;
/// assert!(is_suite_name("cm7k2_tagged_app"));
/// assert!(!is_suite_name("cmdb_service"));
/// assert!(!is_suite_name("CM7k2_app"));
/// ```
pub fn is_suite_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() >= PREFIX_LENGTH
        && name.starts_with(FAMILY)
        && bytes[2].is_ascii_digit()
        && bytes[3..5].iter().all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
        && bytes[5] == b'_'
}

/// A name's length as the service counts it, erring long: every character outside ASCII
/// counts as two (Chinese characters do, by the ModifyApp reference).
pub fn counted_length(name: &str) -> usize {
    name.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_prefixes_have_the_family_shape() {
        for _ in 0..200 {
            let prefix = RunPrefix::random();
            assert_eq!(prefix.as_str().len(), PREFIX_LENGTH);
            assert!(RunPrefix::parse(prefix.as_str()).is_ok(), "{prefix}");
            assert!(prefix.as_str().as_bytes()[0].is_ascii_alphabetic());
        }
    }

    #[test]
    fn twenty_characters_fit_and_twenty_one_do_not() {
        let prefix = RunPrefix::parse("cm0zz_").expect("valid");
        let twenty = "too_long_description";
        assert_eq!(twenty.len(), 20);
        assert_eq!(prefix.wire_name(twenty).expect("fits").len(), MAX_NAME_LENGTH);
        let error = prefix.wire_name("too_long_descriptions").expect_err("too long");
        assert!(error.contains("@exact-names"), "{error}");
    }

    #[test]
    fn chinese_characters_count_twice() {
        let prefix = RunPrefix::parse("cm0zz_").expect("valid");
        assert!(prefix.wire_name("应用测试应用测试应用测").is_err());
        assert!(prefix.wire_name("应用测试应用测试应用").is_ok());
    }

    #[test]
    fn logical_names_come_back() {
        let prefix = RunPrefix::parse("cm4xy_").expect("valid");
        let wire = prefix.wire_name("only_once").expect("fits");
        assert_eq!(prefix.logical_name(&wire), "only_once");
        assert_eq!(prefix.logical_name("someone_elses"), "someone_elses");
    }

    #[test]
    fn the_family_is_narrow() {
        for name in ["cm1ab_x", "cm9zz_", "cm000_app"] {
            assert!(is_suite_name(name), "{name}");
        }
        for name in ["cmab1_x", "cm1ab-x", "cm1Ab_x", "xcm1ab_", "cm1ab", "", "应用测试"] {
            assert!(!is_suite_name(name), "{name}");
        }
        assert!(RunPrefix::parse("cm1ab_x").is_err());
    }
}
