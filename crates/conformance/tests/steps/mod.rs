//! The step library, one module per concept.

pub mod apis;
pub mod apps;
pub mod authorization;
pub mod credentials;
pub mod data_plane;
pub mod deployment;
pub mod groups;
pub mod mock;
pub mod protocol;
pub mod responses;
pub mod runner;
pub mod tags;
pub mod traffic_control;
pub mod world;
