//! The APIs family: an API's definition as its provider edits it (the draft), the copy each
//! stage runs, and the record of every publication.
//!
//! "DescribeApi returns the editing definition; DescribeDeployedApi returns what a stage
//! runs": DeployApi freezes the draft into a stage and records it under a new HistoryVersion;
//! ModifyApi changes only the draft; AbolishApi takes the API out of a stage; SwitchApi makes
//! a recorded version run again. An API belongs to one group; its name and its request path
//! are unique in the group; a group holds at most 1,000.

use std::collections::{BTreeMap, HashMap};

use foldhash::fast::RandomState;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::changes::{number_key, numbered_changes, to_stored, ChangeSink, ChangedKeys, PersistedTable};
use super::groups::STAGE_NAMES;
use super::{put_tags, random_hex32, Entity, Scope, StoreError, StoreResult, Tag, World};

/// 32 lower-case hex digits, system generated.
pub type ApiId = String;

/// The most APIs a group holds (limits page: 1,000).
pub const MAX_APIS_PER_GROUP: usize = 1_000;
/// Publications remembered per API and stage; the oldest offline ones go first (the
/// service's retention is not published; a bound so that redeploying cannot grow without
/// limit).
pub const MAX_HISTORY_PER_STAGE: usize = 100;

/// What the consumer sends to the gateway (`RequestConfig`).
// Each field is the SDK model's member of the same name, in snake case, kept as sent.
#[allow(missing_docs)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestConfig {
    pub request_protocol: String,
    pub request_http_method: String,
    pub request_path: String,
    pub request_mode: String,
    pub body_format: String,
    pub post_body_description: String,
    pub body_model: String,
    pub escape_path_param: bool,
}

/// A header the Mock backend answers with.
// Each field is the SDK model's member of the same name, in snake case, kept as sent.
#[allow(missing_docs)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MockHeader {
    pub header_name: String,
    pub header_value: String,
}

/// The VPC channel of an HTTP backend.
// Each field is the SDK model's member of the same name, in snake case, kept as sent.
#[allow(missing_docs)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VpcConfig {
    pub name: String,
    pub vpc_scheme: String,
    pub vpc_id: String,
    pub instance_id: String,
    pub port: Option<i64>,
}

/// What the gateway sends to the backend (`ServiceConfig`).
// Each field is the SDK model's member of the same name, in snake case, kept as sent.
#[allow(missing_docs)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceConfig {
    pub service_protocol: String,
    pub service_address: String,
    pub service_path: String,
    pub service_http_method: String,
    /// Milliseconds.
    pub service_timeout: i64,
    pub content_type_catagory: String,
    pub content_type_value: String,
    /// `Mock: "TRUE"`: the gateway answers with the mock result instead of calling a backend.
    pub mock: bool,
    pub mock_result: String,
    pub mock_status_code: Option<i64>,
    pub mock_headers: Vec<MockHeader>,
    pub service_vpc_enable: bool,
    pub vpc_config: Option<VpcConfig>,
    /// Function Compute, OSS and EventBridge backends, as sent (keys in snake case); the mock
    /// echoes them and calls none of them.
    pub function_compute_config: Option<serde_json::Value>,
    pub oss_config: Option<serde_json::Value>,
    pub event_bridge_config: Option<serde_json::Value>,
    pub aone_app_name: String,
}

impl Eq for ServiceConfig {}

/// A parameter the consumer sends (`RequestParameters[]`).
// Each field is the SDK model's member of the same name, in snake case, kept as sent.
#[allow(missing_docs)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestParameter {
    pub api_parameter_name: String,
    pub location: String,
    pub parameter_type: String,
    pub required: String,
    pub default_value: String,
    pub demo_value: String,
    pub description: String,
    pub max_value: Option<i64>,
    pub min_value: Option<i64>,
    pub max_length: Option<i64>,
    pub min_length: Option<i64>,
    pub regular_expression: String,
    pub json_scheme: String,
    pub enum_value: String,
    pub doc_show: String,
    pub doc_order: Option<i64>,
    pub array_items_type: String,
}

/// A parameter the backend receives (`ServiceParameters[]`).
// Each field is the SDK model's member of the same name, in snake case, kept as sent.
#[allow(missing_docs)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceParameter {
    pub service_parameter_name: String,
    pub location: String,
    /// The SDK's example writes it `Type`.
    #[serde(alias = "type")]
    pub parameter_type: String,
    /// REQUEST, CONSTANT or SYSTEM; an input only (the answer's items have none).
    pub parameter_catalog: String,
}

/// Which request parameter feeds which backend parameter (`ServiceParametersMap[]`).
// Each field is the SDK model's member of the same name, in snake case, kept as sent.
#[allow(missing_docs)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceParameterMap {
    pub service_parameter_name: String,
    pub request_parameter_name: String,
}

/// A value the gateway always sends to the backend (`ConstantParameters[]`).
// Each field is the SDK model's member of the same name, in snake case, kept as sent.
#[allow(missing_docs)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConstantParameter {
    pub service_parameter_name: String,
    pub constant_value: String,
    pub location: String,
    pub description: String,
}

/// A value the gateway fills in (`CaClientIp`, `CaRequestId` ...) for the backend.
// Each field is the SDK model's member of the same name, in snake case, kept as sent.
#[allow(missing_docs)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SystemParameter {
    pub parameter_name: String,
    pub service_parameter_name: String,
    pub location: String,
    pub demo_value: String,
    pub description: String,
}

/// A documented error of the API (documentation only).
// Each field is the SDK model's member of the same name, in snake case, kept as sent.
#[allow(missing_docs)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ErrorCodeSample {
    pub code: String,
    pub message: String,
    pub description: String,
    pub model: String,
}

/// How an API checks OpenID Connect tokens (`OpenIdConnectConfig`).
// Each field is the SDK model's member of the same name, in snake case, kept as sent.
#[allow(missing_docs)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OpenIdConnectConfig {
    pub open_id_api_type: String,
    pub id_token_param_name: String,
    pub public_key_id: String,
    pub public_key: String,
}

/// An API's whole definition: what DescribeApi shows, and what a stage freezes.
// Each field is the SDK model's member of the same name, in snake case, kept as sent.
#[allow(missing_docs)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiDefinition {
    pub name: String,
    pub description: String,
    pub visibility: String,
    pub auth_type: String,
    pub app_code_auth_type: String,
    pub allow_signature_method: String,
    pub web_socket_api_type: String,
    pub result_type: String,
    pub result_sample: String,
    pub fail_result_sample: String,
    pub result_body_model: String,
    pub result_descriptions: String,
    pub force_nonce_check: bool,
    pub disable_internet: bool,
    pub backend_enable: bool,
    pub backend_id: String,
    pub request_config: RequestConfig,
    pub service_config: ServiceConfig,
    pub request_parameters: Vec<RequestParameter>,
    pub service_parameters: Vec<ServiceParameter>,
    pub service_parameters_map: Vec<ServiceParameterMap>,
    pub constant_parameters: Vec<ConstantParameter>,
    pub system_parameters: Vec<SystemParameter>,
    pub error_code_samples: Vec<ErrorCodeSample>,
    pub open_id_connect_config: Option<OpenIdConnectConfig>,
}

/// One publication of an API to a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    /// The stage it was published to.
    pub stage: String,
    /// 17 digits, `yyyyMMddHHmmssSSS` of the mock's clock, increasing.
    pub version: String,
    /// The deploy remark.
    pub description: String,
    #[serde(with = "time::serde::rfc3339")]
    /// When it was published.
    pub deployed_at: OffsetDateTime,
    /// The definition the stage runs.
    pub definition: ApiDefinition,
}

/// An API of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Api {
    /// Its id, unique across the service.
    pub id: ApiId,
    /// The group it belongs to.
    pub group_id: String,
    /// Its draft definition.
    pub definition: ApiDefinition,
    /// When it was created.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When its draft last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub modified_at: OffsetDateTime,
    /// From CreateApi's `Tag.N`.
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The version each stage runs, by stage name.
    #[serde(default)]
    pub running: BTreeMap<String, String>,
    /// Every publication remembered, oldest first.
    #[serde(default)]
    pub history: Vec<Publication>,
}

impl Api {
    /// The publication a stage runs now.
    pub fn deployed(&self, stage: &str) -> Option<&Publication> {
        let version = self.running.get(stage)?;
        self.history
            .iter()
            .rev()
            .find(|p| p.stage == stage && &p.version == version)
    }

    /// Whether the API runs in any stage.
    pub fn is_deployed(&self) -> bool {
        !self.running.is_empty()
    }
}

/// What CreateApi asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewApi {
    /// The group to create it in.
    pub group_id: String,
    /// Its definition.
    pub definition: ApiDefinition,
    /// Its tags.
    pub tags: Vec<Tag>,
}

/// The APIs of one scope in creation order, with an index by id and by group.
#[derive(Debug, Clone, Default)]
pub struct ApiTable {
    by_sequence: BTreeMap<u64, Api>,
    sequence_of: HashMap<ApiId, u64, RandomState>,
    in_group: HashMap<String, Vec<u64>, RandomState>,
    next_sequence: u64,
    changed: ChangedKeys<u64>,
}

/// Equal when they hold the same APIs in the same order.
impl PartialEq for ApiTable {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for ApiTable {}

impl ApiTable {
    /// The APIs in creation order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Api> + ExactSizeIterator {
        self.by_sequence.values()
    }

    /// How many APIs.
    pub fn len(&self) -> usize {
        self.by_sequence.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.by_sequence.is_empty()
    }

    /// An API by id.
    pub fn get(&self, id: &str) -> Option<&Api> {
        self.sequence_of.get(id).and_then(|seq| self.by_sequence.get(seq))
    }

    /// The APIs of a group, in creation order.
    pub fn of_group<'a>(&'a self, group_id: &str) -> impl Iterator<Item = &'a Api> + 'a {
        self.in_group
            .get(group_id)
            .into_iter()
            .flatten()
            .filter_map(|seq| self.by_sequence.get(seq))
    }

    /// How many APIs a group holds.
    pub fn count_in_group(&self, group_id: &str) -> usize {
        self.in_group.get(group_id).map_or(0, Vec::len)
    }

    pub(super) fn insert(&mut self, api: Api) {
        let seq = self.next_sequence;
        self.next_sequence += 1;
        self.changed.mark(|| seq);
        self.sequence_of.insert(api.id.clone(), seq);
        self.in_group.entry(api.group_id.clone()).or_default().push(seq);
        self.by_sequence.insert(seq, api);
    }

    fn remove(&mut self, id: &str) -> Option<Api> {
        let seq = self.sequence_of.remove(id)?;
        self.changed.mark(|| seq);
        let api = self.by_sequence.remove(&seq)?;
        if let Some(seqs) = self.in_group.get_mut(&api.group_id) {
            seqs.retain(|s| *s != seq);
            if seqs.is_empty() {
                self.in_group.remove(&api.group_id);
            }
        }
        Some(api)
    }

    fn get_mut(&mut self, id: &str) -> Option<&mut Api> {
        let seq = *self.sequence_of.get(id)?;
        self.changed.mark(|| seq);
        self.by_sequence.get_mut(&seq)
    }

    /// Whether another API of the group has this name, or this request path.
    fn clash(&self, group_id: &str, definition: &ApiDefinition, except: Option<&str>) -> Option<Entity> {
        let others = self.of_group(group_id).filter(|api| Some(api.id.as_str()) != except);
        for other in others {
            if other.definition.name == definition.name {
                return Some(Entity::ApiName);
            }
            if other.definition.request_config.request_path == definition.request_config.request_path {
                return Some(Entity::ApiPath);
            }
        }
        None
    }
}

impl PersistedTable for ApiTable {
    fn family(&self) -> &'static str {
        "apis"
    }

    fn start_capture(&mut self) {
        self.changed.start();
    }

    fn take_changes(&mut self, out: ChangeSink<'_>) {
        let records = &self.by_sequence;
        numbered_changes(&mut self.changed, |key| records.get(&key), out);
    }

    fn each_stored(&self, out: &mut dyn FnMut(Vec<u8>, Result<Vec<u8>, String>)) {
        for (seq, api) in &self.by_sequence {
            out(number_key(*seq), to_stored(api));
        }
    }
}

/// The 17-digit HistoryVersion of a moment: `yyyyMMddHHmmssSSS`.
pub fn history_version(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}{:03}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.millisecond()
    )
}

/// Whether a stage name is one every group has (any case, as callers send it).
pub fn stage_name(name: &str) -> Option<&'static str> {
    STAGE_NAMES
        .iter()
        .copied()
        .find(|stage| stage.eq_ignore_ascii_case(name))
}

const API_NOT_FOUND: StoreError = StoreError::NotFound(Entity::Api);

impl World {
    /// An API of this scope; another scope's is as absent as a deleted one. With a group
    /// named, the group must exist and hold the API.
    pub fn api(&self, scope: &Scope, group_id: Option<&str>, id: &str) -> StoreResult<&Api> {
        if let Some(group_id) = group_id {
            self.group(scope, group_id)?;
        }
        let api = self
            .tenancies
            .get(scope)
            .and_then(|t| t.apis.get(id))
            .ok_or(API_NOT_FOUND)?;
        match group_id {
            Some(group_id) if api.group_id != group_id => Err(API_NOT_FOUND),
            _ => Ok(api),
        }
    }

    /// Creates an API in a group after checking the group, the name and path in it, and
    /// the group's quota.
    pub fn create_api(&mut self, scope: &Scope, new: NewApi, quota: usize, now: OffsetDateTime) -> StoreResult<ApiId> {
        self.group(scope, &new.group_id)?;
        let tenancy = self.tenancy_mut(scope).ok_or(StoreError::NotFound(Entity::ApiGroup))?;
        if let Some(clash) = tenancy.apis.clash(&new.group_id, &new.definition, None) {
            return Err(StoreError::Taken(clash));
        }
        if tenancy.apis.count_in_group(&new.group_id) >= quota {
            return Err(StoreError::LimitReached(Entity::Api));
        }
        let id = self.fresh_api_id();
        let mut api = Api {
            id: id.clone(),
            group_id: new.group_id,
            definition: new.definition,
            created_at: now,
            modified_at: now,
            tags: Vec::new(),
            running: BTreeMap::new(),
            history: Vec::new(),
        };
        put_tags(&mut api.tags, &new.tags);
        self.insert_api(scope, api);
        Ok(id)
    }

    /// ModifyApi: the draft is replaced; the stages keep running what they ran.
    pub fn modify_api(
        &mut self,
        scope: &Scope,
        group_id: Option<&str>,
        id: &str,
        definition: ApiDefinition,
        now: OffsetDateTime,
    ) -> StoreResult<()> {
        let owner = self.api(scope, group_id, id)?.group_id.clone();
        let tenancy = self.tenancy_mut(scope).ok_or(API_NOT_FOUND)?;
        if let Some(clash) = tenancy.apis.clash(&owner, &definition, Some(id)) {
            return Err(StoreError::Taken(clash));
        }
        let api = tenancy.apis.get_mut(id).ok_or(API_NOT_FOUND)?;
        api.definition = definition;
        api.modified_at = now;
        Ok(())
    }

    /// DeleteApi: refused while the API runs in a stage.
    pub fn delete_api(&mut self, scope: &Scope, group_id: Option<&str>, id: &str) -> StoreResult<Api> {
        if self.api(scope, group_id, id)?.is_deployed() {
            return Err(StoreError::InUse(Entity::Api));
        }
        self.forget_api_authorizations(scope, id);
        self.forget_api_traffic_bindings(scope, id);
        let tenancy = self.tenancy_mut(scope).ok_or(API_NOT_FOUND)?;
        let api = tenancy.apis.remove(id).ok_or(API_NOT_FOUND)?;
        self.api_ids.remove(id);
        self.forget_if_empty(scope);
        Ok(api)
    }

    /// DeployApi: the draft runs in `stage` from now on, recorded under a new version.
    pub fn deploy_api(
        &mut self,
        scope: &Scope,
        group_id: Option<&str>,
        id: &str,
        stage: &str,
        remark: &str,
        now: OffsetDateTime,
    ) -> StoreResult<String> {
        let stage = stage_name(stage).ok_or(StoreError::NotFound(Entity::Stage))?;
        self.api(scope, group_id, id)?;
        let api = self
            .tenancy_mut(scope)
            .and_then(|t| t.apis.get_mut(id))
            .ok_or(API_NOT_FOUND)?;
        // Two publications within a millisecond still get distinct, increasing versions.
        let mut version = history_version(now);
        if let Some(last) = api.history.iter().map(|p| p.version.as_str()).max() {
            if version.as_str() <= last {
                version = last
                    .parse::<u64>()
                    .ok()
                    .and_then(|n| n.checked_add(1))
                    .map_or_else(|| format!("{last}1"), |n| n.to_string());
            }
        }
        api.history.push(Publication {
            stage: stage.to_owned(),
            version: version.clone(),
            description: remark.to_owned(),
            deployed_at: now,
            definition: api.definition.clone(),
        });
        api.running.insert(stage.to_owned(), version.clone());
        forget_old_publications(api, stage);
        Ok(version)
    }

    /// AbolishApi: the API no longer runs in `stage`; a stage it does not run in is no error.
    pub fn abolish_api(&mut self, scope: &Scope, group_id: Option<&str>, id: &str, stage: &str) -> StoreResult<()> {
        let stage = stage_name(stage).ok_or(StoreError::NotFound(Entity::Stage))?;
        self.api(scope, group_id, id)?;
        if let Some(api) = self.tenancy_mut(scope).and_then(|t| t.apis.get_mut(id)) {
            api.running.remove(stage);
        }
        Ok(())
    }

    /// SwitchApi: a recorded version of `stage` runs there again.
    pub fn switch_api(
        &mut self,
        scope: &Scope,
        group_id: Option<&str>,
        id: &str,
        stage: &str,
        version: &str,
    ) -> StoreResult<()> {
        let stage = stage_name(stage).ok_or(StoreError::NotFound(Entity::Stage))?;
        let api = self.api(scope, group_id, id)?;
        if !api.history.iter().any(|p| p.stage == stage && p.version == version) {
            return Err(StoreError::NotFound(Entity::HistoryVersion));
        }
        if let Some(api) = self.tenancy_mut(scope).and_then(|t| t.apis.get_mut(id)) {
            api.running.insert(stage.to_owned(), version.to_owned());
        }
        Ok(())
    }

    /// Puts an API in place (CreateApi, and an import).
    pub(super) fn insert_api(&mut self, scope: &Scope, api: Api) {
        let owner = self.owner(scope);
        self.api_ids.insert(api.id.clone(), owner.clone());
        self.tenancy_entry(owner).apis.insert(api);
    }

    pub(super) fn api_id_taken(&self, id: &str) -> bool {
        self.api_ids.contains_key(id)
    }

    fn fresh_api_id(&self) -> ApiId {
        loop {
            let id = random_hex32();
            if !self.api_ids.contains_key(&id) {
                return id;
            }
        }
    }
}

/// Keeps at most [`MAX_HISTORY_PER_STAGE`] publications of a stage, never the running one.
fn forget_old_publications(api: &mut Api, stage: &str) {
    let of_stage = api.history.iter().filter(|p| p.stage == stage).count();
    let mut excess = of_stage.saturating_sub(MAX_HISTORY_PER_STAGE);
    let running = api.running.get(stage).cloned();
    api.history.retain(|p| {
        let drop = excess > 0 && p.stage == stage && Some(&p.version) != running.as_ref();
        if drop {
            excess -= 1;
        }
        !drop
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::NewGroup;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-30 09:31:28.123 UTC);

    fn scope() -> Scope {
        Scope {
            account_uid: "1".into(),
            region: "cn-hangzhou".into(),
        }
    }

    fn definition(name: &str, path: &str) -> ApiDefinition {
        ApiDefinition {
            name: name.into(),
            request_config: RequestConfig {
                request_path: path.into(),
                ..RequestConfig::default()
            },
            ..ApiDefinition::default()
        }
    }

    fn world_with_group() -> (World, String) {
        let mut world = World::default();
        let group = NewGroup {
            name: "weather".into(),
            ..NewGroup::default()
        };
        let group = world.create_group(&scope(), group, 10, NOW).expect("group");
        (world, group.id)
    }

    fn new_api(group: &str, name: &str, path: &str) -> NewApi {
        NewApi {
            group_id: group.into(),
            definition: definition(name, path),
            tags: Vec::new(),
        }
    }

    #[test]
    fn names_and_paths_are_unique_in_a_group_and_the_group_must_exist() {
        let (mut world, group) = world_with_group();
        world
            .create_api(&scope(), new_api(&group, "forecast", "/f"), 10, NOW)
            .expect("first");
        let taken = world.create_api(&scope(), new_api(&group, "forecast", "/g"), 10, NOW);
        assert_eq!(taken, Err(StoreError::Taken(Entity::ApiName)));
        let path = world.create_api(&scope(), new_api(&group, "other", "/f"), 10, NOW);
        assert_eq!(path, Err(StoreError::Taken(Entity::ApiPath)));
        let nowhere = world.create_api(&scope(), new_api("nope", "x_api", "/x"), 10, NOW);
        assert_eq!(nowhere, Err(StoreError::NotFound(Entity::ApiGroup)));
        world
            .create_api(&scope(), new_api(&group, "second", "/s"), 2, NOW)
            .expect("second");
        let full = world.create_api(&scope(), new_api(&group, "third", "/t"), 2, NOW);
        assert_eq!(full, Err(StoreError::LimitReached(Entity::Api)));
    }

    #[test]
    fn a_stage_runs_the_frozen_copy_until_the_next_deploy() {
        let (mut world, group) = world_with_group();
        let id = world
            .create_api(&scope(), new_api(&group, "forecast", "/f"), 10, NOW)
            .expect("api");
        let v1 = world
            .deploy_api(&scope(), None, &id, "RELEASE", "first", NOW)
            .expect("deploy");
        assert_eq!(v1, "20261130093128123");
        let changed = definition("forecast", "/changed");
        world.modify_api(&scope(), None, &id, changed, NOW).expect("modify");
        let api = world.api(&scope(), None, &id).expect("api");
        assert_eq!(
            api.deployed("RELEASE")
                .expect("running")
                .definition
                .request_config
                .request_path,
            "/f"
        );
        let v2 = world
            .deploy_api(&scope(), Some(&group), &id, "RELEASE", "second", NOW)
            .expect("again");
        assert!(v2 > v1, "{v2} after {v1}");
        world
            .switch_api(&scope(), None, &id, "RELEASE", &v1)
            .expect("switch back");
        let api = world.api(&scope(), None, &id).expect("api");
        assert_eq!(api.deployed("RELEASE").expect("running").version, v1);
        assert_eq!(
            world.switch_api(&scope(), None, &id, "TEST", &v1),
            Err(StoreError::NotFound(Entity::HistoryVersion))
        );
        assert_eq!(
            world.delete_api(&scope(), None, &id).map(|_| ()),
            Err(StoreError::InUse(Entity::Api))
        );
        assert_eq!(
            world.delete_group(&scope(), &group).map(|_| ()),
            Err(StoreError::InUse(Entity::ApiGroup))
        );
        world
            .abolish_api(&scope(), None, &id, "TEST")
            .expect("not deployed there: no error");
        world.abolish_api(&scope(), None, &id, "RELEASE").expect("abolished");
        assert_eq!(
            world.abolish_api(&scope(), None, &id, "STAGING"),
            Err(StoreError::NotFound(Entity::Stage))
        );
        world.delete_api(&scope(), None, &id).expect("deleted");
        assert_eq!(world.api(&scope(), None, &id).map(|_| ()), Err(API_NOT_FOUND));
        world.delete_group(&scope(), &group).expect("now the group can go");
    }

    #[test]
    fn history_is_bounded_but_keeps_what_runs() {
        let (mut world, group) = world_with_group();
        let id = world
            .create_api(&scope(), new_api(&group, "forecast", "/f"), 10, NOW)
            .expect("api");
        let first = world.deploy_api(&scope(), None, &id, "TEST", "0", NOW).expect("deploy");
        world
            .deploy_api(&scope(), None, &id, "RELEASE", "r", NOW)
            .expect("deploy");
        for n in 0..(MAX_HISTORY_PER_STAGE + 5) {
            world
                .deploy_api(&scope(), None, &id, "TEST", &n.to_string(), NOW)
                .expect("deploy");
        }
        let api = world.api(&scope(), None, &id).expect("api");
        let tests = api.history.iter().filter(|p| p.stage == "TEST").count();
        assert_eq!(tests, MAX_HISTORY_PER_STAGE);
        assert!(api.deployed("RELEASE").is_some());
        assert!(!api.history.iter().any(|p| p.version == first));
    }
}
