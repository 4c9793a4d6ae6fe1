//! Parameters shared by several actions, parsed once, in one way.

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::operations::{Kind, Param};
use crate::protocol::params::Params;
use crate::store::{AppId, Tag};

// ---- parameters several operations declare alike ----

/// `AppId`: an int64.
pub const APP_ID: Param = Param::new("AppId", Kind::Int64);
/// `GroupId`: 32 hex digits as the service hands them out; any text is looked up.
pub const GROUP_ID: Param = Param::text("GroupId");
/// `Tag.N.Key` / `Tag.N.Value`, N from 1 to 20.
pub const TAGS: Param = Param::new("Tag", Kind::RepeatObjects { max: MAX_TAGS });
/// `PageNumber`, from 1.
pub const PAGE_NUMBER: Param = Param::new(
    "PageNumber",
    Kind::Range {
        min: 1,
        max: i32::MAX as u64,
    },
);
/// PageSize of the app listings: at most 100.
pub const PAGE_SIZE: Param = Param::new(
    "PageSize",
    Kind::Range {
        min: 1,
        max: MAX_PAGE_SIZE as u64,
    },
);
/// PageSize of DescribeApiGroups: "Maximum value: 50".
pub const GROUP_PAGE_SIZE: Param = Param::new(
    "PageSize",
    Kind::Range {
        min: 1,
        max: MAX_GROUP_PAGE_SIZE as u64,
    },
);
/// `asc` or `desc`, by modification time.
pub const SORT: Param = Param::new("Sort", Kind::OneOfAnyCase(&["asc", "desc"]));
/// `ResourceId.N`, N from 1 to 50.
pub const RESOURCE_IDS: Param = Param::new("ResourceId", Kind::RepeatList { max: MAX_RESOURCE_IDS });
/// `TagKey.N`, N from 1 to 20.
pub const TAG_KEYS: Param = Param::new("TagKey", Kind::RepeatList { max: MAX_TAGS });

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

    #[test]
    fn a_page_renders_only_its_own_items() {
        let page = Page { number: 3, size: 10 };
        let mut rendered = 0;
        let items = page.render(0..1_000, |n| {
            rendered += 1;
            n * 2
        });
        assert_eq!(items, (20..30).map(|n| n * 2).collect::<Vec<_>>());
        assert_eq!(rendered, 10);
        assert!(Page { number: 101, size: 10 }.render(0..1_000, |n| n).is_empty());
    }
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

/// A page of a listing, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// The page, from 1.
    pub number: usize,
    /// Items per page.
    pub size: usize,
}

/// The documented paging defaults: PageNumber 1, PageSize 10, PageSize at most 100 (50 for
/// groups).
pub const DEFAULT_PAGE_SIZE: usize = 10;
/// The most a `PageSize` may ask for in an app listing.
pub const MAX_PAGE_SIZE: usize = 100;
/// The most a `PageSize` may ask for in a group listing.
pub const MAX_GROUP_PAGE_SIZE: usize = 50;

impl Page {
    /// PageNumber and PageSize, at most 100 a page.
    pub fn from_params(params: &Params) -> ApiResult<Page> {
        Page::from_params_up_to(params, MAX_PAGE_SIZE)
    }

    /// PageNumber and PageSize, at most `max_size` a page.
    pub fn from_params_up_to(params: &Params, max_size: usize) -> ApiResult<Page> {
        let number = match params.non_empty("PageNumber") {
            None => 1,
            Some(raw) => raw
                .parse::<usize>()
                .ok()
                .filter(|n| *n >= 1 && *n <= i32::MAX as usize)
                .ok_or(ApiError::new(ErrorCode::InvalidPageNumber))?,
        };
        let size = match params.non_empty("PageSize") {
            None => DEFAULT_PAGE_SIZE,
            Some(raw) => raw
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=max_size).contains(n))
                .ok_or(ApiError::new(ErrorCode::InvalidPageSize))?,
        };
        Ok(Page { number, size })
    }

    /// How many items the pages before this one hold.
    pub fn offset(self) -> usize {
        (self.number - 1).saturating_mul(self.size)
    }

    /// This page's items; a page past the end is empty.
    pub fn slice<T>(self, items: impl Iterator<Item = T>) -> Vec<T> {
        items.skip(self.offset()).take(self.size).collect()
    }

    /// This page's items, each rendered by `render`. Skipping a mapped iterator runs the map
    /// on every item skipped, so a deep page would render the whole account: the items are
    /// skipped first and only the page is rendered.
    pub fn render<T, U>(self, items: impl Iterator<Item = T>, render: impl FnMut(T) -> U) -> Vec<U> {
        items.skip(self.offset()).take(self.size).map(render).collect()
    }
}

/// A boolean parameter, `true` or `false` as the SDKs send them (any case).
pub fn optional_bool(params: &Params, name: &str, invalid: ErrorCode) -> ApiResult<Option<bool>> {
    match params.non_empty(name) {
        None => Ok(None),
        Some(raw) if raw.eq_ignore_ascii_case("true") => Ok(Some(true)),
        Some(raw) if raw.eq_ignore_ascii_case("false") => Ok(Some(false)),
        Some(_) => Err(invalid.into()),
    }
}

/// The kinds of resource the tag actions name. Apps and groups exist in the mock; plug-ins
/// and APIs are valid names whose resources are never found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceType {
    /// `app`.
    App,
    /// `apiGroup`.
    ApiGroup,
    /// `plugin`.
    Plugin,
    /// Only ListTagResources takes it.
    Api,
}

impl ResourceType {
    /// The request's `ResourceType`: `MissingResourceType` when absent, `InvalidResourceType` when not one of these (`api` only when `allow_api`).
    pub fn from_params(params: &Params, allow_api: bool) -> ApiResult<ResourceType> {
        match params.non_empty("ResourceType") {
            None => Err(ErrorCode::MissingResourceType.into()),
            Some("app") => Ok(ResourceType::App),
            Some("apiGroup") => Ok(ResourceType::ApiGroup),
            Some("plugin") => Ok(ResourceType::Plugin),
            Some("api") if allow_api => Ok(ResourceType::Api),
            Some(_) => Err(ErrorCode::InvalidResourceType.into()),
        }
    }

    /// The wire name (`app`, `apiGroup`, `plugin`, `api`).
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceType::App => "app",
            ResourceType::ApiGroup => "apiGroup",
            ResourceType::Plugin => "plugin",
            ResourceType::Api => "api",
        }
    }
}

/// Most `ResourceId.N` a tag request names (documented: N from 1 to 50).
pub const MAX_RESOURCE_IDS: u32 = 50;

/// `ResourceId.N`, in N order.
pub fn resource_ids(params: &Params) -> ApiResult<Vec<String>> {
    Ok(params
        .repeat_list("ResourceId", MAX_RESOURCE_IDS, ErrorCode::InvalidResourceId)?
        .into_iter()
        .map(|(_, id)| id.to_owned())
        .collect())
}

/// `newest_first` from a validated `Sort` (desc by default).
pub fn newest_first(params: &Params) -> bool {
    !params
        .non_empty("Sort")
        .is_some_and(|sort| sort.eq_ignore_ascii_case("asc"))
}

/// Resource ids that name apps of this scope's kind, as AppIds; an id that cannot be one
/// names no resource.
pub fn app_resource_ids(ids: &[String]) -> ApiResult<Vec<AppId>> {
    ids.iter()
        .map(|id| {
            id.parse::<AppId>()
                .map_err(|_| ApiError::new(ErrorCode::NotFoundResourceId))
        })
        .collect()
}

/// `TagKey.N`, N from 1 to 20, in N order.
pub fn tag_keys(params: &Params) -> ApiResult<Vec<String>> {
    Ok(params
        .repeat_list("TagKey", MAX_TAGS, ErrorCode::InvalidTagKey)?
        .into_iter()
        .map(|(_, key)| key.to_owned())
        .collect())
}
