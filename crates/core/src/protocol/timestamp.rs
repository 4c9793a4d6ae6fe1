//! The one timestamp syntax the gateway takes and the service answers with:
//! UTC `yyyy-MM-ddTHH:mm:ssZ`.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

/// Parses `2016-02-23T12:46:24Z`; anything else (offsets, fractions, spaces, a sign) is
/// `None`.
///
/// A signed year (`+2016-…`) is refused (inferred: the documentation gives only the 4-digit
/// shape; `time`'s parser, used before, took it).
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

/// Formats an instant as the service does, to the second: every app in an answer carries
/// two of these.
pub fn format(at: OffsetDateTime) -> String {
    Digits::new(at, Precision::Seconds).as_str().to_owned()
}

/// How finely [`Digits`] writes the seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// `2016-02-23T12:46:24Z`, the service's syntax.
    Seconds,
    /// `2016-02-23T12:46:24.123456Z`, the mock's log lines.
    Micros,
}

/// An instant in UTC as RFC 3339 text, on the stack, written digit by digit at fixed places
/// as [`parse`] reads (`time`'s format descriptions cost ten times as much). A year outside
/// 0–9999, which no clock this mock runs on reaches, is clamped to it.
#[derive(Debug, Clone, Copy)]
pub struct Digits {
    text: [u8; 27],
    len: usize,
}

impl Digits {
    /// `at` written in UTC at this precision.
    pub fn new(at: OffsetDateTime, precision: Precision) -> Digits {
        // An offset can put the UTC instant past the calendar (`9999-12-31T23:59:59-01:00` in
        // a state document); such an instant is written as the calendar's edge, not panicked on.
        let utc = at.checked_to_offset(time::UtcOffset::UTC).unwrap_or_else(|| {
            let edge = if at.year() > 0 {
                PrimitiveDateTime::MAX
            } else {
                PrimitiveDateTime::MIN
            };
            edge.assume_utc()
        });
        let mut text = *b"0000-00-00T00:00:00.000000Z";
        let mut put = |end: usize, mut value: u32, width: usize| {
            for slot in text[end - width..end].iter_mut().rev() {
                *slot = b'0' + (value % 10) as u8;
                value /= 10;
            }
        };
        put(4, utc.year().clamp(0, 9999).unsigned_abs(), 4);
        put(7, u32::from(u8::from(utc.month())), 2);
        put(10, u32::from(utc.day()), 2);
        put(13, u32::from(utc.hour()), 2);
        put(16, u32::from(utc.minute()), 2);
        put(19, u32::from(utc.second()), 2);
        let len = match precision {
            Precision::Seconds => {
                text[19] = b'Z';
                20
            }
            Precision::Micros => {
                put(26, utc.microsecond(), 6);
                27
            }
        };
        Digits { text, len }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits and separators are ever written.
        std::str::from_utf8(&self.text[..self.len]).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::format_description::FormatItem;
    use time::macros::{datetime, format_description};

    /// The syntax as `time` describes it, to check the hand-written reader and writer against.
    const FORMAT: &[FormatItem<'static>] = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");

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
    fn formats_as_the_format_description_does() {
        for text in [
            "2016-02-23T12:46:24Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "0999-09-09T09:09:09Z",
        ] {
            let at = parse(text).expect("valid");
            assert_eq!(format(at), text);
            assert_eq!(at.format(FORMAT).ok().as_deref(), Some(text));
        }
        let east = parse("2016-02-23T00:30:00Z")
            .expect("valid")
            .to_offset(time::UtcOffset::from_hms(8, 0, 0).expect("offset"));
        assert_eq!(format(east), "2016-02-23T00:30:00Z");
    }

    #[test]
    fn micros_add_the_fraction_before_the_z() {
        let at = datetime!(2026-11-30 09:05:07.012345 UTC);
        assert_eq!(
            Digits::new(at, Precision::Micros).as_str(),
            "2026-11-30T09:05:07.012345Z"
        );
        assert_eq!(
            Digits::new(datetime!(0999-01-01 00:00:00 UTC), Precision::Micros).as_str(),
            "0999-01-01T00:00:00.000000Z"
        );
        assert_eq!(Digits::new(at, Precision::Seconds).as_str(), "2026-11-30T09:05:07Z");
    }

    #[test]
    fn an_instant_past_the_calendar_in_utc_is_written_as_its_edge() {
        assert_eq!(format(datetime!(9999-12-31 23:59:59 -1)), "9999-12-31T23:59:59Z");
        assert_eq!(format(datetime!(-9999-01-01 00:00:00 +1)), "0000-01-01T00:00:00Z");
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
            "+2016-02-23T12:46:24Z",
            "-2016-02-23T12:46:24Z",
            "2016-02-23T12:46:24z",
            "2016-2-23T12:46:24Z ",
            "２016-02-23T12:46:24Z",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }
}
