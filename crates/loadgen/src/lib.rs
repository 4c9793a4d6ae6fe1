//! `cloudapi-loadgen`: how fast cloudapi-mock serves, measured beside the ceiling of the same
//! machine.
//!
//! - [`workload`]: pools of requests signed (V2 and V3) and serialised before a timed run.
//! - [`drive`]: a closed-loop run at a given concurrency for a given time: rate, p50, p99, errors.
//! - [`ceiling`]: a server that does nothing but answer the documented CreateApp example.
//! - [`report`]: everything at once (throughput beside the ceiling, start-up, memory),
//!   written as JSON and markdown.

#![warn(missing_docs)]
pub mod ceiling;
pub mod drive;
pub mod process;
pub mod report;
pub mod setup;
pub mod wire;
pub mod workload;
