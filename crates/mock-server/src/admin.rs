//! The operator's API under `/_mock/`, on the mock's own listener: JSON in, JSON out, and
//! `{"error": "..."}` with a 4xx status for anything it refuses.
//!
//! The handlers only translate HTTP; what they do lives in [`Mock`].

use std::collections::BTreeMap;

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use cloudapi_core::protocol::params::decode_form;
use cloudapi_core::protocol::timestamp;
use cloudapi_core::store::{take_commit_ticket, CommitTicket};
use cloudapi_core::{volatile, Action, StateSnapshot};

use crate::error::AdminError;
use crate::faults::{FaultId, FaultRule};
use crate::journal::JournalQuery;
use crate::mock::Mock;

/// The largest admin body: a state document of many accounts' apps.
const MAX_ADMIN_BODY_BYTES: usize = 64 * 1024 * 1024;

/// What the admin API serves, for the 404 answer.
const ENDPOINTS: &str = "GET /_mock/health, POST /_mock/reset[?account=], GET|PUT /_mock/state, \
     GET|DELETE /_mock/journal[?limit=&account=&action=], GET|POST|DELETE /_mock/clock, \
     GET|POST|DELETE /_mock/faults, DELETE /_mock/faults/{id}, GET /_mock/volatile";

pub fn routes(mock: Mock) -> Router {
    Router::new()
        .route("/_mock/health", get(health))
        .route("/_mock/reset", post(reset))
        .route("/_mock/state", get(export_state).put(import_state))
        .route("/_mock/journal", get(journal).delete(clear_journal))
        .route("/_mock/clock", get(clock).post(set_clock).delete(real_time))
        .route("/_mock/faults", get(faults).post(add_fault).delete(clear_faults))
        .route("/_mock/faults/{id}", axum::routing::delete(remove_fault))
        .route("/_mock/volatile", get(volatile_fields))
        .route("/_mock", any(not_found))
        .route("/_mock/", any(not_found))
        .route("/_mock/{*rest}", any(not_found))
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(mock)
}

type AdminResult = Result<Response, AdminError>;

impl IntoResponse for AdminError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.http_status()).unwrap_or(StatusCode::BAD_REQUEST);
        (status, Json(json!({ "error": self.to_string() }))).into_response()
    }
}

fn ok(value: Value) -> AdminResult {
    Ok(Json(value).into_response())
}

async fn not_found() -> AdminError {
    AdminError::NotFound(format!("no such admin endpoint; there are: {ENDPOINTS}"))
}

async fn method_not_allowed() -> Response {
    let body = json!({ "error": format!("method not allowed here; the admin API has: {ENDPOINTS}") });
    (StatusCode::METHOD_NOT_ALLOWED, Json(body)).into_response()
}

/// Query parameters, refusing any the endpoint does not know: a misspelt `?acount=` must not
/// turn a one-account reset into a reset of everything.
fn query_params(query: Option<&str>, known: &[&str]) -> Result<BTreeMap<String, String>, AdminError> {
    let mut params = BTreeMap::new();
    for (name, value) in decode_form(query.unwrap_or_default().as_bytes()) {
        if !known.contains(&name.as_str()) {
            return Err(AdminError::Invalid(format!(
                "unknown query parameter {name:?}; this endpoint takes: {}",
                known.join(", ")
            )));
        }
        params.insert(name, value);
    }
    Ok(params)
}

async fn json_body<T: DeserializeOwned>(request: Request) -> Result<T, AdminError> {
    let bytes = axum::body::to_bytes(request.into_body(), MAX_ADMIN_BODY_BYTES)
        .await
        .map_err(|e| AdminError::Invalid(format!("cannot read the body: {e}")))?;
    serde_json::from_slice(&bytes).map_err(|e| AdminError::Invalid(format!("invalid JSON body: {e}")))
}

async fn health(State(mock): State<Mock>) -> Json<Value> {
    let service = mock.service();
    let counts = service.store().with(|world| world.app_counts());
    let apps: usize = counts.values().sum();
    let (groups, apis, traffic_controls) = service.store().read(|world| {
        world
            .tenancies()
            .fold((0, 0, 0), |(groups, apis, policies), (_, tenancy)| {
                (
                    groups + tenancy.group_table().len(),
                    apis + tenancy.api_table().len(),
                    policies + tenancy.traffic_control_table().iter().len(),
                )
            })
    });
    let mut accounts: Vec<Value> = service
        .credentials()
        .map(|credential| {
            json!({
                "access_key_id": credential.access_key_id,
                "account_uid": credential.account_uid,
                "apps": counts.get(&credential.account_uid).copied().unwrap_or(0),
            })
        })
        .collect();
    accounts.sort_by(|a, b| a["access_key_id"].as_str().cmp(&b["access_key_id"].as_str()));
    Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "uptime_secs": mock.uptime().as_secs(),
        "apps": apps,
        "groups": groups,
        "apis": apis,
        "traffic_controls": traffic_controls,
        "accounts": accounts,
        "clock": clock_state(&mock),
        "journal": {
            "capacity": mock.journal_store().capacity(),
            "entries": mock.journal_store().len(),
            "max_bytes": mock.journal_store().max_bytes(),
            "bytes": mock.journal_store().bytes(),
        },
        "faults": mock.faults().len(),
    }))
}

async fn reset(State(mock): State<Mock>, RawQuery(query): RawQuery) -> AdminResult {
    let params = query_params(query.as_deref(), &["account"])?;
    match params.get("account") {
        Some(account) => {
            let uid = mock.reset_account(account)?;
            committed(take_commit_ticket()).await?;
            ok(json!({ "reset": "account", "account_uid": uid }))
        }
        None => {
            mock.reset();
            committed(take_commit_ticket()).await?;
            ok(json!({ "reset": "all" }))
        }
    }
}

/// In durable mode, waits until what the handler changed is on disk; the ticket is taken
/// on the thread that made the change, before any await.
async fn committed(ticket: Option<CommitTicket>) -> Result<(), AdminError> {
    match ticket {
        Some(ticket) => ticket
            .durable()
            .await
            .map_err(|e| AdminError::NotDurable(e.to_string())),
        None => Ok(()),
    }
}

async fn export_state(State(mock): State<Mock>) -> Json<StateSnapshot> {
    Json(mock.export_state())
}

async fn import_state(State(mock): State<Mock>, request: Request<Body>) -> AdminResult {
    let snapshot: StateSnapshot = json_body(request).await?;
    mock.import_state(snapshot)?;
    committed(take_commit_ticket()).await?;
    let apps: usize = mock.service().store().with(|world| world.app_counts().values().sum());
    ok(json!({ "imported": true, "apps": apps }))
}

async fn journal(State(mock): State<Mock>, RawQuery(query): RawQuery) -> AdminResult {
    let params = query_params(query.as_deref(), &["limit", "account", "action"])?;
    let limit = params
        .get("limit")
        .map(|limit| {
            limit
                .parse::<usize>()
                .map_err(|_| AdminError::Invalid(format!("limit {limit:?} is not a whole number")))
        })
        .transpose()?;
    let query = JournalQuery {
        limit,
        account: params.get("account").cloned(),
        action: params.get("action").cloned(),
    };
    let entries = mock.journal_matching(&query);
    ok(json!({ "capacity": mock.journal_store().capacity(), "entries": entries }))
}

async fn clear_journal(State(mock): State<Mock>) -> AdminResult {
    mock.clear_journal();
    ok(json!({ "cleared": true }))
}

fn clock_state(mock: &Mock) -> Value {
    let clock = mock.service().clock();
    json!({ "now": timestamp::format(clock.now()), "frozen": clock.is_frozen() })
}

/// `{"now": "2026-11-30T09:31:28Z"}` or `{"advance_secs": N}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClockChange {
    now: Option<String>,
    advance_secs: Option<i64>,
}

async fn clock(State(mock): State<Mock>) -> Json<Value> {
    Json(clock_state(&mock))
}

async fn set_clock(State(mock): State<Mock>, request: Request<Body>) -> AdminResult {
    let change: ClockChange = json_body(request).await?;
    match (change.now, change.advance_secs) {
        (Some(now), None) => {
            let at = OffsetDateTime::parse(&now, &Rfc3339).map_err(|_| {
                AdminError::Invalid(format!(
                    "now {now:?} is not an RFC 3339 time such as 2026-11-30T09:31:28Z"
                ))
            })?;
            mock.set_time(at)?;
        }
        (None, Some(seconds)) => mock.advance_time(time::Duration::seconds(seconds))?,
        _ => {
            return Err(AdminError::Invalid(
                "give either \"now\" (an RFC 3339 time) or \"advance_secs\" (seconds, negative to go back)".to_owned(),
            ))
        }
    }
    ok(clock_state(&mock))
}

async fn real_time(State(mock): State<Mock>) -> AdminResult {
    mock.service().clock().return_to_real_time();
    ok(clock_state(&mock))
}

async fn faults(State(mock): State<Mock>) -> AdminResult {
    ok(json!({ "faults": mock.faults() }))
}

async fn add_fault(State(mock): State<Mock>, request: Request<Body>) -> AdminResult {
    let rule: FaultRule = json_body(request).await?;
    let id = mock.inject_fault(rule)?;
    let fault = mock.faults().into_iter().find(|fault| fault.id == id);
    Ok((StatusCode::CREATED, Json(json!(fault))).into_response())
}

async fn clear_faults(State(mock): State<Mock>) -> AdminResult {
    mock.clear_faults();
    ok(json!({ "cleared": true }))
}

async fn remove_fault(State(mock): State<Mock>, id: Result<Path<String>, PathRejection>) -> AdminResult {
    // axum's own refusal (an id that is not UTF-8) is plain text; the admin API answers JSON.
    let Path(id) = id.map_err(|e| AdminError::Invalid(format!("not a fault id: {e}")))?;
    let id: FaultId = id
        .parse()
        .map_err(|_| AdminError::Invalid(format!("{id:?} is not a fault id")))?;
    if mock.remove_fault(id) {
        ok(json!({ "removed": id }))
    } else {
        Err(AdminError::NotFound(format!("no fault rule {id}")))
    }
}

async fn volatile_fields() -> Json<Value> {
    let actions: BTreeMap<&str, &[&str]> = Action::ALL
        .iter()
        .map(|action| (action.name(), volatile::of_action(*action)))
        .collect();
    Json(json!({
        "fields": volatile::FIELDS,
        "errors": volatile::ERROR_FIELDS,
        "actions": actions,
    }))
}
