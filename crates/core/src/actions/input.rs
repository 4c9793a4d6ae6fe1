//! Parameters shared by several actions, parsed once, in one way.

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::protocol::params::Params;
use crate::store::{AppId, Tag};

/// The most `Tag.N` a request may carry (documented: N from 1 to 20).
pub const MAX_TAGS: u32 = 20;

/// `AppId`, required: a decimal int64.
pub fn required_app_id(params: &Params) -> ApiResult<AppId> {
    let raw = params
        .non_empty("AppId")
        .ok_or(ApiError::new(ErrorCode::MissingAppId))?;
    parse_app_id(raw)
}

/// An AppId as the gateway types it (a Long): anything that is not one is `InvalidAppId`.
pub fn parse_app_id(raw: &str) -> ApiResult<AppId> {
    raw.parse::<AppId>().map_err(|_| ApiError::new(ErrorCode::InvalidAppId))
}

/// `Tag.N.Key` / `Tag.N.Value`, N from 1 to 20. A value needs its key (an empty key is
/// allowed, as the TagResources doc says); a key without a value has the empty value.
pub fn tags(params: &Params) -> ApiResult<Vec<Tag>> {
    let objects = params.repeat_objects("Tag", MAX_TAGS, ErrorCode::InvalidTag)?;
    let mut tags: Vec<Tag> = Vec::with_capacity(objects.len());
    for members in objects.values() {
        let Some(key) = members.get("Key") else {
            if members.contains_key("Value") {
                return Err(ErrorCode::InvalidParameterTagKey.into());
            }
            continue;
        };
        let value = members.get("Value").copied().unwrap_or_default();
        match tags.iter_mut().find(|t| t.key == *key) {
            Some(existing) => value.clone_into(&mut existing.value),
            None => tags.push(Tag {
                key: (*key).to_owned(),
                value: value.to_owned(),
            }),
        }
    }
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::params::decode_form;

    fn params(query: &str) -> Params {
        Params::new(decode_form(query.as_bytes()))
    }

    #[test]
    fn app_ids_are_int64() {
        assert_eq!(required_app_id(&params("AppId=10000000001")), Ok(10_000_000_001));
        assert_eq!(required_app_id(&params("AppId=-3")), Ok(-3));
        for bad in ["AppId=abc", "AppId=99999999999999999999", "AppId=1.5", "AppId=%201"] {
            assert_eq!(
                required_app_id(&params(bad)).expect_err(bad).code,
                ErrorCode::InvalidAppId
            );
        }
        assert_eq!(
            required_app_id(&params("AppId=")).expect_err("empty").code,
            ErrorCode::MissingAppId
        );
        assert_eq!(
            required_app_id(&params("")).expect_err("absent").code,
            ErrorCode::MissingAppId
        );
    }

    #[test]
    fn tags_need_keys_for_values() {
        let err = tags(&params("Tag.1.Value=x")).expect_err("value without key");
        assert_eq!(err.code, ErrorCode::InvalidParameterTagKey);
        let ok = tags(&params("Tag.1.Key=&Tag.1.Value=x&Tag.2.Key=k")).expect("valid");
        assert_eq!(
            ok[0],
            Tag {
                key: String::new(),
                value: "x".into()
            }
        );
        assert_eq!(
            ok[1],
            Tag {
                key: "k".into(),
                value: String::new()
            }
        );
    }

    #[test]
    fn a_repeated_key_keeps_the_last_value() {
        let ok = tags(&params("Tag.1.Key=k&Tag.1.Value=a&Tag.2.Key=k&Tag.2.Value=b")).expect("valid");
        assert_eq!(
            ok,
            vec![Tag {
                key: "k".into(),
                value: "b".into()
            }]
        );
    }
}
