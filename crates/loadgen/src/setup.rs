//! Untimed preparation: apps for the read workloads to find.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use cloudapi_core::client::Signer;

use crate::wire::Connection;
use crate::workload::{KnownApp, PoolSpec, Schemes, Workload};

static CALLS: AtomicUsize = AtomicUsize::new(0);

/// Creates `per_account` apps in each account and returns them.
pub async fn create_apps(
    address: SocketAddr,
    host: &str,
    accounts: &[Signer],
    per_account: usize,
    connections: usize,
) -> io::Result<Vec<KnownApp>> {
    let mut apps = Vec::with_capacity(accounts.len() * per_account);
    for (account, signer) in accounts.iter().enumerate() {
        // Unique across runs against one long-lived mock: names are unique per account.
        let prefix = format!(
            "s{}x{}x{account}x",
            std::process::id(),
            CALLS.fetch_add(1, Ordering::Relaxed)
        );
        let pool = PoolSpec {
            workload: Workload::Create,
            schemes: Schemes::V2,
            host,
            readers: &[],
            creators: std::slice::from_ref(signer),
            apps: &[],
            name_prefix: &prefix,
            size: per_account,
        }
        .build();
        for id in send_all(address, pool, connections).await? {
            apps.push(KnownApp { account, id });
        }
    }
    Ok(apps)
}

/// Sends every request and returns the `AppId` of each answer; any failure is an error.
async fn send_all(address: SocketAddr, pool: Vec<Vec<u8>>, connections: usize) -> io::Result<Vec<i64>> {
    let pool = Arc::new(pool);
    let cursor = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..connections.max(1) {
        let mut connection = Connection::open(address).await?;
        let pool = pool.clone();
        let cursor = cursor.clone();
        tasks.push(tokio::spawn(async move {
            let mut ids = Vec::new();
            while let Some(request) = pool.get(cursor.fetch_add(1, Ordering::Relaxed)) {
                let response = connection.round_trip(request).await?;
                ids.push(app_id(response.status, response.body)?);
            }
            Ok::<_, io::Error>(ids)
        }));
    }
    let mut ids = Vec::with_capacity(pool.len());
    for task in tasks {
        ids.extend(task.await.map_err(io::Error::other)??);
    }
    Ok(ids)
}

/// The `AppId` of a CreateApp answer.
pub fn app_id(status: u16, body: &[u8]) -> io::Result<i64> {
    let value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    match value["AppId"].as_i64() {
        Some(id) if status == 200 => Ok(id),
        _ => Err(io::Error::other(format!(
            "CreateApp failed during setup: HTTP {status} {}",
            String::from_utf8_lossy(body)
        ))),
    }
}
