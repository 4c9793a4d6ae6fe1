//! The apps family: apps with their key pairs, AppCodes and tags, the per-scope table with
//! its indexes, and the operations on them.

use std::collections::BTreeMap;

use rand::Rng;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::changes::{number_key, numbered_changes, to_stored, ChangeSink, ChangedKeys, PersistedTable};
use super::sharded::ShardedMap;
use super::{
    merged_tag_count, put_tags, random_hex32, remove_tags, Entity, Scope, StoreError, StoreResult, Tag, World,
};
use super::{MAX_APP_ID, MAX_TAGS_PER_RESOURCE};
use crate::ordered::RankedSet;

/// An app's id, as the API answers it (a Long).
pub type AppId = i64;

/// An app's AppKey and AppSecret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyPair {
    /// The AppKey, unique across accounts.
    pub app_key: String,
    /// Its secret.
    pub app_secret: String,
    /// When it was created.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When it was last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub modified_at: OffsetDateTime,
}

/// An app's AppCode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppCode {
    /// The code, unique across accounts.
    pub app_code: String,
    /// When it was created.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When it was last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub modified_at: OffsetDateTime,
}

/// An app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct App {
    /// Its id.
    pub id: AppId,
    /// Its name, unique in its scope.
    pub name: String,
    /// Its description.
    pub description: String,
    /// Its `Extend` text.
    pub extend: String,
    /// Whether it is disabled.
    pub disabled: bool,
    /// When it was created.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When it was last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub modified_at: OffsetDateTime,
    /// In the order first set; a key appears once.
    pub tags: Vec<Tag>,
    /// The first pair is the app's own; more come from CreateAppKey.
    pub key_pairs: Vec<KeyPair>,
    /// The first code is the app's own; more come from CreateAppCode.
    pub app_codes: Vec<AppCode>,
    /// When ResetAppCode last ran, for its once-a-minute limit.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub app_code_reset_at: Option<OffsetDateTime>,
}

impl App {
    /// Sets tags, a key already present taking the new value.
    pub fn put_tags(&mut self, tags: &[Tag]) {
        put_tags(&mut self.tags, tags);
    }
}

/// What CreateApp asks for; credentials left `None` are generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewApp {
    /// The name.
    pub name: String,
    /// The description.
    pub description: String,
    /// The `Extend` text.
    pub extend: String,
    /// The tags.
    pub tags: Vec<Tag>,
    /// An AppKey of the caller's choice.
    pub app_key: Option<String>,
    /// An AppSecret of the caller's choice.
    pub app_secret: Option<String>,
    /// An AppCode of the caller's choice.
    pub app_code: Option<String>,
    /// Credentials drawn before the world's lock was taken, for those the caller did not
    /// choose; one some app holds by then is drawn again under the lock.
    pub drawn: Option<DrawnCredentials>,
}

/// An AppKey, an AppCode and a secret drawn at random outside the world's lock: CreateApp's
/// section under the lock then only checks and inserts them. Drawing them inside made every
/// CreateApp hold the lock through three draws and their formatting, and two workers
/// contending for it made twice the futex calls of a shorter section (perf, 100,000
/// CreateApps).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawnCredentials {
    /// A 9-digit AppKey.
    pub app_key: String,
    /// A 32-hex-digit AppCode.
    pub app_code: String,
    /// A 32-hex-digit secret.
    pub app_secret: String,
}

impl DrawnCredentials {
    /// Three fresh values, in the shapes the service hands out.
    pub fn draw() -> DrawnCredentials {
        DrawnCredentials {
            app_key: random_app_key(),
            app_code: random_hex32(),
            app_secret: random_hex32(),
        }
    }
}

/// A 9-digit AppKey, as the service's examples look.
fn random_app_key() -> String {
    rand::rng().random_range(200_000_000u32..=299_999_999).to_string()
}

/// What ModifyApp changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppChanges {
    /// A new name.
    pub name: Option<String>,
    /// A new description.
    pub description: Option<String>,
    /// A new `Extend` text.
    pub extend: Option<String>,
    /// Disabled or enabled.
    pub disabled: Option<bool>,
    /// Tags to merge by key.
    pub tags: Vec<Tag>,
}

impl AppChanges {
    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.description.is_none()
            && self.extend.is_none()
            && self.disabled.is_none()
            && self.tags.is_empty()
    }
}

/// The apps of one scope, with the indexes that keep name lookups and listings by
/// modification time cheap. Only its own methods change an app's name or modification time,
/// so the indexes cannot drift.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppTable {
    apps: BTreeMap<AppId, App>,
    by_name: ShardedMap<String, AppId>,
    by_modified: RankedSet<(OffsetDateTime, AppId)>,
    changed: ChangedKeys<u64>,
}

impl AppTable {
    /// Every app, by id.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &App> + ExactSizeIterator {
        self.apps.values()
    }

    /// How many apps.
    pub fn len(&self) -> usize {
        self.apps.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.apps.is_empty()
    }

    /// An app by id.
    pub fn get(&self, id: AppId) -> Option<&App> {
        self.apps.get(&id)
    }

    /// The id of the app of that name.
    pub fn id_by_name(&self, name: &str) -> Option<AppId> {
        self.by_name.get(name).copied()
    }

    /// Apps by modification time, oldest first (ties by id), or newest first.
    pub fn by_modification(&self, newest_first: bool) -> impl Iterator<Item = &App> + '_ {
        self.ids_by_modification(newest_first, 0)
            .filter_map(|id| self.apps.get(&id))
    }

    /// The ids of [`AppTable::by_modification`] from the `skip`-th on, reached without
    /// stepping over the ones before: a page of a listing costs the page, not the account.
    pub fn ids_by_modification(&self, newest_first: bool, skip: usize) -> impl Iterator<Item = AppId> + '_ {
        self.by_modified.iter_from(skip, newest_first).map(|(_, id)| id)
    }

    pub(super) fn insert(&mut self, app: App) {
        self.changed.mark(|| stored_key(app.id));
        self.by_name.insert(app.name.clone(), app.id);
        self.by_modified.insert((app.modified_at, app.id));
        self.apps.insert(app.id, app);
    }

    fn remove(&mut self, id: AppId) -> Option<App> {
        let app = self.apps.remove(&id)?;
        self.changed.mark(|| stored_key(id));
        self.by_name.remove(&app.name);
        self.by_modified.remove(&(app.modified_at, app.id));
        Some(app)
    }

    /// Changes an app through `change`, then re-indexes its name and modification time.
    fn update<R>(&mut self, id: AppId, change: impl FnOnce(&mut App) -> R) -> Option<R> {
        let app = self.apps.get_mut(&id)?;
        self.changed.mark(|| stored_key(id));
        let (old_name, old_modified) = (app.name.clone(), app.modified_at);
        let result = change(app);
        if app.name != old_name {
            self.by_name.remove(&old_name);
            self.by_name.insert(app.name.clone(), id);
        }
        if app.modified_at != old_modified {
            self.by_modified.remove(&(old_modified, id));
            self.by_modified.insert((app.modified_at, id));
        }
        Some(result)
    }
}

/// An app's key in storage: its id, which orders apps as the export does (ids are positive:
/// every way in checks it).
fn stored_key(id: AppId) -> u64 {
    id.unsigned_abs()
}

impl PersistedTable for AppTable {
    fn family(&self) -> &'static str {
        "apps"
    }

    fn start_capture(&mut self) {
        self.changed.start();
    }

    fn take_changes(&mut self, out: ChangeSink<'_>) {
        let apps = &self.apps;
        numbered_changes(
            &mut self.changed,
            |key| AppId::try_from(key).ok().and_then(|id| apps.get(&id)),
            out,
        );
    }

    fn each_stored(&self, out: &mut dyn FnMut(Vec<u8>, Result<Vec<u8>, String>)) {
        for app in self.apps.values() {
            out(number_key(stored_key(app.id)), to_stored(app));
        }
    }
}

/// The most key pairs, and the most AppCodes, one app holds (not documented; a bound so that
/// repeated CreateAppKey/CreateAppCode calls cannot grow an app without limit).
pub const MAX_CREDENTIALS_PER_APP: usize = 10;
/// "You can call this operation only once per minute." (ResetAppCode)
const APP_CODE_RESET_INTERVAL: time::Duration = time::Duration::minutes(1);

const APP_NOT_FOUND: StoreError = StoreError::NotFound(Entity::App);

impl World {
    /// An app of this scope; another scope's app is as absent as a deleted one.
    pub fn app(&self, scope: &Scope, id: AppId) -> StoreResult<&App> {
        self.tenancies
            .get(scope)
            .and_then(|t| t.apps.get(id))
            .ok_or(APP_NOT_FOUND)
    }

    /// Apps per account UID, for every account that holds any.
    pub fn app_counts(&self) -> BTreeMap<String, usize> {
        super::counts_by_account(&self.apps_per_account)
    }

    /// How many apps the account holds, across its regions.
    pub fn app_count(&self, account_uid: &str) -> usize {
        self.apps_per_account.get(account_uid).copied().unwrap_or(0)
    }

    /// The app of this scope that holds `app_key`.
    pub fn app_id_by_key(&self, scope: &Scope, app_key: &str) -> Option<AppId> {
        self.app_keys
            .get(app_key)
            .filter(|(owner, _)| **owner == *scope)
            .map(|(_, id)| *id)
    }

    /// The app of this scope that holds `app_code`.
    pub fn app_id_by_code(&self, scope: &Scope, app_code: &str) -> Option<AppId> {
        self.app_codes
            .get(app_code)
            .filter(|(owner, _)| **owner == *scope)
            .map(|(_, id)| *id)
    }

    /// Creates an app after checking the name, the custom credentials and the quota.
    pub fn create_app(&mut self, scope: &Scope, new: NewApp, quota: usize, now: OffsetDateTime) -> StoreResult<AppId> {
        if self
            .tenancies
            .get(scope)
            .and_then(|t| t.apps.id_by_name(&new.name))
            .is_some()
        {
            return Err(StoreError::Taken(Entity::AppName));
        }
        if new.app_key.as_ref().is_some_and(|key| self.app_keys.contains_key(key)) {
            return Err(StoreError::Taken(Entity::AppKey));
        }
        if new
            .app_code
            .as_ref()
            .is_some_and(|code| self.app_codes.contains_key(code))
        {
            return Err(StoreError::Taken(Entity::AppCode));
        }
        if self.app_count(&scope.account_uid) >= quota {
            return Err(StoreError::LimitReached(Entity::App));
        }
        // Past MAX_APP_ID no id is left: the quota's refusal, never a wrapped number.
        let id = self.ids.next_app_id().ok_or(StoreError::LimitReached(Entity::App))?;
        let (drawn_key, drawn_code, drawn_secret) = match new.drawn {
            Some(drawn) => (Some(drawn.app_key), Some(drawn.app_code), Some(drawn.app_secret)),
            None => (None, None, None),
        };
        let app_key = new
            .app_key
            .or_else(|| drawn_key.filter(|key| !self.app_keys.contains_key(key)))
            .unwrap_or_else(|| self.fresh_app_key());
        let app_code = new
            .app_code
            .or_else(|| drawn_code.filter(|code| !self.app_codes.contains_key(code)))
            .unwrap_or_else(|| self.fresh_app_code());
        let app_secret = new.app_secret.or(drawn_secret).unwrap_or_else(random_hex32);
        let mut app = App {
            id,
            name: new.name,
            description: new.description,
            extend: new.extend,
            disabled: false,
            created_at: now,
            modified_at: now,
            tags: Vec::new(),
            key_pairs: vec![KeyPair {
                app_key,
                app_secret,
                created_at: now,
                modified_at: now,
            }],
            app_codes: vec![AppCode {
                app_code,
                created_at: now,
                modified_at: now,
            }],
            app_code_reset_at: None,
        };
        app.put_tags(&new.tags);
        self.insert_app(scope, app);
        Ok(id)
    }

    /// Applies ModifyApp's changes: the app's own name is no conflict, another app's is.
    /// Nothing to change leaves the app, its modification time included, as it was.
    pub fn modify_app(
        &mut self,
        scope: &Scope,
        id: AppId,
        changes: AppChanges,
        now: OffsetDateTime,
    ) -> StoreResult<()> {
        let tenancy = self.tenancy_mut(scope).ok_or(APP_NOT_FOUND)?;
        let app = tenancy.apps.get(id).ok_or(APP_NOT_FOUND)?;
        if let Some(name) = &changes.name {
            if tenancy.apps.id_by_name(name).is_some_and(|owner| owner != id) {
                return Err(StoreError::Taken(Entity::AppName));
            }
        }
        if merged_tag_count(&app.tags, &changes.tags) > MAX_TAGS_PER_RESOURCE {
            return Err(StoreError::LimitReached(Entity::Tag));
        }
        if changes.is_empty() {
            return Ok(());
        }
        tenancy.apps.update(id, |app| {
            if let Some(name) = changes.name {
                app.name = name;
            }
            if let Some(description) = changes.description {
                app.description = description;
            }
            if let Some(extend) = changes.extend {
                app.extend = extend;
            }
            if let Some(disabled) = changes.disabled {
                app.disabled = disabled;
            }
            app.put_tags(&changes.tags);
            app.modified_at = now;
        });
        Ok(())
    }

    /// Removes an app with its credentials and tags.
    pub fn delete_app(&mut self, scope: &Scope, id: AppId) -> StoreResult<App> {
        let tenancy = self.tenancy_mut(scope).ok_or(APP_NOT_FOUND)?;
        let app = tenancy.apps.remove(id).ok_or(APP_NOT_FOUND)?;
        self.app_ids.remove(&id);
        self.forget_app_authorizations(id);
        self.forget_if_empty(scope);
        for pair in &app.key_pairs {
            self.app_keys.remove(&pair.app_key);
        }
        for code in &app.app_codes {
            self.app_codes.remove(&code.app_code);
        }
        if let Some(count) = self.apps_per_account.get_mut(&scope.account_uid) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                self.apps_per_account.remove(&scope.account_uid);
            }
        }
        Ok(app)
    }

    /// ResetAppSecret: the pair holding `app_key` gets `new_key` (if given; globally unique)
    /// and `new_secret` (or a generated one).
    pub fn reset_app_secret(
        &mut self,
        scope: &Scope,
        app_key: &str,
        new_key: Option<String>,
        new_secret: Option<String>,
        now: OffsetDateTime,
    ) -> StoreResult<()> {
        let key_not_found = StoreError::NotFound(Entity::AppKey);
        let id = self.app_id_by_key(scope, app_key).ok_or(key_not_found)?;
        let new_key = new_key.filter(|key| key != app_key);
        if new_key.as_ref().is_some_and(|key| self.app_keys.contains_key(key)) {
            return Err(StoreError::Taken(Entity::AppKey));
        }
        let secret = new_secret.unwrap_or_else(random_hex32);
        let tenancy = self.tenancy_mut(scope).ok_or(key_not_found)?;
        tenancy.apps.update(id, |app| {
            if let Some(pair) = app.key_pairs.iter_mut().find(|p| p.app_key == app_key) {
                if let Some(key) = &new_key {
                    pair.app_key.clone_from(key);
                }
                pair.app_secret = secret;
                pair.modified_at = now;
            }
        });
        if let Some(key) = new_key {
            self.app_keys.remove(app_key);
            let owner = self.owner(scope);
            self.app_keys.insert(key, (owner, id));
        }
        Ok(())
    }

    /// ResetAppCode: `app_code` becomes `new_code` (or a generated one), at most once a minute
    /// per app.
    pub fn reset_app_code(
        &mut self,
        scope: &Scope,
        app_code: &str,
        new_code: Option<String>,
        now: OffsetDateTime,
    ) -> StoreResult<()> {
        let code_not_found = StoreError::NotFound(Entity::AppCode);
        let id = self.app_id_by_code(scope, app_code).ok_or(code_not_found)?;
        if new_code.as_ref().is_some_and(|code| self.app_codes.contains_key(code)) {
            return Err(StoreError::Taken(Entity::AppCode));
        }
        let app = self.app(scope, id)?;
        if app
            .app_code_reset_at
            .is_some_and(|last| now - last < APP_CODE_RESET_INTERVAL)
        {
            return Err(StoreError::TooSoon(Entity::AppCode));
        }
        let new_code = new_code.unwrap_or_else(|| self.fresh_app_code());
        let tenancy = self.tenancy_mut(scope).ok_or(code_not_found)?;
        tenancy.apps.update(id, |app| {
            if let Some(code) = app.app_codes.iter_mut().find(|c| c.app_code == app_code) {
                code.app_code.clone_from(&new_code);
                code.modified_at = now;
            }
            app.app_code_reset_at = Some(now);
        });
        self.app_codes.remove(app_code);
        let owner = self.owner(scope);
        self.app_codes.insert(new_code, (owner, id));
        Ok(())
    }

    /// CreateAppKey: one more key pair for the app.
    pub fn add_key_pair(
        &mut self,
        scope: &Scope,
        id: AppId,
        app_key: Option<String>,
        app_secret: Option<String>,
        now: OffsetDateTime,
    ) -> StoreResult<()> {
        let app = self.app(scope, id)?;
        if app_key.as_ref().is_some_and(|key| self.app_keys.contains_key(key)) {
            return Err(StoreError::Taken(Entity::AppKey));
        }
        if app.key_pairs.len() >= MAX_CREDENTIALS_PER_APP {
            return Err(StoreError::LimitReached(Entity::AppKey));
        }
        let app_key = app_key.unwrap_or_else(|| self.fresh_app_key());
        let pair = KeyPair {
            app_key: app_key.clone(),
            app_secret: app_secret.unwrap_or_else(random_hex32),
            created_at: now,
            modified_at: now,
        };
        if let Some(tenancy) = self.tenancy_mut(scope) {
            tenancy.apps.update(id, |app| app.key_pairs.push(pair));
        }
        let owner = self.owner(scope);
        self.app_keys.insert(app_key, (owner, id));
        Ok(())
    }

    /// DeleteAppKey: removes the pair holding `app_key` from the app.
    pub fn remove_key_pair(&mut self, scope: &Scope, id: AppId, app_key: &str) -> StoreResult<()> {
        self.app(scope, id)?;
        if self.app_id_by_key(scope, app_key) != Some(id) {
            return Err(StoreError::NotFound(Entity::AppKey));
        }
        if let Some(tenancy) = self.tenancy_mut(scope) {
            tenancy
                .apps
                .update(id, |app| app.key_pairs.retain(|p| p.app_key != app_key));
        }
        self.app_keys.remove(app_key);
        Ok(())
    }

    /// CreateAppCode: one more AppCode for the app.
    pub fn add_app_code(
        &mut self,
        scope: &Scope,
        id: AppId,
        app_code: Option<String>,
        now: OffsetDateTime,
    ) -> StoreResult<()> {
        let app = self.app(scope, id)?;
        if app_code.as_ref().is_some_and(|code| self.app_codes.contains_key(code)) {
            return Err(StoreError::Taken(Entity::AppCode));
        }
        if app.app_codes.len() >= MAX_CREDENTIALS_PER_APP {
            return Err(StoreError::LimitReached(Entity::AppCode));
        }
        let app_code = app_code.unwrap_or_else(|| self.fresh_app_code());
        let code = AppCode {
            app_code: app_code.clone(),
            created_at: now,
            modified_at: now,
        };
        if let Some(tenancy) = self.tenancy_mut(scope) {
            tenancy.apps.update(id, |app| app.app_codes.push(code));
        }
        let owner = self.owner(scope);
        self.app_codes.insert(app_code, (owner, id));
        Ok(())
    }

    /// DeleteAppCode: removes `app_code` from the app.
    pub fn remove_app_code(&mut self, scope: &Scope, id: AppId, app_code: &str) -> StoreResult<()> {
        self.app(scope, id)?;
        if self.app_id_by_code(scope, app_code) != Some(id) {
            return Err(StoreError::NotFound(Entity::AppCode));
        }
        if let Some(tenancy) = self.tenancy_mut(scope) {
            tenancy
                .apps
                .update(id, |app| app.app_codes.retain(|c| c.app_code != app_code));
        }
        self.app_codes.remove(app_code);
        Ok(())
    }

    /// TagResources on apps: every app must exist and stay within the tag limit, or none is
    /// tagged.
    pub fn tag_apps(&mut self, scope: &Scope, ids: &[AppId], tags: &[Tag]) -> StoreResult<()> {
        for id in ids {
            let app = self.app(scope, *id)?;
            if merged_tag_count(&app.tags, tags) > MAX_TAGS_PER_RESOURCE {
                return Err(StoreError::LimitReached(Entity::Tag));
            }
        }
        if let Some(tenancy) = self.tenancy_mut(scope) {
            for id in ids {
                tenancy.apps.update(*id, |app| app.put_tags(tags));
            }
        }
        Ok(())
    }

    /// UntagResources on apps: removes the keys given, or every tag when `keys` is `None`;
    /// every app must exist, or none is untagged.
    pub fn untag_apps(&mut self, scope: &Scope, ids: &[AppId], keys: Option<&[String]>) -> StoreResult<()> {
        for id in ids {
            self.app(scope, *id)?;
        }
        if let Some(tenancy) = self.tenancy_mut(scope) {
            for id in ids {
                tenancy.apps.update(*id, |app| remove_tags(&mut app.tags, keys));
            }
        }
        Ok(())
    }

    /// Puts an app in place with its index entries (CreateApp, and an import).
    pub(super) fn insert_app(&mut self, scope: &Scope, app: App) {
        let owner = self.owner(scope);
        for pair in &app.key_pairs {
            self.app_keys.insert(pair.app_key.clone(), (owner.clone(), app.id));
        }
        for code in &app.app_codes {
            self.app_codes.insert(code.app_code.clone(), (owner.clone(), app.id));
        }
        match self.apps_per_account.get_mut(&scope.account_uid) {
            Some(count) => *count += 1,
            None => {
                self.apps_per_account.insert(scope.account_uid.clone(), 1);
            }
        }
        self.ids.saw_app_id(app.id.min(MAX_APP_ID));
        self.app_ids.insert(app.id, owner.clone());
        self.tenancy_entry(owner).apps.insert(app);
    }

    /// A 9-digit AppKey, as the service's examples look, unique everywhere.
    fn fresh_app_key(&self) -> String {
        loop {
            let key = random_app_key();
            if !self.app_keys.contains_key(&key) {
                return key;
            }
        }
    }

    fn fresh_app_code(&self) -> String {
        loop {
            let code = random_hex32();
            if !self.app_codes.contains_key(&code) {
                return code;
            }
        }
    }

    /// The app holding an AppKey, whatever its account and region: the data plane knows a
    /// caller only by its key.
    pub fn app_by_key(&self, app_key: &str) -> Option<(&Scope, &App)> {
        let (scope, id) = self.app_keys.get(app_key)?;
        let app = self.tenancies.get(scope)?.apps.get(*id)?;
        Some((scope.as_ref(), app))
    }

    /// The app holding an AppCode, whatever its account and region.
    pub fn app_by_code(&self, app_code: &str) -> Option<(&Scope, &App)> {
        let (scope, id) = self.app_codes.get(app_code)?;
        let app = self.tenancies.get(scope)?.apps.get(*id)?;
        Some((scope.as_ref(), app))
    }

    pub(super) fn app_key_taken(&self, key: &str) -> bool {
        self.app_keys.contains_key(key)
    }

    pub(super) fn app_code_taken(&self, code: &str) -> bool {
        self.app_codes.contains_key(code)
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn scope(account: &str) -> Scope {
        Scope {
            account_uid: account.into(),
            region: "cn-hangzhou".into(),
        }
    }

    fn new_app(name: &str) -> NewApp {
        NewApp {
            name: name.into(),
            ..NewApp::default()
        }
    }

    const NOW: OffsetDateTime = datetime!(2026-11-30 09:31:28 UTC);

    #[test]
    fn names_are_unique_per_scope_only() {
        let mut world = World::default();
        world.create_app(&scope("1"), new_app("same"), 10, NOW).expect("first");
        let err = world
            .create_app(&scope("1"), new_app("same"), 10, NOW)
            .expect_err("repeated");
        assert_eq!(err, StoreError::Taken(Entity::AppName));
        world
            .create_app(&scope("2"), new_app("same"), 10, NOW)
            .expect("other account");
    }

    #[test]
    fn quota_counts_per_account_and_frees_on_delete() {
        let mut world = World::default();
        let id = world.create_app(&scope("1"), new_app("a1"), 1, NOW).expect("first");
        let err = world.create_app(&scope("1"), new_app("a2"), 1, NOW).expect_err("quota");
        assert_eq!(err, StoreError::LimitReached(Entity::App));
        world.delete_app(&scope("1"), id).expect("delete");
        world
            .create_app(&scope("1"), new_app("a2"), 1, NOW)
            .expect("room again");
    }

    #[test]
    fn another_accounts_app_is_not_found() {
        let mut world = World::default();
        let id = world
            .create_app(&scope("1"), new_app("mine"), 10, NOW)
            .expect("created");
        assert_eq!(
            world.app(&scope("2"), id).expect_err("hidden"),
            StoreError::NotFound(Entity::App)
        );
        assert_eq!(
            world.delete_app(&scope("2"), id).expect_err("hidden"),
            StoreError::NotFound(Entity::App)
        );
        assert!(world.app(&scope("1"), id).is_ok());
    }

    #[test]
    fn custom_app_keys_are_unique_everywhere_and_freed_on_delete() {
        let mut world = World::default();
        let with_key = |name: &str| NewApp {
            app_key: Some("60030986".into()),
            ..new_app(name)
        };
        let id = world
            .create_app(&scope("1"), with_key("first"), 10, NOW)
            .expect("created");
        let err = world
            .create_app(&scope("2"), with_key("second"), 10, NOW)
            .expect_err("taken");
        assert_eq!(err, StoreError::Taken(Entity::AppKey));
        world.delete_app(&scope("1"), id).expect("deleted");
        world
            .create_app(&scope("2"), with_key("second"), 10, NOW)
            .expect("free again");
    }

    #[test]
    fn generated_credentials_have_the_documented_shapes() {
        let mut world = World::default();
        let id = world
            .create_app(&scope("1"), new_app("shapes"), 10, NOW)
            .expect("created");
        assert!(id > i64::from(u32::MAX));
        let app = world.app(&scope("1"), id).expect("exists");
        let key = &app.key_pairs[0];
        assert_eq!(key.app_key.len(), 9);
        assert!(key.app_key.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(key.app_secret.len(), 32);
        assert_eq!(app.app_codes[0].app_code.len(), 32);
    }

    #[test]
    fn modify_keeps_its_own_name_and_refuses_another_apps() {
        let mut world = World::default();
        let a = world.create_app(&scope("1"), new_app("app_a"), 10, NOW).expect("a");
        world.create_app(&scope("1"), new_app("app_b"), 10, NOW).expect("b");
        let later = NOW + time::Duration::seconds(5);
        let same_name = AppChanges {
            name: Some("app_a".into()),
            ..AppChanges::default()
        };
        world.modify_app(&scope("1"), a, same_name, later).expect("own name");
        let taken = AppChanges {
            name: Some("app_b".into()),
            ..AppChanges::default()
        };
        let err = world.modify_app(&scope("1"), a, taken, later).expect_err("taken");
        assert_eq!(err, StoreError::Taken(Entity::AppName));
        let renamed = AppChanges {
            name: Some("app_c".into()),
            ..AppChanges::default()
        };
        world.modify_app(&scope("1"), a, renamed, later).expect("free name");
        let tenancy = world.tenancy(&scope("1")).expect("tenancy");
        assert_eq!(tenancy.app_id_by_name("app_c"), Some(a));
        assert_eq!(tenancy.app_id_by_name("app_a"), None);
        let newest: Vec<AppId> = tenancy.by_modification(true).map(|app| app.id).collect();
        assert_eq!(newest[0], a, "the modified app comes first");
    }

    #[test]
    fn modify_with_nothing_to_change_changes_nothing() {
        let mut world = World::default();
        let id = world
            .create_app(&scope("1"), new_app("steady"), 10, NOW)
            .expect("created");
        let later = NOW + time::Duration::seconds(5);
        world
            .modify_app(&scope("1"), id, AppChanges::default(), later)
            .expect("no-op");
        assert_eq!(world.app(&scope("1"), id).expect("exists").modified_at, NOW);
    }

    #[test]
    fn reset_secret_moves_the_key_index() {
        let mut world = World::default();
        let id = world
            .create_app(
                &scope("1"),
                NewApp {
                    app_key: Some("11111111".into()),
                    ..new_app("keyed")
                },
                10,
                NOW,
            )
            .expect("created");
        world
            .reset_app_secret(&scope("1"), "11111111", Some("22222222".into()), None, NOW)
            .expect("reset");
        assert_eq!(world.app_id_by_key(&scope("1"), "22222222"), Some(id));
        assert_eq!(world.app_id_by_key(&scope("1"), "11111111"), None);
        let err = world
            .reset_app_secret(&scope("2"), "22222222", None, None, NOW)
            .expect_err("other account");
        assert_eq!(err, StoreError::NotFound(Entity::AppKey));
    }

    #[test]
    fn app_codes_reset_once_a_minute() {
        let mut world = World::default();
        world
            .create_app(
                &scope("1"),
                NewApp {
                    app_code: Some("code1".into()),
                    ..new_app("coded")
                },
                10,
                NOW,
            )
            .expect("created");
        world
            .reset_app_code(&scope("1"), "code1", Some("code2".into()), NOW)
            .expect("first");
        let err = world
            .reset_app_code(&scope("1"), "code2", None, NOW + time::Duration::seconds(59))
            .expect_err("too soon");
        assert_eq!(err, StoreError::TooSoon(Entity::AppCode));
        world
            .reset_app_code(&scope("1"), "code2", None, NOW + time::Duration::seconds(60))
            .expect("a minute later");
    }

    #[test]
    fn tagging_is_all_or_nothing_and_bounded() {
        let mut world = World::default();
        let id = world
            .create_app(&scope("1"), new_app("tagged"), 10, NOW)
            .expect("created");
        let tag = |k: &str| Tag {
            key: k.into(),
            value: "v".into(),
        };
        let err = world
            .tag_apps(&scope("1"), &[id, 42], &[tag("a")])
            .expect_err("42 is unknown");
        assert_eq!(err, StoreError::NotFound(Entity::App));
        assert!(world.app(&scope("1"), id).expect("exists").tags.is_empty());
        let twenty: Vec<Tag> = (0..20).map(|i| tag(&format!("k{i}"))).collect();
        world.tag_apps(&scope("1"), &[id], &twenty).expect("twenty");
        world
            .tag_apps(&scope("1"), &[id], &[tag("k0")])
            .expect("overwrite is no new tag");
        let err = world.tag_apps(&scope("1"), &[id], &[tag("k20")]).expect_err("21st");
        assert_eq!(err, StoreError::LimitReached(Entity::Tag));
        world
            .untag_apps(&scope("1"), &[id], Some(&["k0".to_owned()]))
            .expect("untag");
        assert_eq!(world.app(&scope("1"), id).expect("exists").tags.len(), 19);
        world.untag_apps(&scope("1"), &[id], None).expect("all");
        assert!(world.app(&scope("1"), id).expect("exists").tags.is_empty());
    }

    #[test]
    fn extra_credentials_are_bounded_and_indexed() {
        let mut world = World::default();
        let id = world
            .create_app(&scope("1"), new_app("many_keys"), 10, NOW)
            .expect("created");
        for _ in 1..MAX_CREDENTIALS_PER_APP {
            world.add_key_pair(&scope("1"), id, None, None, NOW).expect("pair");
        }
        let err = world
            .add_key_pair(&scope("1"), id, None, None, NOW)
            .expect_err("bounded");
        assert_eq!(err, StoreError::LimitReached(Entity::AppKey));
        let key = world.app(&scope("1"), id).expect("exists").key_pairs[3].app_key.clone();
        world.remove_key_pair(&scope("1"), id, &key).expect("removed");
        assert_eq!(world.app_id_by_key(&scope("1"), &key), None);
        let err = world.remove_key_pair(&scope("1"), id, &key).expect_err("gone");
        assert_eq!(err, StoreError::NotFound(Entity::AppKey));
    }
}
