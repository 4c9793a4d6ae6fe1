//! App-to-API authorizations: "an application must be authorized to call an API". One
//! record per (app, API, stage), kept with the API's provider; the app may be another
//! account's (the API marketplace model), so the world keeps an index from each app to the
//! authorizations it holds.
//!
//! Authorizations may be given on an API not yet deployed and survive AbolishApi (the old
//! manual); re-granting overwrites; deleting the app or the API removes them.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::changes::{to_stored, ChangeSink, ChangedKeys, PersistedTable};
use super::{AppId, Entity, Scope, StoreError, StoreResult, World};

/// The most ids a comma list of the authorization actions names (documented: 100).
pub const MAX_IDS_PER_CALL: usize = 100;

/// One authorization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authorization {
    /// The app that may call (any account's).
    pub app_id: AppId,
    /// The provider's API it may call.
    pub api_id: String,
    /// The stage it may call the API in.
    pub stage: String,
    /// The grant's remark.
    pub description: String,
    /// When it stops; `None` is never.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub valid_until: Option<OffsetDateTime>,
    /// When it was granted (or granted again).
    #[serde(with = "time::serde::rfc3339")]
    pub authorized_at: OffsetDateTime,
}

impl Authorization {
    /// Whether it still lets the app call, at `now` on the mock's clock.
    pub fn is_valid_at(&self, now: OffsetDateTime) -> bool {
        self.valid_until.is_none_or(|until| now < until)
    }
}

/// The key of an authorization in its provider's table: API, stage, app.
pub type AuthorizationKey = (String, String, AppId);

/// One provider scope's authorizations, by API, stage and app.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthorizationTable {
    by_key: BTreeMap<AuthorizationKey, Authorization>,
    changed: ChangedKeys<AuthorizationKey>,
}

impl AuthorizationTable {
    /// Every authorization, by API, stage and app.
    pub fn iter(&self) -> impl Iterator<Item = &Authorization> {
        self.by_key.values()
    }

    /// Whether the scope's APIs have no authorization at all.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// The authorizations of one API, every stage, ordered by stage then app.
    pub fn of_api<'a>(&'a self, api_id: &'a str) -> impl Iterator<Item = &'a Authorization> + 'a {
        let start = (api_id.to_owned(), String::new(), AppId::MIN);
        self.by_key
            .range(start..)
            .take_while(move |((api, _, _), _)| api == api_id)
            .map(|(_, a)| a)
    }

    /// The authorization of one app on one API in one stage.
    pub fn get(&self, api_id: &str, stage: &str, app_id: AppId) -> Option<&Authorization> {
        self.by_key.get(&(api_id.to_owned(), stage.to_owned(), app_id))
    }

    pub(super) fn insert(&mut self, authorization: Authorization) {
        let key = (
            authorization.api_id.clone(),
            authorization.stage.clone(),
            authorization.app_id,
        );
        self.changed.mark(|| key.clone());
        self.by_key.insert(key, authorization);
    }

    fn remove(&mut self, key: &AuthorizationKey) -> Option<Authorization> {
        let removed = self.by_key.remove(key)?;
        self.changed.mark(|| key.clone());
        Some(removed)
    }
}

/// `api \0 stage \0 app`: sorts as the table does (ids and stage names hold no NUL; AppIds
/// are positive, so their big-endian bytes sort as the numbers).
fn stored_key((api_id, stage, app_id): &AuthorizationKey) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(api_id.len() + stage.len() + 10);
    bytes.extend_from_slice(api_id.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(stage.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(&app_id.unsigned_abs().to_be_bytes());
    bytes
}

impl PersistedTable for AuthorizationTable {
    fn family(&self) -> &'static str {
        "authorizations"
    }

    fn start_capture(&mut self) {
        self.changed.start();
    }

    fn take_changes(&mut self, out: ChangeSink<'_>) {
        for key in self.changed.take() {
            out(stored_key(&key), self.by_key.get(&key).map(to_stored));
        }
    }

    fn each_stored(&self, out: &mut dyn FnMut(Vec<u8>, Result<Vec<u8>, String>)) {
        for (key, authorization) in &self.by_key {
            out(stored_key(key), to_stored(authorization));
        }
    }
}

/// What SetAppsAuthorities and SetApisAuthorities grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The stage the apps may call in.
    pub stage: &'static str,
    /// The grant's remark.
    pub description: String,
    /// When it stops; `None` is never.
    pub valid_until: Option<OffsetDateTime>,
}

/// Where an app's authorization lives: the provider's scope and its key there.
pub type HeldAuthorization = (Arc<Scope>, AuthorizationKey);

impl World {
    /// The scope holding the app `id`, whatever the account.
    pub fn app_scope(&self, id: AppId) -> Option<&Scope> {
        self.app_ids.get(&id).map(AsRef::as_ref)
    }

    /// The authorization of an app on an API in a stage, wherever the API's provider is.
    pub fn authorization(&self, app_id: AppId, api_id: &str, stage: &str) -> Option<&Authorization> {
        let provider = self.api_ids.get(api_id)?;
        self.tenancies.get(provider)?.authorizations.get(api_id, stage, app_id)
    }

    /// Every authorization an app holds, with the provider scope of each, in a stable order.
    pub fn authorizations_of_app(&self, app_id: AppId) -> Vec<(&Scope, &Authorization)> {
        self.held_by_app
            .get(&app_id)
            .into_iter()
            .flatten()
            .filter_map(|(provider, (api, stage, app))| {
                let tenancy = self.tenancies.get(provider)?;
                Some((provider.as_ref(), tenancy.authorizations.get(api, stage, *app)?))
            })
            .collect()
    }

    /// Authorizes apps (of any account, in the provider's region) on the provider's APIs:
    /// every pair named must exist, or nothing is granted. Re-granting overwrites.
    pub fn authorize(
        &mut self,
        provider: &Scope,
        api_ids: &[String],
        app_ids: &[AppId],
        grant: &Grant,
        now: OffsetDateTime,
    ) -> StoreResult<()> {
        for api_id in api_ids {
            self.api(provider, None, api_id)?;
        }
        for app_id in app_ids {
            let in_region = self
                .app_scope(*app_id)
                .is_some_and(|scope| scope.region == provider.region);
            if !in_region {
                return Err(StoreError::NotFound(Entity::App));
            }
        }
        let owner = self.owner(provider);
        for api_id in api_ids {
            for app_id in app_ids {
                let authorization = Authorization {
                    app_id: *app_id,
                    api_id: api_id.clone(),
                    stage: grant.stage.to_owned(),
                    description: grant.description.clone(),
                    valid_until: grant.valid_until,
                    authorized_at: now,
                };
                self.insert_authorization(owner.clone(), authorization);
            }
        }
        Ok(())
    }

    /// Revokes what exists of the pairs named; none of them existing is
    /// `NotFound(Authorization)` (terraform takes it as already revoked).
    pub fn revoke(&mut self, provider: &Scope, api_ids: &[String], app_ids: &[AppId], stage: &str) -> StoreResult<()> {
        for api_id in api_ids {
            self.api(provider, None, api_id)?;
        }
        let mut removed = 0;
        for api_id in api_ids {
            for app_id in app_ids {
                let key = (api_id.clone(), stage.to_owned(), *app_id);
                if self.remove_authorization(provider, &key) {
                    removed += 1;
                }
            }
        }
        if removed == 0 {
            return Err(StoreError::NotFound(Entity::Authorization));
        }
        Ok(())
    }

    pub(super) fn insert_authorization(&mut self, owner: Arc<Scope>, authorization: Authorization) {
        let key = (
            authorization.api_id.clone(),
            authorization.stage.clone(),
            authorization.app_id,
        );
        self.held_by_app
            .entry(authorization.app_id)
            .or_default()
            .insert((owner.clone(), key));
        self.tenancy_entry(owner).authorizations.insert(authorization);
    }

    fn remove_authorization(&mut self, provider: &Scope, key: &AuthorizationKey) -> bool {
        let removed = self
            .tenancy_mut(provider)
            .and_then(|t| t.authorizations.remove(key))
            .is_some();
        if removed {
            if let Some(held) = self.held_by_app.get_mut(&key.2) {
                held.retain(|(scope, k)| !(scope.as_ref() == provider && k == key));
                if held.is_empty() {
                    self.held_by_app.remove(&key.2);
                }
            }
        }
        removed
    }

    /// Removes every authorization an app holds (the app is being deleted).
    pub(super) fn forget_app_authorizations(&mut self, app_id: AppId) {
        let Some(held) = self.held_by_app.remove(&app_id) else {
            return;
        };
        for (provider, key) in held {
            if let Some(tenancy) = self.tenancy_mut(&provider) {
                tenancy.authorizations.remove(&key);
            }
            self.forget_if_empty(&provider);
        }
    }

    /// Removes every authorization on an API (the API is being deleted).
    pub(super) fn forget_api_authorizations(&mut self, provider: &Scope, api_id: &str) {
        let keys: Vec<AuthorizationKey> = self
            .tenancies
            .get(provider)
            .map(|t| {
                t.authorizations
                    .of_api(api_id)
                    .map(|a| (a.api_id.clone(), a.stage.clone(), a.app_id))
                    .collect()
            })
            .unwrap_or_default();
        for key in keys {
            self.remove_authorization(provider, &key);
        }
    }
}

/// The app index's value: what an app holds, in a stable order.
pub type HeldByApp = BTreeSet<HeldAuthorization>;
