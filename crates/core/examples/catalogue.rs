//! Prints the coverage matrix of the error catalogues: every code the mock can answer, its
//! status, the template it was rendered from, its evidence, and the operations whose declared
//! parameters produce it.
//!
//! `cargo run -q -p cloudapi-core --example catalogue`

use cloudapi_core::data_plane::GatewayCode;
use cloudapi_core::operations::coverage;

fn main() {
    println!("| surface | code | HTTP | template | evidence | source | declared by |");
    println!("|---|---|---:|---|---|---|---|");
    for row in coverage() {
        let entry = row.code.entry();
        let template = entry
            .template
            .map_or_else(String::new, |(template, name)| format!("{template:?}({name})"));
        let evidence = if entry.evidence.is_confirmed() {
            "confirmed"
        } else {
            "inferred"
        };
        let actions: Vec<&str> = row.actions.iter().map(|action| action.name()).collect();
        println!(
            "| management | {} | {} | {template} | {evidence} | {} | {} |",
            entry.code,
            entry.http_status,
            entry.evidence.source(),
            actions.join(", ")
        );
    }
    for code in GatewayCode::ALL {
        let entry = code.entry();
        let evidence = if entry.evidence.is_confirmed() {
            "confirmed"
        } else {
            "inferred"
        };
        println!(
            "| data plane | {} | {} | | {evidence} | {} | |",
            entry.code,
            entry.http_status,
            entry.evidence.source()
        );
    }
}
