//! The state of one scenario, and how it sends a call.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use cloudapi_conformance::cleanup::Tracked;
use cloudapi_conformance::client::{self, Reply};
use cloudapi_conformance::guard;
use cloudapi_conformance::redact::{undeclared_volatile_fields, Redactor};
use cloudapi_conformance::retry::retry_throttled;
use cloudapi_conformance::run::{now_rfc3339, scenario_key, Run};
use cloudapi_conformance::target::{Settings, Target};
use cloudapi_core::client::{fresh_nonce, Call, Placement, Signer};
use cloudapi_core::operations::Resource;
use cloudapi_core::protocol::params::decode_form;
use cloudapi_core::protocol::signature::v2;
use cloudapi_core::{Action, Clock, Config, Format, RawRequest, Scheme};
use time::OffsetDateTime;

/// The run, from the environment, once.
pub fn run() -> Result<&'static Run, String> {
    static RUN: OnceLock<Result<Run, String>> = OnceLock::new();
    RUN.get_or_init(Run::from_env).as_ref().map_err(Clone::clone)
}

/// `features/apps/create_app.feature` -> `apps/create_app`.
pub fn feature_name(feature: &cucumber::gherkin::Feature) -> String {
    let Some(path) = feature.path.as_ref() else {
        return "unnamed".to_owned();
    };
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let start = parts.iter().rposition(|p| p == "features").map_or(0, |i| i + 1);
    parts[start..].join("/").trim_end_matches(".feature").to_owned()
}

/// The resource whose name an action's name parameter gives (rather than filtering a
/// listing): the one a write creates (CreateApp, CreateApiGroup, CreateApi), else the
/// innermost one it addresses by id (ModifyApp, ModifyApiGroup, ModifyApi). Reads name nothing
/// (DescribeAppAttributes' AppName and DescribeApis' ApiName filter).
fn named_resource(action: Action) -> Option<Resource> {
    if !action.writes() {
        return None;
    }
    // ModifyApi addresses an API and its group: the API, the innermost, is the one renamed.
    action.creates().or_else(|| {
        action
            .addressed_params()
            .iter()
            .filter(|(param, resource)| *param == resource.id_field())
            .map(|&(_, resource)| resource)
            .max_by_key(|&resource| cloudapi_conformance::teardown::depth(resource))
    })
}

/// The resource whose declared delete action `action` is.
fn deleted_resource(action: &str) -> Option<Resource> {
    Resource::ALL
        .iter()
        .copied()
        .find(|resource| resource.delete_action().name() == action)
}

/// How the next request departs from a correctly signed one.
#[derive(Debug, Default, Clone)]
pub struct Deviation {
    pub secret: Option<String>,
    pub access_key_id: Option<String>,
    pub timestamp_offset_secs: Option<i64>,
    /// Replaces the timestamp after signing (for malformed values).
    pub literal_timestamp: Option<String>,
    pub omit: Vec<String>,
    pub set_after_signing: Vec<(String, String)>,
    pub reuse_nonce: bool,
    pub method: Option<String>,
    pub path: Option<String>,
    /// V2 parameters changed before signing (the request is then signed as changed).
    pub set_before_signing: Vec<(String, String)>,
    /// V2 parameters removed before signing.
    pub omit_before_signing: Vec<String>,
}

#[derive(cucumber::World)]
#[world(init = Self::new)]
pub struct SuiteWorld {
    pub feature: String,
    /// The scenario's name, as reports show it.
    pub scenario: String,
    /// `@exact-names`: app and group names go on the wire as written, without the run prefix.
    pub exact_names: bool,
    pub run: &'static Run,
    pub settings: &'static Settings,
    pub target: Option<Target>,
    /// The mock's configuration, applied when it starts (before the first call).
    pub mock_config: Config,
    pub clock: Arc<Clock>,
    pub http: reqwest::Client,
    pub scheme: Scheme,
    pub format: Format,
    pub method: String,
    pub placement: Placement,
    pub next: Deviation,
    pub last_nonce: Option<String>,
    pub last_request: Option<RawRequest>,
    pub reply: Option<Reply>,
    /// Apps by the name the scenario gave them.
    pub apps: HashMap<String, String>,
    /// API groups by the name the scenario gave them.
    pub groups: HashMap<String, String>,
    /// APIs by the name the scenario gave them: their ApiId.
    pub apis: HashMap<String, String>,
    /// Throttling policies by the name the scenario gave them: their TrafficControlId.
    pub policies: HashMap<String, String>,
    /// The definition each API was last created or modified with, by its name: what a
    /// ModifyApi (a full replacement) sends again, the scenario's changes laid over it. It
    /// holds the scenario's names (without the run prefix) and the API's group by its name.
    pub api_definitions: HashMap<String, super::apis::Definition>,
    /// Response fields a scenario remembered, to compare later answers with.
    pub remembered: HashMap<String, String>,
    pub redactor: Redactor,
    /// Another account's key and secret, when the scenario acts as it.
    pub acting_as: Option<(String, String)>,
    /// What this scenario created (remote: deleted after it, whatever happened).
    pub created: Vec<(Resource, String)>,
    /// Credentials read with DescribeAppSecurity, by app name: (AppKey, AppSecret, AppCode).
    pub credentials: HashMap<String, (String, String, String)>,
    /// The published APIs and the last call to one.
    pub data_plane: super::data_plane::DataPlaneState,
}

/// Enough to see where a failed scenario stood (`-vv`), and nothing secret: no secrets, no
/// signed requests.
impl std::fmt::Debug for SuiteWorld {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SuiteWorld")
            .field("feature", &self.feature)
            .field("scenario", &self.scenario)
            .field("scheme", &self.scheme)
            .field("format", &self.format)
            .field("method", &self.method)
            .field("apps", &self.apps)
            .field("groups", &self.groups)
            .field("apis", &self.apis)
            .field("policies", &self.policies)
            .field("created", &self.created)
            .field("reply", &self.reply)
            .finish_non_exhaustive()
    }
}

impl SuiteWorld {
    fn new() -> Result<Self, std::io::Error> {
        let run = run().map_err(std::io::Error::other)?;
        let settings = &run.settings;
        let base_url = settings.endpoint.as_deref().unwrap_or("http://127.0.0.1");
        let http = client::http_client(base_url, settings.timeout).map_err(std::io::Error::other)?;
        Ok(SuiteWorld {
            feature: String::new(),
            scenario: String::new(),
            exact_names: false,
            run,
            settings,
            target: None,
            mock_config: Config::default(),
            clock: Arc::new(Clock::default()),
            http,
            scheme: settings.default_scheme,
            format: Format::Json,
            method: "POST".to_owned(),
            placement: Placement::Query,
            next: Deviation::default(),
            last_nonce: None,
            last_request: None,
            reply: None,
            apps: HashMap::new(),
            groups: HashMap::new(),
            apis: HashMap::new(),
            policies: HashMap::new(),
            api_definitions: HashMap::new(),
            remembered: HashMap::new(),
            redactor: Redactor::default(),
            acting_as: None,
            created: Vec::new(),
            credentials: HashMap::new(),
            data_plane: super::data_plane::DataPlaneState::default(),
        })
    }

    /// The name an app the scenario calls `logical` has on the wire: with the run's prefix,
    /// unless the scenario checks names themselves (`@exact-names`).
    pub fn wire_name(&self, logical: &str) -> String {
        self.wire_name_of(Resource::App, logical)
    }

    /// The same for an API group.
    pub fn group_wire_name(&self, logical: &str) -> String {
        self.wire_name_of(Resource::ApiGroup, logical)
    }

    fn wire_name_of(&self, resource: Resource, logical: &str) -> String {
        if self.exact_names {
            logical.to_owned()
        } else {
            self.run
                .prefix
                .wire_name_of(resource, logical)
                .unwrap_or_else(|e| panic!("{e}"))
        }
    }

    /// The scenario's name for a name the service answered.
    pub fn logical_name<'a>(&self, wire: &'a str) -> &'a str {
        self.run.prefix.logical_name(wire)
    }

    /// `feature: scenario`.
    pub fn scenario_key(&self) -> String {
        scenario_key(&self.feature, &self.scenario)
    }

    /// The target, started on first use with the configuration the scenario set up.
    pub async fn target(&mut self) -> &Target {
        if self.target.is_none() {
            let target = Target::start(self.settings, self.mock_config.clone(), self.clock.clone())
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            self.redactor.replace_literal(&self.settings.region, "[Region]");
            // Snapshots show the names the scenarios chose, on every target.
            self.redactor.replace_literal(self.run.prefix.as_str(), "");
            if let Some(token) = &self.settings.security_token {
                self.redactor.replace_literal(token, "[SecurityToken]");
            }
            self.target = Some(target);
        }
        self.target.as_ref().expect("started above")
    }

    pub fn reply(&self) -> &Reply {
        self.reply.as_ref().expect("no request has been sent yet")
    }

    /// Signs and sends one call, applying and then clearing the pending deviation.
    ///
    /// The name parameter of the actions that name a resource (CreateApp's and ModifyApp's
    /// `AppName`, CreateApiGroup's and ModifyApiGroup's `GroupName`: see [`named_resource`])
    /// is the scenario's name and goes out with the run prefix; elsewhere
    /// (DescribeAppAttributes, DescribeApiGroups) it is a filter and goes out as written. On a
    /// remote target every resource created is tracked (and refused beyond the run's cap), and
    /// a throttled reply is signed and sent again after a pause.
    pub async fn call(&mut self, action: &str, mut params: Vec<(String, String)>) -> &Reply {
        let declared = Action::from_name(action);
        if let Some(resource) = declared.and_then(named_resource) {
            for (name, value) in params.iter_mut() {
                if name == resource.name_param() && !value.is_empty() {
                    *value = self.wire_name_of(resource, value);
                }
            }
        }
        let deviation = std::mem::take(&mut self.next);
        let (base_url, host) = {
            let target = self.target().await;
            (target.base_url(), target.host())
        };
        let run = self.run;
        if let Some(api) = run.api.as_ref().filter(|_| run.is_remote()) {
            let is_ours = |resource: Resource, id: &str| run.tracker.created_by_run(resource, id);
            if let Err(refusal) = guard::check_write(api, is_ours, action, &params).await {
                panic!("{refusal}");
            }
        }
        let creates = declared.and_then(|declared| declared.creates());
        let creation = match creates {
            Some(_) if run.is_remote() => Some(run.tracker.begin_create().unwrap_or_else(|e| panic!("{action}: {e}"))),
            _ => None,
        };
        let previous_nonce = self.last_nonce.clone();
        let sent = {
            let this = &*self;
            let params = &params;
            let deviation = &deviation;
            let previous_nonce = &previous_nonce;
            let host = &host;
            let base_url = &base_url;
            retry_throttled(&this.settings.retry, &run.stats, action, || {
                let prepared = this.prepare(action, params, deviation, previous_nonce.as_deref(), host);
                async move {
                    let reply = client::send(&this.http, base_url, &prepared.request).await;
                    reply.map(|reply| Sent { reply, prepared })
                }
            })
            .await
            .unwrap_or_else(|e| panic!("{action}: {e}"))
        };
        let Sent { reply, prepared } = sent;
        for (literal, reference) in &prepared.literals {
            self.redactor.replace_literal(literal, reference);
        }
        self.last_nonce = Some(prepared.nonce);
        let reply = self.scrubbed(reply);
        if let (Some(resource), 200) = (creates, reply.status) {
            let id = reply.field(resource.id_field()).unwrap_or_default();
            if let Some(creation) = creation {
                let name = params
                    .iter()
                    .find(|(n, _)| n == resource.name_param())
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default();
                creation.created(Tracked {
                    resource,
                    id: id.clone(),
                    name,
                    scenario: self.scenario_key(),
                    endpoint: base_url.clone(),
                    region: self.settings.region.clone(),
                    created_at: now_rfc3339(),
                });
                run.stats.record_created();
            }
            self.created.push((resource, id));
        }
        if let Some(resource) = deleted_resource(action) {
            if reply.status == 200 || reply.code().as_deref() == Some(resource.not_found_code().as_str()) {
                if let Some((_, id)) = params.iter().find(|(n, _)| n == resource.id_field()) {
                    if run.tracker.forget(resource, id) {
                        run.stats.record_deleted_by_scenario();
                    }
                }
            }
        }
        let problems = reply.envelope_problems();
        assert!(
            problems.is_empty(),
            "{}",
            client::unexpected_reply(action, &reply, &problems)
        );
        if let (200, Some(body)) = (reply.status, reply.json()) {
            // The redactions are built from cloudapi_core::volatile; an answer with a volatile
            // field it does not list for the action would leak into a snapshot.
            let undeclared = undeclared_volatile_fields(action, &body);
            assert!(
                undeclared.is_empty(),
                "{action} answers volatile fields {undeclared:?} that cloudapi_core::volatile::of_action does not list\n{}",
                reply.body
            );
        }
        self.last_request = Some(prepared.request);
        self.reply = Some(reply);
        self.reply.as_ref().expect("just set")
    }

    /// One signed request for `action`, with the deviation applied, and the literals the
    /// redactor must learn from it.
    fn prepare(
        &self,
        action: &str,
        params: &[(String, String)],
        deviation: &Deviation,
        previous_nonce: Option<&str>,
        host: &str,
    ) -> Prepared {
        let now = self.target.as_ref().map_or_else(OffsetDateTime::now_utc, Target::now);
        let credential = &self.settings.credential;
        let (own_id, own_secret) = self
            .acting_as
            .clone()
            .unwrap_or_else(|| (credential.access_key_id.clone(), credential.access_key_secret.clone()));
        let signer = Signer {
            access_key_id: deviation.access_key_id.clone().unwrap_or(own_id),
            access_key_secret: deviation.secret.clone().unwrap_or(own_secret),
            security_token: self.settings.security_token.clone(),
        };
        let nonce = match (deviation.reuse_nonce, previous_nonce) {
            (true, Some(previous)) => previous.to_owned(),
            _ => fresh_nonce(),
        };
        let timestamp: OffsetDateTime = now + time::Duration::seconds(deviation.timestamp_offset_secs.unwrap_or(0));
        let method = deviation.method.clone().unwrap_or_else(|| self.method.clone());
        let mut request = signer.sign(&Call {
            action,
            params,
            scheme: self.scheme,
            method: &method,
            placement: self.placement,
            format: self.format,
            host,
            timestamp,
            nonce: &nonce,
        });
        if !deviation.set_before_signing.is_empty() || !deviation.omit_before_signing.is_empty() {
            for (name, value) in &deviation.set_before_signing {
                set_value(&mut request, name, value);
            }
            for name in &deviation.omit_before_signing {
                remove_value(&mut request, name);
            }
            resign_v2(&mut request, &signer.access_key_secret);
        }
        let stamp = cloudapi_core::protocol::timestamp::format(timestamp);
        let literals = vec![
            (stamp, "[Timestamp]"),
            (nonce.clone(), "[Nonce]"),
            (signer.access_key_id.clone(), "[AccessKeyId]"),
        ];
        if let Some(literal) = &deviation.literal_timestamp {
            let name = match self.scheme {
                Scheme::V2 => "Timestamp",
                Scheme::V3 => "x-acs-date",
            };
            set_value(&mut request, name, literal);
        }
        for name in &deviation.omit {
            remove_value(&mut request, name);
        }
        for (name, value) in &deviation.set_after_signing {
            set_value(&mut request, name, value);
        }
        if let Some(path) = &deviation.path {
            request.path.clone_from(path);
        }
        Prepared {
            request,
            nonce,
            literals,
        }
    }

    /// A reply with the STS token, should the service echo it (a V2 string to sign does),
    /// replaced: failure messages and reports never show it.
    fn scrubbed(&self, mut reply: Reply) -> Reply {
        if let Some(token) = self.settings.security_token.as_deref().filter(|t| !t.is_empty()) {
            reply.body = reply.body.replace(token, "[SecurityToken]");
        }
        reply
    }

    /// The V2 string to sign of the last request, as the client computed it.
    pub fn last_v2_string_to_sign(&self) -> String {
        let request = self.last_request.as_ref().expect("a request was sent");
        let mut pairs = decode_form(request.query.as_bytes());
        if request.has_form_body() {
            pairs.extend(decode_form(&request.body));
        }
        v2::string_to_sign(&request.method, pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())))
    }

    /// Replaces `{app:NAME}`, `{group:NAME}`, `{api:NAME}`, `{policy:NAME}`, `{appkey:NAME}`,
    /// `{appsecret:NAME}`, `{appcode:NAME}` in a value by what the scenario knows of the app,
    /// group, API or throttling policy NAME, and
    /// `{remembered:NAME}` by a value it remembered (a HistoryVersion).
    pub fn substitute(&self, value: &str) -> String {
        let mut out = value.to_owned();
        while let Some(start) = out.find('{') {
            let Some(length) = out[start..].find('}') else { break };
            let inner = &out[start + 1..start + length];
            let Some((kind, name)) = inner.split_once(':') else {
                break;
            };
            let credentials = self.credentials.get(name);
            let replacement = match kind {
                "app" => self.app_id(name),
                "group" => self.group_id(name),
                "api" => self.api_id(name),
                "policy" => self.policy_id(name),
                "remembered" => self
                    .remembered
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| panic!("nothing was remembered as {name}")),
                "appkey" => credentials
                    .map(|c| c.0.clone())
                    .unwrap_or_else(|| panic!("read {name}'s credentials first")),
                "appsecret" => credentials
                    .map(|c| c.1.clone())
                    .unwrap_or_else(|| panic!("read {name}'s credentials first")),
                "appcode" => credentials
                    .map(|c| c.2.clone())
                    .unwrap_or_else(|| panic!("read {name}'s credentials first")),
                _ => break,
            };
            out.replace_range(start..start + length + 1, &replacement);
        }
        out
    }

    /// `| parameter | value |` rows of a step's table, placeholders substituted.
    pub fn table_params(&self, step: &cucumber::gherkin::Step) -> Vec<(String, String)> {
        super::apps::table_params(step)
            .into_iter()
            .map(|(name, value)| (name, self.substitute(&value)))
            .collect()
    }

    /// The app id the scenario knows under `name`, or `name` itself when it is a literal id.
    pub fn app_id(&self, name: &str) -> String {
        self.apps.get(name).cloned().unwrap_or_else(|| name.to_owned())
    }

    /// The group id the scenario knows under `name`, or `name` itself when it is a literal id.
    pub fn group_id(&self, name: &str) -> String {
        self.groups.get(name).cloned().unwrap_or_else(|| name.to_owned())
    }

    /// The API id the scenario knows under `name`, or `name` itself when it is a literal id.
    pub fn api_id(&self, name: &str) -> String {
        self.apis.get(name).cloned().unwrap_or_else(|| name.to_owned())
    }

    /// The TrafficControlId the scenario knows under `name`, or `name` itself when it is a
    /// literal id.
    pub fn policy_id(&self, name: &str) -> String {
        self.policies.get(name).cloned().unwrap_or_else(|| name.to_owned())
    }

    /// The GroupId of the API the scenario knows under `name`, when it created it.
    pub fn group_of_api(&self, name: &str) -> Option<String> {
        self.api_definitions
            .get(name)
            .map(|definition| self.group_id(&definition.group))
    }
}

/// A request ready to send, and what the redactor must learn from it.
struct Prepared {
    request: RawRequest,
    nonce: String,
    literals: Vec<(String, &'static str)>,
}

/// What one attempt sent and got.
struct Sent {
    reply: Reply,
    prepared: Prepared,
}

impl std::borrow::Borrow<Reply> for Sent {
    fn borrow(&self) -> &Reply {
        &self.reply
    }
}

/// Signs a V2 request again after its parameters were changed.
fn resign_v2(request: &mut RawRequest, secret: &str) {
    remove_value(request, v2::SIGNATURE_PARAM);
    let mut pairs = decode_form(request.query.as_bytes());
    if request.has_form_body() {
        pairs.extend(decode_form(&request.body));
    }
    let signature = v2::sign_params(
        &request.method,
        secret,
        pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())),
    );
    set_value(request, v2::SIGNATURE_PARAM, &signature);
}

/// Replaces a parameter (query or form body) or a header wherever the request carries it;
/// adds it to the query when it carries it nowhere.
fn set_value(request: &mut RawRequest, name: &str, value: &str) {
    let mut found = false;
    for (header, header_value) in request.headers.iter_mut() {
        if header.eq_ignore_ascii_case(name) {
            *header_value = value.to_owned();
            found = true;
        }
    }
    found |= edit_pairs(&mut request.query, |pairs| replace_pair(pairs, name, value));
    let mut body = String::from_utf8_lossy(&request.body).into_owned();
    if request.has_form_body() && edit_pairs(&mut body, |pairs| replace_pair(pairs, name, value)) {
        request.body = body.into_bytes();
        found = true;
    }
    if !found {
        let query = std::mem::take(&mut request.query);
        let mut pairs = decode_form(query.as_bytes());
        pairs.push((name.to_owned(), value.to_owned()));
        request.query = cloudapi_core::client::encode_pairs(&pairs);
    }
}

fn remove_value(request: &mut RawRequest, name: &str) {
    request.headers.retain(|(header, _)| !header.eq_ignore_ascii_case(name));
    edit_pairs(&mut request.query, |pairs| {
        let before = pairs.len();
        pairs.retain(|(n, _)| n != name);
        before != pairs.len()
    });
    let mut body = String::from_utf8_lossy(&request.body).into_owned();
    if request.has_form_body()
        && edit_pairs(&mut body, |pairs| {
            let before = pairs.len();
            pairs.retain(|(n, _)| n != name);
            before != pairs.len()
        })
    {
        request.body = body.into_bytes();
    }
}

fn replace_pair(pairs: &mut [(String, String)], name: &str, value: &str) -> bool {
    let mut found = false;
    for (n, v) in pairs.iter_mut() {
        if n == name {
            *v = value.to_owned();
            found = true;
        }
    }
    found
}

/// Decodes `encoded`, lets `edit` change the pairs, and re-encodes if it reports a change.
fn edit_pairs(encoded: &mut String, edit: impl FnOnce(&mut Vec<(String, String)>) -> bool) -> bool {
    let mut pairs = decode_form(encoded.as_bytes());
    let changed = edit(&mut pairs);
    if changed {
        *encoded = cloudapi_core::client::encode_pairs(&pairs);
    }
    changed
}
