//! Replaces volatile values (request ids, app ids, credentials, times) by stable references
//! such as `[AppId-1]`, numbered by first appearance in a scenario, so the same snapshot
//! holds on every target and still asserts which values are the same across calls.

use std::collections::HashMap;

use serde_json::Value;

use cloudapi_core::protocol::signature::encode::percent_encode;

const TIME_KIND: &str = "Time";

/// Fields whose values differ from run to run, and the reference kind each gets.
pub const VOLATILE_FIELDS: &[(&str, &str)] = &[
    ("RequestId", "RequestId"),
    ("AppId", "AppId"),
    ("AppKey", "AppKey"),
    ("AppSecret", "AppSecret"),
    ("AppCode", "AppCode"),
    ("NewAppKey", "AppKey"),
    ("NewAppSecret", "AppSecret"),
    ("NewAppCode", "AppCode"),
    ("CreatedTime", TIME_KIND),
    ("ModifiedTime", TIME_KIND),
    ("ResourceId", "AppId"),
];

/// One scenario's references.
#[derive(Debug, Default, Clone)]
pub struct Redactor {
    /// value -> reference, for every kind.
    references: HashMap<String, String>,
    counters: HashMap<&'static str, usize>,
    /// Literal substrings to replace wherever they appear (in messages, URLs).
    literals: Vec<(String, String)>,
}

impl Redactor {
    /// The reference of `value` as a `kind`, numbered on first sight. Times are not
    /// numbered: two calls a moment apart may fall in the same second or not, so which times
    /// are equal is not stable from run to run. An empty value stays empty.
    pub fn reference(&mut self, kind: &'static str, value: &str) -> String {
        if value.is_empty() {
            return String::new();
        }
        if kind == TIME_KIND {
            return format!("[{TIME_KIND}]");
        }
        if let Some(existing) = self.references.get(value) {
            return existing.clone();
        }
        let counter = self.counters.entry(kind).or_insert(0);
        *counter += 1;
        let reference = format!("[{kind}-{counter}]");
        self.references.insert(value.to_owned(), reference.clone());
        if value.len() >= 6 {
            self.literals.push((value.to_owned(), reference.clone()));
        }
        reference
    }

    /// Replaces `value` wherever it appears, raw and in the once- and twice-encoded forms a
    /// string to sign holds, by `replacement`.
    pub fn replace_literal(&mut self, value: &str, replacement: &str) {
        if value.is_empty() {
            return;
        }
        let once = percent_encode(value);
        let twice = percent_encode(&once);
        for form in [twice, once, value.to_owned()] {
            if !self.literals.iter().any(|(v, _)| *v == form) {
                self.literals.push((form, replacement.to_owned()));
            }
        }
    }

    /// Redacts a JSON body in place.
    pub fn redact_json(&mut self, value: &mut Value) {
        match value {
            Value::Object(fields) => {
                for (name, field) in fields.iter_mut() {
                    if let Some(kind) = volatile_kind(name) {
                        if let Some(text) = scalar_text(field) {
                            *field = Value::String(self.reference(kind, &text));
                            continue;
                        }
                    }
                    self.redact_json(field);
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|item| self.redact_json(item)),
            Value::String(text) => *text = self.replace_literals(text),
            _ => {}
        }
    }

    /// Redacts an XML body: volatile elements first, then literals in the whole text.
    pub fn redact_xml(&mut self, xml: &str) -> String {
        let mut out = xml.to_owned();
        for (field, kind) in VOLATILE_FIELDS {
            let open = format!("<{field}>");
            let close = format!("</{field}>");
            let mut from = 0;
            while let Some(found) = out[from..].find(&open) {
                let start = from + found + open.len();
                let Some(length) = out[start..].find(&close) else { break };
                let reference = self.reference(kind, &out[start..start + length]);
                out.replace_range(start..start + length, &reference);
                from = start + reference.len();
            }
        }
        self.replace_literals(&out)
    }

    /// Redacts a body that is neither JSON nor XML (a proxy's error page): literals only.
    pub fn redact_text(&self, text: &str) -> String {
        self.replace_literals(text)
    }

    fn replace_literals(&self, text: &str) -> String {
        // Longest first, so a value is not half-replaced through a shorter one inside it.
        let mut literals: Vec<&(String, String)> = self.literals.iter().collect();
        literals.sort_by_key(|(value, _)| std::cmp::Reverse(value.len()));
        let mut out = text.to_owned();
        for (value, reference) in literals {
            if out.contains(value.as_str()) {
                out = out.replace(value.as_str(), reference);
            }
        }
        out
    }
}

fn volatile_kind(field: &str) -> Option<&'static str> {
    VOLATILE_FIELDS
        .iter()
        .find(|(name, _)| *name == field)
        .map(|(_, kind)| *kind)
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn same_value_same_reference_across_calls() {
        let mut redactor = Redactor::default();
        let mut first = json!({"RequestId": "AAAA-1", "AppId": 10000000001_i64});
        let mut second = json!({"RequestId": "BBBB-2", "AppId": 10000000001_i64, "Recommend": "x?requestId=BBBB-2"});
        redactor.redact_json(&mut first);
        redactor.redact_json(&mut second);
        assert_eq!(first, json!({"RequestId": "[RequestId-1]", "AppId": "[AppId-1]"}));
        assert_eq!(
            second,
            json!({"RequestId": "[RequestId-2]", "AppId": "[AppId-1]", "Recommend": "x?requestId=[RequestId-2]"})
        );
    }

    #[test]
    fn xml_elements_and_encoded_literals() {
        let mut redactor = Redactor::default();
        redactor.replace_literal("2026-11-30T09:51:24Z", "[Timestamp]");
        let xml = "<R><AppId>10000000001</AppId><Message>x%253A2026-11-30T09%253A51%253A24Z</Message></R>";
        let out = redactor.redact_xml(xml);
        assert_eq!(
            out,
            "<R><AppId>[AppId-1]</AppId><Message>x%253A[Timestamp]</Message></R>"
        );
    }
}
