//! The RPC protocol of Alibaba Cloud's POP gateway: what a request carries, how it is signed,
//! and how answers are wrapped.

pub mod envelope;
pub mod params;
pub mod request;
pub mod signature;
pub mod timestamp;
