//! Throttling policies (reference cloudapi-apis.md part 7.1, data-plane.md part 6): a policy
//! caps the calls to each API it is bound to per unit of time, for all callers (`ApiDefault`),
//! per Alibaba Cloud account of the caller (`UserDefault`) and per app (`AppDefault`), with
//! special limits for named apps and accounts. A policy is bound per (API, stage); one policy
//! holds an API in a stage at a time, a newer binding replacing the older (inferred).
//!
//! A policy keeps its own bindings, so that it is one record (one family to persist); the
//! table indexes them by (API, stage) for the data plane, which asks for every call which
//! policy holds the API it reached.

use std::collections::{BTreeMap, HashMap};

use foldhash::fast::RandomState;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::changes::{number_key, numbered_changes, to_stored, ChangeSink, ChangedKeys, PersistedTable};
use super::{random_hex32, AppId, Entity, Scope, StoreError, StoreResult, World};

/// The unit of time a policy counts calls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TrafficUnit {
    /// Calls per second.
    Second,
    /// Calls per minute.
    Minute,
    /// Calls per hour.
    Hour,
    /// Calls per day.
    Day,
}

impl TrafficUnit {
    /// Every unit, as the SDKs' documentation lists them.
    pub const ALL: &'static [TrafficUnit] = &[
        TrafficUnit::Second,
        TrafficUnit::Minute,
        TrafficUnit::Hour,
        TrafficUnit::Day,
    ];

    /// Its wire name: `SECOND`, `MINUTE`, `HOUR`, `DAY`.
    pub fn as_str(self) -> &'static str {
        match self {
            TrafficUnit::Second => "SECOND",
            TrafficUnit::Minute => "MINUTE",
            TrafficUnit::Hour => "HOUR",
            TrafficUnit::Day => "DAY",
        }
    }

    /// The unit a request names, in any case (a ROS example writes `Minute`).
    pub fn parse(name: &str) -> Option<TrafficUnit> {
        TrafficUnit::ALL
            .iter()
            .copied()
            .find(|unit| unit.as_str().eq_ignore_ascii_case(name))
    }

    /// Its length in seconds.
    pub fn seconds(self) -> i64 {
        match self {
            TrafficUnit::Second => 1,
            TrafficUnit::Minute => 60,
            TrafficUnit::Hour => 3_600,
            TrafficUnit::Day => 86_400,
        }
    }

    /// The window `at` falls in: windows are aligned to the unit on UTC (inferred: the
    /// documents do not say whether windows are fixed or sliding, nor in which time zone a
    /// day starts).
    pub fn window(self, at: OffsetDateTime) -> i64 {
        at.unix_timestamp().div_euclid(self.seconds())
    }
}

/// Whom a special limit is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum SpecialType {
    /// An app, by AppId.
    App,
    /// An Alibaba Cloud account, by UID.
    User,
}

impl SpecialType {
    /// Its wire name: `APP` or `USER`.
    pub fn as_str(self) -> &'static str {
        match self {
            SpecialType::App => "APP",
            SpecialType::User => "USER",
        }
    }

    /// The type a request names, exactly as the SDKs document it.
    pub fn parse(name: &str) -> Option<SpecialType> {
        [SpecialType::App, SpecialType::User]
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

/// A special limit: replaces the policy's app or user default for one app or one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialLimit {
    /// Whom it is for.
    pub kind: SpecialType,
    /// The AppId or the account UID.
    pub key: String,
    /// Calls per unit.
    pub limit: u32,
}

/// An API held by a policy in a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrafficBinding {
    /// The API's group.
    pub group_id: String,
    /// The API.
    pub api_id: String,
    /// The stage.
    pub stage: String,
    /// When it was bound.
    #[serde(with = "time::serde::rfc3339")]
    pub bound_at: OffsetDateTime,
}

/// A throttling policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrafficControl {
    /// `TrafficControlId`: 32 hex digits.
    pub id: String,
    /// `TrafficControlName`.
    pub name: String,
    /// `TrafficControlUnit`.
    pub unit: TrafficUnit,
    /// `ApiDefault`: calls per unit to one bound API, all callers together.
    pub api_default: u32,
    /// `UserDefault`: calls per unit one account makes to one bound API, all its apps
    /// together; `None` is no such limit.
    pub user_default: Option<u32>,
    /// `AppDefault`: calls per unit one app makes to one bound API; `None` is no such limit.
    pub app_default: Option<u32>,
    /// `Description`.
    pub description: String,
    /// The special limits, in the order they were first added.
    #[serde(default)]
    pub specials: Vec<SpecialLimit>,
    /// The APIs it holds, in the order they were bound.
    #[serde(default)]
    pub bindings: Vec<TrafficBinding>,
    /// When it was created.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When it last changed (its limits, its name, its specials).
    #[serde(with = "time::serde::rfc3339")]
    pub modified_at: OffsetDateTime,
}

impl TrafficControl {
    /// The limit of one account's calls: its special limit, or the user default.
    pub fn user_limit(&self, account_uid: &str) -> Option<u32> {
        self.special(SpecialType::User, account_uid).or(self.user_default)
    }

    /// The limit of one app's calls: its special limit, or the app default.
    pub fn app_limit(&self, app_id: AppId) -> Option<u32> {
        // The AppId is written out only for a policy that has APP specials at all.
        let has_specials = self.specials.iter().any(|s| s.kind == SpecialType::App);
        let special = || self.special(SpecialType::App, &app_id.to_string());
        has_specials.then(special).flatten().or(self.app_default)
    }

    fn special(&self, kind: SpecialType, key: &str) -> Option<u32> {
        self.specials
            .iter()
            .find(|special| special.kind == kind && special.key == key)
            .map(|special| special.limit)
    }

    /// The specials of one type, in the order they were added.
    pub fn specials_of(&self, kind: SpecialType) -> impl Iterator<Item = &SpecialLimit> {
        self.specials.iter().filter(move |special| special.kind == kind)
    }
}

/// What CreateTrafficControl asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTrafficControl {
    /// The name.
    pub name: String,
    /// The unit.
    pub unit: TrafficUnit,
    /// The API limit.
    pub api_default: u32,
    /// The user limit.
    pub user_default: Option<u32>,
    /// The app limit.
    pub app_default: Option<u32>,
    /// The description.
    pub description: String,
}

/// The key of a binding in the table's index: the API and the stage.
pub type BindingKey = (String, String);

/// One scope's policies in creation order, with the index of their bindings.
#[derive(Debug, Clone, Default)]
pub struct TrafficControlTable {
    by_sequence: BTreeMap<u64, TrafficControl>,
    sequence_of: HashMap<String, u64, RandomState>,
    /// Which policy holds an API in each stage it is bound in: by the API alone, so that the
    /// data plane's lookup of every call borrows its `&str` instead of building a key.
    bound: HashMap<String, Vec<(String, u64)>, RandomState>,
    next_sequence: u64,
    changed: ChangedKeys<u64>,
}

/// Equal when they hold the same policies in the same order.
impl PartialEq for TrafficControlTable {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for TrafficControlTable {}

impl TrafficControlTable {
    /// The policies in creation order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &TrafficControl> + ExactSizeIterator {
        self.by_sequence.values()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.by_sequence.is_empty()
    }

    /// A policy by id.
    pub fn get(&self, id: &str) -> Option<&TrafficControl> {
        self.sequence_of.get(id).and_then(|seq| self.by_sequence.get(seq))
    }

    /// The policy holding an API in a stage, and when it was bound there.
    pub fn bound_to(&self, api_id: &str, stage: &str) -> Option<(&TrafficControl, &TrafficBinding)> {
        let seq = self.holder(api_id, stage)?;
        let policy = self.by_sequence.get(&seq)?;
        let binding = policy
            .bindings
            .iter()
            .find(|b| b.api_id == api_id && b.stage == stage)?;
        Some((policy, binding))
    }

    pub(super) fn insert(&mut self, policy: TrafficControl) {
        let seq = self.next_sequence;
        self.next_sequence += 1;
        self.changed.mark(|| seq);
        self.sequence_of.insert(policy.id.clone(), seq);
        self.index(&policy, seq);
        self.by_sequence.insert(seq, policy);
    }

    /// The creation sequence of the policy holding an API in a stage.
    fn holder(&self, api_id: &str, stage: &str) -> Option<u64> {
        self.bound
            .get(api_id)?
            .iter()
            .find(|(bound_stage, _)| bound_stage == stage)
            .map(|(_, seq)| *seq)
    }

    fn index(&mut self, policy: &TrafficControl, seq: u64) {
        for binding in &policy.bindings {
            let stages = self.bound.entry(binding.api_id.clone()).or_default();
            stages.retain(|(stage, _)| *stage != binding.stage);
            stages.push((binding.stage.clone(), seq));
        }
    }

    fn unindex(&mut self, policy: &TrafficControl) {
        for binding in &policy.bindings {
            if let Some(stages) = self.bound.get_mut(&binding.api_id) {
                stages.retain(|(stage, _)| *stage != binding.stage);
                if stages.is_empty() {
                    self.bound.remove(&binding.api_id);
                }
            }
        }
    }

    fn remove(&mut self, id: &str) -> Option<TrafficControl> {
        let seq = self.sequence_of.remove(id)?;
        self.changed.mark(|| seq);
        let policy = self.by_sequence.remove(&seq)?;
        self.unindex(&policy);
        Some(policy)
    }

    /// Changes a policy through `change`, then re-indexes its bindings.
    fn update<R>(&mut self, id: &str, change: impl FnOnce(&mut TrafficControl) -> R) -> Option<R> {
        let seq = *self.sequence_of.get(id)?;
        self.changed.mark(|| seq);
        let mut policy = self.by_sequence.remove(&seq)?;
        self.unindex(&policy);
        let result = change(&mut policy);
        self.index(&policy, seq);
        self.by_sequence.insert(seq, policy);
        Some(result)
    }

    /// The ids of the policies holding any of `keys`, other than `except`.
    fn holders(&self, keys: &[BindingKey], except: &str) -> Vec<String> {
        let mut ids: Vec<String> = keys
            .iter()
            .filter_map(|(api_id, stage)| self.holder(api_id, stage))
            .filter_map(|seq| self.by_sequence.get(&seq))
            .filter(|policy| policy.id != except)
            .map(|policy| policy.id.clone())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }
}

impl PersistedTable for TrafficControlTable {
    fn family(&self) -> &'static str {
        "traffic_controls"
    }

    fn start_capture(&mut self) {
        self.changed.start();
    }

    fn take_changes(&mut self, out: ChangeSink<'_>) {
        let records = &self.by_sequence;
        numbered_changes(&mut self.changed, |key| records.get(&key), out);
    }

    fn each_stored(&self, out: &mut dyn FnMut(Vec<u8>, Result<Vec<u8>, String>)) {
        for (seq, policy) in &self.by_sequence {
            out(number_key(*seq), to_stored(policy));
        }
    }
}

const POLICY_NOT_FOUND: StoreError = StoreError::NotFound(Entity::TrafficControl);

impl World {
    /// A policy of this scope; another scope's is as absent as a deleted one.
    pub fn traffic_control(&self, scope: &Scope, id: &str) -> StoreResult<&TrafficControl> {
        self.tenancies
            .get(scope)
            .and_then(|t| t.traffic_controls.get(id))
            .ok_or(POLICY_NOT_FOUND)
    }

    /// The policy holding one of this scope's APIs in a stage, if any.
    pub fn traffic_control_of(&self, scope: &Scope, api_id: &str, stage: &str) -> Option<&TrafficControl> {
        self.tenancies
            .get(scope)?
            .traffic_controls
            .bound_to(api_id, stage)
            .map(|(policy, _)| policy)
    }

    /// CreateTrafficControl: a new policy, bound to nothing.
    pub fn create_traffic_control(
        &mut self,
        scope: &Scope,
        new: NewTrafficControl,
        now: OffsetDateTime,
    ) -> TrafficControl {
        let policy = TrafficControl {
            id: random_hex32(),
            name: new.name,
            unit: new.unit,
            api_default: new.api_default,
            user_default: new.user_default,
            app_default: new.app_default,
            description: new.description,
            specials: Vec::new(),
            bindings: Vec::new(),
            created_at: now,
            modified_at: now,
        };
        let owner = self.owner(scope);
        self.tenancy_entry(owner).traffic_controls.insert(policy.clone());
        policy
    }

    /// Changes a policy through `change`, which sees it as it is and may refuse; nothing
    /// is changed when it does. Its modification time becomes `now`.
    pub fn modify_traffic_control<E: From<StoreError>>(
        &mut self,
        scope: &Scope,
        id: &str,
        now: OffsetDateTime,
        change: impl FnOnce(&mut TrafficControl) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut changed = self.traffic_control(scope, id)?.clone();
        change(&mut changed)?;
        changed.modified_at = now;
        let tenancy = self.tenancy_mut(scope).ok_or(POLICY_NOT_FOUND)?;
        tenancy
            .traffic_controls
            .update(id, |policy| *policy = changed)
            .ok_or(POLICY_NOT_FOUND)?;
        Ok(())
    }

    /// DeleteTrafficControl: refused while it holds an API; its specials go with it.
    pub fn delete_traffic_control(&mut self, scope: &Scope, id: &str) -> StoreResult<TrafficControl> {
        if !self.traffic_control(scope, id)?.bindings.is_empty() {
            return Err(StoreError::InUse(Entity::TrafficControl));
        }
        let tenancy = self.tenancy_mut(scope).ok_or(POLICY_NOT_FOUND)?;
        let policy = tenancy.traffic_controls.remove(id).ok_or(POLICY_NOT_FOUND)?;
        self.forget_if_empty(scope);
        Ok(policy)
    }

    /// SetTrafficControlApis: the policy holds these APIs of the group in `stage` from now
    /// on, taking each from the policy that held it there before. The group, every API (of
    /// that group) and the policy must exist, or nothing is bound.
    pub fn bind_traffic_control(
        &mut self,
        scope: &Scope,
        id: &str,
        group_id: &str,
        api_ids: &[String],
        stage: &'static str,
        now: OffsetDateTime,
    ) -> StoreResult<()> {
        self.traffic_control(scope, id)?;
        for api_id in api_ids {
            self.api(scope, Some(group_id), api_id)?;
        }
        let keys: Vec<BindingKey> = api_ids
            .iter()
            .map(|api_id| (api_id.clone(), stage.to_owned()))
            .collect();
        let tenancy = self.tenancy_mut(scope).ok_or(POLICY_NOT_FOUND)?;
        let table = &mut tenancy.traffic_controls;
        for holder in table.holders(&keys, id) {
            table.update(&holder, |policy| {
                policy
                    .bindings
                    .retain(|b| !keys.contains(&(b.api_id.clone(), b.stage.clone())));
            });
        }
        table.update(id, |policy| {
            for api_id in api_ids {
                let held = policy.bindings.iter().any(|b| &b.api_id == api_id && b.stage == stage);
                if !held {
                    policy.bindings.push(TrafficBinding {
                        group_id: group_id.to_owned(),
                        api_id: api_id.clone(),
                        stage: stage.to_owned(),
                        bound_at: now,
                    });
                }
            }
        });
        Ok(())
    }

    /// RemoveTrafficControlApis: the policy lets go of these APIs of the group in `stage`,
    /// or of every API of the group in `stage` when `api_ids` is `None`. An API it does not
    /// hold is passed over (inferred).
    pub fn unbind_traffic_control(
        &mut self,
        scope: &Scope,
        id: &str,
        group_id: &str,
        api_ids: Option<&[String]>,
        stage: &'static str,
    ) -> StoreResult<()> {
        self.traffic_control(scope, id)?;
        self.group(scope, group_id)?;
        for api_id in api_ids.unwrap_or_default() {
            self.api(scope, Some(group_id), api_id)?;
        }
        let tenancy = self.tenancy_mut(scope).ok_or(POLICY_NOT_FOUND)?;
        tenancy.traffic_controls.update(id, |policy| {
            policy.bindings.retain(|b| {
                let named = api_ids.is_none_or(|ids| ids.contains(&b.api_id));
                !(b.group_id == group_id && b.stage == stage && named)
            });
        });
        Ok(())
    }

    /// Drops every binding of an API (the API is being deleted).
    pub(super) fn forget_api_traffic_bindings(&mut self, scope: &Scope, api_id: &str) {
        let holders: Vec<String> = self
            .tenancies
            .get(scope)
            .map(|t| {
                let table = &t.traffic_controls;
                // One policy may hold the API in several stages: each policy is changed once.
                let mut seqs: Vec<u64> = table
                    .bound
                    .get(api_id)
                    .into_iter()
                    .flatten()
                    .map(|(_, seq)| *seq)
                    .collect();
                seqs.sort_unstable();
                seqs.dedup();
                seqs.iter()
                    .filter_map(|seq| table.by_sequence.get(seq))
                    .map(|policy| policy.id.clone())
                    .collect()
            })
            .unwrap_or_default();
        if holders.is_empty() {
            return;
        }
        if let Some(tenancy) = self.tenancy_mut(scope) {
            for holder in holders {
                tenancy.traffic_controls.update(&holder, |policy| {
                    policy.bindings.retain(|b| b.api_id != api_id);
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{ApiDefinition, NewApi, NewGroup};

    fn scope() -> Scope {
        Scope {
            account_uid: "1".into(),
            region: "cn-hangzhou".into(),
        }
    }

    fn policy(name: &str) -> NewTrafficControl {
        NewTrafficControl {
            name: name.into(),
            unit: TrafficUnit::Minute,
            api_default: 100,
            user_default: Some(50),
            app_default: Some(10),
            description: String::new(),
        }
    }

    fn world_with_api() -> (World, String, String) {
        let mut world = World::default();
        let now = OffsetDateTime::UNIX_EPOCH;
        let group = world
            .create_group(
                &scope(),
                NewGroup {
                    name: "traffic_group".into(),
                    ..NewGroup::default()
                },
                100,
                now,
            )
            .expect("in the test world");
        let definition = ApiDefinition {
            name: "traffic_api".into(),
            ..ApiDefinition::default()
        };
        let new_api = NewApi {
            group_id: group.id.clone(),
            definition,
            tags: Vec::new(),
        };
        let api = world
            .create_api(&scope(), new_api, 1000, now)
            .expect("in the test world");
        (world, group.id, api)
    }

    #[test]
    fn units_align_windows_on_utc() {
        let at = OffsetDateTime::from_unix_timestamp(86_400 * 3 + 3_725).expect("in the test world");
        assert_eq!(TrafficUnit::Second.window(at), 86_400 * 3 + 3_725);
        assert_eq!(TrafficUnit::Minute.window(at), (86_400 * 3 + 3_725) / 60);
        assert_eq!(TrafficUnit::Hour.window(at), 24 * 3 + 1);
        assert_eq!(TrafficUnit::Day.window(at), 3);
        assert_eq!(TrafficUnit::parse("Minute"), Some(TrafficUnit::Minute));
        assert_eq!(TrafficUnit::parse("WEEK"), None);
    }

    #[test]
    fn a_newer_binding_takes_the_api_from_the_older_policy() {
        let (mut world, group, api) = world_with_api();
        let now = OffsetDateTime::UNIX_EPOCH;
        let first = world.create_traffic_control(&scope(), policy("first"), now);
        let second = world.create_traffic_control(&scope(), policy("second"), now);
        let apis = vec![api.clone()];
        world
            .bind_traffic_control(&scope(), &first.id, &group, &apis, "RELEASE", now)
            .expect("in the test world");
        assert_eq!(
            world
                .traffic_control_of(&scope(), &api, "RELEASE")
                .expect("in the test world")
                .id,
            first.id
        );
        assert!(world.traffic_control_of(&scope(), &api, "TEST").is_none());
        world
            .bind_traffic_control(&scope(), &second.id, &group, &apis, "RELEASE", now)
            .expect("in the test world");
        assert_eq!(
            world
                .traffic_control_of(&scope(), &api, "RELEASE")
                .expect("in the test world")
                .id,
            second.id
        );
        assert!(world
            .traffic_control(&scope(), &first.id)
            .expect("in the test world")
            .bindings
            .is_empty());
        assert_eq!(
            world.delete_traffic_control(&scope(), &second.id),
            Err(StoreError::InUse(Entity::TrafficControl))
        );
        world
            .unbind_traffic_control(&scope(), &second.id, &group, None, "RELEASE")
            .expect("in the test world");
        assert!(world.delete_traffic_control(&scope(), &second.id).is_ok());
        assert_eq!(
            world.traffic_control(&scope(), &second.id).err(),
            Some(StoreError::NotFound(Entity::TrafficControl))
        );
    }

    #[test]
    fn binding_needs_the_group_to_hold_every_api() {
        let (mut world, group, api) = world_with_api();
        let now = OffsetDateTime::UNIX_EPOCH;
        let policy = world.create_traffic_control(&scope(), policy("checked"), now);
        let apis = vec![api.clone(), "0".repeat(32)];
        assert_eq!(
            world.bind_traffic_control(&scope(), &policy.id, &group, &apis, "RELEASE", now),
            Err(StoreError::NotFound(Entity::Api))
        );
        assert!(world.traffic_control_of(&scope(), &api, "RELEASE").is_none());
    }

    #[test]
    fn deleting_the_api_drops_its_bindings() {
        let (mut world, group, api) = world_with_api();
        let now = OffsetDateTime::UNIX_EPOCH;
        let policy = world.create_traffic_control(&scope(), policy("dropped"), now);
        world
            .bind_traffic_control(&scope(), &policy.id, &group, std::slice::from_ref(&api), "TEST", now)
            .expect("in the test world");
        world.delete_api(&scope(), None, &api).expect("in the test world");
        assert!(world
            .traffic_control(&scope(), &policy.id)
            .expect("in the test world")
            .bindings
            .is_empty());
        assert!(world.delete_traffic_control(&scope(), &policy.id).is_ok());
    }

    #[test]
    fn specials_replace_the_defaults_for_their_caller() {
        let mut control = TrafficControl {
            id: "x".into(),
            name: "special".into(),
            unit: TrafficUnit::Second,
            api_default: 100,
            user_default: Some(20),
            app_default: None,
            description: String::new(),
            specials: vec![
                SpecialLimit {
                    kind: SpecialType::App,
                    key: "10000000001".into(),
                    limit: 3,
                },
                SpecialLimit {
                    kind: SpecialType::User,
                    key: "42".into(),
                    limit: 7,
                },
            ],
            bindings: Vec::new(),
            created_at: OffsetDateTime::UNIX_EPOCH,
            modified_at: OffsetDateTime::UNIX_EPOCH,
        };
        assert_eq!(control.app_limit(10_000_000_001), Some(3));
        assert_eq!(control.app_limit(10_000_000_002), None);
        assert_eq!(control.user_limit("42"), Some(7));
        assert_eq!(control.user_limit("43"), Some(20));
        control.specials.clear();
        assert_eq!(control.user_limit("42"), Some(20));
    }
}
