//! Durable mode through the binary: killed with SIGKILL in the middle of concurrent writes of
//! every family, restarted on the same directory, it has every acknowledged write, nothing
//! that was never sent, and hands out no id twice; and it refuses a directory it cannot use.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cloudapi_core::client::{fresh_nonce, Call, Placement, Signer};
use cloudapi_core::protocol::envelope::Format;
use cloudapi_core::protocol::signature::Scheme;
use rand::Rng;
use serde_json::Value;

const WRITERS: usize = 6;
const ROUNDS: usize = 4;

struct Running {
    child: Child,
    address: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn mock_command(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cloudapi-mock"));
    command.args(["--listen", "127.0.0.1:0", "--log", "warn", "--throttle-rps", "0"]);
    command.arg("--data-dir").arg(dir);
    command
}

fn start(dir: &Path) -> Running {
    start_with(dir, &[])
}

fn start_with(dir: &Path, args: &[&str]) -> Running {
    let mut child = mock_command(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut banner = String::new();
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        banner.push_str(&line);
        banner.push('\n');
        if line.trim_start().starts_with("admin:") {
            break;
        }
    }
    assert!(banner.contains("(durable)"), "the banner names the data file: {banner}");
    let address = banner
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("the banner names the address: {banner}"))
        .to_owned();
    Running { child, address }
}

/// One kept-alive HTTP/1.1 connection.
struct Connection {
    stream: BufReader<TcpStream>,
    host: String,
}

impl Connection {
    fn open(address: &str) -> std::io::Result<Connection> {
        let stream = TcpStream::connect(address)?;
        stream.set_read_timeout(Some(Duration::from_secs(20)))?;
        Ok(Connection {
            stream: BufReader::new(stream),
            host: address.to_owned(),
        })
    }

    /// Sends a signed V2 call and reads its whole answer: (status, JSON body).
    fn call(&mut self, action: &str, params: &[(&str, String)]) -> std::io::Result<(u16, Value)> {
        let params: Vec<(String, String)> = params.iter().map(|(n, v)| ((*n).to_owned(), v.clone())).collect();
        let raw = Signer::new("testid", "testsecret").sign(&Call {
            action,
            params: &params,
            scheme: Scheme::V2,
            method: "GET",
            placement: Placement::Query,
            format: Format::Json,
            host: &self.host,
            timestamp: time::OffsetDateTime::now_utc(),
            nonce: &fresh_nonce(),
        });
        self.exchange(&format!("/?{}", raw.query), "GET", b"")
    }

    fn exchange(&mut self, target: &str, method: &str, body: &[u8]) -> std::io::Result<(u16, Value)> {
        let head = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nContent-Length: {}\r\n\r\n",
            self.host,
            body.len()
        );
        let stream = self.stream.get_mut();
        stream.write_all(head.as_bytes())?;
        stream.write_all(body)?;
        let broken = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
        let mut status_line = String::new();
        if self.stream.read_line(&mut status_line)? == 0 {
            return Err(broken("closed"));
        }
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .ok_or_else(|| broken("no status"))?;
        let mut length = 0;
        loop {
            let mut line = String::new();
            if self.stream.read_line(&mut line)? == 0 {
                return Err(broken("closed in the head"));
            }
            if line == "\r\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().map_err(|_| broken("length"))?;
                }
            }
        }
        let mut body = vec![0; length];
        self.stream.read_exact(&mut body)?;
        let json = serde_json::from_slice(&body).map_err(|_| broken("not JSON"))?;
        Ok((status, json))
    }
}

/// What a writer knows for sure: what was acknowledged, and the one call it had sent and not
/// seen answered when the mock died.
#[derive(Debug, Default)]
struct Model {
    apps: BTreeMap<i64, AppModel>,
    groups: BTreeMap<String, GroupModel>,
    /// Names of creations whose answer never came: they may or may not exist.
    uncertain_app_names: BTreeSet<String>,
    uncertain_group_names: BTreeSet<String>,
    /// Every id ever seen handed out, to tell that none comes twice.
    app_ids_seen: BTreeSet<i64>,
    group_ids_seen: BTreeSet<String>,
}

#[derive(Debug, Clone, Default)]
struct AppModel {
    name: String,
    /// The descriptions it may have: the acknowledged one, and one sent unanswered.
    descriptions: BTreeSet<String>,
    tags: BTreeSet<String>,
    maybe_tag: Option<String>,
    key_pairs: (usize, usize),
}

#[derive(Debug, Clone, Default)]
struct GroupModel {
    name: String,
    descriptions: BTreeSet<String>,
    deleted: Option<bool>,
    maybe_deleted: bool,
}

/// One writer's loop: create an app, modify it, tag it, give it a second key pair; every
/// third round a group, modified, and every other group deleted. Stops at the first broken
/// exchange (the mock was killed).
fn write_until_killed(address: &str, writer: usize, round: usize, model: &Mutex<Model>, acks: &AtomicUsize) {
    let Ok(mut connection) = Connection::open(address) else {
        return;
    };
    let ack = || acks.fetch_add(1, Ordering::Relaxed);
    for n in 0.. {
        let name = format!("app_w{writer}_r{round}_n{n}");
        let created = connection.call("CreateApp", &[("AppName", name.clone())]);
        let id = match created {
            Ok((200, body)) => {
                let id = body["AppId"].as_i64().expect("an AppId");
                let mut model = model.lock().expect("model");
                assert!(model.app_ids_seen.insert(id), "AppId {id} handed out twice");
                model.apps.insert(
                    id,
                    AppModel {
                        name,
                        descriptions: BTreeSet::from([String::new()]),
                        key_pairs: (1, 1),
                        ..AppModel::default()
                    },
                );
                ack();
                id
            }
            Ok((status, body)) => panic!("CreateApp answered {status}: {body}"),
            Err(_) => {
                model.lock().expect("model").uncertain_app_names.insert(name);
                return;
            }
        };
        let description = format!("modified_{n}");
        if !acknowledged(
            connection.call(
                "ModifyApp",
                &[("AppId", id.to_string()), ("Description", description.clone())],
            ),
            model,
            |model, done| {
                let app = model.apps.entry(id).or_default();
                if done {
                    app.descriptions = BTreeSet::from([description.clone()]);
                } else {
                    app.descriptions.insert(description.clone());
                }
            },
        ) {
            return;
        }
        ack();
        let tag = format!("k{n}");
        let tagging = [
            ("ResourceType", "app".to_owned()),
            ("ResourceId.1", id.to_string()),
            ("Tag.1.Key", tag.clone()),
            ("Tag.1.Value", "v".to_owned()),
        ];
        if !acknowledged(connection.call("TagResources", &tagging), model, |model, done| {
            let app = model.apps.entry(id).or_default();
            if done {
                app.tags.insert(tag.clone());
            } else {
                app.maybe_tag = Some(tag.clone());
            }
        }) {
            return;
        }
        ack();
        if !acknowledged(
            connection.call("CreateAppKey", &[("AppId", id.to_string())]),
            model,
            |model, done| {
                let app = model.apps.entry(id).or_default();
                app.key_pairs = if done { (2, 2) } else { (1, 2) };
            },
        ) {
            return;
        }
        ack();
        if n % 3 != 0 {
            continue;
        }
        let group_name = format!("group_w{writer}_r{round}_n{n}");
        let group_id = match connection.call("CreateApiGroup", &[("GroupName", group_name.clone())]) {
            Ok((200, body)) => {
                let group_id = body["GroupId"].as_str().expect("a GroupId").to_owned();
                let mut model = model.lock().expect("model");
                assert!(
                    model.group_ids_seen.insert(group_id.clone()),
                    "GroupId {group_id} handed out twice"
                );
                model.groups.insert(
                    group_id.clone(),
                    GroupModel {
                        name: group_name,
                        descriptions: BTreeSet::from([String::new()]),
                        deleted: Some(false),
                        maybe_deleted: false,
                    },
                );
                ack();
                group_id
            }
            Ok((status, body)) => panic!("CreateApiGroup answered {status}: {body}"),
            Err(_) => {
                model.lock().expect("model").uncertain_group_names.insert(group_name);
                return;
            }
        };
        let description = format!("group_modified_{n}");
        if !acknowledged(
            connection.call(
                "ModifyApiGroup",
                &[("GroupId", group_id.clone()), ("Description", description.clone())],
            ),
            model,
            |model, done| {
                let group = model.groups.entry(group_id.clone()).or_default();
                if done {
                    group.descriptions = BTreeSet::from([description.clone()]);
                } else {
                    group.descriptions.insert(description.clone());
                }
            },
        ) {
            return;
        }
        ack();
        if n % 2 == 0
            && !acknowledged(
                connection.call("DeleteApiGroup", &[("GroupId", group_id.clone())]),
                model,
                |model, done| {
                    let group = model.groups.entry(group_id.clone()).or_default();
                    if done {
                        group.deleted = Some(true);
                    } else {
                        group.maybe_deleted = true;
                    }
                },
            )
        {
            return;
        }
        ack();
    }
}

/// Notes an answer in the model: `done` when it was a success, not done when it never came.
/// Any other answer is a failure of the test. False when the mock is gone.
fn acknowledged(
    answer: std::io::Result<(u16, Value)>,
    model: &Mutex<Model>,
    note: impl FnOnce(&mut Model, bool),
) -> bool {
    match answer {
        Ok((200, _)) => {
            note(&mut model.lock().expect("model"), true);
            true
        }
        Ok((status, body)) => panic!("answered {status}: {body}"),
        Err(_) => {
            note(&mut model.lock().expect("model"), false);
            false
        }
    }
}

/// The state the restarted mock holds, checked against what was acknowledged; the calls
/// left unanswered are then settled by what the mock holds.
fn check_and_settle(state: &Value, model: &mut Model) {
    let mut apps: HashMap<i64, &Value> = HashMap::new();
    let mut groups: HashMap<String, &Value> = HashMap::new();
    for scope in state["scopes"].as_array().expect("scopes") {
        for app in scope["apps"].as_array().into_iter().flatten() {
            apps.insert(app["id"].as_i64().expect("id"), app);
        }
        for group in scope["groups"].as_array().into_iter().flatten() {
            groups.insert(group["id"].as_str().expect("id").to_owned(), group);
        }
    }
    for (id, app) in &apps {
        let name = app["name"].as_str().expect("name");
        if !model.apps.contains_key(id) {
            assert!(
                model.uncertain_app_names.remove(name),
                "app {id} ({name}) was never created by an acknowledged or unanswered call"
            );
            assert!(model.app_ids_seen.insert(*id), "AppId {id} handed out twice");
            let description = app["description"].as_str().unwrap_or_default().to_owned();
            model.apps.insert(
                *id,
                AppModel {
                    name: name.to_owned(),
                    descriptions: BTreeSet::from([description]),
                    key_pairs: (1, 1),
                    ..AppModel::default()
                },
            );
        }
    }
    model.uncertain_app_names.clear();
    for (id, expected) in &mut model.apps {
        let app = apps
            .get(id)
            .unwrap_or_else(|| panic!("acknowledged app {id} ({}) is lost", expected.name));
        assert_eq!(app["name"].as_str(), Some(expected.name.as_str()));
        let description = app["description"].as_str().unwrap_or_default().to_owned();
        assert!(
            expected.descriptions.contains(&description),
            "app {id}: description {description:?}, acknowledged or sent: {:?}",
            expected.descriptions
        );
        expected.descriptions = BTreeSet::from([description]);
        let tags: BTreeSet<String> = app["tags"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|tag| tag["key"].as_str().map(str::to_owned))
            .collect();
        assert!(
            tags.is_superset(&expected.tags),
            "app {id}: tags {tags:?}, acknowledged {:?}",
            expected.tags
        );
        let unexpected: Vec<&String> = tags
            .difference(&expected.tags)
            .filter(|tag| expected.maybe_tag.as_ref() != Some(*tag))
            .collect();
        assert!(unexpected.is_empty(), "app {id}: tags never sent {unexpected:?}");
        expected.tags = tags;
        expected.maybe_tag = None;
        let pairs = app["key_pairs"].as_array().map_or(0, Vec::len);
        let (least, most) = expected.key_pairs;
        assert!(
            (least..=most).contains(&pairs),
            "app {id}: {pairs} key pairs, expected {least}..={most}"
        );
        expected.key_pairs = (pairs, pairs);
    }
    for (id, group) in &groups {
        let name = group["name"].as_str().expect("name");
        if !model.groups.contains_key(id) {
            assert!(
                model.uncertain_group_names.remove(name),
                "group {id} ({name}) was never created by an acknowledged or unanswered call"
            );
            assert!(model.group_ids_seen.insert(id.clone()), "GroupId {id} handed out twice");
            model.groups.insert(
                id.clone(),
                GroupModel {
                    name: name.to_owned(),
                    descriptions: BTreeSet::from([group["description"].as_str().unwrap_or_default().to_owned()]),
                    deleted: Some(false),
                    maybe_deleted: false,
                },
            );
        }
    }
    model.uncertain_group_names.clear();
    model.groups.retain(|id, expected| {
        let held = groups.get(id);
        match (held, expected.deleted, expected.maybe_deleted) {
            (Some(_), Some(true), _) => panic!("acknowledged deletion of group {id} is lost"),
            (None, Some(false), false) => panic!("acknowledged group {id} ({}) is lost", expected.name),
            (None, _, _) => false,
            (Some(group), _, _) => {
                assert_eq!(group["name"].as_str(), Some(expected.name.as_str()));
                let description = group["description"].as_str().unwrap_or_default().to_owned();
                assert!(
                    expected.descriptions.contains(&description),
                    "group {id}: description {description:?}, acknowledged or sent: {:?}",
                    expected.descriptions
                );
                *expected = GroupModel {
                    name: expected.name.clone(),
                    descriptions: BTreeSet::from([description]),
                    deleted: Some(false),
                    maybe_deleted: false,
                };
                true
            }
        }
    });
    let last_app_id = state["last_app_id"].as_i64().expect("last_app_id");
    assert!(
        model.app_ids_seen.iter().all(|seen| *seen <= last_app_id),
        "the id generator ({last_app_id}) is behind an id handed out"
    );
}

fn export(address: &str) -> Value {
    let mut connection = Connection::open(address).expect("connect");
    let (status, state) = connection.exchange("/_mock/state", "GET", b"").expect("state");
    assert_eq!(status, 200, "{state}");
    state
}

#[test]
fn every_acknowledged_write_survives_sigkill_and_no_id_comes_twice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let model = Arc::new(Mutex::new(Model::default()));
    let mut rng = rand::rng();
    for round in 0..ROUNDS {
        let mut running = start(dir.path());
        if round > 0 {
            check_and_settle(&export(&running.address), &mut model.lock().expect("model"));
        }
        let acks = Arc::new(AtomicUsize::new(0));
        let writers: Vec<_> = (0..WRITERS)
            .map(|writer| {
                let (address, model, acks) = (running.address.clone(), model.clone(), acks.clone());
                std::thread::spawn(move || write_until_killed(&address, writer, round, &model, &acks))
            })
            .collect();
        // Killed after a random number of acknowledged writes: somewhere in any call.
        let target = rng.random_range(30..300);
        let deadline = Instant::now() + Duration::from_secs(30);
        while acks.load(Ordering::Relaxed) < target {
            assert!(Instant::now() < deadline, "the writers stalled at {acks:?}");
            std::thread::yield_now();
        }
        running.child.kill().expect("SIGKILL");
        running.child.wait().expect("reaped");
        for writer in writers {
            writer.join().expect("a writer's checks hold");
        }
    }
    let running = start(dir.path());
    let mut model = model.lock().expect("model");
    check_and_settle(&export(&running.address), &mut model);
    assert!(model.apps.len() >= 30, "{} apps", model.apps.len());
    // A new app after all the kills gets an id above every one handed out before.
    let mut connection = Connection::open(&running.address).expect("connect");
    let (status, body) = connection
        .call("CreateApp", &[("AppName", "after_the_kills".to_owned())])
        .expect("answered");
    assert_eq!(status, 200, "{body}");
    let id = body["AppId"].as_i64().expect("an AppId");
    assert!(
        model.app_ids_seen.iter().all(|seen| *seen < id),
        "AppId {id} is not new"
    );
}

fn refusal(dir: &Path) -> String {
    let output = mock_command(dir).output().expect("the binary runs");
    assert_eq!(output.status.code(), Some(2), "refused with the usage code");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_directory_in_use_by_a_running_mock_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let _first = start(dir.path());
    let stderr = refusal(dir.path());
    assert!(stderr.contains("in use by another running mock"), "{stderr}");
}

#[test]
fn a_damaged_data_file_is_refused_with_a_message_and_no_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    drop(start(dir.path()));
    let file = dir.path().join("state.redb");
    let length = std::fs::metadata(&file).expect("the data file").len();
    let handle = std::fs::OpenOptions::new().write(true).open(&file).expect("open");
    handle.set_len(length / 2).expect("truncate");
    drop(handle);
    let before = std::fs::read(&file).expect("read");
    let stderr = refusal(dir.path());
    assert!(stderr.contains("truncated or corrupt"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(std::fs::read(&file).expect("read"), before, "left as it was");
}

fn seed_path() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/seed/example.json")
        .display()
        .to_string()
}

fn app_names(state: &Value) -> BTreeSet<String> {
    state["scopes"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|scope| scope["apps"].as_array().into_iter().flatten())
        .filter_map(|app| app["name"].as_str().map(str::to_owned))
        .collect()
}

fn admin(address: &str, method: &str, target: &str, body: &[u8]) -> Value {
    let mut connection = Connection::open(address).expect("connect");
    let (status, answer) = connection.exchange(target, method, body).expect("answered");
    assert_eq!(status, 200, "{method} {target}: {answer}");
    answer
}

fn create_app(address: &str, name: &str) {
    let mut connection = Connection::open(address).expect("connect");
    let (status, body) = connection
        .call("CreateApp", &[("AppName", name.to_owned())])
        .expect("answered");
    assert_eq!(status, 200, "{body}");
}

fn kill_and_restart(running: Running, dir: &Path, args: &[&str]) -> Running {
    let mut running = running;
    running.child.kill().expect("SIGKILL");
    running.child.wait().expect("reaped");
    start_with(dir, args)
}

#[test]
fn seed_reset_and_import_are_durable_and_a_restored_directory_keeps_its_state() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seed = seed_path();
    let args = ["--seed", seed.as_str()];
    let running = start_with(dir.path(), &args);
    let seeded = app_names(&export(&running.address));
    assert_eq!(
        seeded.len(),
        3,
        "the seed is loaded into an empty directory: {seeded:?}"
    );

    create_app(&running.address, "after_the_seed");
    let running = kill_and_restart(running, dir.path(), &args);
    let names = app_names(&export(&running.address));
    assert!(
        names.contains("after_the_seed"),
        "the state is kept, not seeded again: {names:?}"
    );

    admin(&running.address, "POST", "/_mock/reset", b"");
    let running = kill_and_restart(running, dir.path(), &args);
    assert_eq!(
        app_names(&export(&running.address)),
        seeded,
        "a reset to the seed is durable"
    );

    create_app(&running.address, "before_the_account_reset");
    admin(&running.address, "POST", "/_mock/reset?account=testid", b"");
    let running = kill_and_restart(running, dir.path(), &args);
    assert_eq!(
        app_names(&export(&running.address)),
        seeded,
        "a per-account reset is durable"
    );

    let mut state = export(&running.address);
    state["scopes"][0]["apps"][0]["name"] = Value::String("imported_name".to_owned());
    let document = serde_json::to_vec(&state).expect("json");
    admin(&running.address, "PUT", "/_mock/state", &document);
    let running = kill_and_restart(running, dir.path(), &[]);
    let names = app_names(&export(&running.address));
    assert!(names.contains("imported_name"), "an import is durable: {names:?}");
    create_app(&running.address, "after_the_import");
    let state = export(&running.address);
    let ids: BTreeSet<i64> = state["scopes"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|scope| scope["apps"].as_array().into_iter().flatten())
        .filter_map(|app| app["id"].as_i64())
        .collect();
    assert_eq!(ids.len(), 4, "ids stay unique: {ids:?}");
}

/// A signed CreateApp to an embedded mock, through its socket: the AppId.
async fn create_app_on(server: &cloudapi_mock::MockServer, name: &str) -> i64 {
    let params = vec![("AppName".to_owned(), name.to_owned())];
    let host = server.endpoint();
    let raw = Signer::new("testid", "testsecret").sign(&Call {
        action: "CreateApp",
        params: &params,
        scheme: Scheme::V2,
        method: "GET",
        placement: Placement::Query,
        format: Format::Json,
        host: &host,
        timestamp: server.service().clock().now(),
        nonce: &fresh_nonce(),
    });
    let answer = reqwest::get(format!("{}/?{}", server.uri(), raw.query))
        .await
        .expect("answered");
    assert_eq!(answer.status(), 200);
    let body: Value = serde_json::from_slice(&answer.bytes().await.expect("a body")).expect("JSON");
    body["AppId"].as_i64().unwrap_or_else(|| panic!("an AppId: {body}"))
}

#[tokio::test]
async fn an_embedded_mock_on_a_data_directory_starts_again_where_it_stopped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = cloudapi_mock::MockServer::builder()
        .data_dir(dir.path())
        .start()
        .await
        .expect("starts on an empty directory");
    let first = create_app_on(&server, "embedded_first").await;
    let before = server.export_state();
    server.shutdown().await;

    let server = cloudapi_mock::MockServer::builder()
        .data_dir(dir.path())
        .start()
        .await
        .expect("the directory is free once the first mock is shut down");
    assert_eq!(server.export_state(), before, "the state is read back as it was");
    let second = create_app_on(&server, "embedded_second").await;
    assert!(second > first, "AppId {second} after {first}: no id comes twice");
    let refused = cloudapi_mock::Mock::builder().data_dir(dir.path()).build();
    assert!(
        matches!(&refused, Err(cloudapi_mock::StartError::DataDir(_))),
        "a directory in use is refused: {refused:?}"
    );
    drop(refused);
    let after = server.export_state();
    server.shutdown().await;

    // With a seed, a directory that holds state keeps it: the seed is what a reset returns to.
    let seed: cloudapi_mock::StateSnapshot =
        serde_json::from_str(&std::fs::read_to_string(seed_path()).expect("the seed")).expect("a state document");
    let mock = cloudapi_mock::Mock::builder()
        .data_dir(dir.path())
        .seed(seed.clone())
        .build()
        .expect("builds");
    assert_eq!(mock.export_state(), after, "the stored state, not the seed");
    mock.reset();
    assert_eq!(app_names(&serde_json::to_value(mock.export_state()).expect("JSON")).len(), 3);
    drop(mock);
    let mock = cloudapi_mock::Mock::builder().data_dir(dir.path()).build().expect("builds");
    assert_eq!(
        app_names(&serde_json::to_value(mock.export_state()).expect("JSON")).len(),
        3,
        "the reset to the seed is durable"
    );
}

#[test]
fn an_embedded_mock_refuses_a_damaged_directory_and_a_data_directory_for_a_given_service() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("state.redb"), b"not a database at all, not even close").expect("write");
    let refused = cloudapi_mock::Mock::builder().data_dir(dir.path()).build();
    match refused {
        Err(cloudapi_mock::StartError::DataDir(e)) => {
            assert!(e.to_string().contains("truncated or corrupt"), "{e}");
        }
        other => panic!("refused as a damaged directory: {other:?}"),
    }
    let service = Arc::new(cloudapi_mock::Service::default());
    let refused = cloudapi_mock::Mock::builder()
        .service(service)
        .data_dir(dir.path())
        .build();
    assert!(
        matches!(refused, Err(cloudapi_mock::StartError::InvalidConfig(_))),
        "{refused:?}"
    );
}
