//! Servers under test as child processes of their own, so each has its own runtime, its own
//! resident set and its own start-up, as a user runs them.

use std::io;
use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::wire::{self, Connection};

/// A child server, killed when dropped.
#[derive(Debug)]
pub struct Server {
    child: Child,
    /// Where it listens.
    pub address: SocketAddr,
}

/// Resident set of a process, from `/proc/PID/status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Memory {
    /// Resident now (`VmRSS`).
    pub rss_kib: u64,
    /// The most ever resident (`VmHWM`).
    pub peak_rss_kib: u64,
}

impl Server {
    /// Starts `program` with `args`; it must listen on `address`. Its output is discarded,
    /// so that a log line costs the server a write but never blocks on a full pipe.
    pub fn spawn(program: &Path, args: &[String], address: SocketAddr) -> io::Result<Server> {
        let child = Command::new(program)
            .args(args)
            // The flags decide the log level: RUST_LOG would override `--log`.
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", program.display())))?;
        Ok(Server { child, address })
    }

    /// Waits until the server answers an HTTP request on `path`.
    pub async fn wait_ready(&mut self, path: &str, timeout: Duration) -> io::Result<()> {
        let request = wire::encode_get(path, &self.address.to_string());
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Err(io::Error::other(format!("the server exited: {status}")));
            }
            if let Ok(mut connection) = Connection::open(self.address).await {
                if connection.round_trip(&request).await.is_ok() {
                    return Ok(());
                }
            }
            if Instant::now() > deadline {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!("no answer on {} after {timeout:?}", self.address),
                ));
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Its resident memory now, from `/proc`.
    pub fn memory(&self) -> io::Result<Memory> {
        memory_of(self.child.id())
    }

    /// CPU time the server has used so far, user and system, all threads.
    pub fn cpu_time(&self) -> io::Result<Duration> {
        cpu_time_of(self.child.id())
    }
}

impl Server {
    /// Kills the server and waits until it is gone (and has let go of its files).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A loopback address nobody listens on now. Another process could take it before the
/// server does; on a benchmark machine that is rare enough to be reported as a failure.
pub fn free_loopback_address() -> io::Result<SocketAddr> {
    TcpListener::bind(("127.0.0.1", 0))?.local_addr()
}

/// CPU time used so far by process `pid`, all threads: `utime + stime` from `/proc/PID/stat`, in clock ticks of 10 ms (the kernel's `USER_HZ`,
/// 100 on every Linux this runs on).
pub fn cpu_time_of(pid: u32) -> io::Result<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // The command name, in parentheses, may hold spaces: count fields after its closing one.
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |index: usize| fields.get(index).and_then(|f| f.parse::<u64>().ok());
    match (ticks(11), ticks(12)) {
        (Some(user), Some(system)) => Ok(Duration::from_millis((user + system) * 10)),
        _ => Err(io::Error::other(format!("unreadable /proc/{pid}/stat"))),
    }
}

fn memory_of(pid: u32) -> io::Result<Memory> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kib| kib.parse::<u64>().ok())
            .ok_or_else(|| io::Error::other(format!("no {name} in /proc/{pid}/status")))
    };
    Ok(Memory {
        rss_kib: field("VmRSS:")?,
        peak_rss_kib: field("VmHWM:")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_this_process_memory() {
        let memory = memory_of(std::process::id()).expect("linux /proc");
        assert!(memory.rss_kib > 0);
        assert!(memory.peak_rss_kib >= memory.rss_kib);
    }

    #[test]
    fn reads_this_process_cpu_time() {
        let spin = std::time::Instant::now();
        while spin.elapsed() < Duration::from_millis(30) {}
        assert!(cpu_time_of(std::process::id()).expect("linux /proc") >= Duration::from_millis(10));
    }
}
