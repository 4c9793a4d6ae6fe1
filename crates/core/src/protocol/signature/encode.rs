//! The percent-encoding both schemes sign with (RFC 3986 unreserved set, upper-case hex).
//!
//! Every request is canonicalised here, each name and value encoded once or twice, so the
//! encoder appends to one buffer instead of allocating a string per piece. It is written by
//! hand, not the `percent-encoding` crate's iterator of pieces, because callgrind counts the
//! crate's at 800 to 950 more instructions a V2 request (`scripts/profile.sh describe v2`:
//! 3,337 against 2,534 in the encoder itself; create: 3,953 against 3,010), over 1 % of a
//! request; the tests check it against the crate, byte for byte, on every character kind
//! and on random text.

/// `A-Z a-z 0-9 - _ . ~`, the bytes that stay as they are, by byte value.
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.' || b == b'~';
        byte += 1;
    }
    table
};

const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Appends `value` encoded: everything but `A-Z a-z 0-9 - _ . ~` becomes `%XX` of its UTF-8
/// bytes (upper-case hex); a space becomes `%20`, never `+`.
pub fn percent_encode_into(out: &mut String, value: &str) {
    encode_runs(out, value, false);
}

/// Appends `value` encoded twice, in one pass: `percent_encode(percent_encode(value))`, as
/// the V2 string to sign needs. The first encoding's `%` becomes `%25`; its hex digits are
/// unreserved and stay.
pub fn percent_encode_twice_into(out: &mut String, value: &str) {
    encode_runs(out, value, true);
}

/// Copies runs of unreserved bytes whole and writes an escape and two hex digits for each
/// other byte.
fn encode_runs(out: &mut String, value: &str, twice: bool) {
    let bytes = value.as_bytes();
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        if UNRESERVED[usize::from(byte)] {
            continue;
        }
        // A run of unreserved bytes is ASCII, so it starts and ends on character boundaries;
        // between two escaped bytes of one character the run is empty and not sliced.
        if start < i {
            out.push_str(&value[start..i]);
        }
        out.push('%');
        if twice {
            out.push('2');
            out.push('5');
        }
        out.push(char::from(UPPER_HEX[usize::from(byte >> 4)]));
        out.push(char::from(UPPER_HEX[usize::from(byte & 0x0f)]));
        start = i + 1;
    }
    if start < bytes.len() {
        out.push_str(&value[start..]);
    }
}

/// Encodes a decoded value the way the signature algorithms require.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + value.len() / 2);
    percent_encode_into(&mut out, value);
    out
}

/// Lower-case hex, as V3 hashes and signatures and the generated secrets are written. (The
/// `hex` crate's `encode` collects an iterator of chars, several times slower.)
pub fn lower_hex(bytes: &[u8]) -> String {
    const LOWER_HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        out.push(char::from(LOWER_HEX[usize::from(byte >> 4)]));
        out.push(char::from(LOWER_HEX[usize::from(byte & 0x0f)]));
    }
    out
}

/// Sorts name/value pairs by name, then value, in byte order (what every SDK's plain string
/// sort does), and renders `name=value&...` with both sides encoded. Empty values stay as
/// `name=`: the Python SDK signs an empty `SignatureType=`.
pub fn canonical_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    canonical_query_into(&mut out, pairs);
    out
}

/// [`canonical_query`], appended to `out`.
pub fn canonical_query_into<'a>(out: &mut String, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) {
    let mut pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
    pairs.sort_unstable();
    out.reserve(pairs.iter().map(|(n, v)| n.len() + v.len() + 2).sum::<usize>() * 5 / 4);
    for (i, (name, value)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        percent_encode_into(out, name);
        out.push('=');
        percent_encode_into(out, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_characters_are_encoded_as_the_sdks_do() {
        assert_eq!(percent_encode("a b*~+'()!&=/:"), "a%20b%2A~%2B%27%28%29%21%26%3D%2F%3A");
        assert_eq!(percent_encode("-_.~AZaz09"), "-_.~AZaz09");
        assert_eq!(percent_encode("阿"), "%E9%98%BF");
        assert_eq!(percent_encode("a阿b%"), "a%E9%98%BFb%25");
        assert_eq!(percent_encode(""), "");
    }

    #[test]
    fn every_byte_outside_the_unreserved_set_is_escaped() {
        for byte in 0u8..=127 {
            let text = char::from(byte).to_string();
            let encoded = percent_encode(&text);
            if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
                assert_eq!(encoded, text);
            } else {
                assert_eq!(encoded, format!("%{byte:02X}"));
            }
        }
    }

    #[test]
    fn encoding_twice_in_one_pass_is_encoding_twice() {
        for value in ["a b*~+'()!&=/:", "-_.~AZaz09", "阿%25", "", "2016-02-23T12:46:24Z"] {
            let mut once = String::new();
            percent_encode_twice_into(&mut once, value);
            assert_eq!(once, percent_encode(&percent_encode(value)), "{value}");
        }
    }

    /// The `percent-encoding` crate with the same set: what the encoder must agree with.
    fn with_the_crate(value: &str) -> String {
        use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
        const RESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
        percent_encoding::utf8_percent_encode(value, RESERVED).to_string()
    }

    #[test]
    fn agrees_with_the_crate_on_every_character_kind() {
        let mut samples: Vec<String> = (0u32..0x800).filter_map(char::from_u32).map(String::from).collect();
        samples.extend(
            [
                "阿里云 API 网关",
                "😀x%25+ *~",
                "a=b&c=d",
                "",
                "%%%",
                "2016-02-23T12:46:24Z",
            ]
            .map(str::to_owned),
        );
        samples.push((0u32..0x11_0000).step_by(97).filter_map(char::from_u32).collect());
        for sample in &samples {
            assert_eq!(percent_encode(sample), with_the_crate(sample), "{sample:?}");
            let mut twice = String::new();
            percent_encode_twice_into(&mut twice, sample);
            assert_eq!(twice, with_the_crate(&with_the_crate(sample)), "{sample:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_crate_on_any_text(value in "\\PC*", prefix in "[a-z%]{0,3}") {
            let mut once = prefix.clone();
            percent_encode_into(&mut once, &value);
            proptest::prop_assert_eq!(&once, &format!("{prefix}{}", with_the_crate(&value)));
            let mut twice = prefix.clone();
            percent_encode_twice_into(&mut twice, &value);
            proptest::prop_assert_eq!(twice, format!("{prefix}{}", with_the_crate(&with_the_crate(&value))));
        }
    }

    /// The rule written out byte by byte.
    fn reference(value: &str) -> String {
        value
            .bytes()
            .map(|byte| {
                if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
                    char::from(byte).to_string()
                } else {
                    format!("%{byte:02X}")
                }
            })
            .collect()
    }

    #[test]
    fn agrees_with_the_rule_written_out_on_every_character_kind() {
        let mut samples: Vec<String> = (0u32..0x800).filter_map(char::from_u32).map(String::from).collect();
        samples.extend(["阿里云 API 网关", "😀x%25+ *~", "a=b&c=d", "", "%%%"].map(str::to_owned));
        samples.push((0u32..0x3000).step_by(7).filter_map(char::from_u32).collect());
        for sample in &samples {
            assert_eq!(percent_encode(sample), reference(sample), "{sample:?}");
            let mut twice = String::new();
            percent_encode_twice_into(&mut twice, sample);
            assert_eq!(twice, reference(&reference(sample)), "{sample:?}");
        }
    }

    #[test]
    fn lower_hex_matches_the_hex_crate() {
        let bytes: Vec<u8> = (0..=255).collect();
        assert_eq!(lower_hex(&bytes), hex::encode(&bytes));
        assert_eq!(lower_hex(&[]), "");
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
