//! `cloudapi-conformance`: the contract suite's machinery.
//!
//! The Gherkin features under `features/` are the specification; the step library in
//! `tests/steps/` drives them through this crate: a [`target::Target`] (the in-process mock
//! or a remote endpoint, behind one seam), a signing HTTP [`client`], the [`redact`]ion of
//! volatile values, and the [`snapshot`] assertions shared by every target.

pub mod client;
pub mod redact;
pub mod snapshot;
pub mod target;
