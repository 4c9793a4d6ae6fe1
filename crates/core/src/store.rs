//! State per (account, region): apps with their credentials and tags, the indexes that make
//! lookups by id, name, key and code cheap, and the id generator.
//!
//! One lock guards the whole world, so every action is atomic: a quota or a uniqueness check
//! and the insert it guards can never interleave with another request's.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard, PoisonError};

use rand::Rng;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{ApiError, ApiResult, ErrorCode};

pub type AppId = i64;

/// Where state lives: one account in one region.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Scope {
    pub account_uid: String,
    pub region: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub key: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyPair {
    pub app_key: String,
    pub app_secret: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub modified_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppCode {
    pub app_code: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub modified_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct App {
    pub id: AppId,
    pub name: String,
    pub description: String,
    pub extend: String,
    pub disabled: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub modified_at: OffsetDateTime,
    /// In the order first set; a key appears once.
    pub tags: Vec<Tag>,
    /// The first pair is the app's own; more come from CreateAppKey.
    pub key_pairs: Vec<KeyPair>,
    /// The first code is the app's own; more come from CreateAppCode.
    pub app_codes: Vec<AppCode>,
}

impl App {
    /// Sets tags, a key already present taking the new value.
    pub fn put_tags(&mut self, tags: &[Tag]) {
        for tag in tags {
            match self.tags.iter_mut().find(|t| t.key == tag.key) {
                Some(existing) => existing.value.clone_from(&tag.value),
                None => self.tags.push(tag.clone()),
            }
        }
    }
}

/// What CreateApp asks for; credentials left `None` are generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewApp {
    pub name: String,
    pub description: String,
    pub extend: String,
    pub tags: Vec<Tag>,
    pub app_key: Option<String>,
    pub app_secret: Option<String>,
    pub app_code: Option<String>,
}

/// The apps of one scope.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tenancy {
    pub apps: BTreeMap<AppId, App>,
    #[serde(skip)]
    by_name: HashMap<String, AppId>,
}

impl Tenancy {
    pub fn app(&self, id: AppId) -> Option<&App> {
        self.apps.get(&id)
    }

    pub fn app_id_by_name(&self, name: &str) -> Option<AppId> {
        self.by_name.get(name).copied()
    }
}

/// Everything the mock holds.
#[derive(Debug, Default)]
pub struct World {
    tenancies: HashMap<Scope, Tenancy>,
    apps_per_account: HashMap<String, usize>,
    /// AppKeys and AppCodes are unique across all accounts and regions.
    app_keys: HashMap<String, (Scope, AppId)>,
    app_codes: HashMap<String, (Scope, AppId)>,
    last_app_id: AppId,
}

/// Ids start above 2^32 so a client that keeps them in 32 bits fails against the mock too.
const FIRST_APP_ID: AppId = 10_000_000_001;

impl World {
    pub fn tenancy(&self, scope: &Scope) -> Option<&Tenancy> {
        self.tenancies.get(scope)
    }

    /// An app of this scope; another scope's app is as absent as a deleted one.
    pub fn app(&self, scope: &Scope, id: AppId) -> ApiResult<&App> {
        self.tenancies
            .get(scope)
            .and_then(|t| t.apps.get(&id))
            .ok_or(ApiError::new(ErrorCode::NotFoundApp))
    }

    pub fn app_mut(&mut self, scope: &Scope, id: AppId) -> ApiResult<&mut App> {
        self.tenancies
            .get_mut(scope)
            .and_then(|t| t.apps.get_mut(&id))
            .ok_or(ApiError::new(ErrorCode::NotFoundApp))
    }

    /// Apps per account UID, for every account that holds any.
    pub fn app_counts(&self) -> std::collections::BTreeMap<String, usize> {
        self.apps_per_account.iter().map(|(uid, n)| (uid.clone(), *n)).collect()
    }

    pub fn app_count(&self, account_uid: &str) -> usize {
        self.apps_per_account.get(account_uid).copied().unwrap_or(0)
    }

    /// Creates an app after checking the name, the custom credentials and the quota.
    pub fn create_app(&mut self, scope: &Scope, new: NewApp, quota: usize, now: OffsetDateTime) -> ApiResult<AppId> {
        if self
            .tenancies
            .get(scope)
            .and_then(|t| t.app_id_by_name(&new.name))
            .is_some()
        {
            return Err(ErrorCode::RepeatedAppName.into());
        }
        if new.app_key.as_ref().is_some_and(|key| self.app_keys.contains_key(key)) {
            return Err(ErrorCode::RepeatedAppKey.into());
        }
        if new
            .app_code
            .as_ref()
            .is_some_and(|code| self.app_codes.contains_key(code))
        {
            return Err(ErrorCode::RepeatedAppCode.into());
        }
        if self.app_count(&scope.account_uid) >= quota {
            return Err(ErrorCode::ExceedLimitApp.into());
        }
        let app_key = new.app_key.unwrap_or_else(|| self.fresh_app_key());
        let app_code = new.app_code.unwrap_or_else(|| self.fresh_app_code());
        let app_secret = new.app_secret.unwrap_or_else(random_hex32);
        self.last_app_id = self.last_app_id.max(FIRST_APP_ID - 1) + 1;
        let id = self.last_app_id;
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
        };
        app.put_tags(&new.tags);
        self.insert_app(scope.clone(), app);
        Ok(id)
    }

    /// Removes an app with its credentials and tags.
    pub fn delete_app(&mut self, scope: &Scope, id: AppId) -> ApiResult<App> {
        let tenancy = self
            .tenancies
            .get_mut(scope)
            .ok_or(ApiError::new(ErrorCode::NotFoundApp))?;
        let app = tenancy.apps.remove(&id).ok_or(ApiError::new(ErrorCode::NotFoundApp))?;
        tenancy.by_name.remove(&app.name);
        if tenancy.apps.is_empty() {
            self.tenancies.remove(scope);
        }
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

    fn insert_app(&mut self, scope: Scope, app: App) {
        for pair in &app.key_pairs {
            self.app_keys.insert(pair.app_key.clone(), (scope.clone(), app.id));
        }
        for code in &app.app_codes {
            self.app_codes.insert(code.app_code.clone(), (scope.clone(), app.id));
        }
        *self.apps_per_account.entry(scope.account_uid.clone()).or_insert(0) += 1;
        self.last_app_id = self.last_app_id.max(app.id);
        let tenancy = self.tenancies.entry(scope).or_default();
        tenancy.by_name.insert(app.name.clone(), app.id);
        tenancy.apps.insert(app.id, app);
    }

    /// A 9-digit AppKey, as the service's examples look, unique everywhere.
    fn fresh_app_key(&self) -> String {
        let mut rng = rand::rng();
        loop {
            let key = rng.random_range(200_000_000u32..=299_999_999).to_string();
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
}

/// 32 lower-case hex digits, the shape of generated secrets and codes.
pub fn random_hex32() -> String {
    let bytes: [u8; 16] = rand::rng().random();
    crate::protocol::signature::encode::lower_hex(&bytes)
}

/// The world behind one lock.
#[derive(Debug, Default)]
pub struct Store {
    world: Mutex<World>,
}

impl Store {
    /// Runs `f` with exclusive access to the world.
    pub fn with<R>(&self, f: impl FnOnce(&mut World) -> R) -> R {
        f(&mut self.lock())
    }

    fn lock(&self) -> MutexGuard<'_, World> {
        // A panic while holding the lock cannot leave a half-applied change: every mutation
        // validates first and then applies infallibly.
        self.world.lock().unwrap_or_else(PoisonError::into_inner)
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
        assert_eq!(err.code, ErrorCode::RepeatedAppName);
        world
            .create_app(&scope("2"), new_app("same"), 10, NOW)
            .expect("other account");
    }

    #[test]
    fn quota_counts_per_account_and_frees_on_delete() {
        let mut world = World::default();
        let id = world.create_app(&scope("1"), new_app("a1"), 1, NOW).expect("first");
        let err = world.create_app(&scope("1"), new_app("a2"), 1, NOW).expect_err("quota");
        assert_eq!(err.code, ErrorCode::ExceedLimitApp);
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
            world.app(&scope("2"), id).expect_err("hidden").code,
            ErrorCode::NotFoundApp
        );
        assert_eq!(
            world.delete_app(&scope("2"), id).expect_err("hidden").code,
            ErrorCode::NotFoundApp
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
        assert_eq!(err.code, ErrorCode::RepeatedAppKey);
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
}
