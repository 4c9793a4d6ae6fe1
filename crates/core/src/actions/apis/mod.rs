//! The APIs family: CreateApi, DescribeApi, DescribeApis, ModifyApi and DeleteApi
//! (reference part 4). The definition's documents are read by [`document`] and
//! [`definition`], shown by [`views`].

pub(crate) mod create_api;
pub(crate) mod definition;
pub(crate) mod delete_api;
pub(crate) mod describe_api;
pub(crate) mod describe_apis;
pub(crate) mod document;
pub(crate) mod modify_api;
pub(crate) mod views;
