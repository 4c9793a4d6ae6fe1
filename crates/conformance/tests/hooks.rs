//! The suite's own runner, hooks and steps against wiremock standing in for a real endpoint
//! that misbehaves (`tests/misbehaving/features`): a scenario that fails after creating an app
//! or an API group still deletes it, a 5xx is reported with its whole body, throttled calls
//! are retried and counted, a snapshot the endpoint does not reproduce is a parity gap and
//! writes nothing.
//! `harness = false`: the run configures itself from the environment, set here first.

mod steps;

use std::path::PathBuf;
use std::process::ExitCode;

use wiremock::matchers::{header, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PREFIX: &str = "cm0hk_";

const DOOMED_GROUP: &str = "d00d00d00d00d00d00d00d00d00d00d0";

fn envelope(request_id: &str, body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("x-acs-request-id", request_id)
        .set_body_raw(body.to_string(), "application/json;charset=utf-8")
}

async fn mount_create(server: &MockServer, name: &str, app_id: u64) {
    Mock::given(header("x-acs-action", "CreateApp"))
        .and(query_param("AppName", format!("{PREFIX}{name}")))
        .respond_with(envelope(
            &format!("CREATE-{app_id}"),
            serde_json::json!({"RequestId": format!("CREATE-{app_id}"), "AppId": app_id}),
        ))
        .named(format!("CreateApp {name}"))
        .mount(server)
        .await;
}

async fn expect_delete(server: &MockServer, app_id: u64) {
    Mock::given(header("x-acs-action", "DeleteApp"))
        .and(query_param("AppId", app_id.to_string()))
        .respond_with(envelope(
            &format!("DELETE-{app_id}"),
            serde_json::json!({"RequestId": format!("DELETE-{app_id}")}),
        ))
        .expect(1)
        .named(format!("DeleteApp {app_id}"))
        .mount(server)
        .await;
}

async fn misbehaving_endpoint() -> MockServer {
    let server = MockServer::start().await;
    // The region is empty when the run starts.
    Mock::given(header("x-acs-action", "DescribeAppAttributes"))
        .respond_with(envelope(
            "LIST",
            serde_json::json!({"RequestId": "LIST", "Apps": {"AppAttribute": []}, "TotalCount": 0}),
        ))
        .named("DescribeAppAttributes")
        .mount(&server)
        .await;
    Mock::given(header("x-acs-action", "DescribeApiGroups"))
        .respond_with(envelope(
            "GROUPS",
            serde_json::json!({"RequestId": "GROUPS", "ApiGroupAttributes": {"ApiGroupAttribute": []}, "TotalCount": 0}),
        ))
        .named("DescribeApiGroups")
        .mount(&server)
        .await;
    Mock::given(header("x-acs-action", "DescribeApis"))
        .respond_with(envelope(
            "APIS",
            serde_json::json!({"RequestId": "APIS", "ApiSummarys": {"ApiSummary": []}, "TotalCount": 0}),
        ))
        .named("DescribeApis")
        .mount(&server)
        .await;
    mount_create(&server, "doomed", 1001).await;
    Mock::given(header("x-acs-action", "DescribeApp"))
        .and(query_param("AppId", "1001"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(
            "<html><body>upstream exploded: backend 10.1.2.3 refused</body></html>",
            "text/html",
        ))
        .named("DescribeApp 1001 fails")
        .mount(&server)
        .await;
    // Two throttled answers first, then the app.
    Mock::given(header("x-acs-action", "CreateApp"))
        .and(query_param("AppName", format!("{PREFIX}patient")))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("x-acs-request-id", "THROTTLED")
                .set_body_raw(
                    serde_json::json!({
                        "RequestId": "THROTTLED", "HostId": "apigateway.cn-hangzhou.aliyuncs.com",
                        "Code": "Throttling.User", "Message": "Request was denied due to user flow control.",
                        "Recommend": "https://api.aliyun.com/troubleshoot?q=Throttling.User"
                    })
                    .to_string(),
                    "application/json;charset=utf-8",
                ),
        )
        .up_to_n_times(2)
        .expect(2)
        .with_priority(1)
        .named("CreateApp patient throttled twice")
        .mount(&server)
        .await;
    mount_create(&server, "patient", 1002).await;
    Mock::given(header("x-acs-action", "CreateApiGroup"))
        .and(query_param("GroupName", format!("{PREFIX}doomed_group")))
        .respond_with(envelope(
            "CREATE-GROUP",
            serde_json::json!({"RequestId": "CREATE-GROUP", "GroupId": DOOMED_GROUP, "GroupName": format!("{PREFIX}doomed_group")}),
        ))
        .named("CreateApiGroup doomed_group")
        .mount(&server)
        .await;
    Mock::given(header("x-acs-action", "DescribeApiGroup"))
        .respond_with(ResponseTemplate::new(502).set_body_raw("<html>group backend down</html>", "text/html"))
        .named("DescribeApiGroup fails")
        .mount(&server)
        .await;
    Mock::given(header("x-acs-action", "DeleteApiGroup"))
        .and(query_param("GroupId", DOOMED_GROUP))
        .respond_with(envelope(
            "DELETE-GROUP",
            serde_json::json!({"RequestId": "DELETE-GROUP"}),
        ))
        .expect(1)
        .named("DeleteApiGroup doomed_group")
        .mount(&server)
        .await;
    // No TagStatus: the snapshot "created-without-tags" has one.
    mount_create(&server, "CreateAppTest", 1003).await;
    for app_id in [1001, 1002, 1003] {
        expect_delete(&server, app_id).await;
    }
    server
}

fn check(condition: bool, what: &str, failures: &mut Vec<String>) {
    if !condition {
        failures.push(what.to_owned());
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let server = misbehaving_endpoint().await;
    let scratch = std::env::temp_dir().join(format!("cloudapi-hooks-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let snapshots = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/snapshots/apps/create_app");
    let new_snapshot = snapshots.join("created-without-tags.snap.new");
    let _ = std::fs::remove_file(&new_snapshot);
    // Before anything reads the environment: the run is configured from it, once.
    for (name, value) in [
        ("CLOUDAPI_TARGET", "remote".to_owned()),
        ("CLOUDAPI_ALLOW_REMOTE", "1".to_owned()),
        ("CLOUDAPI_ENDPOINT", server.uri()),
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "testid".to_owned()),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "hooks-test-secret-value".to_owned()),
        ("CLOUDAPI_SIGNATURE", "v3".to_owned()),
        ("CLOUDAPI_RUN_PREFIX", PREFIX.to_owned()),
        ("CLOUDAPI_TIMEOUT_SECS", "5".to_owned()),
        ("CLOUDAPI_LEDGER", scratch.join("ledger.json").display().to_string()),
        ("CLOUDAPI_JUNIT", scratch.join("junit.xml").display().to_string()),
        (
            "CLOUDAPI_PARITY_REPORT",
            scratch.join("parity-report.md").display().to_string(),
        ),
        ("CLOUDAPI_RECORD_VALIDATION", "1".to_owned()),
        (
            "CLOUDAPI_VALIDATION_FILE",
            scratch.join("validation.json").display().to_string(),
        ),
    ] {
        std::env::set_var(name, value);
    }
    let run = match steps::world::run() {
        Ok(run) => run,
        Err(e) => {
            eprintln!("hooks: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "hooks: three of the scenarios below fail on purpose (the endpoint misbehaves); the checks after the run decide"
    );
    let features = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/misbehaving/features");
    let outcome = steps::runner::run_features(run, &features).await;
    println!("\n{}", outcome.summary);

    let mut failures = Vec::new();
    let read = |name: &str| std::fs::read_to_string(scratch.join(name)).unwrap_or_default();
    let junit = read("junit.xml");
    let report = read("parity-report.md");
    let ledger = read("ledger.json");
    let validation = read("validation.json");
    check(outcome.failed, "the run fails (three scenarios do)", &mut failures);
    check(outcome.clean, "the run leaves nothing behind", &mut failures);
    check(
        run.tracker.live().is_empty(),
        "the tracker holds no live app",
        &mut failures,
    );
    check(
        ledger.contains("\"resources\": []"),
        "the ledger is empty",
        &mut failures,
    );
    check(
        junit.contains("upstream exploded: backend 10.1.2.3 refused") && junit.contains("HTTP 502"),
        "the JUnit report quotes the 502's whole body and status",
        &mut failures,
    );
    check(
        junit.contains("PARITY GAP"),
        "the JUnit report names the parity gap",
        &mut failures,
    );
    check(
        report.contains("1 parity gap(s)")
            && report.contains("-  \"TagStatus\": false")
            && !report.contains("-content-type"),
        "the parity report holds the gap with its diff",
        &mut failures,
    );
    check(run.parity.gaps().len() == 1, "one parity gap recorded", &mut failures);
    check(
        !new_snapshot.exists(),
        "no .snap.new written on a remote target",
        &mut failures,
    );
    check(
        run.stats.snapshot().throttled_retries == 2 && outcome.summary.contains("throttled replies retried: 2"),
        "two throttled replies retried and reported",
        &mut failures,
    );
    check(
        run.stats.snapshot().created == 4 && run.stats.snapshot().deleted_by_cleanup == 4,
        "three apps and a group created, four deleted by the cleanup",
        &mut failures,
    );
    check(
        validation.contains("apps/create_app: A throttled call is retried until it goes through")
            && !validation.contains("still deletes it")
            && !validation.contains("parity gap"),
        "only the passing scenario is stamped",
        &mut failures,
    );
    for text in [&junit, &report, &ledger, &validation, &outcome.summary] {
        check(
            !text.contains("hooks-test-secret-value"),
            "no report shows the secret",
            &mut failures,
        );
    }
    // The DeleteApp and DeleteApiGroup expectations (one each) and the two throttled answers.
    if let Err(panic) = tokio::task::spawn(async move { server.verify().await }).await {
        failures.push(format!("wiremock expectations: {panic}"));
    }
    if failures.is_empty() {
        println!("hooks: every check held");
        ExitCode::SUCCESS
    } else {
        for failure in &failures {
            eprintln!("hooks: FAILED: {failure}");
        }
        ExitCode::FAILURE
    }
}
