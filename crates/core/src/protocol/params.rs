//! Decoded request parameters: query and form body merged, order on the wire irrelevant.

use std::collections::BTreeMap;

use crate::error::{ApiError, ApiResult, ErrorCode};

/// Form-decodes `a=1&b=%20` (`+` is a space); broken escapes stay literal and invalid
/// UTF-8 is replaced, so any byte string decodes.
pub fn decode_form(raw: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(raw)
        .filter(|(name, _)| !name.is_empty())
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect()
}

/// The parameters of one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    pairs: Vec<(String, String)>,
    /// How many of `pairs`, from the start, came from the query string.
    query_len: usize,
}

impl Params {
    /// Parameters that all came from the query string.
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        let query_len = pairs.len();
        Params { pairs, query_len }
    }

    /// The query string's parameters, then the form body's (when the body is a form).
    pub fn from_query_and_form(query: &[u8], form: Option<&[u8]>) -> Self {
        let mut pairs = decode_form(query);
        let query_len = pairs.len();
        if let Some(form) = form {
            pairs.extend(decode_form(form));
        }
        Params { pairs, query_len }
    }

    /// All pairs, in the order received (the signers sort them themselves).
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// The pairs of the query string only: V3 signs these, and the body by its hash.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.pairs[..self.query_len]
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The first value of a parameter.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// A parameter's value, treating an empty value as absent (the SDKs drop empty optional
    /// parameters, and the gateway treats `Name=` like a missing `Name`).
    pub fn non_empty(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|v| !v.is_empty())
    }

    /// A repeat list of scalars, `Name.1=a&Name.2=b`, ordered by N. N must be a plain decimal
    /// number from 1 to `max`; anything else is `invalid`.
    pub fn repeat_list(&self, prefix: &str, max: u32, invalid: ErrorCode) -> ApiResult<Vec<(u32, &str)>> {
        let mut items = BTreeMap::new();
        for (name, value) in self.iter() {
            let Some(rest) = name.strip_prefix(prefix).and_then(|r| r.strip_prefix('.')) else {
                continue;
            };
            let index = parse_index(rest, max).ok_or(ApiError::new(invalid))?;
            items.entry(index).or_insert(value);
        }
        Ok(items.into_iter().collect())
    }

    /// A repeat list of objects, `Tag.1.Key=env&Tag.1.Value=prod`, ordered by N, each a map
    /// from member name to value.
    pub fn repeat_objects(&self, prefix: &str, max: u32, invalid: ErrorCode) -> ApiResult<RepeatObjects<'_>> {
        let mut items: RepeatObjects<'_> = BTreeMap::new();
        for (name, value) in self.iter() {
            let Some(rest) = name.strip_prefix(prefix).and_then(|r| r.strip_prefix('.')) else {
                continue;
            };
            let (index, member) = rest.split_once('.').ok_or(ApiError::new(invalid))?;
            let index = parse_index(index, max).ok_or(ApiError::new(invalid))?;
            items.entry(index).or_default().entry(member).or_insert(value);
        }
        Ok(items)
    }
}

/// Repeat-list objects by index, then member name.
pub type RepeatObjects<'a> = BTreeMap<u32, BTreeMap<&'a str, &'a str>>;

fn parse_index(text: &str, max: u32) -> Option<u32> {
    // "01" would alias "1"; the SDKs never send a leading zero.
    if text.is_empty() || text.starts_with('0') || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<u32>().ok().filter(|n| (1..=max).contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(query: &str) -> Params {
        Params::new(decode_form(query.as_bytes()))
    }

    #[test]
    fn decodes_plus_and_percent_and_keeps_empty_values() {
        let p = params("AppName=my+app%2A~&SignatureType=&Description=a%20b");
        assert_eq!(p.get("AppName"), Some("my app*~"));
        assert_eq!(p.get("SignatureType"), Some(""));
        assert_eq!(p.non_empty("SignatureType"), None);
        assert_eq!(p.get("Description"), Some("a b"));
    }

    #[test]
    fn broken_encoding_decodes_without_failing() {
        let p = params("a=%zz&b=%E9%98&c=%");
        assert_eq!(p.get("a"), Some("%zz"));
        assert_eq!(p.get("c"), Some("%"));
        assert!(p.get("b").is_some());
    }

    #[test]
    fn repeat_objects_are_ordered_by_index() {
        let p = params("Tag.2.Key=b&Tag.1.Value=x&Tag.1.Key=a&Tag.10.Key=c");
        let tags = p.repeat_objects("Tag", 20, ErrorCode::InvalidTag).expect("valid");
        let keys: Vec<_> = tags.values().map(|m| m.get("Key").copied()).collect();
        assert_eq!(keys, vec![Some("a"), Some("b"), Some("c")]);
        assert_eq!(tags[&1].get("Value"), Some(&"x"));
    }

    #[test]
    fn repeat_indexes_out_of_range_are_refused() {
        for query in [
            "Tag.0.Key=a",
            "Tag.21.Key=a",
            "Tag.99999999999.Key=a",
            "Tag.x.Key=a",
            "Tag.01.Key=a",
            "Tag.-1.Key=a",
            "Tag.1=a",
        ] {
            let err = params(query)
                .repeat_objects("Tag", 20, ErrorCode::InvalidTag)
                .expect_err(query);
            assert_eq!(err.code, ErrorCode::InvalidTag, "{query}");
        }
    }

    #[test]
    fn query_pairs_exclude_the_form_body() {
        let p = Params::from_query_and_form(b"a=1&b=2", Some(b"c=3"));
        assert_eq!(p.get("c"), Some("3"));
        let query: Vec<_> = p.query_pairs().iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(query, vec!["a", "b"]);
    }

    #[test]
    fn repeat_list_of_scalars() {
        let p = params("ResourceId.2=b&ResourceId.1=a&ResourceIdX=c");
        let ids = p.repeat_list("ResourceId", 50, ErrorCode::InvalidTag).expect("valid");
        assert_eq!(ids, vec![(1, "a"), (2, "b")]);
    }
}
