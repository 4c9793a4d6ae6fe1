//! How apps are shown in answers, where several actions show them alike.

use serde::Serialize;

use crate::protocol::timestamp;
use crate::store::{App, AppId};

/// An app's attributes, as DescribeApp answers them and DescribeAppAttributes lists them.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AppView {
    app_id: AppId,
    app_name: String,
    description: String,
    extend: String,
    disabled: bool,
    created_time: String,
    modified_time: String,
}

impl AppView {
    pub fn of(app: &App) -> AppView {
        AppView {
            app_id: app.id,
            app_name: app.name.clone(),
            description: app.description.clone(),
            extend: app.extend.clone(),
            disabled: app.disabled,
            created_time: timestamp::format(app.created_at),
            modified_time: timestamp::format(app.modified_at),
        }
    }
}

/// A page of a listing: the list under its wrapper (`Apps`), and the paging fields.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PagedApps<W> {
    pub apps: W,
    pub page_number: usize,
    pub page_size: usize,
    pub total_count: usize,
}
