//! The apps family: apps, their key pairs and AppCodes (the 14 app actions of the reference).

pub(crate) mod app_credentials;
pub(crate) mod create_app;
pub(crate) mod delete_app;
pub(crate) mod describe_app;
pub(crate) mod describe_app_attributes;
pub(crate) mod describe_app_securities;
pub(crate) mod describe_app_security;
pub(crate) mod describe_apps;
pub(crate) mod modify_app;
pub(crate) mod reset_app_code;
pub(crate) mod reset_app_secret;
mod views;
