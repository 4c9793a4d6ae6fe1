//! The operator's API under `/_mock/`, on the mock's own listener.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use cloudapi_core::Service;

/// What the admin handlers share.
#[derive(Debug, Clone)]
pub struct AdminState {
    pub service: Arc<Service>,
    pub started: Instant,
}

pub fn routes(state: AdminState) -> Router {
    Router::new().route("/_mock/health", get(health)).with_state(state)
}

async fn health(State(state): State<AdminState>) -> Json<Value> {
    let counts = state.service.store().with(|world| world.app_counts());
    let apps: usize = counts.values().sum();
    let accounts: Vec<Value> = state
        .service
        .credentials()
        .map(|credential| {
            json!({
                "access_key_id": credential.access_key_id,
                "account_uid": credential.account_uid,
                "apps": counts.get(&credential.account_uid).copied().unwrap_or(0),
            })
        })
        .collect();
    Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "uptime_secs": state.started.elapsed().as_secs(),
        "apps": apps,
        "accounts": accounts,
    }))
}
