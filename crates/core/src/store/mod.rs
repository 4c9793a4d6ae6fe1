//! The backend: all state, apart from every surface that serves it.
//!
//! State is kept per (account, region), LocalStack-style: a [`Tenancy`] holds one scope's
//! families, each in its own module ([`apps`], [`groups`]); the [`World`] adds what spans
//! scopes: the indexes by AppKey, AppCode and GroupId (the data plane finds a group by its
//! domain, an app by its key, whatever the region), the apps per account, and the id
//! generators. Operations answer [`StoreError`]s in the domain's words; each surface turns
//! them into its own codes.
//!
//! One lock guards the world, so every operation is atomic: a quota or a uniqueness check and
//! the insert it guards can never interleave with another request's. Reads share it. The
//! large tables are sharded ([`sharded`]) so that none of them ever stalls every request
//! while it grows.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, PoisonError, RwLock};

use foldhash::fast::RandomState;
use rand::Rng;
use serde::{Deserialize, Serialize};

pub mod apis;
pub mod apps;
pub mod authorizations;
pub mod changes;
pub mod durable;
mod error;
pub mod groups;
pub mod sharded;
mod snapshot;
pub mod traffic_controls;

pub use apis::{Api, ApiDefinition, ApiId, ApiTable, NewApi, Publication, MAX_APIS_PER_GROUP};
pub use apps::{App, AppChanges, AppCode, AppId, AppTable, DrawnCredentials, KeyPair, NewApp, MAX_CREDENTIALS_PER_APP};
pub use authorizations::{Authorization, AuthorizationTable, Grant, MAX_IDS_PER_CALL};
pub use durable::{take_commit_ticket, CommitTicket, DurabilityError, OpenError};
pub use error::{Entity, StoreError, StoreResult};
pub use groups::{ApiGroup, GroupChanges, GroupId, GroupTable, NewGroup, Stage, STAGE_NAMES};
pub use snapshot::{ImportError, ScopeState, StateSnapshot, SNAPSHOT_FORMAT};
pub use traffic_controls::{
    NewTrafficControl, SpecialLimit, SpecialType, TrafficBinding, TrafficControl, TrafficControlTable, TrafficUnit,
};

use durable::Durable;
use sharded::ShardedMap;

/// Where state lives: one account in one region.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Scope {
    /// The account's UID.
    pub account_uid: String,
    /// The region.
    pub region: String,
}

/// A tag on an app or a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// The tag's key.
    pub key: String,
    /// The tag's value.
    pub value: String,
}

/// The most tags a resource carries (documented for apps: Tag.N with N up to 20; ROS says 20
/// per group).
pub const MAX_TAGS_PER_RESOURCE: usize = 20;
/// The former name of [`MAX_TAGS_PER_RESOURCE`].
pub const MAX_TAGS_PER_APP: usize = MAX_TAGS_PER_RESOURCE;

/// Sets tags, a key already present taking the new value.
pub fn put_tags(tags: &mut Vec<Tag>, added: &[Tag]) {
    for tag in added {
        match tags.iter_mut().find(|t| t.key == tag.key) {
            Some(existing) => existing.value.clone_from(&tag.value),
            None => tags.push(tag.clone()),
        }
    }
}

/// How many tags a resource would carry after `added` were put on `existing`.
pub fn merged_tag_count(existing: &[Tag], added: &[Tag]) -> usize {
    existing.len()
        + added
            .iter()
            .filter(|tag| !existing.iter().any(|t| t.key == tag.key))
            .count()
}

/// Whether `tags` carry every wanted tag: its key, with its value when one is given. The
/// listings filter by `Tag.N` so, and ListTagResources too.
pub fn carries_tags(tags: &[Tag], wanted: &[Tag]) -> bool {
    wanted.iter().all(|wanted| {
        tags.iter()
            .any(|tag| tag.key == wanted.key && (wanted.value.is_empty() || tag.value == wanted.value))
    })
}

/// Removes the keys given, or every tag when `keys` is `None`.
pub fn remove_tags(tags: &mut Vec<Tag>, keys: Option<&[String]>) {
    match keys {
        Some(keys) => tags.retain(|tag| !keys.contains(&tag.key)),
        None => tags.clear(),
    }
}

/// One scope's state: a table per family.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tenancy {
    pub(crate) apps: AppTable,
    pub(crate) groups: GroupTable,
    pub(crate) apis: ApiTable,
    /// The authorizations on this scope's APIs, whoever's the apps.
    pub(crate) authorizations: AuthorizationTable,
    /// The throttling policies, with the APIs each holds.
    pub(crate) traffic_controls: TrafficControlTable,
}

impl Tenancy {
    /// The apps of this scope, by id.
    pub fn apps(&self) -> impl DoubleEndedIterator<Item = &App> + ExactSizeIterator {
        self.apps.iter()
    }

    /// The app table, with its indexes.
    pub fn app_table(&self) -> &AppTable {
        &self.apps
    }

    /// The group table, with its indexes.
    pub fn group_table(&self) -> &GroupTable {
        &self.groups
    }

    /// The API table, with its indexes.
    pub fn api_table(&self) -> &ApiTable {
        &self.apis
    }

    /// The authorizations on this scope's APIs.
    pub fn authorization_table(&self) -> &AuthorizationTable {
        &self.authorizations
    }

    /// The throttling policies, with their bindings.
    pub fn traffic_control_table(&self) -> &TrafficControlTable {
        &self.traffic_controls
    }

    /// How many apps the scope holds.
    pub fn len(&self) -> usize {
        self.apps.len()
    }

    /// Whether the scope holds nothing at all, of any family.
    pub fn is_empty(&self) -> bool {
        self.apps.is_empty()
            && self.groups.is_empty()
            && self.apis.is_empty()
            && self.authorizations.is_empty()
            && self.traffic_controls.is_empty()
    }

    /// An app of this scope.
    pub fn app(&self, id: AppId) -> Option<&App> {
        self.apps.get(id)
    }

    /// The id of this scope's app of that name.
    pub fn app_id_by_name(&self, name: &str) -> Option<AppId> {
        self.apps.id_by_name(name)
    }

    /// Apps by modification time, oldest first (ties by id), or newest first.
    pub fn by_modification(&self, newest_first: bool) -> impl Iterator<Item = &App> + '_ {
        self.apps.by_modification(newest_first)
    }

    /// The ids of [`Tenancy::by_modification`] from the `skip`-th on, reached without
    /// stepping over the ones before.
    pub fn ids_by_modification(&self, newest_first: bool, skip: usize) -> impl Iterator<Item = AppId> + '_ {
        self.apps.ids_by_modification(newest_first, skip)
    }

    /// A group of this scope.
    pub fn group(&self, id: &str) -> Option<&ApiGroup> {
        self.groups.get(id)
    }
}

/// Ids start above 2^32 so a client that keeps them in 32 bits fails against the mock too.
pub const FIRST_APP_ID: AppId = 10_000_000_001;
/// The highest AppId the mock hands out or accepts: JavaScript's largest exact integer, since
/// the Node SDK reads AppId as a JSON number into a double.
pub const MAX_APP_ID: AppId = (1 << 53) - 1;

/// The id generators: every id handed out is higher than every one before, deleted or not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ids {
    pub(crate) last_app_id: AppId,
}

impl Ids {
    /// The next AppId, or `None` once [`MAX_APP_ID`] has been handed out.
    fn next_app_id(&self) -> Option<AppId> {
        self.last_app_id
            .max(FIRST_APP_ID - 1)
            .checked_add(1)
            .filter(|id| *id <= MAX_APP_ID)
    }

    fn saw_app_id(&mut self, id: AppId) {
        self.last_app_id = self.last_app_id.max(id);
    }

    /// The last AppId handed out (0 before the first).
    pub fn last_app_id(&self) -> AppId {
        self.last_app_id
    }
}

/// Everything the mock holds.
///
/// A scope is kept once, shared by its tenancy and by every index entry that points into it:
/// a copy of its two strings per entry made each app some 200 bytes larger and each
/// CreateApp four allocations slower.
///
/// The maps hash with foldhash rather than SipHash: a CreateApp hashes some ten strings, and
/// SipHash was a twentieth of its CPU. foldhash is seeded per process; what it gives up is
/// resistance to a client crafting colliding names on purpose, which a local mock's only
/// client has no reason to do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct World {
    tenancies: HashMap<Arc<Scope>, Tenancy, RandomState>,
    apps_per_account: HashMap<String, usize, RandomState>,
    /// AppKeys and AppCodes are unique across all accounts and regions.
    app_keys: ShardedMap<String, (Arc<Scope>, AppId)>,
    app_codes: ShardedMap<String, (Arc<Scope>, AppId)>,
    /// GroupIds are unique across the service; the data plane finds a group by its domain.
    group_ids: ShardedMap<GroupId, Arc<Scope>>,
    /// ApiIds are unique across the service too.
    api_ids: ShardedMap<ApiId, Arc<Scope>>,
    /// Where each app lives: a provider may authorize another account's app by its AppId.
    app_ids: ShardedMap<AppId, Arc<Scope>>,
    /// The authorizations each app holds, in its providers' tenancies.
    held_by_app: HashMap<AppId, authorizations::HeldByApp, RandomState>,
    ids: Ids,
    /// What a durable store has not yet written; off in memory-only mode.
    capture: changes::Capture,
}

impl World {
    /// The state of one account in one region, if it holds anything.
    pub fn tenancy(&self, scope: &Scope) -> Option<&Tenancy> {
        self.tenancies.get(scope)
    }

    /// Every scope that holds anything, with its state.
    pub fn tenancies(&self) -> impl Iterator<Item = (&Scope, &Tenancy)> {
        self.tenancies.iter().map(|(scope, tenancy)| (scope.as_ref(), tenancy))
    }

    /// The id generators' positions.
    pub fn ids(&self) -> Ids {
        self.ids
    }

    /// The scope holding the group `id`, whatever the account and region.
    pub fn group_scope(&self, id: &str) -> Option<&Scope> {
        self.group_ids.get(id).map(AsRef::as_ref)
    }

    /// The shared copy of `scope`: its tenancy's, or a new one for an empty scope.
    fn owner(&self, scope: &Scope) -> Arc<Scope> {
        self.tenancies
            .get_key_value(scope)
            .map_or_else(|| Arc::new(scope.clone()), |(owner, _)| owner.clone())
    }

    /// A tenancy to change: the one way in to a tenancy's tables for a change, so that a
    /// durable store learns which scopes to look at.
    fn tenancy_mut(&mut self, scope: &Scope) -> Option<&mut Tenancy> {
        let tenancy = self.tenancies.get_mut(scope)?;
        self.capture.touched(scope);
        Some(tenancy)
    }

    /// The tenancy of `scope`, made if it holds nothing yet.
    fn tenancy_entry(&mut self, owner: Arc<Scope>) -> &mut Tenancy {
        if self.capture.is_on() {
            self.capture.touched(&owner);
            let tenancy = self.tenancies.entry(owner).or_default();
            tenancy.start_capture();
            return tenancy;
        }
        self.tenancies.entry(owner).or_default()
    }

    /// Drops a scope's tenancy once it holds nothing, so that an export lists only scopes
    /// with state and a scope's memory goes with its last resource.
    fn forget_if_empty(&mut self, scope: &Scope) {
        if self.tenancies.get(scope).is_some_and(Tenancy::is_empty) {
            if let Some(mut tenancy) = self.tenancies.remove(scope) {
                self.capture.emptied(scope, &mut tenancy);
            }
        }
    }
}

/// 32 lower-case hex digits, the shape of generated secrets, codes and resource ids.
pub fn random_hex32() -> String {
    let bytes: [u8; 16] = rand::rng().random();
    crate::protocol::signature::encode::lower_hex(&bytes)
}

/// Counts per account UID, for every account that holds any.
pub fn counts_by_account(counts: &HashMap<String, usize, RandomState>) -> BTreeMap<String, usize> {
    counts.iter().map(|(uid, n)| (uid.clone(), *n)).collect()
}

/// The world behind one lock, in memory only or also on disk ([`durable`]).
#[derive(Debug, Default)]
pub struct Store {
    world: RwLock<World>,
    durable: Option<Durable>,
}

impl Store {
    /// A store whose world is kept in `dir` too: read back from it, every change committed
    /// to it before the request that made it is answered.
    pub fn open_durable(dir: &std::path::Path) -> Result<Store, OpenError> {
        let (durable, world) = Durable::open(dir)?;
        Ok(Store {
            world: RwLock::new(world),
            durable: Some(durable),
        })
    }

    /// Whether this store found state in its data directory when it opened: a mock then
    /// keeps it rather than loading its seed.
    pub fn restored(&self) -> bool {
        self.durable.as_ref().is_some_and(Durable::restored)
    }

    /// The data file, in durable mode.
    pub fn data_file(&self) -> Option<&std::path::Path> {
        self.durable.as_ref().map(Durable::path)
    }

    /// Runs `f` with exclusive access to the world. In durable mode what `f` changed is
    /// queued for commit, and this thread's [`take_commit_ticket`] says when it is on disk.
    pub fn with<R>(&self, f: impl FnOnce(&mut World) -> R) -> R {
        // A panic while holding the lock cannot leave a half-applied change: every mutation
        // validates first and then applies infallibly.
        let mut world = self.world.write().unwrap_or_else(PoisonError::into_inner);
        let result = f(&mut world);
        if let Some(durable) = &self.durable {
            durable.after_write(&mut world);
        }
        result
    }

    /// Runs `f` with shared access to the world: reads do not wait for each other.
    pub fn read<R>(&self, f: impl FnOnce(&World) -> R) -> R {
        let world = self.world.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(durable) = &self.durable {
            durable.after_read();
        }
        f(&world)
    }
}
