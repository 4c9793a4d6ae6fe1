//! Where the log's lines go: standard error, in batches a thread of its own writes out on a
//! timer.
//!
//! Why not tracing-appender's non-blocking writer, which the mock used before: it wakes its
//! writer thread for nearly every line, and on a 2-core machine at 80,000 requests a second
//! those wake-ups are what lengthens CreateApp's tail. `scripts/tail.sh 5 64` (wrk, 64
//! connections, quiet machine) gave the mock's p99 2.4 to 3.4 ms against the ceiling's 1.1 ms
//! with the request log on, and 1.6 to 1.7 ms with `--log warn` (docs/benchmark.md). Here a
//! request appends its line to a buffer under a lock and wakes nobody; the writer thread
//! wakes every [`FLUSH_INTERVAL`], or early when the buffer passes [`WAKE_BYTES`].
//!
//! No line is dropped: past [`MAX_PENDING_BYTES`] (a reader of stderr that does not keep up)
//! a request waits for the writer to make room, as the non-blocking writer's `lossy(false)`
//! did. A line shows at most [`FLUSH_INTERVAL`] late; [`LogSink::finish`] writes what is left
//! on the way out; a process killed with SIGKILL can lose the lines of its last interval.

use std::fs::File;
use std::io::{self, Write as _};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use tracing_subscriber::fmt::writer::MakeWriter;

/// How long a line may wait in the buffer before it is written.
pub const FLUSH_INTERVAL: Duration = Duration::from_millis(20);
/// A buffer this full wakes the writer before its interval is up.
pub const WAKE_BYTES: usize = 256 * 1024;
/// A buffer this full makes the next line wait for room: the log never drops a line.
pub const MAX_PENDING_BYTES: usize = 8 * 1024 * 1024;

/// The log's writer: lines gather in a buffer, a background thread writes them out.
#[derive(Debug, Clone)]
pub struct LogSink {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    state: Mutex<State>,
    /// The writer waits on it for its interval, or for a full buffer, or for the end.
    wake_writer: Condvar,
    /// Lines waiting for room wait on it.
    room: Condvar,
    /// A second handle on file descriptor 2 (writes through `&File` take no lock of std's),
    /// or std's stderr where none can be had.
    out: Option<File>,
}

#[derive(Debug, Default)]
struct State {
    pending: Vec<u8>,
    finished: bool,
    /// Whether a writer thread runs; without one, every line is written at once.
    batched: bool,
}

/// Stops the writer thread, once everything logged so far is written.
#[derive(Debug)]
pub struct FinishGuard {
    sink: LogSink,
    writer: Option<JoinHandle<()>>,
}

impl LogSink {
    /// A sink on this process's standard error, with its writer thread.
    pub fn stderr() -> (LogSink, FinishGuard) {
        LogSink::writing_to(unlocked_stderr().ok())
    }

    fn writing_to(out: Option<File>) -> (LogSink, FinishGuard) {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                pending: Vec::with_capacity(WAKE_BYTES),
                finished: false,
                batched: true,
            }),
            wake_writer: Condvar::new(),
            room: Condvar::new(),
            out,
        });
        let for_thread = Arc::clone(&shared);
        let writer = std::thread::Builder::new()
            .name("log-writer".into())
            .spawn(move || for_thread.write_until_finished())
            .ok();
        if writer.is_none() {
            shared.lock().batched = false;
        }
        let sink = LogSink { shared };
        let guard = FinishGuard {
            sink: sink.clone(),
            writer,
        };
        (sink, guard)
    }
}

impl FinishGuard {
    /// Writes every line logged so far and stops the writer thread.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.sink.shared.lock().finished = true;
        self.sink.shared.wake_writer.notify_one();
        if let Some(writer) = self.writer.take() {
            // A writer that panicked has nothing left to write.
            let _ = writer.join();
        }
    }
}

impl Drop for FinishGuard {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // Appending bytes cannot leave the buffer half-changed in a way a later line minds.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn write_until_finished(&self) {
        let mut batch = Vec::with_capacity(WAKE_BYTES);
        loop {
            let finished = {
                let mut state = self.lock();
                if state.pending.len() < WAKE_BYTES && !state.finished {
                    state = self
                        .wake_writer
                        .wait_timeout(state, FLUSH_INTERVAL)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0;
                }
                std::mem::swap(&mut batch, &mut state.pending);
                state.finished
            };
            self.room.notify_all();
            if !batch.is_empty() {
                self.write_out(&batch);
                batch.clear();
            }
            if finished {
                // Lines logged while the last batch was written.
                let rest = std::mem::take(&mut self.lock().pending);
                self.write_out(&rest);
                self.lock().batched = false;
                return;
            }
        }
    }

    fn write_out(&self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        // Nowhere to report a failure to write the log; the request it describes is answered.
        let _ = match &self.out {
            Some(file) => (&*file).write_all(bytes),
            None => io::stderr().write_all(bytes),
        };
    }

    fn append(&self, bytes: &[u8]) {
        let mut state = self.lock();
        if !state.batched {
            drop(state);
            self.write_out(bytes);
            return;
        }
        while state.pending.len() >= MAX_PENDING_BYTES && state.batched {
            self.wake_writer.notify_one();
            state = self.room.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
        state.pending.extend_from_slice(bytes);
        let wake = state.pending.len() >= WAKE_BYTES;
        drop(state);
        if wake {
            self.wake_writer.notify_one();
        }
    }
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
        self.0.append(bytes);
        Ok(bytes.len())
    }

    /// The writer thread writes the buffer; a line alone is never a reason to.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for LogSink {
    type Writer = PendingLine<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        PendingLine(&self.shared)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temporary(name: &str) -> (std::path::PathBuf, File) {
        let path = std::env::temp_dir().join(format!("cloudapi-mock-log-{name}-{}.txt", std::process::id()));
        let file = File::create(&path).expect("a temporary file");
        (path, file)
    }

    #[test]
    fn every_line_is_written_in_order_by_the_end() {
        let (path, file) = temporary("order");
        let (sink, guard) = LogSink::writing_to(Some(file));
        for n in 0..1000 {
            let _ = sink.make_writer().write_all(format!("line {n}\n").as_bytes());
        }
        guard.finish();
        let expected: String = (0..1000).map(|n| format!("line {n}\n")).collect();
        assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), expected);
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn a_line_is_written_within_its_interval_without_a_flush() {
        let (path, file) = temporary("interval");
        let (sink, guard) = LogSink::writing_to(Some(file));
        let _ = sink.make_writer().write_all(b"soon\n");
        // Polled with a deadline far beyond the interval: the writer's timer, not the end,
        // writes it.
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::fs::read_to_string(&path).unwrap_or_default() != "soon\n" {
            assert!(std::time::Instant::now() < deadline, "the line was not written");
            std::thread::yield_now();
        }
        drop(guard);
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn more_than_the_buffer_holds_waits_for_room_and_loses_nothing() {
        let (path, file) = temporary("room");
        let (sink, guard) = LogSink::writing_to(Some(file));
        let line = "y".repeat(1023) + "\n";
        let lines = MAX_PENDING_BYTES / line.len() * 3;
        let writers: Vec<_> = (0..4)
            .map(|_| {
                let sink = sink.clone();
                let line = line.clone();
                std::thread::spawn(move || {
                    for _ in 0..lines / 4 {
                        let _ = sink.make_writer().write_all(line.as_bytes());
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().expect("a writer");
        }
        guard.finish();
        let written = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(written.len(), lines / 4 * 4 * line.len());
        assert!(written.lines().all(|l| l.len() == 1023), "lines are never interleaved");
        let _ = std::fs::remove_file(&path);
    }
}
