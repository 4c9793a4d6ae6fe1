//! The percent-encoding both schemes sign with (RFC 3986 unreserved set, upper-case hex).

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but `A-Z a-z 0-9 - _ . ~` is encoded; a space becomes `%20`, never `+`.
const SIGNING_SET: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Encodes a decoded value the way the signature algorithms require.
pub fn percent_encode(value: &str) -> String {
    utf8_percent_encode(value, SIGNING_SET).to_string()
}

/// Sorts name/value pairs by name, then value, in byte order (what every SDK's plain string
/// sort does), and renders `name=value&...` with both sides encoded. Empty values stay as
/// `name=`: the Python SDK signs an empty `SignatureType=`.
pub fn canonical_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
    pairs.sort_unstable();
    let mut out = String::new();
    for (i, (name, value)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&percent_encode(name));
        out.push('=');
        out.push_str(&percent_encode(value));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_characters_are_encoded_as_the_sdks_do() {
        assert_eq!(percent_encode("a b*~+'()!&=/:"), "a%20b%2A~%2B%27%28%29%21%26%3D%2F%3A");
        assert_eq!(percent_encode("-_.~AZaz09"), "-_.~AZaz09");
        assert_eq!(percent_encode("阿"), "%E9%98%BF");
    }

    #[test]
    fn empty_values_are_kept() {
        assert_eq!(canonical_query([("b", ""), ("a", "1")]), "a=1&b=");
    }

    #[test]
    fn upper_case_sorts_before_lower_case() {
        assert_eq!(canonical_query([("a", "1"), ("B", "2")]), "B=2&a=1");
    }
}
