//! Drives an endpoint with a pool of prepared requests: a fixed number of connections, each
//! sending its next request as soon as the previous answer is in (closed loop), until the
//! time is up or the pool is spent.

use std::collections::BTreeMap;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::wire::Connection;

/// How hard and how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Load {
    /// Connections kept alive, each with one request in flight.
    pub connections: usize,
    /// How long the run lasts (or until the pool is spent).
    pub duration: Duration,
}

/// What one run measured.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Measurement {
    /// Responses received, errors included.
    pub requests: u64,
    /// Answers other than 2xx, and connection failures.
    pub errors: u64,
    /// Wall-clock time from the first request to the last answer.
    pub elapsed_secs: f64,
    /// Requests answered per second.
    pub requests_per_sec: f64,
    /// Median latency.
    pub p50_ms: f64,
    /// 99th percentile latency.
    pub p99_ms: f64,
    /// The slowest answer.
    pub max_ms: f64,
    /// Error answers by HTTP status (0: the connection failed).
    pub errors_by_status: BTreeMap<u16, u64>,
    /// The first error body, to tell what went wrong without rerunning.
    pub first_error: Option<String>,
    /// True when the pool ran out before the time did.
    pub pool_spent: bool,
}

/// Per-connection tallies, merged at the end so the timed loop shares nothing but the cursor.
#[derive(Debug, Default)]
struct Tally {
    latencies_ns: Vec<u64>,
    errors_by_status: BTreeMap<u16, u64>,
    first_error: Option<String>,
}

impl Tally {
    fn error(&mut self, status: u16, detail: impl FnOnce() -> String) {
        *self.errors_by_status.entry(status).or_insert(0) += 1;
        if self.first_error.is_none() {
            self.first_error = Some(detail());
        }
    }
}

/// Runs the pool against `address`. Connections are opened before the clock starts.
pub async fn drive(address: SocketAddr, pool: Arc<Vec<Vec<u8>>>, load: Load) -> io::Result<Measurement> {
    let mut connections = Vec::with_capacity(load.connections);
    for _ in 0..load.connections.max(1) {
        connections.push(Connection::open(address).await?);
    }
    let cursor = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let deadline = started + load.duration;
    let tasks: Vec<_> = connections
        .into_iter()
        .map(|connection| {
            let pool = pool.clone();
            let cursor = cursor.clone();
            tokio::spawn(run_connection(address, connection, pool, cursor, deadline))
        })
        .collect();
    let mut tallies = Vec::with_capacity(tasks.len());
    for task in tasks {
        tallies.push(task.await.map_err(io::Error::other)?);
    }
    let elapsed = started.elapsed();
    let pool_spent = cursor.load(Ordering::Relaxed) >= pool.len();
    Ok(summarise(tallies, elapsed, pool_spent))
}

async fn run_connection(
    address: SocketAddr,
    mut connection: Connection,
    pool: Arc<Vec<Vec<u8>>>,
    cursor: Arc<AtomicUsize>,
    deadline: Instant,
) -> Tally {
    let mut tally = Tally {
        latencies_ns: Vec::with_capacity(pool.len() / 16),
        ..Tally::default()
    };
    loop {
        let sent_at = Instant::now();
        if sent_at >= deadline {
            break;
        }
        let Some(request) = pool.get(cursor.fetch_add(1, Ordering::Relaxed)) else {
            break;
        };
        let outcome = connection
            .round_trip(request)
            .await
            .map(|response| (response.status, response_error(response.status, response.body)));
        tally
            .latencies_ns
            .push(u64::try_from(sent_at.elapsed().as_nanos()).unwrap_or(u64::MAX));
        match outcome {
            Ok((_, None)) => {}
            Ok((status, Some(body))) => tally.error(status, || body),
            Err(e) => {
                tally.error(0, || e.to_string());
                match Connection::open(address).await {
                    Ok(fresh) => connection = fresh,
                    Err(_) => break,
                }
            }
        }
    }
    tally
}

/// The body of a non-2xx answer, for the report; `None` for a success.
fn response_error(status: u16, body: &[u8]) -> Option<String> {
    (!(200..300).contains(&status)).then(|| String::from_utf8_lossy(&body[..body.len().min(300)]).into_owned())
}

fn summarise(tallies: Vec<Tally>, elapsed: Duration, pool_spent: bool) -> Measurement {
    let mut latencies: Vec<u64> = Vec::new();
    let mut errors_by_status = BTreeMap::new();
    let mut first_error = None;
    for tally in tallies {
        latencies.extend(tally.latencies_ns);
        for (status, count) in tally.errors_by_status {
            *errors_by_status.entry(status).or_insert(0) += count;
        }
        first_error = first_error.or(tally.first_error);
    }
    latencies.sort_unstable();
    let requests = latencies.len() as u64;
    let elapsed_secs = elapsed.as_secs_f64();
    Measurement {
        requests,
        errors: errors_by_status.values().sum(),
        elapsed_secs,
        requests_per_sec: if elapsed_secs > 0.0 {
            requests as f64 / elapsed_secs
        } else {
            0.0
        },
        p50_ms: percentile_ms(&latencies, 0.50),
        p99_ms: percentile_ms(&latencies, 0.99),
        max_ms: percentile_ms(&latencies, 1.0),
        errors_by_status,
        first_error,
        pool_spent,
    }
}

/// The nearest-rank percentile of sorted nanoseconds, in milliseconds.
fn percentile_ms(sorted_ns: &[u64], quantile: f64) -> f64 {
    if sorted_ns.is_empty() {
        return 0.0;
    }
    let rank = (quantile * sorted_ns.len() as f64).ceil() as usize;
    let index = rank.clamp(1, sorted_ns.len()) - 1;
    sorted_ns[index] as f64 / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let ns: Vec<u64> = (1..=100).map(|i| i * 1_000_000).collect();
        assert_eq!(percentile_ms(&ns, 0.50), 50.0);
        assert_eq!(percentile_ms(&ns, 0.99), 99.0);
        assert_eq!(percentile_ms(&ns, 1.0), 100.0);
        assert_eq!(percentile_ms(&[], 0.5), 0.0);
    }
}
