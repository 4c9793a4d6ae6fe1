//! Where the log's lines go: standard error, in batches.

use std::fs::File;
use std::io::{self, Write as _};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tracing_subscriber::fmt::writer::MakeWriter;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
