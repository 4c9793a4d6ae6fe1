//! `AuthValidTime`: when an authorization stops. The docs' examples write it
//! `Fri,05Oct201816:00:00GMT` (RFC 1123 with its spaces removed) and `2023-05-31T08:15:39Z`;
//! both are taken, and RFC 1123 with its spaces (inferred).

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

use crate::protocol::timestamp;

const MONTHS: [(&str, Month); 12] = [
    ("Jan", Month::January),
    ("Feb", Month::February),
    ("Mar", Month::March),
    ("Apr", Month::April),
    ("May", Month::May),
    ("Jun", Month::June),
    ("Jul", Month::July),
    ("Aug", Month::August),
    ("Sep", Month::September),
    ("Oct", Month::October),
    ("Nov", Month::November),
    ("Dec", Month::December),
];

fn number<T: std::str::FromStr>(text: &str) -> Option<T> {
    text.bytes().all(|b| b.is_ascii_digit()).then(|| text.parse().ok())?
}

/// `Fri,05Oct201816:00:00GMT`, the same with spaces, or `2018-10-05T16:00:00Z`, within the
/// mock's calendar (the clock's range).
pub fn parse(raw: &str) -> Option<OffsetDateTime> {
    parse_any(raw).filter(|at| (crate::Clock::EARLIEST..=crate::Clock::LATEST).contains(at))
}

fn parse_any(raw: &str) -> Option<OffsetDateTime> {
    if let Some(at) = timestamp::parse(raw.trim()) {
        return Some(at);
    }
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let rest = compact.split_once(',').map_or(compact.as_str(), |(_, rest)| rest);
    let rest = rest.strip_suffix("GMT")?;
    let day: u8 = number(rest.get(0..2)?)?;
    let month = MONTHS.iter().find(|(name, _)| rest.get(2..5) == Some(*name))?.1;
    let year: i32 = number(rest.get(5..9)?)?;
    let clock = rest.get(9..)?;
    let mut parts = clock.split(':');
    let (hour, minute, second) = (
        number::<u8>(parts.next()?)?,
        number::<u8>(parts.next()?)?,
        number::<u8>(parts.next()?)?,
    );
    if parts.next().is_some() {
        return None;
    }
    let date = Date::from_calendar_date(year, month, day).ok()?;
    let time = Time::from_hms(hour, minute, second).ok()?;
    Some(PrimitiveDateTime::new(date, time).assume_utc())
}

/// RFC 1123, as DescribeApisByApp's example writes times: `Sun, 02 Jan 2022 16:00:00 GMT`.
pub fn rfc1123(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    let weekday = &at.weekday().to_string()[..3];
    let month = MONTHS
        .iter()
        .find(|(_, m)| *m == at.month())
        .map_or("Jan", |(name, _)| *name);
    format!(
        "{weekday}, {:02} {month} {:04} {:02}:{:02}:{:02} GMT",
        at.day(),
        at.year(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_documented_forms() {
        let expected = datetime!(2018-10-05 16:00:00 UTC);
        assert_eq!(parse("Fri,05Oct201816:00:00GMT"), Some(expected));
        assert_eq!(parse("Fri, 05 Oct 2018 16:00:00 GMT"), Some(expected));
        assert_eq!(parse("2018-10-05T16:00:00Z"), Some(expected));
        for bad in [
            "",
            "tomorrow",
            "Fri,32Oct201816:00:00GMT",
            "Fri,05Foo201816:00:00GMT",
            "05Oct201816:00:00",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(
            rfc1123(datetime!(2022-01-02 16:00:00 UTC)),
            "Sun, 02 Jan 2022 16:00:00 GMT"
        );
    }
}
