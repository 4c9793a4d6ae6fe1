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
///
/// Every decoded name and value sits in one string, found by offsets: a request carries
/// fifteen or so pairs, and a string apiece would be thirty allocations on every request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    text: String,
    /// Where each pair's name ends and its value ends in `text`; a name starts where the
    /// previous value ends.
    ends: Vec<(usize, usize)>,
    /// How many pairs, from the start, came from the query string.
    query_len: usize,
}

impl Params {
    /// Parameters that all came from the query string.
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        let mut params = Params::default();
        for (name, value) in &pairs {
            params.push(name, value);
        }
        params.query_len = params.ends.len();
        params
    }

    /// The query string's parameters, then the form body's (when the body is a form), decoded
    /// as [`decode_form`] does.
    pub fn from_query_and_form(query: &[u8], form: Option<&[u8]>) -> Self {
        let mut params = Params {
            text: String::with_capacity(query.len() + form.map_or(0, <[u8]>::len)),
            ends: Vec::with_capacity(24),
            query_len: 0,
        };
        params.push_form(query);
        params.query_len = params.ends.len();
        if let Some(form) = form {
            params.push_form(form);
        }
        params
    }

    /// Decodes `a=1&b=%20` into the buffer exactly as [`decode_form`] does, without a string
    /// per piece.
    fn push_form(&mut self, raw: &[u8]) {
        let mut scratch = Vec::new();
        // Valid UTF-8 (every query string, nearly every body) is checked once, as a whole:
        // then a piece without `%` or `+` is copied as it is. The separators are ASCII, so
        // the text splits at the same byte offsets as the bytes do; memchr finds them
        // (`str::split`'s general character searcher was a tenth of the decoding).
        let text = std::str::from_utf8(raw).ok();
        let piece = |from: usize, to: usize| match text {
            Some(text) => Piece::Text(text.get(from..to).unwrap_or_default()),
            None => Piece::Bytes(&raw[from..to]),
        };
        let mut start = 0;
        while start < raw.len() {
            let end = memchr::memchr(b'&', &raw[start..]).map_or(raw.len(), |at| start + at);
            if end > start {
                let (name, value) = match memchr::memchr(b'=', &raw[start..end]) {
                    Some(at) => (piece(start, start + at), piece(start + at + 1, end)),
                    None => (piece(start, end), piece(end, end)),
                };
                self.push_pair(name, value, &mut scratch);
            }
            start = end + 1;
        }
    }

    /// Decodes and appends one pair; a pair whose name decodes empty is dropped.
    fn push_pair(&mut self, name: Piece<'_>, value: Piece<'_>, scratch: &mut Vec<u8>) {
        let start = self.text.len();
        name.push_decoded(&mut self.text, scratch);
        let name_end = self.text.len();
        if name_end == start {
            return;
        }
        value.push_decoded(&mut self.text, scratch);
        self.ends.push((name_end, self.text.len()));
    }

    fn push(&mut self, name: &str, value: &str) {
        self.text.push_str(name);
        let name_end = self.text.len();
        self.text.push_str(value);
        self.ends.push((name_end, self.text.len()));
    }

    /// All pairs, in the order received (the signers sort them themselves).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs(&self.ends)
    }

    /// The pairs of the query string only: V3 signs these, and the body by its hash.
    pub fn query_iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs(self.ends.get(..self.query_len).unwrap_or_default())
    }

    /// The pairs these ends (from the first) delimit. Every request's parameters are walked
    /// several times (signature, declared parameters, tags): each pair starts where the one
    /// before it ended, so nothing is looked up twice.
    fn pairs<'a>(&'a self, ends: &'a [(usize, usize)]) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        let mut start = 0;
        ends.iter().map(move |&(name_end, value_end)| {
            let pair = (
                self.text.get(start..name_end).unwrap_or_default(),
                self.text.get(name_end..value_end).unwrap_or_default(),
            );
            start = value_end;
            pair
        })
    }

    /// Parameters from these pairs, in this order, all counted as the query string's.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)> + Clone) -> Self {
        let (count, bytes) = pairs
            .clone()
            .into_iter()
            .fold((0, 0), |(count, bytes), (n, v)| (count + 1, bytes + n.len() + v.len()));
        // Exactly as large as they need: a holder keeps them long (the journal).
        let mut params = Params {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(count),
            ..Params::default()
        };
        for (name, value) in pairs {
            params.push(name, value);
        }
        params.query_len = params.ends.len();
        params
    }

    /// The bytes its buffers hold on the heap (their capacities), for a holder that bounds
    /// what it keeps.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * std::mem::size_of::<(usize, usize)>()
    }

    /// How many pairs.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The first value of a parameter.
    pub fn get(&self, name: &str) -> Option<&str> {
        // Compares bytes before slicing any text: the gateway asks for a dozen parameters.
        let mut start = 0;
        for &(name_end, value_end) in &self.ends {
            if self.text.as_bytes().get(start..name_end) == Some(name.as_bytes()) {
                return self.text.get(name_end..value_end);
            }
            start = value_end;
        }
        None
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

/// A name or a value as it came: text already known to be UTF-8, or any bytes.
#[derive(Clone, Copy)]
enum Piece<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
}

impl Piece<'_> {
    fn push_decoded(self, out: &mut String, scratch: &mut Vec<u8>) {
        match self {
            Piece::Text(text) if memchr::memchr2(b'%', b'+', text.as_bytes()).is_none() => out.push_str(text),
            Piece::Text(text) => push_decoded(out, text.as_bytes(), scratch),
            Piece::Bytes(bytes) => push_decoded(out, bytes, scratch),
        }
    }
}

/// Appends one form-encoded piece, decoded: `+` is a space, `%XX` a byte, a broken escape
/// stays literal, and invalid UTF-8 is replaced.
fn push_decoded(out: &mut String, raw: &[u8], scratch: &mut Vec<u8>) {
    if memchr::memchr2(b'%', b'+', raw).is_none() {
        push_lossy(out, raw);
        return;
    }
    scratch.clear();
    let mut i = 0;
    while i < raw.len() {
        let byte = match raw[i] {
            b'+' => b' ',
            b'%' => match (raw.get(i + 1).and_then(hex_value), raw.get(i + 2).and_then(hex_value)) {
                (Some(high), Some(low)) => {
                    i += 2;
                    high << 4 | low
                }
                _ => b'%',
            },
            other => other,
        };
        scratch.push(byte);
        i += 1;
    }
    push_lossy(out, scratch);
}

/// Valid UTF-8 is checked by the fast validator and copied; only invalid input pays for
/// the replacement.
fn push_lossy(out: &mut String, bytes: &[u8]) {
    match std::str::from_utf8(bytes) {
        Ok(text) => out.push_str(text),
        Err(_) => out.push_str(&String::from_utf8_lossy(bytes)),
    }
}

fn hex_value(digit: &u8) -> Option<u8> {
    char::from(*digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

/// Repeat-list objects by index, then member name.
pub type RepeatObjects<'a> = BTreeMap<u32, BTreeMap<&'a str, &'a str>>;

/// A repeat list's N: a plain decimal from 1 to `max`, as the gateway reads it.
pub(crate) fn parse_index(text: &str, max: u32) -> Option<u32> {
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
    fn decodes_as_decode_form_does() {
        let raw = "b=2&a=%41%zz+&&=x&c&%E9%98%BF=%E9%98&a=again";
        let p = Params::from_query_and_form(raw.as_bytes(), None);
        let decoded: Vec<(String, String)> = p.iter().map(|(n, v)| (n.to_owned(), v.to_owned())).collect();
        assert_eq!(decoded, decode_form(raw.as_bytes()));
        assert_eq!(p.get("a"), Some("A%zz "));
        assert_eq!(Params::new(decoded.clone()).iter().count(), decoded.len());
    }

    #[test]
    fn decodes_any_bytes_as_form_urlencoded_does() {
        use rand::{Rng, SeedableRng};
        let alphabet = b"ab=&%+2F4e\xe9\x98\xbf\xff ";
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for _ in 0..20_000 {
            let len = rng.random_range(0..24);
            let raw: Vec<u8> = (0..len)
                .map(|_| alphabet[rng.random_range(0..alphabet.len())])
                .collect();
            let decoded: Vec<(String, String)> = Params::from_query_and_form(&raw, None)
                .iter()
                .map(|(n, v)| (n.to_owned(), v.to_owned()))
                .collect();
            assert_eq!(decoded, decode_form(&raw), "{:?}", String::from_utf8_lossy(&raw));
        }
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
        let query: Vec<_> = p.query_iter().map(|(n, _)| n).collect();
        assert_eq!(query, vec!["a", "b"]);
        assert_eq!(p.len(), 3);
    }

    #[test]
    fn from_pairs_keeps_the_order() {
        let p = Params::from_pairs([("b", "2"), ("a", "1"), ("b", "3")]);
        assert_eq!(p.iter().collect::<Vec<_>>(), [("b", "2"), ("a", "1"), ("b", "3")]);
        assert_eq!(p.get("b"), Some("2"));
        assert_eq!(p.query_iter().count(), 3);
    }

    #[test]
    fn repeat_list_of_scalars() {
        let p = params("ResourceId.2=b&ResourceId.1=a&ResourceIdX=c");
        let ids = p.repeat_list("ResourceId", 50, ErrorCode::InvalidTag).expect("valid");
        assert_eq!(ids, vec![(1, "a"), (2, "b")]);
    }
}
