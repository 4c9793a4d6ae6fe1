//! The product's rules for app names and descriptions.
//!
//! AppName: "4 to 26 characters ... letters, digits, and underscores (_), and must start with
//! a letter" (CreateApp doc, English); the Chinese doc and ModifyApp add Chinese characters,
//! which may also come first and count as two characters each. The mock follows the wider
//! Chinese rule (inferred for CreateApp).
//! Description: "up to 180 characters".

use crate::error::{ApiResult, ErrorCode};

/// The shortest app name, in characters (a CJK character counts as two).
pub const APP_NAME_MIN: usize = 4;
/// The longest app name, counted the same way.
pub const APP_NAME_MAX: usize = 26;
/// The longest description, in characters.
pub const DESCRIPTION_MAX: usize = 180;

/// A Chinese character as the docs' rule (`\u4e00-\u9fa5`) means it.
fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fa5}').contains(&c)
}

/// The name's length as the service counts it: a Chinese character counts as two.
pub fn app_name_length(name: &str) -> usize {
    name.chars().map(|c| if is_cjk(c) { 2 } else { 1 }).sum()
}

/// Whether `name` follows the app name rule: a letter (or CJK character) first, then letters, digits, `_`, within the length.
pub fn is_valid_app_name(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let first_ok = first.is_ascii_alphabetic() || is_cjk(first);
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || is_cjk(c));
    first_ok && rest_ok && (APP_NAME_MIN..=APP_NAME_MAX).contains(&app_name_length(name))
}

/// The app name rule as a refusal: `InvalidAppName` when it does not hold.
pub fn check_app_name(name: &str) -> ApiResult<()> {
    if is_valid_app_name(name) {
        Ok(())
    } else {
        Err(ErrorCode::InvalidAppName.into())
    }
}

/// GroupName: "4 to 50 characters ... letters, digits, underscores (_) and Chinese
/// characters, and must start with a letter or a Chinese character" (CreateApiGroup doc, ROS
/// `ALIYUN::ApiGateway::Group`). Each character counts once (inferred: unlike AppName, no
/// source says a Chinese character counts twice).
pub const GROUP_NAME_MIN: usize = 4;
/// The longest API group name, counted as app names are.
pub const GROUP_NAME_MAX: usize = 50;

/// Whether `name` follows the group name rule.
pub fn is_valid_group_name(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let first_ok = first.is_ascii_alphabetic() || is_cjk(first);
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || is_cjk(c));
    first_ok && rest_ok && (GROUP_NAME_MIN..=GROUP_NAME_MAX).contains(&name.chars().count())
}

/// ApiName: the same rule as a group's name, "4 to 50 characters ... must start with a letter
/// or a Chinese character" (CreateApi doc).
pub fn check_api_name(name: &str) -> ApiResult<()> {
    if is_valid_group_name(name) {
        Ok(())
    } else {
        Err(ErrorCode::InvalidApiName.into())
    }
}

/// The group name rule as a refusal: `InvalidGroupName` when it does not hold.
pub fn check_group_name(name: &str) -> ApiResult<()> {
    if is_valid_group_name(name) {
        Ok(())
    } else {
        Err(ErrorCode::InvalidGroupName.into())
    }
}

/// A group's base path is the root its APIs' paths hang from: it starts with `/`.
pub fn check_base_path(base_path: &str) -> ApiResult<()> {
    if base_path.starts_with('/') && !base_path.chars().any(char::is_whitespace) {
        Ok(())
    } else {
        Err(ErrorCode::InvalidBasePath.into())
    }
}

/// The description rule as a refusal: `InvalidDescription` past its length.
pub fn check_description(description: &str) -> ApiResult<()> {
    if description.chars().count() <= DESCRIPTION_MAX {
        Ok(())
    } else {
        Err(ErrorCode::InvalidDescription.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_names() {
        for name in [
            "abcd",
            "CreateAppTest",
            "a_1_",
            "A234567890123456789012345z",
            "应用测试",
            "a应用",
        ] {
            assert!(is_valid_app_name(name), "{name}");
        }
    }

    #[test]
    fn invalid_names() {
        for name in [
            "",
            "abc",
            "A2345678901234567890123456z",
            "1abc",
            "_abc",
            "ab-cd",
            "ab cd",
            "abc!",
            "应用测试应用测试应用测试应用测",
            "ébcd",
            "abcé",
        ] {
            assert!(!is_valid_app_name(name), "{name}");
        }
    }

    #[test]
    fn chinese_characters_count_twice() {
        assert_eq!(app_name_length("应用"), 4);
        assert!(is_valid_app_name("应用"));
        assert!(!is_valid_app_name("应"));
        assert!(is_valid_app_name("应用测试应用测试应用测试应"));
    }

    #[test]
    fn group_names() {
        for name in ["abcd", "Weather", "天气服务", "a_1_", &format!("a{}", "b".repeat(49))] {
            assert!(is_valid_group_name(name), "{name}");
        }
        for name in ["abc", "1abc", "_abc", "ab-cd", &format!("a{}", "b".repeat(50))] {
            assert!(!is_valid_group_name(name), "{name}");
        }
    }

    #[test]
    fn base_paths_start_with_a_slash() {
        assert!(check_base_path("/").is_ok() && check_base_path("/v1/weather").is_ok());
        for bad in ["v1", "", "/a b"] {
            assert_eq!(check_base_path(bad).expect_err(bad).code, ErrorCode::InvalidBasePath);
        }
    }

    #[test]
    fn descriptions_up_to_180_characters() {
        assert!(check_description(&"x".repeat(180)).is_ok());
        assert!(check_description(&"描".repeat(180)).is_ok());
        assert_eq!(
            check_description(&"x".repeat(181)).expect_err("long").code,
            ErrorCode::InvalidDescription
        );
    }
}
