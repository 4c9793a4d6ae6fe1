//! `cloudapi-conformance`: the contract suite's machinery.
//!
//! The Gherkin features under `features/` are the specification; the step library in
//! `tests/steps/` drives them through this crate: a [`target::Target`] (the in-process mock
//! or a remote endpoint, behind one seam), a signing HTTP [`client`], the [`redact`]ion of
//! volatile values, and the [`snapshot`] assertions shared by every target.
//!
//! What makes a run against a real account safe lives here too, testable without cucumber:
//! the run's name [`naming`] prefix, the [`cleanup`] of every app and API group created
//! (ledger, per scenario, on interruption), the [`retry`] of throttled calls, the [`sweep`] of
//! leftovers, the write [`guard`] that keeps a run off what it did not create,
//! and the [`parity`] report and [`validation`] stamps of a remote [`run`].
#![warn(missing_docs)]

pub mod api;
pub mod cleanup;
pub mod client;
pub mod guard;
pub mod naming;
pub mod parity;
pub mod redact;
pub mod retry;
pub mod run;
pub mod snapshot;
pub mod stats;
pub mod sweep;
pub mod target;
pub mod teardown;
pub mod validation;
