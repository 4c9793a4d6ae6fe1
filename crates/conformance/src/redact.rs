//! Replaces volatile values (request ids, app ids, credentials, times) by stable references
//! such as `[AppId-1]`, numbered by first appearance in a scenario, so the same snapshot
//! holds on every target and still asserts which values are the same across calls.

use std::collections::HashMap;

use serde_json::Value;

use cloudapi_core::protocol::signature::encode::percent_encode;

use cloudapi_core::volatile::TIME_KIND;

/// Fields whose values differ from run to run: the mock's own list (`GET /_mock/volatile`),
/// so the suite and the mock never disagree on what is volatile.
pub use cloudapi_core::volatile::FIELDS as VOLATILE_FIELDS;

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
                let tagged = tagged_kind(fields.get("ResourceType").and_then(Value::as_str));
                for (name, field) in fields.iter_mut() {
                    let kind = match (name.as_str(), tagged) {
                        ("ResourceId", Some(kind)) => Some(kind),
                        _ => volatile_kind(name),
                    };
                    if let Some(kind) = kind {
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
        for volatile in VOLATILE_FIELDS {
            let open = format!("<{}>", volatile.field);
            let close = format!("</{}>", volatile.field);
            let mut from = 0;
            while let Some(found) = out[from..].find(&open) {
                let start = from + found + open.len();
                let Some(length) = out[start..].find(&close) else { break };
                let kind = if volatile.field == "ResourceId" {
                    tagged_kind(sibling_resource_type(&out[start + length..])).unwrap_or(volatile.kind)
                } else {
                    volatile.kind
                };
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
    cloudapi_core::volatile::lookup(field).map(|volatile| volatile.kind)
}

/// A tag row's `ResourceId` is the id of the kind its `ResourceType` names (a GroupId for
/// `apiGroup`), so that it shares that kind's references: `[GroupId-1]`, not `[AppId-1]`.
fn tagged_kind(resource_type: Option<&str>) -> Option<&'static str> {
    let resource = cloudapi_core::operations::Resource::from_tag_type(resource_type?)?;
    volatile_kind(resource.id_field())
}

/// The `ResourceType` of the XML element that follows a `ResourceId`'s text (its sibling in a
/// `TagResource`), if one comes before the next `ResourceId`.
fn sibling_resource_type(after: &str) -> Option<&str> {
    let open = "<ResourceType>";
    let start = after.find(open)? + open.len();
    if after.find("<ResourceId>").is_some_and(|next| next < start) {
        return None;
    }
    let length = after[start..].find("</ResourceType>")?;
    Some(&after[start..start + length])
}

/// Volatile fields a successful answer to `action` carries but the list does not declare for
/// it (`GET /_mock/volatile`): on any target, an answer the redactions were not built for.
/// Empty for actions the mock does not have.
pub fn undeclared_volatile_fields(action: &str, body: &Value) -> Vec<String> {
    let Some(action) = cloudapi_core::Action::from_name(action) else {
        return Vec::new();
    };
    let declared = cloudapi_core::volatile::of_action(action);
    let mut found = Vec::new();
    collect_volatile_names(body, &mut found);
    found.retain(|name| !declared.contains(&name.as_str()));
    found.sort();
    found.dedup();
    found
}

fn collect_volatile_names(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(fields) => {
            for (name, child) in fields {
                if volatile_kind(name).is_some() {
                    found.push(name.clone());
                }
                collect_volatile_names(child, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_volatile_names(item, found)),
        _ => {}
    }
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
    fn volatile_fields_an_action_does_not_declare_are_reported() {
        let body = json!({"RequestId": "R", "Apps": {"AppItem": [{"AppId": 1, "AppSecret": "s"}]}});
        assert_eq!(undeclared_volatile_fields("DescribeApps", &body), ["AppSecret"]);
        assert!(undeclared_volatile_fields("CreateApp", &json!({"RequestId": "R", "AppId": 1})).is_empty());
        assert!(undeclared_volatile_fields("NoSuchAction", &body).is_empty());
    }

    #[test]
    fn a_tag_row_of_a_group_names_a_group_id() {
        let mut redactor = Redactor::default();
        let group = "0123456789abcdef0123456789abcdef";
        let mut json = json!({"TagResources": {"TagResource": [
            {"ResourceId": group, "ResourceType": "apiGroup", "TagKey": "k"},
            {"ResourceId": "42", "ResourceType": "app", "TagKey": "k"}
        ]}});
        redactor.redact_json(&mut json);
        let rows = &json["TagResources"]["TagResource"];
        assert_eq!(rows[0]["ResourceId"], "[GroupId-1]");
        assert_eq!(rows[1]["ResourceId"], "[AppId-1]");
        let xml = format!(
            "<R><TagResource><ResourceId>{group}</ResourceId><ResourceType>apiGroup</ResourceType></TagResource>\
             <TagResource><ResourceId>43</ResourceId><ResourceType>app</ResourceType></TagResource></R>"
        );
        let out = Redactor::default().redact_xml(&xml);
        assert!(out.contains("<ResourceId>[GroupId-1]</ResourceId>"), "{out}");
        assert!(out.contains("<ResourceId>[AppId-1]</ResourceId>"), "{out}");
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
