//! Durable mode through the binary: killed with SIGKILL in the middle of concurrent writes of
//! every family, restarted on the same directory, it has every acknowledged write, nothing
//! that was never sent, and hands out no id twice; and it refuses a directory it cannot use.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use cloudapi_core::client::{fresh_nonce, Call, Placement, Signer};
use cloudapi_core::protocol::envelope::Format;
use cloudapi_core::protocol::signature::Scheme;
use rand::Rng;
use serde_json::Value;

const WRITERS: usize = 6;
const ROUNDS: usize = 5;

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
    command.args(["--group-quota", "100000", "--api-quota", "100000"]);
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

/// What the mock must hold of one writer's resources, by name (names are unique per writer,
/// round and step; the ids are what the mock handed out). A creation whose answer never came
/// has no id yet: any id the mock gave it matches, as long as no other resource had it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Projection {
    apps: BTreeMap<String, AppFacts>,
    groups: BTreeMap<String, GroupFacts>,
    apis: BTreeMap<String, ApiFacts>,
    /// (API name, stage, app name).
    authorizations: BTreeSet<(String, String, String)>,
    /// Throttling policies by name.
    policies: BTreeMap<String, PolicyFacts>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct PolicyFacts {
    id: Option<String>,
    api_default: u64,
    /// (API name, stage) it holds.
    holds: BTreeSet<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct AppFacts {
    id: Option<String>,
    description: String,
    tags: BTreeSet<String>,
    key_pairs: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct GroupFacts {
    id: Option<String>,
    description: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ApiFacts {
    id: Option<String>,
    group: String,
    /// The stages it runs in.
    running: BTreeSet<String>,
    publications: usize,
}

impl Projection {
    /// Whether `held` is this projection, an id not yet known matching any.
    fn matches(&self, held: &Projection) -> bool {
        let mut expected = self.clone();
        fn fill<T>(
            ids: &mut BTreeMap<String, T>,
            held: &BTreeMap<String, T>,
            id: fn(&T) -> &Option<String>,
            set: fn(&mut T, Option<String>),
        ) {
            for (name, facts) in ids.iter_mut() {
                if let (None, Some(held)) = (id(facts), held.get(name)) {
                    set(facts, id(held).clone());
                }
            }
        }
        fill(&mut expected.apps, &held.apps, |app| &app.id, |app, id| app.id = id);
        fill(
            &mut expected.groups,
            &held.groups,
            |group| &group.id,
            |group, id| group.id = id,
        );
        fill(&mut expected.apis, &held.apis, |api| &api.id, |api, id| api.id = id);
        fill(
            &mut expected.policies,
            &held.policies,
            |policy| &policy.id,
            |policy, id| policy.id = id,
        );
        expected == *held
    }

    fn app_id(&self, name: &str) -> String {
        self.apps[name].id.clone().expect("an acknowledged app has its id")
    }

    fn api_id(&self, name: &str) -> String {
        self.apis[name].id.clone().expect("an acknowledged API has its id")
    }

    fn group_id(&self, name: &str) -> String {
        self.groups[name].id.clone().expect("an acknowledged group has its id")
    }

    fn forget_app(&mut self, name: &str) {
        self.apps.remove(name);
        self.authorizations.retain(|(_, _, app)| app != name);
    }

    fn forget_api(&mut self, name: &str) {
        self.apis.remove(name);
        self.authorizations.retain(|(api, _, _)| api != name);
        for policy in self.policies.values_mut() {
            policy.holds.retain(|(api, _)| api != name);
        }
    }

    fn policy_id(&self, name: &str) -> String {
        self.policies[name]
            .id
            .clone()
            .expect("an acknowledged policy has its id")
    }
}

/// Which writer a resource's name belongs to: `x_w3_r1_n7` is writer 3's.
fn writer_of(name: &str) -> Option<usize> {
    name.split('_').nth(1)?.strip_prefix('w')?.parse().ok()
}

/// Every id handed out, with the resource that got it: an id seen again for another
/// resource, in an answer or in a restored state, is an id handed out twice.
#[derive(Debug, Default)]
struct Ids(Mutex<BTreeMap<String, String>>);

impl Ids {
    fn saw(&self, id: &str, name: &str) {
        let mut ids = self.0.lock().expect("ids");
        let owner = ids.entry(id.to_owned()).or_insert_with(|| name.to_owned());
        assert_eq!(owner, name, "id {id} handed out to {owner} and again to {name}");
    }

    fn all(&self) -> BTreeMap<String, String> {
        self.0.lock().expect("ids").clone()
    }
}

/// Acknowledged writes so far, for the test to kill the mock after a chosen number of them.
#[derive(Debug, Default)]
struct Acks {
    count: Mutex<usize>,
    moved: Condvar,
}

impl Acks {
    fn one(&self) {
        *self.count.lock().expect("acks") += 1;
        self.moved.notify_all();
    }

    /// Waits until `target` writes were acknowledged; false if the deadline passed first.
    fn wait_for(&self, target: usize, deadline: Instant) -> bool {
        let mut count = self.count.lock().expect("acks");
        while *count < target {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            count = self.moved.wait_timeout(count, left).expect("acks").0;
        }
        true
    }
}

/// One writer: what was acknowledged, and what holds if its one unanswered call took effect.
#[derive(Debug, Default)]
struct Writer {
    id: usize,
    acknowledged: Projection,
    pending: Option<Projection>,
}

/// The mock died under a call.
struct Killed;

impl Writer {
    /// Sends a call; `apply` notes its effect on a projection (given the answer's body, or
    /// `None` for a call whose answer never came). Any answer but a success fails the test.
    fn step(
        &mut self,
        connection: &mut Connection,
        acks: &Acks,
        action: &str,
        params: &[(&str, String)],
        apply: impl FnOnce(&mut Projection, Option<&Value>),
    ) -> Result<Value, Killed> {
        match connection.call(action, params) {
            Ok((200, body)) => {
                apply(&mut self.acknowledged, Some(&body));
                acks.one();
                Ok(body)
            }
            Ok((status, body)) => panic!("writer {}: {action} answered {status}: {body}", self.id),
            Err(_) => {
                let mut after = self.acknowledged.clone();
                apply(&mut after, None);
                self.pending = Some(after);
                Err(Killed)
            }
        }
    }

    /// Writes every family until the mock is killed: apps (tagged at creation and after, a
    /// second key pair), groups, APIs deployed and authorized both ways, then abolished and
    /// deleted with their group; apps deleted, some of them made before the last restart.
    fn write_until_killed(&mut self, address: &str, round: usize, acks: &Acks, ids: &Ids) -> Result<(), Killed> {
        let mut connection = Connection::open(address).map_err(|_| Killed)?;
        let w = self.id;
        let mut group: Option<String> = None;
        for n in 0.. {
            let app = format!("a_w{w}_r{round}_n{n}");
            let body = self.step(
                &mut connection,
                acks,
                "CreateApp",
                &[
                    ("AppName", app.clone()),
                    ("Tag.1.Key", "born".to_owned()),
                    ("Tag.1.Value", "v".to_owned()),
                ],
                |p, body| {
                    let id = body.map(|body| body["AppId"].as_i64().expect("an AppId").to_string());
                    p.apps.insert(
                        app.clone(),
                        AppFacts {
                            id,
                            description: String::new(),
                            tags: BTreeSet::from(["born".to_owned()]),
                            key_pairs: 1,
                        },
                    );
                },
            )?;
            let app_id = body["AppId"].as_i64().expect("an AppId").to_string();
            ids.saw(&app_id, &app);
            let description = format!("modified_{n}");
            self.step(
                &mut connection,
                acks,
                "ModifyApp",
                &[("AppId", app_id.clone()), ("Description", description.clone())],
                |p, _| p.apps.get_mut(&app).expect("known").description = description,
            )?;
            let tag = format!("k{n}");
            self.step(
                &mut connection,
                acks,
                "TagResources",
                &[
                    ("ResourceType", "app".to_owned()),
                    ("ResourceId.1", app_id.clone()),
                    ("Tag.1.Key", tag.clone()),
                    ("Tag.1.Value", "v".to_owned()),
                ],
                |p, _| {
                    p.apps.get_mut(&app).expect("known").tags.insert(tag);
                },
            )?;
            self.step(
                &mut connection,
                acks,
                "CreateAppKey",
                &[("AppId", app_id.clone())],
                |p, _| {
                    p.apps.get_mut(&app).expect("known").key_pairs += 1;
                },
            )?;

            let group_name = match &group {
                Some(name) => name.clone(),
                None => {
                    let name = format!("g_w{w}_r{round}_n{n}");
                    let body = self.step(
                        &mut connection,
                        acks,
                        "CreateApiGroup",
                        &[("GroupName", name.clone())],
                        |p, body| {
                            let id = body.map(|body| body["GroupId"].as_str().expect("a GroupId").to_owned());
                            p.groups.insert(
                                name.clone(),
                                GroupFacts {
                                    id,
                                    description: String::new(),
                                },
                            );
                        },
                    )?;
                    ids.saw(body["GroupId"].as_str().expect("a GroupId"), &name);
                    let description = format!("group_modified_{n}");
                    let group_id = self.acknowledged.group_id(&name);
                    self.step(
                        &mut connection,
                        acks,
                        "ModifyApiGroup",
                        &[("GroupId", group_id), ("Description", description.clone())],
                        |p, _| p.groups.get_mut(&name).expect("known").description = description,
                    )?;
                    group = Some(name.clone());
                    name
                }
            };
            let group_id = self.acknowledged.group_id(&group_name);

            let api = format!("p_w{w}_r{round}_n{n}");
            let request = format!(
                r#"{{"RequestProtocol":"HTTP","RequestHttpMethod":"GET","RequestPath":"/w{w}/r{round}/n{n}","RequestMode":"PASSTHROUGH"}}"#
            );
            let body = self.step(
                &mut connection,
                acks,
                "CreateApi",
                &[
                    ("GroupId", group_id.clone()),
                    ("ApiName", api.clone()),
                    ("Visibility", "PRIVATE".to_owned()),
                    ("RequestConfig", request),
                    (
                        "ServiceConfig",
                        r#"{"ServiceProtocol":"HTTP","ServiceTimeout":1000,"Mock":"TRUE"}"#.to_owned(),
                    ),
                ],
                |p, body| {
                    let id = body.map(|body| body["ApiId"].as_str().expect("an ApiId").to_owned());
                    p.apis.insert(
                        api.clone(),
                        ApiFacts {
                            id,
                            group: group_name.clone(),
                            running: BTreeSet::new(),
                            publications: 0,
                        },
                    );
                },
            )?;
            let api_id = body["ApiId"].as_str().expect("an ApiId").to_owned();
            ids.saw(&api_id, &api);
            self.step(
                &mut connection,
                acks,
                "DeployApi",
                &[
                    ("ApiId", api_id.clone()),
                    ("StageName", "RELEASE".to_owned()),
                    ("Description", format!("deploy_{n}")),
                ],
                |p, _| {
                    let facts = p.apis.get_mut(&api).expect("known");
                    facts.running.insert("RELEASE".to_owned());
                    facts.publications += 1;
                },
            )?;
            self.step(
                &mut connection,
                acks,
                "SetAppsAuthorities",
                &[
                    ("ApiId", api_id.clone()),
                    ("AppIds", app_id.clone()),
                    ("StageName", "RELEASE".to_owned()),
                ],
                |p, _| {
                    p.authorizations
                        .insert((api.clone(), "RELEASE".to_owned(), app.clone()));
                },
            )?;
            self.step(
                &mut connection,
                acks,
                "SetApisAuthorities",
                &[
                    ("AppId", app_id.clone()),
                    ("ApiIds", api_id.clone()),
                    ("StageName", "TEST".to_owned()),
                ],
                |p, _| {
                    p.authorizations.insert((api.clone(), "TEST".to_owned(), app.clone()));
                },
            )?;

            // One throttling policy per group, made with it: it holds each of the group's APIs
            // in RELEASE, its limit raised at each one.
            let policy = format!("t_w{w}_r{round}_{group_name}");
            if !self.acknowledged.policies.contains_key(&policy) {
                let body = self.step(
                    &mut connection,
                    acks,
                    "CreateTrafficControl",
                    &[
                        ("TrafficControlName", policy.clone()),
                        ("TrafficControlUnit", "MINUTE".to_owned()),
                        ("ApiDefault", "100".to_owned()),
                    ],
                    |p, body| {
                        let id = body.map(|body| body["TrafficControlId"].as_str().expect("an id").to_owned());
                        p.policies.insert(
                            policy.clone(),
                            PolicyFacts {
                                id,
                                api_default: 100,
                                holds: BTreeSet::new(),
                            },
                        );
                    },
                )?;
                ids.saw(body["TrafficControlId"].as_str().expect("an id"), &policy);
            }
            let policy_id = self.acknowledged.policy_id(&policy);
            self.step(
                &mut connection,
                acks,
                "SetTrafficControlApis",
                &[
                    ("TrafficControlId", policy_id.clone()),
                    ("GroupId", group_id.clone()),
                    ("ApiIds", api_id.clone()),
                    ("StageName", "RELEASE".to_owned()),
                ],
                |p, _| {
                    p.policies
                        .get_mut(&policy)
                        .expect("known")
                        .holds
                        .insert((api.clone(), "RELEASE".to_owned()));
                },
            )?;
            let raised = 100 + n;
            self.step(
                &mut connection,
                acks,
                "ModifyTrafficControl",
                &[
                    ("TrafficControlId", policy_id.clone()),
                    ("ApiDefault", raised.to_string()),
                ],
                |p, _| p.policies.get_mut(&policy).expect("known").api_default = raised,
            )?;

            if n % 3 == 2 {
                // The group goes, its APIs first: abolished (a running API cannot be deleted),
                // then deleted, taking their authorizations and bindings with them; then its
                // policy, which then holds nothing.
                let apis: Vec<String> = self
                    .acknowledged
                    .apis
                    .iter()
                    .filter(|(_, facts)| facts.group == group_name)
                    .map(|(name, _)| name.clone())
                    .collect();
                for api in apis {
                    let api_id = self.acknowledged.api_id(&api);
                    if self.acknowledged.apis[&api].running.contains("RELEASE") {
                        self.step(
                            &mut connection,
                            acks,
                            "AbolishApi",
                            &[("ApiId", api_id.clone()), ("StageName", "RELEASE".to_owned())],
                            |p, _| {
                                p.apis.get_mut(&api).expect("known").running.remove("RELEASE");
                            },
                        )?;
                    }
                    self.step(&mut connection, acks, "DeleteApi", &[("ApiId", api_id)], |p, _| {
                        p.forget_api(&api);
                    })?;
                }
                self.step(
                    &mut connection,
                    acks,
                    "DeleteApiGroup",
                    &[("GroupId", group_id.clone())],
                    |p, _| {
                        p.groups.remove(&group_name);
                    },
                )?;
                self.step(
                    &mut connection,
                    acks,
                    "DeleteTrafficControl",
                    &[("TrafficControlId", policy_id)],
                    |p, _| {
                        p.policies.remove(&policy);
                    },
                )?;
                group = None;
            }
            if n % 2 == 1 {
                // The oldest app but this step's: after a restart, one made before it.
                let oldest = self
                    .acknowledged
                    .apps
                    .iter()
                    .filter(|(name, _)| **name != app)
                    .min_by_key(|(_, facts)| facts.id.as_ref().and_then(|id| id.parse::<i64>().ok()))
                    .map(|(name, _)| name.clone());
                if let Some(oldest) = oldest {
                    let id = self.acknowledged.app_id(&oldest);
                    self.step(&mut connection, acks, "DeleteApp", &[("AppId", id)], |p, _| {
                        p.forget_app(&oldest);
                    })?;
                }
            }
        }
        Ok(())
    }

    /// Checks what the restarted mock holds of this writer: what was acknowledged, exactly,
    /// or that with its one unanswered call applied. The mock's state is then what holds.
    fn check_and_settle(&mut self, held: &Projection) {
        let acknowledged = self.acknowledged.matches(held);
        let pending = self.pending.as_ref().is_some_and(|pending| pending.matches(held));
        assert!(
            acknowledged || pending,
            "writer {}: the mock holds\n{held:#?}\nacknowledged:\n{:#?}\nor, with the unanswered call:\n{:#?}",
            self.id,
            self.acknowledged,
            self.pending
        );
        self.acknowledged = held.clone();
        self.pending = None;
    }
}

/// What an exported state holds, per writer; every id it holds is noted in `ids`.
fn projections(state: &Value, ids: &Ids) -> BTreeMap<usize, Projection> {
    let mut by_writer: BTreeMap<usize, Projection> = BTreeMap::new();
    let mut app_names = HashMap::new();
    let mut api_names = HashMap::new();
    let mut group_names = HashMap::new();
    let scopes = state["scopes"].as_array().expect("scopes");
    let text = |value: &Value| match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    let owner = |name: &str| writer_of(name).unwrap_or_else(|| panic!("{name} was made by no writer"));
    for scope in scopes {
        for app in scope["apps"].as_array().into_iter().flatten() {
            let (id, name) = (text(&app["id"]), text(&app["name"]));
            ids.saw(&id, &name);
            app_names.insert(id.clone(), name.clone());
            let facts = AppFacts {
                id: Some(id),
                description: text(&app["description"]),
                tags: app["tags"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|tag| text(&tag["key"]))
                    .collect(),
                key_pairs: app["key_pairs"].as_array().map_or(0, Vec::len),
            };
            by_writer.entry(owner(&name)).or_default().apps.insert(name, facts);
        }
        for group in scope["groups"].as_array().into_iter().flatten() {
            let (id, name) = (text(&group["id"]), text(&group["name"]));
            ids.saw(&id, &name);
            group_names.insert(id.clone(), name.clone());
            let facts = GroupFacts {
                id: Some(id),
                description: text(&group["description"]),
            };
            by_writer.entry(owner(&name)).or_default().groups.insert(name, facts);
        }
    }
    for scope in scopes {
        for api in scope["apis"].as_array().into_iter().flatten() {
            let (id, name) = (text(&api["id"]), text(&api["definition"]["name"]));
            ids.saw(&id, &name);
            api_names.insert(id.clone(), name.clone());
            let group_id = text(&api["group_id"]);
            let facts = ApiFacts {
                id: Some(id),
                group: group_names
                    .get(&group_id)
                    .unwrap_or_else(|| panic!("API {name} is in group {group_id}, which is not there"))
                    .clone(),
                running: api["running"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(stage, _)| stage.clone())
                    .collect(),
                publications: api["history"].as_array().map_or(0, Vec::len),
            };
            by_writer.entry(owner(&name)).or_default().apis.insert(name, facts);
        }
    }
    for scope in scopes {
        for grant in scope["authorizations"].as_array().into_iter().flatten() {
            let api = api_names
                .get(&text(&grant["api_id"]))
                .unwrap_or_else(|| panic!("an authorization on an API that is not there: {grant}"));
            let app = app_names
                .get(&text(&grant["app_id"]))
                .unwrap_or_else(|| panic!("an authorization of an app that is not there: {grant}"));
            by_writer.entry(owner(api)).or_default().authorizations.insert((
                api.clone(),
                text(&grant["stage"]),
                app.clone(),
            ));
        }
    }
    for scope in scopes {
        for policy in scope["traffic_controls"].as_array().into_iter().flatten() {
            let (id, name) = (text(&policy["id"]), text(&policy["name"]));
            ids.saw(&id, &name);
            let holds = policy["bindings"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|binding| {
                    let api = api_names
                        .get(&text(&binding["api_id"]))
                        .unwrap_or_else(|| panic!("policy {name} holds an API that is not there: {binding}"));
                    (api.clone(), text(&binding["stage"]))
                })
                .collect();
            let facts = PolicyFacts {
                id: Some(id),
                api_default: policy["api_default"].as_u64().expect("a limit"),
                holds,
            };
            by_writer.entry(owner(&name)).or_default().policies.insert(name, facts);
        }
    }
    by_writer
}

/// Checks every writer against the state; answers how many APIs and authorizations it held.
fn check_and_settle(state: &Value, writers: &mut [Writer], ids: &Ids) -> usize {
    let mut held = projections(state, ids);
    let restored = held.values().map(|p| p.apis.len() + p.authorizations.len()).sum();
    for writer in writers.iter_mut() {
        writer.check_and_settle(&held.remove(&writer.id).unwrap_or_default());
    }
    assert!(held.is_empty(), "resources of no writer: {held:#?}");
    let last_app_id = state["last_app_id"].as_i64().expect("last_app_id");
    for (id, name) in ids.all() {
        if name.starts_with("a_") {
            let id: i64 = id.parse().expect("an AppId is a number");
            assert!(
                id <= last_app_id,
                "the id generator ({last_app_id}) is behind {id}, handed out to {name}"
            );
        }
    }
    restored
}

fn export(address: &str) -> Value {
    let mut connection = Connection::open(address).expect("connect");
    let (status, state) = connection.exchange("/_mock/state", "GET", b"").expect("state");
    assert_eq!(status, 200, "{state}");
    state
}

#[test]
fn every_acknowledged_write_of_every_family_survives_sigkill_and_no_id_comes_twice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ids = Arc::new(Ids::default());
    let mut writers: Vec<Writer> = (0..WRITERS)
        .map(|id| Writer {
            id,
            ..Writer::default()
        })
        .collect();
    let mut rng = rand::rng();
    let mut restored = 0;
    for round in 0..ROUNDS {
        let mut running = start(dir.path());
        if round > 0 {
            restored += check_and_settle(&export(&running.address), &mut writers, &ids);
        }
        let acks = Arc::new(Acks::default());
        let threads: Vec<_> = std::mem::take(&mut writers)
            .into_iter()
            .map(|mut writer| {
                let (address, acks, ids) = (running.address.clone(), acks.clone(), ids.clone());
                std::thread::spawn(move || {
                    let _ = writer.write_until_killed(&address, round, &acks, &ids);
                    writer
                })
            })
            .collect();
        // Killed after a random number of acknowledged writes: somewhere in any call of any
        // family, on any writer.
        let target = rng.random_range(40..400);
        let reached = acks.wait_for(target, Instant::now() + Duration::from_secs(60));
        running.child.kill().expect("SIGKILL");
        running.child.wait().expect("reaped");
        writers = threads
            .into_iter()
            .map(|thread| thread.join().expect("a writer's checks hold"))
            .collect();
        assert!(reached, "the writers stalled at {:?} of {target}", acks.count);
    }
    let running = start(dir.path());
    restored += check_and_settle(&export(&running.address), &mut writers, &ids);
    assert!(
        restored > 0,
        "no API nor authorization was ever restored: the test proves little"
    );
    // New resources after all the kills get ids never handed out before.
    let mut connection = Connection::open(&running.address).expect("connect");
    let (status, body) = connection
        .call("CreateApp", &[("AppName", "after_the_kills".to_owned())])
        .expect("answered");
    assert_eq!(status, 200, "{body}");
    let id = body["AppId"].as_i64().expect("an AppId");
    let seen = ids.all();
    assert!(
        seen.keys()
            .filter(|seen| seen.len() < 20)
            .all(|seen| seen.parse::<i64>().is_ok_and(|seen| seen < id)),
        "AppId {id} is not above every one handed out"
    );
    let (status, body) = connection
        .call("CreateApiGroup", &[("GroupName", "after_the_kills".to_owned())])
        .expect("answered");
    assert_eq!(status, 200, "{body}");
    let group_id = body["GroupId"].as_str().expect("a GroupId");
    assert!(!seen.contains_key(group_id), "GroupId {group_id} handed out twice");
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
    assert_eq!(
        app_names(&serde_json::to_value(mock.export_state()).expect("JSON")).len(),
        3
    );
    drop(mock);
    let mock = cloudapi_mock::Mock::builder()
        .data_dir(dir.path())
        .build()
        .expect("builds");
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
