//! The API groups family: a group is the container of APIs, with its second-level domain,
//! its base path, its instance, its three stages and its tags.
//!
//! Group names are unique per account and region; GroupIds are unique across the service
//! (the data plane finds a group by its domain, `<GroupId>-<region>.alicloudapi.com`,
//! whatever account asks). A group that holds APIs cannot be deleted; deleting a group that
//! does not exist succeeds (CreateApiGroup and DeleteApiGroup docs).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use foldhash::fast::RandomState;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::changes::{number_key, numbered_changes, to_stored, ChangeSink, ChangedKeys, PersistedTable};
use super::MAX_TAGS_PER_RESOURCE;
use super::{
    merged_tag_count, put_tags, random_hex32, remove_tags, Entity, Scope, StoreError, StoreResult, Tag, World,
};

/// 32 lower-case hex digits, system generated.
pub type GroupId = String;

/// The system stages every group has, in the order DescribeApiGroup lists them.
pub const STAGE_NAMES: [&str; 3] = ["RELEASE", "PRE", "TEST"];

/// The shared instances a group can live on without a dedicated one.
pub const SHARED_VPC_INSTANCE: &str = "api-shared-vpc-001";
/// The classic network's shared instance (the VPC one is the default).
pub const SHARED_CLASSIC_INSTANCE: &str = "api-shared-classic-001";

/// The group's queries-per-second ceiling until a traffic policy says otherwise (documented
/// default: 500).
pub const DEFAULT_TRAFFIC_LIMIT: u32 = 500;

/// One stage of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    /// The stage's name (`RELEASE`, `PRE`, `TEST`).
    pub name: String,
    /// 32 hex digits; the stage-variable actions name a stage by it.
    pub id: String,
    /// Its description.
    pub description: String,
}

/// An API group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiGroup {
    /// Its id, 32 hex digits.
    pub id: GroupId,
    /// Its name, unique in its scope.
    pub name: String,
    /// Its description.
    pub description: String,
    /// Starts with `/`; `/` when CreateApiGroup names none.
    pub base_path: String,
    /// The instance it is on.
    pub instance_id: String,
    /// When it was created.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When it was last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub modified_at: OffsetDateTime,
    /// In the order first set; a key appears once.
    pub tags: Vec<Tag>,
    /// Its stages.
    pub stages: Vec<Stage>,
    /// Its queries-per-second ceiling.
    pub traffic_limit: u32,
    /// What ModifyApiGroup set and DescribeApiGroup echoes, verbatim; empty until set.
    #[serde(default)]
    pub settings: GroupSettings,
}

/// The group-level settings ModifyApiGroup stores and DescribeApiGroup echoes as given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupSettings {
    /// As ModifyApiGroup set it.
    pub user_log_config: String,
    /// As ModifyApiGroup set it.
    pub compatible_flags: String,
    /// As ModifyApiGroup set it.
    pub custom_app_code_config: String,
    /// As ModifyApiGroup set it.
    pub custom_trace_config: String,
    /// As ModifyApiGroup set it.
    pub customer_configs: String,
    /// As ModifyApiGroup set it.
    pub default_domain: String,
    /// As ModifyApiGroup set it.
    pub passthrough_headers: String,
}

impl ApiGroup {
    /// `VPC_SHARED`, `CLASSIC_SHARED` or `VPC_DEDICATED`, as the instance id says.
    pub fn instance_type(&self) -> &'static str {
        match self.instance_id.as_str() {
            SHARED_VPC_INSTANCE => "VPC_SHARED",
            SHARED_CLASSIC_INSTANCE => "CLASSIC_SHARED",
            _ => "VPC_DEDICATED",
        }
    }

    /// The second-level domain the service assigns: `<GroupId>-<region>.alicloudapi.com`.
    pub fn sub_domain(&self, region: &str) -> String {
        sub_domain(&self.id, region)
    }
}

/// The second-level domain of a group in a region.
pub fn sub_domain(group_id: &str, region: &str) -> String {
    format!("{group_id}-{region}.alicloudapi.com")
}

/// Whether an instance id names an instance a group can be created on: the mock has the two
/// shared instances and no dedicated ones.
pub fn is_known_instance(instance_id: &str) -> bool {
    instance_id == SHARED_VPC_INSTANCE || instance_id == SHARED_CLASSIC_INSTANCE
}

/// What CreateApiGroup asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewGroup {
    /// The name.
    pub name: String,
    /// The description.
    pub description: String,
    /// The base path; `/` when `None`.
    pub base_path: Option<String>,
    /// The instance; the shared one when `None`.
    pub instance_id: Option<String>,
    /// The tags.
    pub tags: Vec<Tag>,
}

/// What ModifyApiGroup changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupChanges {
    /// A new name.
    pub name: Option<String>,
    /// A new description.
    pub description: Option<String>,
    /// A new base path.
    pub base_path: Option<String>,
    /// A new `UserLogConfig`.
    pub user_log_config: Option<String>,
    /// A new `CompatibleFlags`.
    pub compatible_flags: Option<String>,
    /// A new `CustomAppCodeConfig`.
    pub custom_app_code_config: Option<String>,
    /// A new `CustomTraceConfig`.
    pub custom_trace_config: Option<String>,
    /// A new `CustomerConfigs`.
    pub customer_configs: Option<String>,
    /// A new `DefaultDomain`.
    pub default_domain: Option<String>,
    /// A new `PassthroughHeaders`.
    pub passthrough_headers: Option<String>,
}

impl GroupChanges {
    /// Applies the changes; whether anything was given at all.
    fn apply(self, group: &mut ApiGroup) -> bool {
        let mut changed = false;
        let mut set = |field: &mut String, value: Option<String>| {
            if let Some(value) = value {
                *field = value;
                changed = true;
            }
        };
        set(&mut group.name, self.name);
        set(&mut group.description, self.description);
        set(&mut group.base_path, self.base_path);
        let settings = &mut group.settings;
        set(&mut settings.user_log_config, self.user_log_config);
        set(&mut settings.compatible_flags, self.compatible_flags);
        set(&mut settings.custom_app_code_config, self.custom_app_code_config);
        set(&mut settings.custom_trace_config, self.custom_trace_config);
        set(&mut settings.customer_configs, self.customer_configs);
        set(&mut settings.default_domain, self.default_domain);
        set(&mut settings.passthrough_headers, self.passthrough_headers);
        changed
    }
}

/// The groups of one scope in the order they were created, with their indexes. Creation
/// order breaks ties between groups modified at the same instant (a frozen clock), as the
/// AppId does for apps.
#[derive(Debug, Clone, Default)]
pub struct GroupTable {
    by_sequence: BTreeMap<u64, ApiGroup>,
    sequence_of: HashMap<GroupId, u64, RandomState>,
    by_name: HashMap<String, GroupId, RandomState>,
    by_modified: BTreeSet<(OffsetDateTime, u64)>,
    next_sequence: u64,
    changed: ChangedKeys<u64>,
}

/// Equal when they hold the same groups in the same order.
impl PartialEq for GroupTable {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for GroupTable {}

impl GroupTable {
    /// The groups in creation order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &ApiGroup> + ExactSizeIterator {
        self.by_sequence.values()
    }

    /// How many groups.
    pub fn len(&self) -> usize {
        self.by_sequence.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.by_sequence.is_empty()
    }

    /// A group by id.
    pub fn get(&self, id: &str) -> Option<&ApiGroup> {
        self.sequence_of.get(id).and_then(|seq| self.by_sequence.get(seq))
    }

    /// The id of the group of that name.
    pub fn id_by_name(&self, name: &str) -> Option<&str> {
        self.by_name.get(name).map(String::as_str)
    }

    /// Groups by modification time, oldest first (ties by creation), or newest first.
    pub fn by_modification(&self, newest_first: bool) -> Box<dyn Iterator<Item = &ApiGroup> + '_> {
        let groups = |(_, seq): &(OffsetDateTime, u64)| self.by_sequence.get(seq);
        if newest_first {
            Box::new(self.by_modified.iter().rev().filter_map(groups))
        } else {
            Box::new(self.by_modified.iter().filter_map(groups))
        }
    }

    pub(super) fn insert(&mut self, group: ApiGroup) {
        let seq = self.next_sequence;
        self.next_sequence += 1;
        self.changed.mark(|| seq);
        self.sequence_of.insert(group.id.clone(), seq);
        self.by_name.insert(group.name.clone(), group.id.clone());
        self.by_modified.insert((group.modified_at, seq));
        self.by_sequence.insert(seq, group);
    }

    fn remove(&mut self, id: &str) -> Option<ApiGroup> {
        let seq = self.sequence_of.remove(id)?;
        self.changed.mark(|| seq);
        let group = self.by_sequence.remove(&seq)?;
        self.by_name.remove(&group.name);
        self.by_modified.remove(&(group.modified_at, seq));
        Some(group)
    }

    /// Changes a group through `change`, then re-indexes its name and modification time.
    fn update<R>(&mut self, id: &str, change: impl FnOnce(&mut ApiGroup) -> R) -> Option<R> {
        let seq = *self.sequence_of.get(id)?;
        self.changed.mark(|| seq);
        let group = self.by_sequence.get_mut(&seq)?;
        let (old_name, old_modified) = (group.name.clone(), group.modified_at);
        let result = change(group);
        if group.name != old_name {
            self.by_name.remove(&old_name);
            self.by_name.insert(group.name.clone(), group.id.clone());
        }
        if group.modified_at != old_modified {
            self.by_modified.remove(&(old_modified, seq));
            self.by_modified.insert((group.modified_at, seq));
        }
        Some(result)
    }
}

impl PersistedTable for GroupTable {
    fn family(&self) -> &'static str {
        "groups"
    }

    fn start_capture(&mut self) {
        self.changed.start();
    }

    fn take_changes(&mut self, out: ChangeSink<'_>) {
        let records = &self.by_sequence;
        numbered_changes(&mut self.changed, |key| records.get(&key), out);
    }

    fn each_stored(&self, out: &mut dyn FnMut(Vec<u8>, Result<Vec<u8>, String>)) {
        for (seq, group) in &self.by_sequence {
            out(number_key(*seq), to_stored(group));
        }
    }
}

const GROUP_NOT_FOUND: StoreError = StoreError::NotFound(Entity::ApiGroup);

impl World {
    /// A group of this scope; another scope's group is as absent as a deleted one.
    pub fn group(&self, scope: &Scope, id: &str) -> StoreResult<&ApiGroup> {
        self.tenancies
            .get(scope)
            .and_then(|t| t.groups.get(id))
            .ok_or(GROUP_NOT_FOUND)
    }

    /// Groups per account UID, in every region, for every account that holds any.
    pub fn group_counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for (scope, tenancy) in &self.tenancies {
            if !tenancy.groups.is_empty() {
                *counts.entry(scope.account_uid.clone()).or_default() += tenancy.groups.len();
            }
        }
        counts
    }

    /// Creates a group after checking its name, its instance and the scope's quota: the
    /// system stages get fresh ids, the base path is `/` unless given.
    pub fn create_group(
        &mut self,
        scope: &Scope,
        new: NewGroup,
        quota: usize,
        now: OffsetDateTime,
    ) -> StoreResult<ApiGroup> {
        let existing = self.tenancies.get(scope).map(|t| &t.groups);
        if existing.and_then(|groups| groups.id_by_name(&new.name)).is_some() {
            return Err(StoreError::Taken(Entity::GroupName));
        }
        if existing.map_or(0, GroupTable::len) >= quota {
            return Err(StoreError::LimitReached(Entity::ApiGroup));
        }
        let instance_id = new.instance_id.unwrap_or_else(|| SHARED_VPC_INSTANCE.to_owned());
        let mut group = ApiGroup {
            id: self.fresh_group_id(),
            name: new.name,
            description: new.description,
            base_path: new.base_path.unwrap_or_else(|| "/".to_owned()),
            instance_id,
            created_at: now,
            modified_at: now,
            tags: Vec::new(),
            stages: STAGE_NAMES
                .iter()
                .map(|name| Stage {
                    name: (*name).to_owned(),
                    id: random_hex32(),
                    description: String::new(),
                })
                .collect(),
            traffic_limit: DEFAULT_TRAFFIC_LIMIT,
            settings: GroupSettings::default(),
        };
        put_tags(&mut group.tags, &new.tags);
        self.insert_group(scope, group.clone());
        Ok(group)
    }

    /// Applies ModifyApiGroup's changes: the group's own name is no conflict, another
    /// group's is. Nothing to change leaves the group as it was.
    pub fn modify_group(
        &mut self,
        scope: &Scope,
        id: &str,
        changes: GroupChanges,
        now: OffsetDateTime,
    ) -> StoreResult<()> {
        let tenancy = self.tenancy_mut(scope).ok_or(GROUP_NOT_FOUND)?;
        tenancy.groups.get(id).ok_or(GROUP_NOT_FOUND)?;
        if let Some(name) = &changes.name {
            if tenancy.groups.id_by_name(name).is_some_and(|owner| owner != id) {
                return Err(StoreError::Taken(Entity::GroupName));
            }
        }
        tenancy.groups.update(id, |group| {
            if changes.apply(group) {
                group.modified_at = now;
            }
        });
        Ok(())
    }

    /// Deletes a group with its tags; `None` when there was none (which is no error).
    pub fn delete_group(&mut self, scope: &Scope, id: &str) -> StoreResult<Option<ApiGroup>> {
        let Some(tenancy) = self.tenancy_mut(scope) else {
            return Ok(None);
        };
        if tenancy.groups.get(id).is_none() {
            return Ok(None);
        }
        if tenancy.apis.count_in_group(id) > 0 {
            return Err(StoreError::InUse(Entity::ApiGroup));
        }
        let group = tenancy.groups.remove(id);
        self.group_ids.remove(id);
        self.forget_if_empty(scope);
        Ok(group)
    }

    /// TagResources on groups: every group must exist and stay within the tag limit, or none
    /// is tagged.
    pub fn tag_groups(&mut self, scope: &Scope, ids: &[String], tags: &[Tag]) -> StoreResult<()> {
        for id in ids {
            let group = self.group(scope, id)?;
            if merged_tag_count(&group.tags, tags) > MAX_TAGS_PER_RESOURCE {
                return Err(StoreError::LimitReached(Entity::Tag));
            }
        }
        if let Some(tenancy) = self.tenancy_mut(scope) {
            for id in ids {
                tenancy.groups.update(id, |group| put_tags(&mut group.tags, tags));
            }
        }
        Ok(())
    }

    /// UntagResources on groups, all or none.
    pub fn untag_groups(&mut self, scope: &Scope, ids: &[String], keys: Option<&[String]>) -> StoreResult<()> {
        for id in ids {
            self.group(scope, id)?;
        }
        if let Some(tenancy) = self.tenancy_mut(scope) {
            for id in ids {
                tenancy.groups.update(id, |group| remove_tags(&mut group.tags, keys));
            }
        }
        Ok(())
    }

    /// Puts a group in place with its index entry (CreateApiGroup, and an import).
    pub(super) fn insert_group(&mut self, scope: &Scope, group: ApiGroup) {
        let owner = self.owner(scope);
        self.group_ids.insert(group.id.clone(), owner.clone());
        self.tenancy_entry(owner).groups.insert(group);
    }

    pub(super) fn group_id_taken(&self, id: &str) -> bool {
        self.group_ids.contains_key(id)
    }

    fn fresh_group_id(&self) -> GroupId {
        loop {
            let id = random_hex32();
            if !self.group_ids.contains_key(&id) {
                return id;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-30 09:31:28 UTC);

    fn scope(account: &str) -> Scope {
        Scope {
            account_uid: account.into(),
            region: "cn-hangzhou".into(),
        }
    }

    fn new_group(name: &str) -> NewGroup {
        NewGroup {
            name: name.into(),
            ..NewGroup::default()
        }
    }

    #[test]
    fn a_new_group_has_the_documented_defaults() {
        let mut world = World::default();
        let group = world
            .create_group(&scope("1"), new_group("weather"), 10, NOW)
            .expect("created");
        assert_eq!(group.id.len(), 32);
        assert!(group
            .id
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_eq!(group.base_path, "/");
        assert_eq!(group.instance_id, SHARED_VPC_INSTANCE);
        assert_eq!(group.instance_type(), "VPC_SHARED");
        assert_eq!(group.traffic_limit, 500);
        let stages: Vec<&str> = group.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(stages, STAGE_NAMES);
        assert_eq!(
            group.sub_domain("cn-hangzhou"),
            format!("{}-cn-hangzhou.alicloudapi.com", group.id)
        );
        assert_eq!(world.group_scope(&group.id), Some(&scope("1")));
    }

    #[test]
    fn names_are_unique_per_scope_and_quota_counts_per_scope() {
        let mut world = World::default();
        world
            .create_group(&scope("1"), new_group("same"), 2, NOW)
            .expect("first");
        let err = world
            .create_group(&scope("1"), new_group("same"), 2, NOW)
            .expect_err("taken");
        assert_eq!(err, StoreError::Taken(Entity::GroupName));
        world
            .create_group(&scope("2"), new_group("same"), 2, NOW)
            .expect("other account");
        world
            .create_group(&scope("1"), new_group("other"), 2, NOW)
            .expect("second");
        let err = world
            .create_group(&scope("1"), new_group("third"), 2, NOW)
            .expect_err("quota");
        assert_eq!(err, StoreError::LimitReached(Entity::ApiGroup));
    }

    #[test]
    fn deleting_is_idempotent_and_forgets_the_group_at_once() {
        let mut world = World::default();
        let id = world
            .create_group(&scope("1"), new_group("busy"), 10, NOW)
            .expect("created")
            .id;
        assert_eq!(
            world.delete_group(&scope("2"), &id),
            Ok(None),
            "another account's is absent"
        );
        assert!(world.delete_group(&scope("1"), &id).expect("deleted").is_some());
        assert_eq!(world.group(&scope("1"), &id), Err(GROUP_NOT_FOUND));
        assert_eq!(world.group_scope(&id), None);
        assert_eq!(world.delete_group(&scope("1"), &id), Ok(None));
        assert!(world.tenancy(&scope("1")).is_none(), "an empty scope is forgotten");
    }

    #[test]
    fn modify_is_partial_and_keeps_its_own_name() {
        let mut world = World::default();
        let a = world
            .create_group(&scope("1"), new_group("group_a"), 10, NOW)
            .expect("a")
            .id;
        world
            .create_group(&scope("1"), new_group("group_b"), 10, NOW)
            .expect("b");
        let later = NOW + time::Duration::seconds(5);
        let own = GroupChanges {
            name: Some("group_a".into()),
            description: Some("changed".into()),
            ..GroupChanges::default()
        };
        world.modify_group(&scope("1"), &a, own, later).expect("own name");
        let group = world.group(&scope("1"), &a).expect("exists");
        assert_eq!((group.description.as_str(), group.base_path.as_str()), ("changed", "/"));
        assert_eq!(group.modified_at, later);
        let taken = GroupChanges {
            name: Some("group_b".into()),
            ..GroupChanges::default()
        };
        let err = world.modify_group(&scope("1"), &a, taken, later).expect_err("taken");
        assert_eq!(err, StoreError::Taken(Entity::GroupName));
        let newest: Vec<&str> = world
            .tenancy(&scope("1"))
            .expect("tenancy")
            .groups
            .by_modification(true)
            .map(|g| g.name.as_str())
            .collect();
        assert_eq!(newest, ["group_a", "group_b"]);
    }
}
