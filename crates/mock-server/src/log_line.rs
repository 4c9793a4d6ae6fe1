//! The log's line: `2026-11-30T12:00:00.123456Z  INFO shutting down`, the layout of
//! tracing-subscriber's default format.
//!
//! The default format passes every message through a character-by-character escaping writer;
//! with one line per request that pass cost more than the rest of the line (callgrind, about a
//! tenth of a CreateApp's instructions). Messages here are the mock's own text, so escaping
//! belongs only where a request's text enters one: [`Untrusted`].
//!
//! Lines go to standard error through [`StderrSink`], in batches.

use std::fmt::{self, Write as _};
use std::fs::File;
use std::io::{self, Write as _};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use time::OffsetDateTime;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::writer::MakeWriter;
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
        writer.write_str(timestamp(OffsetDateTime::now_utc()).as_str())?;
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

/// How long a log line may wait in the buffer before it is written.
pub const FLUSH_INTERVAL: Duration = Duration::from_millis(20);
/// A buffer this full is written at once, without waiting for the interval.
const FLUSH_BYTES: usize = 64 * 1024;

/// Standard error for the log, in batches: lines gather in a buffer that a background thread
/// writes out every [`FLUSH_INTERVAL`], or at once when it holds [`FLUSH_BYTES`];
/// [`StderrSink::flush`] empties it on the way out.
///
/// One `write` system call per line cost about a twelfth of a request's CPU (the benchmark's
/// log-off row); appending to a buffer costs a lock and a copy. Before that, std's own lock
/// on stderr, held across each `write`, was behind nearly every futex call the mock made
/// under load (strace). A line shows at most 20 ms late; a process killed with SIGKILL can
/// lose the last 20 ms of lines.
#[derive(Debug, Clone)]
pub struct StderrSink {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    /// Lines not written yet.
    pending: Mutex<Vec<u8>>,
    /// The batch being written; held across the write so that batches go out in order.
    writing: Mutex<Vec<u8>>,
    /// A second handle on file descriptor 2, or std's stderr where none can be had.
    out: Option<File>,
    /// False when no flushing thread could be started: then every line is written at once.
    batched: AtomicBool,
}

impl StderrSink {
    /// A sink on this process's standard error, with its flushing thread.
    pub fn new() -> StderrSink {
        StderrSink::writing_to(unlocked_stderr().ok())
    }

    fn writing_to(out: Option<File>) -> StderrSink {
        let shared = Arc::new(Shared {
            pending: Mutex::new(Vec::with_capacity(FLUSH_BYTES)),
            writing: Mutex::new(Vec::with_capacity(FLUSH_BYTES)),
            out,
            batched: AtomicBool::new(true),
        });
        // The thread holds the sink weakly and stops when the last handle is gone.
        let weak = Arc::downgrade(&shared);
        let started = std::thread::Builder::new().name("log-flush".into()).spawn(move || {
            while let Some(shared) = {
                std::thread::sleep(FLUSH_INTERVAL);
                weak.upgrade()
            } {
                shared.flush();
            }
        });
        if started.is_err() {
            shared.batched.store(false, Ordering::Relaxed);
        }
        StderrSink { shared }
    }

    /// Writes out every line logged so far.
    pub fn flush(&self) {
        self.shared.flush();
    }
}

impl Default for StderrSink {
    fn default() -> Self {
        StderrSink::new()
    }
}

impl Shared {
    fn flush(&self) {
        let mut batch = lock(&self.writing);
        std::mem::swap(&mut *batch, &mut *lock(&self.pending));
        if !batch.is_empty() {
            self.write_out(&batch);
            batch.clear();
        }
    }

    fn write_out(&self, bytes: &[u8]) {
        // Nowhere to report a failure to write the log; the request it describes is answered.
        let _ = match &self.out {
            // `&File` writes without a lock of its own.
            Some(file) => (&*file).write_all(bytes),
            None => io::stderr().write_all(bytes),
        };
    }
}

fn lock(buffer: &Mutex<Vec<u8>>) -> MutexGuard<'_, Vec<u8>> {
    buffer.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(unix)]
fn unlocked_stderr() -> io::Result<File> {
    use std::os::fd::AsFd;
    Ok(File::from(io::stderr().as_fd().try_clone_to_owned()?))
}

#[cfg(not(unix))]
fn unlocked_stderr() -> io::Result<File> {
    Err(io::ErrorKind::Unsupported.into())
}

/// One event's line on its way into the sink.
#[derive(Debug)]
pub struct PendingLine<'a>(&'a Shared);

impl io::Write for PendingLine<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let shared = self.0;
        if !shared.batched.load(Ordering::Relaxed) {
            shared.write_out(bytes);
            return Ok(bytes.len());
        }
        let full = {
            let mut pending = lock(&shared.pending);
            pending.extend_from_slice(bytes);
            pending.len() >= FLUSH_BYTES
        };
        if full {
            shared.flush();
        }
        Ok(bytes.len())
    }

    /// The flushing thread writes the buffer; a line alone is never a reason to.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for StderrSink {
    type Writer = PendingLine<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        PendingLine(&self.shared)
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

/// RFC 3339 in UTC with microseconds, `2026-11-30T12:00:00.123456Z`, digit by digit: the
/// `{:02}` formatting of seven numbers cost as much as the rest of the line.
struct Timestamp([u8; 27]);

impl Timestamp {
    fn as_str(&self) -> &str {
        // Only ASCII digits and separators are ever written.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

fn timestamp(at: OffsetDateTime) -> Timestamp {
    let mut text = *b"0000-00-00T00:00:00.000000Z";
    let mut put = |end: usize, mut value: u32, width: usize| {
        for slot in text[end - width..end].iter_mut().rev() {
            *slot = b'0' + (value % 10) as u8;
            value /= 10;
        }
    };
    // The years this mock runs in have four digits; anything else is clamped, not garbled.
    put(4, at.year().clamp(0, 9999) as u32, 4);
    put(7, u32::from(u8::from(at.month())), 2);
    put(10, u32::from(at.day()), 2);
    put(13, u32::from(at.hour()), 2);
    put(16, u32::from(at.minute()), 2);
    put(19, u32::from(at.second()), 2);
    put(26, at.microsecond(), 6);
    Timestamp(text)
}

/// Text a client sent, shown in a log line: printable ASCII as it is and anything else
/// escaped, so a request can neither start a forged line (`\n`) nor drive the reader's
/// terminal (`\x1b[…`).
#[derive(Debug, Clone, Copy)]
pub struct Untrusted<'a>(pub &'a str);

impl fmt::Display for Untrusted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        if text.bytes().all(|byte| byte == b' ' || byte.is_ascii_graphic()) {
            return f.write_str(text);
        }
        for character in text.chars() {
            if character == ' ' || character.is_ascii_graphic() {
                f.write_char(character)?;
            } else {
                write!(f, "{}", character.escape_default())?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn timestamps_have_the_default_formats_layout() {
        assert_eq!(
            timestamp(datetime!(2026-11-30 09:05:07.012345 UTC)).as_str(),
            "2026-11-30T09:05:07.012345Z"
        );
        assert_eq!(
            timestamp(datetime!(0999-01-01 00:00:00 UTC)).as_str(),
            "0999-01-01T00:00:00.000000Z"
        );
    }

    #[test]
    fn untrusted_text_cannot_break_the_line_or_reach_the_terminal() {
        assert_eq!(Untrusted("CreateApp").to_string(), "CreateApp");
        assert_eq!(Untrusted("a b-c_d.e").to_string(), "a b-c_d.e");
        assert_eq!(
            Untrusted("x\n2026-11-30T00:00:00Z  INFO forged").to_string(),
            "x\\n2026-11-30T00:00:00Z  INFO forged"
        );
        assert_eq!(Untrusted("\x1b[2J").to_string(), "\\u{1b}[2J");
        assert_eq!(Untrusted("应用").to_string(), "\\u{5e94}\\u{7528}");
    }

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

    #[test]
    fn the_sink_writes_every_line_in_order_when_flushed_or_full() {
        let path = std::env::temp_dir().join(format!("cloudapi-mock-log-{}.txt", std::process::id()));
        let file = File::create(&path).expect("a temporary file");
        let sink = StderrSink::writing_to(Some(file));
        let read = || std::fs::read_to_string(&path).unwrap_or_default();
        for n in 0..100 {
            let _ = sink.make_writer().write_all(format!("line {n}\n").as_bytes());
        }
        sink.flush();
        let expected: String = (0..100).map(|n| format!("line {n}\n")).collect();
        assert_eq!(read(), expected);

        // Past the size bound the line's own writer writes the batch, whatever the timer does.
        let long = "x".repeat(FLUSH_BYTES);
        let _ = sink.make_writer().write_all(long.as_bytes());
        assert_eq!(read().len(), expected.len() + long.len());
        let _ = std::fs::remove_file(&path);
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
