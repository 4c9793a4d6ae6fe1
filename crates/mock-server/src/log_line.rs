//! The log's line: `2026-11-30T12:00:00.123456Z  INFO shutting down`, the layout of
//! tracing-subscriber's default format.
//!
//! The default format passes every message through a character-by-character escaping writer;
//! with one line per request that pass cost more than the rest of the line (callgrind, about a
//! tenth of a CreateApp's instructions). Messages here are the mock's own text, so escaping
//! belongs only where a request's text enters one: the library's `Untrusted`.
//!
//! Where the lines go is the batching sink of `log_sink.rs`.

use std::fmt;

use cloudapi_core::protocol::timestamp::{Digits, Precision};
use time::OffsetDateTime;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;

/// Timestamp, level, message and any other fields as `name=value`, on one line.
#[derive(Debug, Clone, Copy, Default)]
pub struct LineFormat;

impl<S, N> FormatEvent<S, N> for LineFormat
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(&self, _context: &FmtContext<'_, S, N>, mut writer: Writer<'_>, event: &Event<'_>) -> fmt::Result {
        writer.write_str(Digits::new(OffsetDateTime::now_utc(), Precision::Micros).as_str())?;
        let level = *event.metadata().level();
        if writer.has_ansi_escapes() {
            write!(writer, " {}{:>5}\x1b[0m ", colour(level), level.as_str())?;
        } else {
            write!(writer, " {:>5} ", level.as_str())?;
        }
        let mut fields = Fields {
            writer: &mut writer,
            result: Ok(()),
        };
        event.record(&mut fields);
        fields.result?;
        writer.write_char('\n')
    }
}

/// The colour tracing-subscriber gives each level on a terminal.
fn colour(level: Level) -> &'static str {
    match level {
        Level::ERROR => "\x1b[31m",
        Level::WARN => "\x1b[33m",
        Level::INFO => "\x1b[32m",
        Level::DEBUG => "\x1b[34m",
        Level::TRACE => "\x1b[35m",
    }
}

struct Fields<'w, 'a> {
    writer: &'w mut Writer<'a>,
    result: fmt::Result,
}

impl Visit for Fields<'_, '_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if self.result.is_ok() {
            self.result = match field.name() {
                // A message is `format_args!`, whose Debug is its text.
                "message" => write!(self.writer, "{value:?}"),
                name => write!(self.writer, " {name}={value:?}"),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_holds_the_timestamp_level_message_and_fields() {
        let captured = std::sync::Arc::new(std::sync::Mutex::new(Vec::<u8>::new()));
        let sink = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .event_format(LineFormat)
            .with_writer(move || Sink(sink.clone()))
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            tracing::warn!(port = 8080, "listening on {}", "0.0.0.0");
        });
        let text =
            String::from_utf8(captured.lock().map(|bytes| bytes.clone()).unwrap_or_default()).unwrap_or_default();
        let (stamp, rest) = text.split_at(27);
        assert!(stamp.ends_with('Z') && stamp.as_bytes()[10] == b'T', "{text}");
        assert_eq!(rest, "  WARN listening on 0.0.0.0 port=8080\n");
    }

    struct Sink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Sink {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if let Ok(mut all) = self.0.lock() {
                all.extend_from_slice(bytes);
            }
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
}
