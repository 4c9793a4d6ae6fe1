//! The ceiling: what this machine serves when a server does no work at all.
//!
//! It runs on the same stack as the mock (axum's `serve` on a multi-threaded tokio runtime
//! with the default worker count) and answers every request with the documented CreateApp
//! example, so the gap between the two is the mock's own cost: decoding, verifying,
//! executing, rendering and logging.

use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::Router;
use tokio::net::TcpListener;

/// The CreateApp response body from the API reference's example.
pub const CREATE_APP_EXAMPLE: &str =
    r#"{"TagStatus":false,"RequestId":"BA20890E-75C7-41BC-9C8B-73276B58F550","AppId":20112314518278}"#;

/// The ceiling's router: every request answered with the documented CreateApp example.
pub fn router() -> Router {
    Router::new().fallback(answer)
}

async fn answer() -> impl IntoResponse {
    ([(CONTENT_TYPE, "application/json;charset=utf-8")], CREATE_APP_EXAMPLE)
}

/// Serves until the process ends.
pub async fn serve(listener: TcpListener) -> std::io::Result<()> {
    axum::serve(listener, router()).await
}
