//! The one timestamp syntax the gateway takes and the service answers with:
//! UTC `yyyy-MM-ddTHH:mm:ssZ`.

use time::format_description::FormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

const FORMAT: &[FormatItem<'static>] = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");

/// Parses `2016-02-23T12:46:24Z`; anything else (offsets, fractions, spaces) is `None`.
pub fn parse(value: &str) -> Option<OffsetDateTime> {
    PrimitiveDateTime::parse(value, FORMAT)
        .ok()
        .map(PrimitiveDateTime::assume_utc)
}

/// Formats an instant as the service does, to the second.
pub fn format(at: OffsetDateTime) -> String {
    let utc = at.to_offset(time::UtcOffset::UTC);
    utc.format(FORMAT)
        .unwrap_or_else(|_| String::from("1970-01-01T00:00:00Z"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let at = parse("2016-02-23T12:46:24Z").expect("valid");
        assert_eq!(format(at), "2016-02-23T12:46:24Z");
    }

    #[test]
    fn refuses_other_shapes() {
        for bad in [
            "2016-02-23 12:46:24",
            "2016-02-23T12:46:24+08:00",
            "2016-02-23T12:46:24.123Z",
            "now",
            "",
            "2016-13-01T00:00:00Z",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }
}
