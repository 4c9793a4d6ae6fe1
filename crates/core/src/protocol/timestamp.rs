//! The one timestamp syntax the gateway takes and the service answers with:
//! UTC `yyyy-MM-ddTHH:mm:ssZ`.

use time::format_description::FormatItem;
use time::macros::format_description;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

const FORMAT: &[FormatItem<'static>] = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");

/// Parses `2016-02-23T12:46:24Z`; anything else (offsets, fractions, spaces, a sign) is
/// `None`.
///
/// Every signed request carries one, so it is read digit by digit at fixed places rather
/// than through `time`'s format-description parser, which cost ten times as much.
pub fn parse(value: &str) -> Option<OffsetDateTime> {
    let bytes: &[u8; 20] = value.as_bytes().try_into().ok()?;
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':'), (19, b'Z')];
    if separators.iter().any(|&(at, separator)| bytes[at] != separator) {
        return None;
    }
    let number = |from: usize, to: usize| {
        bytes[from..to].iter().try_fold(0u16, |sum, &byte| {
            byte.is_ascii_digit().then(|| sum * 10 + u16::from(byte - b'0'))
        })
    };
    let two_digits = |from: usize| number(from, from + 2).and_then(|n| u8::try_from(n).ok());
    let month = Month::try_from(two_digits(5)?).ok()?;
    let date = Date::from_calendar_date(i32::from(number(0, 4)?), month, two_digits(8)?).ok()?;
    let time = Time::from_hms(two_digits(11)?, two_digits(14)?, two_digits(17)?).ok()?;
    Some(PrimitiveDateTime::new(date, time).assume_utc())
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
    fn agrees_with_the_format_description_on_every_shape_it_takes() {
        for text in [
            "2016-02-23T12:46:24Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "2024-02-29T00:00:00Z",
        ] {
            let expected = PrimitiveDateTime::parse(text, FORMAT).map(PrimitiveDateTime::assume_utc);
            assert_eq!(parse(text), expected.ok(), "{text}");
        }
        assert!(parse("2023-02-29T00:00:00Z").is_none());
    }

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
            "2016-02-30T00:00:00Z",
            "2016-02-23T24:00:00Z",
            "2016-02-23T12:60:00Z",
            "2016-02-23T12:46:60Z",
            "+016-02-23T12:46:24Z",
            "2016-02-23T12:46:24z",
            "2016-2-23T12:46:24Z ",
            "２016-02-23T12:46:24Z",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }
}
